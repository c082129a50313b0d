/* reseau-vcard-merge.c — three-way merge of vCards, for sync
 *
 * Each card is first cut into units: a property without a group is a unit
 * of its own, and every property of one group (Apple's item1.EMAIL with
 * item1.X-ABLabel) makes one unit together. A unit belongs to the field of
 * its main property and is known by a key — the normalised form that
 * reseau_vcard_equal() compares, with the group left out — so that a
 * renumbered group, a re-sorted card or a refolded line compares equal.
 *
 * A field is then a multiset of keys on each side, and the merge decides
 * field by field which units go into the result: the server's, the local
 * ones, or a set merge of both. The result is written in the server's
 * order: each field takes the place of the field's first server property,
 * fields only the local card has go at the end. Groups of local units are
 * renumbered when the server's units already use their name.
 *
 * CATEGORIES is a list inside one property more than a field of several
 * properties, so it is merged item by item instead of property by
 * property.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "reseau-vcard-contact.h"
#include "reseau-vcard-merge.h"
#include "reseau-vcard-private.h"

/* Fields that hold one value: changed on both sides, they conflict rather
 * than merge. Every other field, known or not, is a set of values. */
static const char * const single_valued[] = {
  "ANNIVERSARY", "BDAY", "BIRTHPLACE", "CLASS", "DEATHDATE", "DEATHPLACE",
  "FN", "GENDER", "KIND", "LOGO", "N", "NICKNAME", "NOTE", "ORG", "PHOTO",
  "ROLE", "SORT-STRING", "SOUND", "TITLE", "X-ABSHOWAS",
  "X-ADDRESSBOOKSERVER-KIND", "X-GENDER", "X-MAIDENNAME",
  "X-PHONETIC-FIRST-NAME", "X-PHONETIC-LAST-NAME", "X-PHONETIC-MIDDLE-NAME",
};

static gboolean
is_single_valued (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (single_valued); i++)
    if (strcmp (single_valued[i], field) == 0)
      return TRUE;

  return FALSE;
}

/* What identifies the card rather than the person: always the server's. */
static gboolean
is_frame_property (const ReseauVCardProperty *property)
{
  return g_ascii_strcasecmp (property->name, "UID") == 0
         || g_ascii_strcasecmp (property->name, "VERSION") == 0
         || g_ascii_strcasecmp (property->name, "PRODID") == 0
         || g_ascii_strcasecmp (property->name, "REV") == 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Units -------------------------------------------------------------------------- */

typedef struct
{
  char      *field;       /* upper-case name of the main property */
  char      *key;         /* normalised, group left out */
  GPtrArray *properties;  /* borrowed ReseauVCardProperty*, in card order */
} Unit;

static void
unit_free (Unit *unit)
{
  g_free (unit->field);
  g_free (unit->key);
  g_ptr_array_unref (unit->properties);
  g_free (unit);
}

static const ReseauVCardProperty *
unit_main_property (const Unit *unit)
{
  const ReseauVCardProperty *fallback = NULL;

  /* Apple puts its own X-AB properties beside the real one (X-ABLabel,
   * X-ABADR); only when the group has nothing else is one of them the
   * value (item3.X-ABDATE with its label). */
  for (guint i = 0; i < unit->properties->len; i++)
    {
      const ReseauVCardProperty *property = g_ptr_array_index (unit->properties, i);

      if (g_ascii_strncasecmp (property->name, "X-AB", 4) != 0)
        return property;
      if (fallback == NULL && g_ascii_strcasecmp (property->name, "X-ABLABEL") != 0)
        fallback = property;
    }

  return fallback != NULL ? fallback : g_ptr_array_index (unit->properties, 0);
}

static const char *
unit_group (const Unit *unit)
{
  return ((const ReseauVCardProperty *) g_ptr_array_index (unit->properties, 0))->group;
}

static void
unit_finish (Unit *unit)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GString *key = g_string_new (NULL);

  unit->field = g_ascii_strup (unit_main_property (unit)->name, -1);

  for (guint i = 0; i < unit->properties->len; i++)
    {
      const ReseauVCardProperty *property = g_ptr_array_index (unit->properties, i);

      if (property->group != NULL)
        {
          g_autoptr(ReseauVCardProperty) ungrouped = reseau_vcard_property_copy (property);

          g_clear_pointer (&ungrouped->group, g_free);
          g_ptr_array_add (keys, reseau_vcard_normalise_property (ungrouped));
        }
      else
        {
          g_ptr_array_add (keys, reseau_vcard_normalise_property (property));
        }
    }
  g_ptr_array_sort (keys, compare_strings);

  for (guint i = 0; i < keys->len; i++)
    {
      if (i > 0)
        g_string_append_c (key, '\n');
      g_string_append (key, g_ptr_array_index (keys, i));
    }
  unit->key = g_string_free (key, FALSE);
}

/* A card cut into units. */
typedef struct
{
  GPtrArray  *units;    /* Unit*, in the order of their first property */
  GHashTable *fields;   /* field → GPtrArray of borrowed Unit*, in order */
  GPtrArray  *order;    /* field names in order of appearance (borrowed) */
  GHashTable *by_property; /* ReseauVCardProperty* → its Unit* */
} Split;

static void
split_free (Split *split)
{
  g_hash_table_unref (split->by_property);
  g_hash_table_unref (split->fields);
  g_ptr_array_unref (split->order);
  g_ptr_array_unref (split->units);
  g_free (split);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Split, split_free)

static Split *
split_card (const ReseauVCard *card)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Split *split = g_new0 (Split, 1);

  split->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_free);
  split->fields = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) g_ptr_array_unref);
  split->order = g_ptr_array_new ();
  split->by_property = g_hash_table_new (NULL, NULL);

  if (card == NULL)
    return split;

  for (guint i = 0; i < card->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);
      Unit *unit = NULL;

      if (is_frame_property (property))
        continue;

      if (property->group != NULL)
        {
          g_autofree char *group = g_ascii_strup (property->group, -1);

          unit = g_hash_table_lookup (groups, group);
          if (unit == NULL)
            {
              unit = g_new0 (Unit, 1);
              unit->properties = g_ptr_array_new ();
              g_ptr_array_add (split->units, unit);
              g_hash_table_insert (groups, g_steal_pointer (&group), unit);
            }
        }
      else
        {
          unit = g_new0 (Unit, 1);
          unit->properties = g_ptr_array_new ();
          g_ptr_array_add (split->units, unit);
        }

      g_ptr_array_add (unit->properties, property);
      g_hash_table_insert (split->by_property, property, unit);
    }

  for (guint i = 0; i < split->units->len; i++)
    {
      Unit *unit = g_ptr_array_index (split->units, i);
      GPtrArray *field_units;

      unit_finish (unit);
      field_units = g_hash_table_lookup (split->fields, unit->field);
      if (field_units == NULL)
        {
          field_units = g_ptr_array_new ();
          g_hash_table_insert (split->fields, unit->field, field_units);
          g_ptr_array_add (split->order, unit->field);
        }
      g_ptr_array_add (field_units, unit);
    }

  return split;
}

static GPtrArray *
split_get_field (Split      *split,
                 const char *field)
{
  GPtrArray *units = g_hash_table_lookup (split->fields, field);

  if (units == NULL)
    {
      /* An empty array owned by the split, so callers need no NULL checks. */
      units = g_ptr_array_new ();
      g_hash_table_insert (split->fields, (gpointer) g_intern_string (field), units);
    }

  return units;
}

/* Whether two lists of units hold the same keys, as multisets. */
static gboolean
same_keys (GPtrArray *a,
           GPtrArray *b)
{
  g_autoptr(GPtrArray) keys_a = NULL;
  g_autoptr(GPtrArray) keys_b = NULL;

  if (a->len != b->len)
    return FALSE;

  keys_a = g_ptr_array_new ();
  keys_b = g_ptr_array_new ();
  for (guint i = 0; i < a->len; i++)
    {
      g_ptr_array_add (keys_a, ((Unit *) g_ptr_array_index (a, i))->key);
      g_ptr_array_add (keys_b, ((Unit *) g_ptr_array_index (b, i))->key);
    }
  g_ptr_array_sort (keys_a, compare_strings);
  g_ptr_array_sort (keys_b, compare_strings);

  for (guint i = 0; i < keys_a->len; i++)
    if (strcmp (g_ptr_array_index (keys_a, i), g_ptr_array_index (keys_b, i)) != 0)
      return FALSE;

  return TRUE;
}

static gboolean
has_key (GPtrArray  *units,
         const char *key)
{
  for (guint i = 0; i < units->len; i++)
    if (strcmp (((Unit *) g_ptr_array_index (units, i))->key, key) == 0)
      return TRUE;

  return FALSE;
}

/* Groups ------------------------------------------------------------------------- */

/* Upper-case group names the result uses already. */
static gboolean
group_taken (GHashTable *taken,
             const char *group)
{
  g_autofree char *upper = g_ascii_strup (group, -1);

  return g_hash_table_contains (taken, upper);
}

static void
take_group (GHashTable *taken,
            const char *group)
{
  g_hash_table_add (taken, g_ascii_strup (group, -1));
}

/* Appends copies of the unit's properties to card at index position (-1:
 * at the end), under a new group name when its own is taken. Returns how
 * many were added. */
static guint
insert_unit (ReseauVCard *card,
             GPtrArray   *properties,
             GHashTable  *taken,
             gboolean     renumber,
             int          position)
{
  const ReseauVCardProperty *first = g_ptr_array_index (properties, 0);
  g_autofree char *group = NULL;

  if (first->group != NULL)
    {
      if (renumber && group_taken (taken, first->group))
        {
          for (guint n = 1; group == NULL; n++)
            {
              g_autofree char *candidate = g_strdup_printf ("item%u", n);

              if (!group_taken (taken, candidate))
                group = g_steal_pointer (&candidate);
            }
        }
      else
        {
          group = g_strdup (first->group);
        }
      take_group (taken, group);
    }

  for (guint i = 0; i < properties->len; i++)
    {
      ReseauVCardProperty *copy = reseau_vcard_property_copy (g_ptr_array_index (properties, i));

      if (group != NULL)
        {
          g_free (copy->group);
          copy->group = g_strdup (group);
        }
      if (position < 0)
        g_ptr_array_add (card->properties, copy);
      else
        g_ptr_array_insert (card->properties, position + (int) i, copy);
    }

  return properties->len;
}

/* Describing values for people ------------------------------------------------------ */

static char *
join_non_empty (char       **parts,
                const int   *order,
                guint        n_order,
                const char  *separator)
{
  GString *out = g_string_new (NULL);
  guint n_parts = g_strv_length (parts);

  for (guint i = 0; i < n_order; i++)
    {
      const char *part;

      if ((guint) order[i] >= n_parts)
        continue;
      part = parts[order[i]];
      if (part[0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, part);
    }

  return g_string_free (out, FALSE);
}

static char *
describe_property (const ReseauVCardProperty *property)
{
  if (strcmp (property->name, "N") == 0)
    {
      /* family;given;additional;prefix;suffix, said in reading order */
      static const int order[] = { 3, 1, 2, 0, 4 };
      g_auto(GStrv) parts = reseau_vcard_property_get_components (property);

      return join_non_empty (parts, order, G_N_ELEMENTS (order), " ");
    }

  if (strcmp (property->name, "ORG") == 0 || strcmp (property->name, "ADR") == 0)
    {
      static const int order[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
      g_auto(GStrv) parts = reseau_vcard_property_get_components (property);

      return join_non_empty (parts, order, G_N_ELEMENTS (order), ", ");
    }

  if (strcmp (property->name, "NICKNAME") == 0 || strcmp (property->name, "CATEGORIES") == 0)
    {
      g_auto(GStrv) items = reseau_vcard_property_get_list (property);

      return g_strjoinv (", ", items);
    }

  if (strcmp (property->name, "PHOTO") == 0 || strcmp (property->name, "LOGO") == 0
      || strcmp (property->name, "SOUND") == 0 || strcmp (property->name, "KEY") == 0)
    {
      g_autoptr(GBytes) data = reseau_vcard_property_decode_inline (property, NULL);

      if (data != NULL)
        {
          g_autofree char *size = g_format_size (g_bytes_get_size (data));

          /* TRANSLATORS: a picture or other file kept inside a contact,
           * with its size ("12.3 kB") */
          return g_strdup_printf (_("Embedded file (%s)"), size);
        }
    }

  return reseau_vcard_property_get_text (property);
}

static char *
describe_units (GPtrArray *units)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < units->len; i++)
    {
      const Unit *unit = g_ptr_array_index (units, i);
      g_autofree char *text = describe_property (unit_main_property (unit));

      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, text);
    }

  return g_string_free (out, FALSE);
}

/* The units' properties as vCard lines, without the card's frame. */
static char *
units_to_lines (GPtrArray          *units,
                ReseauVCardVersion  version)
{
  g_autoptr(ReseauVCard) card = reseau_vcard_new ();
  g_autofree char *text = NULL;
  const char *start;
  gsize length;

  if (units->len == 0)
    return g_strdup ("");

  for (guint i = 0; i < units->len; i++)
    {
      const Unit *unit = g_ptr_array_index (units, i);

      for (guint j = 0; j < unit->properties->len; j++)
        reseau_vcard_append (card, reseau_vcard_property_copy (g_ptr_array_index (unit->properties, j)));
    }

  text = reseau_vcard_to_string (card, version);

  /* The writer always starts with BEGIN and VERSION lines and ends with
   * END:VCARD. */
  start = strstr (text, "\r\n") + 2;
  start = strstr (start, "\r\n") + 2;
  length = strlen (start) - strlen ("END:VCARD\r\n");

  return g_strndup (start, length);
}

/* Deciding a field ------------------------------------------------------------------ */

typedef enum
{
  TAKE_SERVER,
  TAKE_LOCAL,
  TAKE_MERGED,
} Decision;

/* What one field contributes to the result. */
typedef struct
{
  /* Borrowed units, each with whether it came from the local card. */
  GPtrArray           *units;
  GArray              *from_local;
  /* A property made by the merge (merged CATEGORIES), or NULL. */
  ReseauVCardProperty *made;
  gboolean             emitted;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_ptr_array_unref (outcome->units);
  g_array_unref (outcome->from_local);
  g_clear_pointer (&outcome->made, reseau_vcard_property_free);
  g_free (outcome);
}

static Outcome *
outcome_new (void)
{
  Outcome *outcome = g_new0 (Outcome, 1);

  outcome->units = g_ptr_array_new ();
  outcome->from_local = g_array_new (FALSE, FALSE, sizeof (gboolean));

  return outcome;
}

static void
outcome_add (Outcome  *outcome,
             Unit     *unit,
             gboolean  from_local)
{
  g_ptr_array_add (outcome->units, unit);
  g_array_append_val (outcome->from_local, from_local);
}

static void
outcome_add_all (Outcome   *outcome,
                 GPtrArray *units,
                 gboolean   from_local)
{
  for (guint i = 0; i < units->len; i++)
    outcome_add (outcome, g_ptr_array_index (units, i), from_local);
}

/* The set merge: the server's units but those the local side removed, then
 * the units the local side added that the server has not. With no base,
 * nothing was removed and this is the union. */
static void
outcome_add_merged (Outcome   *outcome,
                    GPtrArray *base,
                    GPtrArray *local,
                    GPtrArray *server)
{
  g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < server->len; i++)
    {
      Unit *unit = g_ptr_array_index (server, i);

      if (has_key (base, unit->key) && !has_key (local, unit->key))
        continue;
      outcome_add (outcome, unit, FALSE);
    }

  for (guint i = 0; i < local->len; i++)
    {
      Unit *unit = g_ptr_array_index (local, i);

      if (has_key (base, unit->key) || has_key (server, unit->key)
          || g_hash_table_contains (added, unit->key))
        continue;
      g_hash_table_add (added, unit->key);
      outcome_add (outcome, unit, TRUE);
    }
}

static Decision
decide (gboolean   have_base,
        GPtrArray *base,
        GPtrArray *local,
        GPtrArray *server)
{
  if (same_keys (local, server))
    return TAKE_SERVER;

  if (have_base)
    {
      if (same_keys (local, base))
        return TAKE_SERVER;
      if (same_keys (server, base))
        return TAKE_LOCAL;
    }
  else
    {
      /* Meeting for the first time, a side without the field has nothing
       * to say about it. */
      if (local->len == 0)
        return TAKE_SERVER;
      if (server->len == 0)
        return TAKE_LOCAL;
    }

  return TAKE_MERGED;
}

/* CATEGORIES --------------------------------------------------------------------- */

/* The items of every CATEGORIES unit, in order, without repeats (tags
 * compare without case, as the app's tags do). */
static GPtrArray *
category_items (GPtrArray *units)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < units->len; i++)
    {
      const Unit *unit = g_ptr_array_index (units, i);
      g_auto(GStrv) list = reseau_vcard_property_get_list (unit_main_property (unit));

      for (guint j = 0; list[j] != NULL; j++)
        {
          char *folded = g_utf8_casefold (list[j], -1);

          if (g_hash_table_contains (seen, folded))
            {
              g_free (folded);
              continue;
            }
          g_hash_table_add (seen, folded);
          g_ptr_array_add (items, g_strdup (list[j]));
        }
    }

  return items;
}

static gboolean
has_item (GPtrArray  *items,
          const char *item)
{
  g_autofree char *folded = g_utf8_casefold (item, -1);

  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (items, i), -1);

      if (strcmp (folded, other) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
same_items (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!has_item (b, g_ptr_array_index (a, i)))
      return FALSE;

  return TRUE;
}

static Outcome *
merge_categories (gboolean   have_base,
                  GPtrArray *base,
                  GPtrArray *local,
                  GPtrArray *server)
{
  g_autoptr(GPtrArray) base_items = category_items (base);
  g_autoptr(GPtrArray) local_items = category_items (local);
  g_autoptr(GPtrArray) server_items = category_items (server);
  g_autoptr(GPtrArray) merged = g_ptr_array_new ();
  Outcome *outcome = outcome_new ();
  const Unit *template;

  if (same_items (local_items, server_items)
      || (have_base && same_items (local_items, base_items))
      || (!have_base && local->len == 0))
    {
      outcome_add_all (outcome, server, FALSE);
      return outcome;
    }
  if ((have_base && same_items (server_items, base_items))
      || (!have_base && server->len == 0))
    {
      outcome_add_all (outcome, local, TRUE);
      return outcome;
    }

  for (guint i = 0; i < server_items->len; i++)
    {
      const char *item = g_ptr_array_index (server_items, i);

      if (has_item (base_items, item) && !has_item (local_items, item))
        continue;
      g_ptr_array_add (merged, (gpointer) item);
    }
  for (guint i = 0; i < local_items->len; i++)
    {
      const char *item = g_ptr_array_index (local_items, i);

      if (!has_item (base_items, item) && !has_item (merged, item))
        g_ptr_array_add (merged, (gpointer) item);
    }

  if (same_items (merged, server_items))
    {
      outcome_add_all (outcome, server, FALSE);
      return outcome;
    }
  if (merged->len == 0)
    return outcome;

  /* One property carries the merged list, with the parameters of the one
   * it replaces. */
  template = g_ptr_array_index (server->len > 0 ? server : local, 0);
  outcome->made = reseau_vcard_property_copy (unit_main_property (template));
  g_clear_pointer (&outcome->made->group, g_free);
  g_ptr_array_add (merged, NULL);
  reseau_vcard_property_set_list (outcome->made, (const char * const *) merged->pdata);

  return outcome;
}

/* Public API ---------------------------------------------------------------------- */

char *
reseau_vcard_normalized_hash (const ReseauVCard *card)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GChecksum) checksum = NULL;

  g_return_val_if_fail (card != NULL, NULL);

  keys = reseau_vcard_normalise_card (card);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      /* The terminating NUL separates keys, so that no two lists of keys
       * hash alike by joining differently. */
      g_checksum_update (checksum, (const guchar *) key, strlen (key) + 1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static ReseauConflict *
make_conflict (const char         *field,
               GPtrArray          *local,
               GPtrArray          *server,
               ReseauVCardVersion  version)
{
  ReseauConflict *conflict = g_new0 (ReseauConflict, 1);

  conflict->property = g_strdup (field);
  /* A field the local side removed is restored by removing it again: the
   * empty local_lines of reseau_vcard_restore_field(). */
  conflict->local_value = describe_units (local);
  conflict->server_value = server->len > 0 ? describe_units (server) : NULL;
  conflict->local_lines = units_to_lines (local, version);
  conflict->created_at = g_get_real_time () / G_USEC_PER_SEC;

  return conflict;
}

static void
emit_outcome (ReseauVCard *result,
              Outcome     *outcome,
              GHashTable  *taken)
{
  if (outcome->emitted)
    return;
  outcome->emitted = TRUE;

  for (guint i = 0; i < outcome->units->len; i++)
    {
      Unit *unit = g_ptr_array_index (outcome->units, i);

      insert_unit (result, unit->properties, taken,
                   g_array_index (outcome->from_local, gboolean, i), -1);
    }
  if (outcome->made != NULL)
    reseau_vcard_append (result, reseau_vcard_property_copy (outcome->made));
}

ReseauVCard *
reseau_vcard_merge3 (const ReseauVCard *base,
                     const ReseauVCard *local,
                     const ReseauVCard *server,
                     GPtrArray         *conflicts)
{
  g_autoptr(Split) base_split = NULL;
  g_autoptr(Split) local_split = NULL;
  g_autoptr(Split) server_split = NULL;
  g_autoptr(GHashTable) outcomes = NULL;
  g_autoptr(GHashTable) taken = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  ReseauVCardVersion lines_version;
  ReseauVCard *result;

  g_return_val_if_fail (local != NULL, NULL);
  g_return_val_if_fail (server != NULL, NULL);

  base_split = split_card (base);
  local_split = split_card (local);
  server_split = split_card (server);
  outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) outcome_free);
  taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  lines_version = local->version == RESEAU_VCARD_VERSION_4_0 ? RESEAU_VCARD_VERSION_4_0
                                                             : RESEAU_VCARD_VERSION_3_0;

  /* The fields either side has, the server's first. */
  fields = g_ptr_array_new ();
  for (guint i = 0; i < server_split->order->len; i++)
    g_ptr_array_add (fields, g_ptr_array_index (server_split->order, i));
  for (guint i = 0; i < local_split->order->len; i++)
    {
      const char *field = g_ptr_array_index (local_split->order, i);

      if (!g_hash_table_contains (server_split->fields, field))
        g_ptr_array_add (fields, (gpointer) field);
    }

  for (guint i = 0; i < fields->len; i++)
    {
      const char *field = g_ptr_array_index (fields, i);
      GPtrArray *base_units = split_get_field (base_split, field);
      GPtrArray *local_units = split_get_field (local_split, field);
      GPtrArray *server_units = split_get_field (server_split, field);
      Outcome *outcome;

      if (strcmp (field, "CATEGORIES") == 0)
        {
          g_hash_table_insert (outcomes, (gpointer) field,
                               merge_categories (base != NULL, base_units, local_units, server_units));
          continue;
        }

      outcome = outcome_new ();
      switch (decide (base != NULL, base_units, local_units, server_units))
        {
        case TAKE_SERVER:
          outcome_add_all (outcome, server_units, FALSE);
          break;

        case TAKE_LOCAL:
          outcome_add_all (outcome, local_units, TRUE);
          break;

        case TAKE_MERGED:
        default:
          if (is_single_valued (field))
            {
              /* The server's value wins; the local one is set aside where
               * the user can see and restore it. */
              outcome_add_all (outcome, server_units, FALSE);
              if (conflicts != NULL)
                g_ptr_array_add (conflicts,
                                 make_conflict (field, local_units, server_units, lines_version));
            }
          else
            {
              outcome_add_merged (outcome, base_units, local_units, server_units);
            }
          break;
        }
      g_hash_table_insert (outcomes, (gpointer) field, outcome);
    }

  /* The server's groups keep their names; local ones move aside. */
  for (guint i = 0; i < fields->len; i++)
    {
      Outcome *outcome = g_hash_table_lookup (outcomes, g_ptr_array_index (fields, i));

      for (guint j = 0; j < outcome->units->len; j++)
        {
          const char *group = unit_group (g_ptr_array_index (outcome->units, j));

          if (group != NULL && !g_array_index (outcome->from_local, gboolean, j))
            take_group (taken, group);
        }
    }

  result = reseau_vcard_new ();
  result->version = server->version;
  g_ptr_array_set_size (result->properties, 0);

  for (guint i = 0; i < server->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (server->properties, i);
      Unit *unit;

      if (is_frame_property (property))
        {
          reseau_vcard_append (result, reseau_vcard_property_copy (property));
          continue;
        }

      unit = g_hash_table_lookup (server_split->by_property, property);
      emit_outcome (result, g_hash_table_lookup (outcomes, unit->field), taken);
    }

  for (guint i = 0; i < fields->len; i++)
    emit_outcome (result, g_hash_table_lookup (outcomes, g_ptr_array_index (fields, i)), taken);

  /* A card without UID cannot be synced; the local one is the same person. */
  if (reseau_vcard_get (result, "UID") == NULL && reseau_vcard_get (local, "UID") != NULL)
    g_ptr_array_insert (result->properties, 0,
                        reseau_vcard_property_copy (reseau_vcard_get (local, "UID")));

  return result;
}

/* Whether lines hold a line that would end or start a card. */
static gboolean
has_frame_line (const char *lines)
{
  g_auto(GStrv) split = g_strsplit (lines, "\n", -1);

  for (guint i = 0; split[i] != NULL; i++)
    {
      const char *line = split[i];

      if (g_ascii_strncasecmp (line, "BEGIN:", 6) == 0
          || g_ascii_strncasecmp (line, "END:", 4) == 0
          || g_ascii_strncasecmp (line, "VERSION:", 8) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
reseau_vcard_restore_field (ReseauVCard  *card,
                            const char   *name,
                            const char   *lines,
                            GError      **error)
{
  g_autoptr(ReseauVCard) restored = NULL;
  g_autoptr(Split) restored_split = NULL;
  g_autoptr(Split) card_split = NULL;
  g_autoptr(GHashTable) taken = NULL;
  g_autofree char *field = NULL;
  int position = -1;
  guint kept = 0;

  g_return_val_if_fail (card != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (lines != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  field = g_ascii_strup (name, -1);

  if (lines[0] != '\0')
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(ReseauVCardReader) reader = NULL;
      GString *text;

      if (has_frame_line (lines))
        {
          g_set_error (error, RESEAU_VCARD_ERROR, RESEAU_VCARD_ERROR_MALFORMED,
                       _("The saved value of %s holds a whole card instead of the field alone."),
                       field);
          return FALSE;
        }

      text = g_string_new ("BEGIN:VCARD\r\nVERSION:");
      g_string_append (text, card->version == RESEAU_VCARD_VERSION_4_0 ? "4.0\r\n" : "3.0\r\n");
      g_string_append (text, lines);
      if (!g_str_has_suffix (lines, "\n"))
        g_string_append (text, "\r\n");
      g_string_append (text, "END:VCARD\r\n");
      bytes = g_string_free_to_bytes (text);

      reader = reseau_vcard_reader_new (bytes);
      restored = reseau_vcard_reader_next (reader);
      if (restored == NULL || reseau_vcard_reader_get_problems (reader)->len > 0)
        {
          g_set_error (error, RESEAU_VCARD_ERROR, RESEAU_VCARD_ERROR_MALFORMED,
                       _("The saved value of %s cannot be read."), field);
          return FALSE;
        }

      /* Restoring one field must not smuggle in others. */
      restored_split = split_card (restored);
      for (guint i = 0; i < restored->properties->len; i++)
        {
          const ReseauVCardProperty *property = g_ptr_array_index (restored->properties, i);
          const Unit *unit = g_hash_table_lookup (restored_split->by_property, property);

          if (unit == NULL || strcmp (unit->field, field) != 0)
            {
              g_set_error (error, RESEAU_VCARD_ERROR, RESEAU_VCARD_ERROR_MALFORMED,
                           _("The saved value of %s holds other fields too."), field);
              return FALSE;
            }
        }
    }

  /* Out with the field's current units, remembering where the first was so
   * that the restored value takes its place. */
  card_split = split_card (card);
  for (guint i = 0; i < card->properties->len; i++)
    {
      ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);
      const Unit *unit = g_hash_table_lookup (card_split->by_property, property);

      if (unit != NULL && strcmp (unit->field, field) == 0)
        {
          if (position < 0)
            position = kept;
          g_hash_table_remove (card_split->by_property, property);
          reseau_vcard_property_free (property);
        }
      else
        {
          card->properties->pdata[kept++] = property;
        }
    }
  card->properties->len = kept;

  if (restored == NULL)
    return TRUE;

  taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < card->properties->len; i++)
    {
      const ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);

      if (property->group != NULL)
        take_group (taken, property->group);
    }

  for (guint i = 0; i < restored_split->units->len; i++)
    {
      Unit *unit = g_ptr_array_index (restored_split->units, i);
      guint added = insert_unit (card, unit->properties, taken, TRUE, position);

      if (position >= 0)
        position += added;
    }

  return TRUE;
}

ReseauContact *
reseau_contact_with_card (ReseauContact     *local,
                          const ReseauVCard *card)
{
  ReseauContact *contact;

  g_return_val_if_fail (RESEAU_IS_CONTACT (local), NULL);
  g_return_val_if_fail (card != NULL, NULL);

  contact = reseau_contact_new_from_vcard (card);

  reseau_contact_set_id (contact, reseau_contact_get_id (local));
  reseau_contact_set_uid (contact, reseau_contact_get_uid (local));
  reseau_contact_set_created_at (contact, reseau_contact_get_created_at (local));
  reseau_contact_set_updated_at (contact, reseau_contact_get_updated_at (local));
  reseau_contact_set_revision (contact, reseau_contact_get_revision (local));

  /* The server never sees these (they are not in the stored card), so the
   * card has nothing to say about them. */
  reseau_contact_set_how_met (contact, reseau_contact_get_how_met (local));
  reseau_contact_set_met_on (contact, reseau_contact_get_met_on (local));
  reseau_contact_set_introduced_by (contact, reseau_contact_get_introduced_by (local));
  reseau_contact_set_cadence_days (contact, reseau_contact_get_cadence_days (local));

  return contact;
}
