/* reseau-application.h — the application: options, database, app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-sync-controller.h"

G_BEGIN_DECLS

#define RESEAU_TYPE_APPLICATION (reseau_application_get_type ())

G_DECLARE_FINAL_TYPE (ReseauApplication, reseau_application, RESEAU, APPLICATION, AdwApplication)

ReseauApplication *reseau_application_new       (void);
/* TRUE when this process shows the generated demo network (--demo). */
gboolean           reseau_application_is_demo   (ReseauApplication *self);
/* The phone sync of every window; NULL before startup and after shutdown. */
ReseauSyncController *reseau_application_get_sync_controller (ReseauApplication *self);

G_END_DECLS
