/* reseau-import.h — bringing files of contacts into the address book
 *
 * An import is prepared first (files read, cards and rows turned into
 * contacts, each matched against the address book and against the other
 * cards of the import) so that the window can show a preview: new,
 * updated, unchanged, problems. Applying it writes everything in one
 * transaction that can be cancelled with nothing half-written.
 *
 * Matching, in order: the same UID; else a shared email (without case);
 * else a shared phone number (compared on its digits, national and
 * international forms alike); else the same name and organization
 * (without case or accents). A match on UID is the same card coming back:
 * the file's card replaces the stored one, and what only the app knows
 * (how we met, introduced by, cadence, tags) is kept. Any other match is a
 * card from somewhere else about the same person: the two are merged,
 * keeping every value of both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reseau-contact.h"
#include "reseau-database.h"

G_BEGIN_DECLS

#define RESEAU_IMPORT_ERROR (reseau_import_error_quark ())

typedef enum
{
  RESEAU_IMPORT_ERROR_UNREADABLE,      /* the file could not be read at all */
  RESEAU_IMPORT_ERROR_UNKNOWN_FORMAT,  /* neither a vCard nor a known CSV */
} ReseauImportError;

GQuark reseau_import_error_quark (void);

typedef enum
{
  RESEAU_IMPORT_ACTION_NEW,
  RESEAU_IMPORT_ACTION_UPDATE,
  RESEAU_IMPORT_ACTION_UNCHANGED,
} ReseauImportAction;

typedef enum
{
  RESEAU_IMPORT_MATCH_NONE,
  RESEAU_IMPORT_MATCH_UID,
  RESEAU_IMPORT_MATCH_EMAIL,
  RESEAU_IMPORT_MATCH_PHONE,
  RESEAU_IMPORT_MATCH_NAME,
} ReseauImportMatch;

/* One contact of the import, as it will be written. */
typedef struct
{
  ReseauContact      *contact;       /* what will be saved */
  ReseauImportAction  action;
  ReseauImportMatch   match;
  char               *matched_name;  /* the existing contact it matched, or NULL */
  char               *matched_key;   /* the email, phone or name that matched, or NULL */
  char               *file;          /* display name of the file it came from */
  guint               line;          /* where its card or row began */
} ReseauImportEntry;

#define RESEAU_TYPE_IMPORT (reseau_import_get_type ())

G_DECLARE_FINAL_TYPE (ReseauImport, reseau_import, RESEAU, IMPORT, GObject)

ReseauImport *reseau_import_new              (ReseauDatabase       *database);

/* Reads, parses and matches files (GFile*), off the calling thread. The
 * "progress" property (0 to 1) moves meanwhile, notified on the thread
 * that called. Fails only when no file could be read (UNREADABLE,
 * UNKNOWN_FORMAT, or G_IO_ERROR_CANCELLED); a file among several that
 * cannot be read becomes a problem. */
void          reseau_import_prepare_async    (ReseauImport         *self,
                                              GPtrArray            *files,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean      reseau_import_prepare_finish   (ReseauImport         *self,
                                              GAsyncResult         *result,
                                              GError              **error);
gboolean      reseau_import_prepare          (ReseauImport         *self,
                                              GPtrArray            *files,
                                              GCancellable         *cancellable,
                                              GError              **error);

/* After prepare: ReseauImportEntry* in file order, and ReseauProblem*. */
GPtrArray    *reseau_import_get_entries      (ReseauImport         *self);
GPtrArray    *reseau_import_get_problems     (ReseauImport         *self);
guint         reseau_import_count            (ReseauImport         *self,
                                              ReseauImportAction    action);
/* Files that could not be read at all (a problem says why for each). */
guint         reseau_import_get_n_unreadable (ReseauImport         *self);
/* Cards and rows dropped because they could not be read or had nothing
 * to know a person by (each has a problem). */
guint         reseau_import_get_n_skipped    (ReseauImport         *self);
/* 0 to 1 while preparing or applying. */
double        reseau_import_get_progress     (ReseauImport         *self);

/* Writes the new and updated contacts in one transaction; cancelling
 * leaves the database as it was (G_IO_ERROR_CANCELLED). */
void          reseau_import_apply_async      (ReseauImport         *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean      reseau_import_apply_finish     (ReseauImport         *self,
                                              GAsyncResult         *result,
                                              GError              **error);
gboolean      reseau_import_apply            (ReseauImport         *self,
                                              GCancellable         *cancellable,
                                              GError              **error);

/* A sentence for the report: "Matched Anne Martin by email anne@…". */
char         *reseau_import_entry_describe_match (const ReseauImportEntry *entry);

G_END_DECLS
