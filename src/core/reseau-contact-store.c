/* reseau-contact-store.c — the contact list as a GListModel
 *
 *   database ── list_summaries ──▶ all:       every live contact, sorted by
 *                                             sort key (compact summaries)
 *            ── list_strengths ──▶ strengths: a byte per row of all (only
 *                                             when sorted by strength)
 *                                  order:     positions in all, strongest
 *                                             first, ties in the order of all
 *            ── search (FTS5) ────▶ matches:  ids of the contacts that match
 *                                             the query, in no order
 *   (all, strengths, order) = a Listing, shared with the searches in flight
 *   matches, kept in the listing's order ──▶ visible: positions in all
 *   each shown row ── made on demand ──▶ ReseauContactItem (only for rows
 *                                        the list view asks for)
 *
 * Without a query, visible is NULL and the model shows the whole listing,
 * in its order. Changes are announced with the smallest items-changed that
 * covers them, so that a reload after one edit leaves the rest of the
 * list, its scroll position and its selection alone. Switching the sort
 * changes every row's heading: that is one replace-all.
 *
 * Sorting by strength makes no object per contact: strengths are read as
 * one array (a small table, no interaction is read), matched to rows by
 * id, and ordered with a counting sort over the 101 possible scores, which
 * keeps the name order among equals for free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "reseau-contact-item.h"
#include "reseau-contact-store.h"
#include "reseau-database-relations.h"
#include "reseau-strength.h"
#include "reseau-text.h"

/* The bands that head the list sorted by strength (see the header). */
#define STRONG_THRESHOLD 60

typedef enum
{
  BAND_NONE = -1,   /* sorted by name: no band */
  BAND_STRONG,
  BAND_STEADY,
  BAND_FADING,
  BAND_NO_RECENT,
} Band;

typedef struct
{
  GPtrArray *all;        /* ReseauContactSummary*, sorted by sort key */
  guint8    *strengths;  /* per position in all; NULL when sorted by name */
  GArray    *order;      /* guint positions in all, strongest first; NULL by name */
} Listing;

struct _ReseauContactStore
{
  GObject         parent_instance;

  /* Owned */
  ReseauDatabase *database;
  Listing        *listing;
  GArray         *visible;   /* guint positions in all; NULL = the whole listing */
  char           *query;
  GPtrArray      *pending_all; /* read, waiting for its strengths */
  GDate           today;       /* not valid: the local date at each read */

  GCancellable   *reload_cancellable;
  GCancellable   *search_cancellable;
  /* Answers to an older reload or query are dropped. */
  guint           reload_serial;
  guint           search_serial;
  gboolean        reloading;   /* summaries or strengths under way */
  gboolean        searching;
  gboolean        was_loading;
  gboolean        by_strength;
};

enum {
  PROP_0,
  PROP_QUERY,
  PROP_LOADING,
  PROP_N_TOTAL,
  PROP_SORT_BY_STRENGTH,
  N_PROPS
};

enum {
  SETTLED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ReseauContactStore, reseau_contact_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Listings ---------------------------------------------------------------- */

static void
listing_clear (Listing *listing)
{
  g_clear_pointer (&listing->all, g_ptr_array_unref);
  g_clear_pointer (&listing->strengths, g_free);
  g_clear_pointer (&listing->order, g_array_unref);
}

static Listing *
listing_ref (Listing *listing)
{
  return g_rc_box_acquire (listing);
}

static void
listing_unref (Listing *listing)
{
  g_rc_box_release_full (listing, (GDestroyNotify) listing_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Listing, listing_unref)

static int
compare_strength_ids (gconstpointer a,
                      gconstpointer b)
{
  gint64 id_a = ((const ReseauContactStrength *) a)->contact_id;
  gint64 id_b = ((const ReseauContactStrength *) b)->contact_id;

  return (id_a > id_b) - (id_a < id_b);
}

/* Each row's strength, looked up by id: a table indexed by id when ids are
 * dense (SQLite hands them out from 1), else a binary search in strengths
 * sorted by id (a database edited by hand). */
static void
match_strengths (GPtrArray *all,
                 GArray    *strengths,
                 guint8    *row_strengths)
{
  gint64 max_id = 0;

  for (guint i = 0; i < all->len; i++)
    max_id = MAX (max_id, ((ReseauContactSummary *) g_ptr_array_index (all, i))->id);

  if (max_id <= 8 * (gint64) all->len + 65536)
    {
      g_autofree guint8 *by_id = g_malloc0 (max_id + 1);

      for (guint i = 0; i < strengths->len; i++)
        {
          const ReseauContactStrength *strength = &g_array_index (strengths, ReseauContactStrength, i);

          /* Contacts in the trash may be among them, past the last row. */
          if (strength->contact_id > 0 && strength->contact_id <= max_id)
            by_id[strength->contact_id] = MIN (strength->strength, 100);
        }

      for (guint i = 0; i < all->len; i++)
        {
          gint64 id = ((ReseauContactSummary *) g_ptr_array_index (all, i))->id;

          row_strengths[i] = id > 0 ? by_id[id] : 0;
        }
      return;
    }

  g_array_sort (strengths, compare_strength_ids);
  for (guint i = 0; i < all->len; i++)
    {
      gint64 id = ((ReseauContactSummary *) g_ptr_array_index (all, i))->id;
      guint low = 0, high = strengths->len;

      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (g_array_index (strengths, ReseauContactStrength, middle).contact_id < id)
            low = middle + 1;
          else
            high = middle;
        }

      row_strengths[i] = 0;
      if (low < strengths->len && g_array_index (strengths, ReseauContactStrength, low).contact_id == id)
        row_strengths[i] = MIN (g_array_index (strengths, ReseauContactStrength, low).strength, 100);
    }
}

/* strengths NULL: sorted by name. Otherwise strengths is as the database
 * gives it, in no order (it may be sorted here). */
static Listing *
listing_new (GPtrArray *all,
             GArray    *strengths)
{
  Listing *listing = g_rc_box_new0 (Listing);
  guint starts[101] = { 0 };
  guint n = all->len;

  listing->all = g_ptr_array_ref (all);
  if (strengths == NULL)
    return listing;

  listing->strengths = g_malloc0 (MAX (n, 1));
  match_strengths (all, strengths, listing->strengths);
  for (guint i = 0; i < n; i++)
    starts[listing->strengths[i]]++;

  /* Counting sort, strongest first: turn counts into where each score
   * starts, then place the rows in the order of all. */
  for (guint score = 101, next = 0; score-- > 0;)
    {
      guint count = starts[score];

      starts[score] = next;
      next += count;
    }

  listing->order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_array_set_size (listing->order, n);
  for (guint i = 0; i < n; i++)
    g_array_index (listing->order, guint, starts[listing->strengths[i]]++) = i;

  return listing;
}

/* Position in all of the row shown at position. */
static guint
row_index (Listing *listing,
           GArray  *visible,
           guint    position)
{
  if (visible != NULL)
    return g_array_index (visible, guint, position);
  if (listing->order != NULL)
    return g_array_index (listing->order, guint, position);
  return position;
}

static Band
band_for_strength (guint strength)
{
  if (strength >= STRONG_THRESHOLD)
    return BAND_STRONG;
  if (strength >= RESEAU_STRENGTH_COOLING_THRESHOLD)
    return BAND_STEADY;
  if (strength > 0)
    return BAND_FADING;
  return BAND_NO_RECENT;
}

static Band
band_of (Listing *listing,
         guint    index)
{
  if (listing->strengths == NULL)
    return BAND_NONE;

  return band_for_strength (listing->strengths[index]);
}

static const char *
band_title (Band band)
{
  /* gettext hands out strings that live as long as the process, as
   * ReseauContactItem needs for its section. */
  switch (band)
    {
    case BAND_STRONG:
      return C_("relationship strength", "Strong");
    case BAND_STEADY:
      return C_("relationship strength", "Steady");
    case BAND_FADING:
      return C_("relationship strength", "Fading");
    case BAND_NO_RECENT:
      return _("No recent interactions");
    case BAND_NONE:
    default:
      break;
    }

  g_return_val_if_reached ("");
}

/* The heading of a row: its initial by name, its band by strength. */
static const char *
section_of (Listing *listing,
            guint    index)
{
  Band band = band_of (listing, index);
  ReseauContactSummary *summary;

  if (band != BAND_NONE)
    return band_title (band);

  summary = g_ptr_array_index (listing->all, index);
  return reseau_text_section_for_key (summary->sort_key);
}

/* GListModel -------------------------------------------------------------- */

static guint
n_visible (ReseauContactStore *self)
{
  return self->visible ? self->visible->len : self->listing->all->len;
}

static ReseauContactSummary *
visible_summary (ReseauContactStore *self,
                 guint               position)
{
  return g_ptr_array_index (self->listing->all, row_index (self->listing, self->visible, position));
}

static GType
reseau_contact_store_get_item_type (GListModel *model)
{
  return RESEAU_TYPE_CONTACT_ITEM;
}

static guint
reseau_contact_store_get_n_items (GListModel *model)
{
  return n_visible (RESEAU_CONTACT_STORE (model));
}

static gpointer
reseau_contact_store_get_item (GListModel *model,
                               guint       position)
{
  ReseauContactStore *self = RESEAU_CONTACT_STORE (model);
  ReseauContactSummary *summary;
  const char *section;
  gboolean section_start = TRUE;
  guint index;

  if (position >= n_visible (self))
    return NULL;

  index = row_index (self->listing, self->visible, position);
  summary = g_ptr_array_index (self->listing->all, index);
  section = section_of (self->listing, index);
  if (position > 0)
    {
      guint previous = row_index (self->listing, self->visible, position - 1);

      section_start = strcmp (section, section_of (self->listing, previous)) != 0;
    }

  return reseau_contact_item_new (summary->id, summary->uid, summary->display_name,
                                  summary->subtitle, section, section_start, summary->kind);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = reseau_contact_store_get_item_type;
  iface->get_n_items = reseau_contact_store_get_n_items;
  iface->get_item = reseau_contact_store_get_item;
}

/* Updating ---------------------------------------------------------------- */

/* Whether the row at position a of one list shows the same as the row at
 * position b of another: the same contact, text and band. */
static gboolean
same_row (Listing *listing_a,
          GArray  *visible_a,
          guint    position_a,
          Listing *listing_b,
          GArray  *visible_b,
          guint    position_b)
{
  guint index_a = row_index (listing_a, visible_a, position_a);
  guint index_b = row_index (listing_b, visible_b, position_b);
  const ReseauContactSummary *a = g_ptr_array_index (listing_a->all, index_a);
  const ReseauContactSummary *b = g_ptr_array_index (listing_b->all, index_b);

  /* The same summary when only the strengths were read again. */
  if (a == b)
    return band_of (listing_a, index_a) == band_of (listing_b, index_b);

  return a->id == b->id && a->kind == b->kind &&
         g_strcmp0 (a->display_name, b->display_name) == 0 &&
         g_strcmp0 (a->subtitle, b->subtitle) == 0 &&
         g_strcmp0 (a->sort_key, b->sort_key) == 0 &&
         band_of (listing_a, index_a) == band_of (listing_b, index_b);
}

/* Installs a new list and announces only the span that differs: the rows
 * before and after it are the same rows, in the same places. */
static void
replace_rows (ReseauContactStore *self,
              Listing            *new_listing,
              GArray             *new_visible)
{
  g_autoptr(Listing) old_listing = self->listing;
  g_autoptr(GArray) old_visible = self->visible;
  guint old_n = old_visible ? old_visible->len : old_listing->all->len;
  guint new_n = new_visible ? new_visible->len : new_listing->all->len;
  guint prefix = 0, suffix = 0;
  guint removed, added;

  while (prefix < old_n && prefix < new_n &&
         same_row (old_listing, old_visible, prefix, new_listing, new_visible, prefix))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         same_row (old_listing, old_visible, old_n - 1 - suffix,
                   new_listing, new_visible, new_n - 1 - suffix))
    suffix++;

  self->listing = listing_ref (new_listing);
  self->visible = new_visible ? g_array_ref (new_visible) : NULL;

  removed = old_n - prefix - suffix;
  added = new_n - prefix - suffix;
  if (removed == 0 && added == 0)
    return;

  /* The row after a change may start or stop heading its section. */
  if (suffix > 0)
    {
      removed++;
      added++;
    }

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
}

/* Positions in all of the contacts whose id is in matches, in the order
 * of the listing. This runs on every keystroke over up to every contact,
 * so membership is a bit per row id: SQLite hands out ids densely from 1.
 * A database whose ids are far sparser than its rows (edited by hand)
 * takes the slower hash. */
static GArray *
filter_by_ids (Listing *listing,
               GArray  *matches)
{
  GPtrArray *all = listing->all;
  GArray *visible = g_array_sized_new (FALSE, FALSE, sizeof (guint), matches->len);
  gint64 max_id = 0;

  for (guint i = 0; i < all->len; i++)
    max_id = MAX (max_id, ((ReseauContactSummary *) g_ptr_array_index (all, i))->id);

  if (max_id <= 8 * (gint64) all->len + 65536)
    {
      g_autofree guint8 *wanted = g_malloc0 (max_id / 8 + 1);

      for (guint i = 0; i < matches->len; i++)
        {
          gint64 id = g_array_index (matches, gint64, i);

          if (id > 0 && id <= max_id)
            wanted[id / 8] |= 1 << (id % 8);
        }

      for (guint k = 0; k < all->len; k++)
        {
          guint i = row_index (listing, NULL, k);
          gint64 id = ((ReseauContactSummary *) g_ptr_array_index (all, i))->id;

          if (id > 0 && (wanted[id / 8] & (1 << (id % 8))))
            g_array_append_val (visible, i);
        }
    }
  else
    {
      g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint i = 0; i < matches->len; i++)
        g_hash_table_add (wanted, &g_array_index (matches, gint64, i));

      for (guint k = 0; k < all->len; k++)
        {
          guint i = row_index (listing, NULL, k);
          ReseauContactSummary *summary = g_ptr_array_index (all, i);

          if (g_hash_table_contains (wanted, &summary->id))
            g_array_append_val (visible, i);
        }
    }

  return visible;
}

/* Emits "settled" once neither a reload nor a search is under way. */
static void
update_loading (ReseauContactStore *self)
{
  gboolean loading = self->reloading || self->searching;

  if (loading == self->was_loading)
    return;

  self->was_loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (!loading)
    g_signal_emit (self, signals[SETTLED], 0);
}

typedef struct
{
  ReseauContactStore *self;
  Listing            *listing;  /* the list the search runs against */
  guint               serial;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->listing, listing_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchData, search_data_free)

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SearchData) data = user_data;
  ReseauContactStore *self = data->self;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GArray) visible = NULL;
  g_autoptr(GError) error = NULL;

  matches = reseau_database_search_finish (RESEAU_DATABASE (object), result, &error);

  /* Only the answer to the latest query counts. */
  if (data->serial != self->search_serial)
    return;

  self->searching = FALSE;
  if (matches == NULL)
    {
      g_warning ("Search failed: %s", error->message);
      visible = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  else
    visible = filter_by_ids (data->listing, matches);

  replace_rows (self, data->listing, visible);
  update_loading (self);
}

/* Shows listing, filtered by the current query. */
static void
apply_query (ReseauContactStore *self,
             Listing            *listing)
{
  g_autofree char *fts = reseau_text_build_fts_query (self->query);
  SearchData *data;

  self->search_serial++;
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (fts == NULL)
    {
      self->searching = FALSE;
      replace_rows (self, listing, NULL);
      return;
    }

  data = g_new0 (SearchData, 1);
  data->self = g_object_ref (self);
  data->listing = listing_ref (listing);
  data->serial = self->search_serial;
  self->search_cancellable = g_cancellable_new ();
  self->searching = TRUE;

  reseau_database_search_async (self->database, self->query, self->search_cancellable,
                                search_cb, data);
}

/* Ends a reload: all, with strengths when sorted by strength, becomes the
 * list, filtered by the query. */
static void
install (ReseauContactStore *self,
         GPtrArray          *all,
         GArray             *strengths)
{
  g_autoptr(Listing) listing = NULL;
  guint old_total = self->listing->all->len;

  self->reloading = FALSE;
  g_clear_pointer (&self->pending_all, g_ptr_array_unref);

  listing = listing_new (all, strengths);
  apply_query (self, listing);
  if (old_total != all->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);

  update_loading (self);
}

typedef struct
{
  ReseauContactStore *self;
  guint               serial;
} ReloadData;

static void
strengths_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReloadData *data = user_data;
  g_autoptr(ReseauContactStore) self = data->self;
  g_autoptr(GArray) strengths = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  guint serial = data->serial;

  g_free (data);
  strengths = reseau_database_list_strengths_finish (RESEAU_DATABASE (object), result, &error);

  if (serial != self->reload_serial)
    return;

  /* Without strengths the list still shows, everyone in the last band. */
  if (strengths == NULL)
    {
      g_warning ("Could not read the relationship strengths: %s", error->message);
      strengths = g_array_new (FALSE, FALSE, sizeof (ReseauContactStrength));
    }

  g_assert (self->pending_all != NULL);
  all = g_ptr_array_ref (self->pending_all);
  install (self, all, strengths);
}

/* Reads the strengths that go with all (the list being loaded, or the one
 * shown), then installs both. The reload, if any, stays under way. */
static void
read_strengths (ReseauContactStore *self,
                GPtrArray          *all)
{
  ReloadData *data;
  GDate today;

  g_assert (self->by_strength);

  g_ptr_array_ref (all);
  g_clear_pointer (&self->pending_all, g_ptr_array_unref);
  self->pending_all = all;

  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  self->reload_cancellable = g_cancellable_new ();

  if (g_date_valid (&self->today))
    today = self->today;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }

  data = g_new0 (ReloadData, 1);
  data->self = g_object_ref (self);
  data->serial = ++self->reload_serial;
  self->reloading = TRUE;

  reseau_database_list_strengths_async (self->database, &today, self->reload_cancellable,
                                        strengths_cb, data);
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ReloadData *data = user_data;
  g_autoptr(ReseauContactStore) self = data->self;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  guint serial = data->serial;

  g_free (data);
  all = reseau_database_list_summaries_finish (RESEAU_DATABASE (object), result, &error);

  if (serial != self->reload_serial)
    return;

  if (all == NULL)
    {
      self->reloading = FALSE;
      g_warning ("Could not load the contact list: %s", error->message);
      update_loading (self);
      return;
    }

  if (self->by_strength)
    read_strengths (self, all);
  else
    install (self, all, NULL);
}

/* The sort or its day changed: the list is ordered again, after reading
 * the strengths when it needs them. */
static void
resort (ReseauContactStore *self)
{
  gboolean was_loading = self->was_loading;

  /* Summaries on their way: reload_cb sorts them as asked by then. */
  if (self->reloading && self->pending_all == NULL)
    return;

  if (self->by_strength)
    read_strengths (self, self->pending_all ? self->pending_all : self->listing->all);
  else
    {
      g_autoptr(GPtrArray) all = g_ptr_array_ref (self->pending_all ? self->pending_all
                                                                    : self->listing->all);

      /* A strengths read under way is not wanted any more. */
      g_cancellable_cancel (self->reload_cancellable);
      self->reload_serial++;
      install (self, all, NULL);

      /* Done at once (no query to search): settled all the same, as the
       * caller waits for it. */
      if (!was_loading && !self->reloading && !self->searching)
        g_signal_emit (self, signals[SETTLED], 0);
    }

  update_loading (self);
}

/* GObject ----------------------------------------------------------------- */

static void
reseau_contact_store_dispose (GObject *object)
{
  ReseauContactStore *self = (ReseauContactStore *)object;

  g_cancellable_cancel (self->reload_cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->reload_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (reseau_contact_store_parent_class)->dispose (object);
}

static void
reseau_contact_store_finalize (GObject *object)
{
  ReseauContactStore *self = (ReseauContactStore *)object;

  g_clear_pointer (&self->listing, listing_unref);
  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_pointer (&self->pending_all, g_ptr_array_unref);
  g_free (self->query);

  G_OBJECT_CLASS (reseau_contact_store_parent_class)->finalize (object);
}

static void
reseau_contact_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ReseauContactStore *self = RESEAU_CONTACT_STORE (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, reseau_contact_store_get_loading (self));
      break;

    case PROP_N_TOTAL:
      g_value_set_uint (value, reseau_contact_store_get_n_total (self));
      break;

    case PROP_SORT_BY_STRENGTH:
      g_value_set_boolean (value, self->by_strength);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reseau_contact_store_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ReseauContactStore *self = RESEAU_CONTACT_STORE (object);

  switch (prop_id)
    {
    case PROP_QUERY:
      reseau_contact_store_set_query (self, g_value_get_string (value));
      break;

    case PROP_SORT_BY_STRENGTH:
      reseau_contact_store_set_sort_by_strength (self, g_value_get_boolean (value), NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reseau_contact_store_class_init (ReseauContactStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reseau_contact_store_dispose;
  object_class->finalize = reseau_contact_store_finalize;
  object_class->get_property = reseau_contact_store_get_property;
  object_class->set_property = reseau_contact_store_set_property;

  properties [PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_N_TOTAL] =
    g_param_spec_uint ("n-total", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SORT_BY_STRENGTH] =
    g_param_spec_boolean ("sort-by-strength", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [SETTLED] =
    g_signal_new ("settled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
reseau_contact_store_init (ReseauContactStore *self)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_contact_summary_free);

  self->listing = listing_new (all, NULL);
  g_date_clear (&self->today, 1);
}

/* Public API -------------------------------------------------------------- */

ReseauContactStore *
reseau_contact_store_new (ReseauDatabase *database)
{
  ReseauContactStore *self;

  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);

  self = g_object_new (RESEAU_TYPE_CONTACT_STORE, NULL);
  self->database = g_object_ref (database);

  return self;
}

ReseauDatabase *
reseau_contact_store_get_database (ReseauContactStore *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_STORE (self), NULL);
  return self->database;
}

void
reseau_contact_store_reload (ReseauContactStore *self)
{
  ReloadData *data;

  g_return_if_fail (RESEAU_IS_CONTACT_STORE (self));

  g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
  self->reload_cancellable = g_cancellable_new ();
  g_clear_pointer (&self->pending_all, g_ptr_array_unref);

  data = g_new0 (ReloadData, 1);
  data->self = g_object_ref (self);
  data->serial = ++self->reload_serial;
  self->reloading = TRUE;
  update_loading (self);

  reseau_database_list_summaries_async (self->database, self->reload_cancellable,
                                        reload_cb, data);
}

void
reseau_contact_store_reload_strengths (ReseauContactStore *self)
{
  g_return_if_fail (RESEAU_IS_CONTACT_STORE (self));

  if (self->by_strength)
    resort (self);
}

gboolean
reseau_contact_store_get_sort_by_strength (ReseauContactStore *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_STORE (self), FALSE);
  return self->by_strength;
}

void
reseau_contact_store_set_sort_by_strength (ReseauContactStore *self,
                                           gboolean            by_strength,
                                           const GDate        *today)
{
  gboolean same_day;

  g_return_if_fail (RESEAU_IS_CONTACT_STORE (self));
  g_return_if_fail (today == NULL || g_date_valid (today));

  by_strength = !!by_strength;
  if (today == NULL)
    same_day = !g_date_valid (&self->today);
  else
    same_day = g_date_valid (&self->today) && g_date_compare (today, &self->today) == 0;

  if (by_strength == self->by_strength && (!by_strength || same_day))
    return;

  if (today != NULL)
    self->today = *today;
  else
    g_date_clear (&self->today, 1);

  if (by_strength != self->by_strength)
    {
      self->by_strength = by_strength;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_BY_STRENGTH]);
    }

  resort (self);
}

const char *
reseau_contact_store_get_query (ReseauContactStore *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_STORE (self), NULL);
  return self->query;
}

void
reseau_contact_store_set_query (ReseauContactStore *self,
                                const char         *query)
{
  gboolean was_loading;

  g_return_if_fail (RESEAU_IS_CONTACT_STORE (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUERY]);

  /* The current list is filtered now; a reload under way filters its own
   * list again when it lands. An empty query settles at once. */
  was_loading = self->was_loading;
  apply_query (self, self->listing);
  if (!was_loading && !self->reloading && !self->searching)
    g_signal_emit (self, signals[SETTLED], 0);
  update_loading (self);
}

gboolean
reseau_contact_store_get_loading (ReseauContactStore *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_STORE (self), FALSE);
  return self->reloading || self->searching;
}

guint
reseau_contact_store_get_n_total (ReseauContactStore *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_STORE (self), 0);
  return self->listing->all->len;
}

guint
reseau_contact_store_find_uid (ReseauContactStore *self,
                               const char         *uid)
{
  guint n;

  g_return_val_if_fail (RESEAU_IS_CONTACT_STORE (self), G_MAXUINT);
  g_return_val_if_fail (uid != NULL, G_MAXUINT);

  n = n_visible (self);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (visible_summary (self, i)->uid, uid) == 0)
      return i;

  return G_MAXUINT;
}
