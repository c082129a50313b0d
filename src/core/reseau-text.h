/* reseau-text.h — folding text for sorting, grouping and search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lower case, accents removed, ligatures spelled out: "Élodie Œuvray" →
 * "elodie oeuvray". Used as the sort key, so that "Élodie" sorts with "E". */
char     *reseau_text_fold             (const char *text);
/* Appends the fold of text's first length bytes (all of it when length is
 * -1) to out, without a string of its own. */
void      reseau_text_append_folded    (GString    *out,
                                        const char *text,
                                        gssize      length);
/* The letter a list section is headed by: "E" for "élodie", "#" for what
 * does not start with a letter. Returns a static string. */
const char *reseau_text_section_for_key (const char *sort_key);
/* Only the digits of a phone number, and its national form when it has a
 * French or other country prefix: "+33 6 12 34 56 78" → "33612345678 0612345678". */
char     *reseau_text_phone_search_terms (const char *phone);
/* What two spellings of one phone number have in common, for matching
 * imports and finding duplicates: its last nine digits (the national
 * significant number of a French number, so that "+33 6 12 34 56 78",
 * "0033612345678" and "06 12 34 56 78" agree), or all its digits when it
 * has fewer. NULL when it has fewer than six digits: too short to tell
 * people apart. */
char     *reseau_text_phone_match_key  (const char *phone);
/* Turns what the user typed into an FTS5 query that matches every word as a
 * prefix; NULL when there is nothing to search for. Never passes user text
 * through as FTS syntax. */
char     *reseau_text_build_fts_query  (const char *typed);
/* Removes leading/trailing white space; NULL for NULL or a blank string. */
char     *reseau_text_strip_or_null    (const char *text);
/* TRUE when the length bytes of text are all ASCII (checked eight at a time:
 * readers call it on every name and value). */
gboolean  reseau_text_is_ascii         (const char *text,
                                        gsize       length);
/* TRUE for NULL, "" and text made only of white space. */
gboolean  reseau_text_is_blank         (const char *text);
/* Text in windows-1252 (of which ISO-8859-1's printable characters are a
 * part), as old vCard and CSV exporters write it, in UTF-8. Every byte
 * decodes; a NUL becomes U+FFFD so that it cannot cut the string short. */
char     *reseau_text_from_windows_1252 (const char *text,
                                         gsize       length);

G_END_DECLS
