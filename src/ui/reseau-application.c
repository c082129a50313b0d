/* reseau-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "reseau-application.h"
#include "reseau-core.h"
#include "reseau-demo-relations.h"
#include "reseau-preferences-window.h"
#include "reseau-sync-controller.h"
#include "reseau-window.h"

/* The application owns the one database of the process. It starts opening
 * it in startup, while the window is being built, and hands it to the
 * window once it is open (or the reason it could not be).
 *
 * With --demo the database lives in a temporary folder, filled with a
 * generated network and deleted at shutdown; the process then runs
 * without registering on the session bus, so it can never be mistaken for
 * (or forward its work to) the instance that shows the user's data.
 *
 * The phone sync belongs to the application too (one controller for every
 * window, see reseau-sync-controller.c); it gets the database once it is
 * open, never the demo's. */

#define DEMO_CONTACTS 300
#define DEMO_SEED     1

struct _ReseauApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GCancellable   *cancellable;
  ReseauDatabase *database;       /* open and ready, or NULL */
  GError         *database_error;
  char           *backup_path;    /* offered when the database is corrupt */
  char           *demo_dir;
  char           *requested_view;
  ReseauSyncController *sync_controller;

  guint           signal_sources[3];

  guint           demo : 1;
  guint           restoring : 1;
};

G_DEFINE_FINAL_TYPE (ReseauApplication, reseau_application, ADW_TYPE_APPLICATION)

static void open_database (ReseauApplication *self);

ReseauApplication *
reseau_application_new (void)
{
  return g_object_new (RESEAU_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", APP_PATH,
                       NULL);
}

gboolean
reseau_application_is_demo (ReseauApplication *self)
{
  g_return_val_if_fail (RESEAU_IS_APPLICATION (self), FALSE);

  return self->demo;
}

ReseauSyncController *
reseau_application_get_sync_controller (ReseauApplication *self)
{
  g_return_val_if_fail (RESEAU_IS_APPLICATION (self), NULL);

  return self->sync_controller;
}

static ReseauWindow *
get_main_window (ReseauApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (RESEAU_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
update_restore_action (ReseauApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "restore-backup");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               self->backup_path != NULL && !self->restoring);
}

static void
apply_database_state (ReseauApplication *self,
                      ReseauWindow      *window)
{
  if (self->database_error != NULL)
    reseau_window_set_database_error (window, self->database_error, self->backup_path != NULL);
  else
    reseau_window_set_database (window, self->database);
}

static void
apply_database_state_to_windows (ReseauApplication *self)
{
  update_restore_action (self);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (RESEAU_IS_WINDOW (l->data))
        apply_database_state (self, l->data);
    }
}

static void
database_ready (ReseauApplication *self,
                ReseauDatabase    *database)
{
  g_set_object (&self->database, database);
  g_clear_error (&self->database_error);
  g_clear_pointer (&self->backup_path, g_free);
  apply_database_state_to_windows (self);

  /* The demo network is thrown away: nothing of it goes to a server. */
  if (!self->demo)
    reseau_sync_controller_set_database (self->sync_controller, database);
}

static void
database_failed (ReseauApplication *self,
                 ReseauDatabase    *database,
                 GError            *error)
{
  g_clear_object (&self->database);
  g_clear_error (&self->database_error);
  g_clear_pointer (&self->backup_path, g_free);

  self->database_error = error;
  reseau_sync_controller_set_database (self->sync_controller, NULL);
  if (g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_CORRUPT))
    self->backup_path = reseau_database_find_backup (database);

  apply_database_state_to_windows (self);
}

static void
fill_demo_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ReseauDatabase *database = task_data;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GError *error = NULL;
  GDate today;

  /* Generating and writing 300 contacts is a blocking job: it belongs on a
   * thread of its own, never on the one that draws the window. */
  contacts = reseau_demo_generate (DEMO_CONTACTS, DEMO_SEED);

  /* Then a year of history among them, so that the Timeline, the
   * follow-ups, the referrals and the network map have something to show. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (reseau_database_save_contacts (database, contacts, &error)
      && reseau_demo_add_relations (database, contacts, DEMO_SEED, &today, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
fill_demo_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReseauApplication *self = RESEAU_APPLICATION (object);
  ReseauDatabase *database = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_error_free (error);
      else
        database_failed (self, database, error);
      return;
    }

  database_ready (self, database);
}

static void
empty_trash_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!reseau_database_empty_trash_finish (RESEAU_DATABASE (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not empty the trash: %s", error->message);
}

static void
empty_interaction_trash_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!reseau_database_empty_interaction_trash_finish (RESEAU_DATABASE (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not empty the interactions’ trash: %s", error->message);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ReseauApplication) self = user_data;
  ReseauDatabase *database = RESEAU_DATABASE (object);
  GError *error = NULL;

  if (!reseau_database_open_finish (database, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_error_free (error);
      else
        database_failed (self, database, error);
      return;
    }

  if (self->demo)
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, fill_demo_cb, NULL);

      g_task_set_source_tag (task, open_cb);
      g_task_set_task_data (task, g_object_ref (database), g_object_unref);
      g_task_run_in_thread (task, fill_demo_thread);
      return;
    }

  /* What is still in the trash was deleted in a session that ended before
   * its Undo expired: no toast can bring it back any more. */
  reseau_database_empty_trash_async (database, self->cancellable, empty_trash_cb, NULL);
  reseau_database_empty_interaction_trash_async (database, self->cancellable,
                                                 empty_interaction_trash_cb, NULL);

  database_ready (self, database);
}

static void
open_database (ReseauApplication *self)
{
  g_autoptr(ReseauDatabase) database = NULL;
  g_autofree char *path = NULL;

  if (self->demo)
    {
      if (self->demo_dir == NULL)
        {
          g_autoptr(GError) error = NULL;

          self->demo_dir = g_dir_make_tmp ("reseau-demo-XXXXXX", &error);
          if (self->demo_dir == NULL)
            {
              database_failed (self, NULL,
                               g_error_new (RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_WRITABLE,
                                            _("No temporary folder for the demo network: %s"),
                                            error->message));
              return;
            }
        }

      path = g_build_filename (self->demo_dir, "reseau.db", NULL);
    }

  database = reseau_database_new (path);
  reseau_database_open_async (database, self->cancellable, open_cb, g_object_ref (self));
}

static gboolean
delete_recursively (GFile   *file,
                    GError **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (enumerator != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (enumerator, NULL, &child, NULL, error) && child != NULL)
        {
          if (!delete_recursively (child, error))
            return FALSE;
        }
    }

  return g_file_delete (file, NULL, error);
}

/* Restoring: the damaged file is copied aside, never deleted, so that
 * nothing the user had is lost even if the backup is older. */

static gboolean
move_aside_if_exists (const char  *path,
                      const char  *aside,
                      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) destination = g_file_new_for_path (aside);

  if (!g_file_query_exists (file, NULL))
    return TRUE;

  return g_file_move (file, destination, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, error);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GStrv paths = task_data;
  const char *path = paths[0];
  const char *backup_path = paths[1];
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) aside_file = g_file_new_for_path (aside);
  g_autoptr(GFile) backup = g_file_new_for_path (backup_path);
  GError *error = NULL;

  if (!g_file_copy (file, aside_file, G_FILE_COPY_NOFOLLOW_SYMLINKS, cancellable, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* A journal left beside the damaged file would be replayed into the
   * restored one: it goes aside with it. */
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (!move_aside_if_exists (from, to, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (!g_file_copy (backup, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                    cancellable, NULL, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  ReseauApplication *self = RESEAU_APPLICATION (object);
  g_autoptr(GError) error = NULL;

  self->restoring = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_error (&self->database_error);
      self->database_error = g_error_new (RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_CORRUPT,
                                          _("The backup could not be put back: %s"),
                                          error->message);
      apply_database_state_to_windows (self);
      return;
    }

  g_clear_error (&self->database_error);
  g_clear_pointer (&self->backup_path, g_free);
  apply_database_state_to_windows (self);
  open_database (self);
}

static void
restore_backup_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  ReseauApplication *self = user_data;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  GStrv paths;

  if (self->backup_path == NULL || self->restoring || self->demo)
    return;

  path = reseau_database_get_default_path ();
  paths = g_new0 (char *, 3);
  paths[0] = g_steal_pointer (&path);
  paths[1] = g_strdup (self->backup_path);

  self->restoring = TRUE;
  update_restore_action (self);
  reseau_sync_controller_set_database (self->sync_controller, NULL);

  /* The windows show that something is happening. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (RESEAU_IS_WINDOW (l->data))
        reseau_window_set_database (l->data, NULL);
    }

  task = g_task_new (self, self->cancellable, restore_cb, NULL);
  g_task_set_source_tag (task, restore_backup_action);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, restore_thread);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ReseauApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window (rather than quitting at once) lets the main
   * window save its state and empty the trash; the application ends when
   * the last one is gone. */
  if (windows == NULL)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  ReseauApplication *self = user_data;
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "modal", TRUE,
                        "application-name", PACKAGE_NAME,
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Réseau team"),
                        "comments", _("Look after your professional network"),
                        "website", "https://example.org/reseau",
                        "issue-url", "https://example.org/reseau/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line, "Name <email>" */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (about);
}

static ReseauPreferencesWindow *
show_preferences (ReseauApplication *self)
{
  GtkWindow *preferences = NULL;
  GtkWindow *parent;

  /* One Preferences window: a second would show accounts the first one
   * is changing. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (RESEAU_IS_PREFERENCES_WINDOW (l->data))
        preferences = l->data;
    }

  if (preferences == NULL)
    {
      parent = GTK_WINDOW (get_main_window (self));
      if (parent == NULL)
        parent = gtk_application_get_active_window (GTK_APPLICATION (self));
      preferences = reseau_preferences_window_new (parent, self->sync_controller);
      /* Listed among the application's windows, to be found again; and
       * gone with the main window, so that the application can end. */
      gtk_window_set_application (preferences, GTK_APPLICATION (self));
      gtk_window_set_destroy_with_parent (preferences, TRUE);
    }

  gtk_window_present (preferences);

  return RESEAU_PREFERENCES_WINDOW (preferences);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  show_preferences (user_data);
}

/* From the window's sync banner: the server refused the password. */
static void
reenter_password_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  ReseauApplication *self = user_data;
  ReseauPreferencesWindow *preferences = show_preferences (self);

  reseau_preferences_window_change_password (preferences, g_variant_get_int64 (parameter));
}

static void
show_view_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ReseauApplication *self = user_data;
  const char *view = g_variant_get_string (parameter, NULL);
  ReseauWindow *window = get_main_window (self);

  if (!reseau_window_is_view_name (view))
    return;

  /* Before the first activation there is no window yet: it opens on this
   * view instead of the last one. */
  if (window != NULL)
    reseau_window_show_view (window, view);
  else
    {
      g_free (self->requested_view);
      self->requested_view = g_strdup (view);
    }
}

static gboolean
on_quit_signal (gpointer user_data)
{
  /* Ended by the session or a terminal: leave the way Ctrl+Q does, so the
   * trash is emptied and a demo folder does not outlive the process. */
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);

  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "reenter-password", reenter_password_action, "x" },
  { "show-view", show_view_action, "s" },
  { "restore-backup", restore_backup_action },
};

static int
reseau_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  ReseauApplication *self = RESEAU_APPLICATION (application);
  const char *view = NULL;

  if (g_variant_dict_lookup (options, "view", "&s", &view) && !reseau_window_is_view_name (view))
    {
      /* Translators: the view names after the colon must stay in English, the user types them */
      g_printerr (_("Unknown view “%s”: choose contacts, timeline, follow-up, referrals, events or network."), view);
      g_printerr ("\n");
      return 2;
    }

  if (g_variant_dict_contains (options, "demo"))
    {
      self->demo = TRUE;
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  if (view != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Registering here makes the view reach the instance that is already
       * running, if there is one, through the app.show-view action. */
      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      g_action_group_activate_action (G_ACTION_GROUP (application), "show-view",
                                      g_variant_new_string (view));
    }

  return G_APPLICATION_CLASS (reseau_application_parent_class)->handle_local_options (application, options);
}

static void
reseau_application_startup (GApplication *application)
{
  ReseauApplication *self = RESEAU_APPLICATION (application);
  GtkApplication *gtk_application = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (reseau_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (gtk_application, "app.quit", (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (gtk_application, "app.preferences", (const char *[]) { "<Control>comma", NULL });
  update_restore_action (self);

  self->sync_controller = reseau_sync_controller_new ();

  self->signal_sources[0] = g_unix_signal_add (SIGTERM, on_quit_signal, self);
  self->signal_sources[1] = g_unix_signal_add (SIGINT, on_quit_signal, self);
  self->signal_sources[2] = g_unix_signal_add (SIGHUP, on_quit_signal, self);

  /* style.css under the resource base path is loaded by AdwApplication. */

  open_database (self);
}

static void
reseau_application_activate (GApplication *application)
{
  ReseauApplication *self = RESEAU_APPLICATION (application);
  ReseauWindow *window = get_main_window (self);

  if (window == NULL)
    {
      window = reseau_window_new (GTK_APPLICATION (self), self->demo);
      apply_database_state (self, window);
    }

  if (self->requested_view != NULL)
    {
      reseau_window_show_view (window, self->requested_view);
      g_clear_pointer (&self->requested_view, g_free);
    }

  gtk_window_present (GTK_WINDOW (window));
}

/* `reseau FILE…` and files opened from the file manager (the desktop
 * file's MimeType): the window shows, then offers to import them. */
static void
reseau_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  ReseauApplication *self = RESEAU_APPLICATION (application);
  g_autoptr(GPtrArray) to_import = g_ptr_array_new_with_free_func (g_object_unref);
  ReseauWindow *window;

  g_application_activate (application);

  window = get_main_window (self);
  if (window == NULL)
    return;

  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (to_import, g_object_ref (files[i]));

  reseau_window_import_files (window, to_import);
}

static void
reseau_application_shutdown (GApplication *application)
{
  ReseauApplication *self = RESEAU_APPLICATION (application);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_sources); i++)
    g_clear_handle_id (&self->signal_sources[i], g_source_remove);

  g_cancellable_cancel (self->cancellable);
  if (self->sync_controller != NULL)
    reseau_sync_controller_set_database (self->sync_controller, NULL);
  g_clear_object (&self->sync_controller);
  g_clear_object (&self->database);

  if (self->demo_dir != NULL)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (self->demo_dir);
      g_autoptr(GError) error = NULL;

      if (!delete_recursively (folder, &error))
        g_message ("Could not delete the demo network’s folder: %s", error->message);
    }

  G_APPLICATION_CLASS (reseau_application_parent_class)->shutdown (application);
}

static void
reseau_application_finalize (GObject *object)
{
  ReseauApplication *self = RESEAU_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);
  g_clear_error (&self->database_error);
  g_clear_pointer (&self->backup_path, g_free);
  g_clear_pointer (&self->demo_dir, g_free);
  g_clear_pointer (&self->requested_view, g_free);

  G_OBJECT_CLASS (reseau_application_parent_class)->finalize (object);
}

static void
reseau_application_class_init (ReseauApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = reseau_application_finalize;

  application_class->handle_local_options = reseau_application_handle_local_options;
  application_class->startup = reseau_application_startup;
  application_class->activate = reseau_application_activate;
  application_class->open = reseau_application_open;
  application_class->shutdown = reseau_application_shutdown;
}

static void
reseau_application_init (ReseauApplication *self)
{
  /* Built here rather than as a static table: main() has bound the text
   * domain by now, so --help speaks the user's language. */
  const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      _("Open a generated demo network in a temporary database, without touching your data"), NULL },
    { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
      _("Open on a view: contacts, timeline, follow-up, referrals, events or network"), _("VIEW") },
    { NULL }
  };

  self->cancellable = g_cancellable_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Look after your professional network.\n\n"
                                              "Files of contacts (vCard or CSV) given after the options are offered for import."));
}
