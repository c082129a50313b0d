/* reseau-json.h — contacts as JSON (the CLI's --json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "reseau-contact.h"

G_BEGIN_DECLS

/* Fields: uid, name, given_name, family_name, kind ("individual" or
 * "organization"), organization, title, emails, phones, urls (arrays of
 * strings), addresses (array of objects), tags, birthday ("YYYY-MM-DD" or
 * "--MM-DD"), note, how_met, introduced_by (uid), cadence_days. */
JsonNode *reseau_contact_to_json (ReseauContact *contact);

G_END_DECLS
