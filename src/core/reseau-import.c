/* reseau-import.c — bringing files of contacts into the address book
 *
 * Preparing an import runs on a GTask thread, in four steps:
 *
 *   files ──read──▶ cards and rows ──▶ contacts ("incoming"), group cards
 *                                          │
 *   address book keys ──index──▶ targets ◀─┘ match: UID, email, phone, name
 *                                          │
 *   group cards ──────────────▶ tags on targets
 *                                          │
 *   existing contacts (one load) ──▶ replaced or merged ──▶ entries
 *
 * A target is one contact of the result: an existing contact that cards
 * matched, or a contact new in this import. Its keys go into the same
 * hash tables as the address book's, so a card matches an earlier card of
 * the import exactly as it matches a stored contact, in constant time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reseau-import.h"
#include "reseau-csv-contacts.h"
#include "reseau-duplicates.h"
#include "reseau-problem.h"
#include "reseau-text.h"
#include "reseau-vcard.h"
#include "reseau-vcard-contact.h"

/* The window's progress bar moves smoothly at this rate; notifying per
 * card would flood the main loop of a 100,000-card import. */
#define PROGRESS_INTERVAL_MS 100
/* Cards read between two looks at the cancellable and the progress. */
#define CARDS_PER_STEP 256
/* Progress is shared across threads as an integer in these units. */
#define PROGRESS_SCALE 10000
/* Reading and parsing is most of the work of preparing; matching the rest. */
#define READ_SHARE 0.85
/* Entries released on a thread of their own; see reseau_import_finalize(). */
#define BIG_RELEASE 10000

G_DEFINE_QUARK (reseau-import-error-quark, reseau_import_error)

struct _ReseauImport
{
  GObject         parent_instance;

  /* Owned */
  ReseauDatabase *database;
  GPtrArray      *entries;    /* ReseauImportEntry*, NULL until prepared */
  GPtrArray      *problems;   /* ReseauProblem* */
  GSource        *progress_source;
  /* The last blocking prepare, its results taken; see reseau_import_prepare(). */
  gpointer        spent_prepare;

  guint           n_unreadable;
  guint           n_skipped;
  double          progress;

  /* Written by other threads, read with g_atomic_int_get. */
  int             shared_progress;  /* in PROGRESS_SCALE units */
  guint           n_saved;
  guint           n_to_save;
};

G_DEFINE_FINAL_TYPE (ReseauImport, reseau_import, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* ------------------------------------------------------------------------
 * Entries
 * --------------------------------------------------------------------- */

static void
import_entry_free (ReseauImportEntry *entry)
{
  g_clear_object (&entry->contact);
  g_free (entry->matched_name);
  g_free (entry->matched_key);
  g_free (entry->file);
  g_free (entry);
}

char *
reseau_import_entry_describe_match (const ReseauImportEntry *entry)
{
  const char *name;
  const char *key;

  g_return_val_if_fail (entry != NULL, NULL);

  name = entry->matched_name != NULL ? entry->matched_name : "";
  key = entry->matched_key != NULL ? entry->matched_key : "";

  switch (entry->match)
    {
    case RESEAU_IMPORT_MATCH_UID:
      /* Translators: %s is the name of a contact already in the address book. */
      return g_strdup_printf (_("Matched “%s” by UID"), name);
    case RESEAU_IMPORT_MATCH_EMAIL:
      /* Translators: the first %s is a contact's name, the second an email address. */
      return g_strdup_printf (_("Matched “%s” by email %s"), name, key);
    case RESEAU_IMPORT_MATCH_PHONE:
      /* Translators: the first %s is a contact's name, the second a phone number. */
      return g_strdup_printf (_("Matched “%s” by phone %s"), name, key);
    case RESEAU_IMPORT_MATCH_NAME:
      /* Translators: %s is the name of a contact already in the address book. */
      return g_strdup_printf (_("Matched “%s” by name and organization"), name);
    case RESEAU_IMPORT_MATCH_NONE:
    default:
      return g_strdup (_("New contact"));
    }
}

/* ------------------------------------------------------------------------
 * Comparing a contact with what is stored: only what a user could see or
 * a server could read counts, not ids, times or how a card is spelled.
 * --------------------------------------------------------------------- */

static gboolean
same_labeled_values (GPtrArray *a,
                     GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  /* Lists are a handful of values: looking each one up is cheaper than
   * sorting copies, and the order they come back in does not matter. */
  for (guint i = 0; i < a->len; i++)
    {
      const ReseauLabeledValue *va = g_ptr_array_index (a, i);
      gboolean found = FALSE;

      for (guint j = 0; j < b->len && !found; j++)
        {
          const ReseauLabeledValue *vb = g_ptr_array_index (b, j);

          found = g_strcmp0 (va->value, vb->value) == 0 && g_strcmp0 (va->label, vb->label) == 0;
        }

      if (!found)
        return FALSE;
    }

  return TRUE;
}

static gboolean
same_address (const ReseauAddress *a,
              const ReseauAddress *b)
{
  return g_strcmp0 (a->label, b->label) == 0 && reseau_address_same_place (a, b);
}

static gboolean
same_addresses (GPtrArray *a,
                GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < b->len && !found; j++)
        found = same_address (g_ptr_array_index (a, i), g_ptr_array_index (b, j));
      if (!found)
        return FALSE;
    }

  return TRUE;
}

static gboolean
same_photo (GBytes *a,
            GBytes *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_bytes_equal (a, b);
}

static gboolean
same_stored_card (ReseauContact *updated,
                  ReseauContact *existing)
{
  const char *text_a = reseau_contact_get_vcard (updated);
  const char *text_b = reseau_contact_get_vcard (existing);

  /* A contact stored without a card (typed in, or from a CSV file) gets
   * one made from its fields, which were compared already. */
  if (text_b == NULL)
    return TRUE;
  if (text_a == NULL)
    return FALSE;
  if (strcmp (text_a, text_b) == 0)
    return TRUE;

  return reseau_contact_same_card (updated, existing);
}

#define SAME_TEXT(field) \
  (g_strcmp0 (reseau_contact_get_##field (a), reseau_contact_get_##field (b)) == 0)

static gboolean
same_contact (ReseauContact *a,
              ReseauContact *b)
{
  g_autofree char *birthday_a = reseau_contact_format_birthday (a);
  g_autofree char *birthday_b = reseau_contact_format_birthday (b);
  g_autofree char *anniversary_a = reseau_contact_format_anniversary (a);
  g_autofree char *anniversary_b = reseau_contact_format_anniversary (b);

  /* The display name, not the full name: a contact typed in or read from
   * a CSV file has none, and its exported card gets one, the same. */
  if (reseau_contact_get_kind (a) != reseau_contact_get_kind (b) ||
      !SAME_TEXT (display_name) || !SAME_TEXT (prefix) || !SAME_TEXT (given_name) ||
      !SAME_TEXT (additional_names) || !SAME_TEXT (family_name) || !SAME_TEXT (suffix) ||
      !SAME_TEXT (nickname) || !SAME_TEXT (organization) || !SAME_TEXT (title) ||
      !SAME_TEXT (role) || !SAME_TEXT (note) || !SAME_TEXT (how_met) ||
      !SAME_TEXT (met_on) || !SAME_TEXT (introduced_by) ||
      reseau_contact_get_cadence_days (a) != reseau_contact_get_cadence_days (b) ||
      g_strcmp0 (birthday_a, birthday_b) != 0 ||
      g_strcmp0 (anniversary_a, anniversary_b) != 0)
    return FALSE;

  for (ReseauField field = 0; field < RESEAU_N_FIELDS; field++)
    if (!same_labeled_values (reseau_contact_get_values (a, field),
                              reseau_contact_get_values (b, field)))
      return FALSE;

  return same_addresses (reseau_contact_get_addresses (a), reseau_contact_get_addresses (b)) &&
         reseau_contact_same_tags (a, b) &&
         same_photo (reseau_contact_get_photo (a), reseau_contact_get_photo (b)) &&
         same_stored_card (a, b);
}

#undef SAME_TEXT

/* ------------------------------------------------------------------------
 * Preparing: the work done on the thread
 * --------------------------------------------------------------------- */

/* Match keys ------------------------------------------------------------ */

/* UIDs are compared without the "urn:uuid:" that some exporters add and
 * others leave out, and without case (Apple writes them upper-case, and
 * lower-case in MEMBER). */
static char *
uid_key (const char *uid)
{
  if (uid == NULL || uid[0] == '\0')
    return NULL;
  if (g_ascii_strncasecmp (uid, "urn:uuid:", 9) == 0)
    uid += 9;
  return g_ascii_strdown (uid, -1);
}

static char *
email_key (const char *email)
{
  g_autofree char *stripped = reseau_text_strip_or_null (email);

  if (stripped == NULL)
    return NULL;
  /* Addresses are ASCII but for a rare internationalised one. */
  for (const char *p = stripped; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return g_utf8_casefold (stripped, -1);
  return g_ascii_strdown (stripped, -1);
}

/* The unit separator cannot be typed in a name: "Anne" at "Martin SA"
 * never meets "Anne Martin" at "SA". */
static char *
name_key (const char *name,
          const char *organization)
{
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_organization = NULL;

  if (name == NULL || name[0] == '\0')
    return NULL;

  folded_name = reseau_text_fold (name);
  folded_organization = reseau_text_fold (organization);
  g_strstrip (folded_name);
  g_strstrip (folded_organization);

  return g_strconcat (folded_name, "\x1f", folded_organization, NULL);
}

/* The keys of a contact read from a file, computed once, on the thread
 * that read it: folding a name is the costliest step of matching, which
 * then only looks the keys up, on one thread. Measured on 100,000 cards:
 * matching went from 0.45 s to 0.22 s, reading (two threads) from 0.50 s
 * to 0.56 s. */
typedef struct
{
  char      *uid;
  GPtrArray *emails;     /* char*, the keys */
  GPtrArray *email_values;  /* const char*, as written, beside them */
  GPtrArray *phones;
  GPtrArray *phone_values;
  char      *name;
} CardKeys;

static void
card_keys_init (CardKeys      *keys,
                ReseauContact *contact)
{
  GPtrArray *emails = reseau_contact_get_values (contact, RESEAU_FIELD_EMAIL);
  GPtrArray *phones = reseau_contact_get_values (contact, RESEAU_FIELD_PHONE);

  keys->uid = uid_key (reseau_contact_get_uid (contact));
  keys->emails = g_ptr_array_new_with_free_func (g_free);
  keys->email_values = g_ptr_array_new ();
  keys->phones = g_ptr_array_new_with_free_func (g_free);
  keys->phone_values = g_ptr_array_new ();

  for (guint i = 0; i < emails->len; i++)
    {
      const char *value = ((ReseauLabeledValue *) g_ptr_array_index (emails, i))->value;
      char *key = email_key (value);

      if (key != NULL)
        {
          g_ptr_array_add (keys->emails, key);
          g_ptr_array_add (keys->email_values, (gpointer) value);
        }
    }

  for (guint i = 0; i < phones->len; i++)
    {
      const char *value = ((ReseauLabeledValue *) g_ptr_array_index (phones, i))->value;
      char *key = reseau_text_phone_match_key (value);

      if (key != NULL)
        {
          g_ptr_array_add (keys->phones, key);
          g_ptr_array_add (keys->phone_values, (gpointer) value);
        }
    }

  keys->name = name_key (reseau_contact_get_display_name (contact),
                         reseau_contact_get_organization (contact));
}

static void
card_keys_clear (CardKeys *keys)
{
  g_clear_pointer (&keys->uid, g_free);
  g_clear_pointer (&keys->emails, g_ptr_array_unref);
  g_clear_pointer (&keys->email_values, g_ptr_array_unref);
  g_clear_pointer (&keys->phones, g_ptr_array_unref);
  g_clear_pointer (&keys->phone_values, g_ptr_array_unref);
  g_clear_pointer (&keys->name, g_free);
}

/* A contact read from a file. */
typedef struct
{
  ReseauContact *contact;
  const char    *file;    /* borrowed from Prepare.file_names */
  guint          line;
  gboolean       by_uid;  /* matched an existing contact by its UID */
  CardKeys       keys;    /* given to the tables once matched */
} Incoming;

/* A group card: tags for its members once every card is read. */
typedef struct
{
  char       *name;
  GStrv       members;
  const char *file;
  guint       line;
} GroupCard;

/* One contact of the result; see the top of the file. */
typedef struct
{
  ReseauContactKeys *existing;  /* borrowed from Prepare.keys; NULL when new */
  GPtrArray         *cards;     /* Incoming*, borrowed, in file order */
  GPtrArray         *tags;      /* from group cards; NULL when none */
  ReseauImportMatch  match;     /* how the first card matched existing */
  char              *matched_key;
  const char        *file;      /* where it first appeared */
  guint              line;
} Target;

typedef struct
{
  /* In */
  ReseauDatabase *database;
  GPtrArray      *files;        /* GFile* */
  int            *progress;     /* ReseauImport.shared_progress */
  GSource        *progress_source;

  /* Work */
  GPtrArray      *file_names;   /* char*, display names */
  GPtrArray      *incoming;     /* Incoming* */
  GPtrArray      *groups;       /* GroupCard* */
  GPtrArray      *keys;         /* ReseauContactKeys* */
  GPtrArray      *targets;      /* Target*, in file order */
  GHashTable     *by_uid;       /* normalised key → Target*, borrowed */
  GHashTable     *by_email;
  GHashTable     *by_phone;
  GHashTable     *by_name;

  /* Out */
  GPtrArray      *entries;
  GPtrArray      *problems;
  guint           n_unreadable;
  guint           n_skipped;
  guint           n_readable;
  GError         *first_failure;
} Prepare;

static void
incoming_free (gpointer data)
{
  Incoming *incoming = data;

  g_clear_object (&incoming->contact);
  card_keys_clear (&incoming->keys);
  g_free (incoming);
}

static void
group_card_free (gpointer data)
{
  GroupCard *group = data;

  g_free (group->name);
  g_strfreev (group->members);
  g_free (group);
}

static void
target_free (gpointer data)
{
  Target *target = data;

  g_ptr_array_unref (target->cards);
  g_clear_pointer (&target->tags, g_ptr_array_unref);
  g_free (target->matched_key);
  g_free (target);
}

/* What matching needs and the entries do not: a million small blocks on
 * a big import, whose release took 0.15–0.2 s. */
static void
prepare_free_work (Prepare *prepare)
{
  g_clear_pointer (&prepare->by_uid, g_hash_table_unref);
  g_clear_pointer (&prepare->by_email, g_hash_table_unref);
  g_clear_pointer (&prepare->by_phone, g_hash_table_unref);
  g_clear_pointer (&prepare->by_name, g_hash_table_unref);
  g_clear_pointer (&prepare->targets, g_ptr_array_unref);
  g_clear_pointer (&prepare->incoming, g_ptr_array_unref);
  g_clear_pointer (&prepare->groups, g_ptr_array_unref);
  g_clear_pointer (&prepare->keys, g_ptr_array_unref);
}

static void
prepare_free (gpointer data)
{
  Prepare *prepare = data;

  prepare_free_work (prepare);
  g_clear_object (&prepare->database);
  g_clear_pointer (&prepare->files, g_ptr_array_unref);
  g_clear_pointer (&prepare->progress_source, g_source_unref);
  g_clear_pointer (&prepare->file_names, g_ptr_array_unref);
  g_clear_pointer (&prepare->entries, g_ptr_array_unref);
  g_clear_pointer (&prepare->problems, g_ptr_array_unref);
  g_clear_error (&prepare->first_failure);
  g_free (prepare);
}

static Prepare *
prepare_new (ReseauImport *self,
             GPtrArray    *files)
{
  Prepare *prepare = g_new0 (Prepare, 1);

  prepare->database = g_object_ref (self->database);
  prepare->files = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (prepare->files, g_object_ref (g_ptr_array_index (files, i)));
  prepare->progress = &self->shared_progress;

  prepare->file_names = g_ptr_array_new_with_free_func (g_free);
  prepare->incoming = g_ptr_array_new_with_free_func (incoming_free);
  prepare->groups = g_ptr_array_new_with_free_func (group_card_free);
  prepare->targets = g_ptr_array_new_with_free_func (target_free);
  prepare->by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  prepare->by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  prepare->by_phone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  prepare->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  prepare->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) import_entry_free);
  prepare->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);

  return prepare;
}

static void
prepare_set_progress (Prepare *prepare,
                      double   fraction)
{
  g_atomic_int_set (prepare->progress, (int) (CLAMP (fraction, 0.0, 1.0) * PROGRESS_SCALE));
}

static void
prepare_add_problem (Prepare    *prepare,
                     const char *file,
                     guint       line,
                     const char *subject,
                     const char *message)
{
  g_ptr_array_add (prepare->problems, reseau_problem_new (file, line, subject, message));
}

/* Reading files ---------------------------------------------------------- */

/* A file that cannot be imported at all is a problem of the import; the
 * first such error is also what the import fails with when no file could
 * be read. */
static void
prepare_file_failed (Prepare      *prepare,
                     const char   *name,
                     const GError *error)
{
  prepare_add_problem (prepare, name, 0, NULL, error->message);
  if (prepare->first_failure == NULL)
    prepare->first_failure = g_error_copy (error);
}

static char *
display_name_of (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

static void
set_unreadable_error (GError     **error,
                      const char  *name,
                      const char  *reason)
{
  g_set_error (error, RESEAU_IMPORT_ERROR, RESEAU_IMPORT_ERROR_UNREADABLE,
               /* Translators: the first %s is a file name, the second what the system said (e.g. "Permission denied"). */
               _("Could not read “%s”: %s"), name, reason);
}

/* A local file is mapped rather than copied: a 50 MB address book then
 * costs no more memory than its contacts. */
static GBytes *
map_local_file (const char  *path,
                const char  *name,
                GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_unreadable_error (error, name, g_strerror (saved_errno));
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      set_unreadable_error (error, name, g_strerror (saved_errno));
      return NULL;
    }

  /* A folder opens fine but has no contents to map. */
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      set_unreadable_error (error, name, g_strerror (EISDIR));
      return NULL;
    }

  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (mapped == NULL)
    {
      set_unreadable_error (error, name, local_error->message);
      return NULL;
    }

  return g_mapped_file_get_bytes (mapped);
}

static GBytes *
read_file (GFile         *file,
           const char    *name,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *path = g_file_peek_path (file);
  char *contents = NULL;
  gsize length = 0;

  if (path != NULL)
    return map_local_file (path, name, error);

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        set_unreadable_error (error, name, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}

static void
take_reader_problems (Prepare    *prepare,
                      GPtrArray  *problems,
                      const char *file)
{
  for (guint i = 0; i < problems->len; i++)
    {
      ReseauProblem *problem = reseau_problem_copy (g_ptr_array_index (problems, i));

      g_free (problem->file);
      problem->file = g_strdup (file);
      g_ptr_array_add (prepare->problems, problem);
    }
}

static void
add_incoming (Prepare       *prepare,
              ReseauContact *contact,
              const char    *file,
              guint          line)
{
  Incoming *incoming;

  if (reseau_contact_is_empty (contact))
    {
      prepare_add_problem (prepare, file, line, NULL,
                           _("This contact has no name, organization, email or phone to know it by; it was skipped."));
      prepare->n_skipped++;
      g_object_unref (contact);
      return;
    }

  incoming = g_new0 (Incoming, 1);
  incoming->contact = contact;
  incoming->file = file;
  incoming->line = line;
  card_keys_init (&incoming->keys, contact);
  g_ptr_array_add (prepare->incoming, incoming);
}

/* A file of cards is read on two threads when it is big enough: each
 * half by its own reader, the second half on a thread of its own. Reading
 * and mapping the cards is half of what an import does before it can
 * write, and the database thread is idle meanwhile. Measured on 100,000
 * cards, side by side: the preparing thread used 1.3 s of CPU instead of
 * 1.8 s (the other half took 0.4 s on the second thread, at the same
 * time). Halves smaller than this are not worth a thread. */
#define SPLIT_MIN_BYTES (1024 * 1024)

/* A part of a file of cards and what reading it gave. */
typedef struct
{
  Prepare      *into;         /* receives incoming, groups and their problems */
  GBytes       *data;
  const char   *file;
  guint         line_offset;  /* lines of the file before data */
  GCancellable *cancellable;
  int           done;         /* in PROGRESS_SCALE units of data, atomic */
  gboolean      cancelled;
  GPtrArray    *problems;     /* the reader's ReseauProblem*, file and lines set */
} CardRange;

static void
card_range_clear (CardRange *range)
{
  g_clear_pointer (&range->data, g_bytes_unref);
  g_clear_pointer (&range->problems, g_ptr_array_unref);
}

/* other is the range read at the same time on the other thread, or NULL;
 * progress is set only when prepare is given (the calling thread). */
static void
read_card_range (CardRange       *range,
                 const CardRange *other,
                 Prepare         *prepare,
                 double           progress_from,
                 double           progress_span)
{
  g_autoptr(ReseauVCardReader) reader = reseau_vcard_reader_new (range->data);
  gsize size = MAX (g_bytes_get_size (range->data), 1);
  gsize other_size = other != NULL ? g_bytes_get_size (other->data) : 0;
  GPtrArray *problems;
  ReseauVCard *card;
  guint n_cards = 0;

  while ((card = reseau_vcard_reader_next (reader)) != NULL)
    {
      guint line = card->line + range->line_offset;

      if (reseau_vcard_is_group (card))
        {
          GroupCard *group = g_new0 (GroupCard, 1);

          group->name = reseau_vcard_get_group_name (card);
          group->members = reseau_vcard_get_group_members (card);
          group->file = range->file;
          group->line = line;
          g_ptr_array_add (range->into->groups, group);
        }
      else
        {
          add_incoming (range->into, reseau_contact_new_from_vcard (card), range->file, line);
        }

      reseau_vcard_free (card);

      if (++n_cards % CARDS_PER_STEP == 0)
        {
          if (g_cancellable_is_cancelled (range->cancellable))
            {
              range->cancelled = TRUE;
              return;
            }

          g_atomic_int_set (&range->done, (int) ((double) reseau_vcard_reader_get_position (reader) /
                                                 size * PROGRESS_SCALE));
          if (prepare != NULL)
            {
              double done = (double) g_atomic_int_get (&range->done) / PROGRESS_SCALE * size;

              if (other != NULL)
                done += (double) g_atomic_int_get (&other->done) / PROGRESS_SCALE * other_size;
              prepare_set_progress (prepare, progress_from +
                                    progress_span * done / (size + other_size));
            }
        }
    }
  g_atomic_int_set (&range->done, PROGRESS_SCALE);

  /* The reader repairs what it can and leaves out single lines; a card
   * it could not repair into anything is caught by add_incoming(). */
  problems = reseau_vcard_reader_get_problems (reader);
  range->problems = g_ptr_array_new_full (problems->len, (GDestroyNotify) reseau_problem_free);
  for (guint i = 0; i < problems->len; i++)
    {
      ReseauProblem *problem = reseau_problem_copy (g_ptr_array_index (problems, i));

      g_free (problem->file);
      problem->file = g_strdup (range->file);
      if (problem->line > 0)
        problem->line += range->line_offset;
      g_ptr_array_add (range->problems, problem);
    }
}

static gpointer
read_card_range_thread (gpointer data)
{
  read_card_range (data, NULL, NULL, 0, 0);

  return NULL;
}

/* Where the second half of a file of cards can start: a BEGIN:VCARD line
 * right after an END:VCARD line, near the middle. Every reader ends a card
 * at such an END and starts the next at that BEGIN, so the halves read
 * exactly as the whole file does. 0 when there is no such place. */
static gsize
find_split (const char *text,
            gsize       length)
{
  const char *p = text + length / 2;
  const char *stop = text + length;

  /* memmem() is not in C99: look at each line start instead. */
  while ((p = memchr (p, '\n', stop - p)) != NULL)
    {
      const char *next = ++p;

      if ((gsize) (stop - next) < 9 || memcmp (next, "END:VCARD", 9) != 0)
        continue;
      next += 9;
      if (next < stop && *next == '\r')
        next++;
      if (next < stop && *next == '\n' &&
          (gsize) (stop - next - 1) >= 11 && memcmp (next + 1, "BEGIN:VCARD", 11) == 0)
        return next + 1 - text;
    }

  return 0;
}

/* Physical lines before end, counted as the reader counts them: a CRLF,
 * a LF or a lone CR ends one. */
static guint
count_lines (const char *text,
             gsize       end)
{
  guint lines = 0;

  for (const char *p = text; (p = memchr (p, '\n', end - (p - text))) != NULL; p++)
    lines++;
  for (const char *p = text; (p = memchr (p, '\r', end - (p - text))) != NULL; p++)
    if (p + 1 == text + end || p[1] != '\n')
      lines++;

  return lines;
}

static void
take_range_results (Prepare   *prepare,
                    CardRange *range)
{
  g_ptr_array_extend_and_steal (prepare->incoming, g_steal_pointer (&range->into->incoming));
  g_ptr_array_extend_and_steal (prepare->groups, g_steal_pointer (&range->into->groups));
  g_ptr_array_extend_and_steal (prepare->problems, g_steal_pointer (&range->into->problems));
  prepare->n_skipped += range->into->n_skipped;
}

static gboolean
read_vcards (Prepare       *prepare,
             GBytes        *data,
             const char    *file,
             double         progress_from,
             double         progress_span,
             GCancellable  *cancellable,
             GError       **error)
{
  gsize length;
  const char *text = g_bytes_get_data (data, &length);
  gsize split = 0;
  CardRange first = { prepare, NULL, file, 0, cancellable, 0, FALSE, NULL };
  CardRange second = { NULL, NULL, file, 0, cancellable, 0, FALSE, NULL };
  Prepare *second_part = NULL;
  GThread *thread = NULL;
  gboolean cancelled;

  if (length >= 2 * SPLIT_MIN_BYTES && g_get_num_processors () > 1)
    split = find_split (text, length);

  if (split == 0)
    {
      first.data = g_bytes_ref (data);
    }
  else
    {
      first.data = g_bytes_new_from_bytes (data, 0, split);
      second.data = g_bytes_new_from_bytes (data, split, length - split);
      second.line_offset = count_lines (text, split);
      second_part = g_new0 (Prepare, 1);
      second_part->incoming = g_ptr_array_new_with_free_func (incoming_free);
      second_part->groups = g_ptr_array_new_with_free_func (group_card_free);
      second_part->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
      second.into = second_part;
      thread = g_thread_new ("reseau-import-read", read_card_range_thread, &second);
    }

  read_card_range (&first, thread != NULL ? &second : NULL, prepare,
                   progress_from, progress_span);

  if (thread != NULL)
    {
      /* After a cancellation the other half stops at its next look at
       * the cancellable, as this one did. */
      g_thread_join (thread);
      take_range_results (prepare, &second);
    }

  cancelled = first.cancelled || second.cancelled;
  if (!cancelled)
    {
      /* As when read in one piece: the cards' problems first, then the
       * reader's, in file order. */
      g_ptr_array_extend_and_steal (prepare->problems, g_steal_pointer (&first.problems));
      if (second.problems != NULL)
        g_ptr_array_extend_and_steal (prepare->problems, g_steal_pointer (&second.problems));
    }

  card_range_clear (&first);
  card_range_clear (&second);
  g_clear_pointer (&second_part, prepare_free);

  if (cancelled)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);

  return TRUE;
}

static gboolean
read_csv (Prepare       *prepare,
          GBytes        *data,
          const char    *file,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_problem_free);
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GHashTable) row_lines = g_hash_table_new (NULL, NULL);
  g_autoptr(GError) local_error = NULL;
  ReseauCsvDialect dialect = RESEAU_CSV_DIALECT_UNKNOWN;
  gsize length;
  const char *text = g_bytes_get_data (data, &length);

  contacts = reseau_csv_read_contacts (text, length, &dialect, problems, cancellable, &local_error);
  if (contacts == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      prepare->n_unreadable++;
      g_clear_error (&local_error);
      g_set_error (&local_error, RESEAU_IMPORT_ERROR, RESEAU_IMPORT_ERROR_UNKNOWN_FORMAT,
                   /* Translators: %s is a file name. */
                   _("“%s” looks like a CSV export but its columns could not be read; it was not imported."),
                   file);
      prepare_file_failed (prepare, file, local_error);
      return TRUE;
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      ReseauContact *contact = g_ptr_array_index (contacts, i);
      guint line = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (contact), "reseau-line"));

      g_hash_table_add (row_lines, GUINT_TO_POINTER (line));
      add_incoming (prepare, g_object_ref (contact), file, line);
    }

  /* As with cards: a problem on a row that gave no contact is a row
   * dropped; on a row that did, something repaired. */
  for (guint i = 0; i < problems->len; i++)
    {
      const ReseauProblem *problem = g_ptr_array_index (problems, i);

      if (!g_hash_table_contains (row_lines, GUINT_TO_POINTER (problem->line)))
        prepare->n_skipped++;
    }
  take_reader_problems (prepare, problems, file);

  return TRUE;
}

/* FALSE only when cancelled; a file that cannot be used becomes a problem
 * and counts as unreadable. */
static gboolean
read_one_file (Prepare       *prepare,
               guint          index,
               GCancellable  *cancellable,
               GError       **error)
{
  GFile *file = g_ptr_array_index (prepare->files, index);
  double from = READ_SHARE * index / prepare->files->len;
  double span = READ_SHARE / prepare->files->len;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;
  const char *text;
  gsize length;

  g_ptr_array_add (prepare->file_names, display_name_of (file));
  name = g_ptr_array_index (prepare->file_names, prepare->file_names->len - 1);

  data = read_file (file, name, cancellable, &local_error);
  if (data == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      prepare->n_unreadable++;
      prepare_file_failed (prepare, name, local_error);
      return TRUE;
    }

  text = g_bytes_get_data (data, &length);
  if (text != NULL && reseau_vcard_looks_like (text, length))
    {
      prepare->n_readable++;
      return read_vcards (prepare, data, name, from, span, cancellable, error);
    }

  if (text != NULL && reseau_csv_detect_dialect (text, length) != RESEAU_CSV_DIALECT_UNKNOWN)
    {
      prepare->n_readable++;
      return read_csv (prepare, data, name, cancellable, error);
    }

  /* Neither a vCard nor a CSV file this app knows. */
  prepare->n_unreadable++;
  if (length == 0)
    g_set_error (&local_error, RESEAU_IMPORT_ERROR, RESEAU_IMPORT_ERROR_UNKNOWN_FORMAT,
                 /* Translators: %s is a file name. */
                 _("“%s” is empty: there are no contacts in it to import."), name);
  else
    g_set_error (&local_error, RESEAU_IMPORT_ERROR, RESEAU_IMPORT_ERROR_UNKNOWN_FORMAT,
                 /* Translators: %s is a file name. */
                 _("“%s” is neither a vCard file nor a contacts export from LinkedIn, Google Contacts or Outlook; it was not imported. Export the contacts as vCard (.vcf) or in one of those CSV formats and import that file."),
                 name);
  prepare_file_failed (prepare, name, local_error);

  return TRUE;
}

/* Matching -------------------------------------------------------------- */

/* Takes key; the first target to claim a key keeps it. */
static void
index_key (GHashTable *table,
           char       *key,
           Target     *target)
{
  if (key == NULL)
    return;

  if (g_hash_table_contains (table, key))
    g_free (key);
  else
    g_hash_table_insert (table, key, target);
}

static void
index_existing (Prepare *prepare)
{
  for (guint i = 0; i < prepare->keys->len; i++)
    {
      ReseauContactKeys *keys = g_ptr_array_index (prepare->keys, i);
      Target *target = g_new0 (Target, 1);

      target->existing = keys;
      target->cards = g_ptr_array_new ();

      index_key (prepare->by_uid, uid_key (keys->uid), target);
      for (guint e = 0; keys->emails[e] != NULL; e++)
        index_key (prepare->by_email, email_key (keys->emails[e]), target);
      for (guint p = 0; keys->phones[p] != NULL; p++)
        index_key (prepare->by_phone, reseau_text_phone_match_key (keys->phones[p]), target);
      index_key (prepare->by_name, name_key (keys->display_name, keys->organization), target);

      /* prepare->targets owns every target (the tables only point to
       * them); only those a card reaches become entries. */
      g_ptr_array_add (prepare->targets, target);
    }
}

/* Gives the keys to the tables, so later cards find this target. */
static void
index_card_keys (Prepare  *prepare,
                 CardKeys *keys,
                 Target   *target)
{
  index_key (prepare->by_uid, g_steal_pointer (&keys->uid), target);
  for (guint i = 0; i < keys->emails->len; i++)
    index_key (prepare->by_email, g_steal_pointer (&keys->emails->pdata[i]), target);
  for (guint i = 0; i < keys->phones->len; i++)
    index_key (prepare->by_phone, g_steal_pointer (&keys->phones->pdata[i]), target);
  index_key (prepare->by_name, g_steal_pointer (&keys->name), target);
}

static Target *
lookup_any (GHashTable  *table,
            GPtrArray   *keys,
            GPtrArray   *values,
            const char **matched)
{
  for (guint i = 0; i < keys->len; i++)
    {
      Target *target = g_hash_table_lookup (table, g_ptr_array_index (keys, i));

      if (target != NULL)
        {
          *matched = g_ptr_array_index (values, i);
          return target;
        }
    }

  return NULL;
}

/* The strongest match: UID, then email, then phone, then name and
 * organization. */
static Target *
find_target (Prepare            *prepare,
             CardKeys           *keys,
             ReseauContact      *contact,
             ReseauImportMatch  *match,
             const char        **matched)
{
  Target *target;

  *matched = NULL;

  if (keys->uid != NULL && (target = g_hash_table_lookup (prepare->by_uid, keys->uid)) != NULL)
    {
      *match = RESEAU_IMPORT_MATCH_UID;
      *matched = reseau_contact_get_uid (contact);
      return target;
    }

  *match = RESEAU_IMPORT_MATCH_EMAIL;
  if ((target = lookup_any (prepare->by_email, keys->emails, keys->email_values, matched)) != NULL)
    return target;

  *match = RESEAU_IMPORT_MATCH_PHONE;
  if ((target = lookup_any (prepare->by_phone, keys->phones, keys->phone_values, matched)) != NULL)
    return target;

  if (keys->name != NULL && (target = g_hash_table_lookup (prepare->by_name, keys->name)) != NULL)
    {
      *match = RESEAU_IMPORT_MATCH_NAME;
      *matched = reseau_contact_get_display_name (contact);
      return target;
    }

  *match = RESEAU_IMPORT_MATCH_NONE;
  return NULL;
}

static void
report_merged_cards (Prepare           *prepare,
                     Incoming          *incoming,
                     Incoming          *first,
                     ReseauImportMatch  match,
                     const char        *matched)
{
  g_autofree char *message = NULL;

  switch (match)
    {
    case RESEAU_IMPORT_MATCH_UID:
      /* Translators: %u is a line number, the %s after it a file name. */
      message = g_strdup_printf (_("Same UID as the contact on line %u of %s: the two were merged into one."),
                                 first->line, first->file);
      break;
    case RESEAU_IMPORT_MATCH_EMAIL:
      /* Translators: the first %s is an email address, %u a line number, the last %s a file name. */
      message = g_strdup_printf (_("Same email %s as the contact on line %u of %s: the two were merged into one."),
                                 matched, first->line, first->file);
      break;
    case RESEAU_IMPORT_MATCH_PHONE:
      /* Translators: the first %s is a phone number, %u a line number, the last %s a file name. */
      message = g_strdup_printf (_("Same phone %s as the contact on line %u of %s: the two were merged into one."),
                                 matched, first->line, first->file);
      break;
    case RESEAU_IMPORT_MATCH_NAME:
    case RESEAU_IMPORT_MATCH_NONE:
    default:
      /* Translators: %u is a line number, the %s after it a file name. */
      message = g_strdup_printf (_("Same name and organization as the contact on line %u of %s: the two were merged into one."),
                                 first->line, first->file);
      break;
    }

  prepare_add_problem (prepare, incoming->file, incoming->line,
                       reseau_contact_get_display_name (incoming->contact), message);
}

static GPtrArray *
match_incoming (Prepare       *prepare,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GPtrArray) touched = g_ptr_array_new ();

  for (guint i = 0; i < prepare->incoming->len; i++)
    {
      Incoming *incoming = g_ptr_array_index (prepare->incoming, i);
      ReseauImportMatch match;
      const char *matched;
      CardKeys *keys = &incoming->keys;
      Target *target;

      if (i % (CARDS_PER_STEP * 16) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          prepare_set_progress (prepare, READ_SHARE + (1.0 - READ_SHARE) / 2 * i / prepare->incoming->len);
        }

      target = find_target (prepare, keys, incoming->contact, &match, &matched);

      if (target == NULL)
        {
          target = g_new0 (Target, 1);
          target->cards = g_ptr_array_new ();
          target->file = incoming->file;
          target->line = incoming->line;
          g_ptr_array_add (prepare->targets, target);
          g_ptr_array_add (touched, target);
        }
      else if (target->cards->len > 0)
        {
          report_merged_cards (prepare, incoming, g_ptr_array_index (target->cards, 0), match, matched);
        }
      else
        {
          /* The first card to reach an existing contact says how it matched. */
          target->match = match;
          target->matched_key = g_strdup (matched);
          target->file = incoming->file;
          target->line = incoming->line;
          g_ptr_array_add (touched, target);
        }

      if (target->existing != NULL && match == RESEAU_IMPORT_MATCH_UID)
        {
          g_autofree char *existing_uid = uid_key (target->existing->uid);

          incoming->by_uid = g_strcmp0 (keys->uid, existing_uid) == 0;
        }

      g_ptr_array_add (target->cards, incoming);
      /* What is left of the keys goes with the cards, off this path. */
      index_card_keys (prepare, keys, target);
    }

  return g_steal_pointer (&touched);
}

/* Group cards tag their members: those of this import, found by UID, and
 * those of the address book, which then become updates. */
static void
apply_groups (Prepare   *prepare,
              GPtrArray *touched)
{
  for (guint i = 0; i < prepare->groups->len; i++)
    {
      GroupCard *group = g_ptr_array_index (prepare->groups, i);

      if (group->name == NULL || group->members == NULL)
        continue;

      for (guint m = 0; group->members[m] != NULL; m++)
        {
          g_autofree char *key = uid_key (group->members[m]);
          Target *target = key != NULL ? g_hash_table_lookup (prepare->by_uid, key) : NULL;

          if (target == NULL)
            continue;

          if (target->cards->len == 0 && target->tags == NULL)
            {
              target->match = RESEAU_IMPORT_MATCH_UID;
              target->matched_key = g_strdup (group->members[m]);
              target->file = group->file;
              target->line = group->line;
              g_ptr_array_add (touched, target);
            }

          if (target->tags == NULL)
            target->tags = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (target->tags, g_strdup (group->name));
        }
    }
}

/* The UID the target's contact is saved under. */
static const char *
target_uid (Target *target)
{
  if (target->existing != NULL)
    return target->existing->uid;
  if (target->cards->len > 0)
    return reseau_contact_get_uid (((Incoming *) g_ptr_array_index (target->cards, 0))->contact);
  return NULL;
}

/* The file's card is the same card come back: it replaces what was
 * stored, but what only the app knows stays unless the file says it. */
static ReseauContact *
replace_contact (ReseauContact *existing,
                 ReseauContact *card)
{
  ReseauContact *replaced = reseau_contact_copy (card);

  reseau_contact_set_id (replaced, reseau_contact_get_id (existing));
  reseau_contact_set_uid (replaced, reseau_contact_get_uid (existing));
  reseau_contact_set_created_at (replaced, reseau_contact_get_created_at (existing));
  reseau_contact_set_updated_at (replaced, reseau_contact_get_updated_at (existing));

  if (reseau_contact_get_how_met (replaced) == NULL)
    reseau_contact_set_how_met (replaced, reseau_contact_get_how_met (existing));
  if (reseau_contact_get_met_on (replaced) == NULL)
    reseau_contact_set_met_on (replaced, reseau_contact_get_met_on (existing));
  if (reseau_contact_get_introduced_by (replaced) == NULL)
    reseau_contact_set_introduced_by (replaced, reseau_contact_get_introduced_by (existing));
  if (reseau_contact_get_cadence_days (replaced) == 0)
    reseau_contact_set_cadence_days (replaced, reseau_contact_get_cadence_days (existing));

  if (reseau_contact_get_tags (replaced)->len == 0 && reseau_contact_get_tags (existing)->len > 0)
    {
      GPtrArray *tags = reseau_contact_get_tags (existing);

      for (guint i = 0; i < tags->len; i++)
        reseau_contact_add_tag (replaced, g_ptr_array_index (tags, i));

      /* Tags travel as CATEGORIES: the stored card says them too. */
      reseau_contact_refresh_vcard (replaced);
    }

  return replaced;
}

static ReseauImportEntry *
build_entry (Prepare       *prepare,
             Target        *target,
             ReseauContact *existing)
{
  ReseauImportEntry *entry = g_new0 (ReseauImportEntry, 1);
  g_autoptr(ReseauContact) result = NULL;
  g_autofree char *introduced_by = NULL;
  guint first = 0;

  if (existing != NULL)
    {
      result = g_object_ref (existing);
    }
  else
    {
      /* The card's contact is the import's to change from here on. */
      result = g_object_ref (((Incoming *) g_ptr_array_index (target->cards, 0))->contact);
      first = 1;
    }

  for (guint i = first; i < target->cards->len; i++)
    {
      Incoming *incoming = g_ptr_array_index (target->cards, i);
      ReseauContact *next;

      if (incoming->by_uid)
        next = replace_contact (result, incoming->contact);
      else
        next = reseau_contact_merge (result, incoming->contact);

      g_set_object (&result, next);
      g_object_unref (next);
    }

  if (target->tags != NULL)
    {
      /* Never change the existing contact itself: it is compared below. */
      if (result == existing)
        {
          ReseauContact *copy = reseau_contact_copy (existing);

          g_set_object (&result, copy);
          g_object_unref (copy);
        }

      for (guint i = 0; i < target->tags->len; i++)
        reseau_contact_add_tag (result, g_ptr_array_index (target->tags, i));

      /* Tags travel as CATEGORIES: the stored card says them too. */
      reseau_contact_refresh_vcard (result);
    }

  /* "Introduced by" names a UID of the file; the address book knows that
   * person by the UID of the contact the card became (a card merged into
   * an existing contact takes its UID), and forgets an introduction by a
   * stranger: do the same here, or the contact would never compare
   * unchanged. */
  introduced_by = uid_key (reseau_contact_get_introduced_by (result));
  if (introduced_by != NULL)
    {
      Target *introducer = g_hash_table_lookup (prepare->by_uid, introduced_by);
      const char *introducer_uid = introducer != NULL ? target_uid (introducer) : NULL;

      if (g_strcmp0 (introducer_uid, reseau_contact_get_introduced_by (result)) != 0)
        {
          if (result == existing)
            {
              ReseauContact *copy = reseau_contact_copy (existing);

              g_set_object (&result, copy);
              g_object_unref (copy);
            }
          reseau_contact_set_introduced_by (result, introducer_uid);
        }
    }

  if (existing == NULL)
    entry->action = RESEAU_IMPORT_ACTION_NEW;
  else if (same_contact (result, existing))
    entry->action = RESEAU_IMPORT_ACTION_UNCHANGED;
  else
    entry->action = RESEAU_IMPORT_ACTION_UPDATE;

  entry->contact = g_steal_pointer (&result);
  entry->match = existing != NULL ? target->match : RESEAU_IMPORT_MATCH_NONE;
  entry->matched_name = existing != NULL ? g_strdup (target->existing->display_name) : NULL;
  entry->matched_key = existing != NULL ? g_strdup (target->matched_key) : NULL;
  entry->file = g_strdup (target->file);
  entry->line = target->line;

  return entry;
}

static gboolean
build_entries (Prepare       *prepare,
               GPtrArray     *touched,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GHashTable) existing = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < touched->len; i++)
    {
      Target *target = g_ptr_array_index (touched, i);

      if (target->existing != NULL)
        g_ptr_array_add (uids, target->existing->uid);
    }

  if (uids->len > 0)
    {
      g_ptr_array_add (uids, NULL);
      loaded = reseau_database_load_contacts (prepare->database,
                                              (const char * const *) uids->pdata, error);
      if (loaded == NULL)
        return FALSE;

      for (guint i = 0; i < loaded->len; i++)
        {
          ReseauContact *contact = g_ptr_array_index (loaded, i);

          g_hash_table_insert (existing, (gpointer) reseau_contact_get_uid (contact), contact);
        }
    }

  for (guint i = 0; i < touched->len; i++)
    {
      Target *target = g_ptr_array_index (touched, i);
      ReseauContact *stored = NULL;

      if (i % (CARDS_PER_STEP * 16) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          prepare_set_progress (prepare, READ_SHARE + (1.0 - READ_SHARE) / 2 * (1.0 + (double) i / touched->len));
        }

      if (target->existing != NULL)
        {
          stored = g_hash_table_lookup (existing, target->existing->uid);

          /* Deleted since the keys were listed: what the file says is new. */
          if (stored == NULL && target->cards->len == 0)
            continue;
        }

      g_ptr_array_add (prepare->entries, build_entry (prepare, target, stored));
    }

  return TRUE;
}

static gboolean
prepare_run (Prepare       *prepare,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GPtrArray) touched = NULL;

  prepare_set_progress (prepare, 0.0);

  for (guint i = 0; i < prepare->files->len; i++)
    if (!read_one_file (prepare, i, cancellable, error))
      return FALSE;

  if (prepare->n_readable == 0)
    {
      if (prepare->first_failure != NULL)
        g_propagate_error (error, g_steal_pointer (&prepare->first_failure));
      else
        g_set_error_literal (error, RESEAU_IMPORT_ERROR, RESEAU_IMPORT_ERROR_UNKNOWN_FORMAT,
                             _("There was no file to import."));
      return FALSE;
    }

  prepare->keys = reseau_database_list_contact_keys (prepare->database, error);
  if (prepare->keys == NULL)
    return FALSE;

  index_existing (prepare);
  touched = match_incoming (prepare, cancellable, error);
  if (touched == NULL)
    return FALSE;
  apply_groups (prepare, touched);

  if (!build_entries (prepare, touched, cancellable, error))
    return FALSE;

  prepare_set_progress (prepare, 1.0);
  return TRUE;
}

/* ------------------------------------------------------------------------
 * The object
 * --------------------------------------------------------------------- */

static void
reseau_import_set_progress (ReseauImport *self,
                            double        progress)
{
  if (progress == self->progress)
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROGRESS]);
}

static void
stop_progress_source (ReseauImport *self)
{
  if (self->progress_source == NULL)
    return;

  g_source_destroy (self->progress_source);
  g_clear_pointer (&self->progress_source, g_source_unref);
}

static gboolean
on_prepare_progress_tick (gpointer user_data)
{
  ReseauImport *self = user_data;

  reseau_import_set_progress (self, (double) g_atomic_int_get (&self->shared_progress) / PROGRESS_SCALE);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_apply_progress_tick (gpointer user_data)
{
  ReseauImport *self = user_data;
  guint n_saved = (guint) g_atomic_int_get ((int *) &self->n_saved);

  if (self->n_to_save > 0)
    reseau_import_set_progress (self, MIN (1.0, (double) n_saved / self->n_to_save));

  return G_SOURCE_CONTINUE;
}

/* Polls what the other thread publishes, on the caller's main context:
 * the notifications reach the caller's thread and never come faster
 * than the eye can follow. */
static void
start_progress_source (ReseauImport *self,
                       GSourceFunc   tick)
{
  stop_progress_source (self);

  self->progress_source = g_timeout_source_new (PROGRESS_INTERVAL_MS);
  g_source_set_callback (self->progress_source, tick, self, NULL);
  g_source_set_static_name (self->progress_source, "[reseau] import progress");
  g_source_attach (self->progress_source, g_main_context_get_thread_default ());
}

static void
reseau_import_dispose (GObject *object)
{
  ReseauImport *self = (ReseauImport *)object;

  stop_progress_source (self);

  G_OBJECT_CLASS (reseau_import_parent_class)->dispose (object);
}

static gpointer
release_entries (gpointer entries)
{
  g_ptr_array_unref (entries);
  return NULL;
}

static void
reseau_import_finalize (GObject *object)
{
  ReseauImport *self = (ReseauImport *)object;

  g_clear_object (&self->database);
  /* Giving back 100,000 contacts takes 0.3 s: done on the window's main
   * thread as its import dialog closes, the window would freeze. Contacts
   * hold only memory, so their last reference may go on any thread. */
  if (self->entries != NULL && self->entries->len >= BIG_RELEASE)
    g_thread_unref (g_thread_new ("reseau-import-release", release_entries,
                                  g_steal_pointer (&self->entries)));
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->spent_prepare, prepare_free);

  G_OBJECT_CLASS (reseau_import_parent_class)->finalize (object);
}

static void
reseau_import_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ReseauImport *self = RESEAU_IMPORT (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reseau_import_class_init (ReseauImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reseau_import_dispose;
  object_class->finalize = reseau_import_finalize;
  object_class->get_property = reseau_import_get_property;

  properties [PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
reseau_import_init (ReseauImport *self)
{
}

ReseauImport *
reseau_import_new (ReseauDatabase *database)
{
  ReseauImport *self;

  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);

  self = g_object_new (RESEAU_TYPE_IMPORT, NULL);
  self->database = g_object_ref (database);

  return self;
}

/* Takes the results of a prepare that went through. */
static void
reseau_import_take_results (ReseauImport *self,
                            Prepare      *prepare)
{
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  self->entries = g_steal_pointer (&prepare->entries);
  self->problems = g_steal_pointer (&prepare->problems);
  self->n_unreadable = prepare->n_unreadable;
  self->n_skipped = prepare->n_skipped;

  reseau_import_set_progress (self, 1.0);
}

/* A prepare that failed leaves no entries to apply; when it failed
 * because no file could be read, the problems say why for each. */
static void
reseau_import_take_failure (ReseauImport *self,
                            Prepare      *prepare,
                            const GError *error)
{
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->n_unreadable = 0;
  self->n_skipped = 0;

  if (error->domain == RESEAU_IMPORT_ERROR)
    {
      self->problems = g_steal_pointer (&prepare->problems);
      self->n_unreadable = prepare->n_unreadable;
    }
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Prepare *prepare = task_data;
  GError *error = NULL;
  gboolean ok;

  ok = prepare_run (prepare, cancellable, &error);

  /* Thread-safe, and stops the ticks before the caller sees the result. */
  g_source_destroy (prepare->progress_source);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);

  /* While the window shows the preview; the task still holds prepare,
   * and finishing takes only its results. */
  prepare_free_work (prepare);
}

void
reseau_import_prepare_async (ReseauImport        *self,
                             GPtrArray           *files,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Prepare *prepare;

  g_return_if_fail (RESEAU_IS_IMPORT (self));
  g_return_if_fail (files != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, reseau_import_prepare_async);

  g_atomic_int_set (&self->shared_progress, 0);
  reseau_import_set_progress (self, 0.0);
  start_progress_source (self, on_prepare_progress_tick);

  prepare = prepare_new (self, files);
  prepare->progress_source = g_source_ref (self->progress_source);
  g_task_set_task_data (task, prepare, prepare_free);
  g_task_run_in_thread (task, prepare_thread);
}

gboolean
reseau_import_prepare_finish (ReseauImport  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  Prepare *prepare;

  g_return_val_if_fail (RESEAU_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reseau_import_prepare_async, FALSE);

  stop_progress_source (self);
  prepare = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &local_error))
    {
      reseau_import_take_failure (self, prepare, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  reseau_import_take_results (self, prepare);

  return TRUE;
}

gboolean
reseau_import_prepare (ReseauImport  *self,
                       GPtrArray     *files,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  Prepare *prepare;
  gboolean ok;

  g_return_val_if_fail (RESEAU_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (files != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  reseau_import_set_progress (self, 0.0);

  prepare = prepare_new (self, files);
  ok = prepare_run (prepare, cancellable, &local_error);
  if (ok)
    reseau_import_take_results (self, prepare);
  else
    reseau_import_take_failure (self, prepare, local_error);

  /* Released with the object rather than now, when the caller is waiting
   * to apply the import; the command line, whose process ends right after,
   * then never spends the time. */
  g_clear_pointer (&self->spent_prepare, prepare_free);
  self->spent_prepare = prepare;

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return ok;
}

GPtrArray *
reseau_import_get_entries (ReseauImport *self)
{
  g_return_val_if_fail (RESEAU_IS_IMPORT (self), NULL);

  return self->entries;
}

GPtrArray *
reseau_import_get_problems (ReseauImport *self)
{
  g_return_val_if_fail (RESEAU_IS_IMPORT (self), NULL);

  return self->problems;
}

guint
reseau_import_count (ReseauImport       *self,
                     ReseauImportAction  action)
{
  guint count = 0;

  g_return_val_if_fail (RESEAU_IS_IMPORT (self), 0);

  if (self->entries == NULL)
    return 0;

  for (guint i = 0; i < self->entries->len; i++)
    if (((ReseauImportEntry *) g_ptr_array_index (self->entries, i))->action == action)
      count++;

  return count;
}

guint
reseau_import_get_n_unreadable (ReseauImport *self)
{
  g_return_val_if_fail (RESEAU_IS_IMPORT (self), 0);

  return self->n_unreadable;
}

guint
reseau_import_get_n_skipped (ReseauImport *self)
{
  g_return_val_if_fail (RESEAU_IS_IMPORT (self), 0);

  return self->n_skipped;
}

double
reseau_import_get_progress (ReseauImport *self)
{
  g_return_val_if_fail (RESEAU_IS_IMPORT (self), 0.0);

  return self->progress;
}

/* ------------------------------------------------------------------------
 * Applying
 * --------------------------------------------------------------------- */

static gboolean
saves_introductions (ReseauImport *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      ReseauImportEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->action != RESEAU_IMPORT_ACTION_UNCHANGED &&
          reseau_contact_get_introduced_by (entry->contact) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* The address book links "introduced by" to a contact it already holds:
 * whoever introduced someone is saved before them. */
static GPtrArray *
contacts_to_save (ReseauImport *self)
{
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  GPtrArray *contacts = g_ptr_array_new_full (self->entries->len, g_object_unref);

  /* Most files name no introducer (only Réseau's own exports do): then
   * the order of the entries is already right, and the walk below, with
   * its table of every UID, would only cost time (0.1 s on 100,000). */
  if (!saves_introductions (self))
    {
      for (guint i = 0; i < self->entries->len; i++)
        {
          ReseauImportEntry *entry = g_ptr_array_index (self->entries, i);

          if (entry->action != RESEAU_IMPORT_ACTION_UNCHANGED)
            g_ptr_array_add (contacts, g_object_ref (entry->contact));
        }
      return contacts;
    }

  pending = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->entries->len; i++)
    {
      ReseauImportEntry *entry = g_ptr_array_index (self->entries, i);

      if (entry->action != RESEAU_IMPORT_ACTION_UNCHANGED)
        g_hash_table_insert (pending, (gpointer) reseau_contact_get_uid (entry->contact), entry->contact);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      ReseauImportEntry *entry = g_ptr_array_index (self->entries, i);
      ReseauContact *contact = entry->contact;

      /* Walk up the introductions to the first one already saved or not
       * part of the import, then save that chain from its top. Removing
       * each contact from pending as it is queued also ends any loop. */
      while (contact != NULL &&
             g_hash_table_remove (pending, reseau_contact_get_uid (contact)))
        {
          const char *introducer = reseau_contact_get_introduced_by (contact);

          g_ptr_array_add (chain, contact);
          contact = introducer != NULL ? g_hash_table_lookup (pending, introducer) : NULL;
        }

      for (guint j = chain->len; j > 0; j--)
        g_ptr_array_add (contacts, g_object_ref (g_ptr_array_index (chain, j - 1)));
      g_ptr_array_set_size (chain, 0);
    }

  return contacts;
}

static void
on_contacts_imported (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReseauImport *self = g_task_get_source_object (task);
  GError *error = NULL;

  stop_progress_source (self);

  if (!reseau_database_import_contacts_finish (RESEAU_DATABASE (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  reseau_import_set_progress (self, 1.0);
  g_task_return_boolean (task, TRUE);
}

void
reseau_import_apply_async (ReseauImport        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) contacts = NULL;

  g_return_if_fail (RESEAU_IS_IMPORT (self));
  g_return_if_fail (self->entries != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, reseau_import_apply_async);

  contacts = contacts_to_save (self);
  if (contacts->len == 0)
    {
      if (!g_task_return_error_if_cancelled (task))
        {
          reseau_import_set_progress (self, 1.0);
          g_task_return_boolean (task, TRUE);
        }
      return;
    }

  self->n_to_save = contacts->len;
  g_atomic_int_set ((int *) &self->n_saved, 0);
  reseau_import_set_progress (self, 0.0);
  start_progress_source (self, on_apply_progress_tick);

  reseau_database_import_contacts_async (self->database, contacts, &self->n_saved, cancellable,
                                         on_contacts_imported, g_steal_pointer (&task));
}

gboolean
reseau_import_apply_finish (ReseauImport  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (RESEAU_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == reseau_import_apply_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
reseau_import_apply (ReseauImport  *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GPtrArray) contacts = NULL;

  g_return_val_if_fail (RESEAU_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (self->entries != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contacts = contacts_to_save (self);
  if (contacts->len == 0)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);

  self->n_to_save = contacts->len;
  if (!reseau_database_import_contacts (self->database, contacts, &self->n_saved, cancellable, error))
    return FALSE;

  reseau_import_set_progress (self, 1.0);
  return TRUE;
}
