/* reseau-window-drop.c — files dropped onto the window are imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-window-private.h"

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ReseauWindow  *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GdkFileList *list;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  list = g_value_get_boxed (value);
  {
    /* The list is ours to free, the files are not. */
    g_autoptr(GSList) dropped = gdk_file_list_get_files (list);

    for (GSList *l = dropped; l != NULL; l = l->next)
      g_ptr_array_add (files, g_object_ref (l->data));
  }

  if (files->len == 0)
    return FALSE;

  reseau_window_import_files (self, files);

  return TRUE;
}

static GdkDragAction
on_enter (GtkDropTarget *target,
          double         x,
          double         y,
          ReseauWindow  *self)
{
  /* Nothing to import into while the database is closed or broken. */
  if (self->database == NULL || self->database_failed)
    return 0;

  return GDK_ACTION_COPY;
}

void
reseau_window_init_drop (ReseauWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  g_signal_connect_object (target, "enter", G_CALLBACK (on_enter), self, 0);

  /* The drop highlight (style.css) is drawn on the overlay, over the whole
   * content, while files hover it. */
  gtk_widget_add_css_class (GTK_WIDGET (self->toast_overlay), "reseau-drop-area");
  gtk_widget_add_controller (GTK_WIDGET (self->toast_overlay), GTK_EVENT_CONTROLLER (target));
}
