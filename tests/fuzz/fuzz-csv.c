/* fuzz-csv.c — libFuzzer target for the CSV reader and the CSV contacts importer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input goes through what `reseau-cli import` does with a CSV file:
 * the dialect is detected and the rows become contacts, which are then
 * written as vCards as an export would. The low-level reader also reads
 * the input with each separator. Beyond the sanitizers, the promises of
 * the headers are checked: every field and every contact text is UTF-8
 * (the reader converts windows-1252), the reader's position only moves
 * forward, and records come with the line they began on.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reseau-contact.h"
#include "reseau-csv.h"
#include "reseau-csv-contacts.h"
#include "reseau-problem.h"
#include "reseau-vcard.h"
#include "reseau-vcard-contact.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
broken_promise (const char *what,
                const char *detail)
{
  fprintf (stderr, "fuzz-csv: broken promise: %s\n", what);
  if (detail != NULL)
    fprintf (stderr, "fuzz-csv: detail: %s\n", detail);
  abort ();
}

static void
check_utf8 (const char *text,
            const char *what)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    broken_promise (what, "not UTF-8");
}

static void
read_records (const char *data,
              gsize       size,
              char        separator)
{
  g_autoptr(ReseauCsvReader) reader = reseau_csv_reader_new (data, size, separator);
  gsize last_position = 0;
  guint last_line = 0;
  GStrv fields;
  guint line = 0;

  while ((fields = reseau_csv_reader_next (reader, &line)) != NULL)
    {
      gsize position = reseau_csv_reader_get_position (reader);

      for (guint i = 0; fields[i] != NULL; i++)
        check_utf8 (fields[i], "a CSV field");
      g_strfreev (fields);

      if (position < last_position || position > size)
        broken_promise ("the reader's position went backwards or past the end", NULL);
      if (line == 0 || line < last_line)
        broken_promise ("a record's line is 0 or before the previous record's", NULL);
      last_position = position;
      last_line = line;
    }
  (void) reseau_csv_reader_had_unclosed_quote (reader);
}

static void
check_contact (ReseauContact *contact)
{
  g_autoptr(ReseauVCard) card = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  check_utf8 (reseau_contact_get_display_name (contact), "the display name");
  check_utf8 (reseau_contact_get_note (contact), "the note");
  check_utf8 (reseau_contact_get_met_on (contact), "the met-on date");
  for (guint f = 0; f < RESEAU_N_FIELDS; f++)
    {
      GPtrArray *values = reseau_contact_get_values (contact, f);

      for (guint i = 0; i < values->len; i++)
        {
          const ReseauLabeledValue *value = g_ptr_array_index (values, i);

          check_utf8 (value->label, "a label");
          check_utf8 (value->value, "an email, phone or URL");
        }
    }

  /* An imported row is exported later as a card: that path must hold too. */
  card = reseau_contact_to_vcard (contact, TRUE);
  reseau_vcard_write (card, RESEAU_VCARD_VERSION_4_0, out);
  if (!g_utf8_validate (out->str, out->len, NULL))
    broken_promise ("the card of an imported row is not UTF-8", NULL);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *text = (const char *) data;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  ReseauCsvDialect detected;
  ReseauCsvDialect dialect = RESEAU_CSV_DIALECT_UNKNOWN;

  read_records (text, size, 0);
  read_records (text, size, ',');
  read_records (text, size, ';');
  read_records (text, size, '\t');

  detected = reseau_csv_detect_dialect (text, size);
  check_utf8 (reseau_csv_dialect_to_string (detected), "the dialect's name");

  contacts = reseau_csv_read_contacts (text, size, &dialect, problems, NULL, &error);
  if (contacts == NULL)
    {
      if (error == NULL)
        broken_promise ("reseau_csv_read_contacts() failed without an error", NULL);
      check_utf8 (error->message, "the error message");
      return 0;
    }
  if (error != NULL)
    broken_promise ("reseau_csv_read_contacts() set an error and succeeded", error->message);
  if (dialect != detected)
    broken_promise ("reading found another dialect than detecting", NULL);

  for (guint i = 0; i < contacts->len; i++)
    check_contact (g_ptr_array_index (contacts, i));
  for (guint i = 0; i < problems->len; i++)
    {
      const ReseauProblem *problem = g_ptr_array_index (problems, i);

      check_utf8 (problem->message, "a problem's message");
      check_utf8 (problem->subject, "a problem's subject");
    }

  return 0;
}
