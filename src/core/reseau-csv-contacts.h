/* reseau-csv-contacts.h — contacts from LinkedIn, Google and Outlook CSV exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "reseau-contact.h"

G_BEGIN_DECLS

typedef enum
{
  RESEAU_CSV_DIALECT_UNKNOWN,
  RESEAU_CSV_DIALECT_LINKEDIN,  /* Connections.csv, maybe after a few "Notes:" lines */
  RESEAU_CSV_DIALECT_GOOGLE,    /* Google Contacts export (English or French headers) */
  RESEAU_CSV_DIALECT_OUTLOOK,   /* Outlook export (English or French headers) */
} ReseauCsvDialect;

/* Recognises the dialect from the header row (found after any preamble);
 * UNKNOWN when data is not a CSV file this app knows. */
ReseauCsvDialect  reseau_csv_detect_dialect  (const char        *data,
                                              gsize              length);
/* A name to show for the dialect ("LinkedIn", "Google Contacts", "Outlook"). */
const char       *reseau_csv_dialect_to_string (ReseauCsvDialect dialect);

/* Every row of data as a ReseauContact (GPtrArray that frees them), in file
 * order. The line each contact began on is attached as the "reseau-line"
 * object data (GUINT_TO_POINTER). A row that gives nothing to know a person
 * by is skipped with a problem (ReseauProblem*, file left NULL) appended to
 * problems. LinkedIn rows get the "LinkedIn" tag, the profile URL, and
 * "Connected On" as the met-on date. Fails with G_IO_ERROR_INVALID_DATA and a
 * translated message when no known header row is found, and with
 * G_IO_ERROR_CANCELLED when cancelled. */
GPtrArray        *reseau_csv_read_contacts   (const char        *data,
                                              gsize              length,
                                              ReseauCsvDialect  *dialect,
                                              GPtrArray         *problems,
                                              GCancellable      *cancellable,
                                              GError           **error);

G_END_DECLS
