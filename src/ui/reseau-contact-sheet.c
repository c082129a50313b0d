/* reseau-contact-sheet.c — one contact, shown read-only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "reseau-contact-reminders.h"
#include "reseau-contact-sheet.h"
#include "reseau-contact-timeline.h"
#include "reseau-value-row.h"

/* How long a load may take before the spinner replaces what is shown:
 * short enough to reassure, long enough not to flash on every click. */
#define SPINNER_DELAY_MS 250

struct _ReseauContactSheet
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *error_page;
  GtkScrolledWindow *scroller;
  AdwAvatar      *avatar;
  GtkLabel       *name_label;
  GtkLabel       *subtitle_label;
  GtkLabel       *kind_badge;
  GtkBox         *groups_box;

  /* Owned */
  ReseauDatabase *database;
  ReseauContact  *contact;
  GCancellable   *cancellable;
  char           *uid;
  char           *shown_uid;
  guint           spinner_id;
  guint           clear_id;
};

G_DEFINE_FINAL_TYPE (ReseauContactSheet, reseau_contact_sheet, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_UID,
  PROP_CONTACT,
  N_PROPS
};

enum {
  OPEN_CONTACT,
  CONTACT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Formatting */

static char *
format_date (int         year,
             int         month,
             int         day,
             gboolean    with_year)
{
  g_autoptr(GDateTime) date = NULL;

  /* 2000 is a leap year, so that a 29 February without year still exists. */
  date = g_date_time_new_local (with_year ? year : 2000, month, day, 12, 0, 0);
  if (date == NULL)
    return NULL;

  if (with_year)
    /* TRANSLATORS: a date with its year, e.g. "12 April 1985"; see
     * g_date_time_format() for the codes (%-e is the day without padding). */
    /* xgettext:no-c-format */
    return g_date_time_format (date, C_("full date", "%-e %B %Y"));
  else
    /* TRANSLATORS: a day of the year without year, e.g. "12 April";
     * see g_date_time_format() for the codes. */
    /* xgettext:no-c-format */
    return g_date_time_format (date, C_("date without year", "%-e %B"));
}

static char *
format_iso_date (const char *iso)
{
  int year, month, day;
  char *formatted = NULL;

  if (iso != NULL &&
      sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) == 3)
    formatted = format_date (year, month, day, TRUE);

  return formatted != NULL ? formatted : g_strdup (iso);
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) when = NULL;

  when = g_date_time_new_from_unix_local (unix_time);
  if (when == NULL)
    return NULL;

  /* TRANSLATORS: a date and time, e.g. "12 April 2024, 14:05"; see
   * g_date_time_format() for the codes. */
  /* xgettext:no-c-format */
  return g_date_time_format (when, C_("date and time", "%-e %B %Y, %H:%M"));
}

/* The parts of the structured name, for when they say more than the
 * display name does (a prefix, middle names, a different full name). */
static char *
compose_structured_name (ReseauContact *contact)
{
  const char *parts[] = {
    reseau_contact_get_prefix (contact),
    reseau_contact_get_given_name (contact),
    reseau_contact_get_additional_names (contact),
    reseau_contact_get_family_name (contact),
    reseau_contact_get_suffix (contact),
  };
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, parts[i]);
    }

  if (name->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* Only web addresses open in a browser: a card from elsewhere must not be
 * able to make a click open a local file or run a program. */
static char *
url_to_uri (const char *url)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);

  if (scheme == NULL)
    return g_strconcat ("https://", url, NULL);

  if (g_ascii_strcasecmp (scheme, "http") == 0 ||
      g_ascii_strcasecmp (scheme, "https") == 0)
    return g_strdup (url);

  return NULL;
}

static char *
phone_to_uri (const char *phone)
{
  GString *uri = g_string_new ("tel:");

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) || *p == '+' || *p == '*' || *p == '#')
      g_string_append_c (uri, *p);

  /* Nothing to dial: the row is shown but does not open anything. */
  if (uri->len == strlen ("tel:"))
    {
      g_string_free (uri, TRUE);
      return NULL;
    }

  return g_string_free (uri, FALSE);
}

static char *
email_to_uri (const char *email)
{
  g_autofree char *escaped = g_uri_escape_string (email, "@", FALSE);

  return g_strconcat ("mailto:", escaped, NULL);
}

/* Rows */

static gboolean
restore_copy_icon (gpointer user_data)
{
  GtkButton *button = user_data;

  gtk_button_set_icon_name (button, "edit-copy-symbolic");

  return G_SOURCE_REMOVE;
}

static void
on_copy_clicked (GtkButton *button,
                 gpointer   user_data)
{
  const char *value = g_object_get_data (G_OBJECT (button), "reseau-value");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), value);

  /* The button itself says it worked, so that the sheet needs no toast
   * overlay of its own. */
  gtk_button_set_icon_name (button, "object-select-symbolic");
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 2, restore_copy_icon,
                              g_object_ref (button), g_object_unref);
}

static void
on_row_activated (AdwActionRow *row,
                  gpointer      user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "reseau-uri");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (row));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static AdwPreferencesGroup *
add_group (ReseauContactSheet *self,
           const char         *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->groups_box, group);

  return ADW_PREFERENCES_GROUP (group);
}

static char *
format_balance (const ReseauReferralBalance *balance)
{
  /* Translators: the referrals given to and received from one person */
  return g_strdup_printf (_("Gave %u · Received %u"), balance->given, balance->received);
}

static void
on_balance_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AdwPreferencesRow) row = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ReseauReferralBalance balance;

  if (!reseau_database_get_referral_balance_finish (RESEAU_DATABASE (object), result, &balance, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not load the referral balance: %s", error->message);
      return;
    }

  text = format_balance (&balance);
  adw_preferences_row_set_title (row, text);
}

static void add_referrals_group (ReseauContactSheet *self,
                                 const char         *uid);

/* A row whose visible title is the value itself, so that both eyes and
 * screen readers get it, with what it is as the subtitle. */
static AdwActionRow *
add_value_row (AdwPreferencesGroup *group,
               const char          *value,
               const char          *subtitle,
               const char          *icon_name,
               const char          *uri,
               gboolean             can_copy)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);

  if (uri != NULL)
    {
      g_object_set_data_full (G_OBJECT (row), "reseau-uri", g_strdup (uri), g_free);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect (row, "activated", G_CALLBACK (on_row_activated), NULL);
    }

  if (can_copy)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      g_autofree char *copy_label = g_strdup_printf (_("Copy “%s”"), value);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Copy"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "reseau-value", g_strdup (value), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_copy_clicked), NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }

  adw_preferences_group_add (group, row);

  return ADW_ACTION_ROW (row);
}

static void
add_referrals_group (ReseauContactSheet *self,
                     const char         *uid)
{
  AdwPreferencesGroup *group = add_group (self, _("Referrals"));
  ReseauReferralBalance none = { 0 };
  g_autofree char *text = format_balance (&none);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Record Referral…"));
  AdwActionRow *row;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.record-referral");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_preferences_group_set_header_suffix (group, button);

  row = add_value_row (group, text, _("Balance"), NULL, NULL, FALSE);
  reseau_database_get_referral_balance_async (self->database, uid, self->cancellable,
                                              on_balance_loaded, g_object_ref (row));
}

static void
add_labeled_values (AdwPreferencesGroup **group,
                    ReseauContactSheet   *self,
                    ReseauContact        *contact,
                    ReseauField           field)
{
  GPtrArray *values = reseau_contact_get_values (contact, field);

  for (guint i = 0; i < values->len; i++)
    {
      const ReseauLabeledValue *lv = g_ptr_array_index (values, i);
      g_autofree char *uri = NULL;
      const char *icon_name = NULL;
      const char *subtitle;

      if (lv->value == NULL || *lv->value == '\0')
        continue;

      switch (field)
        {
        case RESEAU_FIELD_EMAIL:
          uri = email_to_uri (lv->value);
          icon_name = "mail-unread-symbolic";
          break;

        case RESEAU_FIELD_PHONE:
          uri = phone_to_uri (lv->value);
          icon_name = "phone-symbolic";
          break;

        case RESEAU_FIELD_URL:
          uri = url_to_uri (lv->value);
          icon_name = "web-browser-symbolic";
          break;

        case RESEAU_N_FIELDS:
        default:
          g_assert_not_reached ();
        }

      subtitle = reseau_value_label_to_display (lv->label);
      if (subtitle == NULL)
        subtitle = field == RESEAU_FIELD_EMAIL ? _("Email")
                 : field == RESEAU_FIELD_PHONE ? _("Phone")
                 : _("Website");

      if (*group == NULL)
        *group = add_group (self, _("Contact"));

      add_value_row (*group, lv->value, subtitle, icon_name, uri, TRUE);
    }
}

static void
on_introducer_loaded (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(AdwActionRow) row = user_data;
  g_autoptr(ReseauContact) introducer = NULL;
  g_autoptr(GError) error = NULL;

  introducer = reseau_database_load_contact_finish (RESEAU_DATABASE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (introducer != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     reseau_contact_get_display_name (introducer));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
    }
  else
    {
      /* Deleted since, or never imported: say so rather than show a UID. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Unknown contact"));
      if (!g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND))
        g_warning ("Could not load the introducing contact: %s", error->message);
    }
}

static void
on_introducer_activated (AdwActionRow       *row,
                         ReseauContactSheet *self)
{
  const char *uid = g_object_get_data (G_OBJECT (row), "reseau-uid");

  g_signal_emit (self, signals[OPEN_CONTACT], 0, uid);
}

static GtkWidget *
make_tag_chip (const char *tag)
{
  GtkWidget *label = gtk_label_new (tag);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_widget_set_margin_start (label, 10);
  gtk_widget_set_margin_end (label, 10);
  gtk_widget_add_css_class (label, "caption-heading");

  return label;
}

static GtkWidget *
make_tags_box (GPtrArray *tags)
{
  GtkWidget *flow_box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow_box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow_box), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow_box), 30);
  gtk_widget_set_valign (flow_box, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tags"),
                                  -1);

  for (guint i = 0; i < tags->len; i++)
    {
      GtkWidget *chip = make_tag_chip (g_ptr_array_index (tags, i));
      GtkWidget *child = gtk_flow_box_child_new ();

      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), chip);
      gtk_widget_set_focusable (child, FALSE);
      gtk_widget_set_halign (child, GTK_ALIGN_START);
      gtk_widget_add_css_class (child, "card");
      gtk_widget_add_css_class (child, "reseau-tag");
      gtk_flow_box_append (GTK_FLOW_BOX (flow_box), child);
    }

  return flow_box;
}

/* A note longer than this scrolls in a box of its own (see below). Up to
 * it, laying the whole note out at once costs a few milliseconds. */
#define NOTE_INLINE_MAX_BYTES (8 * 1024)
#define NOTE_SCROLL_HEIGHT 480

static GtkWidget *
make_note_view (const char *note)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Notes"),
                                  -1);
  gtk_text_buffer_set_text (buffer, note, -1);

  /* A text view rather than a label: a label measures all its text in one
   * go. A text view lays out what is on screen first and the rest in the
   * background, but only inside a scrolled window of its own; inside the
   * page's, all of it counts as on screen, and a 1 MB note froze the
   * window for most of a second. Short notes show whole, inline. */
  if (strlen (note) > NOTE_INLINE_MAX_BYTES)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                      GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), NOTE_SCROLL_HEIGHT);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
      gtk_frame_set_child (GTK_FRAME (frame), scroller);
    }
  else
    {
      gtk_frame_set_child (GTK_FRAME (frame), view);
    }

  gtk_widget_add_css_class (frame, "reseau-note");

  return frame;
}

/* Building the sheet */

static void
clear_groups (ReseauContactSheet *self)
{
  GtkWidget *child;

  g_object_set_data (G_OBJECT (self), "reseau-conflicts-group", NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
}

static void
show_header (ReseauContactSheet *self,
             ReseauContact      *contact)
{
  const char *display_name = reseau_contact_get_display_name (contact);
  const char *organization = reseau_contact_get_organization (contact);
  const char *title = reseau_contact_get_title (contact);
  const char *role = reseau_contact_get_role (contact);
  gboolean is_organization = reseau_contact_get_kind (contact) == RESEAU_CONTACT_KIND_ORGANIZATION;
  GBytes *photo = reseau_contact_get_photo (contact);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (display_name == NULL || *display_name == '\0')
    display_name = _("Unnamed Contact");

  gtk_label_set_label (self->name_label, display_name);

  if (title != NULL && *title != '\0')
    g_string_append (subtitle, title);
  if (role != NULL && *role != '\0')
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, role);
    }
  /* An organization's own name is already the title of the sheet. */
  if (organization != NULL && *organization != '\0' &&
      !(is_organization && g_strcmp0 (organization, display_name) == 0))
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, organization);
    }
  gtk_label_set_label (self->subtitle_label, subtitle->str);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->kind_badge), is_organization);

  if (photo != NULL)
    {
      g_autoptr(GError) error = NULL;

      texture = gdk_texture_new_from_bytes (photo, &error);
      if (texture == NULL)
        g_debug ("Contact photo not shown: %s", error->message);
    }

  adw_avatar_set_text (self->avatar, display_name);
  adw_avatar_set_icon_name (self->avatar,
                            is_organization ? "x-office-address-book-symbolic"
                                            : "avatar-default-symbolic");
  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
}

static void
show_contact (ReseauContactSheet *self,
              ReseauContact      *contact)
{
  AdwPreferencesGroup *group = NULL;
  GPtrArray *addresses;
  GPtrArray *tags;
  const char *nickname;
  const char *how_met;
  const char *met_on;
  const char *introduced_by;
  const char *note;
  guint cadence;
  int year, month, day;
  g_autofree char *structured_name = NULL;
  g_autoptr(GString) record = NULL;

  clear_groups (self);
  show_header (self, contact);

  /* Contact */
  add_labeled_values (&group, self, contact, RESEAU_FIELD_EMAIL);
  add_labeled_values (&group, self, contact, RESEAU_FIELD_PHONE);
  add_labeled_values (&group, self, contact, RESEAU_FIELD_URL);

  /* Addresses */
  group = NULL;
  addresses = reseau_contact_get_addresses (contact);
  for (guint i = 0; i < addresses->len; i++)
    {
      const ReseauAddress *address = g_ptr_array_index (addresses, i);
      g_autofree char *formatted = NULL;
      const char *label;

      if (reseau_address_is_empty (address))
        continue;

      formatted = reseau_address_format (address);
      label = reseau_value_label_to_display (address->label);
      if (group == NULL)
        group = add_group (self, _("Addresses"));
      add_value_row (group, formatted, label != NULL ? label : _("Address"),
                     "mark-location-symbolic", NULL, TRUE);
    }

  /* Personal */
  group = NULL;
  nickname = reseau_contact_get_nickname (contact);
  if (nickname != NULL && *nickname != '\0')
    {
      group = add_group (self, _("Personal"));
      add_value_row (group, nickname, _("Nickname"), NULL, NULL, FALSE);
    }

  structured_name = compose_structured_name (contact);
  if (structured_name != NULL &&
      g_strcmp0 (structured_name, reseau_contact_get_display_name (contact)) != 0)
    {
      if (group == NULL)
        group = add_group (self, _("Personal"));
      add_value_row (group, structured_name, _("Full name"), NULL, NULL, FALSE);
    }

  if (reseau_contact_get_birthday (contact, &year, &month, &day))
    {
      g_autofree char *birthday = format_date (year, month, day, year != 0);

      if (birthday != NULL)
        {
          if (group == NULL)
            group = add_group (self, _("Personal"));
          add_value_row (group, birthday, _("Birthday"), NULL, NULL, FALSE);
        }
    }

  if (reseau_contact_get_anniversary (contact, &year, &month, &day))
    {
      g_autofree char *anniversary = format_date (year, month, day, year != 0);

      if (anniversary != NULL)
        {
          if (group == NULL)
            group = add_group (self, _("Personal"));
          /* Translators: a wedding or other anniversary (vCard ANNIVERSARY), not the birthday */
          add_value_row (group, anniversary, _("Anniversary"), NULL, NULL, FALSE);
        }
    }

  /* Relationship */
  group = NULL;
  how_met = reseau_contact_get_how_met (contact);
  met_on = reseau_contact_get_met_on (contact);
  introduced_by = reseau_contact_get_introduced_by (contact);
  cadence = reseau_contact_get_cadence_days (contact);

  if ((how_met != NULL && *how_met != '\0') ||
      (met_on != NULL && *met_on != '\0') ||
      (introduced_by != NULL && *introduced_by != '\0') ||
      cadence > 0)
    group = add_group (self, _("Relationship"));

  if (how_met != NULL && *how_met != '\0')
    add_value_row (group, how_met, _("How we met"), NULL, NULL, FALSE);

  if (met_on != NULL && *met_on != '\0')
    {
      g_autofree char *date = format_iso_date (met_on);

      add_value_row (group, date, _("Met on"), NULL, NULL, FALSE);
    }

  if (introduced_by != NULL && *introduced_by != '\0')
    {
      AdwActionRow *row = add_value_row (group, "…", _("Introduced by"), NULL, NULL, FALSE);

      g_object_set_data_full (G_OBJECT (row), "reseau-uid", g_strdup (introduced_by), g_free);
      g_signal_connect_object (row, "activated",
                               G_CALLBACK (on_introducer_activated), self, 0);
      if (self->database != NULL)
        reseau_database_load_contact_async (self->database, introduced_by, self->cancellable,
                                            on_introducer_loaded, g_object_ref (row));
    }

  if (cadence > 0)
    {
      g_autofree char *every = NULL;

      every = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %u day", "Every %u days", cadence),
                               cadence);
      add_value_row (group, every, _("Follow-up"), NULL, NULL, FALSE);
    }

  /* Timeline: the latest interactions and the relationship strength */
  if (self->database != NULL)
    gtk_box_append (self->groups_box,
                    reseau_contact_timeline_new (self->database, reseau_contact_get_uid (contact),
                                                 self->cancellable));

  /* Reminders: what to do for this person, and when */
  if (self->database != NULL)
    gtk_box_append (self->groups_box,
                    reseau_contact_reminders_new (self->database, reseau_contact_get_uid (contact),
                                                  self->cancellable));

  /* Referrals: the balance of favours, and recording one */
  if (self->database != NULL)
    add_referrals_group (self, reseau_contact_get_uid (contact));

  /* Tags */
  tags = reseau_contact_get_tags (contact);
  if (tags->len > 0)
    {
      group = add_group (self, _("Tags"));
      adw_preferences_group_add (group, make_tags_box (tags));
    }

  /* Notes */
  note = reseau_contact_get_note (contact);
  if (note != NULL && *note != '\0')
    {
      group = add_group (self, _("Notes"));
      adw_preferences_group_add (group, make_note_view (note));
    }

  /* Record */
  record = g_string_new (NULL);
  if (reseau_contact_get_created_at (contact) > 0)
    {
      g_autofree char *created = format_time (reseau_contact_get_created_at (contact));

      if (created != NULL)
        g_string_append_printf (record, _("Added on %s"), created);
    }
  if (reseau_contact_get_updated_at (contact) > 0 &&
      reseau_contact_get_updated_at (contact) != reseau_contact_get_created_at (contact))
    {
      g_autofree char *updated = format_time (reseau_contact_get_updated_at (contact));

      if (updated != NULL)
        {
          if (record->len > 0)
            g_string_append_c (record, '\n');
          g_string_append_printf (record, _("Last changed on %s"), updated);
        }
    }
  if (record->len > 0)
    {
      GtkWidget *label = gtk_label_new (record->str);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");

      group = add_group (self, _("Record"));
      adw_preferences_group_add (group, label);
    }
}

/* Sync conflicts */

/* The vCard property a conflict is about, in words. */
static const char *
property_to_display (const char *property)
{
  static const struct {
    const char *property;
    const char *display;
  } names[] = {
    { "FN", N_("Name") },
    { "N", N_("Full name") },
    { "NICKNAME", N_("Nickname") },
    { "ORG", N_("Organization") },
    { "TITLE", N_("Job title") },
    { "ROLE", N_("Role") },
    { "EMAIL", N_("Email") },
    { "TEL", N_("Phone") },
    { "ADR", N_("Address") },
    { "URL", N_("Website") },
    { "NOTE", N_("Note") },
    { "BDAY", N_("Birthday") },
    /* Translators: a wedding or other anniversary (vCard ANNIVERSARY), not the birthday */
    { "ANNIVERSARY", N_("Anniversary") },
    { "CATEGORIES", N_("Tags") },
    { "PHOTO", N_("Photo") },
    { "GENDER", N_("Gender") },
    { "KIND", N_("Kind of contact") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_ascii_strcasecmp (property, names[i].property) == 0)
        return _(names[i].display);
    }

  return property;
}

static GtkWidget *
conflicts_group (ReseauContactSheet *self)
{
  return g_object_get_data (G_OBJECT (self), "reseau-conflicts-group");
}

static void
remove_conflict_row (ReseauContactSheet *self,
                     GtkWidget          *row)
{
  GtkWidget *group = conflicts_group (self);
  guint left;

  if (group == NULL || !gtk_widget_is_ancestor (row, group))
    return;

  adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
  left = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (group), "reseau-n-rows")) - 1;
  g_object_set_data (G_OBJECT (group), "reseau-n-rows", GUINT_TO_POINTER (left));

  if (left == 0)
    {
      gtk_box_remove (self->groups_box, group);
      g_object_set_data (G_OBJECT (self), "reseau-conflicts-group", NULL);
    }
}

typedef struct
{
  ReseauContactSheet *self;
  GtkWidget          *row;
} ConflictData;

static void
conflict_data_free (ConflictData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->row);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConflictData, conflict_data_free)

static ConflictData *
conflict_data_new (ReseauContactSheet *self,
                   GtkWidget          *row)
{
  ConflictData *data = g_new0 (ConflictData, 1);

  data->self = g_object_ref (self);
  data->row = g_object_ref (row);

  return data;
}

static void
conflict_failed (ConflictData *data,
                 const GError *error)
{
  /* The sheet has no toast overlay: the row itself says what went wrong. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (data->row), error->message);
  gtk_widget_set_sensitive (data->row, TRUE);
}

static void
conflict_restored_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ConflictData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;

  if (!reseau_database_restore_conflict_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        conflict_failed (data, error);
      return;
    }

  uid = g_strdup (data->self->uid);
  g_signal_emit (data->self, signals[CONTACT_CHANGED], 0, uid);
  /* The contact, with the value restored, and the conflicts left. */
  if (uid != NULL)
    reseau_contact_sheet_set_uid (data->self, uid);
}

static void
conflict_dismissed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ConflictData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!reseau_database_dismiss_conflict_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        conflict_failed (data, error);
      return;
    }

  remove_conflict_row (data->self, data->row);
}

static void
on_restore_conflict (GtkButton          *button,
                     ReseauContactSheet *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  gint64 *id = g_object_get_data (G_OBJECT (row), "reseau-conflict-id");

  if (self->database == NULL)
    return;

  gtk_widget_set_sensitive (row, FALSE);
  reseau_database_restore_conflict_async (self->database, *id, self->cancellable,
                                          conflict_restored_cb, conflict_data_new (self, row));
}

static void
on_dismiss_conflict (GtkButton          *button,
                     ReseauContactSheet *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  gint64 *id = g_object_get_data (G_OBJECT (row), "reseau-conflict-id");

  if (self->database == NULL)
    return;

  gtk_widget_set_sensitive (row, FALSE);
  reseau_database_dismiss_conflict_async (self->database, *id, self->cancellable,
                                          conflict_dismissed_cb, conflict_data_new (self, row));
}

static GtkWidget *
make_conflict_button (const char *label,
                      const char *accessible_label,
                      gboolean    suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (!suggested)
    gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  return button;
}

static GtkWidget *
make_conflict_row (ReseauContactSheet   *self,
                   const ReseauConflict *conflict)
{
  GtkWidget *row = adw_action_row_new ();
  const char *name = property_to_display (conflict->property);
  g_autofree char *subtitle = NULL;
  g_autofree char *restore_label = NULL;
  g_autofree char *dismiss_label = NULL;
  GtkWidget *button;
  gint64 *id = g_new (gint64, 1);

  *id = conflict->id;
  g_object_set_data_full (G_OBJECT (row), "reseau-conflict-id", id, g_free);

  if (conflict->server_value != NULL)
    /* Translators: the local value, then the value the server kept */
    subtitle = g_strdup_printf (_("Yours: %s · Server: %s"),
                                conflict->local_value ? conflict->local_value : "",
                                conflict->server_value);
  else
    /* Translators: the local value; the server had removed it */
    subtitle = g_strdup_printf (_("Yours: %s · Server: removed"),
                                conflict->local_value ? conflict->local_value : "");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");

  /* Translators: accessible name of a button; %s is a field, "Note" */
  restore_label = g_strdup_printf (_("Restore my %s"), name);
  button = make_conflict_button (_("_Restore Mine"), restore_label, TRUE);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_conflict), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  /* Translators: accessible name of a button; %s is a field, "Note" */
  dismiss_label = g_strdup_printf (_("Keep the server’s %s"), name);
  button = make_conflict_button (_("_Dismiss"), dismiss_label, FALSE);
  gtk_widget_set_tooltip_text (button, _("Keep the server’s value and forget yours"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_dismiss_conflict), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
on_conflicts_loaded (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ReseauContactSheet) self = user_data;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *group;

  conflicts = reseau_database_list_conflicts_finish (RESEAU_DATABASE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (conflicts == NULL)
    {
      g_message ("Could not read the sync conflicts: %s", error->message);
      return;
    }

  if (conflicts->len == 0 || self->contact == NULL || conflicts_group (self) != NULL)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Sync conflicts"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("The server’s value was kept; your value is saved here."));
  for (guint i = 0; i < conflicts->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               make_conflict_row (self, g_ptr_array_index (conflicts, i)));
  g_object_set_data (G_OBJECT (group), "reseau-n-rows", GUINT_TO_POINTER (conflicts->len));

  /* First: it asks for a decision, the rest is to read. */
  gtk_box_prepend (self->groups_box, group);
  g_object_set_data (G_OBJECT (self), "reseau-conflicts-group", group);
}

static void
set_contact (ReseauContactSheet *self,
             ReseauContact      *contact)
{
  g_set_object (&self->contact, contact);

  if (contact != NULL)
    {
      const char *uid = reseau_contact_get_uid (contact);

      show_contact (self, contact);
      if (self->database != NULL)
        reseau_database_list_conflicts_async (self->database, uid, self->cancellable,
                                              on_conflicts_loaded, g_object_ref (self));
      /* A refreshed contact keeps its scroll position; another starts at the top. */
      if (g_strcmp0 (self->shown_uid, uid) != 0)
        gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0.0);
      g_free (self->shown_uid);
      self->shown_uid = g_strdup (uid);
      gtk_stack_set_visible_child_name (self->stack, "contact");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}

static void
clear_display (ReseauContactSheet *self)
{
  g_clear_handle_id (&self->clear_id, g_source_remove);
  clear_groups (self);
  g_clear_pointer (&self->shown_uid, g_free);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static gboolean
on_clear_idle (gpointer user_data)
{
  ReseauContactSheet *self = user_data;

  self->clear_id = 0;
  clear_display (self);

  return G_SOURCE_REMOVE;
}

static void
stop_spinner (ReseauContactSheet *self)
{
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_spinner_stop (self->spinner);
}

static gboolean
on_spinner_timeout (gpointer user_data)
{
  ReseauContactSheet *self = user_data;

  self->spinner_id = 0;
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  return G_SOURCE_REMOVE;
}

static void
on_contact_loaded (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ReseauContactSheet) self = user_data;
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(GError) error = NULL;

  contact = reseau_database_load_contact_finish (RESEAU_DATABASE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  stop_spinner (self);

  if (contact == NULL)
    {
      if (g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND))
        {
          adw_status_page_set_title (self->error_page, _("Contact Not Found"));
          adw_status_page_set_description (self->error_page,
                                           _("It may have been deleted or merged into another contact."));
        }
      else
        {
          adw_status_page_set_title (self->error_page, _("Could Not Show This Contact"));
          adw_status_page_set_description (self->error_page, error->message);
        }
      set_contact (self, NULL);
      clear_groups (self);
      g_clear_pointer (&self->shown_uid, g_free);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  set_contact (self, contact);
}

static void
reseau_contact_sheet_dispose (GObject *object)
{
  ReseauContactSheet *self = (ReseauContactSheet *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  g_clear_handle_id (&self->clear_id, g_source_remove);

  /* The stack is both AdwBin's child and a template child: take it from
   * the bin first, or both would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_CONTACT_SHEET);

  g_clear_object (&self->contact);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (reseau_contact_sheet_parent_class)->dispose (object);
}

static void
reseau_contact_sheet_finalize (GObject *object)
{
  ReseauContactSheet *self = (ReseauContactSheet *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->shown_uid, g_free);

  G_OBJECT_CLASS (reseau_contact_sheet_parent_class)->finalize (object);
}

static void
reseau_contact_sheet_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ReseauContactSheet *self = RESEAU_CONTACT_SHEET (object);

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;

    case PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reseau_contact_sheet_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ReseauContactSheet *self = RESEAU_CONTACT_SHEET (object);

  switch (prop_id)
    {
    case PROP_UID:
      reseau_contact_sheet_set_uid (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
reseau_contact_sheet_class_init (ReseauContactSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_contact_sheet_dispose;
  object_class->finalize = reseau_contact_sheet_finalize;
  object_class->get_property = reseau_contact_sheet_get_property;
  object_class->set_property = reseau_contact_sheet_set_property;

  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Notified each time a loaded contact is shown (or the sheet is cleared). */
  properties[PROP_CONTACT] =
    g_param_spec_object ("contact", NULL, NULL,
                         RESEAU_TYPE_CONTACT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The "Introduced by" row was activated: the window may show that contact. */
  signals[OPEN_CONTACT] =
    g_signal_new ("open-contact",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* The sheet changed the contact in the database (a sync conflict was
   * restored): the list may show it differently, and the server should
   * get it. */
  signals[CONTACT_CHANGED] =
    g_signal_new ("contact-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-contact-sheet.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauContactSheet, stack);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactSheet, spinner);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactSheet, error_page);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactSheet, scroller);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactSheet, avatar);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactSheet, name_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactSheet, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactSheet, kind_badge);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactSheet, groups_box);

  gtk_widget_class_set_css_name (widget_class, "contactsheet");
}

static void
reseau_contact_sheet_init (ReseauContactSheet *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
reseau_contact_sheet_new (void)
{
  return g_object_new (RESEAU_TYPE_CONTACT_SHEET, NULL);
}

void
reseau_contact_sheet_set_database (ReseauContactSheet *self,
                                   ReseauDatabase     *database)
{
  g_return_if_fail (RESEAU_IS_CONTACT_SHEET (self));
  g_return_if_fail (database == NULL || RESEAU_IS_DATABASE (database));

  if (!g_set_object (&self->database, database))
    return;

  if (self->uid != NULL)
    {
      g_autofree char *uid = g_strdup (self->uid);

      reseau_contact_sheet_set_uid (self, uid);
    }
}

void
reseau_contact_sheet_set_uid (ReseauContactSheet *self,
                              const char         *uid)
{
  g_return_if_fail (RESEAU_IS_CONTACT_SHEET (self));

  if (uid != NULL && *uid == '\0')
    uid = NULL;

  /* Also with the same UID: the window asks again after an edit, and the
   * sheet then shows the saved contact. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  stop_spinner (self);

  if (g_strcmp0 (self->uid, uid) != 0)
    {
      g_free (self->uid);
      self->uid = g_strdup (uid);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UID]);
    }

  if (uid == NULL)
    {
      /* The contact goes at once, its widgets at the next idle: a window
       * that clears the sheet and sets the same UID again to refresh it
       * then sees no flash of the empty page. */
      if (self->contact != NULL)
        set_contact (self, NULL);
      if (self->clear_id == 0)
        self->clear_id = g_idle_add (on_clear_idle, self);
      return;
    }

  g_clear_handle_id (&self->clear_id, g_source_remove);

  if (self->database == NULL)
    return;

  self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, on_spinner_timeout, self);
  reseau_database_load_contact_async (self->database, uid, self->cancellable,
                                      on_contact_loaded, g_object_ref (self));
}

const char *
reseau_contact_sheet_get_uid (ReseauContactSheet *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_SHEET (self), NULL);

  return self->uid;
}

ReseauContact *
reseau_contact_sheet_get_contact (ReseauContactSheet *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_SHEET (self), NULL);

  return self->contact;
}
