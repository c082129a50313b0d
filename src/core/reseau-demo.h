/* reseau-demo.h — a generated, realistic French-speaking freelance network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* n_contacts generated contacts (people and organizations) as a GPtrArray of
 * ReseauContact*: French and francophone names with accents, organizations,
 * titles, emails, phones, tags, how-we-met, introductions and notes. The
 * same seed gives the same network. */
GPtrArray *reseau_demo_generate (guint   n_contacts,
                                 guint32 seed);

G_END_DECLS
