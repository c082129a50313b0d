/* reseau-notifications.h — whether a desktop notification can be shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* GApplication sends notifications through the desktop portal inside a
 * sandbox, and otherwise straight to a notification server on the session
 * bus — and when none is there, GLib logs a warning for every one sent.
 * This finds out beforehand: TRUE inside a sandbox, or when a
 * notification server is on the bus or can be started by it. */
void     reseau_notifications_available_async  (GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean reseau_notifications_available_finish (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
