/* reseau-export.c — contacts out to one .vcf file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "reseau-export.h"
#include "reseau-contact.h"
#include "reseau-vcard-contact.h"

/* Cards are written out in chunks of about this size: big enough for few
 * writes, small enough that a large address book never sits twice in
 * memory. */
#define CHUNK_SIZE (256 * 1024)

static gboolean
flush_chunk (GOutputStream  *stream,
             GString        *chunk,
             GCancellable   *cancellable,
             GError        **error)
{
  if (chunk->len == 0)
    return TRUE;

  if (!g_output_stream_write_all (stream, chunk->str, chunk->len, NULL, cancellable, error))
    return FALSE;

  g_string_truncate (chunk, 0);
  return TRUE;
}

static void
prefix_error_with_file (GError **error,
                        GFile   *file)
{
  g_autofree char *name = NULL;

  if (error == NULL || *error == NULL || g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  name = g_file_get_parse_name (file);
  /* Translators: %s is a file name; the system's reason follows the colon. */
  g_prefix_error (error, _("Could not write “%s”: "), name);
}

gboolean
reseau_export_contacts (GPtrArray           *contacts,
                        ReseauVCardVersion   version,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GString) chunk = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (contacts != NULL, FALSE);
  g_return_val_if_fail (version == RESEAU_VCARD_VERSION_3_0 ||
                        version == RESEAU_VCARD_VERSION_4_0, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* g_file_replace() writes beside the file and renames on close, so an
   * export that fails half-way leaves any earlier file whole. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &local_error);
  if (stream == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      prefix_error_with_file (error, file);
      return FALSE;
    }

  chunk = g_string_sized_new (CHUNK_SIZE + 4096);
  for (guint i = 0; i < contacts->len && local_error == NULL; i++)
    {
      ReseauContact *contact = g_ptr_array_index (contacts, i);
      g_autoptr(ReseauVCard) card = reseau_contact_to_vcard_for_version (contact, TRUE, version);

      reseau_vcard_write (card, version, chunk);
      if (chunk->len >= CHUNK_SIZE)
        flush_chunk (G_OUTPUT_STREAM (stream), chunk, cancellable, &local_error);
    }

  if (local_error == NULL)
    flush_chunk (G_OUTPUT_STREAM (stream), chunk, cancellable, &local_error);

  if (local_error != NULL)
    {
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      /* Closing with a cancelled cancellable drops the temporary file
       * instead of renaming it over the destination. */
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      prefix_error_with_file (error, file);
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    {
      prefix_error_with_file (error, file);
      return FALSE;
    }

  return TRUE;
}
