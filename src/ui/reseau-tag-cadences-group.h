/* reseau-tag-cadences-group.h — Preferences: follow-up cadence by tag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "reseau-core.h"

G_BEGIN_DECLS

#define RESEAU_TYPE_TAG_CADENCES_GROUP (reseau_tag_cadences_group_get_type ())

G_DECLARE_FINAL_TYPE (ReseauTagCadencesGroup, reseau_tag_cadences_group, RESEAU, TAG_CADENCES_GROUP,
                      AdwPreferencesGroup)

GtkWidget *reseau_tag_cadences_group_new          (void);
/* database may be NULL: the group then says there is nothing to set. */
void       reseau_tag_cadences_group_set_database (ReseauTagCadencesGroup *self,
                                                   ReseauDatabase         *database);

G_END_DECLS
