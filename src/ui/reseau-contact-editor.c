/* reseau-contact-editor.c — the window that creates or edits a contact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor works on a copy of the contact it was given, so that every
 * field it does not show (the raw vCard, its id and times, whatever sync
 * adds later) goes back to the database untouched. Whether anything changed
 * is decided by comparing what Save would store now with what it would have
 * stored right after the widgets were filled, not by watching keystrokes:
 * typing a letter and deleting it again is no change.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "reseau-contact-editor.h"
#include "reseau-contact-editor-private.h"
#include "reseau-contact-picker.h"
#include "reseau-value-row.h"

/* Photos are stored in the database and synced to phones: keep them the
 * size an avatar needs, not what a camera produced. */
#define PHOTO_MAX_SIZE 512
#define PHOTO_MAX_FILE_SIZE (50 * 1024 * 1024)
#define MAX_TAG_SUGGESTIONS 8

typedef enum
{
  FULL_NAME_AUTO_SIMPLE,     /* given + family */
  FULL_NAME_AUTO_STRUCTURED, /* prefix, given, middle, family, suffix */
  FULL_NAME_CUSTOM,
} FullNameMode;

/* The birthday and the anniversary are edited by the same widgets (a day,
 * a month, an optional year) and the same code; only the contact's field
 * differs. */
typedef enum
{
  DATE_BIRTHDAY,
  DATE_ANNIVERSARY,
  N_DATES
} DateKind;

typedef struct
{
  GtkStack      *stack;
  GtkButton     *add_button;
  GtkButton     *clear_button;
  GtkSpinButton *day;
  GtkDropDown   *month;
  GtkEntry      *year;
  GtkRevealer   *error_revealer;
  GtkLabel      *error;
} DateFields;

struct _ReseauContactEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkSpinner          *save_spinner;
  AdwAvatar           *avatar;
  GtkButton           *remove_photo_button;
  GtkToggleButton     *person_toggle;
  GtkToggleButton     *organization_toggle;
  AdwEntryRow         *given_row;
  AdwEntryRow         *family_row;
  AdwExpanderRow      *more_names_row;
  AdwEntryRow         *prefix_row;
  AdwEntryRow         *additional_row;
  AdwEntryRow         *suffix_row;
  AdwEntryRow         *nickname_row;
  AdwEntryRow         *full_name_row;
  AdwEntryRow         *organization_row;
  AdwEntryRow         *title_row;
  AdwEntryRow         *role_row;
  GtkLabel            *empty_hint;
  GtkListBox          *emails_list;
  GtkListBox          *phones_list;
  GtkListBox          *urls_list;
  GtkListBox          *addresses_list;
  DateFields           dates[N_DATES];
  AdwEntryRow         *how_met_row;
  GtkEntry            *met_on_entry;
  GtkPopover          *met_on_popover;
  GtkCalendar         *met_on_calendar;
  GtkRevealer         *met_on_error_revealer;
  ReseauContactPicker *introducer_picker;
  GtkSpinButton       *cadence_spin;
  GtkEntry            *tag_entry;
  GtkFlowBox          *tags_box;
  GtkTextView         *note_view;

  /* Widgets made in code */
  GtkWidget           *value_add_rows[RESEAU_N_FIELDS];
  GtkWidget           *address_add_row;
  GtkPopover          *tag_popover;
  GtkListBox          *tag_suggestions;

  /* Owned */
  ReseauDatabase      *database;
  ReseauContact       *original;
  ReseauContact       *scratch;
  GBytes              *photo;
  GPtrArray           *tags;
  GStrv                known_tags;
  GCancellable        *cancellable;
  GtkFileChooserNative *file_chooser;
  char                *initial_fingerprint;

  FullNameMode         full_name_mode;
  guint                is_new : 1;
  guint                populating : 1;
  guint                saving : 1;
  guint                close_confirmed : 1;
  guint                syncing_calendar : 1;
};

G_DEFINE_FINAL_TYPE (ReseauContactEditor, reseau_contact_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const struct {
  const char *key;
  const char *title;
  gsize       offset;
} address_parts[] = {
  { "street",      N_("Street"),         G_STRUCT_OFFSET (ReseauAddress, street) },
  { "extended",    N_("Address line 2"), G_STRUCT_OFFSET (ReseauAddress, extended) },
  { "po-box",      N_("PO box"),         G_STRUCT_OFFSET (ReseauAddress, po_box) },
  { "postal-code", N_("Postal code"),    G_STRUCT_OFFSET (ReseauAddress, postal_code) },
  { "locality",    N_("City"),           G_STRUCT_OFFSET (ReseauAddress, locality) },
  { "region",      N_("Region"),         G_STRUCT_OFFSET (ReseauAddress, region) },
  { "country",     N_("Country"),        G_STRUCT_OFFSET (ReseauAddress, country) },
};

static const char * const address_label_keys[] = { "home", "work", "other" };

static void update_state (ReseauContactEditor *self);

/* Small helpers */

static char *
dup_entry_text (gpointer editable)
{
  return reseau_text_strip_or_null (gtk_editable_get_text (GTK_EDITABLE (editable)));
}

static void
set_entry_text (gpointer    editable,
                const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text != NULL ? text : "");
}

static gboolean
entry_has_text (gpointer editable)
{
  g_autofree char *text = dup_entry_text (editable);

  return text != NULL;
}

static char *
join_names (const char * const *parts,
            guint               n_parts)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < n_parts; i++)
    {
      g_autofree char *part = reseau_text_strip_or_null (parts[i]);

      if (part == NULL)
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, part);
    }

  if (joined->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static char *
compose_full_name (FullNameMode  mode,
                   const char   *prefix,
                   const char   *given,
                   const char   *additional,
                   const char   *family,
                   const char   *suffix)
{
  if (mode == FULL_NAME_AUTO_STRUCTURED)
    {
      const char *parts[] = { prefix, given, additional, family, suffix };

      return join_names (parts, G_N_ELEMENTS (parts));
    }
  else
    {
      const char *parts[] = { given, family };

      return join_names (parts, G_N_ELEMENTS (parts));
    }
}

static GtkListBox *
list_for_field (ReseauContactEditor *self,
                ReseauField          field)
{
  switch (field)
    {
    case RESEAU_FIELD_EMAIL:
      return self->emails_list;
    case RESEAU_FIELD_PHONE:
      return self->phones_list;
    case RESEAU_FIELD_URL:
      return self->urls_list;
    case RESEAU_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
make_add_row (const char *label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("list-add-symbolic");
  GtkWidget *text = gtk_label_new_with_mnemonic (label);

  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 14);
  gtk_widget_set_margin_bottom (box, 14);
  gtk_label_set_mnemonic_widget (GTK_LABEL (text), row);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, text, NULL,
                                  -1);

  return row;
}

/* Emails, phones, websites */

static void
on_value_row_remove (ReseauValueRow      *row,
                     ReseauContactEditor *self)
{
  GtkListBox *list = list_for_field (self, reseau_value_row_get_field (row));

  gtk_list_box_remove (list, GTK_WIDGET (row));
  update_state (self);
}

static GtkWidget *
add_value_row (ReseauContactEditor *self,
               ReseauField          field,
               const char          *label,
               const char          *value,
               gboolean             use_label)
{
  GtkWidget *row = reseau_value_row_new (field);
  GtkListBox *list = list_for_field (self, field);

  if (use_label)
    reseau_value_row_set_label (RESEAU_VALUE_ROW (row), label);
  reseau_value_row_set_value (RESEAU_VALUE_ROW (row), value);

  g_signal_connect_object (row, "edited", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "remove-requested", G_CALLBACK (on_value_row_remove), self, 0);

  gtk_list_box_insert (list, row,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->value_add_rows[field])));

  return row;
}

static void
on_values_row_activated (ReseauContactEditor *self,
                         GtkListBoxRow       *row)
{
  for (guint field = 0; field < RESEAU_N_FIELDS; field++)
    if (GTK_WIDGET (row) == self->value_add_rows[field])
      reseau_contact_editor_add_value (self, field);
}

/* Addresses */

static guint
find_address_label (const char *label)
{
  if (label == NULL || *label == '\0')
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (address_label_keys); i++)
    if (g_ascii_strcasecmp (label, address_label_keys[i]) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static char *
dup_address_label (GtkWidget *expander)
{
  AdwComboRow *label_row = g_object_get_data (G_OBJECT (expander), "label-row");
  const char *original = g_object_get_data (G_OBJECT (expander), "original-label");
  guint original_index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "original-index"));
  guint selected = adw_combo_row_get_selected (label_row);

  /* Left where it was: keep the label exactly as the card had it. */
  if (selected == original_index)
    return g_strdup (original);

  if (selected < G_N_ELEMENTS (address_label_keys))
    return g_strdup (address_label_keys[selected]);

  return g_strdup (original);
}

static ReseauAddress *
address_from_row (GtkWidget *expander)
{
  const ReseauAddress *original = g_object_get_data (G_OBJECT (expander), "original-address");
  ReseauAddress *address;

  address = original != NULL ? reseau_address_copy (original) : g_new0 (ReseauAddress, 1);

  g_free (address->label);
  address->label = dup_address_label (expander);

  for (guint i = 0; i < G_N_ELEMENTS (address_parts); i++)
    {
      char **part = &G_STRUCT_MEMBER (char *, address, address_parts[i].offset);

      g_free (*part);
      *part = dup_entry_text (reseau_contact_editor_get_address_part (expander, address_parts[i].key));
    }

  return address;
}

static void
update_address_title (GtkWidget *expander)
{
  g_autoptr(ReseauAddress) address = address_from_row (expander);
  const char *town_parts[] = { address->postal_code, address->locality };
  g_autofree char *town = join_names (town_parts, G_N_ELEMENTS (town_parts));
  const char *line_parts[] = { address->street, town, address->country };
  g_autoptr(GString) summary = g_string_new (NULL);
  const char *label;

  /* One line of the card, e.g. "3 place Bellecour, 69002 Lyon, France". */
  for (guint i = 0; i < G_N_ELEMENTS (line_parts); i++)
    {
      if (line_parts[i] == NULL)
        continue;
      if (summary->len > 0)
        g_string_append (summary, ", ");
      g_string_append (summary, line_parts[i]);
    }

  label = reseau_value_label_to_display (address->label);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                 summary->len > 0 ? summary->str : _("New Address"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), label != NULL ? label : "");
}

static void
on_address_changed (GtkWidget           *widget,
                    GParamSpec          *pspec,
                    ReseauContactEditor *self)
{
  GtkWidget *expander = g_object_get_data (G_OBJECT (widget), "address-row");

  update_address_title (expander);
  update_state (self);
}

static void
on_address_entry_changed (GtkEditable         *editable,
                          ReseauContactEditor *self)
{
  on_address_changed (GTK_WIDGET (editable), NULL, self);
}

static void
on_address_remove_clicked (GtkButton           *button,
                           ReseauContactEditor *self)
{
  GtkWidget *expander = g_object_get_data (G_OBJECT (button), "address-row");

  gtk_list_box_remove (self->addresses_list, expander);
  update_state (self);
}

static GtkWidget *
add_address_row (ReseauContactEditor *self,
                 const ReseauAddress *address)
{
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *label_row = adw_combo_row_new ();
  GtkWidget *remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *label = address != NULL ? address->label : "home";
  guint index;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (address_label_keys); i++)
    gtk_string_list_append (labels, reseau_value_label_to_display (address_label_keys[i]));

  index = find_address_label (label);
  if (index == GTK_INVALID_LIST_POSITION)
    {
      /* A label typed elsewhere stays on offer, as typed. */
      index = G_N_ELEMENTS (address_label_keys);
      gtk_string_list_append (labels, label);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (label_row), _("Label"));
  adw_combo_row_set_model (ADW_COMBO_ROW (label_row), G_LIST_MODEL (labels));
  adw_combo_row_set_selected (ADW_COMBO_ROW (label_row), index);
  g_object_set_data (G_OBJECT (label_row), "address-row", expander);
  g_object_set_data (G_OBJECT (expander), "label-row", label_row);
  g_object_set_data_full (G_OBJECT (expander), "original-label", g_strdup (label), g_free);
  g_object_set_data (G_OBJECT (expander), "original-index", GUINT_TO_POINTER (index));
  if (address != NULL)
    g_object_set_data_full (G_OBJECT (expander), "original-address",
                            reseau_address_copy (address),
                            (GDestroyNotify) reseau_address_free);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), label_row);
  g_signal_connect_object (label_row, "notify::selected",
                           G_CALLBACK (on_address_changed), self, 0);

  for (guint i = 0; i < G_N_ELEMENTS (address_parts); i++)
    {
      GtkWidget *entry = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _(address_parts[i].title));
      if (address != NULL)
        set_entry_text (entry, G_STRUCT_MEMBER (char *, address, address_parts[i].offset));
      g_object_set_data (G_OBJECT (entry), "address-row", expander);
      g_object_set_data (G_OBJECT (expander), address_parts[i].key, entry);
      g_signal_connect_object (entry, "changed",
                               G_CALLBACK (on_address_entry_changed), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), entry);
    }

  gtk_widget_set_valign (remove_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove_button, _("Remove Address"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove Address"),
                                  -1);
  gtk_widget_add_css_class (remove_button, "flat");
  g_object_set_data (G_OBJECT (remove_button), "address-row", expander);
  g_signal_connect_object (remove_button, "clicked",
                           G_CALLBACK (on_address_remove_clicked), self, 0);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove_button);

  update_address_title (expander);

  gtk_list_box_insert (self->addresses_list, expander,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self->address_add_row)));

  return expander;
}

static void
on_addresses_row_activated (ReseauContactEditor *self,
                            GtkListBoxRow       *row)
{
  if (GTK_WIDGET (row) == self->address_add_row)
    reseau_contact_editor_add_address (self);
}

/* Birthday */

static char *
dup_month_name (guint month)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2000, month, 1, 0, 0, 0);

  /* %OB: the month name as it stands alone, as a list shows it. */
  return g_date_time_format (date, "%OB");
}

static gboolean
date_is_set (ReseauContactEditor *self,
             DateKind             kind)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->dates[kind].stack), "set") == 0;
}

static gboolean
set_contact_date (ReseauContact *contact,
                  DateKind       kind,
                  int            year,
                  int            month,
                  int            day)
{
  if (kind == DATE_ANNIVERSARY)
    return reseau_contact_set_anniversary (contact, year, month, day);

  return reseau_contact_set_birthday (contact, year, month, day);
}

/* Returns FALSE and a message when the date shown is not a real date. */
static gboolean
read_date (ReseauContactEditor  *self,
           DateKind              kind,
           int                  *year,
           int                  *month,
           int                  *day,
           char                **message)
{
  DateFields *fields = &self->dates[kind];
  g_autofree char *year_text = dup_entry_text (fields->year);
  guint64 parsed_year = 0;

  *day = gtk_spin_button_get_value_as_int (fields->day);
  *month = (int) gtk_drop_down_get_selected (fields->month) + 1;
  *year = 0;

  if (year_text != NULL &&
      !g_ascii_string_to_unsigned (year_text, 10, 1, 9999, &parsed_year, NULL))
    {
      *message = g_strdup (_("Enter the year as a number, for example 1985, or leave it empty."));
      return FALSE;
    }
  *year = (int) parsed_year;

  /* The contact decides what a real date is, the same way on save. */
  if (!set_contact_date (self->scratch, kind, *year, *month, *day))
    {
      g_autofree char *month_name = dup_month_name (*month);

      if (*month == 2 && *day == 29)
        /* TRANSLATORS: %d is a year */
        *message = g_strdup_printf (_("%d is not a leap year: there is no 29 February that year."), *year);
      else
        /* TRANSLATORS: "There is no day 31 in February." */
        *message = g_strdup_printf (_("There is no day %d in %s."), *day, month_name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_date (ReseauContactEditor *self,
            DateKind             kind)
{
  DateFields *fields = &self->dates[kind];
  g_autofree char *message = NULL;
  int year, month, day;
  gboolean valid = TRUE;

  if (date_is_set (self, kind))
    valid = read_date (self, kind, &year, &month, &day, &message);

  gtk_label_set_label (fields->error, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (fields->error_revealer, !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (fields->day), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (fields->day), "error");

  return valid;
}

static void
show_date (ReseauContactEditor *self,
           DateKind             kind,
           gboolean             set,
           int                  year,
           int                  month,
           int                  day)
{
  DateFields *fields = &self->dates[kind];
  g_autofree char *year_text = year > 0 ? g_strdup_printf ("%d", year) : NULL;

  gtk_spin_button_set_value (fields->day, day > 0 ? day : 1);
  gtk_drop_down_set_selected (fields->month, month > 0 ? (guint) month - 1 : 0);
  set_entry_text (fields->year, year_text);
  gtk_stack_set_visible_child_name (fields->stack, set ? "set" : "unset");
}

static void
on_date_changed (ReseauContactEditor *self)
{
  update_state (self);
}

static void
add_date (ReseauContactEditor *self,
          DateKind             kind)
{
  show_date (self, kind, TRUE, 0, 1, 1);
  gtk_widget_grab_focus (GTK_WIDGET (self->dates[kind].day));
  update_state (self);
}

static void
clear_date (ReseauContactEditor *self,
            DateKind             kind)
{
  show_date (self, kind, FALSE, 0, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->dates[kind].stack));
  update_state (self);
}

static void
on_birthday_add_clicked (ReseauContactEditor *self)
{
  add_date (self, DATE_BIRTHDAY);
}

static void
on_birthday_clear_clicked (ReseauContactEditor *self)
{
  clear_date (self, DATE_BIRTHDAY);
}

static void
on_anniversary_add_clicked (ReseauContactEditor *self)
{
  add_date (self, DATE_ANNIVERSARY);
}

static void
on_anniversary_clear_clicked (ReseauContactEditor *self)
{
  clear_date (self, DATE_ANNIVERSARY);
}

/* Met on */

/* Returns FALSE for text that is not a real date; *iso is NULL when empty. */
static gboolean
read_met_on (ReseauContactEditor  *self,
             char                **iso)
{
  g_autofree char *text = dup_entry_text (self->met_on_entry);
  unsigned int year, month, day;
  int consumed = 0;

  *iso = NULL;

  if (text == NULL)
    return TRUE;

  if (sscanf (text, "%4u-%2u-%2u%n", &year, &month, &day, &consumed) != 3 ||
      (gsize) consumed != strlen (text) ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  *iso = g_strdup_printf ("%04u-%02u-%02u", year, month, day);

  return TRUE;
}

static gboolean
check_met_on (ReseauContactEditor *self)
{
  g_autofree char *iso = NULL;
  gboolean valid = read_met_on (self, &iso);

  gtk_revealer_set_reveal_child (self->met_on_error_revealer, !valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->met_on_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->met_on_entry), "error");

  return valid;
}

static void
on_met_on_changed (ReseauContactEditor *self)
{
  update_state (self);
}

static void
on_met_on_popover_show (ReseauContactEditor *self)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) date = NULL;
  unsigned int year, month, day;

  if (read_met_on (self, &iso) && iso != NULL &&
      sscanf (iso, "%4u-%2u-%2u", &year, &month, &day) == 3)
    date = g_date_time_new_local (year, month, day, 12, 0, 0);
  else
    date = g_date_time_new_now_local ();

  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->met_on_calendar, date);
  self->syncing_calendar = FALSE;
}

static void
on_met_on_day_selected (ReseauContactEditor *self)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso = NULL;

  if (self->syncing_calendar)
    return;

  date = gtk_calendar_get_date (self->met_on_calendar);
  iso = g_date_time_format (date, "%Y-%m-%d");
  set_entry_text (self->met_on_entry, iso);
  gtk_popover_popdown (self->met_on_popover);
}

/* Tags */

static gboolean
has_tag (ReseauContactEditor *self,
         const char          *tag)
{
  g_autofree char *folded = g_utf8_casefold (tag, -1);

  for (guint i = 0; i < self->tags->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (self->tags, i), -1);

      if (g_strcmp0 (folded, other) == 0)
        return TRUE;
    }

  return FALSE;
}

static void rebuild_tag_chips (ReseauContactEditor *self);

static void
on_tag_remove_clicked (GtkButton           *button,
                       ReseauContactEditor *self)
{
  const char *tag = g_object_get_data (G_OBJECT (button), "tag");

  for (guint i = 0; i < self->tags->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->tags, i), tag) == 0)
      {
        g_ptr_array_remove_index (self->tags, i);
        break;
      }

  rebuild_tag_chips (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
  update_state (self);
}

static void
rebuild_tag_chips (ReseauContactEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);

  for (guint i = 0; i < self->tags->len; i++)
    {
      const char *tag = g_ptr_array_index (self->tags, i);
      GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      GtkWidget *label = gtk_label_new (tag);
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      GtkWidget *flow_child = gtk_flow_box_child_new ();
      g_autofree char *remove_label = g_strdup_printf (_("Remove Tag “%s”"), tag);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_widget_set_margin_start (label, 10);
      gtk_widget_add_css_class (label, "caption-heading");

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                      -1);
      g_object_set_data_full (G_OBJECT (remove), "tag", g_strdup (tag), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_tag_remove_clicked), self, 0);

      gtk_box_append (GTK_BOX (chip), label);
      gtk_box_append (GTK_BOX (chip), remove);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (flow_child), chip);
      gtk_widget_set_focusable (flow_child, FALSE);
      gtk_widget_add_css_class (flow_child, "card");
      gtk_widget_add_css_class (flow_child, "reseau-tag");
      gtk_flow_box_append (self->tags_box, flow_child);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), self->tags->len > 0);
}

static gboolean
add_tag (ReseauContactEditor *self,
         const char          *text)
{
  g_autofree char *tag = reseau_text_strip_or_null (text);

  if (tag == NULL || has_tag (self, tag))
    return FALSE;

  g_ptr_array_add (self->tags, g_steal_pointer (&tag));
  rebuild_tag_chips (self);

  return TRUE;
}

static void
take_typed_tag (ReseauContactEditor *self)
{
  g_autofree char *text = dup_entry_text (self->tag_entry);

  if (text != NULL)
    add_tag (self, text);
  set_entry_text (self->tag_entry, NULL);
  gtk_popover_popdown (self->tag_popover);
}

static void
on_tag_entry_activate (ReseauContactEditor *self)
{
  take_typed_tag (self);
  update_state (self);
}

static void
on_tag_suggestion_activated (ReseauContactEditor *self,
                             GtkListBoxRow       *row)
{
  const char *tag = g_object_get_data (G_OBJECT (row), "tag");

  add_tag (self, tag);
  set_entry_text (self->tag_entry, NULL);
  gtk_popover_popdown (self->tag_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
  update_state (self);
}

static void
on_tag_entry_changed (ReseauContactEditor *self)
{
  g_autofree char *typed = dup_entry_text (self->tag_entry);
  g_autofree char *folded = NULL;
  GtkWidget *child;
  guint n_shown = 0;

  if (self->tag_popover == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tag_suggestions))) != NULL)
    gtk_list_box_remove (self->tag_suggestions, child);

  if (typed != NULL && self->known_tags != NULL)
    {
      folded = g_utf8_casefold (typed, -1);

      for (guint i = 0; self->known_tags[i] != NULL && n_shown < MAX_TAG_SUGGESTIONS; i++)
        {
          g_autofree char *candidate = g_utf8_casefold (self->known_tags[i], -1);
          GtkWidget *row;
          GtkWidget *label;

          if (strstr (candidate, folded) == NULL ||
              has_tag (self, self->known_tags[i]))
            continue;

          label = gtk_label_new (self->known_tags[i]);
          gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          row = gtk_list_box_row_new ();
          gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
          g_object_set_data_full (G_OBJECT (row), "tag", g_strdup (self->known_tags[i]), g_free);
          gtk_list_box_append (self->tag_suggestions, row);
          n_shown++;
        }
    }

  if (n_shown > 0 && gtk_widget_get_mapped (GTK_WIDGET (self->tag_entry)))
    {
      gtk_popover_popup (self->tag_popover);
      gtk_popover_present (self->tag_popover);
    }
  else
    {
      gtk_popover_popdown (self->tag_popover);
    }
}

static gboolean
on_tag_entry_key_pressed (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          ReseauContactEditor   *self)
{
  GtkListBoxRow *first;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->tag_popover)))
    return GDK_EVENT_PROPAGATE;

  if (keyval == GDK_KEY_Escape)
    {
      gtk_popover_popdown (self->tag_popover);
      return GDK_EVENT_STOP;
    }

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    {
      first = gtk_list_box_get_row_at_index (self->tag_suggestions, 0);
      if (first != NULL)
        {
          gtk_widget_grab_focus (GTK_WIDGET (first));
          return GDK_EVENT_STOP;
        }
    }

  return GDK_EVENT_PROPAGATE;
}

static void
on_known_tags_loaded (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ReseauContactEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  GStrv tags;

  tags = reseau_database_list_tags_finish (RESEAU_DATABASE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (tags == NULL)
    {
      /* Completion is a help, not a need: the tag entry works without it. */
      g_debug ("No tag completion: %s", error->message);
      return;
    }

  g_clear_pointer (&self->known_tags, g_strfreev);
  self->known_tags = tags;
}

static void
build_tag_popover (ReseauContactEditor *self)
{
  GtkEventController *keys;
  GtkWidget *scroller;

  self->tag_suggestions = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->tag_suggestions, GTK_SELECTION_BROWSE);
  gtk_list_box_set_activate_on_single_click (self->tag_suggestions, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->tag_suggestions), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tag_suggestions),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tag suggestions"),
                                  -1);
  g_signal_connect_object (self->tag_suggestions, "row-activated",
                           G_CALLBACK (on_tag_suggestion_activated), self,
                           G_CONNECT_SWAPPED);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->tag_suggestions));

  /* Not autohide: the popover must not take the keyboard while the user
   * is still typing in the entry below it. */
  self->tag_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->tag_popover, FALSE);
  gtk_popover_set_has_arrow (self->tag_popover, FALSE);
  gtk_popover_set_position (self->tag_popover, GTK_POS_BOTTOM);
  gtk_widget_set_halign (GTK_WIDGET (self->tag_popover), GTK_ALIGN_START);
  gtk_widget_set_size_request (GTK_WIDGET (self->tag_popover), 240, -1);
  gtk_popover_set_child (self->tag_popover, scroller);
  gtk_widget_set_parent (GTK_WIDGET (self->tag_popover), GTK_WIDGET (self->tag_entry));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed",
                           G_CALLBACK (on_tag_entry_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->tag_entry), keys);
}

/* Photo */

static void
show_photo (ReseauContactEditor *self)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (self->photo != NULL)
    texture = gdk_texture_new_from_bytes (self->photo, NULL);

  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->remove_photo_button), self->photo != NULL);
}

static void
on_photo_size_prepared (GdkPixbufLoader *loader,
                        int              width,
                        int              height,
                        gpointer         user_data)
{
  double scale;

  if (width <= PHOTO_MAX_SIZE && height <= PHOTO_MAX_SIZE)
    return;

  scale = (double) PHOTO_MAX_SIZE / MAX (width, height);
  gdk_pixbuf_loader_set_size (loader,
                              MAX (1, (int) (width * scale)),
                              MAX (1, (int) (height * scale)));
}

/* Runs in a worker thread: decoding a camera picture takes long enough to
 * be felt on the main thread. */
static void
load_photo_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *buffer = NULL;
  gsize buffer_size = 0;
  GdkPixbuf *pixbuf;
  goffset total = 0;
  guint8 chunk[64 * 1024];
  gssize n_read;
  gboolean has_alpha;

  stream = g_file_read (file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  loader = gdk_pixbuf_loader_new ();
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_photo_size_prepared), NULL);

  while ((n_read = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk,
                                        cancellable, &error)) > 0)
    {
      total += n_read;
      if (total > PHOTO_MAX_FILE_SIZE)
        {
          gdk_pixbuf_loader_close (loader, NULL);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("The file is larger than 50 MB."));
          return;
        }
      if (!gdk_pixbuf_loader_write (loader, chunk, n_read, &error))
        break;
    }

  if (error != NULL)
    {
      gdk_pixbuf_loader_close (loader, NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!gdk_pixbuf_loader_close (loader, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The file is not an image."));
      return;
    }

  /* Phones store pictures sideways with a note to turn them. */
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  has_alpha = gdk_pixbuf_get_has_alpha (oriented);

  if (!gdk_pixbuf_save_to_buffer (oriented, &buffer, &buffer_size,
                                  has_alpha ? "png" : "jpeg", &error,
                                  has_alpha ? NULL : "quality", "90",
                                  NULL))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task,
                         g_bytes_new_take (g_steal_pointer (&buffer), buffer_size),
                         (GDestroyNotify) g_bytes_unref);
}

static void
on_photo_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ReseauContactEditor *self = RESEAU_CONTACT_EDITOR (object);
  g_autoptr(GBytes) photo = NULL;
  g_autoptr(GError) error = NULL;

  photo = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (photo == NULL)
    {
      AdwToast *toast = adw_toast_new_format (_("Could not use this photo: %s"), error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  g_clear_pointer (&self->photo, g_bytes_unref);
  self->photo = g_steal_pointer (&photo);
  show_photo (self);
  update_state (self);
}

static void
on_file_chooser_response (GtkNativeDialog     *dialog,
                          int                  response,
                          ReseauContactEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      reseau_contact_editor_load_photo_file (self, file);
    }

  g_clear_object (&self->file_chooser);
}

void
reseau_contact_editor_load_photo_file (ReseauContactEditor *self,
                                       GFile               *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RESEAU_IS_CONTACT_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, self->cancellable, on_photo_loaded, NULL);
  g_task_set_source_tag (task, reseau_contact_editor_load_photo_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_photo_thread);
}

static void
on_choose_photo_clicked (ReseauContactEditor *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->file_chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);

  self->file_chooser = gtk_file_chooser_native_new (_("Choose a Photo"),
                                                    GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN,
                                                    _("_Open"),
                                                    _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (on_file_chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
on_remove_photo_clicked (ReseauContactEditor *self)
{
  g_clear_pointer (&self->photo, g_bytes_unref);
  show_photo (self);
  update_state (self);
}

/* The whole form */

static gboolean
input_is_empty (ReseauContactEditor *self)
{
  AdwEntryRow *names[] = {
    self->given_row, self->family_row, self->prefix_row, self->additional_row,
    self->suffix_row, self->nickname_row, self->full_name_row, self->organization_row,
  };
  ReseauField fields[] = { RESEAU_FIELD_EMAIL, RESEAU_FIELD_PHONE };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (entry_has_text (names[i]))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkListBox *list = list_for_field (self, fields[i]);

      for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
           row != NULL;
           row = gtk_widget_get_next_sibling (row))
        if (RESEAU_IS_VALUE_ROW (row) && entry_has_text (row))
          return FALSE;
    }

  return TRUE;
}

static gboolean
is_organization (ReseauContactEditor *self)
{
  return gtk_toggle_button_get_active (self->organization_toggle);
}

/* The full name Save stores when the "Display name" field is left empty. */
static char *
dup_auto_full_name (ReseauContactEditor *self,
                    const char          *prefix,
                    const char          *given,
                    const char          *additional,
                    const char          *family,
                    const char          *suffix)
{
  if (is_organization (self))
    {
      char *organization = dup_entry_text (self->organization_row);

      if (organization != NULL)
        return organization;
    }

  return compose_full_name (self->full_name_mode == FULL_NAME_AUTO_STRUCTURED
                              ? FULL_NAME_AUTO_STRUCTURED : FULL_NAME_AUTO_SIMPLE,
                            prefix, given, additional, family, suffix);
}

/* What the avatar's initials are drawn from while the user types. */
static char *
dup_preview_name (ReseauContactEditor *self)
{
  g_autofree char *prefix = dup_entry_text (self->prefix_row);
  g_autofree char *given = dup_entry_text (self->given_row);
  g_autofree char *additional = dup_entry_text (self->additional_row);
  g_autofree char *family = dup_entry_text (self->family_row);
  g_autofree char *suffix = dup_entry_text (self->suffix_row);
  char *name;

  if ((name = dup_entry_text (self->full_name_row)) != NULL)
    return name;
  if ((name = dup_auto_full_name (self, prefix, given, additional, family, suffix)) != NULL)
    return name;
  if ((name = dup_entry_text (self->nickname_row)) != NULL)
    return name;

  return dup_entry_text (self->organization_row);
}

static void
update_state (ReseauContactEditor *self)
{
  g_autofree char *preview = NULL;
  gboolean empty;
  gboolean dates_ok;
  gboolean met_on_ok;

  if (self->populating)
    return;

  empty = input_is_empty (self);
  /* Both checked, so that both show their error. */
  dates_ok = check_date (self, DATE_BIRTHDAY);
  dates_ok = check_date (self, DATE_ANNIVERSARY) && dates_ok;
  met_on_ok = check_met_on (self);

  gtk_widget_set_visible (GTK_WIDGET (self->empty_hint), empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 !empty && dates_ok && met_on_ok && !self->saving);

  preview = dup_preview_name (self);
  adw_avatar_set_text (self->avatar, preview);
  adw_avatar_set_icon_name (self->avatar,
                            is_organization (self)
                              ? "x-office-address-book-symbolic"
                              : "avatar-default-symbolic");
}

static void
on_kind_toggled (ReseauContactEditor *self)
{
  update_state (self);
}

static void
fill_values (ReseauContactEditor *self,
             ReseauContact       *contact,
             ReseauField          field)
{
  GPtrArray *values = reseau_contact_get_values (contact, field);

  for (guint i = 0; i < values->len; i++)
    {
      const ReseauLabeledValue *lv = g_ptr_array_index (values, i);

      add_value_row (self, field, lv->label, lv->value, TRUE);
    }
}

static FullNameMode
guess_full_name_mode (ReseauContact *contact)
{
  const char *full_name = reseau_contact_get_full_name (contact);
  g_autofree char *simple = NULL;
  g_autofree char *structured = NULL;

  if (full_name == NULL || *full_name == '\0')
    return FULL_NAME_AUTO_SIMPLE;

  simple = compose_full_name (FULL_NAME_AUTO_SIMPLE, NULL,
                              reseau_contact_get_given_name (contact), NULL,
                              reseau_contact_get_family_name (contact), NULL);
  if (g_strcmp0 (simple, full_name) == 0)
    return FULL_NAME_AUTO_SIMPLE;

  structured = compose_full_name (FULL_NAME_AUTO_STRUCTURED,
                                  reseau_contact_get_prefix (contact),
                                  reseau_contact_get_given_name (contact),
                                  reseau_contact_get_additional_names (contact),
                                  reseau_contact_get_family_name (contact),
                                  reseau_contact_get_suffix (contact));
  if (g_strcmp0 (structured, full_name) == 0)
    return FULL_NAME_AUTO_STRUCTURED;

  /* An organization's card names it in FN: that is no override either. */
  if (reseau_contact_get_kind (contact) == RESEAU_CONTACT_KIND_ORGANIZATION &&
      g_strcmp0 (reseau_contact_get_organization (contact), full_name) == 0)
    return FULL_NAME_AUTO_SIMPLE;

  return FULL_NAME_CUSTOM;
}

static void
populate (ReseauContactEditor *self,
          ReseauContact       *contact)
{
  GPtrArray *addresses = reseau_contact_get_addresses (contact);
  GPtrArray *tags = reseau_contact_get_tags (contact);
  const char *note = reseau_contact_get_note (contact);
  int year, month, day;
  gboolean has_date;

  self->populating = TRUE;

  gtk_toggle_button_set_active (reseau_contact_get_kind (contact) == RESEAU_CONTACT_KIND_ORGANIZATION
                                  ? self->organization_toggle : self->person_toggle,
                                TRUE);

  self->full_name_mode = guess_full_name_mode (contact);
  set_entry_text (self->given_row, reseau_contact_get_given_name (contact));
  set_entry_text (self->family_row, reseau_contact_get_family_name (contact));
  set_entry_text (self->prefix_row, reseau_contact_get_prefix (contact));
  set_entry_text (self->additional_row, reseau_contact_get_additional_names (contact));
  set_entry_text (self->suffix_row, reseau_contact_get_suffix (contact));
  set_entry_text (self->nickname_row, reseau_contact_get_nickname (contact));
  set_entry_text (self->full_name_row,
                  self->full_name_mode == FULL_NAME_CUSTOM ? reseau_contact_get_full_name (contact) : NULL);
  set_entry_text (self->organization_row, reseau_contact_get_organization (contact));
  set_entry_text (self->title_row, reseau_contact_get_title (contact));
  set_entry_text (self->role_row, reseau_contact_get_role (contact));

  /* Open the extra name fields when they hold something, or it hides there. */
  adw_expander_row_set_expanded (self->more_names_row,
                                 entry_has_text (self->prefix_row) ||
                                 entry_has_text (self->additional_row) ||
                                 entry_has_text (self->suffix_row) ||
                                 entry_has_text (self->nickname_row) ||
                                 entry_has_text (self->full_name_row));

  fill_values (self, contact, RESEAU_FIELD_EMAIL);
  fill_values (self, contact, RESEAU_FIELD_PHONE);
  fill_values (self, contact, RESEAU_FIELD_URL);

  /* A new contact starts with a place for the two things nearly every
   * contact has. */
  if (self->is_new)
    {
      add_value_row (self, RESEAU_FIELD_EMAIL, NULL, NULL, FALSE);
      add_value_row (self, RESEAU_FIELD_PHONE, NULL, NULL, FALSE);
    }

  for (guint i = 0; i < addresses->len; i++)
    add_address_row (self, g_ptr_array_index (addresses, i));

  has_date = reseau_contact_get_birthday (contact, &year, &month, &day);
  show_date (self, DATE_BIRTHDAY, has_date, year, month, day);
  has_date = reseau_contact_get_anniversary (contact, &year, &month, &day);
  show_date (self, DATE_ANNIVERSARY, has_date, year, month, day);

  set_entry_text (self->how_met_row, reseau_contact_get_how_met (contact));
  set_entry_text (self->met_on_entry, reseau_contact_get_met_on (contact));
  reseau_contact_picker_set_excluded_uid (self->introducer_picker, reseau_contact_get_uid (contact));
  reseau_contact_picker_set_contact (self->introducer_picker,
                                     reseau_contact_get_introduced_by (contact), NULL);
  gtk_spin_button_set_value (self->cadence_spin, reseau_contact_get_cadence_days (contact));

  for (guint i = 0; i < tags->len; i++)
    g_ptr_array_add (self->tags, g_strdup (g_ptr_array_index (tags, i)));
  rebuild_tag_chips (self);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            note != NULL ? note : "", -1);

  g_clear_pointer (&self->photo, g_bytes_unref);
  if (reseau_contact_get_photo (contact) != NULL)
    self->photo = g_bytes_ref (reseau_contact_get_photo (contact));
  show_photo (self);

  self->populating = FALSE;
}

static void
collect_values (ReseauContactEditor *self,
                ReseauContact       *contact,
                ReseauField          field)
{
  GtkListBox *list = list_for_field (self, field);

  reseau_contact_clear_values (contact, field);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;

      if (!RESEAU_IS_VALUE_ROW (row))
        continue;

      value = reseau_value_row_dup_value (RESEAU_VALUE_ROW (row));
      if (value == NULL)
        continue;

      label = reseau_value_row_dup_label (RESEAU_VALUE_ROW (row));
      reseau_contact_add_value (contact, field, label, value);
    }
}

ReseauContact *
reseau_contact_editor_build_contact (ReseauContactEditor *self)
{
  g_autoptr(ReseauContact) contact = NULL;
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *additional = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *full_name = NULL;
  g_autofree char *how_met = NULL;
  g_autofree char *met_on = NULL;
  g_autofree char *note = NULL;
  g_autofree char *pending_tag = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  int year, month, day;
  g_autofree char *birthday_message = NULL;
  g_autofree char *anniversary_message = NULL;

  g_return_val_if_fail (RESEAU_IS_CONTACT_EDITOR (self), NULL);

  contact = reseau_contact_copy (self->original);

  reseau_contact_set_kind (contact,
                           is_organization (self)
                             ? RESEAU_CONTACT_KIND_ORGANIZATION
                             : RESEAU_CONTACT_KIND_INDIVIDUAL);

  given = dup_entry_text (self->given_row);
  family = dup_entry_text (self->family_row);
  prefix = dup_entry_text (self->prefix_row);
  additional = dup_entry_text (self->additional_row);
  suffix = dup_entry_text (self->suffix_row);
  reseau_contact_set_given_name (contact, given);
  reseau_contact_set_family_name (contact, family);
  reseau_contact_set_prefix (contact, prefix);
  reseau_contact_set_additional_names (contact, additional);
  reseau_contact_set_suffix (contact, suffix);

  {
    g_autofree char *nickname = dup_entry_text (self->nickname_row);
    g_autofree char *organization = dup_entry_text (self->organization_row);
    g_autofree char *title = dup_entry_text (self->title_row);
    g_autofree char *role = dup_entry_text (self->role_row);

    reseau_contact_set_nickname (contact, nickname);
    reseau_contact_set_organization (contact, organization);
    reseau_contact_set_title (contact, title);
    reseau_contact_set_role (contact, role);
  }

  /* An empty display name follows the other fields, as it did before:
   * the organization's name for an organization, else the name parts. */
  full_name = dup_entry_text (self->full_name_row);
  if (full_name == NULL)
    full_name = dup_auto_full_name (self, prefix, given, additional, family, suffix);
  reseau_contact_set_full_name (contact, full_name);

  collect_values (self, contact, RESEAU_FIELD_EMAIL);
  collect_values (self, contact, RESEAU_FIELD_PHONE);
  collect_values (self, contact, RESEAU_FIELD_URL);

  reseau_contact_clear_addresses (contact);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->addresses_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(ReseauAddress) address = NULL;

      if (!ADW_IS_EXPANDER_ROW (row))
        continue;

      address = address_from_row (row);
      if (!reseau_address_is_empty (address))
        reseau_contact_add_address (contact, address);
    }

  if (date_is_set (self, DATE_BIRTHDAY) &&
      read_date (self, DATE_BIRTHDAY, &year, &month, &day, &birthday_message))
    reseau_contact_set_birthday (contact, year, month, day);
  else
    reseau_contact_clear_birthday (contact);

  if (date_is_set (self, DATE_ANNIVERSARY) &&
      read_date (self, DATE_ANNIVERSARY, &year, &month, &day, &anniversary_message))
    reseau_contact_set_anniversary (contact, year, month, day);
  else
    reseau_contact_clear_anniversary (contact);

  how_met = dup_entry_text (self->how_met_row);
  reseau_contact_set_how_met (contact, how_met);
  if (read_met_on (self, &met_on))
    reseau_contact_set_met_on (contact, met_on);
  reseau_contact_set_introduced_by (contact, reseau_contact_picker_get_uid (self->introducer_picker));
  reseau_contact_set_cadence_days (contact, (guint) gtk_spin_button_get_value_as_int (self->cadence_spin));

  reseau_contact_clear_tags (contact);
  for (guint i = 0; i < self->tags->len; i++)
    reseau_contact_add_tag (contact, g_ptr_array_index (self->tags, i));
  /* A tag typed without Enter is still meant. */
  pending_tag = dup_entry_text (self->tag_entry);
  if (pending_tag != NULL)
    reseau_contact_add_tag (contact, pending_tag);

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  note = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  {
    g_autofree char *stripped = reseau_text_strip_or_null (note);

    /* Keep the note as typed, line breaks and all, unless it is blank. */
    reseau_contact_set_note (contact, stripped != NULL ? note : NULL);
  }

  reseau_contact_set_photo (contact, self->photo);

  return g_steal_pointer (&contact);
}

/* Everything the editor can change, in one string. */
static char *
fingerprint (ReseauContact *contact)
{
  GString *s = g_string_new (NULL);
  GPtrArray *addresses = reseau_contact_get_addresses (contact);
  GPtrArray *tags = reseau_contact_get_tags (contact);
  GBytes *photo = reseau_contact_get_photo (contact);
  g_autofree char *birthday = reseau_contact_format_birthday (contact);
  g_autofree char *anniversary = reseau_contact_format_anniversary (contact);
  const char *strings[] = {
    reseau_contact_get_full_name (contact),
    reseau_contact_get_prefix (contact),
    reseau_contact_get_given_name (contact),
    reseau_contact_get_additional_names (contact),
    reseau_contact_get_family_name (contact),
    reseau_contact_get_suffix (contact),
    reseau_contact_get_nickname (contact),
    reseau_contact_get_organization (contact),
    reseau_contact_get_title (contact),
    reseau_contact_get_role (contact),
    reseau_contact_get_note (contact),
    reseau_contact_get_how_met (contact),
    reseau_contact_get_met_on (contact),
    reseau_contact_get_introduced_by (contact),
    birthday,
    anniversary,
  };

  g_string_append_printf (s, "%d\x1f%u\x1f", (int) reseau_contact_get_kind (contact),
                          reseau_contact_get_cadence_days (contact));

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_string_append_printf (s, "%s\x1f", strings[i] != NULL ? strings[i] : "\x1e");

  for (guint field = 0; field < RESEAU_N_FIELDS; field++)
    {
      GPtrArray *values = reseau_contact_get_values (contact, field);

      for (guint i = 0; i < values->len; i++)
        {
          const ReseauLabeledValue *lv = g_ptr_array_index (values, i);

          g_string_append_printf (s, "%u:%s=%s\x1f", field,
                                  lv->label != NULL ? lv->label : "\x1e",
                                  lv->value != NULL ? lv->value : "");
        }
    }

  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *formatted = reseau_address_format (g_ptr_array_index (addresses, i));
      const ReseauAddress *address = g_ptr_array_index (addresses, i);

      g_string_append_printf (s, "a:%s=%s\x1f",
                              address->label != NULL ? address->label : "\x1e",
                              formatted != NULL ? formatted : "");
    }

  for (guint i = 0; i < tags->len; i++)
    g_string_append_printf (s, "t:%s\x1f", (const char *) g_ptr_array_index (tags, i));

  if (photo != NULL)
    g_string_append_printf (s, "p:%" G_GSIZE_FORMAT ":%u", g_bytes_get_size (photo), g_bytes_hash (photo));

  return g_string_free (s, FALSE);
}

gboolean
reseau_contact_editor_get_has_changes (ReseauContactEditor *self)
{
  g_autoptr(ReseauContact) contact = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (RESEAU_IS_CONTACT_EDITOR (self), FALSE);

  contact = reseau_contact_editor_build_contact (self);
  now = fingerprint (contact);

  return g_strcmp0 (now, self->initial_fingerprint) != 0;
}

gboolean
reseau_contact_editor_get_can_save (ReseauContactEditor *self)
{
  g_return_val_if_fail (RESEAU_IS_CONTACT_EDITOR (self), FALSE);

  return gtk_widget_get_sensitive (GTK_WIDGET (self->save_button));
}

GtkWidget *
reseau_contact_editor_add_value (ReseauContactEditor *self,
                                 ReseauField          field)
{
  GtkWidget *row;

  g_return_val_if_fail (RESEAU_IS_CONTACT_EDITOR (self), NULL);
  g_return_val_if_fail (field < RESEAU_N_FIELDS, NULL);

  row = add_value_row (self, field, NULL, NULL, FALSE);
  reseau_value_row_focus (RESEAU_VALUE_ROW (row));
  update_state (self);

  return row;
}

GtkWidget *
reseau_contact_editor_add_address (ReseauContactEditor *self)
{
  GtkWidget *row;

  g_return_val_if_fail (RESEAU_IS_CONTACT_EDITOR (self), NULL);

  row = add_address_row (self, NULL);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (reseau_contact_editor_get_address_part (row, "street")));
  update_state (self);

  return row;
}

GtkEditable *
reseau_contact_editor_get_address_part (GtkWidget  *address_row,
                                        const char *part)
{
  g_return_val_if_fail (ADW_IS_EXPANDER_ROW (address_row), NULL);

  return g_object_get_data (G_OBJECT (address_row), part);
}

/* Saving and closing */

static void
set_saving (ReseauContactEditor *self,
            gboolean             saving)
{
  self->saving = !!saving;
  gtk_widget_set_visible (GTK_WIDGET (self->save_spinner), saving);
  gtk_spinner_set_spinning (self->save_spinner, saving);
  update_state (self);
}

static void
on_contact_saved (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReseauContactEditor *self = g_task_get_source_object (task);
  ReseauContact *contact = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!reseau_database_save_contact_finish (RESEAU_DATABASE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Everything typed is still in the widgets: the user can fix the
       * cause (a full disk, say) and save again. */
      set_saving (self, FALSE);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new_format (_("Could not save the contact: %s"),
                                                         error->message));
      return;
    }

  set_saving (self, FALSE);
  self->close_confirmed = TRUE;
  g_signal_emit (self, signals[SAVED], 0, reseau_contact_get_uid (contact));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ReseauContactEditor *self = RESEAU_CONTACT_EDITOR (widget);
  g_autoptr(ReseauContact) contact = NULL;
  GTask *task;

  if (self->saving || !reseau_contact_editor_get_can_save (self))
    return;

  contact = reseau_contact_editor_build_contact (self);
  /* The stored card follows the edit property by property, so that what
   * the app does not show (X- properties, groups, parameters) stays as it
   * came from the phone or the server. */
  reseau_contact_refresh_vcard (contact);
  if (reseau_contact_is_empty (contact))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Enter a name, an organization, an email address or a phone number first.")));
      return;
    }

  /* The entry's text became a chip in the saved contact: show it so. */
  take_typed_tag (self);

  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (task, save_action);
  g_task_set_task_data (task, g_object_ref (contact), g_object_unref);

  set_saving (self, TRUE);
  reseau_database_save_contact_async (self->database, contact, self->cancellable,
                                      on_contact_saved, task);
}

static void
on_discard_response (AdwMessageDialog    *dialog,
                     const char          *response,
                     ReseauContactEditor *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  self->close_confirmed = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
ask_discard (ReseauContactEditor *self)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   _("Discard Changes?"),
                                   self->is_new
                                     ? _("The new contact will not be saved.")
                                     : _("The changes you made to this contact will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
reseau_contact_editor_close_request (GtkWindow *window)
{
  ReseauContactEditor *self = RESEAU_CONTACT_EDITOR (window);

  /* Half a save is worse than a moment's wait. */
  if (self->saving)
    return TRUE;

  if (!self->close_confirmed && reseau_contact_editor_get_has_changes (self))
    {
      ask_discard (self);
      return TRUE;
    }

  return FALSE;
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* GObject */

static void
reseau_contact_editor_dispose (GObject *object)
{
  ReseauContactEditor *self = (ReseauContactEditor *)object;

  g_cancellable_cancel (self->cancellable);

  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
  g_clear_object (&self->file_chooser);

  if (self->tag_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->tag_popover));
      self->tag_popover = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_CONTACT_EDITOR);

  g_clear_object (&self->database);
  g_clear_object (&self->original);
  g_clear_object (&self->scratch);

  G_OBJECT_CLASS (reseau_contact_editor_parent_class)->dispose (object);
}

static void
reseau_contact_editor_finalize (GObject *object)
{
  ReseauContactEditor *self = (ReseauContactEditor *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->photo, g_bytes_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
  g_clear_pointer (&self->known_tags, g_strfreev);
  g_clear_pointer (&self->initial_fingerprint, g_free);

  G_OBJECT_CLASS (reseau_contact_editor_parent_class)->finalize (object);
}

/* The .ui names the widgets of each date prefix_stack, prefix_day…; they
 * land in the date's DateFields. */
static void
bind_date_fields (GtkWidgetClass *widget_class,
                  const char     *prefix,
                  DateKind        kind)
{
  static const struct {
    const char *suffix;
    gsize       offset;
  } parts[] = {
    { "stack",          G_STRUCT_OFFSET (DateFields, stack) },
    { "add_button",     G_STRUCT_OFFSET (DateFields, add_button) },
    { "clear_button",   G_STRUCT_OFFSET (DateFields, clear_button) },
    { "day",            G_STRUCT_OFFSET (DateFields, day) },
    { "month",          G_STRUCT_OFFSET (DateFields, month) },
    { "year",           G_STRUCT_OFFSET (DateFields, year) },
    { "error_revealer", G_STRUCT_OFFSET (DateFields, error_revealer) },
    { "error",          G_STRUCT_OFFSET (DateFields, error) },
  };
  gssize base = G_STRUCT_OFFSET (ReseauContactEditor, dates) + (gssize) (kind * sizeof (DateFields));

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *name = g_strconcat (prefix, "_", parts[i].suffix, NULL);

      /* Interned: a name that lives as long as the class, whatever GTK
       * does with the pointer. */
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (name), FALSE,
                                                 base + (gssize) parts[i].offset);
    }
}

static void
reseau_contact_editor_class_init (ReseauContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = reseau_contact_editor_dispose;
  object_class->finalize = reseau_contact_editor_finalize;
  window_class->close_request = reseau_contact_editor_close_request;

  /* The contact was stored; the editor closes right after. */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);

  g_type_ensure (RESEAU_TYPE_CONTACT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, save_spinner);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, avatar);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, remove_photo_button);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, person_toggle);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, organization_toggle);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, given_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, family_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, more_names_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, prefix_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, additional_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, suffix_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, nickname_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, full_name_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, organization_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, empty_hint);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, emails_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, phones_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, urls_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, addresses_list);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, role_row);
  bind_date_fields (widget_class, "birthday", DATE_BIRTHDAY);
  bind_date_fields (widget_class, "anniversary", DATE_ANNIVERSARY);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, how_met_row);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, met_on_entry);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, met_on_popover);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, met_on_calendar);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, met_on_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, introducer_picker);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, cadence_spin);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, tags_box);
  gtk_widget_class_bind_template_child (widget_class, ReseauContactEditor, note_view);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_photo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_photo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_values_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_addresses_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_birthday_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_birthday_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_anniversary_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_anniversary_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_met_on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_met_on_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_met_on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_changed);
}

static void
add_save_shortcuts (ReseauContactEditor *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter, GDK_KEY_s };

  /* In the capture phase, so that the note's text view does not take
   * Ctrl+Enter for a line break before the window sees it. */
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_LOCAL);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], GDK_CONTROL_MASK),
                                                            gtk_named_action_new ("editor.save")));

  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
reseau_contact_editor_init (ReseauContactEditor *self)
{
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);
  const char *value_add_labels[RESEAU_N_FIELDS] = {
    [RESEAU_FIELD_EMAIL] = _("Add _Email"),
    [RESEAU_FIELD_PHONE] = _("Add _Phone Number"),
    [RESEAU_FIELD_URL] = _("Add _Website"),
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->scratch = reseau_contact_new ();

  for (guint month = 1; month <= 12; month++)
    {
      g_autofree char *name = dup_month_name (month);

      gtk_string_list_append (months, name);
    }
  for (guint kind = 0; kind < N_DATES; kind++)
    gtk_drop_down_set_model (self->dates[kind].month, G_LIST_MODEL (months));

  for (guint field = 0; field < RESEAU_N_FIELDS; field++)
    {
      self->value_add_rows[field] = make_add_row (value_add_labels[field]);
      gtk_list_box_append (list_for_field (self, field), self->value_add_rows[field]);
    }
  self->address_add_row = make_add_row (_("Add _Address"));
  gtk_list_box_append (self->addresses_list, self->address_add_row);

  {
    AdwEntryRow *rows[] = {
      self->given_row, self->family_row, self->prefix_row, self->additional_row,
      self->suffix_row, self->nickname_row, self->full_name_row, self->organization_row,
    };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      g_signal_connect_object (rows[i], "changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  }

  build_tag_popover (self);
  add_save_shortcuts (self);
}

static int
default_cadence (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* Run from the build tree without compiled schemas: still usable. */
  if (source == NULL ||
      (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) == NULL ||
      !g_settings_schema_has_key (schema, "default-cadence"))
    return 30;

  settings = g_settings_new (APP_ID);

  return g_settings_get_int (settings, "default-cadence");
}

ReseauContactEditor *
reseau_contact_editor_new (GtkWindow      *parent,
                           ReseauDatabase *database,
                           ReseauContact  *contact)
{
  ReseauContactEditor *self;
  g_autoptr(ReseauContact) initial = NULL;
  const char *title;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESEAU_IS_DATABASE (database), NULL);
  g_return_val_if_fail (contact == NULL || RESEAU_IS_CONTACT (contact), NULL);

  self = g_object_new (RESEAU_TYPE_CONTACT_EDITOR,
                       "transient-for", parent,
                       NULL);

  self->database = g_object_ref (database);
  self->is_new = contact == NULL;

  if (contact != NULL)
    {
      self->original = reseau_contact_copy (contact);
    }
  else
    {
      self->original = reseau_contact_new ();
      reseau_contact_set_cadence_days (self->original, (guint) default_cadence ());
    }

  title = self->is_new ? _("New Contact") : _("Edit Contact");
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);

  reseau_contact_picker_set_database (self->introducer_picker, database);
  populate (self, self->original);

  initial = reseau_contact_editor_build_contact (self);
  self->initial_fingerprint = fingerprint (initial);

  reseau_database_list_tags_async (database, self->cancellable,
                                   on_known_tags_loaded, g_object_ref (self));

  update_state (self);

  if (self->is_new)
    gtk_widget_grab_focus (GTK_WIDGET (self->given_row));

  return self;
}
