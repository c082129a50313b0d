/* reseau-contact-picker.c — a button that chooses one contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list in the popover is a stack of models, so that it stays as light
 * with 100,000 contacts as with ten:
 *
 *   ReseauContactStore   every contact matching the typed query, items made
 *          │             only for the rows the list view asks for
 *   ReseauPickerModel    the same list without the contact being edited
 *          │
 *   GtkNoSelection → GtkListView
 *
 * A GtkFilterListModel could drop the edited contact too, but it would ask
 * the store for every item to test it, making all 100,000 of them.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "reseau-contact-picker.h"

/* ReseauPickerModel: private to the picker. */

#define RESEAU_TYPE_PICKER_MODEL (reseau_picker_model_get_type ())

G_DECLARE_FINAL_TYPE (ReseauPickerModel, reseau_picker_model, RESEAU, PICKER_MODEL, GObject)

struct _ReseauPickerModel
{
  GObject             parent_instance;

  ReseauContactStore *store;
  char               *excluded_uid;
  guint               excluded_position;
  guint               n_items;
};

static void reseau_picker_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ReseauPickerModel, reseau_picker_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      reseau_picker_model_list_model_init))

static GType
reseau_picker_model_get_item_type (GListModel *model)
{
  return RESEAU_TYPE_CONTACT_ITEM;
}

static guint
reseau_picker_model_get_n_items (GListModel *model)
{
  return RESEAU_PICKER_MODEL (model)->n_items;
}

static gpointer
reseau_picker_model_get_item (GListModel *model,
                              guint       position)
{
  ReseauPickerModel *self = RESEAU_PICKER_MODEL (model);

  if (position >= self->n_items)
    return NULL;

  if (self->excluded_position != GTK_INVALID_LIST_POSITION &&
      position >= self->excluded_position)
    position++;

  return g_list_model_get_item (G_LIST_MODEL (self->store), position);
}

static void
reseau_picker_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = reseau_picker_model_get_item_type;
  iface->get_n_items = reseau_picker_model_get_n_items;
  iface->get_item = reseau_picker_model_get_item;
}

static guint
find_excluded (ReseauPickerModel *self)
{
  if (self->excluded_uid == NULL)
    return GTK_INVALID_LIST_POSITION;

  return reseau_contact_store_find_uid (self->store, self->excluded_uid);
}

static void
reseau_picker_model_resync (ReseauPickerModel *self)
{
  guint old_n_items = self->n_items;
  guint n_store = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  self->excluded_position = find_excluded (self);
  self->n_items = n_store - (self->excluded_position != GTK_INVALID_LIST_POSITION ? 1 : 0);

  if (old_n_items > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
}

static void
on_store_items_changed (ReseauPickerModel *self,
                        guint              position,
                        guint              removed,
                        guint              added,
                        GListModel        *store)
{
  guint excluded = find_excluded (self);

  /* The common case, the edited contact shown neither before nor after,
   * passes through unchanged; anything else is rare enough to resync. */
  if (excluded == GTK_INVALID_LIST_POSITION &&
      self->excluded_position == GTK_INVALID_LIST_POSITION)
    {
      self->n_items = g_list_model_get_n_items (store);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  reseau_picker_model_resync (self);
}

static void
reseau_picker_model_finalize (GObject *object)
{
  ReseauPickerModel *self = (ReseauPickerModel *)object;

  g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->excluded_uid, g_free);

  G_OBJECT_CLASS (reseau_picker_model_parent_class)->finalize (object);
}

static void
reseau_picker_model_class_init (ReseauPickerModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = reseau_picker_model_finalize;
}

static void
reseau_picker_model_init (ReseauPickerModel *self)
{
  self->excluded_position = GTK_INVALID_LIST_POSITION;
}

static ReseauPickerModel *
reseau_picker_model_new (ReseauContactStore *store)
{
  ReseauPickerModel *self = g_object_new (RESEAU_TYPE_PICKER_MODEL, NULL);

  self->store = g_object_ref (store);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_signal_connect_object (store, "items-changed",
                           G_CALLBACK (on_store_items_changed), self,
                           G_CONNECT_SWAPPED);
  reseau_picker_model_resync (self);

  return self;
}

static void
reseau_picker_model_set_excluded_uid (ReseauPickerModel *self,
                                      const char        *uid)
{
  if (g_strcmp0 (self->excluded_uid, uid) == 0)
    return;

  g_free (self->excluded_uid);
  self->excluded_uid = g_strdup (uid);
  reseau_picker_model_resync (self);
}

/* ReseauContactPicker */

struct _ReseauContactPicker
{
  GtkWidget           parent_instance;

  /* Children */
  GtkMenuButton      *button;
  GtkLabel           *button_label;
  GtkPopover         *popover;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkButton          *clear_button;

  /* Owned */
  ReseauDatabase     *database;
  ReseauContactStore *store;
  ReseauPickerModel  *model;
  GCancellable       *cancellable;
  char               *uid;
  char               *display_name;
  char               *excluded_uid;
  char               *empty_text;    /* instead of "Nobody", or NULL */
};

G_DEFINE_FINAL_TYPE (ReseauContactPicker, reseau_contact_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_UID,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
update_button (ReseauContactPicker *self)
{
  if (self->uid == NULL)
    {
      gtk_label_set_label (self->button_label, self->empty_text != NULL ? self->empty_text : _("Nobody"));
      gtk_widget_add_css_class (GTK_WIDGET (self->button_label), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->button_label,
                           self->display_name != NULL ? self->display_name : "…");
      gtk_widget_remove_css_class (GTK_WIDGET (self->button_label), "dim-label");
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), self->uid != NULL);
}

static void
set_display_name (ReseauContactPicker *self,
                  const char          *display_name)
{
  if (g_strcmp0 (self->display_name, display_name) == 0)
    return;

  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

static void
on_name_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ReseauContactPicker) self = user_data;
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  contact = reseau_database_load_contact_finish (RESEAU_DATABASE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (contact != NULL)
    set_display_name (self, reseau_contact_get_display_name (contact));
  else if (g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND))
    set_display_name (self, _("Unknown contact"));
  else
    g_warning ("Could not load the introducing contact: %s", error->message);
}

static void
on_list_activate (ReseauContactPicker *self,
                  guint                position)
{
  g_autoptr(ReseauContactItem) item = NULL;

  item = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (item == NULL)
    return;

  reseau_contact_picker_set_contact (self,
                                     reseau_contact_item_get_uid (item),
                                     reseau_contact_item_get_display_name (item));
  gtk_popover_popdown (self->popover);
}

static void
on_search_activate (ReseauContactPicker *self)
{
  if (self->model != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    on_list_activate (self, 0);
}

static void
on_search_changed (ReseauContactPicker *self)
{
  if (self->store != NULL)
    reseau_contact_store_set_query (self->store,
                                    gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
update_list_stack (ReseauContactPicker *self)
{
  /* "No contacts found" only once the store has answered, not while the
   * first summaries are still on their way. */
  gboolean empty = self->model == NULL ||
                   (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0 &&
                    !reseau_contact_store_get_loading (self->store));

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

static void
on_popover_show (ReseauContactPicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (self->database != NULL && self->store == NULL)
    {
      g_autoptr(GtkNoSelection) selection = NULL;

      self->store = reseau_contact_store_new (self->database);
      self->model = reseau_picker_model_new (self->store);
      reseau_picker_model_set_excluded_uid (self->model, self->excluded_uid);
      g_signal_connect_object (self->model, "items-changed",
                               G_CALLBACK (update_list_stack), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "notify::loading",
                               G_CALLBACK (update_list_stack), self,
                               G_CONNECT_SWAPPED);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
      reseau_contact_store_reload (self->store);
    }
  else if (self->store != NULL)
    {
      /* Contacts may have been added or renamed since the last time. */
      reseau_contact_store_set_query (self->store, NULL);
      reseau_contact_store_reload (self->store);
    }

  update_list_stack (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_clear_clicked (ReseauContactPicker *self)
{
  reseau_contact_picker_set_contact (self, NULL, NULL);
  gtk_popover_popdown (self->popover);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *avatar = adw_avatar_new (32, NULL, TRUE);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");

  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  ReseauContactItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *avatar = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (avatar);
  GtkWidget *name = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (name);
  const char *display_name = reseau_contact_item_get_display_name (item);
  const char *sub = reseau_contact_item_get_subtitle (item);

  adw_avatar_set_text (ADW_AVATAR (avatar), display_name);
  adw_avatar_set_icon_name (ADW_AVATAR (avatar),
                            reseau_contact_item_get_kind (item) == RESEAU_CONTACT_KIND_ORGANIZATION
                              ? "system-users-symbolic" : "avatar-default-symbolic");
  gtk_label_set_label (GTK_LABEL (name), display_name);
  gtk_label_set_label (GTK_LABEL (subtitle), sub != NULL ? sub : "");
  gtk_widget_set_visible (subtitle, sub != NULL && *sub != '\0');
}

static void
build_children (ReseauContactPicker *self)
{
  GtkWidget *button_box;
  GtkWidget *arrow;
  GtkWidget *content;
  GtkWidget *scroller;
  GtkWidget *empty_label;
  g_autoptr(GtkListItemFactory) factory = NULL;

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose a Contact"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a Contact"),
                                  -1);

  button_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->button_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->button_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->button_label, 20);
  arrow = gtk_image_new_from_icon_name ("pan-down-symbolic");
  gtk_box_append (GTK_BOX (button_box), GTK_WIDGET (self->button_label));
  gtk_box_append (GTK_BOX (button_box), arrow);
  gtk_menu_button_set_child (self->button, button_box);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (content, 300, -1);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry,
                "placeholder-text", _("Search contacts"),
                NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search contacts"),
                                  -1);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate",
                            G_CALLBACK (on_search_activate), self);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->search_entry));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);

  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, g_steal_pointer (&factory)));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Contacts"),
                                  -1);
  g_signal_connect_swapped (self->list_view, "activate",
                            G_CALLBACK (on_list_activate), self);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scroller, -1, 300);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list_view));

  empty_label = gtk_label_new (_("No contacts found"));
  gtk_widget_add_css_class (empty_label, "dim-label");

  self->list_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->list_stack, scroller, "list");
  gtk_stack_add_named (self->list_stack, empty_label, "empty");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->list_stack));

  self->clear_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Clear")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->clear_button), _("Nobody introduced us"));
  g_signal_connect_swapped (self->clear_button, "clicked",
                            G_CALLBACK (on_clear_clicked), self);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->clear_button));

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, content);
  g_signal_connect_swapped (self->popover, "show",
                            G_CALLBACK (on_popover_show), self);
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
}

static void
reseau_contact_picker_dispose (GObject *object)
{
  ReseauContactPicker *self = (ReseauContactPicker *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->button != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->button));
      self->button = NULL;
    }

  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (reseau_contact_picker_parent_class)->dispose (object);
}

static void
reseau_contact_picker_finalize (GObject *object)
{
  ReseauContactPicker *self = (ReseauContactPicker *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->excluded_uid, g_free);
  g_clear_pointer (&self->empty_text, g_free);

  G_OBJECT_CLASS (reseau_contact_picker_parent_class)->finalize (object);
}

static void
reseau_contact_picker_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ReseauContactPicker *self = RESEAU_CONTACT_PICKER (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reseau_contact_picker_class_init (ReseauContactPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_contact_picker_dispose;
  object_class->finalize = reseau_contact_picker_finalize;
  object_class->get_property = reseau_contact_picker_get_property;

  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
reseau_contact_picker_init (ReseauContactPicker *self)
{
  self->cancellable = g_cancellable_new ();
  build_children (self);
  update_button (self);
}

GtkWidget *
reseau_contact_picker_new (void)
{
  return g_object_new (RESEAU_TYPE_CONTACT_PICKER, NULL);
}

void
reseau_contact_picker_set_database (ReseauContactPicker *self,
                                    ReseauDatabase      *database)
{
  g_return_if_fail (RESEAU_IS_CONTACT_PICKER (self));
  g_return_if_fail (database == NULL || RESEAU_IS_DATABASE (database));

  if (self->database == database)
    return;

  g_set_object (&self->database, database);

  /* A store over the old database would offer contacts from elsewhere. */
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
}

void
reseau_contact_picker_set_excluded_uid (ReseauContactPicker *self,
                                        const char          *uid)
{
  g_return_if_fail (RESEAU_IS_CONTACT_PICKER (self));

  if (g_strcmp0 (self->excluded_uid, uid) == 0)
    return;

  g_free (self->excluded_uid);
  self->excluded_uid = g_strdup (uid);

  if (self->model != NULL)
    reseau_picker_model_set_excluded_uid (self->model, uid);
}

const char *
reseau_contact_picker_get_uid (ReseauContactPicker *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_PICKER (self), NULL);

  return self->uid;
}

const char *
reseau_contact_picker_get_display_name (ReseauContactPicker *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_PICKER (self), NULL);

  return self->display_name;
}

void
reseau_contact_picker_set_contact (ReseauContactPicker *self,
                                   const char          *uid,
                                   const char          *display_name)
{
  g_return_if_fail (RESEAU_IS_CONTACT_PICKER (self));

  if (uid != NULL && *uid == '\0')
    uid = NULL;

  /* A name still loading for the previous choice must not land on this one. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (g_strcmp0 (self->uid, uid) != 0)
    {
      g_free (self->uid);
      self->uid = g_strdup (uid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UID]);
    }

  if (uid == NULL)
    {
      set_display_name (self, NULL);
    }
  else if (display_name != NULL)
    {
      set_display_name (self, display_name);
    }
  else
    {
      set_display_name (self, NULL);
      if (self->database != NULL)
        reseau_database_load_contact_async (self->database, uid, self->cancellable,
                                            on_name_loaded, g_object_ref (self));
    }

  update_button (self);
}

void
reseau_contact_picker_set_empty_text (ReseauContactPicker *self,
                                      const char          *empty_text,
                                      const char          *clear_tooltip)
{
  g_return_if_fail (RESEAU_IS_CONTACT_PICKER (self));

  g_free (self->empty_text);
  self->empty_text = g_strdup (empty_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->clear_button), clear_tooltip);
  update_button (self);
}
