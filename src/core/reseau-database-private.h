/* reseau-database-private.h — shared by the files that make up ReseauDatabase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "reseau-database.h"

G_BEGIN_DECLS

/* Reads PRAGMA user_version. */
gboolean reseau_database_schema_read_version (sqlite3  *db,
                                              int      *version,
                                              GError  **error);
/* Brings a database from from_version up to RESEAU_DATABASE_SCHEMA_VERSION,
 * one transaction per step. */
gboolean reseau_database_schema_migrate      (sqlite3  *db,
                                              int       from_version,
                                              GError  **error);
/* Turns an SQLite failure into a ReseauDatabaseError a user can act on. */
void     reseau_database_set_sqlite_error    (GError      **error,
                                              sqlite3      *db,
                                              int           code,
                                              const char   *path);

G_END_DECLS
