/* reseau-cli-relations.c — log, due, timeline, referral and event
 *
 * The relationship side of the network from the command line, over
 * reseau-database-relations.h. Contacts may be named by UID or by display
 * name (see resolve_contact()); days are local calendar dates, as in the
 * core. "due" reads the default cadence from GSettings when the schema is
 * installed, and falls back to the schema's default (30 days) otherwise, so
 * that the CLI agrees with the application's Follow-up view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "reseau-cli-private.h"

/* org.example.Reseau's default-cadence default, for when the schema is
 * not installed (a CLI run from a build tree without GSETTINGS_SCHEMA_DIR). */
#define SCHEMA_DEFAULT_CADENCE 30
/* The most candidates an ambiguous or unknown name lists. */
#define MAX_CANDIDATES 10
#define TIMELINE_PAGE 500

static void
write_line (const char *text)
{
  reseau_cli_write (text);
  reseau_cli_write ("\n");
}

static void
write_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  write_line (text);
}

static int
unexpected_argument (GStrv rest)
{
  return reseau_cli_usage_error (_("unexpected argument “%s”"), rest[0]);
}

/* Contacts by UID or name ------------------------------------------------- */

/* An exact UID first, else the one contact whose display name is text,
 * ignoring case and accents. Returns a UID, or NULL after printing a usage
 * error that lists the candidates (or an error of the database). */
static char *
resolve_contact (ReseauDatabase *database,
                 const char     *text,
                 int            *status)
{
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GPtrArray) exact = g_ptr_array_new ();
  g_autoptr(GPtrArray) partial = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *wanted = NULL;
  GPtrArray *candidates;

  contact = reseau_database_load_contact (database, text, &error);
  if (contact != NULL)
    return g_strdup (reseau_contact_get_uid (contact));
  if (!g_error_matches (error, RESEAU_DATABASE_ERROR, RESEAU_DATABASE_ERROR_NOT_FOUND))
    {
      *status = reseau_cli_report_error (error, NULL);
      return NULL;
    }
  g_clear_error (&error);

  summaries = reseau_database_list_summaries (database, &error);
  if (summaries == NULL)
    {
      *status = reseau_cli_report_error (error, NULL);
      return NULL;
    }

  {
    g_autofree char *stripped = g_strstrip (g_strdup (text));

    wanted = reseau_text_fold (stripped);
  }

  for (guint i = 0; i < summaries->len; i++)
    {
      ReseauContactSummary *summary = g_ptr_array_index (summaries, i);
      g_autofree char *folded = reseau_text_fold (summary->display_name);

      if (strcmp (folded, wanted) == 0)
        g_ptr_array_add (exact, summary);
      else if (*wanted != '\0' && strstr (folded, wanted) != NULL)
        g_ptr_array_add (partial, summary);
    }

  if (exact->len == 1)
    {
      ReseauContactSummary *summary = g_ptr_array_index (exact, 0);

      return g_strdup (summary->uid);
    }

  if (exact->len > 1)
    {
      g_printerr ("reseau-cli: ");
      g_printerr (_("“%s” names several contacts; give the UID of one of them:"), text);
      g_printerr ("\n");
      candidates = exact;
    }
  else
    {
      g_printerr ("reseau-cli: ");
      g_printerr (_("no contact has the UID or the name “%s”"), text);
      g_printerr ("\n");
      if (partial->len > 0)
        g_printerr ("%s\n", _("Contacts whose name contains it:"));
      candidates = partial;
    }

  for (guint i = 0; i < candidates->len && i < MAX_CANDIDATES; i++)
    {
      ReseauContactSummary *summary = g_ptr_array_index (candidates, i);

      g_printerr ("  %s\t%s\n", summary->uid, summary->display_name);
    }
  if (candidates->len > MAX_CANDIDATES)
    {
      guint more = candidates->len - MAX_CANDIDATES;

      g_printerr ("  ");
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more), more);
      g_printerr ("\n");
    }
  /* The same hint as every other usage error, after the candidates. */
  g_printerr ("%s\n", _("Try “reseau-cli --help”."));

  *status = RESEAU_CLI_EXIT_USAGE;
  return NULL;
}

/* Dates -------------------------------------------------------------------- */

/* "YYYY-MM-DD" (a day: time stays NULL) or "YYYY-MM-DDTHH:MM[:SS]" (local
 * time, or with its own offset). */
static gboolean
parse_date (const char  *text,
            GDate       *day,
            GDateTime  **time)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) parsed = NULL;
  int year, month, dayno, hour, minute;
  char end;

  *time = NULL;
  g_date_clear (day, 1);

  if (reseau_date_from_string (text, day))
    return TRUE;

  if (sscanf (text, "%4d-%2d-%2dT%2d:%2d%c", &year, &month, &dayno, &hour, &minute, &end) == 5 &&
      strlen (text) == 16)
    parsed = g_date_time_new (local, year, month, dayno, hour, minute, 0);
  else
    parsed = g_date_time_new_from_iso8601 (text, local);

  if (parsed == NULL)
    return FALSE;

  *time = g_steal_pointer (&parsed);
  return TRUE;
}

static void
local_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

/* ------------------------------------------------------------------------
 * log
 * --------------------------------------------------------------------- */

static char *
list_names (const char * (*to_string) (int),
            int            n)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, to_string (i));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static const char *
kind_name (int kind)
{
  return reseau_interaction_kind_to_string (kind);
}

int
reseau_cli_log (int    argc,
                char **argv)
{
  g_auto(GStrv) with = NULL;
  g_autofree char *type = NULL;
  g_autofree char *date = NULL;
  g_autofree char *direction = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "with", 0, 0, G_OPTION_ARG_STRING_ARRAY, &with,
      N_("A participant, by UID or name (may be repeated)"), N_("UID|NAME") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type,
      N_("meeting, call, email, message, coffee, event, walk, video-call or other"), N_("TYPE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("When it happened: YYYY-MM-DD or YYYY-MM-DDTHH:MM (default: now)"), N_("DATE") },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &direction,
      N_("Who did the favour: asked, gave or mutual (the default)"), N_("DIRECTION") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What was said or done"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(ReseauInteraction) interaction = reseau_interaction_new ();
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GDate day;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("log", NULL,
                                   _("Logs an interaction with one or more contacts. Logging one counts as getting back in touch: it starts their follow-up cadence again."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] != NULL)
    return unexpected_argument (rest);

  if (with == NULL || with[0] == NULL)
    /* Translators: %s is an option, "--with" */
    return reseau_cli_usage_error (_("log needs at least one participant: give %s UID or NAME"), "--with");
  if (type == NULL)
    {
      g_autofree char *names = list_names (kind_name, RESEAU_N_INTERACTION_KINDS);

      /* Translators: %s is the list of types */
      return reseau_cli_usage_error (_("log needs --type, one of: %s"), names);
    }
  if (!reseau_interaction_kind_from_string (type, &interaction->kind))
    {
      g_autofree char *names = list_names (kind_name, RESEAU_N_INTERACTION_KINDS);

      /* Translators: the first %s is what was given, the second the list of types */
      return reseau_cli_usage_error (_("unknown interaction type “%s”: use one of %s"), type, names);
    }
  if (direction != NULL && !reseau_direction_from_string (direction, &interaction->direction))
    return reseau_cli_usage_error (_("unknown direction “%s”: use asked, gave or mutual"), direction);
  if (date != NULL && !parse_date (date, &day, &time))
    return reseau_cli_usage_error (_("cannot read the date “%s”: use YYYY-MM-DD or YYYY-MM-DDTHH:MM"), date);

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  for (guint i = 0; with[i] != NULL; i++)
    {
      g_autofree char *uid = resolve_contact (database, with[i], &status);

      if (uid == NULL)
        return status;
      reseau_interaction_add_participant (interaction, uid);
    }

  if (date == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      reseau_interaction_set_time (interaction, now);
    }
  else if (time != NULL)
    reseau_interaction_set_time (interaction, time);
  else
    reseau_interaction_set_day (interaction, &day, NULL);

  interaction->note = reseau_text_strip_or_null (note);

  if (!reseau_database_save_interaction (database, interaction, &error))
    return reseau_cli_report_error (error, NULL);

  /* The id, as add prints the UID: what a script can refer to. */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, interaction->id);
  write_line (id);

  return RESEAU_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------
 * due
 * --------------------------------------------------------------------- */

static guint
read_default_cadence (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  int days;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "default-cadence"))
    return SCHEMA_DEFAULT_CADENCE;

  settings = g_settings_new_full (schema, NULL, NULL);
  days = g_settings_get_int (settings, "default-cadence");

  return days > 0 ? (guint) days : 0;
}

static JsonNode *
followup_to_json (const ReseauFollowup *followup)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *due = reseau_date_to_string (&followup->due);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uid");
  json_builder_add_string_value (builder, followup->contact_uid);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, followup->display_name);
  json_builder_set_member_name (builder, "due_date");
  json_builder_add_string_value (builder, due);
  json_builder_set_member_name (builder, "overdue_days");
  json_builder_add_int_value (builder, followup->overdue_days);
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, reseau_followup_reason_to_string (followup->reason));
  json_builder_set_member_name (builder, "group");
  json_builder_add_string_value (builder, reseau_followup_group_to_string (followup->group));
  json_builder_set_member_name (builder, "note");
  if (followup->note != NULL)
    json_builder_add_string_value (builder, followup->note);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "cadence_days");
  json_builder_add_int_value (builder, followup->cadence_days);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* "12 days overdue", "due today", "due in 3 days". */
static char *
describe_due (const ReseauFollowup *followup)
{
  int days = followup->overdue_days;

  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue", days), days);
  if (days == 0)
    return g_strdup (_("due today"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "due in %d day", "due in %d days", -days), -days);
}

static char *
describe_reason (const ReseauFollowup *followup)
{
  switch (followup->reason)
    {
    case RESEAU_FOLLOWUP_REASON_CADENCE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "every %u day", "every %u days",
                                           followup->cadence_days),
                              followup->cadence_days);
    case RESEAU_FOLLOWUP_REASON_COOLING:
      return g_strdup_printf (_("cooling down (strength %u)"), followup->strength);
    case RESEAU_FOLLOWUP_REASON_REMINDER:
    case RESEAU_FOLLOWUP_REASON_THANKS:
    default:
      return g_strdup (followup->note != NULL ? followup->note : "");
    }
}

int
reseau_cli_due (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("due", NULL,
                                   _("Lists who to get back to, earliest first: contacts whose follow-up cadence has run out or soon will, "
                                     "open reminders and referrals not yet thanked. The default cadence is the application’s preference (30 days unless changed)."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] != NULL)
    return unexpected_argument (rest);

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  local_today (&today);
  followups = reseau_database_list_followups (database, &today, read_default_cadence (), &error);
  if (followups == NULL)
    return reseau_cli_report_error (error, NULL);

  if (json)
    {
      g_autoptr(JsonArray) array = json_array_sized_new (followups->len);
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < followups->len; i++)
        json_array_add_element (array, followup_to_json (g_ptr_array_index (followups, i)));
      json_node_set_array (root, array);
      write_json (root);
      return RESEAU_CLI_EXIT_OK;
    }

  for (guint i = 0; i < followups->len; i++)
    {
      const ReseauFollowup *followup = g_ptr_array_index (followups, i);
      g_autofree char *due = reseau_date_to_string (&followup->due);
      g_autofree char *when = describe_due (followup);
      g_autofree char *why = describe_reason (followup);
      g_autofree char *line = g_strdup_printf ("%s\t%s\t%s\t%s", due, followup->display_name, when, why);

      write_line (line);
    }

  return RESEAU_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------
 * timeline
 * --------------------------------------------------------------------- */

static JsonNode *
timeline_row_to_json (const ReseauTimelineRow *row)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (row->occurred_at);
  g_autofree char *instant = at != NULL ? g_date_time_format_iso8601 (at) : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, row->id);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, row->occurred_on);
  json_builder_set_member_name (builder, "time");
  json_builder_add_string_value (builder, instant);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, reseau_interaction_kind_to_string (row->kind));
  json_builder_set_member_name (builder, "direction");
  json_builder_add_string_value (builder, reseau_direction_to_string (row->direction));
  json_builder_set_member_name (builder, "participants");
  json_builder_add_string_value (builder, row->participants);
  json_builder_set_member_name (builder, "note");
  if (row->note_excerpt != NULL)
    json_builder_add_string_value (builder, row->note_excerpt);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

int
reseau_cli_timeline (int    argc,
                     char **argv)
{
  g_autofree char *contact = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact,
      N_("Only the interactions with this contact, by UID or name"), N_("UID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  ReseauTimelineFilter filter = { -1, NULL, NULL, NULL };
  gint64 before_at = 0, before_id = 0;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("timeline", NULL,
                                   _("Lists the interactions, newest first, for the whole network or one contact."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] != NULL)
    return unexpected_argument (rest);

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  if (contact != NULL)
    {
      uid = resolve_contact (database, contact, &status);
      if (uid == NULL)
        return status;
      filter.contact_uid = uid;
    }

  /* Page by page, so that a million interactions never sit in memory as
   * rows at once (JSON output aside). */
  for (;;)
    {
      g_autoptr(GPtrArray) rows = reseau_database_timeline_page (database, &filter, before_at, before_id,
                                                                 TIMELINE_PAGE, &error);
      const ReseauTimelineRow *last;

      if (rows == NULL)
        return reseau_cli_report_error (error, NULL);

      for (guint i = 0; i < rows->len; i++)
        {
          const ReseauTimelineRow *row = g_ptr_array_index (rows, i);

          if (json)
            json_array_add_element (array, timeline_row_to_json (row));
          else
            {
              g_autofree char *line = g_strdup_printf ("%s\t%s\t%s\t%s", row->occurred_on,
                                                       reseau_interaction_kind_get_label (row->kind),
                                                       row->participants != NULL ? row->participants : "",
                                                       row->note_excerpt != NULL ? row->note_excerpt : "");

              /* One line per interaction, whatever the note holds. */
              g_strdelimit (line + strlen (row->occurred_on) + 1, "\n\r", ' ');
              write_line (line);
            }
        }

      if (rows->len < TIMELINE_PAGE)
        break;
      last = g_ptr_array_index (rows, rows->len - 1);
      before_at = last->occurred_at;
      before_id = last->id;
    }

  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (root, array);
      write_json (root);
    }

  return RESEAU_CLI_EXIT_OK;
}

/* ------------------------------------------------------------------------
 * referral add
 * --------------------------------------------------------------------- */

/* "1500", "1500.50", "1 500,50" → cents. */
static gboolean
parse_amount (const char *text,
              gint64     *cents)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  char *end = NULL;
  double value;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x202F || c == 0x00A0)
        continue;
      g_string_append_c (clean, c == ',' ? '.' : (char) *p);
      if (c > 0x7F)
        return FALSE;
    }

  if (clean->len == 0)
    return FALSE;

  value = g_ascii_strtod (clean->str, &end);
  if (end == NULL || *end != '\0' || !isfinite (value) || value < 0 || value > 1e13)
    return FALSE;

  *cents = (gint64) llround (value * 100);
  return TRUE;
}

static int
referral_add (int    argc,
              char **argv)
{
  g_autofree char *direction = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *date = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *value = NULL;
  const GOptionEntry entries[] = {
    { "direction", 0, 0, G_OPTION_ARG_STRING, &direction,
      N_("received (the contact recommended you) or given (you recommended the contact)"), N_("DIRECTION") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact,
      N_("Who recommended you, or whom you recommended (UID or name)"), N_("UID") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("To whom (UID or name)"), N_("UID") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("For what: the mandate or the need"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When: YYYY-MM-DD (default: today)"), N_("DATE") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("pending (the default), won or lost"), N_("OUTCOME") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value, N_("What the mandate is worth"), N_("AMOUNT") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(ReseauReferral) referral = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *person_uid = NULL;
  g_autofree char *to_uid = NULL;
  g_autofree char *id = NULL;
  ReseauReferralDirection referral_direction;
  ReseauOutcome referral_outcome = RESEAU_OUTCOME_PENDING;
  gint64 cents = 0;
  GDate day;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("referral add", NULL,
                                   _("Records a referral: someone who recommended you (received) or someone you recommended (given). "
                                     "A referral received appears in “reseau-cli due” until you have thanked the person."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] != NULL)
    return unexpected_argument (rest);

  if (direction == NULL)
    return reseau_cli_usage_error (_("referral add needs --direction received or given"));
  if (strcmp (direction, "received") == 0)
    referral_direction = RESEAU_REFERRAL_RECEIVED;
  else if (strcmp (direction, "given") == 0)
    referral_direction = RESEAU_REFERRAL_GIVEN;
  else
    return reseau_cli_usage_error (_("unknown referral direction “%s”: use received or given"), direction);
  if (contact == NULL)
    return reseau_cli_usage_error (_("referral add needs --contact UID"));
  if (reseau_text_is_blank (subject))
    return reseau_cli_usage_error (_("referral add needs --subject TEXT: what the referral was for"));
  if (outcome != NULL && !reseau_outcome_from_string (outcome, &referral_outcome))
    return reseau_cli_usage_error (_("unknown outcome “%s”: use pending, won or lost"), outcome);
  if (value != NULL && !parse_amount (value, &cents))
    return reseau_cli_usage_error (_("cannot read the amount “%s”: give a number such as 1500 or 1500.50"), value);
  if (date != NULL)
    {
      if (!parse_date (date, &day, &time))
        return reseau_cli_usage_error (_("cannot read the date “%s”: use YYYY-MM-DD"), date);
      if (time != NULL)
        g_date_set_dmy (&day, g_date_time_get_day_of_month (time),
                        g_date_time_get_month (time), g_date_time_get_year (time));
    }
  else
    local_today (&day);

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  person_uid = resolve_contact (database, contact, &status);
  if (person_uid == NULL)
    return status;
  if (to != NULL)
    {
      to_uid = resolve_contact (database, to, &status);
      if (to_uid == NULL)
        return status;
    }

  referral = reseau_referral_new (referral_direction, person_uid, &day);
  referral->to_uid = g_steal_pointer (&to_uid);
  referral->subject = g_strstrip (g_strdup (subject));
  referral->outcome = referral_outcome;
  referral->value_cents = cents;

  if (!reseau_database_add_referral (database, referral, &error))
    return reseau_cli_report_error (error, NULL);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, referral->id);
  write_line (id);

  return RESEAU_CLI_EXIT_OK;
}

int
reseau_cli_referral (int    argc,
                     char **argv)
{
  const char *action = argc > 1 ? argv[1] : NULL;

  if (action == NULL)
    return reseau_cli_usage_error (_("referral needs an action: add"));
  if (strcmp (action, "add") == 0)
    return referral_add (argc - 1, argv + 1);
  /* One action so far: its help is the help of the command. */
  if (strcmp (action, "--help") == 0 || strcmp (action, "-h") == 0)
    return referral_add (argc, argv);

  return reseau_cli_usage_error (_("unknown referral action “%s”: use add"), action);
}

/* ------------------------------------------------------------------------
 * event add
 * --------------------------------------------------------------------- */

static int
event_add (int    argc,
           char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *date = NULL;
  gboolean online = FALSE;
  gboolean in_person = FALSE;
  gboolean coworking = FALSE;
  g_auto(GStrv) met = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The event’s name"), N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When it was held: YYYY-MM-DD"), N_("DATE") },
    { "online", 0, 0, G_OPTION_ARG_NONE, &online, N_("An online event"), NULL },
    { "in-person", 0, 0, G_OPTION_ARG_NONE, &in_person, N_("An event in person (the default)"), NULL },
    { "coworking", 0, 0, G_OPTION_ARG_NONE, &coworking, N_("A coworking event"), NULL },
    { "met", 0, 0, G_OPTION_ARG_STRING_ARRAY, &met,
      N_("Someone you met there, by UID or name (may be repeated)"), N_("UID") },
    G_OPTION_ENTRY_NULL
  };
  g_auto(GStrv) rest = NULL;
  g_autoptr(ReseauDatabase) database = NULL;
  g_autoptr(ReseauEvent) event = NULL;
  g_autoptr(GPtrArray) met_uids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GDate day;
  int status = RESEAU_CLI_EXIT_OK;

  rest = reseau_cli_parse_options ("event add", NULL,
                                   _("Records a networking event and the people you met there."),
                                   entries, argc, argv);
  if (rest == NULL)
    return RESEAU_CLI_EXIT_USAGE;
  if (rest[0] != NULL)
    return unexpected_argument (rest);

  if (reseau_text_is_blank (name))
    return reseau_cli_usage_error (_("event add needs --name NAME"));
  if (date == NULL)
    return reseau_cli_usage_error (_("event add needs --date YYYY-MM-DD"));
  if (!parse_date (date, &day, &time))
    return reseau_cli_usage_error (_("cannot read the date “%s”: use YYYY-MM-DD"), date);
  if (time != NULL)
    g_date_set_dmy (&day, g_date_time_get_day_of_month (time),
                    g_date_time_get_month (time), g_date_time_get_year (time));
  if (online + in_person + coworking > 1)
    return reseau_cli_usage_error (_("give only one of --online, --in-person and --coworking"));

  database = reseau_cli_open_database (&status);
  if (database == NULL)
    return status;

  /* Every name is checked before anything is written. */
  for (guint i = 0; met != NULL && met[i] != NULL; i++)
    {
      char *uid = resolve_contact (database, met[i], &status);

      if (uid == NULL)
        return status;
      g_ptr_array_add (met_uids, uid);
    }

  {
    g_autofree char *stripped = g_strstrip (g_strdup (name));

    event = reseau_event_new (stripped, &day);
  }
  if (online)
    event->format = RESEAU_EVENT_ONLINE;
  else if (coworking)
    event->format = RESEAU_EVENT_COWORKING;
  else
    event->format = RESEAU_EVENT_IN_PERSON;

  if (!reseau_database_add_event (database, event, &error))
    return reseau_cli_report_error (error, NULL);

  for (guint i = 0; i < met_uids->len; i++)
    {
      const char *uid = g_ptr_array_index (met_uids, i);

      if (!reseau_database_add_attendee (database, event->id, uid, TRUE, &error))
        return reseau_cli_report_error (error, uid);
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, event->id);
  write_line (id);

  return RESEAU_CLI_EXIT_OK;
}

int
reseau_cli_event (int    argc,
                  char **argv)
{
  const char *action = argc > 1 ? argv[1] : NULL;

  if (action == NULL)
    return reseau_cli_usage_error (_("event needs an action: add"));
  if (strcmp (action, "add") == 0)
    return event_add (argc - 1, argv + 1);
  /* One action so far: its help is the help of the command. */
  if (strcmp (action, "--help") == 0 || strcmp (action, "-h") == 0)
    return event_add (argc, argv);

  return reseau_cli_usage_error (_("unknown event action “%s”: use add"), action);
}
