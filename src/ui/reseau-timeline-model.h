/* reseau-timeline-model.h — the timeline as a list model that pages on demand
 *
 * ReseauTimelineItem is one row (a ReseauTimelineRow in a GObject);
 * ReseauTimelineModel is a GListModel of them, newest first, that reads
 * the database a page at a time as the view scrolls (see the .c file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reseau-core.h"

G_BEGIN_DECLS

#define RESEAU_TYPE_TIMELINE_ITEM (reseau_timeline_item_get_type ())

G_DECLARE_FINAL_TYPE (ReseauTimelineItem, reseau_timeline_item, RESEAU, TIMELINE_ITEM, GObject)

/* The row as read from the database; never NULL. */
const ReseauTimelineRow *reseau_timeline_item_get_row (ReseauTimelineItem *self);

#define RESEAU_TYPE_TIMELINE_MODEL (reseau_timeline_model_get_type ())

G_DECLARE_FINAL_TYPE (ReseauTimelineModel, reseau_timeline_model, RESEAU, TIMELINE_MODEL, GObject)

/* Properties: "loading" (a page is being read), "complete" (every row of
 * the filter has been read). Signal "failed" (GError *error): a page could
 * not be read; the model then stops where it is. */
ReseauTimelineModel *reseau_timeline_model_new          (ReseauDatabase      *database);
/* Each change restarts the model from the newest row. kind -1, NULL or ""
 * mean no filter. */
void                 reseau_timeline_model_set_filter   (ReseauTimelineModel *self,
                                                         int                  kind,
                                                         const char          *tag,
                                                         const char          *contact_uid,
                                                         const char          *text);
int                  reseau_timeline_model_get_kind     (ReseauTimelineModel *self);
const char          *reseau_timeline_model_get_tag      (ReseauTimelineModel *self);
const char          *reseau_timeline_model_get_contact_uid (ReseauTimelineModel *self);
const char          *reseau_timeline_model_get_text     (ReseauTimelineModel *self);
/* Reads the first page again (interactions changed); the rows on screen
 * stay until it arrives. */
void                 reseau_timeline_model_reload       (ReseauTimelineModel *self);
gboolean             reseau_timeline_model_get_loading  (ReseauTimelineModel *self);
gboolean             reseau_timeline_model_get_complete (ReseauTimelineModel *self);
/* Whether the row at position starts a day: the first row, or one whose
 * day differs from the row before it. */
gboolean             reseau_timeline_model_starts_day   (ReseauTimelineModel *self,
                                                         guint                position);

/* Rows per page. */
#define RESEAU_TIMELINE_PAGE_SIZE 100

G_END_DECLS
