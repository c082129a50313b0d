/* reseau-database-backup.h — a copy of all the data, and back
 *
 * What reseau-cli backup and restore use. A backup holds everything,
 * including what never goes to the CardDAV server (interactions,
 * reminders, referrals, events, mandates), and is consistent even while
 * the application writes: it is taken on the database's worker thread with
 * VACUUM INTO, which reads one snapshot of the WAL database.
 *
 * Restoring copies a backup into the open database with SQLite's backup
 * API, so that a running application sees either the old data or the
 * restored data, never a file swapped under its feet. The file is checked
 * first (an SQLite database, with Réseau's tables, not from a newer
 * Réseau, undamaged); the current data is kept beside the database before
 * anything is replaced; an older backup is migrated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-database.h"

G_BEGIN_DECLS

/* Writes a consistent copy of the database to destination, replacing it
 * only once the copy is complete. Refuses the database's own path. */
gboolean        reseau_database_backup_to        (ReseauDatabase  *self,
                                                  const char      *destination,
                                                  GError         **error);

/* Replaces all the data with the backup in source. kept_copy, when not
 * NULL, receives the path of the copy of the data as it was before.
 * Errors: CORRUPT (not a Réseau database, or damaged), NEWER_SCHEMA,
 * NOT_WRITABLE; on any of them nothing has changed. */
gboolean        reseau_database_restore_from     (ReseauDatabase  *self,
                                                  const char      *source,
                                                  char           **kept_copy,
                                                  GError         **error);

G_END_DECLS
