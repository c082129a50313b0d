/* reseau-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-error.h"

G_DEFINE_QUARK (reseau-database-error-quark, reseau_database_error)
