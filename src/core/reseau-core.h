/* reseau-core.h — everything the UI and the CLI may use of the core layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-account.h"
#include "reseau-contact.h"
#include "reseau-contact-item.h"
#include "reseau-contact-store.h"
#include "reseau-csv.h"
#include "reseau-csv-contacts.h"
#include "reseau-database.h"
#include "reseau-database-backup.h"
#include "reseau-database-relations.h"
#include "reseau-database-sync.h"
#include "reseau-dav.h"
#include "reseau-demo.h"
#include "reseau-duplicates.h"
#include "reseau-error.h"
#include "reseau-export.h"
#include "reseau-followup.h"
#include "reseau-global-search.h"
#include "reseau-import.h"
#include "reseau-interaction.h"
#include "reseau-json.h"
#include "reseau-problem.h"
#include "reseau-secret.h"
#include "reseau-strength.h"
#include "reseau-sync.h"
#include "reseau-text.h"
#include "reseau-vcard.h"
#include "reseau-vcard-contact.h"
#include "reseau-vcard-merge.h"
