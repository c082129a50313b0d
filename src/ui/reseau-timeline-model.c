/* reseau-timeline-model.c — the timeline as a list model that pages on demand
 *
 * The Timeline view stacks, from the database up:
 *
 *   ReseauDatabase         timeline_page_async (filter, cursor, 100 rows),
 *     │                    keyset on (occurred_at DESC, id DESC)
 *     └ ReseauTimelineModel  the pages read so far, in one GPtrArray of
 *         │                  ReseauTimelineItem; n_items grows a page at a time
 *         └ GtkNoSelection
 *             └ GtkListView    rows made in setup, filled in bind
 *
 * Why a growing model and not a known count with placeholders: counting a
 * million interactions (worse, a million matching a note search) costs a
 * full scan on every filter change, while a keyset page costs the same
 * however deep it is. The model therefore reports the rows it has; when
 * the view asks for an item within PREFETCH rows of the end, the next page
 * is read after the last row it holds, and n_items grows when it arrives.
 * The view only asks for the rows it shows, so scrolling through the whole
 * history loads it page by page and nothing is read before it is needed.
 * The scrollbar reflects what is loaded, as in a chat history.
 *
 * A filter change or a reload bumps a generation and cancels the page in
 * flight; a page of an older generation is dropped. A reload keeps the
 * rows on screen until the new first page replaces them in one
 * items-changed, so the list does not flash empty.
 *
 * ReseauTimelineItem lives here too: it is only the GObject wrapper the
 * list model needs around a ReseauTimelineRow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-timeline-model.h"

/* How close to the end a request for an item starts reading the next page. */
#define PREFETCH 30

/* ReseauTimelineItem -------------------------------------------------------- */

struct _ReseauTimelineItem
{
  GObject            parent_instance;

  ReseauTimelineRow *row;
};

G_DEFINE_FINAL_TYPE (ReseauTimelineItem, reseau_timeline_item, G_TYPE_OBJECT)

static void
reseau_timeline_item_finalize (GObject *object)
{
  ReseauTimelineItem *self = RESEAU_TIMELINE_ITEM (object);

  g_clear_pointer (&self->row, reseau_timeline_row_free);

  G_OBJECT_CLASS (reseau_timeline_item_parent_class)->finalize (object);
}

static void
reseau_timeline_item_class_init (ReseauTimelineItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reseau_timeline_item_finalize;
}

static void
reseau_timeline_item_init (ReseauTimelineItem *self)
{
}

/* Takes row. */
static ReseauTimelineItem *
reseau_timeline_item_new (ReseauTimelineRow *row)
{
  ReseauTimelineItem *self = g_object_new (RESEAU_TYPE_TIMELINE_ITEM, NULL);

  self->row = row;

  return self;
}

const ReseauTimelineRow *
reseau_timeline_item_get_row (ReseauTimelineItem *self)
{
  g_return_val_if_fail (RESEAU_IS_TIMELINE_ITEM (self), NULL);

  return self->row;
}

/* ReseauTimelineModel ------------------------------------------------------- */

struct _ReseauTimelineModel
{
  GObject         parent_instance;

  /* Owned */
  ReseauDatabase *database;
  GCancellable   *cancellable;  /* the page in flight */
  GPtrArray      *items;        /* ReseauTimelineItem* */
  char           *tag;
  char           *contact_uid;
  char           *text;
  int             kind;
  guint           generation;

  guint           loading : 1;
  guint           complete : 1;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  FAILED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ReseauTimelineModel, reseau_timeline_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* A weak reference: the model's owner going away cancels the page. */
typedef struct
{
  GWeakRef             self;
  guint                generation;
  gboolean             replace;  /* the first page of a reload */
} PageData;

static void
page_data_free (PageData *data)
{
  g_weak_ref_clear (&data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageData, page_data_free)

static void
set_loading (ReseauTimelineModel *self,
             gboolean             loading)
{
  if (self->loading == !!loading)
    return;

  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
set_complete (ReseauTimelineModel *self,
              gboolean             complete)
{
  if (self->complete == !!complete)
    return;

  self->complete = !!complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPLETE]);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PageData) data = user_data;
  g_autoptr(ReseauTimelineModel) self = g_weak_ref_get (&data->self);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint removed = 0;
  guint position;

  rows = reseau_database_timeline_page_finish (RESEAU_DATABASE (object), result, &error);

  /* Gone, or a newer filter or reload took over. */
  if (self == NULL || data->generation != self->generation)
    return;

  set_loading (self, FALSE);

  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals [FAILED], 0, error);
      /* Nothing more to offer than what is there: no retry loop on a
       * database that keeps failing. */
      set_complete (self, TRUE);
      return;
    }

  if (data->replace)
    {
      removed = self->items->len;
      g_ptr_array_set_size (self->items, 0);
    }

  /* The items take the rows over. */
  g_ptr_array_set_free_func (rows, NULL);
  position = self->items->len;
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (self->items, reseau_timeline_item_new (g_ptr_array_index (rows, i)));

  g_object_freeze_notify (G_OBJECT (self));
  set_complete (self, rows->len < RESEAU_TIMELINE_PAGE_SIZE);
  if (removed > 0 || rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), data->replace ? 0 : position,
                                removed, data->replace ? self->items->len : rows->len);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
load_page (ReseauTimelineModel *self,
           gboolean             replace)
{
  ReseauTimelineFilter filter = {
    .kind = self->kind,
    .contact_uid = self->contact_uid,
    .tag = self->tag,
    .text = self->text,
  };
  gint64 before_at = 0;
  gint64 before_id = 0;
  PageData *data;

  g_assert (self->database != NULL);

  if (!replace && self->items->len > 0)
    {
      ReseauTimelineItem *last = g_ptr_array_index (self->items, self->items->len - 1);

      before_at = last->row->occurred_at;
      before_id = last->row->id;
    }

  data = g_new0 (PageData, 1);
  g_weak_ref_init (&data->self, self);
  data->generation = self->generation;
  data->replace = replace;

  set_loading (self, TRUE);
  reseau_database_timeline_page_async (self->database, &filter, before_at, before_id,
                                       RESEAU_TIMELINE_PAGE_SIZE, self->cancellable,
                                       page_cb, data);
}

/* Drops the page in flight and reads the first page again. */
static void
restart (ReseauTimelineModel *self,
         gboolean             keep_rows)
{
  guint removed = self->items->len;

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  set_complete (self, FALSE);
  if (!keep_rows && removed > 0)
    {
      g_ptr_array_set_size (self->items, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
    }
  load_page (self, keep_rows);
  g_object_thaw_notify (G_OBJECT (self));
}

static GType
get_item_type (GListModel *model)
{
  return RESEAU_TYPE_TIMELINE_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return RESEAU_TIMELINE_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ReseauTimelineModel *self = RESEAU_TIMELINE_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  /* The view is nearing the end of what is loaded: read on. */
  if (position + PREFETCH >= self->items->len && !self->loading && !self->complete)
    load_page (self, FALSE);

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
reseau_timeline_model_dispose (GObject *object)
{
  ReseauTimelineModel *self = RESEAU_TIMELINE_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (reseau_timeline_model_parent_class)->dispose (object);
}

static void
reseau_timeline_model_finalize (GObject *object)
{
  ReseauTimelineModel *self = RESEAU_TIMELINE_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->tag);
  g_free (self->contact_uid);
  g_free (self->text);

  G_OBJECT_CLASS (reseau_timeline_model_parent_class)->finalize (object);
}

static void
reseau_timeline_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ReseauTimelineModel *self = RESEAU_TIMELINE_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reseau_timeline_model_class_init (ReseauTimelineModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = reseau_timeline_model_dispose;
  object_class->finalize = reseau_timeline_model_finalize;
  object_class->get_property = reseau_timeline_model_get_property;

  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties [PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
reseau_timeline_model_init (ReseauTimelineModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->kind = -1;
}

ReseauTimelineModel *
reseau_timeline_model_new (ReseauDatabase *database)
{
  ReseauTimelineModel *self;

  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);

  self = g_object_new (RESEAU_TYPE_TIMELINE_MODEL, NULL);
  self->database = g_object_ref (database);
  load_page (self, FALSE);

  return self;
}

static char *
non_empty_dup (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

void
reseau_timeline_model_set_filter (ReseauTimelineModel *self,
                                  int                  kind,
                                  const char          *tag,
                                  const char          *contact_uid,
                                  const char          *text)
{
  g_autofree char *new_tag = non_empty_dup (tag);
  g_autofree char *new_uid = non_empty_dup (contact_uid);
  g_autofree char *new_text = non_empty_dup (text);

  g_return_if_fail (RESEAU_IS_TIMELINE_MODEL (self));
  g_return_if_fail (kind >= -1 && kind < RESEAU_N_INTERACTION_KINDS);

  if (kind == self->kind && g_strcmp0 (new_tag, self->tag) == 0
      && g_strcmp0 (new_uid, self->contact_uid) == 0 && g_strcmp0 (new_text, self->text) == 0)
    return;

  self->kind = kind;
  g_free (self->tag);
  self->tag = g_steal_pointer (&new_tag);
  g_free (self->contact_uid);
  self->contact_uid = g_steal_pointer (&new_uid);
  g_free (self->text);
  self->text = g_steal_pointer (&new_text);

  restart (self, FALSE);
}

int
reseau_timeline_model_get_kind (ReseauTimelineModel *self)
{
  g_return_val_if_fail (RESEAU_IS_TIMELINE_MODEL (self), -1);

  return self->kind;
}

const char *
reseau_timeline_model_get_tag (ReseauTimelineModel *self)
{
  g_return_val_if_fail (RESEAU_IS_TIMELINE_MODEL (self), NULL);

  return self->tag;
}

const char *
reseau_timeline_model_get_contact_uid (ReseauTimelineModel *self)
{
  g_return_val_if_fail (RESEAU_IS_TIMELINE_MODEL (self), NULL);

  return self->contact_uid;
}

const char *
reseau_timeline_model_get_text (ReseauTimelineModel *self)
{
  g_return_val_if_fail (RESEAU_IS_TIMELINE_MODEL (self), NULL);

  return self->text;
}

void
reseau_timeline_model_reload (ReseauTimelineModel *self)
{
  g_return_if_fail (RESEAU_IS_TIMELINE_MODEL (self));

  restart (self, TRUE);
}

gboolean
reseau_timeline_model_get_loading (ReseauTimelineModel *self)
{
  g_return_val_if_fail (RESEAU_IS_TIMELINE_MODEL (self), FALSE);

  return self->loading;
}

gboolean
reseau_timeline_model_get_complete (ReseauTimelineModel *self)
{
  g_return_val_if_fail (RESEAU_IS_TIMELINE_MODEL (self), FALSE);

  return self->complete;
}

gboolean
reseau_timeline_model_starts_day (ReseauTimelineModel *self,
                                  guint                position)
{
  ReseauTimelineItem *item;
  ReseauTimelineItem *previous;

  g_return_val_if_fail (RESEAU_IS_TIMELINE_MODEL (self), FALSE);

  if (position >= self->items->len)
    return FALSE;
  if (position == 0)
    return TRUE;

  item = g_ptr_array_index (self->items, position);
  previous = g_ptr_array_index (self->items, position - 1);

  return g_strcmp0 (item->row->occurred_on, previous->row->occurred_on) != 0;
}
