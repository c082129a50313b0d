/* test-csv.c — the CSV reader and the LinkedIn, Google and Outlook dialects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-csv.h"
#include "reseau-csv-contacts.h"
#include "reseau-problem.h"

/* ---- Helpers ---------------------------------------------------------- */

/* The reader is handed a copy without a terminating NUL, sized exactly, so
 * that reading one byte too far shows up under AddressSanitizer. */
static char *
exact_copy (const char *text,
            gsize       length)
{
  char *copy = g_malloc (MAX (length, 1));

  memcpy (copy, text, length);
  return copy;
}

typedef struct
{
  GPtrArray *records;  /* GStrv */
  GArray    *lines;    /* guint */
  gboolean   unclosed;
} Records;

static void
records_clear (Records *records)
{
  g_clear_pointer (&records->records, g_ptr_array_unref);
  g_clear_pointer (&records->lines, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Records, records_clear)

static void
read_records_len (Records    *records,
                  const char *text,
                  gsize       length,
                  char        separator)
{
  g_autofree char *data = exact_copy (text, length);
  g_autoptr(ReseauCsvReader) reader = reseau_csv_reader_new (data, length, separator);
  GStrv record;
  guint line = 0;

  records->records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  records->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  while ((record = reseau_csv_reader_next (reader, &line)) != NULL)
    {
      g_ptr_array_add (records->records, record);
      g_array_append_val (records->lines, line);
    }

  g_assert_cmpuint (reseau_csv_reader_get_position (reader), ==, length);
  records->unclosed = reseau_csv_reader_had_unclosed_quote (reader);
}

static void
read_records (Records    *records,
              const char *text,
              char        separator)
{
  read_records_len (records, text, strlen (text), separator);
}

/* Checks record index: its line and its fields (NULL-terminated list). */
static void
assert_record (Records *records,
               guint    index,
               guint    line,
               ...)
{
  GStrv record;
  va_list args;
  const char *expected;
  guint i = 0;

  g_assert_cmpuint (index, <, records->records->len);
  record = g_ptr_array_index (records->records, index);
  g_assert_cmpuint (g_array_index (records->lines, guint, index), ==, line);

  va_start (args, line);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (record[i]);
      g_assert_cmpstr (record[i], ==, expected);
      i++;
    }
  va_end (args);

  g_assert_null (record[i]);
}

static char *
load_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "csv", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

static GPtrArray *
read_contacts_len (const char       *text,
                   gsize             length,
                   ReseauCsvDialect *dialect,
                   GPtrArray        *problems)
{
  g_autofree char *data = exact_copy (text, length);
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts;

  contacts = reseau_csv_read_contacts (data, length, dialect, problems, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contacts);

  return contacts;
}

static GPtrArray *
read_fixture (const char       *name,
              ReseauCsvDialect  expected_dialect,
              GPtrArray        *problems)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  ReseauCsvDialect dialect = RESEAU_CSV_DIALECT_UNKNOWN;
  GPtrArray *contacts;

  text = load_fixture (name, &length);
  contacts = read_contacts_len (text, length, &dialect, problems);
  g_assert_cmpint (dialect, ==, expected_dialect);

  return contacts;
}

static ReseauContact *
contact_at (GPtrArray *contacts,
            guint      index)
{
  g_assert_cmpuint (index, <, contacts->len);
  return g_ptr_array_index (contacts, index);
}

static guint
contact_line (ReseauContact *contact)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (contact), "reseau-line"));
}

static void
assert_value (ReseauContact *contact,
              ReseauField    field,
              guint          index,
              const char    *label,
              const char    *value)
{
  GPtrArray *values = reseau_contact_get_values (contact, field);
  ReseauLabeledValue *labeled;

  g_assert_cmpuint (index, <, values->len);
  labeled = g_ptr_array_index (values, index);
  g_assert_cmpstr (labeled->label, ==, label);
  g_assert_cmpstr (labeled->value, ==, value);
}

static guint
n_values (ReseauContact *contact,
          ReseauField    field)
{
  return reseau_contact_get_values (contact, field)->len;
}

/* Checks the tags, in order (NULL-terminated list). */
static void
assert_tags (ReseauContact *contact,
             ...)
{
  GPtrArray *tags = reseau_contact_get_tags (contact);
  va_list args;
  const char *expected;
  guint i = 0;

  va_start (args, contact);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_cmpuint (i, <, tags->len);
      g_assert_cmpstr (g_ptr_array_index (tags, i), ==, expected);
      i++;
    }
  va_end (args);

  g_assert_cmpuint (tags->len, ==, i);
}

static void
assert_birthday (ReseauContact *contact,
                 const char    *expected)
{
  g_autofree char *birthday = reseau_contact_format_birthday (contact);

  g_assert_cmpstr (birthday, ==, expected);
}

static ReseauAddress *
address_at (ReseauContact *contact,
            guint          index)
{
  GPtrArray *addresses = reseau_contact_get_addresses (contact);

  g_assert_cmpuint (index, <, addresses->len);
  return g_ptr_array_index (addresses, index);
}

static ReseauProblem *
problem_at (GPtrArray *problems,
            guint      index)
{
  g_assert_cmpuint (index, <, problems->len);
  return g_ptr_array_index (problems, index);
}

/* ---- The reader ------------------------------------------------------- */

static void
test_reader_simple (void)
{
  g_auto(Records) records = { NULL, };

  read_records (&records, "a,b,c\n1,2,3\n", ',');
  g_assert_cmpuint (records.records->len, ==, 2);
  assert_record (&records, 0, 1, "a", "b", "c", NULL);
  assert_record (&records, 1, 2, "1", "2", "3", NULL);
  g_assert_false (records.unclosed);
}

static void
test_reader_quotes (void)
{
  g_auto(Records) records = { NULL, };

  read_records (&records,
                "\"Moreau, Petit\",\"Studio \"\"Bleu\"\"\",\"\",plain\n"
                "\"\"\"\",\"a\"tail,x\n",
                ',');
  g_assert_cmpuint (records.records->len, ==, 2);
  assert_record (&records, 0, 1, "Moreau, Petit", "Studio \"Bleu\"", "", "plain", NULL);
  /* A field that is only a doubled quote; text after a closing quote kept. */
  assert_record (&records, 1, 2, "\"", "atail", "x", NULL);
}

static void
test_reader_stray_quote (void)
{
  g_auto(Records) records = { NULL, };

  read_records (&records, "Le 6\" pouces,O\"Neil,fin\"\nnext,row\n", ',');
  g_assert_cmpuint (records.records->len, ==, 2);
  assert_record (&records, 0, 1, "Le 6\" pouces", "O\"Neil", "fin\"", NULL);
  assert_record (&records, 1, 2, "next", "row", NULL);
  g_assert_false (records.unclosed);
}

static void
test_reader_newlines_in_quotes (void)
{
  g_auto(Records) records = { NULL, };

  read_records (&records,
                "name,note\n"
                "Ana,\"first line\nsecond line\r\nthird line\"\n"
                "Ben,\"one\"\n"
                "Cy,\"\n\n\"\n"
                "Dan,last\n",
                ',');
  g_assert_cmpuint (records.records->len, ==, 5);
  assert_record (&records, 0, 1, "name", "note", NULL);
  /* Line breaks inside a value are kept, as LF whatever the file used. */
  assert_record (&records, 1, 2, "Ana", "first line\nsecond line\nthird line", NULL);
  assert_record (&records, 2, 5, "Ben", "one", NULL);
  assert_record (&records, 3, 6, "Cy", "\n\n", NULL);
  assert_record (&records, 4, 9, "Dan", "last", NULL);
}

static void
test_reader_line_endings (void)
{
  g_auto(Records) crlf = { NULL, };
  g_auto(Records) cr = { NULL, };
  g_auto(Records) mixed = { NULL, };

  read_records (&crlf, "a,b\r\nc,d\r\n", ',');
  g_assert_cmpuint (crlf.records->len, ==, 2);
  assert_record (&crlf, 0, 1, "a", "b", NULL);
  assert_record (&crlf, 1, 2, "c", "d", NULL);

  /* Old Mac spreadsheets end lines with a lone CR. */
  read_records (&cr, "a,b\rc,d\r", ',');
  g_assert_cmpuint (cr.records->len, ==, 2);
  assert_record (&cr, 1, 2, "c", "d", NULL);

  read_records (&mixed, "a\r\nb\nc\rd", ',');
  g_assert_cmpuint (mixed.records->len, ==, 4);
  assert_record (&mixed, 0, 1, "a", NULL);
  assert_record (&mixed, 1, 2, "b", NULL);
  assert_record (&mixed, 2, 3, "c", NULL);
  assert_record (&mixed, 3, 4, "d", NULL);
}

static void
test_reader_bom (void)
{
  g_auto(Records) records = { NULL, };

  read_records (&records, "\xEF\xBB\xBF\"First Name\",Last\nÉlodie,Marchand\n", 0);
  g_assert_cmpuint (records.records->len, ==, 2);
  assert_record (&records, 0, 1, "First Name", "Last", NULL);
  assert_record (&records, 1, 2, "Élodie", "Marchand", NULL);
}

static void
test_reader_separators (void)
{
  g_auto(Records) semicolon = { NULL, };
  g_auto(Records) tab = { NULL, };
  g_auto(Records) preamble = { NULL, };
  g_auto(Records) forced = { NULL, };

  /* French Excel: ';' separates, commas are part of the values. */
  read_records (&semicolon, "Nom;Note\nDupont;\"a;b\";1,5\n", 0);
  assert_record (&semicolon, 0, 1, "Nom", "Note", NULL);
  assert_record (&semicolon, 1, 2, "Dupont", "a;b", "1,5", NULL);

  read_records (&tab, "Name\tCompany\nAna\tMoreau, Petit\n", 0);
  assert_record (&tab, 1, 2, "Ana", "Moreau, Petit", NULL);

  /* Commas inside a quoted preamble do not count; the header decides. */
  read_records (&preamble,
                "Notes:\n\"one, two, three, four, five, six\"\n\nA;B;C\n1;2;3\n", 0);
  g_assert_cmpuint (preamble.records->len, ==, 5);
  assert_record (&preamble, 0, 1, "Notes:", NULL);
  assert_record (&preamble, 1, 2, "one, two, three, four, five, six", NULL);
  assert_record (&preamble, 2, 3, NULL);
  assert_record (&preamble, 3, 4, "A", "B", "C", NULL);

  read_records (&forced, "a;b,c\n", ';');
  assert_record (&forced, 0, 1, "a", "b,c", NULL);
}

static void
test_reader_windows_1252 (void)
{
  g_auto(Records) records = { NULL, };

  /* "Hélène", "Noël", "“Quai” – 2 500 €", "Œuvre", all in windows-1252. */
  read_records (&records,
                "H\xE9l\xE8ne,No\xEBl\r\n\x93Quai\x94 \x96 2 500 \x80,\x8C" "uvre\r\nd\xE9j\xE0,UTF-8 \xC3\xA9t\xC3\xA9\r\n",
                ',');
  g_assert_cmpuint (records.records->len, ==, 3);
  assert_record (&records, 0, 1, "Hélène", "Noël", NULL);
  assert_record (&records, 1, 2, "“Quai” – 2 500 €", "Œuvre", NULL);
  /* Each field is checked on its own: valid UTF-8 stays as it is. */
  assert_record (&records, 2, 3, "déjà", "UTF-8 été", NULL);
}

static void
test_reader_utf16 (void)
{
  /* "Nom\tVille\r\nNoël\tRezé\r\n" in UTF-16LE with its byte order mark. */
  static const char data[] =
    "\xFF\xFE" "N\0o\0m\0\t\0V\0i\0l\0l\0e\0\r\0\n\0"
    "N\0o\0\xEB\0l\0\t\0R\0e\0z\0\xE9\0\r\0\n\0";
  g_auto(Records) records = { NULL, };

  read_records_len (&records, data, sizeof data - 1, 0);
  g_assert_cmpuint (records.records->len, ==, 2);
  assert_record (&records, 0, 1, "Nom", "Ville", NULL);
  assert_record (&records, 1, 2, "Noël", "Rezé", NULL);
}

static void
test_reader_unclosed_quote (void)
{
  g_auto(Records) records = { NULL, };

  read_records (&records, "a,b\nc,\"open\nand more,stuff\n", ',');
  g_assert_cmpuint (records.records->len, ==, 2);
  assert_record (&records, 0, 1, "a", "b", NULL);
  assert_record (&records, 1, 2, "c", "open\nand more,stuff\n", NULL);
  g_assert_true (records.unclosed);
}

static void
test_reader_ends (void)
{
  g_auto(Records) no_newline = { NULL, };
  g_auto(Records) trailing = { NULL, };
  g_auto(Records) empty = { NULL, };
  g_auto(Records) quoted_end = { NULL, };

  read_records (&no_newline, "a,b\nc,d", ',');
  g_assert_cmpuint (no_newline.records->len, ==, 2);
  assert_record (&no_newline, 1, 2, "c", "d", NULL);

  /* A blank line is a record without fields, and nothing follows the last
   * line break. Empty fields are kept, including a trailing one. */
  read_records (&trailing, "a,b\n\n,x,\n\n", ',');
  g_assert_cmpuint (trailing.records->len, ==, 4);
  assert_record (&trailing, 0, 1, "a", "b", NULL);
  assert_record (&trailing, 1, 2, NULL);
  assert_record (&trailing, 2, 3, "", "x", "", NULL);
  assert_record (&trailing, 3, 4, NULL);

  read_records (&empty, "", ',');
  g_assert_cmpuint (empty.records->len, ==, 0);

  read_records (&quoted_end, "\"a\",\"b\"", ',');
  g_assert_cmpuint (quoted_end.records->len, ==, 1);
  assert_record (&quoted_end, 0, 1, "a", "b", NULL);
  g_assert_false (quoted_end.unclosed);
}

static void
test_reader_big_field (void)
{
  /* A very long quoted note must cost linear time, not one copy per line. */
  gsize n_lines = 200000;
  g_autoptr(GString) text = g_string_new ("name,note\nAna,\"");
  g_auto(Records) records = { NULL, };
  GStrv record;

  for (gsize i = 0; i < n_lines; i++)
    g_string_append (text, "une ligne, avec \"\"guillemets\"\"\n");
  g_string_append (text, "\"\nBen,x\n");

  read_records_len (&records, text->str, text->len, 0);
  g_assert_cmpuint (records.records->len, ==, 3);
  record = g_ptr_array_index (records.records, 1);
  g_assert_cmpuint (strlen (record[1]), ==, n_lines * strlen ("une ligne, avec \"guillemets\"\n"));
  assert_record (&records, 2, 3 + n_lines, "Ben", "x", NULL);
}

/* ---- Dialects --------------------------------------------------------- */

static void
assert_fixture_dialect (const char       *name,
                        ReseauCsvDialect  expected)
{
  g_autofree char *text = NULL;
  g_autofree char *copy = NULL;
  gsize length = 0;

  text = load_fixture (name, &length);
  copy = exact_copy (text, length);
  g_assert_cmpint (reseau_csv_detect_dialect (copy, length), ==, expected);
}

static void
test_detect_dialect (void)
{
  static const char vcard[] = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Camille Lefèvre\r\nEND:VCARD\r\n";
  static const char linkedin_variant[] = "PRENOM;nom;Date  de Connexion\n";
  static const char google_variant[] = "first name,E-Mail 12 - VALUE\n";

  assert_fixture_dialect ("linkedin-connections.csv", RESEAU_CSV_DIALECT_LINKEDIN);
  assert_fixture_dialect ("linkedin-fr.csv", RESEAU_CSV_DIALECT_LINKEDIN);
  assert_fixture_dialect ("google.csv", RESEAU_CSV_DIALECT_GOOGLE);
  assert_fixture_dialect ("google-old.csv", RESEAU_CSV_DIALECT_GOOGLE);
  assert_fixture_dialect ("google-fr.csv", RESEAU_CSV_DIALECT_GOOGLE);
  assert_fixture_dialect ("outlook.csv", RESEAU_CSV_DIALECT_OUTLOOK);
  assert_fixture_dialect ("outlook-fr.csv", RESEAU_CSV_DIALECT_OUTLOOK);
  assert_fixture_dialect ("not-contacts.csv", RESEAU_CSV_DIALECT_UNKNOWN);

  g_assert_cmpint (reseau_csv_detect_dialect (vcard, strlen (vcard)), ==, RESEAU_CSV_DIALECT_UNKNOWN);
  g_assert_cmpint (reseau_csv_detect_dialect ("", 0), ==, RESEAU_CSV_DIALECT_UNKNOWN);

  /* Case, accents and spacing of headers do not matter. */
  g_assert_cmpint (reseau_csv_detect_dialect (linkedin_variant, strlen (linkedin_variant)), ==,
                   RESEAU_CSV_DIALECT_LINKEDIN);
  g_assert_cmpint (reseau_csv_detect_dialect (google_variant, strlen (google_variant)), ==,
                   RESEAU_CSV_DIALECT_GOOGLE);

  g_assert_cmpstr (reseau_csv_dialect_to_string (RESEAU_CSV_DIALECT_LINKEDIN), ==, "LinkedIn");
  g_assert_cmpstr (reseau_csv_dialect_to_string (RESEAU_CSV_DIALECT_GOOGLE), ==, "Google Contacts");
  g_assert_cmpstr (reseau_csv_dialect_to_string (RESEAU_CSV_DIALECT_OUTLOOK), ==, "Outlook");
}

static void
test_not_contacts (void)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  ReseauCsvDialect dialect = RESEAU_CSV_DIALECT_GOOGLE;
  gsize length = 0;

  text = load_fixture ("not-contacts.csv", &length);
  contacts = reseau_csv_read_contacts (text, length, &dialect, problems, NULL, &error);
  g_assert_null (contacts);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "vCard"));
  g_assert_cmpint (dialect, ==, RESEAU_CSV_DIALECT_UNKNOWN);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* ---- LinkedIn --------------------------------------------------------- */

static void
assert_linkedin (ReseauContact *contact,
                 const char    *url,
                 const char    *met_on)
{
  assert_value (contact, RESEAU_FIELD_URL, 0, "LinkedIn", url);
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_URL), ==, 1);
  assert_tags (contact, "LinkedIn", NULL);
  g_assert_cmpstr (reseau_contact_get_how_met (contact), ==, "LinkedIn");
  g_assert_cmpstr (reseau_contact_get_met_on (contact), ==, met_on);
}

static void
test_linkedin (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  g_autoptr(GPtrArray) contacts = read_fixture ("linkedin-connections.csv",
                                                RESEAU_CSV_DIALECT_LINKEDIN, problems);
  ReseauContact *contact;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 4);

  contact = contact_at (contacts, 0);
  g_assert_cmpuint (contact_line (contact), ==, 5);
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Camille");
  g_assert_cmpstr (reseau_contact_get_family_name (contact), ==, "Lefèvre");
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Atelier Lumen");
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Directrice artistique");
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, NULL, "camille.lefevre@atelier-lumen.example");
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_PHONE), ==, 0);
  assert_linkedin (contact, "https://www.linkedin.com/in/camille-lefevre-graphiste", "2024-03-12");

  contact = contact_at (contacts, 1);
  g_assert_cmpuint (contact_line (contact), ==, 6);
  g_assert_cmpstr (reseau_contact_get_display_name (contact), ==, "Julien Moreau");
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Moreau, Petit & Associés");
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Consultant indépendant");
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_EMAIL), ==, 0);
  assert_linkedin (contact, "https://www.linkedin.com/in/julien-moreau-conseil", "2023-01-03");

  contact = contact_at (contacts, 2);
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Inès");
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Studio \"Bleu Nuit\"");
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, NULL, "ines@benali-dev.example");
  assert_linkedin (contact, "https://www.linkedin.com/in/ines-benali", "2022-02-28");

  contact = contact_at (contacts, 3);
  g_assert_cmpuint (contact_line (contact), ==, 8);
  g_assert_cmpstr (reseau_contact_get_family_name (contact), ==, "Garnier");
  g_assert_null (reseau_contact_get_organization (contact));
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Photographe");
  assert_linkedin (contact, "https://www.linkedin.com/in/mathis-garnier-photo", "2021-09-07");
}

static void
test_linkedin_fr (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  g_autoptr(GPtrArray) contacts = read_fixture ("linkedin-fr.csv", RESEAU_CSV_DIALECT_LINKEDIN, problems);
  ReseauContact *contact;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 3);

  contact = contact_at (contacts, 0);
  g_assert_cmpuint (contact_line (contact), ==, 5);
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Léa");
  g_assert_cmpstr (reseau_contact_get_family_name (contact), ==, "Rousseau");
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Plume UX");
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Designer UX");
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, NULL, "lea.rousseau@plume-ux.example");
  assert_linkedin (contact, "https://www.linkedin.com/in/lea-rousseau-ux", "2024-03-12");

  /* "janv." with its abbreviation dot. */
  contact = contact_at (contacts, 1);
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Traducteur technique");
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_EMAIL), ==, 0);
  assert_linkedin (contact, "https://www.linkedin.com/in/bastien-faure", "2023-01-05");

  contact = contact_at (contacts, 2);
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Chloé");
  assert_linkedin (contact, "https://www.linkedin.com/in/chloe-girard-redaction", "2021-09-30");
}

static void
test_linkedin_dates (void)
{
  static const struct { const char *text; const char *iso; } dates[] = {
    { "12 Mar 2024", "2024-03-12" },
    { "1 March 2024", "2024-03-01" },
    { "Mar 12, 2024", "2024-03-12" },
    { "12 mars 2024", "2024-03-12" },
    { "1 févr. 2020", "2020-02-01" },
    { "15 août 2019", "2019-08-15" },
    { "3 déc. 2018", "2018-12-03" },
    { "31 juil. 2017", "2017-07-31" },
    { "2 juin 2016", "2016-06-02" },
    { "9 Sept 2015", "2015-09-09" },
    { "2024-03-12", "2024-03-12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *text = g_strdup_printf ("First Name,Last Name,Connected On\nAna,Roy,\"%s\"\n",
                                               dates[i].text);
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
      g_autoptr(GPtrArray) contacts = read_contacts_len (text, strlen (text), NULL, problems);

      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpuint (contacts->len, ==, 1);
      g_assert_cmpstr (reseau_contact_get_met_on (contact_at (contacts, 0)), ==, dates[i].iso);
    }
}

/* ---- Google ----------------------------------------------------------- */

static void
test_google (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  g_autoptr(GPtrArray) contacts = read_fixture ("google.csv", RESEAU_CSV_DIALECT_GOOGLE, problems);
  ReseauContact *contact;
  ReseauAddress *address;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 3);

  contact = contact_at (contacts, 0);
  g_assert_cmpuint (contact_line (contact), ==, 2);
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Élodie");
  g_assert_null (reseau_contact_get_additional_names (contact));
  g_assert_cmpstr (reseau_contact_get_family_name (contact), ==, "Marchand");
  g_assert_cmpstr (reseau_contact_get_nickname (contact), ==, "Lodie");
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Typographie Marchand");
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Fondatrice");
  assert_birthday (contact, "1985-06-21");
  g_assert_cmpstr (reseau_contact_get_note (contact), ==,
                   "Rencontrée au salon Graphisme & Co.\nPréfère le téléphone au courriel.");
  /* " ::: " holds several values in one cell; Google's "* " groups are not tags. */
  assert_tags (contact, "Clients", "Paris", NULL);
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_EMAIL), ==, 3);
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, "work", "elodie@typo-marchand.example");
  assert_value (contact, RESEAU_FIELD_EMAIL, 1, "work", "contact@typo-marchand.example");
  assert_value (contact, RESEAU_FIELD_EMAIL, 2, "home", "elodie.marchand@mail.example");
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_PHONE), ==, 2);
  assert_value (contact, RESEAU_FIELD_PHONE, 0, "mobile", "+33 6 12 34 56 78");
  assert_value (contact, RESEAU_FIELD_PHONE, 1, "work", "+33 1 42 00 11 22");
  assert_value (contact, RESEAU_FIELD_URL, 0, "Portfolio", "https://typo-marchand.example");
  g_assert_cmpuint (reseau_contact_get_addresses (contact)->len, ==, 1);
  address = address_at (contact, 0);
  g_assert_cmpstr (address->label, ==, "work");
  g_assert_cmpstr (address->street, ==, "12 rue des Arts");
  g_assert_cmpstr (address->extended, ==, "Bâtiment B");
  g_assert_null (address->po_box);
  g_assert_cmpstr (address->locality, ==, "Paris");
  g_assert_cmpstr (address->region, ==, "Île-de-France");
  g_assert_cmpstr (address->postal_code, ==, "75011");
  g_assert_cmpstr (address->country, ==, "France");
  g_assert_null (reseau_contact_get_how_met (contact));
  g_assert_null (reseau_contact_get_met_on (contact));

  /* The note and address spanned lines: the next row starts on line 6. */
  contact = contact_at (contacts, 1);
  g_assert_cmpuint (contact_line (contact), ==, 6);
  g_assert_cmpstr (reseau_contact_get_prefix (contact), ==, "Dr");
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Thomas");
  g_assert_cmpstr (reseau_contact_get_additional_names (contact), ==, "Jean");
  g_assert_cmpstr (reseau_contact_get_family_name (contact), ==, "Roux");
  assert_birthday (contact, "--04-12");
  assert_tags (contact, "Fournisseurs", NULL);
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, NULL, "thomas.roux@mail.example");
  assert_value (contact, RESEAU_FIELD_PHONE, 0, "mobile", "+33 7 98 76 54 32");
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_URL), ==, 0);
  g_assert_cmpuint (reseau_contact_get_addresses (contact)->len, ==, 0);

  /* Only an organization: still someone to know. */
  contact = contact_at (contacts, 2);
  g_assert_cmpuint (contact_line (contact), ==, 7);
  g_assert_null (reseau_contact_get_given_name (contact));
  g_assert_cmpstr (reseau_contact_get_display_name (contact), ==, "Coopérative Les Fabriques");
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, "work", "bonjour@lesfabriques.example");
  assert_value (contact, RESEAU_FIELD_URL, 0, "Home Page", "https://lesfabriques.example");
  assert_tags (contact, NULL);
}

static void
test_google_old (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  g_autoptr(GPtrArray) contacts = read_fixture ("google-old.csv", RESEAU_CSV_DIALECT_GOOGLE, problems);
  ReseauContact *contact;
  ReseauAddress *address;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 2);

  contact = contact_at (contacts, 0);
  g_assert_cmpuint (contact_line (contact), ==, 2);
  g_assert_cmpstr (reseau_contact_get_full_name (contact), ==, "Sophie Martin");
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Sophie");
  g_assert_cmpstr (reseau_contact_get_family_name (contact), ==, "Martin");
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Relecture Martin");
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Correctrice");
  assert_birthday (contact, "1979-11-03");
  g_assert_cmpstr (reseau_contact_get_note (contact), ==, "Relectrice pour les brochures.");
  assert_tags (contact, "Relecture", NULL);
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, "work", "sophie.martin@relecture.example");
  assert_value (contact, RESEAU_FIELD_EMAIL, 1, "home", "sophie.m@mail.example");
  assert_value (contact, RESEAU_FIELD_PHONE, 0, "mobile", "06 11 22 33 44");
  assert_value (contact, RESEAU_FIELD_URL, 0, "Blog", "https://blog.relecture.example");
  address = address_at (contact, 0);
  g_assert_cmpstr (address->label, ==, "home");
  g_assert_cmpstr (address->street, ==, "4 place du Marché");
  g_assert_cmpstr (address->locality, ==, "Lyon");
  g_assert_cmpstr (address->postal_code, ==, "69002");
  g_assert_null (address->country);

  contact = contact_at (contacts, 1);
  g_assert_cmpuint (contact_line (contact), ==, 4);
  g_assert_cmpstr (reseau_contact_get_full_name (contact), ==, "Karim Haddad");
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Haddad Menuiserie");
  assert_tags (contact, NULL);
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_PHONE), ==, 2);
  assert_value (contact, RESEAU_FIELD_PHONE, 0, "work", "04 72 00 00 01");
  assert_value (contact, RESEAU_FIELD_PHONE, 1, "work", "04 72 00 00 02");
  g_assert_false (reseau_contact_get_birthday (contact, NULL, NULL, NULL));
}

static void
test_google_fr (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  g_autoptr(GPtrArray) contacts = read_fixture ("google-fr.csv", RESEAU_CSV_DIALECT_GOOGLE, problems);
  ReseauContact *contact;
  ReseauAddress *address;

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 2);

  contact = contact_at (contacts, 0);
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Margaux");
  g_assert_cmpstr (reseau_contact_get_family_name (contact), ==, "Lambert");
  g_assert_null (reseau_contact_get_full_name (contact));
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Lambert Illustration");
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Illustratrice");
  assert_birthday (contact, "1990-02-14");
  assert_tags (contact, "Illustrateurs", "Clients", NULL);
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, "work", "margaux@lambert-illustration.example");
  assert_value (contact, RESEAU_FIELD_PHONE, 0, "mobile", "+33 6 55 44 33 22");
  assert_value (contact, RESEAU_FIELD_PHONE, 1, "home", "03 88 00 00 00");
  assert_value (contact, RESEAU_FIELD_URL, 0, "Profil", "https://lambert-illustration.example");
  address = address_at (contact, 0);
  g_assert_cmpstr (address->label, ==, "work");
  g_assert_cmpstr (address->street, ==, "8 quai des Bateliers");
  g_assert_cmpstr (address->locality, ==, "Strasbourg");
  g_assert_cmpstr (address->postal_code, ==, "67000");
  g_assert_cmpstr (address->country, ==, "France");

  contact = contact_at (contacts, 1);
  g_assert_cmpuint (contact_line (contact), ==, 3);
  g_assert_cmpstr (reseau_contact_get_nickname (contact), ==, "Yan");
  assert_birthday (contact, "--09-23");
  assert_tags (contact, NULL);
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, "home", "yanis.perrin@mail.example");
}

/* ---- Outlook ---------------------------------------------------------- */

static void
test_outlook (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  g_autoptr(GPtrArray) contacts = read_fixture ("outlook.csv", RESEAU_CSV_DIALECT_OUTLOOK, problems);
  ReseauContact *contact;
  ReseauAddress *address;
  int year, month, day;

  /* The second row is empty apart from Outlook's defaults ("0/0/00",
   * "Normal"…): it is skipped and said so. */
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpuint (problem_at (problems, 0)->line, ==, 4);
  g_assert_null (problem_at (problems, 0)->file);
  g_assert_cmpuint (contacts->len, ==, 2);

  contact = contact_at (contacts, 0);
  g_assert_cmpuint (contact_line (contact), ==, 2);
  g_assert_cmpstr (reseau_contact_get_prefix (contact), ==, "Mme");
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Hélène");
  g_assert_cmpstr (reseau_contact_get_family_name (contact), ==, "Dubois");
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Dubois Architecture");
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Architecte DPLG");
  /* US order: month first. */
  assert_birthday (contact, "1980-04-12");
  g_assert_false (reseau_contact_get_anniversary (contact, NULL, NULL, NULL));
  assert_tags (contact, "Clients", "Architectes", NULL);
  g_assert_cmpstr (reseau_contact_get_note (contact), ==,
                   "Projet de signalétique “Quai Ouest”.\nRelancer en septembre – devis à 2 500 €.");
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_EMAIL), ==, 2);
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, NULL, "helene.dubois@dubois-archi.example");
  assert_value (contact, RESEAU_FIELD_EMAIL, 1, NULL, "h.dubois@mail.example");
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_PHONE), ==, 3);
  assert_value (contact, RESEAU_FIELD_PHONE, 0, "fax", "+33 2 40 00 00 09");
  assert_value (contact, RESEAU_FIELD_PHONE, 1, "work", "+33 2 40 00 00 00");
  assert_value (contact, RESEAU_FIELD_PHONE, 2, "mobile", "+33 6 01 02 03 04");
  assert_value (contact, RESEAU_FIELD_URL, 0, NULL, "https://dubois-archi.example");
  g_assert_cmpuint (reseau_contact_get_addresses (contact)->len, ==, 1);
  address = address_at (contact, 0);
  g_assert_cmpstr (address->label, ==, "work");
  g_assert_cmpstr (address->street, ==, "27 avenue Jean Jaurès\nBâtiment C");
  g_assert_cmpstr (address->locality, ==, "Nantes");
  g_assert_cmpstr (address->postal_code, ==, "44000");
  g_assert_cmpstr (address->country, ==, "France");

  contact = contact_at (contacts, 1);
  g_assert_cmpuint (contact_line (contact), ==, 5);
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "François");
  g_assert_cmpstr (reseau_contact_get_family_name (contact), ==, "Noël");
  g_assert_false (reseau_contact_get_birthday (contact, NULL, NULL, NULL));
  g_assert_true (reseau_contact_get_anniversary (contact, &year, &month, &day));
  g_assert_cmpint (year, ==, 2012);
  g_assert_cmpint (month, ==, 6);
  g_assert_cmpint (day, ==, 30);
  /* An Exchange-internal address reaches nobody: left out. */
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_EMAIL), ==, 0);
  assert_value (contact, RESEAU_FIELD_PHONE, 0, "home", "02 40 11 22 33");
  address = address_at (contact, 0);
  g_assert_cmpstr (address->label, ==, "home");
  g_assert_cmpstr (address->street, ==, "3 rue de la Paix");
  g_assert_cmpstr (address->locality, ==, "Rezé");
  assert_tags (contact, NULL);
}

static void
test_outlook_fr (void)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  g_autoptr(GPtrArray) contacts = read_fixture ("outlook-fr.csv", RESEAU_CSV_DIALECT_OUTLOOK, problems);
  ReseauContact *contact;
  ReseauAddress *address;
  ReseauProblem *problem;

  g_assert_cmpuint (contacts->len, ==, 2);

  contact = contact_at (contacts, 0);
  g_assert_cmpuint (contact_line (contact), ==, 2);
  g_assert_cmpstr (reseau_contact_get_prefix (contact), ==, "M.");
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Raphaël");
  g_assert_cmpstr (reseau_contact_get_family_name (contact), ==, "Lemaire");
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Lemaire & Fils");
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Gérant");
  /* French headers: day first. */
  assert_birthday (contact, "1980-04-12");
  assert_tags (contact, "Clients", "Bordeaux", NULL);
  g_assert_cmpstr (reseau_contact_get_note (contact), ==,
                   "Préfère être appelé le matin.\nA un associé : « Noé ».");
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, NULL, "raphael@lemaire-fils.example");
  g_assert_cmpuint (n_values (contact, RESEAU_FIELD_PHONE), ==, 2);
  assert_value (contact, RESEAU_FIELD_PHONE, 0, "work", "05 56 00 00 00");
  assert_value (contact, RESEAU_FIELD_PHONE, 1, "mobile", "06 20 30 40 50");
  address = address_at (contact, 0);
  g_assert_cmpstr (address->label, ==, "work");
  g_assert_cmpstr (address->street, ==, "15 rue Sainte-Catherine");
  g_assert_cmpstr (address->locality, ==, "Bordeaux");
  g_assert_cmpstr (address->postal_code, ==, "33000");
  g_assert_cmpstr (address->country, ==, "France");

  /* A thirteenth month: the row comes in without its birthday, and the
   * problem names the line, the person and the date. */
  contact = contact_at (contacts, 1);
  g_assert_cmpuint (contact_line (contact), ==, 4);
  g_assert_cmpstr (reseau_contact_get_display_name (contact), ==, "Amélie Chevalier");
  g_assert_cmpstr (reseau_contact_get_title (contact), ==, "Consultante RH");
  g_assert_false (reseau_contact_get_birthday (contact, NULL, NULL, NULL));
  assert_value (contact, RESEAU_FIELD_EMAIL, 0, NULL, "amelie@chevalier-conseil.example");

  g_assert_cmpuint (problems->len, ==, 1);
  problem = problem_at (problems, 0);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_cmpstr (problem->subject, ==, "Amélie Chevalier");
  g_assert_nonnull (strstr (problem->message, "31/13/1985"));
  g_assert_nonnull (strstr (problem->message, "Anniversaire"));
}

/* ---- Bad rows --------------------------------------------------------- */

static void
test_bad_rows (void)
{
  static const char text[] =
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,Roy,https://www.linkedin.com/in/ana-roy,,,,12 Mar 2024\n"
    "\n"
    ",,,,,,\n"
    ",,https://www.linkedin.com/in/nobody,,,Gérante,3 Jan 2023\n"
    "Ben,Lo,,,,,someday\n"
    "Cy\n"
    "Dee,Ng,,dee@ng.example,Ng SARL,Boss,1 Feb 2020,extra,fields\n"
    "\"Eve\",\"Open,,,,,,\n"
    "more text\n";
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  g_autoptr(GPtrArray) contacts = read_contacts_len (text, strlen (text), NULL, problems);
  ReseauContact *contact;
  ReseauProblem *problem;
  g_autofree char *formatted = NULL;

  g_assert_cmpuint (contacts->len, ==, 5);
  g_assert_cmpuint (contact_line (contact_at (contacts, 0)), ==, 2);

  /* Bad date: the row is kept without it. */
  contact = contact_at (contacts, 1);
  g_assert_cmpuint (contact_line (contact), ==, 6);
  g_assert_cmpstr (reseau_contact_get_display_name (contact), ==, "Ben Lo");
  g_assert_null (reseau_contact_get_met_on (contact));
  g_assert_true (reseau_contact_has_tag (contact, "LinkedIn"));

  /* Too few fields: read as far as it goes. */
  contact = contact_at (contacts, 2);
  g_assert_cmpuint (contact_line (contact), ==, 7);
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Cy");
  g_assert_null (reseau_contact_get_family_name (contact));

  /* Too many: the extra cells are ignored. */
  contact = contact_at (contacts, 3);
  g_assert_cmpuint (contact_line (contact), ==, 8);
  g_assert_cmpstr (reseau_contact_get_organization (contact), ==, "Ng SARL");
  g_assert_cmpstr (reseau_contact_get_met_on (contact), ==, "2020-02-01");

  /* The quote is never closed: the rest of the file is its last field. */
  contact = contact_at (contacts, 4);
  g_assert_cmpuint (contact_line (contact), ==, 9);
  g_assert_cmpstr (reseau_contact_get_given_name (contact), ==, "Eve");
  g_assert_cmpstr (reseau_contact_get_family_name (contact), ==, "Open,,,,,,\nmore text");

  /* The blank line (3) and the row of empty cells (4) are ignored silently;
   * the row with only a URL and a title (5) is skipped and said so. */
  g_assert_cmpuint (problems->len, ==, 3);
  problem = problem_at (problems, 0);
  g_assert_cmpuint (problem->line, ==, 5);
  g_assert_null (problem->subject);
  g_assert_nonnull (strstr (problem->message, "skipped"));

  problem = problem_at (problems, 1);
  g_assert_cmpuint (problem->line, ==, 6);
  g_assert_cmpstr (problem->subject, ==, "Ben Lo");
  g_assert_nonnull (strstr (problem->message, "someday"));
  g_assert_nonnull (strstr (problem->message, "Connected On"));
  formatted = reseau_problem_format (problem);
  g_assert_true (g_str_has_prefix (formatted, "6: Ben Lo: "));

  problem = problem_at (problems, 2);
  g_assert_cmpuint (problem->line, ==, 9);
  g_assert_nonnull (strstr (problem->message, "quote"));
}

static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  text = load_fixture ("google.csv", &length);
  g_cancellable_cancel (cancellable);
  contacts = reseau_csv_read_contacts (text, length, NULL, NULL, cancellable, &error);
  g_assert_null (contacts);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Cancelling from another thread stops a long read at its next check. */
static gpointer
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel_midway (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,Email Address,Connected On\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  GThread *thread;
  guint n_rows = 300000;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "Ana,Roy %u,ana%u@roy.example,12 Mar 2024\n", i, i);

  thread = g_thread_new ("cancel", cancel_soon, cancellable);
  contacts = reseau_csv_read_contacts (text->str, text->len, NULL, problems, cancellable, &error);
  g_thread_join (thread);

  /* Either the thread won before the last check, or the read was done. */
  if (contacts == NULL)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  else
    g_assert_cmpuint (contacts->len, ==, n_rows);
}

static void
test_many_rows (void)
{
  /* Linear in the number of rows: 100,000 Google rows read in well under
   * the test's time limit even under AddressSanitizer. */
  g_autoptr(GString) text = g_string_new ("First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,"
                                          "Phone 1 - Label,Phone 1 - Value\n");
  g_autoptr(GPtrArray) contacts = NULL;
  guint n_rows = 100000;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "Ana,Roy %u,* myContacts ::: Clients,* Work,ana%u@roy.example,"
                            "Mobile,+33 6 00 00 %02u %02u\n", i, i, (i / 100) % 100, i % 100);

  contacts = read_contacts_len (text->str, text->len, NULL, NULL);
  g_assert_cmpuint (contacts->len, ==, n_rows);
  g_assert_cmpstr (reseau_contact_get_family_name (contact_at (contacts, n_rows - 1)), ==, "Roy 99999");
  g_assert_cmpuint (contact_line (contact_at (contacts, n_rows - 1)), ==, n_rows + 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/reader/simple", test_reader_simple);
  g_test_add_func ("/csv/reader/quotes", test_reader_quotes);
  g_test_add_func ("/csv/reader/stray-quote", test_reader_stray_quote);
  g_test_add_func ("/csv/reader/newlines-in-quotes", test_reader_newlines_in_quotes);
  g_test_add_func ("/csv/reader/line-endings", test_reader_line_endings);
  g_test_add_func ("/csv/reader/bom", test_reader_bom);
  g_test_add_func ("/csv/reader/separators", test_reader_separators);
  g_test_add_func ("/csv/reader/windows-1252", test_reader_windows_1252);
  g_test_add_func ("/csv/reader/utf-16", test_reader_utf16);
  g_test_add_func ("/csv/reader/unclosed-quote", test_reader_unclosed_quote);
  g_test_add_func ("/csv/reader/ends", test_reader_ends);
  g_test_add_func ("/csv/reader/big-field", test_reader_big_field);
  g_test_add_func ("/csv/dialect/detect", test_detect_dialect);
  g_test_add_func ("/csv/dialect/not-contacts", test_not_contacts);
  g_test_add_func ("/csv/linkedin/connections", test_linkedin);
  g_test_add_func ("/csv/linkedin/french", test_linkedin_fr);
  g_test_add_func ("/csv/linkedin/dates", test_linkedin_dates);
  g_test_add_func ("/csv/google/current", test_google);
  g_test_add_func ("/csv/google/old", test_google_old);
  g_test_add_func ("/csv/google/french", test_google_fr);
  g_test_add_func ("/csv/outlook/english", test_outlook);
  g_test_add_func ("/csv/outlook/french", test_outlook_fr);
  g_test_add_func ("/csv/rows/bad", test_bad_rows);
  g_test_add_func ("/csv/rows/many", test_many_rows);
  g_test_add_func ("/csv/cancel/before", test_cancel);
  g_test_add_func ("/csv/cancel/midway", test_cancel_midway);

  return g_test_run ();
}
