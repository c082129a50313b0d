/* reseau-notifications.c — whether a desktop notification can be shown
 *
 * Two questions to the bus, one after the other: the names it has now,
 * then the names it can start. Either notification service will do:
 * org.gtk.Notifications (GNOME Shell), which GApplication prefers, or
 * org.freedesktop.Notifications (every other desktop).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-notifications.h"

static const char * const services[] = {
  "org.gtk.Notifications",
  "org.freedesktop.Notifications",
};

static gboolean
lists_a_service (GVariant *reply)
{
  g_autofree const char **names = NULL;

  g_variant_get (reply, "(^a&s)", &names);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    for (guint s = 0; s < G_N_ELEMENTS (services); s++)
      if (g_str_equal (names[i], services[s]))
        return TRUE;

  return FALSE;
}

static void ask_bus (GTask *task, GDBusConnection *bus, const char *method);

static void
on_names (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GVariant) reply = NULL;
  GError *error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (lists_a_service (reply))
    g_task_return_boolean (task, TRUE);
  else if (g_task_get_task_data (task) == NULL)
    {
      /* Not running now: perhaps the bus starts one on demand. */
      g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);
      ask_bus (g_steal_pointer (&task), G_DBUS_CONNECTION (object), "ListActivatableNames");
    }
  else
    g_task_return_boolean (task, FALSE);
}

static void
ask_bus (GTask           *task,
         GDBusConnection *bus,
         const char      *method)
{
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          method, NULL, G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          g_task_get_cancellable (task), on_names, task);
}

static void
on_bus (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  GError *error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  ask_bus (g_steal_pointer (&task), bus, "ListNames");
}

void
reseau_notifications_available_async (GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, reseau_notifications_available_async);

  /* In a Flatpak the portal takes notifications, and the bus the app sees
   * hides the services anyway. */
  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_bus_get (G_BUS_TYPE_SESSION, cancellable, on_bus, g_steal_pointer (&task));
}

gboolean
reseau_notifications_available_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
