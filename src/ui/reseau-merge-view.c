/* reseau-merge-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-merge-view.h"

/* The grid has a column of field names and one column per contact; a
 * field that neither contact has gets no row, so that the differences
 * stand out. The grid is rebuilt for each pair: it holds a few dozen
 * labels, never a list that needs recycling. */

struct _ReseauMergeView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkGrid        *grid;

  /* Widgets made in code */
  GtkCheckButton *keep_buttons[2];

  /* Owned */
  ReseauContact  *contacts[2];
};

G_DEFINE_FINAL_TYPE (ReseauMergeView, reseau_merge_view, ADW_TYPE_BIN)

typedef char *(*FieldText) (ReseauContact *contact);

static char *
join_values (GPtrArray *values)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < values->len; i++)
    {
      const ReseauLabeledValue *value = g_ptr_array_index (values, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, value->value);
      if (value->label != NULL && *value->label != '\0')
        g_string_append_printf (text, " (%s)", value->label);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
text_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static char *
name_text (ReseauContact *contact)
{
  return text_or_null (reseau_contact_get_display_name (contact));
}

static char *
organization_text (ReseauContact *contact)
{
  return text_or_null (reseau_contact_get_organization (contact));
}

static char *
title_text (ReseauContact *contact)
{
  return text_or_null (reseau_contact_get_title (contact));
}

static char *
role_text (ReseauContact *contact)
{
  return text_or_null (reseau_contact_get_role (contact));
}

static char *
emails_text (ReseauContact *contact)
{
  return join_values (reseau_contact_get_values (contact, RESEAU_FIELD_EMAIL));
}

static char *
phones_text (ReseauContact *contact)
{
  return join_values (reseau_contact_get_values (contact, RESEAU_FIELD_PHONE));
}

static char *
urls_text (ReseauContact *contact)
{
  return join_values (reseau_contact_get_values (contact, RESEAU_FIELD_URL));
}

static char *
addresses_text (ReseauContact *contact)
{
  GPtrArray *addresses = reseau_contact_get_addresses (contact);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *formatted = reseau_address_format (g_ptr_array_index (addresses, i));

      if (formatted == NULL || *formatted == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, formatted);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
birthday_text (ReseauContact *contact)
{
  return reseau_contact_format_birthday (contact);
}

static char *
anniversary_text (ReseauContact *contact)
{
  return reseau_contact_format_anniversary (contact);
}

static char *
tags_text (ReseauContact *contact)
{
  GPtrArray *tags = reseau_contact_get_tags (contact);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < tags->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (tags, i));
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static char *
how_met_text (ReseauContact *contact)
{
  return text_or_null (reseau_contact_get_how_met (contact));
}

static char *
note_text (ReseauContact *contact)
{
  return text_or_null (reseau_contact_get_note (contact));
}

static const struct {
  const char *name;
  FieldText   text;
} fields[] = {
  { N_("Name"),         name_text },
  { N_("Organization"), organization_text },
  { N_("Job title"),    title_text },
  { N_("Role"),         role_text },
  { N_("Email"),        emails_text },
  { N_("Phone"),        phones_text },
  { N_("Addresses"),    addresses_text },
  { N_("Websites"),     urls_text },
  { N_("Birthday"),     birthday_text },
  /* Translators: a wedding or other anniversary (vCard ANNIVERSARY), not the birthday */
  { N_("Anniversary"),  anniversary_text },
  { N_("Tags"),         tags_text },
  { N_("How we met"),   how_met_text },
  { N_("Notes"),        note_text },
};

static GtkWidget *
make_value_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text != NULL ? text : "—");

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  if (text == NULL)
    gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
rebuild (ReseauMergeView *self)
{
  GtkWidget *child;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  self->keep_buttons[0] = self->keep_buttons[1] = NULL;

  if (self->contacts[0] == NULL || self->contacts[1] == NULL)
    return;

  for (guint column = 0; column < 2; column++)
    {
      const char *name = reseau_contact_get_display_name (self->contacts[column]);
      g_autofree char *accessible = NULL;
      GtkWidget *button = gtk_check_button_new_with_mnemonic (_("_Main contact"));

      /* Translators: %s is a contact's name, in "Keep Anne Martin as the main contact" */
      accessible = g_strdup_printf (_("Keep %s as the main contact"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      if (column == 1)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), self->keep_buttons[0]);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (button), column == 0);
      self->keep_buttons[column] = GTK_CHECK_BUTTON (button);
      gtk_grid_attach (self->grid, button, (int) column + 1, row, 1, 1);
    }
  row++;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *first = fields[i].text (self->contacts[0]);
      g_autofree char *second = fields[i].text (self->contacts[1]);
      GtkWidget *name;

      if (first == NULL && second == NULL)
        continue;

      name = gtk_label_new (_(fields[i].name));
      gtk_label_set_xalign (GTK_LABEL (name), 1.0f);
      gtk_label_set_yalign (GTK_LABEL (name), 0.0f);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_grid_attach (self->grid, name, 0, row, 1, 1);

      gtk_grid_attach (self->grid, make_value_label (first), 1, row, 1, 1);
      gtk_grid_attach (self->grid, make_value_label (second), 2, row, 1, 1);

      /* The names head the columns. */
      if (i == 0)
        {
          gtk_widget_add_css_class (gtk_grid_get_child_at (self->grid, 1, row), "heading");
          gtk_widget_add_css_class (gtk_grid_get_child_at (self->grid, 2, row), "heading");
        }
      row++;
    }
}

void
reseau_merge_view_set_contacts (ReseauMergeView *self,
                                ReseauContact   *first,
                                ReseauContact   *second)
{
  g_return_if_fail (RESEAU_IS_MERGE_VIEW (self));
  g_return_if_fail (first == NULL || RESEAU_IS_CONTACT (first));
  g_return_if_fail (second == NULL || RESEAU_IS_CONTACT (second));

  g_set_object (&self->contacts[0], first);
  g_set_object (&self->contacts[1], second);
  rebuild (self);
}

static gboolean
keeps_second (ReseauMergeView *self)
{
  return self->keep_buttons[1] != NULL && gtk_check_button_get_active (self->keep_buttons[1]);
}

ReseauContact *
reseau_merge_view_get_keep (ReseauMergeView *self)
{
  g_return_val_if_fail (RESEAU_IS_MERGE_VIEW (self), NULL);

  return self->contacts[keeps_second (self) ? 1 : 0];
}

ReseauContact *
reseau_merge_view_get_other (ReseauMergeView *self)
{
  g_return_val_if_fail (RESEAU_IS_MERGE_VIEW (self), NULL);

  return self->contacts[keeps_second (self) ? 0 : 1];
}

void
reseau_merge_view_set_keep_second (ReseauMergeView *self,
                                   gboolean         keep_second)
{
  g_return_if_fail (RESEAU_IS_MERGE_VIEW (self));

  if (self->keep_buttons[0] == NULL)
    return;

  gtk_check_button_set_active (self->keep_buttons[keep_second ? 1 : 0], TRUE);
}

static void
reseau_merge_view_dispose (GObject *object)
{
  ReseauMergeView *self = RESEAU_MERGE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_MERGE_VIEW);
  self->keep_buttons[0] = self->keep_buttons[1] = NULL;
  g_clear_object (&self->contacts[0]);
  g_clear_object (&self->contacts[1]);

  G_OBJECT_CLASS (reseau_merge_view_parent_class)->dispose (object);
}

static void
reseau_merge_view_class_init (ReseauMergeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_merge_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-merge-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauMergeView, grid);
}

static void
reseau_merge_view_init (ReseauMergeView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
reseau_merge_view_new (void)
{
  return g_object_new (RESEAU_TYPE_MERGE_VIEW, NULL);
}
