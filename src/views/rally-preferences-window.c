/* rally-preferences-window.c
 *
 * Copyright 2026 The Rally authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "RallyPreferencesWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-preferences-window.h"

struct _RallyPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwEntryRow          *client_key_row;
  AdwEntryRow          *display_url_row;
  AdwEntryRow          *research_url_row;
  GtkSpinButton        *sync_interval_spin;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (RallyPreferencesWindow, rally_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
rally_preferences_window_dispose (GObject *object)
{
  RallyPreferencesWindow *self = RALLY_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (rally_preferences_window_parent_class)->dispose (object);
}

static void
rally_preferences_window_class_init (RallyPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/rally-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, client_key_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, display_url_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, research_url_row);
  gtk_widget_class_bind_template_child (widget_class, RallyPreferencesWindow, sync_interval_spin);
}

static void
rally_preferences_window_init (RallyPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_APPLICATION_ID);

  g_settings_bind (self->settings, "research-api-url", self->research_url_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "display-api-url", self->display_url_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "client-key", self->client_key_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sync-interval", self->sync_interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

RallyPreferencesWindow *
rally_preferences_window_new (RallyApplication *application)
{
  return g_object_new (RALLY_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       NULL);
}
