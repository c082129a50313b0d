/* reseau-error.h — error domains of the core layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RESEAU_DATABASE_ERROR (reseau_database_error_quark ())

typedef enum
{
  RESEAU_DATABASE_ERROR_FAILED,
  RESEAU_DATABASE_ERROR_NOT_WRITABLE,  /* the folder or file cannot be written */
  RESEAU_DATABASE_ERROR_NEWER_SCHEMA,  /* written by a newer Réseau: refused, left untouched */
  RESEAU_DATABASE_ERROR_CORRUPT,       /* not a database, or damaged: never overwritten */
  RESEAU_DATABASE_ERROR_NOT_FOUND,     /* no contact with that UID */
  RESEAU_DATABASE_ERROR_EMPTY_CONTACT, /* nothing to save: no name, organization, email or phone */
  RESEAU_DATABASE_ERROR_DUPLICATE_UID,
  RESEAU_DATABASE_ERROR_ALREADY_EXISTS, /* an account or book that is stored already */
} ReseauDatabaseError;

GQuark reseau_database_error_quark (void);

G_END_DECLS
