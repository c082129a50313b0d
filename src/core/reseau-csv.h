/* reseau-csv.h — reading comma-separated files as spreadsheets write them
 *
 * RFC 4180 and what real exporters do beyond it: quoted fields with doubled
 * quotes and line breaks inside, CRLF or LF, a UTF-8 BOM, a separator that
 * may be ',', ';' (French spreadsheets) or a tab, text that is not UTF-8
 * (windows-1252, as Outlook writes it) converted to UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ReseauCsvReader ReseauCsvReader;

/* Reads data (which must outlive the reader) with the given separator;
 * separator 0 guesses it from the first line that has one. */
ReseauCsvReader *reseau_csv_reader_new          (const char      *data,
                                                 gsize            length,
                                                 char             separator);
void             reseau_csv_reader_free         (ReseauCsvReader *reader);
/* The next record as a NULL-terminated array of UTF-8 fields, or NULL at
 * the end; line receives the 1-based line where the record begins. A quote
 * left open at the end of the data ends the record there (the caller is
 * told through reseau_csv_reader_had_unclosed_quote()). */
GStrv            reseau_csv_reader_next         (ReseauCsvReader *reader,
                                                 guint           *line);
gboolean         reseau_csv_reader_had_unclosed_quote (ReseauCsvReader *reader);
gsize            reseau_csv_reader_get_position (ReseauCsvReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReseauCsvReader, reseau_csv_reader_free)

G_END_DECLS
