/* reseau-tag-cadences-group.c — Preferences: follow-up cadence by tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per tag that has a cadence, with a spin button and a remove
 * button, then a row to give one to another tag. A change in a spin button
 * is saved once the user has stopped clicking for a moment: each save
 * recomputes the due dates of everyone with the tag, which is worth doing
 * once, not at every step. The group reads everything again after an
 * addition or a removal; the Follow-up view reloads when its window is
 * active again.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "reseau-tag-cadences-group.h"

#define SAVE_DELAY_MS 400
#define MAX_CADENCE   3650
#define NEW_CADENCE   30

struct _ReseauTagCadencesGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Borrowed: children of the group */
  GtkWidget           *add_row;
  GtkDropDown         *tag_choice;
  GtkSpinButton       *new_days;
  GtkWidget           *add_button;
  GPtrArray           *tag_rows;   /* the rows shown for tags, to take away on reload */

  /* Owned */
  ReseauDatabase      *database;
  GCancellable        *cancellable;
  GtkStringList       *free_tags;  /* tags without a cadence, for tag_choice */
};

G_DEFINE_FINAL_TYPE (ReseauTagCadencesGroup, reseau_tag_cadences_group, ADW_TYPE_PREFERENCES_GROUP)

static void reload (ReseauTagCadencesGroup *self);

static void
show_error (ReseauTagCadencesGroup *self,
            const GError           *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (error->message));
  else
    g_warning ("Could not save a tag's cadence: %s", error->message);
}

/* Saving ------------------------------------------------------------------------- */

typedef struct
{
  ReseauTagCadencesGroup *self;
  gboolean                reload;
} SaveCall;

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree SaveCall *call = user_data;
  g_autoptr(ReseauTagCadencesGroup) self = call->self;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_set_tag_cadence_finish (RESEAU_DATABASE (object), result, &error))
    show_error (self, error);
  if (call->reload || error != NULL)
    reload (self);
}

static void
save (ReseauTagCadencesGroup *self,
      const char             *tag,
      guint                   days,
      gboolean                then_reload)
{
  SaveCall *call;

  if (self->database == NULL)
    return;

  call = g_new0 (SaveCall, 1);
  call->self = g_object_ref (self);
  call->reload = then_reload;
  /* Not cancelled with the group: a change made just before the window
   * closed is still saved. */
  reseau_database_set_tag_cadence_async (self->database, tag, days, NULL, saved_cb, call);
}

/* A tag's row ---------------------------------------------------------------------- */

typedef struct
{
  ReseauTagCadencesGroup *self;   /* not a reference: the group owns the row */
  GtkSpinButton          *spin;
  char                   *tag;
  guint                   save_id;
} TagRow;

static void
tag_row_save_now (TagRow *row)
{
  g_clear_handle_id (&row->save_id, g_source_remove);
  save (row->self, row->tag, (guint) gtk_spin_button_get_value_as_int (row->spin), FALSE);
}

static void
tag_row_free (TagRow *row)
{
  /* A change still waiting is saved rather than lost. */
  if (row->save_id != 0)
    tag_row_save_now (row);
  g_free (row->tag);
  g_free (row);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  TagRow *row = user_data;

  row->save_id = 0;
  tag_row_save_now (row);

  return G_SOURCE_REMOVE;
}

static void
on_days_changed (GtkSpinButton *spin,
                 TagRow        *row)
{
  g_clear_handle_id (&row->save_id, g_source_remove);
  row->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, row);
}

static void
on_remove_clicked (GtkButton *button,
                   TagRow    *row)
{
  g_clear_handle_id (&row->save_id, g_source_remove);
  save (row->self, row->tag, 0, TRUE);
}

static GtkWidget *
days_spin_new (guint       days,
               const char *accessible_label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (1, MAX_CADENCE, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), days);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);

  return spin;
}

static GtkWidget *
make_tag_row (ReseauTagCadencesGroup *self,
              const char             *tag,
              guint                   days)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  /* Translators: accessible name of a spin button; %s is a tag */
  g_autofree char *days_label = g_strdup_printf (_("Days between follow-ups for “%s”"), tag);
  /* Translators: accessible name of a button; %s is a tag */
  g_autofree char *remove_label = g_strdup_printf (_("Remove the cadence of “%s”"), tag);
  TagRow *data = g_new0 (TagRow, 1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tag);

  data->self = self;
  data->tag = g_strdup (tag);
  data->spin = GTK_SPIN_BUTTON (days_spin_new (days, days_label));
  g_signal_connect (data->spin, "value-changed", G_CALLBACK (on_days_changed), data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (data->spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (data->spin));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Cadence"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), data);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_object_set_data_full (G_OBJECT (row), "reseau-tag-row", data, (GDestroyNotify) tag_row_free);

  return row;
}

/* Loading ----------------------------------------------------------------------------- */

typedef struct
{
  ReseauTagCadencesGroup *self;
  GHashTable             *cadences;  /* tag → days */
} LoadCall;

static void
load_call_free (LoadCall *call)
{
  g_clear_object (&call->self);
  g_clear_pointer (&call->cadences, g_hash_table_unref);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadCall, load_call_free)

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
show_tags (ReseauTagCadencesGroup *self,
           GHashTable             *cadences,
           GStrv                   tags)
{
  g_autofree const char **with_cadence = (const char **) g_hash_table_get_keys_as_array (cadences, NULL);
  guint n_with = g_hash_table_size (cadences);

  for (guint i = 0; i < self->tag_rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->tag_rows, i));
  g_ptr_array_set_size (self->tag_rows, 0);

  /* The add row stays last. */
  g_object_ref (self->add_row);
  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->add_row);

  qsort (with_cadence, n_with, sizeof (char *), compare_tags);
  for (guint i = 0; i < n_with; i++)
    {
      GtkWidget *row = make_tag_row (self, with_cadence[i],
                                     GPOINTER_TO_UINT (g_hash_table_lookup (cadences, with_cadence[i])));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->tag_rows, row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->add_row);
  g_object_unref (self->add_row);

  gtk_string_list_splice (self->free_tags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->free_tags)), NULL);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (!g_hash_table_contains (cadences, tags[i]))
      gtk_string_list_append (self->free_tags, tags[i]);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->free_tags)) > 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->add_row), "");
  else if (tags == NULL || tags[0] == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->add_row),
                                 _("Tag your contacts first: their tags are listed here"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->add_row), _("Every tag has a cadence"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_choice),
                            g_list_model_get_n_items (G_LIST_MODEL (self->free_tags)) > 0);
  gtk_widget_set_sensitive (self->add_button,
                            g_list_model_get_n_items (G_LIST_MODEL (self->free_tags)) > 0);
}

static void
tags_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LoadCall) call = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = reseau_database_list_tags_finish (RESEAU_DATABASE (object), result, &error);

  if (error != NULL)
    {
      show_error (call->self, error);
      return;
    }

  show_tags (call->self, call->cadences, tags);
}

static void
cadences_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LoadCall) call = user_data;
  g_autoptr(GError) error = NULL;
  ReseauTagCadencesGroup *self = call->self;

  call->cadences = reseau_database_list_tag_cadences_finish (RESEAU_DATABASE (object), result, &error);
  if (call->cadences == NULL)
    {
      show_error (self, error);
      return;
    }

  reseau_database_list_tags_async (RESEAU_DATABASE (object), self->cancellable, tags_loaded_cb,
                                   g_steal_pointer (&call));
}

static void
reload (ReseauTagCadencesGroup *self)
{
  LoadCall *call;

  if (self->database == NULL)
    return;

  call = g_new0 (LoadCall, 1);
  call->self = g_object_ref (self);
  reseau_database_list_tag_cadences_async (self->database, self->cancellable, cadences_loaded_cb, call);
}

static void
on_add_clicked (ReseauTagCadencesGroup *self)
{
  GtkStringObject *chosen = gtk_drop_down_get_selected_item (self->tag_choice);

  if (chosen == NULL)
    return;

  save (self, gtk_string_object_get_string (chosen),
        (guint) gtk_spin_button_get_value_as_int (self->new_days), TRUE);
}

void
reseau_tag_cadences_group_set_database (ReseauTagCadencesGroup *self,
                                        ReseauDatabase         *database)
{
  g_return_if_fail (RESEAU_IS_TAG_CADENCES_GROUP (self));
  g_return_if_fail (database == NULL || RESEAU_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  gtk_widget_set_sensitive (self->add_row, database != NULL);
  reload (self);
}

GtkWidget *
reseau_tag_cadences_group_new (void)
{
  return g_object_new (RESEAU_TYPE_TAG_CADENCES_GROUP, NULL);
}

static void
reseau_tag_cadences_group_dispose (GObject *object)
{
  ReseauTagCadencesGroup *self = RESEAU_TAG_CADENCES_GROUP (object);

  /* Rows still waiting to save do so now (tag_row_free), then nothing
   * more is asked of the database. */
  if (self->tag_rows != NULL)
    for (guint i = 0; i < self->tag_rows->len; i++)
      g_object_set_data (g_ptr_array_index (self->tag_rows, i), "reseau-tag-row", NULL);
  g_clear_pointer (&self->tag_rows, g_ptr_array_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->free_tags);

  G_OBJECT_CLASS (reseau_tag_cadences_group_parent_class)->dispose (object);
}

static void
reseau_tag_cadences_group_class_init (ReseauTagCadencesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reseau_tag_cadences_group_dispose;
}

static void
reseau_tag_cadences_group_init (ReseauTagCadencesGroup *self)
{
  g_autoptr(GtkExpression) name = NULL;

  self->cancellable = g_cancellable_new ();
  self->tag_rows = g_ptr_array_new ();
  self->free_tags = gtk_string_list_new (NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Follow-up Cadence by Tag"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("People with one of these tags are due after this many days "
                                           "without news, unless they have a cadence of their own. With "
                                           "several, the shortest counts."));

  self->add_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("Add a Cadence"));

  name = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  self->tag_choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->free_tags)),
                                                       g_steal_pointer (&name)));
  gtk_widget_set_valign (GTK_WIDGET (self->tag_choice), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tag_choice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tag"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->add_row), GTK_WIDGET (self->tag_choice));

  self->new_days = GTK_SPIN_BUTTON (days_spin_new (NEW_CADENCE, _("Days between follow-ups")));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->add_row), GTK_WIDGET (self->new_days));

  self->add_button = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_set_valign (self->add_button, GTK_ALIGN_CENTER);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->add_row), self->add_button);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->add_row);
  /* Until a database comes (never in the demo network). */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->add_row), _("Only for your own contacts"));
  gtk_widget_set_sensitive (self->add_row, FALSE);
}
