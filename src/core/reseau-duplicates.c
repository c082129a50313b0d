/* reseau-duplicates.c — finding the same person twice, and merging them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reseau-duplicates.h"
#include "reseau-database.h"
#include "reseau-text.h"
#include "reseau-vcard-contact.h"

/* A typo is only told apart from another name in names this long: "Léa"
 * and "Lou" are different people, "Martin" and "Martinn" hardly. */
#define SIMILAR_MIN_LETTERS 5
/* A key shared by more people than this says nothing about any two of
 * them: a switchboard number, a team's address. Pairing them all would
 * bury the real duplicates (and grow with the square of the bucket). */
#define MAX_BUCKET 25
/* The same for names, sooner: seven "Marie Martin" in one address book
 * are namesakes, not one person typed in seven times. */
#define MAX_NAME_BUCKET 6

void
reseau_duplicate_pair_free (ReseauDuplicatePair *pair)
{
  if (pair == NULL)
    return;

  g_free (pair->uid_a);
  g_free (pair->name_a);
  g_free (pair->uid_b);
  g_free (pair->name_b);
  g_free (pair->detail);
  g_free (pair);
}

char *
reseau_duplicate_pair_describe (const ReseauDuplicatePair *pair)
{
  g_return_val_if_fail (pair != NULL, NULL);

  switch (pair->reason)
    {
    case RESEAU_DUPLICATE_SAME_EMAIL:
      /* Translators: %s is an email address both contacts have. */
      return g_strdup_printf (_("Same email: %s"), pair->detail != NULL ? pair->detail : "");
    case RESEAU_DUPLICATE_SAME_PHONE:
      /* Translators: %s is a phone number both contacts have. */
      return g_strdup_printf (_("Same phone number: %s"), pair->detail != NULL ? pair->detail : "");
    case RESEAU_DUPLICATE_SAME_NAME:
      return g_strdup (_("Same name"));
    case RESEAU_DUPLICATE_SIMILAR_NAME:
    default:
      /* Translators: the two names of a possible duplicate, e.g. “Anne Martin” and “Martin Anne”. */
      return g_strdup_printf (_("Similar names: “%s” and “%s”"), pair->name_a, pair->name_b);
    }
}

/* ------------------------------------------------------------------------
 * Finding pairs
 *
 * Every reason is found by putting contacts into buckets by a key (an
 * email, a phone's match key, a folded name) so that only contacts sharing
 * a bucket are ever compared: the work grows with the number of contacts,
 * not with its square.
 * --------------------------------------------------------------------- */

typedef struct
{
  ReseauContactKeys *keys;
  char              *folded;   /* folded display name */
} Person;

typedef struct
{
  guint64                key;     /* pair_key (a, b) */
  guint                  a;       /* index in the people, a < b */
  guint                  b;
  ReseauDuplicateReason  reason;
  char                  *detail;
} Candidate;

typedef struct
{
  GArray     *people;      /* of Person */
  GHashTable *seen;        /* of pair keys, so that each pair is kept once */
  GPtrArray  *candidates;  /* of Candidate*, owns them */
} Finder;

static guint64
pair_key (guint a,
          guint b)
{
  return ((guint64) MIN (a, b) << 32) | MAX (a, b);
}

/* Pair keys are two indices side by side: hashing them with
 * g_int64_hash() (which XORs the halves) would put every pair (a, b)
 * with the same a ^ b in one chain. Mix the bits instead. */
static guint
pair_key_hash (gconstpointer key)
{
  guint64 v = *(const guint64 *) key;

  v ^= v >> 33;
  v *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  v ^= v >> 33;

  return (guint) v;
}

static gboolean
pair_key_equal (gconstpointer a,
                gconstpointer b)
{
  return *(const guint64 *) a == *(const guint64 *) b;
}

/* Reasons are offered strongest first, so the first reason a pair is
 * found for is the one it keeps. */
static void
finder_offer (Finder                *finder,
              guint                  a,
              guint                  b,
              ReseauDuplicateReason  reason,
              const char            *detail)
{
  Candidate *candidate;
  guint64 key;

  if (a == b)
    return;

  key = pair_key (a, b);
  if (g_hash_table_contains (finder->seen, &key))
    return;

  candidate = g_new0 (Candidate, 1);
  candidate->key = key;
  candidate->a = MIN (a, b);
  candidate->b = MAX (a, b);
  candidate->reason = reason;
  candidate->detail = g_strdup (detail);
  g_ptr_array_add (finder->candidates, candidate);

  /* The candidate holds its own key: the set needs no memory of its own. */
  g_hash_table_add (finder->seen, &candidate->key);
}

static void
candidate_free (gpointer data)
{
  Candidate *candidate = data;

  g_free (candidate->detail);
  g_free (candidate);
}

/* People sharing a key. Buckets are chains of nodes in one array and the
 * keys live in one string chunk: a hundred thousand contacts make half a
 * million keys, and allocating (then freeing) a list and a string for
 * each was most of the time spent. */
typedef struct
{
  guint       member;   /* person (or name) index */
  int         next;     /* node index, -1 at the end */
  const char *detail;   /* the value as this member wrote it; borrowed */
} Node;

typedef struct
{
  GHashTable   *heads;  /* key (in chunk) → GINT_TO_POINTER (node index + 1) */
  GArray       *nodes;  /* of Node */
  GStringChunk *chunk;  /* shared by every index of one search */
} Index;

static void
index_init (Index        *index,
            GStringChunk *chunk)
{
  index->heads = g_hash_table_new (g_str_hash, g_str_equal);
  index->nodes = g_array_new (FALSE, FALSE, sizeof (Node));
  index->chunk = chunk;
}

static void
index_clear (Index *index)
{
  g_hash_table_unref (index->heads);
  g_array_unref (index->nodes);
}

static void
index_add (Index      *index,
           const char *key,
           guint       member,
           const char *detail)
{
  gpointer stored_key, head;
  Node node = { member, -1, detail };

  if (g_hash_table_lookup_extended (index->heads, key, &stored_key, &head))
    {
      node.next = GPOINTER_TO_INT (head) - 1;

      /* One person with the same email twice is no pair with itself;
       * members are added in order, so a repeat is always the head. */
      if (g_array_index (index->nodes, Node, node.next).member == member)
        return;
    }
  else
    {
      stored_key = g_string_chunk_insert (index->chunk, key);
    }

  g_array_append_val (index->nodes, node);
  g_hash_table_insert (index->heads, stored_key, GINT_TO_POINTER (index->nodes->len));
}

/* The members of the bucket that starts at head, oldest first, into
 * members; FALSE (members left unfinished) when there are more than max.
 * detail receives what the first of them wrote. */
static gboolean
index_collect (Index       *index,
               int          head,
               guint        max,
               GArray      *members,
               const char **detail)
{
  g_array_set_size (members, 0);

  for (int n = head; n >= 0; n = g_array_index (index->nodes, Node, n).next)
    {
      const Node *node = &g_array_index (index->nodes, Node, n);

      if (members->len == max)
        return FALSE;
      g_array_prepend_val (members, node->member);
      if (detail != NULL)
        *detail = node->detail;
    }

  return TRUE;
}

static void
index_offer_pairs (Finder                *finder,
                   Index                 *index,
                   ReseauDuplicateReason  reason,
                   guint                  max_bucket)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer head;

  g_hash_table_iter_init (&iter, index->heads);
  while (g_hash_table_iter_next (&iter, NULL, &head))
    {
      const char *detail = NULL;

      /* A bucket of one, the usual case, needs no walk. */
      if (g_array_index (index->nodes, Node, GPOINTER_TO_INT (head) - 1).next < 0)
        continue;

      if (!index_collect (index, GPOINTER_TO_INT (head) - 1, max_bucket, members, &detail))
        continue;

      for (guint i = 0; i + 1 < members->len; i++)
        for (guint j = i + 1; j < members->len; j++)
          finder_offer (finder,
                        g_array_index (members, guint, i),
                        g_array_index (members, guint, j),
                        reason, detail);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The words of a folded name in alphabetical order: "martin anne" and
 * "anne martin" get the same key. NULL for a name of one word, which
 * cannot be in another order. */
static char *
sorted_words_key (const char *folded)
{
  g_auto(GStrv) words = g_strsplit_set (folded, " \t-", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, words[i]);

  if (kept->len < 2)
    return NULL;

  g_ptr_array_sort (kept, compare_strings);
  g_ptr_array_add (kept, NULL);

  return g_strjoinv (" ", (char **) kept->pdata);
}

static guint
count_letters (const char *folded)
{
  guint n = 0;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      n++;

  return n;
}

/* TRUE when a and b (UTF-8, different) are one substitution, insertion,
 * deletion or swap of two neighbouring letters apart. */
static gboolean
one_edit_apart (const char *a,
                const char *b)
{
  g_autofree gunichar *ua = NULL;
  g_autofree gunichar *ub = NULL;
  glong la, lb;
  glong i = 0;

  ua = g_utf8_to_ucs4_fast (a, -1, &la);
  ub = g_utf8_to_ucs4_fast (b, -1, &lb);

  if (la < lb)
    {
      gunichar *tu = ua; glong tl = la;
      ua = ub; la = lb;
      ub = tu; lb = tl;
    }
  if (la - lb > 1)
    return FALSE;

  while (i < lb && ua[i] == ub[i])
    i++;
  if (i == lb)
    return TRUE;  /* equal, or one letter added at the end */

  if (la == lb)
    {
      /* Substitution: the rest is equal. */
      if (memcmp (ua + i + 1, ub + i + 1, (la - i - 1) * sizeof (gunichar)) == 0)
        return TRUE;
      /* Neighbours swapped. */
      return i + 1 < la && ua[i] == ub[i + 1] && ua[i + 1] == ub[i] &&
             memcmp (ua + i + 2, ub + i + 2, (la - i - 2) * sizeof (gunichar)) == 0;
    }

  /* One letter more in a: skip it. */
  return memcmp (ua + i + 1, ub + i, (lb - i) * sizeof (gunichar)) == 0;
}

/* Two distinct names within one edit share at least one of their
 * "deletion keys": the name itself or the name with one letter left out.
 * Indexing every name under those keys finds each such pair by lookup; a
 * shared key can also come from two edits, so each candidate is checked. */
static void
offer_similar_names (Finder *finder,
                     Index  *by_name)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) heads = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GHashTable) checked = g_hash_table_new_full (pair_key_hash, pair_key_equal, g_free, NULL);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) people_x = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) people_y = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) variant = g_string_new (NULL);
  Index by_deletion;
  GHashTableIter iter;
  gpointer key, head;

  index_init (&by_deletion, by_name->chunk);

  /* Work on distinct names: people of the same name are already paired,
   * and checking a name once serves everyone who bears it. */
  g_hash_table_iter_init (&iter, by_name->heads);
  while (g_hash_table_iter_next (&iter, &key, &head))
    {
      const char *name = key;
      int first = GPOINTER_TO_INT (head) - 1;
      guint index;

      if (count_letters (name) < SIMILAR_MIN_LETTERS ||
          !index_collect (by_name, first, MAX_NAME_BUCKET, members, NULL))
        continue;

      index = names->len;
      g_ptr_array_add (names, key);
      g_array_append_val (heads, first);

      index_add (&by_deletion, name, index, NULL);
      for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
        {
          g_string_truncate (variant, 0);
          g_string_append_len (variant, name, p - name);
          g_string_append (variant, g_utf8_next_char (p));
          index_add (&by_deletion, variant->str, index, NULL);
        }
    }

  g_hash_table_iter_init (&iter, by_deletion.heads);
  while (g_hash_table_iter_next (&iter, NULL, &head))
    {
      if (g_array_index (by_deletion.nodes, Node, GPOINTER_TO_INT (head) - 1).next < 0 ||
          !index_collect (&by_deletion, GPOINTER_TO_INT (head) - 1, MAX_BUCKET, members, NULL))
        continue;

      for (guint i = 0; i + 1 < members->len; i++)
        for (guint j = i + 1; j < members->len; j++)
          {
            guint x = g_array_index (members, guint, i);
            guint y = g_array_index (members, guint, j);
            guint64 *pk;

            if (x == y)
              continue;

            pk = g_new (guint64, 1);
            *pk = pair_key (x, y);
            if (!g_hash_table_add (checked, pk))
              continue;

            if (!one_edit_apart (g_ptr_array_index (names, x), g_ptr_array_index (names, y)))
              continue;

            index_collect (by_name, g_array_index (heads, int, x), MAX_NAME_BUCKET, people_x, NULL);
            index_collect (by_name, g_array_index (heads, int, y), MAX_NAME_BUCKET, people_y, NULL);
            for (guint px = 0; px < people_x->len; px++)
              for (guint py = 0; py < people_y->len; py++)
                finder_offer (finder,
                              g_array_index (people_x, guint, px),
                              g_array_index (people_y, guint, py),
                              RESEAU_DUPLICATE_SIMILAR_NAME, NULL);
          }
    }

  index_clear (&by_deletion);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const Candidate *ca = *(const Candidate * const *) a;
  const Candidate *cb = *(const Candidate * const *) b;
  GArray *people = user_data;
  int cmp;

  if (ca->reason != cb->reason)
    return ca->reason < cb->reason ? -1 : 1;

  cmp = strcmp (g_array_index (people, Person, ca->a).folded,
                g_array_index (people, Person, cb->a).folded);
  if (cmp != 0)
    return cmp;

  cmp = strcmp (g_array_index (people, Person, ca->b).folded,
                g_array_index (people, Person, cb->b).folded);
  if (cmp != 0)
    return cmp;

  /* A total order, so the list is the same from one run to the next. */
  if (ca->a != cb->a)
    return ca->a < cb->a ? -1 : 1;
  return ca->b < cb->b ? -1 : (ca->b > cb->b);
}

static void
person_clear (gpointer data)
{
  Person *person = data;

  g_free (person->folded);
}

GPtrArray *
reseau_find_duplicates (GPtrArray *keys)
{
  GStringChunk *chunk = NULL;
  Index by_email, by_phone, by_name, by_words;
  Finder finder;
  GPtrArray *pairs;

  g_return_val_if_fail (keys != NULL, NULL);

  chunk = g_string_chunk_new (64 * 1024);
  index_init (&by_email, chunk);
  index_init (&by_phone, chunk);
  index_init (&by_name, chunk);
  index_init (&by_words, chunk);

  finder.people = g_array_sized_new (FALSE, TRUE, sizeof (Person), keys->len);
  g_array_set_clear_func (finder.people, person_clear);
  finder.seen = g_hash_table_new (pair_key_hash, pair_key_equal);
  finder.candidates = g_ptr_array_new_with_free_func (candidate_free);

  for (guint i = 0; i < keys->len; i++)
    {
      ReseauContactKeys *k = g_ptr_array_index (keys, i);
      Person person = { k, reseau_text_fold (k->display_name) };
      guint index = finder.people->len;

      g_array_append_val (finder.people, person);

      for (guint e = 0; k->emails[e] != NULL; e++)
        {
          g_autofree char *email = reseau_text_fold (k->emails[e]);

          g_strstrip (email);
          if (email[0] != '\0')
            index_add (&by_email, email, index, k->emails[e]);
        }

      for (guint p = 0; k->phones[p] != NULL; p++)
        {
          g_autofree char *phone = reseau_text_phone_match_key (k->phones[p]);

          if (phone != NULL)
            index_add (&by_phone, phone, index, k->phones[p]);
        }

      if (person.folded[0] != '\0')
        {
          g_autofree char *words = sorted_words_key (person.folded);

          index_add (&by_name, person.folded, index, NULL);
          if (words != NULL)
            index_add (&by_words, words, index, NULL);
        }
    }

  index_offer_pairs (&finder, &by_email, RESEAU_DUPLICATE_SAME_EMAIL, MAX_BUCKET);
  index_offer_pairs (&finder, &by_phone, RESEAU_DUPLICATE_SAME_PHONE, MAX_BUCKET);
  index_offer_pairs (&finder, &by_name, RESEAU_DUPLICATE_SAME_NAME, MAX_NAME_BUCKET);
  index_offer_pairs (&finder, &by_words, RESEAU_DUPLICATE_SIMILAR_NAME, MAX_NAME_BUCKET);
  offer_similar_names (&finder, &by_name);

  index_clear (&by_email);
  index_clear (&by_phone);
  index_clear (&by_name);
  index_clear (&by_words);
  g_string_chunk_free (chunk);

  g_ptr_array_sort_with_data (finder.candidates, compare_candidates, finder.people);

  pairs = g_ptr_array_new_full (finder.candidates->len, (GDestroyNotify) reseau_duplicate_pair_free);
  for (guint i = 0; i < finder.candidates->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (finder.candidates, i);
      Person *a = &g_array_index (finder.people, Person, candidate->a);
      Person *b = &g_array_index (finder.people, Person, candidate->b);
      ReseauDuplicatePair *pair = g_new0 (ReseauDuplicatePair, 1);

      /* The older contact first: it is the one a merge keeps by default. */
      if (b->keys->id < a->keys->id)
        {
          Person *t = a;
          a = b;
          b = t;
        }

      pair->uid_a = g_strdup (a->keys->uid);
      pair->name_a = g_strdup (a->keys->display_name);
      pair->uid_b = g_strdup (b->keys->uid);
      pair->name_b = g_strdup (b->keys->display_name);
      pair->reason = candidate->reason;
      pair->detail = g_steal_pointer (&candidate->detail);
      g_ptr_array_add (pairs, pair);
    }

  g_hash_table_unref (finder.seen);
  g_ptr_array_unref (finder.candidates);
  g_array_unref (finder.people);

  return pairs;
}

/* ------------------------------------------------------------------------
 * Merging
 * --------------------------------------------------------------------- */

/* Whether two values of a field are the same, however each was typed:
 * emails without case, phones on their match key, links without a final
 * slash. */
static gboolean
same_value (ReseauField  field,
            const char  *a,
            const char  *b)
{
  switch (field)
    {
    case RESEAU_FIELD_EMAIL:
      {
        g_autofree char *fa = g_utf8_casefold (a, -1);
        g_autofree char *fb = g_utf8_casefold (b, -1);

        return strcmp (fa, fb) == 0;
      }
    case RESEAU_FIELD_PHONE:
      {
        g_autofree char *ka = reseau_text_phone_match_key (a);
        g_autofree char *kb = reseau_text_phone_match_key (b);

        if (ka != NULL && kb != NULL)
          return strcmp (ka, kb) == 0;
        return strcmp (a, b) == 0;
      }
    case RESEAU_FIELD_URL:
    case RESEAU_N_FIELDS:
    default:
      {
        gsize la = strlen (a);
        gsize lb = strlen (b);

        if (la > 0 && a[la - 1] == '/')
          la--;
        if (lb > 0 && b[lb - 1] == '/')
          lb--;
        return la == lb && g_ascii_strncasecmp (a, b, la) == 0;
      }
    }
}

static void
merge_values (ReseauContact *merged,
              ReseauContact *other,
              ReseauField    field)
{
  GPtrArray *mine = reseau_contact_get_values (merged, field);
  GPtrArray *theirs = reseau_contact_get_values (other, field);
  guint n_mine = mine->len;

  for (guint i = 0; i < theirs->len; i++)
    {
      const ReseauLabeledValue *value = g_ptr_array_index (theirs, i);
      gboolean found = FALSE;

      for (guint j = 0; j < n_mine && !found; j++)
        {
          ReseauLabeledValue *existing = g_ptr_array_index (mine, j);

          if (same_value (field, existing->value, value->value))
            {
              found = TRUE;
              /* The label is one of the values of both: keep the one known. */
              if (existing->label == NULL && value->label != NULL)
                existing->label = g_strdup (value->label);
            }
        }

      if (!found)
        reseau_contact_add_value (merged, field, value->label, value->value);
    }
}

static gboolean
same_address (const ReseauAddress *a,
              const ReseauAddress *b)
{
  g_autofree char *fa = reseau_address_format (a);
  g_autofree char *fb = reseau_address_format (b);
  g_autofree char *ka = reseau_text_fold (fa);
  g_autofree char *kb = reseau_text_fold (fb);

  return strcmp (ka, kb) == 0;
}

static void
merge_addresses (ReseauContact *merged,
                 ReseauContact *other)
{
  GPtrArray *theirs = reseau_contact_get_addresses (other);
  guint n_mine = reseau_contact_get_addresses (merged)->len;

  for (guint i = 0; i < theirs->len; i++)
    {
      const ReseauAddress *address = g_ptr_array_index (theirs, i);
      GPtrArray *mine = reseau_contact_get_addresses (merged);
      gboolean found = FALSE;

      for (guint j = 0; j < n_mine && !found; j++)
        found = same_address (g_ptr_array_index (mine, j), address);

      if (!found)
        reseau_contact_add_address (merged, address);
    }
}

/* A note that is already part of the other one is not repeated, so that
 * merging the same two cards again changes nothing. */
static void
merge_notes (ReseauContact *merged,
             ReseauContact *other)
{
  const char *mine = reseau_contact_get_note (merged);
  const char *theirs = reseau_contact_get_note (other);
  g_autofree char *joined = NULL;

  if (theirs == NULL || (mine != NULL && strstr (mine, theirs) != NULL))
    return;
  if (mine == NULL || strstr (theirs, mine) != NULL)
    {
      reseau_contact_set_note (merged, theirs);
      return;
    }

  joined = g_strconcat (mine, "\n\n", theirs, NULL);
  reseau_contact_set_note (merged, joined);
}

#define MERGE_TEXT(field) \
  G_STMT_START { \
    if (reseau_contact_get_##field (merged) == NULL) \
      reseau_contact_set_##field (merged, reseau_contact_get_##field (other)); \
  } G_STMT_END

ReseauContact *
reseau_contact_merge (ReseauContact *keep,
                      ReseauContact *other)
{
  g_autoptr(ReseauContact) merged = NULL;
  GPtrArray *tags;
  int year, month, day;

  g_return_val_if_fail (RESEAU_IS_CONTACT (keep), NULL);
  g_return_val_if_fail (RESEAU_IS_CONTACT (other), NULL);

  merged = reseau_contact_copy (keep);

  MERGE_TEXT (full_name);
  MERGE_TEXT (prefix);
  MERGE_TEXT (given_name);
  MERGE_TEXT (additional_names);
  MERGE_TEXT (family_name);
  MERGE_TEXT (suffix);
  MERGE_TEXT (nickname);
  MERGE_TEXT (organization);
  MERGE_TEXT (title);
  MERGE_TEXT (role);
  MERGE_TEXT (how_met);
  MERGE_TEXT (introduced_by);

  for (ReseauField field = 0; field < RESEAU_N_FIELDS; field++)
    merge_values (merged, other, field);
  merge_addresses (merged, other);

  tags = reseau_contact_get_tags (other);
  for (guint i = 0; i < tags->len; i++)
    reseau_contact_add_tag (merged, g_ptr_array_index (tags, i));

  if (!reseau_contact_get_birthday (merged, NULL, NULL, NULL) &&
      reseau_contact_get_birthday (other, &year, &month, &day))
    reseau_contact_set_birthday (merged, year, month, day);
  if (!reseau_contact_get_anniversary (merged, NULL, NULL, NULL) &&
      reseau_contact_get_anniversary (other, &year, &month, &day))
    reseau_contact_set_anniversary (merged, year, month, day);

  merge_notes (merged, other);

  if (reseau_contact_get_photo (merged) == NULL)
    reseau_contact_set_photo (merged, reseau_contact_get_photo (other));

  /* The first meeting is the earliest one either card knows of; ISO dates
   * compare as text. */
  if (reseau_contact_get_met_on (other) != NULL &&
      (reseau_contact_get_met_on (merged) == NULL ||
       strcmp (reseau_contact_get_met_on (other), reseau_contact_get_met_on (merged)) < 0))
    reseau_contact_set_met_on (merged, reseau_contact_get_met_on (other));

  if (reseau_contact_get_cadence_days (merged) == 0)
    reseau_contact_set_cadence_days (merged, reseau_contact_get_cadence_days (other));

  /* Nobody introduced someone to themselves: other may have pointed at
   * keep, which is the same person now. */
  if (g_strcmp0 (reseau_contact_get_introduced_by (merged), reseau_contact_get_uid (merged)) == 0 ||
      g_strcmp0 (reseau_contact_get_introduced_by (merged), reseau_contact_get_uid (other)) == 0)
    reseau_contact_set_introduced_by (merged, NULL);

  /* keep's card, with what other brought added, so that keep's unknown
   * properties stay as they came. */
  if (reseau_contact_get_vcard (merged) == NULL)
    reseau_contact_set_vcard (merged, reseau_contact_get_vcard (other));
  reseau_contact_refresh_vcard (merged);

  return g_steal_pointer (&merged);
}
