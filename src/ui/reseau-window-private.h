/* reseau-window-private.h — shared by reseau-window.c and reseau-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "reseau-sync-controller.h"
#include "reseau-window.h"

G_BEGIN_DECLS

struct _ReseauWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkButton            *back_button;
  GtkButton            *new_button;
  GtkToggleButton      *search_button;
  GtkButton            *edit_button;
  GtkButton            *delete_button;
  GtkButton            *export_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel             *demo_banner;
  AdwViewStack         *view_stack;
  GtkStack             *contacts_stack;
  GtkSpinner           *loading_spinner;
  AdwStatusPage        *error_page;
  GtkButton            *restore_button;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *results_label;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  GtkSingleSelection   *selection;
  GtkStack             *content_stack;
  GtkWidget            *sheet;  /* ReseauContactSheet */
  GtkWidget            *followup_view;  /* ReseauFollowupView */
  GtkWidget            *referrals_view; /* ReseauReferralsView */
  GtkWidget            *events_view;    /* ReseauEventsView */
  GtkWidget            *network_view;   /* ReseauNetworkView */
  GtkWidget            *timeline_view;  /* ReseauTimelineView */
  GtkButton            *sync_button;
  GtkStack             *sync_button_stack;
  GtkSpinner           *sync_spinner;
  GtkRevealer          *sync_progress_revealer;
  GtkProgressBar       *sync_progress_bar;
  GtkRevealer          *sync_banner;
  GtkLabel             *sync_banner_label;
  GtkButton            *sync_banner_button;

  /* Owned */
  GCancellable         *cancellable;
  GSettings            *settings;
  ReseauDatabase       *database;
  ReseauContactStore   *store;
  char                 *current_uid;      /* the contact the sheet shows */
  guint                 spinner_timeout_id;
  GPtrArray            *pending_import;   /* GFile*, waiting for the database */
  ReseauSyncController *sync_controller;  /* the application's, or NULL */
  guint                 long_sync_id;     /* shows the progress bar of a long sync */
  gint64                banner_account_id;
  ReseauSyncRemedy      banner_remedy;
  char                 *banner_details;   /* the refused cards, one a line */

  /* Borrowed: the undo toast on screen, cleared when it is dismissed */
  AdwToast             *undo_toast;
  /* Borrowed: cleared when they are destroyed */
  GtkWindow            *import_dialog;
  GtkWindow            *duplicates_window;
  GtkWindow            *deletion_dialog;  /* asks to confirm a mass deletion */

  guint                 demo : 1;
  guint                 database_failed : 1;
  guint                 store_settled : 1;
  guint                 selecting : 1;     /* the selection changes by program, not by the user */
  guint                 reveal_current : 1; /* scroll to current_uid once the store has settled */
};

/* reseau-window-bench.c: only when RESEAU_BENCH is set */
void reseau_window_bench_attach     (ReseauWindow *self);

/* reseau-window.c */
void reseau_window_show_contact     (ReseauWindow *self,
                                     const char   *uid,
                                     gboolean      navigate);
void reseau_window_clear_contact    (ReseauWindow *self);
/* Shows uid and selects it in the list once the reloaded store has settled. */
void reseau_window_reload_and_select (ReseauWindow *self,
                                      const char   *uid);
void reseau_window_update_actions   (ReseauWindow *self);

/* reseau-window-actions.c */
void reseau_window_class_init_actions (GtkWidgetClass *widget_class);
/* The “Log Interaction” window, with uid as its first participant (or none). */
void reseau_window_log_interaction    (ReseauWindow   *self,
                                       const char     *uid,
                                       const char     *display_name);
void reseau_window_empty_trash        (ReseauWindow   *self);
/* Makes toast the one Undo on offer: the previous one is dismissed first,
 * and the trash is emptied when this one goes. */
void reseau_window_offer_undo         (ReseauWindow   *self,
                                       AdwToast       *toast);
/* Dismisses the Undo on offer, which empties the trash: before anything
 * else goes to the trash. */
void reseau_window_end_undo           (ReseauWindow   *self);
/* The database changed behind the list and the sheet (an import, a merge). */
void reseau_window_contacts_changed   (ReseauWindow   *self);
/* Starts the import dialog now: the database is open. */
void reseau_window_start_import       (ReseauWindow   *self,
                                       GPtrArray      *files);

/* reseau-window-export.c */
void reseau_window_class_init_export  (GtkWidgetClass *widget_class);

/* reseau-window-sync.c */
void reseau_window_class_init_sync    (GtkWidgetClass *widget_class);
/* Watches the application's sync controller (NULL: no sync). */
void reseau_window_init_sync          (ReseauWindow   *self,
                                       ReseauSyncController *controller);
void reseau_window_dispose_sync       (ReseauWindow   *self);
/* Whether win.sync can run now. */
gboolean reseau_window_can_sync       (ReseauWindow   *self);
/* A contact changed here: the phone gets it shortly. */
void reseau_window_schedule_sync      (ReseauWindow   *self);

/* reseau-window-drop.c */
void reseau_window_init_drop          (ReseauWindow   *self);

G_END_DECLS
