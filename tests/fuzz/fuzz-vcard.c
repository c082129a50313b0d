/* fuzz-vcard.c — libFuzzer target for the vCard reader, mapping and writer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is read as a file of cards. Every card is written back as 3.0
 * and 4.0 and read again, mapped to a contact, and the contact's own card
 * is written and read again too: bugs hide in the round trips at least as
 * much as in the first read. Beyond the sanitizers, the promises of
 * reseau-vcard.h are checked as oracles, and a broken promise aborts:
 *
 *  - every text the reader hands out is UTF-8, whatever the input was;
 *  - the writer's lines end in CRLF and are at most 75 octets;
 *  - the writer is a fixed point: what it wrote, read and written again,
 *    comes out byte for byte the same;
 *  - a card written and read again is reseau_vcard_equal() to itself;
 *  - a contact keeps its UID and display name through its own card;
 *  - refreshing the stored card of a contact nobody edited changes nothing.
 *
 * GLib warnings and criticals abort as well: a g_return_if_fail() reached
 * from file contents is a bug even when nothing crashes.
 *
 * RESEAU_FUZZ_ORACLES=0 turns the promises into no-ops, leaving only the
 * sanitizers and GLib's checks: for a long run by hand while a known broken
 * promise is being fixed, which would otherwise stop every run at once.
 * The tests of the fuzz suite never set it.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reseau-contact.h"
#include "reseau-problem.h"
#include "reseau-vcard.h"
#include "reseau-vcard-contact.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static gboolean oracles = TRUE;

/* Prints what broke before aborting, so that the log says which promise it
 * was; libFuzzer then saves the input as the crash file. Callers carry on
 * safely when it returns (oracles off). */
static void
broken_promise (const char *what,
                const char *detail)
{
  if (!oracles)
    return;
  fprintf (stderr, "fuzz-vcard: broken promise: %s\n", what);
  if (detail != NULL)
    fprintf (stderr, "fuzz-vcard: detail: %s\n", detail);
  abort ();
}

static void
check_utf8 (const char *text,
            const char *what)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    broken_promise (what, "not UTF-8");
}

static void
check_written (const GString *out,
               const char    *what)
{
  const char *line = out->str;
  const char *end = out->str + out->len;

  if (!g_utf8_validate (out->str, out->len, NULL))
    broken_promise (what, "the writer wrote bytes that are not UTF-8");

  while (line < end)
    {
      const char *eol = memchr (line, '\n', end - line);

      if (eol == NULL || eol == line || eol[-1] != '\r')
        {
          broken_promise (what, "a line that does not end in CRLF");
          return;
        }
      if (eol - 1 - line > 75)
        broken_promise (what, "a line longer than 75 octets");
      line = eol + 1;
    }
}

static void
check_card_text (const ReseauVCard *card)
{
  for (guint i = 0; i < card->properties->len; i++)
    {
      const ReseauVCardProperty *property = g_ptr_array_index (card->properties, i);
      g_autofree char *text = reseau_vcard_property_get_text (property);
      g_auto(GStrv) components = reseau_vcard_property_get_components (property);
      g_auto(GStrv) list = reseau_vcard_property_get_list (property);
      g_autofree char *mime_type = NULL;
      g_autoptr(GBytes) binary = NULL;

      check_utf8 (property->group, "a property group");
      check_utf8 (property->name, "a property name");
      check_utf8 (property->value, "a property value");
      check_utf8 (text, "reseau_vcard_property_get_text()");
      for (guint c = 0; components != NULL && components[c] != NULL; c++)
        check_utf8 (components[c], "reseau_vcard_property_get_components()");
      for (guint c = 0; list != NULL && list[c] != NULL; c++)
        check_utf8 (list[c], "reseau_vcard_property_get_list()");
      for (guint p = 0; p < property->params->len; p++)
        {
          const ReseauVCardParam *param = g_ptr_array_index (property->params, p);

          check_utf8 (param->name, "a parameter name");
          for (guint v = 0; param->values != NULL && param->values[v] != NULL; v++)
            check_utf8 (param->values[v], "a parameter value");
        }

      if (g_ascii_strcasecmp (property->name, "PHOTO") == 0 ||
          g_ascii_strcasecmp (property->name, "LOGO") == 0)
        binary = reseau_vcard_property_get_binary (property, &mime_type);
      check_utf8 (mime_type, "the MIME type of a binary value");
    }
}

/* Writes card as version, reads it back, and checks that the writer is a
 * fixed point and that nothing was lost. */
static void
round_trip (const ReseauVCard  *card,
            ReseauVCardVersion  version)
{
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  g_autoptr(ReseauVCard) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *what = version == RESEAU_VCARD_VERSION_3_0 ? "writing 3.0" : "writing 4.0";

  reseau_vcard_write (card, version, first);
  check_written (first, what);

  again = reseau_vcard_parse (first->str, first->len, &error);
  if (again == NULL)
    {
      broken_promise ("what the writer wrote cannot be read back", error->message);
      return;
    }
  check_card_text (again);

  reseau_vcard_write (again, version, second);
  if (oracles && !g_string_equal (first, second))
    {
      fprintf (stderr, "fuzz-vcard: first write:\n%s\nfuzz-vcard: second write:\n%s\n",
               first->str, second->str);
      broken_promise ("the writer is not a fixed point", what);
    }

  if (oracles && !reseau_vcard_equal (card, again))
    {
      g_autofree char *before = reseau_vcard_to_string (card, RESEAU_VCARD_VERSION_4_0);

      fprintf (stderr, "fuzz-vcard: card:\n%s\nfuzz-vcard: read back:\n%s\n",
               before, first->str);
      broken_promise ("a card written and read back is not the same card", what);
    }
}

static void
check_contact (ReseauContact *contact)
{
  GPtrArray *addresses = reseau_contact_get_addresses (contact);
  GPtrArray *tags = reseau_contact_get_tags (contact);

  check_utf8 (reseau_contact_get_display_name (contact), "the display name");
  check_utf8 (reseau_contact_get_uid (contact), "the UID");
  check_utf8 (reseau_contact_get_note (contact), "the note");
  check_utf8 (reseau_contact_get_organization (contact), "the organization");
  for (guint f = 0; f < RESEAU_N_FIELDS; f++)
    {
      GPtrArray *values = reseau_contact_get_values (contact, f);

      for (guint i = 0; i < values->len; i++)
        {
          const ReseauLabeledValue *value = g_ptr_array_index (values, i);

          check_utf8 (value->label, "a label");
          check_utf8 (value->value, "an email, phone or URL");
        }
    }
  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *text = reseau_address_format (g_ptr_array_index (addresses, i));

      check_utf8 (text, "an address");
    }
  for (guint i = 0; i < tags->len; i++)
    check_utf8 (g_ptr_array_index (tags, i), "a tag");
}

/* What the app does before saving an edited contact, on a contact nobody
 * edited: the stored card must come out as the same card. */
static void
check_refresh_changes_nothing (ReseauContact *contact)
{
  g_autofree char *before_text = g_strdup (reseau_contact_get_vcard (contact));
  g_autoptr(ReseauVCard) before = NULL;
  g_autoptr(ReseauVCard) after = NULL;
  const char *after_text;

  reseau_contact_refresh_vcard (contact);
  after_text = reseau_contact_get_vcard (contact);
  if (before_text == NULL || g_strcmp0 (before_text, after_text) == 0)
    return;

  before = reseau_vcard_parse (before_text, -1, NULL);
  after = after_text != NULL ? reseau_vcard_parse (after_text, -1, NULL) : NULL;
  if (before == NULL || after == NULL || !reseau_vcard_equal (before, after))
    {
      fprintf (stderr, "fuzz-vcard: stored card:\n%s\nfuzz-vcard: after refreshing:\n%s\n",
               before_text, after_text != NULL ? after_text : "(none)");
      broken_promise ("refreshing an unedited contact changed its stored card", NULL);
    }
}

static void
fuzz_card (const ReseauVCard *card)
{
  g_autoptr(ReseauContact) contact = NULL;
  g_autoptr(ReseauVCard) exported = NULL;
  g_autofree char *exported_text = NULL;
  g_autoptr(ReseauVCard) reread = NULL;
  g_autoptr(ReseauContact) back = NULL;
  g_autoptr(GError) error = NULL;

  check_card_text (card);
  round_trip (card, RESEAU_VCARD_VERSION_3_0);
  round_trip (card, RESEAU_VCARD_VERSION_4_0);

  if (reseau_vcard_is_group (card))
    {
      g_autofree char *name = reseau_vcard_get_group_name (card);
      g_auto(GStrv) members = reseau_vcard_get_group_members (card);

      check_utf8 (name, "a group name");
      for (guint i = 0; members != NULL && members[i] != NULL; i++)
        check_utf8 (members[i], "a group member");
    }

  contact = reseau_contact_new_from_vcard (card);
  if (contact == NULL)
    {
      broken_promise ("reseau_contact_new_from_vcard() returned NULL", NULL);
      return;
    }
  check_contact (contact);

  /* The export path: the stored card patched with the contact's fields
   * and the app's own X-RESEAU-* properties. */
  exported = reseau_contact_to_vcard (contact, TRUE);
  round_trip (exported, RESEAU_VCARD_VERSION_3_0);
  round_trip (exported, RESEAU_VCARD_VERSION_4_0);

  exported_text = reseau_vcard_to_string (exported, RESEAU_VCARD_VERSION_4_0);
  reread = reseau_vcard_parse (exported_text, -1, &error);
  if (reread == NULL)
    {
      broken_promise ("an exported card cannot be read back", error->message);
      return;
    }
  back = reseau_contact_new_from_vcard (reread);
  if (g_strcmp0 (reseau_contact_get_uid (back), reseau_contact_get_uid (contact)) != 0)
    broken_promise ("a contact lost its UID through its own card",
                    reseau_contact_get_uid (contact));
  if (g_strcmp0 (reseau_contact_get_display_name (back),
                 reseau_contact_get_display_name (contact)) != 0)
    broken_promise ("a contact's display name changed through its own card",
                    reseau_contact_get_display_name (contact));

  check_refresh_changes_nothing (contact);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  oracles = g_strcmp0 (g_getenv ("RESEAU_FUZZ_ORACLES"), "0") != 0;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* Messages of the debug level cost time and say nothing to a fuzzer. */
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* No copy: libFuzzer's buffer is exactly size bytes long, so a read
   * past the end is caught by AddressSanitizer. */
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(ReseauVCardReader) reader = NULL;
  g_autoptr(ReseauVCard) single = NULL;
  ReseauVCard *card;
  GPtrArray *problems;
  gsize last_position = 0;

  (void) reseau_vcard_looks_like ((const char *) data, size);

  reader = reseau_vcard_reader_new (bytes);
  while ((card = reseau_vcard_reader_next (reader)) != NULL)
    {
      gsize position = reseau_vcard_reader_get_position (reader);

      if (position < last_position || position > size)
        broken_promise ("the reader's position went backwards or past the end", NULL);
      last_position = position;
      fuzz_card (card);
      reseau_vcard_free (card);
    }

  problems = reseau_vcard_reader_get_problems (reader);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const ReseauProblem *problem = g_ptr_array_index (problems, i);

      check_utf8 (problem->message, "a problem's message");
      check_utf8 (problem->subject, "a problem's subject");
    }

  /* The one-card entry point (stored cards, CardDAV resources) on the
   * same bytes; failing is allowed, crashing is not. */
  single = reseau_vcard_parse ((const char *) data, size, NULL);
  if (single != NULL)
    check_card_text (single);

  return 0;
}
