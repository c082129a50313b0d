/* reseau-window-bench.c — figures for build-aux/dev bench
 *
 * When RESEAU_BENCH is set, the window reports on stdout, as
 * "reseau-bench NAME VALUE" lines, the monotonic time (µs) of its first
 * frame and of the first frame that shows the filled list; then it quits
 * ("first-frame"), or first scrolls the whole list, a few pages per frame,
 * and reports its peak resident memory ("scroll"). The benchmark program
 * reads these lines; nothing here runs in normal use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "reseau-window-private.h"

/* Pages scrolled per frame: the whole list in a few seconds, while every
 * frame still binds a screenful of rows. */
#define PAGES_PER_FRAME 8

static void
report (const char *name,
        gint64      value)
{
  printf ("reseau-bench %s %" G_GINT64_FORMAT "\n", name, value);
  fflush (stdout);
}

static gint64
read_peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return 0;

  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

static void
after_first_paint_cb (GdkFrameClock *clock,
                      ReseauWindow  *self)
{
  report ("first-frame", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, after_first_paint_cb, self);
}

static void
on_realize (ReseauWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_first_paint_cb), self);
}

static gboolean
bench_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  ReseauWindow *self = RESEAU_WINDOW (gtk_widget_get_root (widget));
  gboolean scroll = g_strcmp0 (g_getenv ("RESEAU_BENCH"), "scroll") == 0;
  GtkAdjustment *adjustment;
  double value, page, upper;
  static gboolean list_shown;

  if (!list_shown)
    {
      if (self->store == NULL || !self->store_settled ||
          g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
        return G_SOURCE_CONTINUE;

      /* This frame paints the filled list. */
      list_shown = TRUE;
      report ("list-ready", g_get_monotonic_time ());
      if (!scroll)
        {
          g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
          return G_SOURCE_REMOVE;
        }
      return G_SOURCE_CONTINUE;
    }

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  upper = gtk_adjustment_get_upper (adjustment);

  if (value + page >= upper)
    {
      report ("scrolled", g_get_monotonic_time ());
      report ("peak-rss-kb", read_peak_rss_kb ());
      g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (adjustment, value + PAGES_PER_FRAME * page);
  return G_SOURCE_CONTINUE;
}

void
reseau_window_bench_attach (ReseauWindow *self)
{
  g_signal_connect (self, "realize", G_CALLBACK (on_realize), NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), bench_tick_cb, NULL, NULL);
}
