/* reseau-database-events.h — one networking event: load, edit, delete, undo
 *
 * What the Events view needs beyond reseau-database-relations.h (which
 * adds and lists events, adds attendees and creates contacts from an
 * event): one event with its attendees, saving an edited event, deleting
 * one with Undo, taking someone off its attendees. Blocking calls for the
 * CLI and the tests, _async/_finish pairs for the window (see
 * reseau-database.h).
 *
 * Deleting an event deletes its row and its attendees (the schema has no
 * trash for events) and hands back a ReseauDeletedEvent: everything needed
 * to put it back as it was, which the window keeps while its Undo toast
 * is on screen. Restoring brings back the event under its own id when no
 * other event has taken it since, its attendees who still exist, and the
 * links of the mandates that came from it.
 *
 * Unknown events, and attendees who are not on the event, are NOT_FOUND.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-database.h"
#include "reseau-interaction.h"

G_BEGIN_DECLS

/* An event with its attendees (ReseauAttendee*, by display name; contacts
 * in the trash left out). */
typedef struct
{
  ReseauEvent *event;
  GPtrArray   *attendees;
} ReseauEventDetails;

void                 reseau_event_details_free          (ReseauEventDetails *details);

/* An event as the list of events shows it. */
typedef struct
{
  ReseauEvent *event;
  guint        n_attendees;  /* live contacts, met there or not */
  guint        n_met;        /* of whom I met there */
} ReseauEventSummary;

void                 reseau_event_summary_free          (ReseauEventSummary *summary);

/* What a deleted event was; opaque. */
typedef struct _ReseauDeletedEvent ReseauDeletedEvent;

/* The event as it was when deleted (its id is the id it had). */
const ReseauEvent   *reseau_deleted_event_get_event     (const ReseauDeletedEvent *deleted);
/* How many attendees it had. */
guint                reseau_deleted_event_get_n_attendees (const ReseauDeletedEvent *deleted);
void                 reseau_deleted_event_free          (ReseauDeletedEvent *deleted);

/* Every event, newest first (day, then id, descending), with its counts:
 * GPtrArray of ReseauEventSummary*. */
GPtrArray           *reseau_database_list_event_summaries (ReseauDatabase     *self,
                                                         GError              **error);
void                 reseau_database_list_event_summaries_async (ReseauDatabase *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
GPtrArray           *reseau_database_list_event_summaries_finish (ReseauDatabase *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* One event, or NULL with NOT_FOUND. */
ReseauEvent         *reseau_database_load_event         (ReseauDatabase       *self,
                                                         gint64                id,
                                                         GError              **error);
void                 reseau_database_load_event_async   (ReseauDatabase       *self,
                                                         gint64                id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
ReseauEvent         *reseau_database_load_event_finish  (ReseauDatabase       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* The event and its attendees, read together. */
ReseauEventDetails  *reseau_database_load_event_details (ReseauDatabase       *self,
                                                         gint64                id,
                                                         GError              **error);
void                 reseau_database_load_event_details_async (ReseauDatabase *self,
                                                         gint64                id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
ReseauEventDetails  *reseau_database_load_event_details_finish (ReseauDatabase *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Writes every field of an existing event (by id); its attendees stay.
 * FAILED without a name or a valid day, NOT_FOUND for an unknown id. */
gboolean             reseau_database_update_event       (ReseauDatabase       *self,
                                                         const ReseauEvent    *event,
                                                         GError              **error);
/* Inserts (id 0: sets the id) or updates an event. The _async call writes
 * the new id into the caller's event: keep it until it completes. */
gboolean             reseau_database_save_event         (ReseauDatabase       *self,
                                                         ReseauEvent          *event,
                                                         GError              **error);
void                 reseau_database_save_event_async   (ReseauDatabase       *self,
                                                         ReseauEvent          *event,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean             reseau_database_save_event_finish  (ReseauDatabase       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Deletes an event and its attendees; what it was, for Undo. */
ReseauDeletedEvent  *reseau_database_delete_event       (ReseauDatabase       *self,
                                                         gint64                id,
                                                         GError              **error);
void                 reseau_database_delete_event_async (ReseauDatabase       *self,
                                                         gint64                id,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
ReseauDeletedEvent  *reseau_database_delete_event_finish (ReseauDatabase      *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Puts a deleted event back; returns the id it has now (its old one
 * unless another event took it meanwhile), 0 on error. The _async call
 * copies what it needs: deleted may be freed at once. */
gint64               reseau_database_restore_event      (ReseauDatabase       *self,
                                                         const ReseauDeletedEvent *deleted,
                                                         GError              **error);
void                 reseau_database_restore_event_async (ReseauDatabase      *self,
                                                         const ReseauDeletedEvent *deleted,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gint64               reseau_database_restore_event_finish (ReseauDatabase     *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Adds a live contact to the attendees, or changes met_there: the same as
 * reseau_database_add_attendee(), for the window. */
gboolean             reseau_database_set_attendee       (ReseauDatabase       *self,
                                                         gint64                event_id,
                                                         const char           *uid,
                                                         gboolean              met_there,
                                                         GError              **error);
void                 reseau_database_set_attendee_async (ReseauDatabase       *self,
                                                         gint64                event_id,
                                                         const char           *uid,
                                                         gboolean              met_there,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean             reseau_database_set_attendee_finish (ReseauDatabase      *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Takes a contact off the attendees (the contact stays). NOT_FOUND when
 * the event is unknown or the contact is not on it. */
gboolean             reseau_database_remove_attendee    (ReseauDatabase       *self,
                                                         gint64                event_id,
                                                         const char           *uid,
                                                         GError              **error);
void                 reseau_database_remove_attendee_async (ReseauDatabase    *self,
                                                         gint64                event_id,
                                                         const char           *uid,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean             reseau_database_remove_attendee_finish (ReseauDatabase   *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauEventSummary, reseau_event_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauEventDetails, reseau_event_details_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauDeletedEvent, reseau_deleted_event_free)

G_END_DECLS
