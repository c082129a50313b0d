/* reseau-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "reseau-preferences-window.h"

/* Only settings that change something today. "sort-order" is in the schema
 * but the contact list always sorts by display name, so it has no row. */
struct _ReseauPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  GtkAdjustment        *cadence_adjustment;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (ReseauPreferencesWindow, reseau_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
reseau_preferences_window_dispose (GObject *object)
{
  ReseauPreferencesWindow *self = RESEAU_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESEAU_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (reseau_preferences_window_parent_class)->dispose (object);
}

static void
reseau_preferences_window_class_init (ReseauPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = reseau_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Reseau/reseau-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ReseauPreferencesWindow, cadence_adjustment);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
reseau_preferences_window_init (ReseauPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "default-cadence",
                   self->cadence_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

GtkWindow *
reseau_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (RESEAU_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
}
