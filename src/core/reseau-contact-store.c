/* reseau-contact-store.c — the contact list as a GListModel
 *
 *   database ── list_summaries ──▶ all:     every live contact, sorted by
 *                                           sort key (compact summaries)
 *            ── search (FTS5) ────▶ matches: ids of the contacts that match
 *                                           the query, in no order
 *   all ∩ matches, kept in the order of all ──▶ visible: positions in all
 *   visible[i] ── made on demand ──▶ ReseauContactItem (only for rows the
 *                                    list view asks for)
 *
 * Without a query, visible is NULL and the model shows all of "all".
 * Changes are announced with the smallest items-changed that covers them,
 * so that a reload after one edit leaves the rest of the list, its scroll
 * position and its selection alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reseau-contact-item.h"
#include "reseau-contact-store.h"
#include "reseau-text.h"

struct _ReseauContactStore
{
  GObject         parent_instance;

  ReseauDatabase *database;
  GPtrArray      *all;       /* ReseauContactSummary*, sorted */
  GArray         *visible;   /* guint positions in all; NULL = everything */
  char           *query;

  GCancellable   *reload_cancellable;
  GCancellable   *search_cancellable;
  /* Answers to an older reload or query are dropped. */
  guint           reload_serial;
  guint           search_serial;
  gboolean        reloading;
  gboolean        searching;
  gboolean        was_loading;
};

enum {
  PROP_0,
  PROP_QUERY,
  PROP_LOADING,
  PROP_N_TOTAL,
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

/* GListModel -------------------------------------------------------------- */

static guint
n_visible (ReseauContactStore *self)
{
  return self->visible ? self->visible->len : self->all->len;
}

static ReseauContactSummary *
visible_summary (ReseauContactStore *self,
                 guint               position)
{
  guint index = self->visible ? g_array_index (self->visible, guint, position) : position;

  return g_ptr_array_index (self->all, index);
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

  if (position >= n_visible (self))
    return NULL;

  summary = visible_summary (self, position);
  section = reseau_text_section_for_key (summary->sort_key);
  if (position > 0)
    {
      ReseauContactSummary *previous = visible_summary (self, position - 1);

      section_start = strcmp (section, reseau_text_section_for_key (previous->sort_key)) != 0;
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

static gboolean
same_row (const ReseauContactSummary *a,
          const ReseauContactSummary *b)
{
  return a->id == b->id && a->kind == b->kind &&
         g_strcmp0 (a->display_name, b->display_name) == 0 &&
         g_strcmp0 (a->subtitle, b->subtitle) == 0 &&
         g_strcmp0 (a->sort_key, b->sort_key) == 0;
}

static ReseauContactSummary *
row_of (GPtrArray *all,
        GArray    *visible,
        guint      position)
{
  guint index = visible ? g_array_index (visible, guint, position) : position;

  return g_ptr_array_index (all, index);
}

/* Installs a new list and announces only the span that differs: the rows
 * before and after it are the same rows, in the same places. */
static void
replace_rows (ReseauContactStore *self,
              GPtrArray          *new_all,
              GArray             *new_visible)
{
  g_autoptr(GPtrArray) old_all = self->all;
  g_autoptr(GArray) old_visible = self->visible;
  guint old_n = old_visible ? old_visible->len : old_all->len;
  guint new_n = new_visible ? new_visible->len : new_all->len;
  guint prefix = 0, suffix = 0;
  guint removed, added;

  while (prefix < old_n && prefix < new_n &&
         same_row (row_of (old_all, old_visible, prefix), row_of (new_all, new_visible, prefix)))
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix &&
         same_row (row_of (old_all, old_visible, old_n - 1 - suffix),
                   row_of (new_all, new_visible, new_n - 1 - suffix)))
    suffix++;

  self->all = g_ptr_array_ref (new_all);
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

/* Positions in all of the contacts whose id is in matches, in list order.
 * This runs on every keystroke over up to every contact, so membership is a
 * bit per row id: SQLite hands out ids densely from 1. A database whose ids
 * are far sparser than its rows (edited by hand) takes the slower hash. */
static GArray *
filter_by_ids (GPtrArray *all,
               GArray    *matches)
{
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

      for (guint i = 0; i < all->len; i++)
        {
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

      for (guint i = 0; i < all->len; i++)
        {
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
  GPtrArray          *all;     /* the list the search runs against */
  guint               serial;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->all, g_ptr_array_unref);
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
    visible = filter_by_ids (data->all, matches);

  replace_rows (self, data->all, visible);
  update_loading (self);
}

/* Shows all, filtered by the current query. */
static void
apply_query (ReseauContactStore *self,
             GPtrArray          *all)
{
  g_autofree char *fts = reseau_text_build_fts_query (self->query);
  SearchData *data;

  self->search_serial++;
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (fts == NULL)
    {
      self->searching = FALSE;
      replace_rows (self, all, NULL);
      return;
    }

  data = g_new0 (SearchData, 1);
  data->self = g_object_ref (self);
  data->all = g_ptr_array_ref (all);
  data->serial = self->search_serial;
  self->search_cancellable = g_cancellable_new ();
  self->searching = TRUE;

  reseau_database_search_async (self->database, self->query, self->search_cancellable,
                                search_cb, data);
}

typedef struct
{
  ReseauContactStore *self;
  guint               serial;
} ReloadData;

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
  guint old_total;

  g_free (data);
  all = reseau_database_list_summaries_finish (RESEAU_DATABASE (object), result, &error);

  if (serial != self->reload_serial)
    return;

  self->reloading = FALSE;
  if (all == NULL)
    {
      g_warning ("Could not load the contact list: %s", error->message);
      update_loading (self);
      return;
    }

  old_total = self->all->len;
  apply_query (self, all);
  if (old_total != all->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);

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

  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->visible, g_array_unref);
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
  self->all = g_ptr_array_new_with_free_func ((GDestroyNotify) reseau_contact_summary_free);
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

  data = g_new0 (ReloadData, 1);
  data->self = g_object_ref (self);
  data->serial = ++self->reload_serial;
  self->reloading = TRUE;
  update_loading (self);

  reseau_database_list_summaries_async (self->database, self->reload_cancellable,
                                        reload_cb, data);
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
  apply_query (self, self->all);
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
  return self->all->len;
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
