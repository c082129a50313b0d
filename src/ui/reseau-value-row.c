/* reseau-value-row.c — one labelled email, phone or web address in the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "reseau-value-row.h"

struct _ReseauValueRow
{
  AdwEntryRow parent_instance;

  /* Template widgets */
  GtkEntry    *custom_entry;
  GtkDropDown *label_dropdown;
  GtkButton   *remove_button;

  /* Owned */
  char        *original_label;

  ReseauField         field;
  const char * const *keys;
  guint               n_keys;
  /* Where the label the row was given landed in the drop-down: while the
   * user leaves it there, that label is kept exactly as it came ("cell",
   * "WORK", none at all), so that opening and saving a card changes
   * nothing. */
  guint               original_index;
  guint               syncing : 1;
};

G_DEFINE_FINAL_TYPE (ReseauValueRow, reseau_value_row, ADW_TYPE_ENTRY_ROW)

enum {
  EDITED,
  REMOVE_REQUESTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char * const email_keys[] = { "work", "home", "other" };
static const char * const phone_keys[] = { "mobile", "work", "home", "fax", "pager", "other" };
static const char * const url_keys[] = { "work", "home", "other" };

const char *
reseau_value_label_to_display (const char *label)
{
  if (label == NULL)
    return NULL;

  if (g_ascii_strcasecmp (label, "work") == 0)
    return _("Work");
  if (g_ascii_strcasecmp (label, "home") == 0)
    return _("Home");
  if (g_ascii_strcasecmp (label, "mobile") == 0 ||
      g_ascii_strcasecmp (label, "cell") == 0)
    return _("Mobile");
  if (g_ascii_strcasecmp (label, "other") == 0)
    return _("Other");
  if (g_ascii_strcasecmp (label, "fax") == 0)
    return _("Fax");
  if (g_ascii_strcasecmp (label, "pager") == 0)
    return _("Pager");

  return label;
}

static guint
find_key (ReseauValueRow *self,
          const char     *key)
{
  for (guint i = 0; i < self->n_keys; i++)
    if (g_ascii_strcasecmp (self->keys[i], key) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static void
emit_edited (ReseauValueRow *self)
{
  if (!self->syncing)
    g_signal_emit (self, signals[EDITED], 0);
}

static void
on_remove_clicked (ReseauValueRow *self)
{
  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

static void
on_selected_changed (ReseauValueRow *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->label_dropdown) == self->n_keys;

  gtk_widget_set_visible (GTK_WIDGET (self->custom_entry), custom);
  if (custom && !self->syncing)
    gtk_widget_grab_focus (GTK_WIDGET (self->custom_entry));

  emit_edited (self);
}

static void
reseau_value_row_finalize (GObject *object)
{
  ReseauValueRow *self = (ReseauValueRow *)object;

  g_clear_pointer (&self->original_label, g_free);

  G_OBJECT_CLASS (reseau_value_row_parent_class)->finalize (object);
}

static void
reseau_value_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RESEAU_TYPE_VALUE_ROW);

  G_OBJECT_CLASS (reseau_value_row_parent_class)->dispose (object);
}

static void
reseau_value_row_class_init (ReseauValueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_value_row_dispose;
  object_class->finalize = reseau_value_row_finalize;

  /* "changed" is taken by GtkEditable, which the entry row implements. */
  signals[EDITED] =
    g_signal_new ("edited",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-value-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauValueRow, custom_entry);
  gtk_widget_class_bind_template_child (widget_class, ReseauValueRow, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ReseauValueRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
}

static void
reseau_value_row_init (ReseauValueRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->label_dropdown, "notify::selected",
                            G_CALLBACK (on_selected_changed), self);
  g_signal_connect_swapped (self->custom_entry, "changed",
                            G_CALLBACK (emit_edited), self);
  g_signal_connect_swapped (self, "changed",
                            G_CALLBACK (emit_edited), self);
}

GtkWidget *
reseau_value_row_new (ReseauField field)
{
  ReseauValueRow *self;
  g_autoptr(GtkStringList) labels = NULL;
  const char *title = NULL;
  const char *remove_tooltip = NULL;
  const char *label_name = NULL;
  const char *default_label = NULL;
  GtkInputPurpose purpose = GTK_INPUT_PURPOSE_FREE_FORM;

  g_return_val_if_fail (field < RESEAU_N_FIELDS, NULL);

  self = g_object_new (RESEAU_TYPE_VALUE_ROW, NULL);
  self->field = field;

  switch (field)
    {
    case RESEAU_FIELD_EMAIL:
      self->keys = email_keys;
      self->n_keys = G_N_ELEMENTS (email_keys);
      title = _("Email");
      label_name = _("Email label");
      remove_tooltip = _("Remove Email");
      purpose = GTK_INPUT_PURPOSE_EMAIL;
      default_label = "work";
      break;

    case RESEAU_FIELD_PHONE:
      self->keys = phone_keys;
      self->n_keys = G_N_ELEMENTS (phone_keys);
      title = _("Phone");
      label_name = _("Phone label");
      remove_tooltip = _("Remove Phone Number");
      purpose = GTK_INPUT_PURPOSE_PHONE;
      default_label = "mobile";
      break;

    case RESEAU_FIELD_URL:
      self->keys = url_keys;
      self->n_keys = G_N_ELEMENTS (url_keys);
      title = _("Website");
      label_name = _("Website label");
      remove_tooltip = _("Remove Website");
      purpose = GTK_INPUT_PURPOSE_URL;
      default_label = "work";
      break;

    case RESEAU_N_FIELDS:
    default:
      g_assert_not_reached ();
    }

  labels = gtk_string_list_new (NULL);
  for (guint i = 0; i < self->n_keys; i++)
    gtk_string_list_append (labels, reseau_value_label_to_display (self->keys[i]));
  gtk_string_list_append (labels, _("Custom…"));

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (labels));
  self->syncing = FALSE;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self), purpose);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove_tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label_name,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_tooltip,
                                  -1);

  reseau_value_row_set_label (self, default_label);

  return GTK_WIDGET (self);
}

ReseauField
reseau_value_row_get_field (ReseauValueRow *self)
{
  g_return_val_if_fail (RESEAU_IS_VALUE_ROW (self), RESEAU_FIELD_EMAIL);

  return self->field;
}

char *
reseau_value_row_dup_label (ReseauValueRow *self)
{
  guint selected;

  g_return_val_if_fail (RESEAU_IS_VALUE_ROW (self), NULL);

  selected = gtk_drop_down_get_selected (self->label_dropdown);

  if (selected == self->original_index && selected < self->n_keys)
    return g_strdup (self->original_label);

  if (selected < self->n_keys)
    return g_strdup (self->keys[selected]);

  return reseau_text_strip_or_null (gtk_editable_get_text (GTK_EDITABLE (self->custom_entry)));
}

void
reseau_value_row_set_label (ReseauValueRow *self,
                            const char     *label)
{
  guint index;

  g_return_if_fail (RESEAU_IS_VALUE_ROW (self));

  g_free (self->original_label);
  self->original_label = g_strdup (label);

  if (label == NULL || *label == '\0')
    index = find_key (self, "other");
  else if (g_ascii_strcasecmp (label, "cell") == 0)
    index = find_key (self, "mobile");
  else
    index = find_key (self, label);

  self->syncing = TRUE;
  if (index == GTK_INVALID_LIST_POSITION)
    {
      index = self->n_keys;
      gtk_editable_set_text (GTK_EDITABLE (self->custom_entry), label);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->custom_entry), "");
    }
  self->original_index = index;
  gtk_drop_down_set_selected (self->label_dropdown, index);
  gtk_widget_set_visible (GTK_WIDGET (self->custom_entry), index == self->n_keys);
  self->syncing = FALSE;
}

char *
reseau_value_row_dup_value (ReseauValueRow *self)
{
  g_return_val_if_fail (RESEAU_IS_VALUE_ROW (self), NULL);

  return reseau_text_strip_or_null (gtk_editable_get_text (GTK_EDITABLE (self)));
}

void
reseau_value_row_set_value (ReseauValueRow *self,
                            const char     *value)
{
  g_return_if_fail (RESEAU_IS_VALUE_ROW (self));

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), value != NULL ? value : "");
  self->syncing = FALSE;
}

void
reseau_value_row_focus (ReseauValueRow *self)
{
  g_return_if_fail (RESEAU_IS_VALUE_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self));
}
