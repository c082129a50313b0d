/* reseau-contact-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-contact-item.h"

struct _ReseauContactItem
{
  GObject     parent_instance;

  gint64      id;
  char       *uid;
  char       *display_name;
  char       *subtitle;
  const char *section;       /* static: an initial or a translated strength band */
  gboolean    section_start;
  int         kind;
};

G_DEFINE_FINAL_TYPE (ReseauContactItem, reseau_contact_item, G_TYPE_OBJECT)

static void
reseau_contact_item_finalize (GObject *object)
{
  ReseauContactItem *self = (ReseauContactItem *)object;

  g_free (self->uid);
  g_free (self->display_name);
  g_free (self->subtitle);

  G_OBJECT_CLASS (reseau_contact_item_parent_class)->finalize (object);
}

static void
reseau_contact_item_class_init (ReseauContactItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reseau_contact_item_finalize;
}

static void
reseau_contact_item_init (ReseauContactItem *self)
{
}

ReseauContactItem *
reseau_contact_item_new (gint64      id,
                         const char *uid,
                         const char *display_name,
                         const char *subtitle,
                         const char *section,
                         gboolean    section_start,
                         int         kind)
{
  ReseauContactItem *self = g_object_new (RESEAU_TYPE_CONTACT_ITEM, NULL);

  self->id = id;
  self->uid = g_strdup (uid);
  self->display_name = g_strdup (display_name);
  self->subtitle = g_strdup (subtitle);
  self->section = section;
  self->section_start = section_start;
  self->kind = kind;

  return self;
}

gint64
reseau_contact_item_get_id (ReseauContactItem *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_ITEM (self), 0);
  return self->id;
}

const char *
reseau_contact_item_get_uid (ReseauContactItem *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_ITEM (self), NULL);
  return self->uid;
}

const char *
reseau_contact_item_get_display_name (ReseauContactItem *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_ITEM (self), NULL);
  return self->display_name;
}

const char *
reseau_contact_item_get_subtitle (ReseauContactItem *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_ITEM (self), NULL);
  return self->subtitle;
}

const char *
reseau_contact_item_get_section (ReseauContactItem *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_ITEM (self), NULL);
  return self->section;
}

gboolean
reseau_contact_item_get_section_start (ReseauContactItem *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_ITEM (self), FALSE);
  return self->section_start;
}

int
reseau_contact_item_get_kind (ReseauContactItem *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_ITEM (self), 0);
  return self->kind;
}
