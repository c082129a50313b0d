/* reseau-map-avatars.c — people's photos on the network map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person drawn big enough for initials shows their photo instead, when
 * they have one. The map asks for the photos of the nodes it draws that
 * big (reseau_map_avatars_get() notes them; the map hands the list to
 * whoever can load them), and they are decoded here on a worker thread,
 * down to a small square: a phone's photo is often a megapixel JPEG,
 * and a few hundred of them at full size would cost hundreds of
 * megabytes and seconds of the main thread.
 */
#include "config.h"

#include <gdk/gdk.h>

#include "reseau-map-avatars.h"

typedef enum
{
  PHOTO_UNKNOWN,     /* not asked for */
  PHOTO_WANTED,      /* asked for, not in yet */
  PHOTO_DONE,        /* decoded into images[node], or none */
} PhotoState;

struct _ReseauMapAvatars
{
  guint                  n_nodes;
  guint8                *states;    /* PhotoState by node */
  cairo_surface_t      **images;    /* by node, NULL: none */
  GArray                *wanted;    /* guint: noted, not taken yet */
  GCancellable          *cancellable;
  ReseauMapAvatarsReady  ready;
  gpointer               user_data;
};

ReseauMapAvatars *
reseau_map_avatars_new (guint                  n_nodes,
                        ReseauMapAvatarsReady  ready,
                        gpointer               user_data)
{
  ReseauMapAvatars *self = g_new0 (ReseauMapAvatars, 1);

  self->n_nodes = n_nodes;
  self->states = g_new0 (guint8, n_nodes + 1);
  self->images = g_new0 (cairo_surface_t *, n_nodes + 1);
  self->wanted = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cancellable = g_cancellable_new ();
  self->ready = ready;
  self->user_data = user_data;

  return self;
}

void
reseau_map_avatars_free (ReseauMapAvatars *self)
{
  if (self == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  for (guint i = 0; i < self->n_nodes; i++)
    g_clear_pointer (&self->images[i], cairo_surface_destroy);
  g_free (self->images);
  g_free (self->states);
  g_array_unref (self->wanted);
  g_free (self);
}

cairo_surface_t *
reseau_map_avatars_get (ReseauMapAvatars *self,
                        guint             node,
                        gboolean          has_photo)
{
  g_return_val_if_fail (node < self->n_nodes, NULL);

  if (has_photo && self->states[node] == PHOTO_UNKNOWN)
    {
      self->states[node] = PHOTO_WANTED;
      g_array_append_val (self->wanted, node);
    }

  return self->images[node];
}

GArray *
reseau_map_avatars_take_wanted (ReseauMapAvatars *self)
{
  GArray *wanted;

  if (self->wanted->len == 0)
    return NULL;

  wanted = self->wanted;
  self->wanted = g_array_new (FALSE, FALSE, sizeof (guint));

  return wanted;
}

/* Decoding ------------------------------------------------------------------------- */

static void
on_size_prepared (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int shorter = MIN (width, height);

  /* Decoded straight to about the size wanted: JPEG scales while it
   * decodes, far quicker than decoding everything and shrinking. */
  if (shorter > RESEAU_MAP_AVATAR_SIZE)
    gdk_pixbuf_loader_set_size (loader,
                                MAX (1, (int) ((gint64) width * RESEAU_MAP_AVATAR_SIZE / shorter)),
                                MAX (1, (int) ((gint64) height * RESEAU_MAP_AVATAR_SIZE / shorter)));
}

/* The middle square of the photo, RESEAU_MAP_AVATAR_SIZE a side; NULL
 * if the bytes are not an image. */
static cairo_surface_t *
decode_photo (GBytes *bytes)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  gboolean written;
  GdkPixbuf *pixbuf;
  cairo_surface_t *surface;
  cairo_t *cr;
  double side, scale;
  int width, height;

  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared), NULL);
  written = gdk_pixbuf_loader_write_bytes (loader, bytes, NULL);
  /* Closed even after a failed write: a loader must be. */
  if (!gdk_pixbuf_loader_close (loader, NULL) || !written)
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    return NULL;

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  side = MIN (width, height);
  scale = RESEAU_MAP_AVATAR_SIZE / side;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, RESEAU_MAP_AVATAR_SIZE, RESEAU_MAP_AVATAR_SIZE);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  gdk_cairo_set_source_pixbuf (cr, pixbuf, -(width - side) / 2, -(height - side) / 2);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);

  return surface;
}

typedef struct
{
  GArray    *nodes;
  GPtrArray *photos;     /* GBytes, or NULL */
  GPtrArray *images;     /* cairo_surface_t, or NULL: the result */
} DecodeJob;

static void
decode_job_free (DecodeJob *job)
{
  g_array_unref (job->nodes);
  g_ptr_array_unref (job->photos);
  g_clear_pointer (&job->images, g_ptr_array_unref);
  g_free (job);
}

static void
free_image (gpointer image)
{
  if (image != NULL)
    cairo_surface_destroy (image);
}

static void
decode_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DecodeJob *job = task_data;

  job->images = g_ptr_array_new_full (job->photos->len, free_image);
  for (guint k = 0; k < job->photos->len && !g_cancellable_is_cancelled (cancellable); k++)
    {
      GBytes *photo = g_ptr_array_index (job->photos, k);

      g_ptr_array_add (job->images, photo != NULL ? decode_photo (photo) : NULL);
    }

  g_task_return_boolean (task, TRUE);
}

static void
decoded_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = G_TASK (result);
  DecodeJob *job = g_task_get_task_data (task);
  ReseauMapAvatars *self = user_data;

  /* Cancelled: the avatars are gone (user_data with them). */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;

  for (guint k = 0; k < job->images->len; k++)
    {
      guint node = g_array_index (job->nodes, guint, k);

      if (node >= self->n_nodes)
        continue;
      self->states[node] = PHOTO_DONE;
      g_clear_pointer (&self->images[node], cairo_surface_destroy);
      self->images[node] = g_steal_pointer (&job->images->pdata[k]);
    }

  self->ready (self->user_data);
}

void
reseau_map_avatars_add_photos (ReseauMapAvatars *self,
                               GArray           *nodes,
                               GPtrArray        *photos)
{
  g_autoptr(GTask) task = NULL;
  DecodeJob *job;

  g_return_if_fail (self != NULL);
  g_return_if_fail (nodes->len == photos->len);

  job = g_new0 (DecodeJob, 1);
  job->nodes = g_array_ref (nodes);
  job->photos = g_ptr_array_ref (photos);

  task = g_task_new (NULL, self->cancellable, decoded_cb, self);
  g_task_set_source_tag (task, reseau_map_avatars_add_photos);
  g_task_set_task_data (task, job, (GDestroyNotify) decode_job_free);
  g_task_run_in_thread (task, decode_in_thread);
}
