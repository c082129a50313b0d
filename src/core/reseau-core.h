/* reseau-core.h — everything the UI and the CLI may use of the core layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-contact.h"
#include "reseau-contact-item.h"
#include "reseau-contact-store.h"
#include "reseau-database.h"
#include "reseau-demo.h"
#include "reseau-error.h"
#include "reseau-json.h"
#include "reseau-text.h"
