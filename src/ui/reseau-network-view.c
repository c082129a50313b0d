/* reseau-network-view.c — the Network view: the map, its filters and a
 * summary of the selected contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the map shows, from the database up:
 *
 *   ReseauNetwork full       (reseau_database_load_network: everyone, today)
 *     └ reseau_network_filter  (tag, minimum strength, ego network)
 *         └ reseau_network_cluster (people folded into groups above
 *                                   max_nodes, except expanded groups)
 *             └ ReseauLayout      (positions by node key: those on the map
 *                                  now, else those saved in the database)
 *                 └ ReseauNetworkMap
 *
 * Every filter change builds the chain again from full; nodes keep their
 * place by key, so the map does not reshuffle. Positions go back to the
 * database each time a layout converges.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-database-network.h"
#include "reseau-map-legend.h"
#include "reseau-network-view.h"

#define DEFAULT_MAX_NODES 3000
#define LAYOUT_SEED       0x5e5eau

struct _ReseauNetworkView
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkStack            *stack;
  GtkSpinner          *spinner;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *tag_dropdown;
  GtkStringList       *tag_list;
  GtkSpinButton       *strength_spin;
  GtkToggleButton     *ego_button;
  GtkSpinButton       *hops_spin;
  ReseauNetworkMap    *map;
  GtkWidget           *side_panel;
  AdwAvatar           *avatar;
  GtkPopover          *legend_popover;
  GCancellable        *avatar_cancellable;  /* the selected person's photo loading */
  GtkLabel            *name_label;
  GtkLabel            *kind_label;
  GtkLabel            *organization_label;
  GtkLabel            *strength_label;
  GtkLevelBar         *strength_bar;
  GtkLabel            *last_label;
  GtkButton           *log_button;
  GtkButton           *open_button;
  GtkButton           *expand_button;
  GtkLabel            *status_label;

  /* Owned */
  ReseauDatabase      *database;
  GCancellable        *cancellable;     /* the window's */
  ReseauNetwork       *full;
  GHashTable          *saved_positions; /* key → ReseauPoint*, NULL until loaded */
  GHashTable          *expanded;        /* cluster keys */
  GArray              *tag_ids;         /* gint64, the dropdown's items after "All tags" */
  GPtrArray           *folded_labels;   /* of the map's nodes, for the search */
  char                *selected_key;
  char                *ego_key;
  GtkNativeDialog     *chooser;
  guint                serial;
  guint                max_nodes;

  guint                updating_tags : 1;
};

G_DEFINE_FINAL_TYPE (ReseauNetworkView, reseau_network_view, ADW_TYPE_BIN)

enum {
  LOG_INTERACTION,
  OPEN_CONTACT,
  LOADED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void apply (ReseauNetworkView *self);

/* Loading -------------------------------------------------------------------------- */

typedef struct
{
  ReseauNetworkView *view;
  guint              serial;
} Call;

static Call *
call_new (ReseauNetworkView *self)
{
  Call *call = g_new0 (Call, 1);

  call->view = g_object_ref (self);
  call->serial = self->serial;

  return call;
}

static void
call_free (Call *call)
{
  g_clear_object (&call->view);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

static gboolean
call_is_current (Call       *call,
                 GError     *error,
                 const char *what)
{
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load %s: %s", what, error->message);
      return FALSE;
    }

  return call->serial == call->view->serial;
}

static gint64
selected_tag_id (ReseauNetworkView *self)
{
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);

  if (self->tag_ids == NULL || selected == GTK_INVALID_LIST_POSITION || selected == 0
      || selected > self->tag_ids->len)
    return 0;

  return g_array_index (self->tag_ids, gint64, selected - 1);
}

typedef struct
{
  gint64      id;
  const char *name;
  char       *sort_key;
} TagItem;

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return strcmp (((const TagItem *) a)->sort_key, ((const TagItem *) b)->sort_key);
}

/* The tags people carry, by name, keeping the one chosen. */
static void
update_tags (ReseauNetworkView *self)
{
  gint64 chosen = selected_tag_id (self);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (TagItem));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint position = 0;

  for (guint i = 0; i < reseau_network_get_n_nodes (self->full); i++)
    {
      const ReseauNetworkNode *node = reseau_network_get_node (self->full, i);

      for (guint t = 0; node->tag_ids != NULL && t < node->tag_ids->len; t++)
        {
          gint64 id = g_array_index (node->tag_ids, gint64, t);
          const char *name = reseau_network_get_tag_name (self->full, id);
          TagItem item = { id, name, NULL };

          if (name == NULL || g_hash_table_contains (seen, &id))
            continue;
          g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
          item.sort_key = g_utf8_collate_key (name, -1);
          g_array_append_val (items, item);
        }
    }
  g_array_sort (items, compare_tags);

  g_clear_pointer (&self->tag_ids, g_array_unref);
  self->tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* Translators: the tag filter of the Network view, when no tag is chosen */
  g_ptr_array_add (names, (gpointer) _("All Tags"));
  for (guint k = 0; k < items->len; k++)
    {
      TagItem *item = &g_array_index (items, TagItem, k);

      g_array_append_val (self->tag_ids, item->id);
      g_ptr_array_add (names, (gpointer) item->name);
      if (item->id == chosen)
        position = k + 1;
    }
  g_ptr_array_add (names, NULL);

  self->updating_tags = TRUE;
  gtk_string_list_splice (self->tag_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tag_list)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->tag_dropdown, position);
  self->updating_tags = FALSE;

  for (guint k = 0; k < items->len; k++)
    g_free (g_array_index (items, TagItem, k).sort_key);
}

static void
network_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  ReseauNetworkView *self = call->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(ReseauNetwork) network = NULL;

  network = reseau_database_load_network_finish (RESEAU_DATABASE (object), result, &error);
  if (!call_is_current (call, error, "the network"))
    return;

  g_clear_pointer (&self->full, reseau_network_unref);
  self->full = g_steal_pointer (&network);
  update_tags (self);
  apply (self);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
load_network (ReseauNetworkView *self)
{
  GDate today;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  reseau_database_load_network_async (self->database, &today, self->cancellable,
                                      network_loaded_cb, call_new (self));
}

static void
positions_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  ReseauNetworkView *self = call->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) positions = NULL;

  positions = reseau_database_load_node_positions_finish (RESEAU_DATABASE (object), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* A map that reshuffles is no reason not to draw it. */
      g_warning ("Could not load the map’s positions: %s", error->message);
      g_clear_error (&error);
    }
  if (!call_is_current (call, error, "the map’s positions"))
    return;

  if (positions == NULL)
    positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_clear_pointer (&self->saved_positions, g_hash_table_unref);
  self->saved_positions = g_steal_pointer (&positions);
  load_network (self);
}

static void
reload (ReseauNetworkView *self)
{
  if (self->database == NULL)
    return;

  self->serial++;
  if (self->full == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
    }

  if (self->saved_positions == NULL)
    reseau_database_load_node_positions_async (self->database, self->cancellable,
                                               positions_loaded_cb, call_new (self));
  else
    load_network (self);
}

/* Applying the filters ------------------------------------------------------------- */

static const char *
organization_of (ReseauNetwork *network,
                 guint          node)
{
  for (guint e = 0; e < reseau_network_get_n_edges (network); e++)
    {
      const ReseauNetworkEdge *edge = reseau_network_get_edge (network, e);

      if (edge->kind == RESEAU_EDGE_WORKS_AT && edge->source == node)
        return reseau_network_get_node (network, edge->target)->label;
    }

  return NULL;
}

static void
panel_photo_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  ReseauNetworkView *self = call->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GBytes *photo;

  photos = reseau_database_load_photos_finish (RESEAU_DATABASE (object), result, &error);
  if (!call_is_current (call, error, "the photo") || photos->len != 1)
    return;

  photo = g_ptr_array_index (photos, 0);
  if (photo != NULL)
    texture = gdk_texture_new_from_bytes (photo, &error);
  if (error != NULL)
    g_debug ("The photo of the selected contact is not shown: %s", error->message);
  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
}

/* The selected person's photo, or their initials (an organization or an
 * event shows its own initials). */
static void
update_panel_avatar (ReseauNetworkView       *self,
                     const ReseauNetworkNode *node)
{
  adw_avatar_set_text (self->avatar, node->label);
  adw_avatar_set_custom_image (self->avatar, NULL);
  /* A newer selection makes the last one's photo stale. */
  g_cancellable_cancel (self->avatar_cancellable);
  g_clear_object (&self->avatar_cancellable);
  if (node->has_photo && node->uid != NULL && self->database != NULL)
    {
      const char *uids[] = { node->uid, NULL };

      self->avatar_cancellable = g_cancellable_new ();
      reseau_database_load_photos_async (self->database, uids, self->avatar_cancellable,
                                         panel_photo_loaded_cb, call_new (self));
    }
}

static void
update_panel (ReseauNetworkView *self)
{
  ReseauNetwork *network = reseau_network_map_get_network (self->map);
  int selected = reseau_network_map_get_selected (self->map);
  const ReseauNetworkNode *node;
  const char *organization;
  g_autofree char *strength = NULL;
  g_autofree char *last = NULL;
  gboolean person;

  gtk_widget_set_sensitive (GTK_WIDGET (self->ego_button),
                            gtk_toggle_button_get_active (self->ego_button)
                            || (network != NULL && selected >= 0
                                && reseau_network_get_node (network, selected)->kind != RESEAU_NODE_CLUSTER));

  if (network == NULL || selected < 0)
    {
      gtk_widget_set_visible (self->side_panel, FALSE);
      return;
    }

  node = reseau_network_get_node (network, selected);
  person = node->kind == RESEAU_NODE_PERSON;
  update_panel_avatar (self, node);
  gtk_label_set_label (self->name_label, node->label);
  gtk_label_set_label (self->kind_label, reseau_network_node_kind_name (node->kind));

  organization = person ? organization_of (network, selected) : NULL;
  gtk_label_set_label (self->organization_label, organization != NULL ? organization : "");
  gtk_widget_set_visible (GTK_WIDGET (self->organization_label), organization != NULL);

  /* Translators: relationship strength in the Network view's side panel */
  strength = g_strdup_printf (_("Strength %u / 100"), node->strength);
  gtk_label_set_label (self->strength_label, strength);
  gtk_level_bar_set_value (self->strength_bar, node->strength);
  gtk_widget_set_visible (GTK_WIDGET (self->strength_label), person);
  gtk_widget_set_visible (GTK_WIDGET (self->strength_bar), person);

  last = reseau_network_describe_recency (node->days_since);
  gtk_label_set_label (self->last_label, last);
  gtk_widget_set_visible (GTK_WIDGET (self->last_label), node->kind != RESEAU_NODE_CLUSTER);

  gtk_widget_set_visible (GTK_WIDGET (self->log_button), person && node->uid != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), person && node->uid != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->expand_button), node->kind == RESEAU_NODE_CLUSTER);
  gtk_widget_set_visible (self->side_panel, TRUE);
}

static guint
count_matches (ReseauNetworkView *self,
               GArray           **out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *query = NULL;
  GArray *matches;

  *out = NULL;
  if (text == NULL || text[0] == '\0' || self->folded_labels == NULL)
    return 0;

  query = reseau_text_fold (text);
  g_strstrip (query);
  if (query[0] == '\0')
    return 0;

  matches = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->folded_labels->len; i++)
    if (strstr (g_ptr_array_index (self->folded_labels, i), query) != NULL)
      g_array_append_val (matches, i);

  *out = matches;

  return matches->len;
}

static void
update_status (ReseauNetworkView *self,
               GArray            *matches)
{
  ReseauNetwork *network = reseau_network_map_get_network (self->map);
  guint counts[RESEAU_NODE_CLUSTER + 1] = { 0 };
  g_autoptr(GString) status = g_string_new (NULL);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (network == NULL)
    {
      gtk_label_set_label (self->status_label, "");
      return;
    }

  for (guint i = 0; i < reseau_network_get_n_nodes (network); i++)
    counts[reseau_network_get_node (network, i)->kind]++;

  g_string_append_printf (status, ngettext ("%u person", "%u people", counts[RESEAU_NODE_PERSON]),
                          counts[RESEAU_NODE_PERSON]);
  g_string_append (status, " · ");
  g_string_append_printf (status, ngettext ("%u organization", "%u organizations",
                                            counts[RESEAU_NODE_ORGANIZATION]),
                          counts[RESEAU_NODE_ORGANIZATION]);
  g_string_append (status, " · ");
  g_string_append_printf (status, ngettext ("%u event", "%u events", counts[RESEAU_NODE_EVENT]),
                          counts[RESEAU_NODE_EVENT]);
  if (counts[RESEAU_NODE_CLUSTER] > 0)
    {
      g_string_append (status, " · ");
      g_string_append_printf (status, ngettext ("%u group", "%u groups", counts[RESEAU_NODE_CLUSTER]),
                              counts[RESEAU_NODE_CLUSTER]);
    }
  g_string_append (status, " · ");
  g_string_append_printf (status, ngettext ("%u link", "%u links", reseau_network_get_n_edges (network)),
                          reseau_network_get_n_edges (network));
  if (search != NULL && search[0] != '\0')
    {
      guint n = matches != NULL ? matches->len : 0;

      g_string_append (status, " · ");
      g_string_append_printf (status, ngettext ("%u match", "%u matches", n), n);
    }

  gtk_label_set_label (self->status_label, status->str);
}

static void
apply_search (ReseauNetworkView *self)
{
  g_autoptr(GArray) matches = NULL;

  count_matches (self, &matches);
  reseau_network_map_set_highlight (self->map, matches);
  update_status (self, matches);
}

/* Where each node of network starts: where it is on the map now, else
 * where it was left last time. */
static void
place_nodes (ReseauNetworkView *self,
             ReseauLayout      *layout,
             ReseauNetwork     *network)
{
  ReseauNetwork *shown = reseau_network_map_get_network (self->map);
  guint n_shown = 0;
  const ReseauPoint *points = reseau_network_map_get_positions (self->map, &n_shown);

  for (guint i = 0; i < reseau_network_get_n_nodes (network); i++)
    {
      const char *key = reseau_network_get_node (network, i)->key;
      const ReseauPoint *saved;
      int on_map = shown != NULL ? reseau_network_find_node (shown, key) : -1;

      if (on_map >= 0 && (guint) on_map < n_shown)
        reseau_layout_set_position (layout, i, points[on_map]);
      else if (self->saved_positions != NULL
               && (saved = g_hash_table_lookup (self->saved_positions, key)) != NULL)
        reseau_layout_set_position (layout, i, *saved);
    }
}

static void
apply (ReseauNetworkView *self)
{
  ReseauNetworkFilter filter;
  g_autoptr(ReseauNetwork) filtered = NULL;
  g_autoptr(ReseauNetwork) shown = NULL;
  ReseauLayout *layout;
  guint n_nodes;

  if (self->full == NULL)
    return;

  gtk_spinner_stop (self->spinner);
  if (reseau_network_get_n_nodes (self->full) == 0)
    {
      reseau_network_map_set_layout (self->map, NULL);
      g_clear_pointer (&self->folded_labels, g_ptr_array_unref);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  reseau_network_filter_init (&filter);
  filter.tag_id = selected_tag_id (self);
  filter.min_strength = gtk_spin_button_get_value_as_int (self->strength_spin);
  if (gtk_toggle_button_get_active (self->ego_button) && self->ego_key != NULL)
    {
      filter.ego = reseau_network_find_node (self->full, self->ego_key);
      filter.ego_hops = gtk_spin_button_get_value_as_int (self->hops_spin);
    }

  filtered = reseau_network_filter (self->full, &filter);
  shown = reseau_network_cluster (filtered, self->max_nodes, self->expanded);

  layout = reseau_layout_new (shown, LAYOUT_SEED);
  place_nodes (self, layout, shown);
  reseau_network_map_set_layout (self->map, layout);

  n_nodes = reseau_network_get_n_nodes (shown);
  g_clear_pointer (&self->folded_labels, g_ptr_array_unref);
  self->folded_labels = g_ptr_array_new_full (n_nodes, g_free);
  for (guint i = 0; i < n_nodes; i++)
    g_ptr_array_add (self->folded_labels, reseau_text_fold (reseau_network_get_node (shown, i)->label));

  if (self->selected_key != NULL)
    reseau_network_map_set_selected (self->map, reseau_network_find_node (shown, self->selected_key));

  gtk_stack_set_visible_child_name (self->stack, "map");
  apply_search (self);
  update_panel (self);
  reseau_network_map_run_layout (self->map);
}

/* Callbacks ------------------------------------------------------------------------ */

static void
on_filter_changed (ReseauNetworkView *self)
{
  if (self->updating_tags)
    return;

  apply (self);
}

static void
on_ego_toggled (ReseauNetworkView *self)
{
  g_clear_pointer (&self->ego_key, g_free);
  if (gtk_toggle_button_get_active (self->ego_button))
    self->ego_key = g_strdup (self->selected_key);

  apply (self);
  if (gtk_toggle_button_get_active (self->ego_button))
    reseau_network_map_fit (self->map);
}

static void
on_search_changed (ReseauNetworkView *self)
{
  apply_search (self);
}

/* Enter in the search: the first match comes to the middle. */
static void
on_search_activate (ReseauNetworkView *self)
{
  g_autoptr(GArray) matches = NULL;

  if (count_matches (self, &matches) > 0)
    reseau_network_map_center_on (self->map, g_array_index (matches, guint, 0));
}

static void
expand (ReseauNetworkView *self,
        const char        *key)
{
  g_hash_table_add (self->expanded, g_strdup (key));
  g_clear_pointer (&self->selected_key, g_free);
  apply (self);
}

/* Photos --------------------------------------------------------------------------- */

typedef struct
{
  ReseauNetworkView *view;
  ReseauNetwork     *network;   /* the map's when asked */
  GArray            *nodes;
} PhotosCall;

static void
photos_call_free (PhotosCall *call)
{
  g_object_unref (call->view);
  reseau_network_unref (call->network);
  g_array_unref (call->nodes);
  g_free (call);
}

static void
photos_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PhotosCall *call = user_data;
  ReseauNetworkView *self = call->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) photos = NULL;

  photos = reseau_database_load_photos_finish (RESEAU_DATABASE (object), result, &error);
  if (photos == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the photos of the map: %s", error->message);
    }
  /* The node indices are those of the network shown when they were
   * asked for: a filter may have changed it since (and the view may be
   * gone, its map with it). */
  else if (self->map != NULL && reseau_network_map_get_network (self->map) == call->network)
    {
      reseau_network_map_set_photos (self->map, call->nodes, photos);
    }

  photos_call_free (call);
}

static void
on_photos_wanted (ReseauNetworkView *self,
                  GArray            *nodes)
{
  ReseauNetwork *network = reseau_network_map_get_network (self->map);
  g_autoptr(GPtrArray) uids = g_ptr_array_new ();
  PhotosCall *call;

  if (self->database == NULL || network == NULL)
    return;

  for (guint k = 0; k < nodes->len; k++)
    {
      const ReseauNetworkNode *node = reseau_network_get_node (network, g_array_index (nodes, guint, k));

      /* Only people have photos; a NULL would end the list. */
      g_ptr_array_add (uids, node->uid != NULL ? node->uid : (char *) "");
    }
  g_ptr_array_add (uids, NULL);

  call = g_new0 (PhotosCall, 1);
  call->view = g_object_ref (self);
  call->network = reseau_network_ref (network);
  call->nodes = g_array_ref (nodes);
  reseau_database_load_photos_async (self->database, (const char * const *) uids->pdata, self->cancellable,
                                     photos_loaded_cb, call);
}

static void
on_node_selected (ReseauNetworkView *self,
                  int                index)
{
  ReseauNetwork *network = reseau_network_map_get_network (self->map);
  const ReseauNetworkNode *node = network != NULL && index >= 0 ? reseau_network_get_node (network, index) : NULL;

  g_clear_pointer (&self->selected_key, g_free);
  if (node != NULL && node->kind == RESEAU_NODE_CLUSTER)
    {
      expand (self, node->key);
      return;
    }

  if (node != NULL)
    self->selected_key = g_strdup (node->key);
  update_panel (self);
}

static void
on_node_activated (ReseauNetworkView *self,
                   int                index)
{
  ReseauNetwork *network = reseau_network_map_get_network (self->map);
  const ReseauNetworkNode *node;

  if (network == NULL || index < 0)
    return;

  node = reseau_network_get_node (network, index);
  if (node->kind == RESEAU_NODE_CLUSTER)
    expand (self, node->key);
  else if (node->kind == RESEAU_NODE_PERSON && node->uid != NULL)
    g_signal_emit (self, signals[OPEN_CONTACT], 0, node->uid);
  else
    on_node_selected (self, index);
}

static const ReseauNetworkNode *
selected_node (ReseauNetworkView *self)
{
  ReseauNetwork *network = reseau_network_map_get_network (self->map);
  int selected = reseau_network_map_get_selected (self->map);

  return network != NULL && selected >= 0 ? reseau_network_get_node (network, selected) : NULL;
}

static void
on_log_clicked (ReseauNetworkView *self)
{
  const ReseauNetworkNode *node = selected_node (self);

  if (node != NULL && node->uid != NULL)
    g_signal_emit (self, signals[LOG_INTERACTION], 0, node->uid, node->label);
}

static void
on_open_clicked (ReseauNetworkView *self)
{
  const ReseauNetworkNode *node = selected_node (self);

  if (node != NULL && node->uid != NULL)
    g_signal_emit (self, signals[OPEN_CONTACT], 0, node->uid);
}

static void
on_expand_clicked (ReseauNetworkView *self)
{
  const ReseauNetworkNode *node = selected_node (self);

  if (node != NULL && node->kind == RESEAU_NODE_CLUSTER)
    expand (self, node->key);
}

static void
save_positions_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!reseau_database_save_node_positions_finish (RESEAU_DATABASE (object), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not save the map’s positions: %s", error->message);
}

static void
on_layout_converged (ReseauNetworkView *self)
{
  ReseauLayout *layout = reseau_network_map_get_layout (self->map);
  ReseauNetwork *network;
  const ReseauPoint *points;

  if (layout == NULL || self->database == NULL)
    return;

  /* What the next filter starts from, and the next session. */
  network = reseau_layout_get_network (layout);
  points = reseau_layout_get_positions (layout);
  if (self->saved_positions != NULL)
    for (guint i = 0; i < reseau_network_get_n_nodes (network); i++)
      g_hash_table_replace (self->saved_positions,
                            g_strdup (reseau_network_get_node (network, i)->key),
                            g_memdup2 (&points[i], sizeof (ReseauPoint)));

  reseau_database_save_node_positions_async (self->database, layout, self->cancellable,
                                             save_positions_cb, NULL);
}

/* Export --------------------------------------------------------------------------- */

static void
show_toast (ReseauNetworkView *self,
            const char        *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ReseauNetworkView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: the map could not be written; %s says why */
      message = g_strdup_printf (_("The map could not be exported: %s"), error->message);
      show_toast (self, message);
      return;
    }

  show_toast (self, _("Map exported"));
}

static void
on_export_response (ReseauNetworkView *self,
                    int                response,
                    GtkNativeDialog   *dialog)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean svg = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "svg"));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (svg)
    {
      char *text = reseau_network_map_to_svg (self->map);

      bytes = g_bytes_new_take (text, strlen (text));
    }
  else
    {
      g_autoptr(GdkTexture) texture = reseau_network_map_render_texture (self->map);

      if (texture != NULL)
        bytes = gdk_texture_save_to_png_bytes (texture);
    }

  if (bytes == NULL)
    {
      show_toast (self, _("The map could not be exported: it is not on screen"));
      return;
    }

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, export_written_cb, g_object_ref (self));
}

static void
export (ReseauNetworkView *self,
        gboolean           svg)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (svg ? _("Export the Map as SVG") : _("Export the Map as PNG"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* Translators: the suggested file name of the exported map */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), svg ? _("network.svg") : _("network.png"));
  gtk_file_filter_set_name (filter, svg ? _("SVG images") : _("PNG images"));
  gtk_file_filter_add_mime_type (filter, svg ? "image/svg+xml" : "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data (G_OBJECT (chooser), "svg", GINT_TO_POINTER (svg));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, G_CONNECT_SWAPPED);

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
export_png_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  export (RESEAU_NETWORK_VIEW (widget), FALSE);
}

static void
export_svg_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  export (RESEAU_NETWORK_VIEW (widget), TRUE);
}

static void
fit_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  reseau_network_map_fit (RESEAU_NETWORK_VIEW (widget)->map);
}

/* Public API ----------------------------------------------------------------------- */

void
reseau_network_view_set_database (ReseauNetworkView *self,
                                  ReseauDatabase    *database,
                                  GCancellable      *cancellable)
{
  g_return_if_fail (RESEAU_IS_NETWORK_VIEW (self));
  g_return_if_fail (database == NULL || RESEAU_IS_DATABASE (database));

  if (self->database != database)
    {
      self->serial++;
      g_clear_pointer (&self->full, reseau_network_unref);
      g_clear_pointer (&self->saved_positions, g_hash_table_unref);
      g_clear_pointer (&self->selected_key, g_free);
      reseau_network_map_set_layout (self->map, NULL);
      g_set_object (&self->database, database);
    }
  g_set_object (&self->cancellable, cancellable);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

void
reseau_network_view_reload (ReseauNetworkView *self)
{
  g_return_if_fail (RESEAU_IS_NETWORK_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
}

ReseauNetworkMap *
reseau_network_view_get_map (ReseauNetworkView *self)
{
  g_return_val_if_fail (RESEAU_IS_NETWORK_VIEW (self), NULL);

  return self->map;
}

void
reseau_network_view_set_max_nodes (ReseauNetworkView *self,
                                   guint              max_nodes)
{
  g_return_if_fail (RESEAU_IS_NETWORK_VIEW (self));

  if (self->max_nodes == max_nodes)
    return;

  self->max_nodes = max_nodes;
  apply (self);
}

/* GObject -------------------------------------------------------------------------- */

static void
reseau_network_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (reseau_network_view_parent_class)->map (widget);

  reload (RESEAU_NETWORK_VIEW (widget));
}

static void
reseau_network_view_dispose (GObject *object)
{
  ReseauNetworkView *self = RESEAU_NETWORK_VIEW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);

  /* The bin's child is a template child too: unparented once, by the bin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_NETWORK_VIEW);
  /* What is still loading finds its widgets gone: stale. */
  self->serial++;
  g_cancellable_cancel (self->avatar_cancellable);
  g_clear_object (&self->avatar_cancellable);
  g_clear_object (&self->database);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->full, reseau_network_unref);
  g_clear_pointer (&self->saved_positions, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->tag_ids, g_array_unref);
  g_clear_pointer (&self->folded_labels, g_ptr_array_unref);
  g_clear_pointer (&self->selected_key, g_free);
  g_clear_pointer (&self->ego_key, g_free);

  G_OBJECT_CLASS (reseau_network_view_parent_class)->dispose (object);
}

static void
reseau_network_view_class_init (ReseauNetworkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_network_view_dispose;
  widget_class->map = reseau_network_view_map;

  signals[LOG_INTERACTION] = g_signal_new ("log-interaction", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                           G_TYPE_STRING, G_TYPE_STRING);
  signals[OPEN_CONTACT] = g_signal_new ("open-contact", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RESEAU_TYPE_NETWORK_MAP);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-network-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, tag_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, strength_spin);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, ego_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, hops_spin);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, map);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, side_panel);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, avatar);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, legend_popover);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, name_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, kind_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, organization_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, strength_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, strength_bar);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, last_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, log_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, open_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, expand_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauNetworkView, status_label);

  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_ego_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_node_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_photos_wanted);
  gtk_widget_class_bind_template_callback (widget_class, on_node_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_layout_converged);
  gtk_widget_class_bind_template_callback (widget_class, on_log_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_expand_clicked);

  gtk_widget_class_install_action (widget_class, "network.fit", NULL, fit_action);
  gtk_widget_class_install_action (widget_class, "network.export-png", NULL, export_png_action);
  gtk_widget_class_install_action (widget_class, "network.export-svg", NULL, export_svg_action);
}

static void
reseau_network_view_init (ReseauNetworkView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_popover_set_child (self->legend_popover, reseau_map_legend_new ());

  self->max_nodes = DEFAULT_MAX_NODES;
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
