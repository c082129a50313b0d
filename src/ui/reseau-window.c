/* reseau-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "reseau-application.h"
#include "reseau-contact-row.h"
#include "reseau-contact-sheet.h"
#include "reseau-events-view.h"
#include "reseau-followup-view.h"
#include "reseau-global-search.h"
#include "reseau-network-view.h"
#include "reseau-referrals-view.h"
#include "reseau-timeline-view.h"
#include "reseau-window-private.h"

/* The contact list stacks, from the database up:
 *
 *   ReseauContactStore   (all summaries, filtered by the search query)
 *     └ GtkSingleSelection (the selected row; the sheet shows current_uid,
 *                           which survives the row scrolling out or being
 *                           filtered away)
 *         └ GtkListView      (ReseauContactRow widgets, recycled)
 */

G_DEFINE_FINAL_TYPE (ReseauWindow, reseau_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const view_names[] = { "contacts", "timeline", "follow-up", "referrals", "events", "network", NULL };

gboolean
reseau_window_is_view_name (const char *name)
{
  return name != NULL && g_strv_contains (view_names, name);
}

static gboolean
is_showing_list (ReseauWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "contacts") == 0
         && g_strcmp0 (gtk_stack_get_visible_child_name (self->contacts_stack), "list") == 0;
}

static void
update_header_buttons (ReseauWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean on_content = adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->content_stack);
  gboolean list = is_showing_list (self);
  gboolean contact_shown = list && self->current_uid != NULL && (!folded || on_content);
  gboolean can_search = list && (!folded || !on_content);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), list && folded && on_content);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), can_search);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), contact_shown);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), contact_shown);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), contact_shown);

  /* Typing anywhere in the window starts a search, but only where the
   * list it searches is on screen. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, can_search ? GTK_WIDGET (self) : NULL);
}

static void
on_back_clicked (ReseauWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

void
reseau_window_update_actions (ReseauWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean ready = self->database != NULL && !self->database_failed;
  gboolean has_contact = ready && self->current_uid != NULL;

  gtk_widget_action_set_enabled (widget, "win.new-contact", ready);
  gtk_widget_action_set_enabled (widget, "win.import", ready);
  gtk_widget_action_set_enabled (widget, "win.search", ready);
  gtk_widget_action_set_enabled (widget, "win.export", ready);
  gtk_widget_action_set_enabled (widget, "win.find-duplicates", ready);
  gtk_widget_action_set_enabled (widget, "win.log-interaction", ready);
  gtk_widget_action_set_enabled (widget, "win.edit-interaction", ready);
  gtk_widget_action_set_enabled (widget, "win.delete-interaction", ready);
  gtk_widget_action_set_enabled (widget, "win.record-referral", ready);
  gtk_widget_action_set_enabled (widget, "win.add-referral", ready);
  gtk_widget_action_set_enabled (widget, "win.new-event", ready);
  gtk_widget_action_set_enabled (widget, "win.edit-contact", has_contact);
  gtk_widget_action_set_enabled (widget, "win.delete-contact", has_contact);
  gtk_widget_action_set_enabled (widget, "win.export-contact", has_contact);
  gtk_widget_action_set_enabled (widget, "win.sync", ready && reseau_window_can_sync (self));

  update_header_buttons (self);
}

static gboolean
start_spinner_cb (gpointer user_data)
{
  ReseauWindow *self = user_data;

  self->spinner_timeout_id = 0;
  gtk_spinner_start (self->loading_spinner);

  return G_SOURCE_REMOVE;
}

static void
update_contacts_page (ReseauWindow *self)
{
  const char *page;

  if (self->database_failed)
    page = "error";
  else if (self->store == NULL || !self->store_settled)
    page = "loading";
  else if (reseau_contact_store_get_n_total (self->store) == 0)
    page = "empty";
  else
    page = "list";

  /* Opening usually takes a few milliseconds: a spinner that flashes for
   * that long is noise, so it only turns once the wait is noticeable. */
  if (g_str_equal (page, "loading"))
    {
      if (self->spinner_timeout_id == 0 && !gtk_spinner_get_spinning (self->loading_spinner))
        self->spinner_timeout_id = g_timeout_add (400, start_spinner_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
      gtk_spinner_stop (self->loading_spinner);
    }

  gtk_stack_set_visible_child_name (self->contacts_stack, page);
}

static void
update_search_status (ReseauWindow *self)
{
  const char *query = NULL;
  guint n_items = 0;
  gboolean searching;

  if (self->store != NULL)
    {
      query = reseau_contact_store_get_query (self->store);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
    }

  searching = query != NULL && *query != '\0';

  if (searching && !reseau_contact_store_get_loading (self->store))
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u result", "%u results", n_items),
                                               n_items);

      gtk_label_set_label (self->results_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->results_label), n_items > 0);
      gtk_stack_set_visible_child_name (self->list_stack, n_items > 0 ? "list" : "no-results");
    }
  else if (!searching)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->results_label), FALSE);
      gtk_stack_set_visible_child_name (self->list_stack, "list");
    }
}

static void
select_current (ReseauWindow *self)
{
  guint position = GTK_INVALID_LIST_POSITION;

  if (self->store != NULL && self->current_uid != NULL)
    position = reseau_contact_store_find_uid (self->store, self->current_uid);

  if (gtk_single_selection_get_selected (self->selection) != position)
    {
      self->selecting = TRUE;
      gtk_single_selection_set_selected (self->selection, position);
      self->selecting = FALSE;
    }

  /* Only after a save or an Undo: while the user types a search, the list
   * stays at its top results rather than following the open contact. */
  if (self->reveal_current && position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  self->reveal_current = FALSE;
}

static void
on_store_settled (ReseauWindow *self)
{
  self->store_settled = TRUE;

  select_current (self);
  update_search_status (self);
  update_contacts_page (self);
}

static void
on_store_n_total_changed (ReseauWindow *self)
{
  if (self->store_settled)
    update_contacts_page (self);
}

/* The list's order is a setting: win.contacts-sort, in the primary menu.
 * Its strengths are read on the local date each time. */
static void
apply_contacts_sort (ReseauWindow *self)
{
  g_autofree char *sort = g_settings_get_string (self->settings, "contacts-sort");

  if (self->store != NULL)
    reseau_contact_store_set_sort_by_strength (self->store, g_str_equal (sort, "strength"), NULL);
}

static void
on_search_changed (ReseauWindow *self)
{
  /* The store answers within a frame: no debounce, so that every key
   * narrows the list at once. */
  if (self->store != NULL)
    reseau_contact_store_set_query (self->store, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_mode_changed (ReseauWindow *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

void
reseau_window_show_contact (ReseauWindow *self,
                            const char   *uid,
                            gboolean      navigate)
{
  g_assert (RESEAU_IS_WINDOW (self));
  g_assert (uid != NULL);

  if (g_strcmp0 (self->current_uid, uid) != 0)
    {
      g_free (self->current_uid);
      self->current_uid = g_strdup (uid);
      reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), uid);
    }

  gtk_stack_set_visible_child_name (self->content_stack, "sheet");

  if (navigate)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));

  reseau_window_update_actions (self);
}

void
reseau_window_clear_contact (ReseauWindow *self)
{
  g_assert (RESEAU_IS_WINDOW (self));

  g_clear_pointer (&self->current_uid, g_free);
  reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), NULL);
  gtk_stack_set_visible_child_name (self->content_stack, "none");
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;

  reseau_window_update_actions (self);
}

void
reseau_window_reload_and_select (ReseauWindow *self,
                                 const char   *uid)
{
  g_assert (RESEAU_IS_WINDOW (self));
  g_assert (uid != NULL);

  /* The sheet may already show this uid with what was there before the
   * change: make it load again. */
  if (g_strcmp0 (self->current_uid, uid) == 0)
    {
      reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), NULL);
      reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), uid);
    }

  reseau_window_show_contact (self, uid, FALSE);

  self->reveal_current = TRUE;
  if (self->store != NULL)
    reseau_contact_store_reload (self->store);
}

void
reseau_window_contacts_changed (ReseauWindow *self)
{
  g_assert (RESEAU_IS_WINDOW (self));

  /* The sheet may show a contact that was merged into another or updated
   * by the import: it loads again, or goes when the contact is gone (the
   * sheet then says it was not found). */
  if (self->current_uid != NULL)
    {
      g_autofree char *uid = g_strdup (self->current_uid);

      reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), NULL);
      reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), uid);
    }

  if (self->store != NULL)
    reseau_contact_store_reload (self->store);

  reseau_followup_view_reload (RESEAU_FOLLOWUP_VIEW (self->followup_view));
  reseau_timeline_view_reload (RESEAU_TIMELINE_VIEW (self->timeline_view));
  reseau_referrals_view_reload (RESEAU_REFERRALS_VIEW (self->referrals_view));
  reseau_events_view_reload (RESEAU_EVENTS_VIEW (self->events_view));
  reseau_network_view_reload (RESEAU_NETWORK_VIEW (self->network_view));
}

void
reseau_window_import_files (ReseauWindow *self,
                            GPtrArray    *files)
{
  g_return_if_fail (RESEAU_IS_WINDOW (self));
  g_return_if_fail (files != NULL);

  if (files->len == 0)
    return;

  if (self->database != NULL && !self->database_failed)
    {
      reseau_window_start_import (self, files);
      return;
    }

  /* Opened from the file manager while the database still opens: the
   * import waits for it rather than being lost. */
  if (self->pending_import == NULL)
    self->pending_import = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (self->pending_import, g_object_ref (g_ptr_array_index (files, i)));
}

static void
on_selected_changed (ReseauWindow *self)
{
  ReseauContactItem *item;

  /* An empty selection keeps the sheet: it happens when the search
   * filters the contact away, and the user is still reading it. */
  if (self->selecting)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item == NULL)
    return;

  reseau_window_show_contact (self, reseau_contact_item_get_uid (item), TRUE);
}

static void
on_row_activated (ReseauWindow *self,
                  guint         position)
{
  g_autoptr(ReseauContactItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    reseau_window_show_contact (self, reseau_contact_item_get_uid (item), TRUE);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (list_item, reseau_contact_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  reseau_contact_row_set_item (RESEAU_CONTACT_ROW (gtk_list_item_get_child (list_item)),
                               gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  reseau_contact_row_set_item (RESEAU_CONTACT_ROW (gtk_list_item_get_child (list_item)), NULL);
}

void
reseau_window_set_database (ReseauWindow   *self,
                            ReseauDatabase *database)
{
  g_return_if_fail (RESEAU_IS_WINDOW (self));
  g_return_if_fail (database == NULL || RESEAU_IS_DATABASE (database));

  self->database_failed = FALSE;

  if (self->database != database)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_data (self->store, self);
      gtk_single_selection_set_model (self->selection, NULL);
      g_clear_object (&self->store);
      g_set_object (&self->database, database);
      self->store_settled = FALSE;

      reseau_contact_sheet_set_database (RESEAU_CONTACT_SHEET (self->sheet), database);
      reseau_followup_view_set_database (RESEAU_FOLLOWUP_VIEW (self->followup_view),
                                         database, self->cancellable);
      reseau_timeline_view_set_database (RESEAU_TIMELINE_VIEW (self->timeline_view), database);
      if (database != NULL)
        reseau_referrals_view_set_database (RESEAU_REFERRALS_VIEW (self->referrals_view),
                                            database, self->cancellable);
      reseau_events_view_set_database (RESEAU_EVENTS_VIEW (self->events_view),
                                       database, self->cancellable);
      reseau_network_view_set_database (RESEAU_NETWORK_VIEW (self->network_view),
                                        database, self->cancellable);
      reseau_window_clear_contact (self);

      if (database != NULL)
        {
          self->store = reseau_contact_store_new (database);
          g_signal_connect_swapped (self->store, "settled", G_CALLBACK (on_store_settled), self);
          g_signal_connect_swapped (self->store, "notify::n-total", G_CALLBACK (on_store_n_total_changed), self);
          gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->store));
          reseau_contact_store_set_query (self->store, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
          reseau_contact_store_reload (self->store);
          apply_contacts_sort (self);
        }
    }

  update_contacts_page (self);
  reseau_window_update_actions (self);

  if (database != NULL && self->pending_import != NULL)
    {
      g_autoptr(GPtrArray) files = g_steal_pointer (&self->pending_import);

      reseau_window_start_import (self, files);
    }
}

void
reseau_window_set_database_error (ReseauWindow *self,
                                  const GError *error,
                                  gboolean      can_restore)
{
  const char *title = _("Your contacts could not be opened");

  g_return_if_fail (RESEAU_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  reseau_window_set_database (self, NULL);
  self->database_failed = TRUE;

  if (error->domain == RESEAU_DATABASE_ERROR)
    {
      switch ((ReseauDatabaseError) error->code)
        {
        case RESEAU_DATABASE_ERROR_NEWER_SCHEMA:
          title = _("Your contacts need a newer version of Réseau");
          break;
        case RESEAU_DATABASE_ERROR_CORRUPT:
          title = _("Your contacts are damaged");
          break;
        case RESEAU_DATABASE_ERROR_NOT_WRITABLE:
          title = _("Your contacts cannot be saved");
          break;
        case RESEAU_DATABASE_ERROR_FAILED:
        case RESEAU_DATABASE_ERROR_NOT_FOUND:
        case RESEAU_DATABASE_ERROR_EMPTY_CONTACT:
        case RESEAU_DATABASE_ERROR_DUPLICATE_UID:
        case RESEAU_DATABASE_ERROR_ALREADY_EXISTS:
        default:
          break;
        }
    }

  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), can_restore);

  update_contacts_page (self);
  reseau_window_update_actions (self);
}

void
reseau_window_show_view (ReseauWindow *self,
                         const char   *name)
{
  g_return_if_fail (RESEAU_IS_WINDOW (self));

  if (!reseau_window_is_view_name (name))
    name = "contacts";

  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
save_window_state (ReseauWindow *self)
{
  int width, height;

  /* A demo window leaves no trace, not even its size. */
  if (self->demo)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_string (self->settings, "last-view", adw_view_stack_get_visible_child_name (self->view_stack));
  g_settings_apply (self->settings);
}

static gboolean
on_close_request (ReseauWindow *self)
{
  save_window_state (self);

  /* Closing the window is the end of every pending Undo. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  reseau_window_empty_trash (self);

  return GDK_EVENT_PROPAGATE;
}

static void
reseau_window_dispose (GObject *object)
{
  ReseauWindow *self = RESEAU_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->spinner_timeout_id, g_source_remove);
  reseau_window_dispose_sync (self);

  /* They work on this window's database and report to it. */
  if (self->import_dialog != NULL)
    gtk_window_destroy (self->import_dialog);
  g_clear_weak_pointer (&self->import_dialog);
  if (self->duplicates_window != NULL)
    gtk_window_destroy (self->duplicates_window);
  g_clear_weak_pointer (&self->duplicates_window);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  /* Taking the template apart changes stacks and the selection: nothing
   * must react to that any more. */
  if (self->view_stack != NULL)
    {
      GObject *emitters[] = {
        G_OBJECT (self->view_stack), G_OBJECT (self->contacts_stack), G_OBJECT (self->leaflet),
        G_OBJECT (self->selection), G_OBJECT (self->search_entry), G_OBJECT (self->search_bar),
        G_OBJECT (self->list_view), G_OBJECT (self->back_button), G_OBJECT (self->sheet),
      };

      for (guint i = 0; i < G_N_ELEMENTS (emitters); i++)
        g_signal_handlers_disconnect_by_data (emitters[i], self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_WINDOW);

  g_clear_object (&self->store);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->current_uid, g_free);
  g_clear_pointer (&self->pending_import, g_ptr_array_unref);
  self->undo_toast = NULL;

  G_OBJECT_CLASS (reseau_window_parent_class)->dispose (object);
}

static void
on_followup_log (ReseauWindow *self,
                 const char   *uid,
                 const char   *display_name)
{
  reseau_window_log_interaction (self, uid, display_name);
}

static void
on_followup_open (ReseauWindow *self,
                  const char   *uid)
{
  reseau_window_show_view (self, "contacts");
  reseau_window_reload_and_select (self, uid);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

/* An interaction edited, deleted or restored through the Timeline view
 * (or the sheet's own timeline): the sheet's timeline and strength and the
 * follow-ups depend on it. */
static void
on_timeline_interactions_changed (ReseauWindow *self)
{
  if (self->current_uid != NULL)
    {
      g_autofree char *uid = g_strdup (self->current_uid);

      reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), NULL);
      reseau_contact_sheet_set_uid (RESEAU_CONTACT_SHEET (self->sheet), uid);
    }

  reseau_followup_view_reload (RESEAU_FOLLOWUP_VIEW (self->followup_view));
  /* Strengths, recencies and links on the map come from them too, and
   * the contact list's order when it is by strength. */
  reseau_network_view_reload (RESEAU_NETWORK_VIEW (self->network_view));
  if (self->store != NULL)
    reseau_contact_store_reload_strengths (self->store);
}

/* A referral changed in the Referrals view: the sheet's balance and the
 * "Thank …" follow-ups depend on it. */
static void
on_referrals_changed (ReseauWindow *self)
{
  on_timeline_interactions_changed (self);
}

/* People met at an event were saved as contacts: the list, their
 * follow-ups and the map have them; the phone gets them shortly. */
static void
on_events_contacts_changed (ReseauWindow *self)
{
  reseau_window_contacts_changed (self);
  reseau_window_schedule_sync (self);
}

static void
new_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);

  reseau_window_show_view (self, "events");
  gtk_widget_activate_action (self->events_view, "events.new-event", NULL);
}

/* Ctrl+K: a contact opens its sheet, an event the Events view on it, a
 * referral the Referrals view on it; an interaction opens the Timeline on
 * its (first) contact, or the whole Timeline when it has none. */
static void
on_global_search_hit (ReseauWindow *self,
                      int           group,
                      const char   *uid,
                      const char   *display_name,
                      gint64        id)
{
  if (group == RESEAU_GLOBAL_SEARCH_CONTACTS && uid != NULL)
    {
      reseau_window_show_view (self, "contacts");
      reseau_window_show_contact (self, uid, TRUE);
      return;
    }

  if (group == RESEAU_GLOBAL_SEARCH_EVENTS && id > 0)
    {
      reseau_events_view_show_event (RESEAU_EVENTS_VIEW (self->events_view), id);
      reseau_window_show_view (self, "events");
      return;
    }

  if (group == RESEAU_GLOBAL_SEARCH_REFERRALS && id > 0)
    {
      reseau_referrals_view_show_referral (RESEAU_REFERRALS_VIEW (self->referrals_view), id);
      reseau_window_show_view (self, "referrals");
      return;
    }

  reseau_timeline_view_show_contact (RESEAU_TIMELINE_VIEW (self->timeline_view), uid, display_name);
  reseau_window_show_view (self, "timeline");
}

static void
global_search_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);
  GtkWidget *search = reseau_global_search_window_new (GTK_WINDOW (self), self->database);

  g_signal_connect_object (search, "hit-activated", G_CALLBACK (on_global_search_hit), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (search));
}

/* "Show All" in a contact's Timeline group: the Timeline view, on them. */
static void
show_timeline_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);
  const char *uid = g_variant_get_string (parameter, NULL);
  ReseauContact *contact = reseau_contact_sheet_get_contact (RESEAU_CONTACT_SHEET (self->sheet));
  const char *name = NULL;

  if (contact != NULL && g_strcmp0 (reseau_contact_get_uid (contact), uid) == 0)
    name = reseau_contact_get_display_name (contact);

  reseau_timeline_view_show_contact (RESEAU_TIMELINE_VIEW (self->timeline_view), uid, name);
  reseau_window_show_view (self, "timeline");
}

/* An interaction's Edit and Delete on the contact sheet: the Timeline view
 * does both, with its Undo, and reports through interactions-changed. */
static void
edit_interaction_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);

  reseau_timeline_view_edit_interaction (RESEAU_TIMELINE_VIEW (self->timeline_view),
                                         g_variant_get_int64 (parameter));
}

static void
delete_interaction_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ReseauWindow *self = RESEAU_WINDOW (widget);

  reseau_timeline_view_delete_interaction (RESEAU_TIMELINE_VIEW (self->timeline_view),
                                           g_variant_get_int64 (parameter));
}

static void
reseau_window_class_init (ReseauWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_window_dispose;

  g_type_ensure (RESEAU_TYPE_CONTACT_SHEET);
  g_type_ensure (RESEAU_TYPE_EVENTS_VIEW);
  g_type_ensure (RESEAU_TYPE_FOLLOWUP_VIEW);
  g_type_ensure (RESEAU_TYPE_NETWORK_VIEW);
  g_type_ensure (RESEAU_TYPE_REFERRALS_VIEW);
  g_type_ensure (RESEAU_TYPE_TIMELINE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, contacts_stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, restore_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, results_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, sheet);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, followup_view);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, referrals_view);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, events_view);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, network_view);
  gtk_widget_class_bind_template_child (widget_class, ReseauWindow, timeline_view);

  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, update_header_buttons);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_close_request);
  gtk_widget_class_bind_template_callback (widget_class, on_followup_log);
  gtk_widget_class_bind_template_callback (widget_class, on_followup_open);
  gtk_widget_class_bind_template_callback (widget_class, on_referrals_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_events_contacts_changed);
  gtk_widget_class_bind_template_callback (widget_class, reseau_window_offer_undo);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_interactions_changed);

  gtk_widget_class_install_action (widget_class, "win.show-timeline", "s", show_timeline_action);
  gtk_widget_class_install_action (widget_class, "win.edit-interaction", "x", edit_interaction_action);
  gtk_widget_class_install_action (widget_class, "win.delete-interaction", "x", delete_interaction_action);
  gtk_widget_class_install_action (widget_class, "win.global-search", NULL, global_search_action);
  gtk_widget_class_install_action (widget_class, "win.new-event", NULL, new_event_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.global-search", NULL);

  reseau_window_class_init_actions (widget_class);
  reseau_window_class_init_export (widget_class);
  reseau_window_class_init_sync (widget_class);
}

static void
add_delete_shortcut (GtkWidget *widget)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *trigger;

  /* On the list and the sheet only: in the search entry, Delete must
   * keep deleting text. */
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                         gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new ("win.delete-contact")));
  gtk_widget_add_controller (widget, controller);
}

static void
on_sheet_contact_changed (ReseauWindow *self)
{
  if (self->store != NULL)
    reseau_contact_store_reload (self->store);
  reseau_window_schedule_sync (self);
}

static void
reseau_window_init (ReseauWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);
  {
    g_autoptr(GAction) sort_action = g_settings_create_action (self->settings, "contacts-sort");

    g_action_map_add_action (G_ACTION_MAP (self), sort_action);
  }
  g_signal_connect_object (self->settings, "changed::contacts-sort",
                           G_CALLBACK (apply_contacts_sort), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_object_bind_property (self->search_button, "active",
                          self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_changed), self, G_CONNECT_SWAPPED);

  /* A conflict restored on the sheet changed the contact: the list may
   * show another name, and the phone gets it shortly. */
  g_signal_connect_object (self->sheet, "contact-changed",
                           G_CALLBACK (on_sheet_contact_changed), self, G_CONNECT_SWAPPED);
  /* Emptying the trash for the previous deletion goes before this one. */
  g_signal_connect_object (self->timeline_view, "deleting",
                           G_CALLBACK (reseau_window_end_undo), self, G_CONNECT_SWAPPED);

  add_delete_shortcut (GTK_WIDGET (self->list_view));
  add_delete_shortcut (GTK_WIDGET (self->content_stack));
  reseau_window_init_drop (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  update_contacts_page (self);
  reseau_window_update_actions (self);
}

ReseauWindow *
reseau_window_new (GtkApplication *application,
                   gboolean        demo)
{
  ReseauWindow *self;
  g_autofree char *last_view = NULL;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (RESEAU_TYPE_WINDOW,
                       "application", application,
                       NULL);
  self->demo = !!demo;

  /* The demo network is not the user's: it reminds them of no one. */
  if (!demo)
    reseau_followup_view_set_application (RESEAU_FOLLOWUP_VIEW (self->followup_view),
                                          G_APPLICATION (application));

  reseau_window_init_sync (self, RESEAU_IS_APPLICATION (application)
                                 ? reseau_application_get_sync_controller (RESEAU_APPLICATION (application))
                                 : NULL);

  if (demo)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Réseau — demo network"));
      gtk_widget_set_visible (GTK_WIDGET (self->demo_banner), TRUE);
    }

  last_view = g_settings_get_string (self->settings, "last-view");
  reseau_window_show_view (self, last_view);

  if (g_getenv ("RESEAU_BENCH") != NULL)
    reseau_window_bench_attach (self);

  return self;
}
