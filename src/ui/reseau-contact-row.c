/* reseau-contact-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "reseau-contact-row.h"

/* Made once per recycled list row in the factory's setup; set_item only
 * changes what the existing widgets show, so scrolling through 100,000
 * contacts creates no widgets. */
struct _ReseauContactRow
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkLabel          *section_label;
  AdwAvatar         *avatar;
  GtkLabel          *name_label;
  GtkLabel          *subtitle_label;

  /* Owned */
  ReseauContactItem *item;
};

G_DEFINE_FINAL_TYPE (ReseauContactRow, reseau_contact_row, GTK_TYPE_WIDGET)

static void
reseau_contact_row_dispose (GObject *object)
{
  ReseauContactRow *self = RESEAU_CONTACT_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_CONTACT_ROW);

  /* The template's top box has no id, so disposing the template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (reseau_contact_row_parent_class)->dispose (object);
}

static void
reseau_contact_row_class_init (ReseauContactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_contact_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-contact-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauContactRow, section_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactRow, subtitle_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "contactrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
reseau_contact_row_init (ReseauContactRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
reseau_contact_row_new (void)
{
  return g_object_new (RESEAU_TYPE_CONTACT_ROW, NULL);
}

void
reseau_contact_row_set_item (ReseauContactRow  *self,
                             ReseauContactItem *item)
{
  const char *name = "";
  const char *subtitle = NULL;
  const char *section = NULL;
  gboolean section_start = FALSE;

  g_return_if_fail (RESEAU_IS_CONTACT_ROW (self));
  g_return_if_fail (item == NULL || RESEAU_IS_CONTACT_ITEM (item));

  if (!g_set_object (&self->item, item))
    return;

  if (item != NULL)
    {
      name = reseau_contact_item_get_display_name (item);
      subtitle = reseau_contact_item_get_subtitle (item);
      section = reseau_contact_item_get_section (item);
      section_start = reseau_contact_item_get_section_start (item);
    }

  gtk_label_set_label (self->name_label, name);
  adw_avatar_set_text (self->avatar, name);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && *subtitle != '\0');
  gtk_label_set_label (self->section_label, section);
  gtk_widget_set_visible (GTK_WIDGET (self->section_label), section_start && section != NULL);

  /* Screen readers (and the end-to-end tests) find a row by its name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

ReseauContactItem *
reseau_contact_row_get_item (ReseauContactRow *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_ROW (self), NULL);

  return self->item;
}
