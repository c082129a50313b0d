/* reseau-import-bench.c — vCard parsing and import figures on a big address book
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a deterministic vCard 3.0 file of 100,000 cards shaped like a
 * phone's export (French and international names with accents, Apple item
 * groups, folded lines), then measures over several runs and prints medians:
 *
 *  a. our parse throughput in MB/s: every card through ReseauVCardReader,
 *     reading the text of FN, EMAIL and TEL ("reader"), and the same with
 *     each card mapped to a ReseauContact ("reader + mapping");
 *  b. Evolution's parser on the same bytes, in the same run, doing the same
 *     work: the file split into cards, e_contact_new_from_vcard() on each,
 *     then its full name, email list and TEL values read (reading forces
 *     the parse: EVCard parses lazily);
 *  c. `reseau-cli import FILE` into an empty database, wall time of the
 *     whole process.
 *
 * Both parsers must see the same numbers of cards, emails and phones, or the
 * comparison is void and the program fails. Lines `reseau-bench NAME VALUE`
 * are for scripts; the rest is for people.
 *
 * Usage: reseau-import-bench [--cards N] [--runs N] [--cli PATH] [--keep FILE]
 *        reseau-import-bench --has-evolution   (exit status 0 when built with it)
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#ifdef HAVE_EVOLUTION
#include <libebook-contacts/libebook-contacts.h>
#endif

#include "reseau-core.h"
#include "reseau-test-utils.h"

/* As many as there are distinct people (see second_family_names). */
#define MAX_CARDS 102400
static int n_cards = 100000;
static int n_runs = 5;
static char *cli_path = NULL;
static char *keep_path = NULL;
static gboolean has_evolution_query = FALSE;

/* What a parser read, to check that both did the same work. */
typedef struct
{
  guint64 cards;
  guint64 emails;
  guint64 phones;
  guint64 name_bytes;
} Tally;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);
  if (samples->len == 0)
    return 0;
  if (samples->len % 2 == 1)
    return g_array_index (samples, double, samples->len / 2);
  return (g_array_index (samples, double, samples->len / 2 - 1) +
          g_array_index (samples, double, samples->len / 2)) / 2;
}

/* The address book ------------------------------------------------------------ */

static const char *given_names[] = {
  "Hélène", "François", "Zoë", "Élodie", "Jérôme", "Chloé", "Benoît", "Maëlle",
  "Noël", "Agnès", "Loïc", "Céline", "Gaëtan", "Inès", "Sébastien", "Anaïs",
  "Marie", "Thomas", "Julien", "Camille", "Nicolas", "Sophie", "Pierre", "Claire",
  "Jürgen", "Søren", "José", "María", "João", "Łukasz", "Ólafur", "Zoltán",
  "Aiko", "Wei", "Priya", "Mohammed", "Olumide", "Siobhán", "Dmitri", "Ngọc",
};

static const char *family_names[] = {
  "Lefèvre", "Dupré", "Bénard", "Girardot", "Lemaître", "Moreau", "Chevalier", "Fournier",
  "Da Silva", "Nguyễn", "Müller", "O'Brien", "García Márquez", "Kowalski", "Ødegård",
  "Martin", "Bernard", "Petit", "Durand", "Leroy", "Roux", "Faure", "Mercier",
  "Blanc", "Guérin", "Boyer", "Rémy", "Lacroix", "Hoareau", "Le Goff", "Kerjean",
  "Tanaka", "Chen", "Sharma", "Okafor", "Ivanov", "Papadopoulos", "Jönsson", "Brontë",
  "Morvan",
};

/* The second half of double-barrelled names; the first entry means none.
 * Given × family × this = 102,400 distinct people, so that no two cards of
 * the file are the same person to the import's matcher (same email, phone,
 * or name and organization), as in a real address book. */
static const char *second_family_names[] = {
  NULL, "Martin", "Bernard", "Thomas", "Robert", "Richard", "Dubois", "Lambert",
  "Bonnet", "François", "Legrand", "Garnier", "Rousseau", "Vincent", "Müller", "Henry",
  "Gauthier", "Perrin", "Morin", "Clément", "Girard", "André", "Lefèbvre", "Mercier",
  "Dupont", "Bertrand", "Morel", "Fontaine", "Fabre", "Brun", "Caron", "Masson",
  "Barbier", "Schmitt", "Renaud", "Aubert", "Colin", "Vidal", "Lucas", "Arnaud",
  "Lemoine", "Rolland", "Brunet", "Giraud", "Picard", "Roger", "Roche", "Joly",
  "Gaillard", "Meunier", "Marchand", "Leclerc", "Huet", "Noël", "Baron", "Prévost",
  "Carré", "Collet", "Gérard", "Boucher", "Bouvier", "Poirier", "Charpentier", "Cordier",
};

static const char *organizations[] = {
  "Atelier Lumière", "Agence Horizon", "Société Générale", "Studio Éphémère",
  "Les Éditions du Quai", "Brasserie Côté Cour", "Cabinet Mercier & Associés",
  "Mairie de Nantes", "Université de Lyon", "Ateliers Réunis", "Crédit Agricole",
  "Orange Business", "Decathlon", "Ubisoft", "Doctolib", "BlaBlaCar",
  "Siemens AG", "Spotify", "Nokia", "Banco Santander", "Tata Consultancy",
};

static const char *departments[] = {
  "Communication", "Direction artistique", "Ressources humaines", "Achats",
  "Marketing", "R&D", "Ventes",
};

static const char *titles[] = {
  "Directrice artistique", "Chef de projet", "Développeur senior", "Graphiste",
  "Responsable communication", "Gérant", "Consultante", "Photographe", "Journaliste",
  "Acheteuse", "Product Manager", "CTO", "Architecte d'intérieur", "Traductrice",
};

static const char *domains[] = {
  "gmail.com", "orange.fr", "free.fr", "laposte.net", "outlook.fr", "yahoo.fr",
  "icloud.com", "proton.me", "wanadoo.fr", "example.org",
};

static const char *cities[][2] = {
  { "Nantes", "44000" }, { "Lyon", "69002" }, { "Paris", "75011" },
  { "Bordeaux", "33000" }, { "Rennes", "35000" }, { "Lille", "59000" },
  { "Marseille", "13001" }, { "Toulouse", "31000" }, { "Saint-Étienne", "42000" },
};

static const char *streets[] = {
  "rue des Lilas", "avenue Jean Jaurès", "boulevard de la Libération", "place de l'Église",
  "quai de la Fosse", "allée des Châtaigniers", "rue du Général de Gaulle",
};

static const char *notes[] = {
  "Rencontrée au salon du design\\, très intéressée par une refonte.",
  "Recommandé par Thomas. Rappeler en septembre pour le devis.",
  "Projet de site e-commerce\\; budget à confirmer.\\nPréfère être appelée le matin.",
  "Ancien collègue chez Horizon. Mission possible au printemps.",
};

static const char *categories[] = {
  "Clients", "Prospects", "Fournisseurs", "Amis", "Famille", "Design", "Lyon", "Presse",
};

static const char *email_types[] = { "WORK", "HOME", "HOME", "WORK", "OTHER" };
static const char *phone_types[] = { "WORK", "HOME", "MAIN" };

/* Folds a line as iOS and Android do: 75 octets, then CRLF and a space,
 * never inside a UTF-8 sequence. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize length = strlen (line);
  gsize start = 0, limit = 75;

  while (length - start > limit)
    {
      gsize cut = start + limit;

      while (cut > start && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + start, cut - start);
      g_string_append (out, "\r\n ");
      start = cut;
      limit = 74;
    }
  g_string_append (out, line + start);
  g_string_append (out, "\r\n");
}

static void
append_line (GString    *out,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
append_line (GString    *out,
             const char *format,
             ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  append_folded (out, line);
}

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* "hélène" → "helene", for email addresses. */
static char *
ascii_local_part (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  GString *out = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static void
append_card (GString *out,
             GRand   *rand,
             int      index)
{
  const guint n_people = G_N_ELEMENTS (given_names) * G_N_ELEMENTS (family_names) *
                         G_N_ELEMENTS (second_family_names);

  G_STATIC_ASSERT (G_N_ELEMENTS (given_names) * G_N_ELEMENTS (family_names) *
                   G_N_ELEMENTS (second_family_names) == MAX_CARDS);
  /* A bijection of the index over all the people (7919 is prime to
   * 102,400), so that neighbouring cards are not alphabetical. */
  guint person = ((guint) index * 7919u + 12345u) % n_people;
  const char *given = given_names[person % G_N_ELEMENTS (given_names)];
  const char *first_family = family_names[(person / G_N_ELEMENTS (given_names)) %
                                          G_N_ELEMENTS (family_names)];
  const char *second_family = second_family_names[person / (G_N_ELEMENTS (given_names) *
                                                            G_N_ELEMENTS (family_names))];
  g_autofree char *family = second_family != NULL
                            ? g_strdup_printf ("%s-%s", first_family, second_family)
                            : g_strdup (first_family);
  g_autofree char *given_ascii = ascii_local_part (given);
  g_autofree char *family_ascii = ascii_local_part (family);
  int n_emails = g_rand_int_range (rand, 0, 100) < 35 ? 2 : 1;
  int n_phones = g_rand_int_range (rand, 0, 100) < 30 ? 2 : 1;
  int item = 0;

  g_string_append (out, "BEGIN:VCARD\r\nVERSION:3.0\r\n");
  if (index % 3 == 0)
    g_string_append (out, "PRODID:-//Apple Inc.//iPhone OS 17.4//EN\r\n");
  append_line (out, "N:%s;%s;;;", family, given);
  append_line (out, "FN:%s %s", given, family);
  if (g_rand_int_range (rand, 0, 100) < 60)
    {
      if (g_rand_boolean (rand))
        append_line (out, "ORG:%s;%s", PICK (rand, organizations), PICK (rand, departments));
      else
        append_line (out, "ORG:%s;", PICK (rand, organizations));
    }
  if (g_rand_int_range (rand, 0, 100) < 40)
    append_line (out, "TITLE:%s", PICK (rand, titles));

  for (int i = 0; i < n_emails; i++)
    append_line (out, "EMAIL;type=INTERNET;type=%s%s:%s.%s%s@%s",
                 PICK (rand, email_types), i == 0 ? ";type=pref" : "",
                 given_ascii, family_ascii, i == 0 ? "" : "2", PICK (rand, domains));
  /* The last six digits are the card's index: no two people share a
   * number. The first is a mobile, the second a landline (01 to 05). */
  for (int i = 0; i < n_phones; i++)
    {
      int lead = i == 0 ? g_rand_int_range (rand, 6, 8) : g_rand_int_range (rand, 1, 6);
      int pair = g_rand_int_range (rand, 0, 100);

      if (g_rand_boolean (rand))
        append_line (out, "TEL;type=%s;type=VOICE%s:+33 %d %02d %02d %02d %02d",
                     i == 0 ? "CELL" : PICK (rand, phone_types), i == 0 ? ";type=pref" : "",
                     lead, pair, index / 10000 % 100, index / 100 % 100, index % 100);
      else
        append_line (out, "TEL;type=%s;type=VOICE%s:0%d %02d %02d %02d %02d",
                     i == 0 ? "CELL" : PICK (rand, phone_types), i == 0 ? ";type=pref" : "",
                     lead, pair, index / 10000 % 100, index / 100 % 100, index % 100);
    }

  if (g_rand_int_range (rand, 0, 100) < 20)
    {
      int city = g_rand_int_range (rand, 0, G_N_ELEMENTS (cities));

      item++;
      append_line (out, "item%d.ADR;type=HOME;type=pref:;;%d %s;%s;;%s;France", item,
                   g_rand_int_range (rand, 1, 120), PICK (rand, streets),
                   cities[city][0], cities[city][1]);
      append_line (out, "item%d.X-ABADR:fr", item);
    }
  if (g_rand_int_range (rand, 0, 100) < 15)
    {
      item++;
      append_line (out, "item%d.URL;type=pref:https://www.linkedin.com/in/%s-%s-%04x",
                   item, given_ascii, family_ascii, g_rand_int_range (rand, 0, 0xffff));
      append_line (out, "item%d.X-ABLabel:LinkedIn", item);
    }
  if (g_rand_int_range (rand, 0, 100) < 10)
    append_line (out, "NOTE:%s", PICK (rand, notes));
  if (g_rand_int_range (rand, 0, 100) < 30)
    {
      const char *first = PICK (rand, categories);
      const char *second = PICK (rand, categories);

      if (first != second)
        append_line (out, "CATEGORIES:%s,%s", first, second);
      else
        append_line (out, "CATEGORIES:%s", first);
    }
  if (g_rand_int_range (rand, 0, 100) < 10)
    append_line (out, "X-SOCIALPROFILE;type=twitter:https://twitter.com/%s%s",
                 given_ascii, family_ascii);
  if (index % 4 == 1)
    append_line (out, "BDAY:%04d-%02d-%02d", g_rand_int_range (rand, 1950, 2002),
                 g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  append_line (out, "UID:%08X-%04X-4%03X-%04X-%04X%08X",
               g_rand_int (rand), g_rand_int_range (rand, 0, 0x10000),
               g_rand_int_range (rand, 0, 0x1000),
               0x8000 | g_rand_int_range (rand, 0, 0x4000),
               g_rand_int_range (rand, 0, 0x10000), g_rand_int (rand));
  g_string_append (out, "REV:2024-03-12T10:10:10Z\r\nEND:VCARD\r\n");
}

static GBytes *
make_address_book (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  GString *out = g_string_sized_new ((gsize) n_cards * 420);

  for (int i = 0; i < n_cards; i++)
    append_card (out, rand, i);
  return g_string_free_to_bytes (out);
}

/* a. Our parser ------------------------------------------------------------------ */

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
run_reader (GBytes   *data,
            gboolean  map,
            Tally    *tally)
{
  g_autoptr(ReseauVCardReader) reader = NULL;
  gint64 start = g_get_monotonic_time ();
  ReseauVCard *card;

  memset (tally, 0, sizeof *tally);
  reader = reseau_vcard_reader_new (data);
  while ((card = reseau_vcard_reader_next (reader)) != NULL)
    {
      tally->cards++;
      if (map)
        {
          /* What the import does: the contact, then what the list shows. */
          g_autoptr(ReseauContact) contact = reseau_contact_new_from_vcard (card);
          GPtrArray *emails = reseau_contact_get_values (contact, RESEAU_FIELD_EMAIL);
          GPtrArray *phones = reseau_contact_get_values (contact, RESEAU_FIELD_PHONE);

          tally->name_bytes += strlen (reseau_contact_get_display_name (contact));
          tally->emails += emails->len;
          tally->phones += phones->len;
        }
      else
        {
          for (guint i = 0; i < card->properties->len; i++)
            {
              const ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);
              gboolean fn = g_str_equal (property->name, "FN");
              gboolean email = !fn && g_str_equal (property->name, "EMAIL");
              gboolean tel = !fn && !email && g_str_equal (property->name, "TEL");
              g_autofree char *text = NULL;

              if (!fn && !email && !tel)
                continue;
              text = reseau_vcard_property_get_text (property);
              if (fn)
                tally->name_bytes += strlen (text);
              tally->emails += email;
              tally->phones += tel;
            }
        }
      reseau_vcard_free (card);
    }
  return seconds_since (start);
}

/* b. Evolution's parser ------------------------------------------------------------ */

#ifdef HAVE_EVOLUTION
/* text is a writable copy of the file, NUL-terminated: each card is cut out
 * in place by a NUL put back afterwards, so that the only copies made are
 * Evolution's own. */
static double
run_evolution (char  *text,
               Tally *tally)
{
  gint64 start = g_get_monotonic_time ();
  char *next = text;
  char *begin;

  memset (tally, 0, sizeof *tally);
  while ((begin = strstr (next, "BEGIN:VCARD")) != NULL)
    {
      char *end = strstr (begin, "END:VCARD");
      char *stop;
      char saved;
      EContact *contact;
      const char *full_name;
      GList *emails;

      if (end == NULL)
        end = begin + strlen (begin);
      stop = strchr (end, '\n');
      stop = stop != NULL ? stop + 1 : end + strlen (end);
      saved = *stop;
      *stop = '\0';
      contact = e_contact_new_from_vcard (begin);
      *stop = saved;
      next = stop;

      tally->cards++;
      full_name = e_contact_get_const (contact, E_CONTACT_FULL_NAME);
      if (full_name != NULL)
        tally->name_bytes += strlen (full_name);

      emails = e_contact_get (contact, E_CONTACT_EMAIL);
      tally->emails += g_list_length (emails);
      g_list_free_full (emails, g_free);

      for (GList *l = e_vcard_get_attributes (E_VCARD (contact)); l != NULL; l = l->next)
        {
          EVCardAttribute *attribute = l->data;

          if (g_ascii_strcasecmp (e_vcard_attribute_get_name (attribute), EVC_TEL) == 0)
            {
              GList *values = e_vcard_attribute_get_values (attribute);

              if (values != NULL && values->data != NULL)
                tally->phones++;
            }
        }
      g_object_unref (contact);
    }
  return seconds_since (start);
}
#endif

static gboolean
same_work (const char  *ours_name,
           const Tally *ours,
           const char  *theirs_name,
           const Tally *theirs)
{
  if (ours->cards == theirs->cards && ours->emails == theirs->emails &&
      ours->phones == theirs->phones)
    return TRUE;

  g_printerr ("The parsers did not read the same things: %s read %" G_GUINT64_FORMAT
              " cards, %" G_GUINT64_FORMAT " emails, %" G_GUINT64_FORMAT " phones; %s read %"
              G_GUINT64_FORMAT " cards, %" G_GUINT64_FORMAT " emails, %" G_GUINT64_FORMAT
              " phones\n", ours_name, ours->cards, ours->emails, ours->phones,
              theirs_name, theirs->cards, theirs->emails, theirs->phones);
  return FALSE;
}

/* c. reseau-cli import ---------------------------------------------------------------- */

/* Seconds for one import into a new, empty data folder, or -1. The folder
 * is removed, unless kept_home is given: it then receives the folder. */
static double
run_import (const char  *path,
            char       **kept_home)
{
  g_autofree char *home = reseau_test_make_temp_dir ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strdup_printf ("imported %d,", n_cards);
  gint64 start;
  double seconds;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, &error, cli_path, "import", path, NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error))
    {
      g_printerr ("Could not run %s: %s\n", cli_path, error->message);
      reseau_test_remove_tree (home);
      return -1;
    }
  seconds = seconds_since (start);
  if (kept_home != NULL)
    *kept_home = g_steal_pointer (&home);
  else
    reseau_test_remove_tree (home);

  if (!g_subprocess_get_successful (process) || out == NULL || strstr (out, expected) == NULL)
    {
      g_printerr ("%s import %s did not report \"%s\" (exit status %d):\n%.2000s%.2000s\n",
                  cli_path, path, expected, g_subprocess_get_exit_status (process),
                  out ? out : "", err ? err : "");
      return -1;
    }
  return seconds;
}

/* d. possible duplicates ------------------------------------------------------------- */

/* Seconds to find the possible duplicates among the contacts of the
 * database in home (what the "Possible Duplicates" window does once it has
 * the keys), or -1. */
static double
run_duplicates (const char *home,
                guint      *n_pairs)
{
  g_autofree char *db_path = g_build_filename (home, "reseau", "reseau.db", NULL);
  g_autoptr(ReseauDatabase) database = reseau_database_new (db_path);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double seconds;

  if (!reseau_database_open (database, &error) ||
      (keys = reseau_database_list_contact_keys (database, &error)) == NULL)
    {
      g_printerr ("Could not read the imported database %s: %s\n", db_path, error->message);
      return -1;
    }
  start = g_get_monotonic_time ();
  pairs = reseau_find_duplicates (keys);
  seconds = seconds_since (start);
  *n_pairs = pairs->len;
  return seconds;
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "cards", 0, 0, G_OPTION_ARG_INT, &n_cards, "Cards in the generated file", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs of each measure", "N" },
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &cli_path, "The reseau-cli binary (default: $RESEAU_CLI)", "PATH" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_path, "Also write the generated file there", "FILE" },
    { "has-evolution", 0, 0, G_OPTION_ARG_NONE, &has_evolution_query,
      "Exit with status 0 when built with Evolution's parser, 1 otherwise", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GArray) reader_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) mapping_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) evolution_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) import_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) duplicates_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *imported_home = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *evolution_text = NULL;
  double megabytes, reader_mbs, mapping_mbs, evolution_mbs = 0, import_s = 0;
  gboolean ok = TRUE;
  gsize size;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_cards < 1 || n_runs < 1 ||
      n_cards > MAX_CARDS)
    {
      g_printerr ("%s\n", error ? error->message
                                : "--runs must be positive, --cards between 1 and 102400");
      return 2;
    }
  if (has_evolution_query)
    {
#ifdef HAVE_EVOLUTION
      return 0;
#else
      return 1;
#endif
    }
  if (cli_path == NULL)
    cli_path = g_strdup (g_getenv ("RESEAU_CLI"));

  start = g_get_monotonic_time ();
  data = make_address_book ();
  size = g_bytes_get_size (data);
  megabytes = size / 1e6;
  folder = reseau_test_make_temp_dir ();
  path = g_build_filename (folder, "address-book.vcf", NULL);
  if (!g_file_set_contents (path, g_bytes_get_data (data, NULL), size, &error) ||
      (keep_path != NULL &&
       !g_file_set_contents (keep_path, g_bytes_get_data (data, NULL), size, &error)))
    g_error ("Could not write the generated address book: %s", error->message);

  g_print ("address book: %d vCard 3.0 cards, %.1f MB (%" G_GSIZE_FORMAT " bytes, %.0f bytes "
           "a card), generated in %.1f s\n", n_cards, megabytes, size, (double) size / n_cards,
           seconds_since (start));
  g_print ("reseau-bench vcard-cards %d\n", n_cards);
  g_print ("reseau-bench vcard-file-bytes %" G_GSIZE_FORMAT "\n", size);

#ifdef HAVE_EVOLUTION
  evolution_text = g_strndup (g_bytes_get_data (data, NULL), size);
#endif

  /* Interleaved, so that both parsers meet the same conditions of the
   * machine (frequency, other load) over the run. */
  for (int run = 0; run < n_runs; run++)
    {
      Tally reader_tally, mapping_tally;
      double seconds;

      seconds = run_reader (data, FALSE, &reader_tally);
      g_array_append_val (reader_times, seconds);
      seconds = run_reader (data, TRUE, &mapping_tally);
      g_array_append_val (mapping_times, seconds);
      if (reader_tally.cards != (guint64) n_cards)
        {
          g_printerr ("Our reader read %" G_GUINT64_FORMAT " cards of %d\n",
                      reader_tally.cards, n_cards);
          ok = FALSE;
        }
      ok &= same_work ("the reader", &reader_tally, "the mapping", &mapping_tally);

#ifdef HAVE_EVOLUTION
      {
        Tally evolution_tally;

        seconds = run_evolution (evolution_text, &evolution_tally);
        g_array_append_val (evolution_times, seconds);
        ok &= same_work ("ours", &reader_tally, "Evolution's", &evolution_tally);
        if (evolution_tally.name_bytes != reader_tally.name_bytes)
          {
            g_printerr ("The parsers read full names of different lengths\n");
            ok = FALSE;
          }
      }
#endif
    }

  reader_mbs = megabytes / median (reader_times);
  mapping_mbs = megabytes / median (mapping_times);
  g_print ("\na. our parser, %d runs, median\n", n_runs);
  g_print ("   reader             %7.1f MB/s  (%.3f s)\n", reader_mbs, median (reader_times));
  g_print ("   reader + mapping   %7.1f MB/s  (%.3f s)\n", mapping_mbs, median (mapping_times));
  g_print ("reseau-bench parse-reader-mb-s %.1f\n", reader_mbs);
  g_print ("reseau-bench parse-mapping-mb-s %.1f\n", mapping_mbs);

#ifdef HAVE_EVOLUTION
  evolution_mbs = megabytes / median (evolution_times);
  g_print ("\nb. Evolution %s (e_contact_new_from_vcard), same file, %d runs, median\n",
           EDS_VERSION, n_runs);
  g_print ("   Evolution          %7.1f MB/s  (%.3f s)\n", evolution_mbs, median (evolution_times));
  g_print ("   ours / Evolution   reader %.2fx, reader + mapping %.2fx  (target: at least 3x)\n",
           reader_mbs / evolution_mbs, mapping_mbs / evolution_mbs);
  g_print ("reseau-bench parse-evolution-mb-s %.1f\n", evolution_mbs);
  g_print ("reseau-bench parse-ratio-reader-evolution %.2f\n", reader_mbs / evolution_mbs);
  g_print ("reseau-bench parse-ratio-mapping-evolution %.2f\n", mapping_mbs / evolution_mbs);
#else
  g_print ("\nb. Evolution's parser: not built in (install libebook-contacts1.2-dev and "
           "configure again; build-aux/dev bench does both)\n");
#endif

  if (cli_path != NULL)
    {
      for (int run = 0; run < n_runs && ok; run++)
        {
          /* The first import's database is kept for d. */
          double seconds = run_import (path, run == 0 ? &imported_home : NULL);

          if (seconds < 0)
            ok = FALSE;
          else
            g_array_append_val (import_times, seconds);
        }
      if (import_times->len > 0)
        {
          import_s = median (import_times);
          g_print ("\nc. reseau-cli import of the file into an empty database, %u runs, median\n",
                   import_times->len);
          g_print ("   import             %7.2f s  (target: at most 3 s)\n", import_s);
          g_print ("reseau-bench import-seconds %.2f\n", import_s);
        }
    }
  else
    {
      g_print ("\nc. reseau-cli import: no reseau-cli given (--cli or RESEAU_CLI)\n");
    }

  if (imported_home != NULL)
    {
      guint n_pairs = 0;

      for (int run = 0; run < n_runs && ok; run++)
        {
          double seconds = run_duplicates (imported_home, &n_pairs);

          if (seconds < 0)
            ok = FALSE;
          else
            g_array_append_val (duplicates_times, seconds);
        }
      if (duplicates_times->len > 0)
        {
          g_print ("\nd. possible duplicates among the imported contacts, %u runs, median\n",
                   duplicates_times->len);
          g_print ("   finding %u pairs  %7.2f s\n", n_pairs, median (duplicates_times));
          g_print ("reseau-bench duplicates-seconds %.2f\n", median (duplicates_times));
        }
      reseau_test_remove_tree (imported_home);
    }

  g_print ("\nsummary: %.1f MB, %d cards; reader %.0f MB/s, with mapping %.0f MB/s",
           megabytes, n_cards, reader_mbs, mapping_mbs);
  if (evolution_mbs > 0)
    g_print ("; Evolution %.0f MB/s (ours %.1fx / %.1fx)", evolution_mbs,
             reader_mbs / evolution_mbs, mapping_mbs / evolution_mbs);
  if (import_s > 0)
    g_print ("; import %.2f s", import_s);
  g_print ("\n");

  reseau_test_remove_tree (folder);
  return ok ? 0 : 1;
}
