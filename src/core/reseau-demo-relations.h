/* reseau-demo-relations.h — interactions, events and referrals for the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-database.h"

G_BEGIN_DECLS

/* Gives the demo network (contacts from reseau_demo_generate(), already
 * saved in db) a history: a few hundred interactions with French notes
 * over the year before today, mostly between colleagues and with a core of
 * close contacts; five to eight networking events with their attendees;
 * ten to twenty referrals received and given, some won. The same contacts,
 * seed and today give the same history. Blocks: call it from a thread,
 * never from the one that draws the window. */
gboolean reseau_demo_add_relations (ReseauDatabase  *db,
                                    GPtrArray       *contacts,
                                    guint32          seed,
                                    const GDate     *today,
                                    GError         **error);

G_END_DECLS
