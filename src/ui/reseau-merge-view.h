/* reseau-merge-view.h — two contacts side by side, before merging them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

/* ReseauMergeView: final type deriving from AdwBin. Shows every field of
 * two contacts in two columns and lets the user choose which one stays
 * the main contact (its UID, name and single values win). */
#define RESEAU_TYPE_MERGE_VIEW (reseau_merge_view_get_type ())

G_DECLARE_FINAL_TYPE (ReseauMergeView, reseau_merge_view, RESEAU, MERGE_VIEW, AdwBin)

GtkWidget     *reseau_merge_view_new          (void);
void           reseau_merge_view_set_contacts (ReseauMergeView *self,
                                               ReseauContact   *first,
                                               ReseauContact   *second);
/* The contact chosen as the main one (the first by default), and the
 * other; NULL before set_contacts. */
ReseauContact *reseau_merge_view_get_keep     (ReseauMergeView *self);
ReseauContact *reseau_merge_view_get_other    (ReseauMergeView *self);
/* Makes the second contact (TRUE) or the first the main one. */
void           reseau_merge_view_set_keep_second (ReseauMergeView *self,
                                                  gboolean         keep_second);

G_END_DECLS
