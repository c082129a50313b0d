/* reseau-database.h — the one SQLite database, owned by one worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reseau-contact.h"

G_BEGIN_DECLS

/* The newest schema this build knows. */
#define RESEAU_DATABASE_SCHEMA_VERSION 6

/* One contact of the list: what a row shows and what sorting and grouping
 * need, nothing more. */
typedef struct
{
  gint64  id;
  char   *uid;
  char   *display_name;
  char   *subtitle;      /* organization, else first email; may be NULL */
  char   *sort_key;      /* accent- and case-folded display name */
  int     kind;          /* ReseauContactKind */
} ReseauContactSummary;

#define RESEAU_TYPE_DATABASE (reseau_database_get_type ())

G_DECLARE_FINAL_TYPE (ReseauDatabase, reseau_database, RESEAU, DATABASE, GObject)

/* $XDG_DATA_HOME/reseau/reseau.db */
char           *reseau_database_get_default_path (void);

/* path NULL means the default path. Nothing happens on disk until open. */
ReseauDatabase *reseau_database_new              (const char      *path);
const char     *reseau_database_get_path         (ReseauDatabase  *self);
/* The copy taken before the last migration, or NULL when there is none. */
char           *reseau_database_find_backup      (ReseauDatabase  *self);

/* Every operation exists as an _async/_finish pair for the UI and as a
 * blocking call for the CLI, tests and benchmarks; both run on the worker
 * thread. The blocking calls must never be used from the UI thread. */

/* Creates the folder and file if needed, checks the file, migrates older
 * schemas after taking a copy. Errors: NOT_WRITABLE, NEWER_SCHEMA, CORRUPT. */
void            reseau_database_open_async       (ReseauDatabase       *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean        reseau_database_open_finish      (ReseauDatabase       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
gboolean        reseau_database_open             (ReseauDatabase       *self,
                                                  GError              **error);

/* NULL with NOT_FOUND when there is no such live contact. */
void            reseau_database_load_contact_async  (ReseauDatabase       *self,
                                                     const char           *uid,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
ReseauContact  *reseau_database_load_contact_finish (ReseauDatabase       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
ReseauContact  *reseau_database_load_contact        (ReseauDatabase       *self,
                                                     const char           *uid,
                                                     GError              **error);

/* Inserts or updates (by UID); sets the contact's id and times. Refuses an
 * empty contact (EMPTY_CONTACT). */
void            reseau_database_save_contact_async  (ReseauDatabase       *self,
                                                     ReseauContact        *contact,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean        reseau_database_save_contact_finish (ReseauDatabase       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
gboolean        reseau_database_save_contact        (ReseauDatabase       *self,
                                                     ReseauContact        *contact,
                                                     GError              **error);
/* Many contacts in one transaction (imports, the demo network, benchmarks). */
gboolean        reseau_database_save_contacts       (ReseauDatabase       *self,
                                                     GPtrArray            *contacts,
                                                     GError              **error);

/* Deleting moves a contact to the trash, from which it can be restored
 * (the Undo of the window) until the trash is emptied. */
void            reseau_database_trash_contact_async    (ReseauDatabase       *self,
                                                        const char           *uid,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean        reseau_database_trash_contact_finish   (ReseauDatabase       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void            reseau_database_restore_contact_async  (ReseauDatabase       *self,
                                                        const char           *uid,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean        reseau_database_restore_contact_finish (ReseauDatabase       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
/* Deletes for good, at once (the CLI). */
gboolean        reseau_database_delete_contact         (ReseauDatabase       *self,
                                                        const char           *uid,
                                                        GError              **error);
/* Deletes for good what is in the trash. */
void            reseau_database_empty_trash_async      (ReseauDatabase       *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean        reseau_database_empty_trash_finish     (ReseauDatabase       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
gboolean        reseau_database_empty_trash            (ReseauDatabase       *self,
                                                        GError              **error);

/* Every live contact as a summary, sorted by sort key: a GPtrArray of
 * ReseauContactSummary* that frees them. */
void            reseau_database_list_summaries_async   (ReseauDatabase       *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GPtrArray      *reseau_database_list_summaries_finish  (ReseauDatabase       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
GPtrArray      *reseau_database_list_summaries         (ReseauDatabase       *self,
                                                        GError              **error);

/* Every live contact, fully loaded, sorted like the list (the CLI). */
GPtrArray      *reseau_database_list_contacts          (ReseauDatabase       *self,
                                                        GError              **error);

/* Search-as-you-type: the ids of the live contacts matching every word of
 * text as a prefix, in names, organization, title, emails, phones, tags and
 * note, ignoring case and accents. A GArray of gint64, in no order. */
void            reseau_database_search_async           (ReseauDatabase       *self,
                                                        const char           *text,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GArray         *reseau_database_search_finish          (ReseauDatabase       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
GArray         *reseau_database_search                 (ReseauDatabase       *self,
                                                        const char           *text,
                                                        GError              **error);

/* All tag names in use, sorted (completion in the editor). */
void            reseau_database_list_tags_async        (ReseauDatabase       *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GStrv           reseau_database_list_tags_finish       (ReseauDatabase       *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
GStrv           reseau_database_list_tags              (ReseauDatabase       *self,
                                                        GError              **error);

/* Imports and duplicates -------------------------------------------------- */

/* What recognises a contact: enough to match an imported card against the
 * address book (UID, email, phone, name + organization) and to find
 * possible duplicates, without loading every contact. */
typedef struct
{
  gint64  id;
  char   *uid;
  char   *display_name;
  char   *organization;  /* may be NULL */
  GStrv   emails;        /* as stored; never NULL */
  GStrv   phones;        /* as stored; never NULL */
} ReseauContactKeys;

/* The keys of every live contact: a GPtrArray of ReseauContactKeys* that
 * frees them, in no order. */
void            reseau_database_list_contact_keys_async  (ReseauDatabase       *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GPtrArray      *reseau_database_list_contact_keys_finish (ReseauDatabase       *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
GPtrArray      *reseau_database_list_contact_keys        (ReseauDatabase       *self,
                                                          GError              **error);

/* Several live contacts, fully loaded, in the order of uids (a UID that is
 * not found is left out): GPtrArray of ReseauContact*. */
GPtrArray      *reseau_database_load_contacts            (ReseauDatabase       *self,
                                                          const char * const   *uids,
                                                          GError              **error);

/* Saves (inserts or updates by UID) every contact in one transaction, as
 * fast as the database allows. Checks cancellable between contacts: when
 * cancelled, nothing is written (G_IO_ERROR_CANCELLED). n_saved, when not
 * NULL, counts the contacts written so far (g_atomic_int_set) for a
 * progress bar that another thread polls. Empty contacts are refused
 * (EMPTY_CONTACT) and nothing is written. */
void            reseau_database_import_contacts_async    (ReseauDatabase       *self,
                                                          GPtrArray            *contacts,
                                                          guint                *n_saved,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean        reseau_database_import_contacts_finish   (ReseauDatabase       *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
gboolean        reseau_database_import_contacts          (ReseauDatabase       *self,
                                                          GPtrArray            *contacts,
                                                          guint                *n_saved,
                                                          GCancellable         *cancellable,
                                                          GError              **error);

/* One transaction: saves merged (which carries the kept contact's UID),
 * points whoever was introduced by the absorbed contact to the kept one,
 * gives the kept contact the absorbed one's interactions, event
 * attendances, referrals, reminders and mandates, and moves the absorbed
 * contact to the trash. Unmerging gives back what was moved and is still
 * the kept contact's. */
void            reseau_database_merge_contacts_async     (ReseauDatabase       *self,
                                                          ReseauContact        *merged,
                                                          const char           *absorbed_uid,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean        reseau_database_merge_contacts_finish    (ReseauDatabase       *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
gboolean        reseau_database_merge_contacts           (ReseauDatabase       *self,
                                                          ReseauContact        *merged,
                                                          const char           *absorbed_uid,
                                                          GError              **error);
/* Undoes a merge in one transaction: saves previous (the kept contact as it
 * was before) and brings the absorbed contact back from the trash. */
void            reseau_database_unmerge_contacts_async   (ReseauDatabase       *self,
                                                          ReseauContact        *previous,
                                                          const char           *absorbed_uid,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean        reseau_database_unmerge_contacts_finish  (ReseauDatabase       *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
gboolean        reseau_database_unmerge_contacts         (ReseauDatabase       *self,
                                                          ReseauContact        *previous,
                                                          const char           *absorbed_uid,
                                                          GError              **error);

void            reseau_contact_summary_free            (ReseauContactSummary *summary);
void            reseau_contact_keys_free               (ReseauContactKeys    *keys);

G_END_DECLS
