/* rally-preferences-window-report.c
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

/* The Reports page: the organisation's name and logo, which every PDF report shows
 * (organisation-name and organisation-logo in the settings). */

#define G_LOG_DOMAIN "RallyPreferencesWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-preferences-window-private.h"

/* What the logo row says: the file, or that there is none or it cannot be read. */
static void
update_logo_row (RallyPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "organisation-logo");
  g_autofree char *subtitle = NULL;

  if (*path == '\0')
    subtitle = g_strdup (_("None: reports are made without a logo"));
  else if (gdk_pixbuf_get_file_info (path, NULL, NULL) == NULL)
    /* Translators: %s is the logo's file */
    subtitle = g_strdup_printf (_("“%s” cannot be read as an image: reports are made without it"), path);
  else
    subtitle = g_strdup (path);

  adw_action_row_set_subtitle (self->logo_row, subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->logo_clear_button), *path != '\0');
}

static void
logo_response_cb (RallyPreferencesWindow *self,
                  int                     response,
                  GtkFileChooserNative   *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  g_clear_object (&self->logo_chooser);
  if (path == NULL)
    return;

  if (gdk_pixbuf_get_file_info (path, NULL, NULL) == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file's name */
      g_autofree char *text = g_strdup_printf (_("“%s” is not a PNG, JPEG or SVG image; the logo was not changed"),
                                               name);

      _rally_preferences_window_toast (self, text);
      return;
    }
  g_settings_set_string (self->settings, "organisation-logo", path);
}

static void
choose_logo_cb (RallyPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->logo_chooser != NULL)
    return;
  gtk_file_filter_set_name (filter, _("Images (PNG, JPEG, SVG)"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  self->logo_chooser = gtk_file_chooser_native_new (_("Choose the Organisation’s Logo"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->logo_chooser), filter);
  g_signal_connect_swapped (self->logo_chooser, "response", G_CALLBACK (logo_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->logo_chooser));
}

static void
clear_logo_cb (RallyPreferencesWindow *self)
{
  g_settings_set_string (self->settings, "organisation-logo", "");
}

void
_rally_preferences_window_connect_report (RallyPreferencesWindow *self)
{
  g_settings_bind (self->settings, "organisation-name", self->organisation_name_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::organisation-logo", G_CALLBACK (update_logo_row), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->logo_choose_button, "clicked", G_CALLBACK (choose_logo_cb), self);
  g_signal_connect_swapped (self->logo_clear_button, "clicked", G_CALLBACK (clear_logo_cb), self);
  update_logo_row (self);
}

void
_rally_preferences_window_dispose_report (RallyPreferencesWindow *self)
{
  if (self->logo_chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->logo_chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->logo_chooser));
      g_clear_object (&self->logo_chooser);
    }
  if (self->organisation_name_row != NULL && self->settings != NULL)
    g_settings_unbind (self->organisation_name_row, "text");
}
