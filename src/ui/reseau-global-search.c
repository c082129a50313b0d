/* reseau-global-search.c — the Ctrl+K window: one search over everything
 *
 * A small modal window rather than a popover: it has its own focus and
 * title for screen readers, Escape closes it, and it is wide enough for a
 * note's snippet whatever view the main window shows. Each change of the
 * entry cancels the search in flight and starts another on the database
 * worker (reseau_global_search_async()); the rows are one GtkListBox, a
 * heading before the first row of each group.
 *
 * The keyboard alone does everything: typing always goes to the entry
 * (it captures the window's keys), Enter there opens the first result,
 * Down and Up move the focus through the results' buttons, across groups,
 * and back up to the entry; Enter on a result opens it; Escape closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-global-search.h"
#include "reseau-timeline-view.h"

#define HITS_PER_GROUP 5

struct _ReseauGlobalSearchWindow
{
  GtkWindow       parent_instance;

  /* Template widgets */
  GtkSearchEntry *entry;
  GtkStack       *stack;
  GtkListBox     *list;

  /* Owned */
  ReseauDatabase *database;
  GCancellable   *cancellable;  /* the search in flight */
  guint           totals[RESEAU_GLOBAL_SEARCH_N_GROUPS];
};

G_DEFINE_FINAL_TYPE (ReseauGlobalSearchWindow, reseau_global_search_window, GTK_TYPE_WINDOW)

enum {
  HIT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
group_heading (ReseauGlobalSearchGroup group)
{
  switch (group)
    {
    case RESEAU_GLOBAL_SEARCH_CONTACTS:
      return _("Contacts");
    case RESEAU_GLOBAL_SEARCH_INTERACTIONS:
      return _("Interactions");
    case RESEAU_GLOBAL_SEARCH_EVENTS:
      return _("Events");
    case RESEAU_GLOBAL_SEARCH_REFERRALS:
    case RESEAU_GLOBAL_SEARCH_N_GROUPS:
    default:
      return _("Referrals");
    }
}

static int
row_group (GtkListBoxRow *row)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "group"));
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  ReseauGlobalSearchWindow *self = user_data;
  int group = row_group (row);
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (before != NULL && row_group (before) == group)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (self->totals[group] >= RESEAU_GLOBAL_SEARCH_MAX_COUNT)
    /* TRANSLATORS: a heading of the search results and how many there are, e.g. "Interactions (1000+)" */
    text = g_strdup_printf (_("%s (%u+)"), group_heading (group), self->totals[group]);
  else
    /* TRANSLATORS: a heading of the search results and how many there are, e.g. "Contacts (12)" */
    text = g_strdup_printf (_("%s (%u)"), group_heading (group), self->totals[group]);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_list_box_row_set_header (row, label);
}

static void on_row_activated (ReseauGlobalSearchWindow *self,
                              GtkListBoxRow            *row);

static void
on_button_clicked (GtkButton                *button,
                   ReseauGlobalSearchWindow *self)
{
  on_row_activated (self, GTK_LIST_BOX_ROW (gtk_widget_get_parent (GTK_WIDGET (button))));
}

static void
add_row (ReseauGlobalSearchWindow *self,
         ReseauGlobalSearchHit    *hit,
         GDateTime                *now)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *label;
  g_autofree char *day = hit->day ? reseau_timeline_format_day (hit->day, now) : NULL;
  g_autofree char *subtitle = NULL;
  const char *title = hit->title;

  switch (hit->group)
    {
    case RESEAU_GLOBAL_SEARCH_CONTACTS:
      subtitle = g_strdup (hit->subtitle);
      break;
    case RESEAU_GLOBAL_SEARCH_INTERACTIONS:
      /* TRANSLATORS: an interaction in the search results: its day, its kind, a part of its note */
      subtitle = g_strdup_printf (_("%s · %s · %s"), day,
                                  reseau_interaction_kind_get_label (hit->interaction_kind),
                                  hit->snippet ? hit->snippet : "");
      break;
    case RESEAU_GLOBAL_SEARCH_EVENTS:
      subtitle = g_strdup (day);
      break;
    case RESEAU_GLOBAL_SEARCH_REFERRALS:
    case RESEAU_GLOBAL_SEARCH_N_GROUPS:
    default:
      if (title == NULL)
        title = _("Referral");
      subtitle = hit->subtitle ? g_strdup_printf ("%s · %s", day, hit->subtitle) : g_strdup (day);
      break;
    }

  /* A flat button in each row: Enter or a click opens it, and screen
   * readers (AT-SPI in GTK 4.8 gives list rows no action) can press it. */
  button = gtk_button_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  label = gtk_label_new (title ? title : "");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  if (subtitle != NULL)
    {
      label = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "",
                                  -1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_button_clicked), self, 0);

  g_object_set_data (G_OBJECT (row), "group", GINT_TO_POINTER (hit->group));
  g_object_set_data_full (G_OBJECT (row), "uid", g_strdup (hit->uid), g_free);
  g_object_set_data_full (G_OBJECT (row), "id", g_memdup2 (&hit->id, sizeof hit->id), g_free);
  /* The contact's name for the Timeline's filter. */
  if (hit->group == RESEAU_GLOBAL_SEARCH_CONTACTS)
    g_object_set_data_full (G_OBJECT (row), "name", g_strdup (hit->title), g_free);

  gtk_list_box_append (self->list, row);
}

static void
clear_rows (ReseauGlobalSearchWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
on_searched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ReseauGlobalSearchWindow) self = user_data;
  g_autoptr(ReseauGlobalSearchResults) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;

  results = reseau_global_search_finish (RESEAU_DATABASE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (results == NULL)
    {
      g_warning ("Could not search: %s", error->message);
      return;
    }

  clear_rows (self);
  if (reseau_global_search_results_is_empty (results))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  now = g_date_time_new_now_local ();
  for (guint group = 0; group < RESEAU_GLOBAL_SEARCH_N_GROUPS; group++)
    {
      self->totals[group] = results->totals[group];
      for (guint i = 0; i < results->hits[group]->len; i++)
        add_row (self, g_ptr_array_index (results->hits[group], i), now);
    }
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
on_search_changed (ReseauGlobalSearchWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (reseau_text_is_blank (text) || self->database == NULL)
    {
      clear_rows (self);
      gtk_stack_set_visible_child_name (self->stack, "hint");
      return;
    }

  self->cancellable = g_cancellable_new ();
  reseau_global_search_async (self->database, text, HITS_PER_GROUP, self->cancellable,
                              on_searched, g_object_ref (self));
}

static void
on_row_activated (ReseauGlobalSearchWindow *self,
                  GtkListBoxRow            *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "id");

  g_signal_emit (self, signals[HIT_ACTIVATED], 0, row_group (row),
                 g_object_get_data (G_OBJECT (row), "uid"),
                 g_object_get_data (G_OBJECT (row), "name"),
                 id != NULL ? *id : (gint64) 0);
  gtk_window_close (GTK_WINDOW (self));
}

/* Enter in the entry opens the first result. */
static void
on_entry_activate (ReseauGlobalSearchWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  if (first != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") == 0)
    on_row_activated (self, first);
}

static gboolean
is_down (guint keyval)
{
  return keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down;
}

static gboolean
is_up (guint keyval)
{
  return keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up;
}

static gboolean
showing_results (ReseauGlobalSearchWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "results") == 0;
}

/* The focus is on a result's button, never on the row itself: the button
 * is what Enter presses and what screen readers can act on. */
static gboolean
focus_result (ReseauGlobalSearchWindow *self,
              int                       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, index);

  if (row == NULL)
    return FALSE;

  return gtk_widget_grab_focus (gtk_list_box_row_get_child (row));
}

static int
n_results (ReseauGlobalSearchWindow *self)
{
  int n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;

  return n;
}

/* Down in the entry moves to the first result, Up to the last. */
static gboolean
on_entry_key_pressed (GtkEventControllerKey    *controller,
                      guint                     keyval,
                      guint                     keycode,
                      GdkModifierType           state,
                      ReseauGlobalSearchWindow *self)
{
  if (!showing_results (self))
    return GDK_EVENT_PROPAGATE;

  if (is_down (keyval))
    return focus_result (self, 0) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
  if (is_up (keyval))
    return focus_result (self, n_results (self) - 1) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;

  return GDK_EVENT_PROPAGATE;
}

/* Down and Up in the results go from row to row whatever their group
 * (the headings are not rows); Up from the first goes back to the entry. */
static gboolean
on_list_key_pressed (GtkEventControllerKey    *controller,
                     guint                     keyval,
                     guint                     keycode,
                     GdkModifierType           state,
                     ReseauGlobalSearchWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row;
  int index;

  if (!is_down (keyval) && !is_up (keyval))
    return GDK_EVENT_PROPAGATE;
  if (focus == NULL || (row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW)) == NULL)
    return GDK_EVENT_PROPAGATE;

  index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  if (is_down (keyval))
    {
      focus_result (self, index + 1);
      return GDK_EVENT_STOP;
    }

  if (index == 0 || !focus_result (self, index - 1))
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));

  return GDK_EVENT_STOP;
}

static void
reseau_global_search_window_dispose (GObject *object)
{
  ReseauGlobalSearchWindow *self = RESEAU_GLOBAL_SEARCH_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->database);

  /* The stack is the window's child: taken out through the window first,
   * so that the window forgets it before the template drops it. The entry
   * stays with the header bar, which unparents it itself. */
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_GLOBAL_SEARCH_WINDOW);

  G_OBJECT_CLASS (reseau_global_search_window_parent_class)->dispose (object);
}

static void
reseau_global_search_window_class_init (ReseauGlobalSearchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_global_search_window_dispose;

  signals[HIT_ACTIVATED] = g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                                         G_TYPE_INT, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-global-search.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauGlobalSearchWindow, entry);
  gtk_widget_class_bind_template_child (widget_class, ReseauGlobalSearchWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauGlobalSearchWindow, list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, gtk_window_close);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
reseau_global_search_window_init (ReseauGlobalSearchWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *list_keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->list, update_header, self, NULL);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  /* Before the list box's own keys, which would move a cursor over rows
   * that cannot take the focus. */
  gtk_event_controller_set_propagation_phase (list_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (list_keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), list_keys);

  /* Typing while a result has the focus still searches; and the entry has
   * the focus to begin with, not the first focusable widget in the title
   * bar. */
  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self));
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->entry));
}

GtkWidget *
reseau_global_search_window_new (GtkWindow      *parent,
                                 ReseauDatabase *database)
{
  ReseauGlobalSearchWindow *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (database == NULL || RESEAU_IS_DATABASE (database), NULL);

  self = g_object_new (RESEAU_TYPE_GLOBAL_SEARCH_WINDOW, "transient-for", parent, NULL);
  g_set_object (&self->database, database);

  return GTK_WIDGET (self);
}
