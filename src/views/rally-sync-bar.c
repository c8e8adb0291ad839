/* rally-sync-bar.c
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

/* RallySyncBar: the strip under the header bar that shows a running sync (what it is
 * doing and a progress bar), why the last sync failed (with Retry), or that there is no
 * network and the stored figures are shown. It only reflects a RallySyncController. */

#define G_LOG_DOMAIN "RallySyncBar"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-sync-bar.h"

struct _RallySyncBar
{
  GtkWidget            parent_instance;

  /* Template children */
  GtkLabel            *error_label;
  GtkRevealer         *error_revealer;
  GtkLabel            *offline_label;
  GtkRevealer         *offline_revealer;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  GtkRevealer         *progress_revealer;
  GtkButton           *dismiss_button;

  /* Owned */
  RallySyncController *controller;
  gboolean             dismissed;
};

G_DEFINE_FINAL_TYPE (RallySyncBar, rally_sync_bar, GTK_TYPE_WIDGET)

static void
update (RallySyncBar *self)
{
  RallySyncController *c = self->controller;
  gboolean running = c != NULL && rally_sync_controller_get_running (c);
  const char *error = c != NULL ? rally_sync_controller_get_last_error (c) : NULL;
  const char *progress = c != NULL ? rally_sync_controller_get_progress_text (c) : NULL;
  gboolean offline = c != NULL && rally_sync_controller_get_offline (c);

  gtk_revealer_set_reveal_child (self->progress_revealer, running);
  if (progress != NULL)
    gtk_label_set_label (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, c != NULL ? rally_sync_controller_get_fraction (c) : 0.0);

  if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Sync failed: %s"), error);

      gtk_label_set_label (self->error_label, text);
    }
  gtk_revealer_set_reveal_child (self->error_revealer, error != NULL && !running && !offline && !self->dismissed);
  gtk_revealer_set_reveal_child (self->offline_revealer, offline && !running);
}

static void
finished_cb (RallySyncBar *self)
{
  /* a new failure shows again even after the last one was dismissed */
  self->dismissed = FALSE;
  update (self);
}

static void
dismiss_clicked_cb (RallySyncBar *self)
{
  self->dismissed = TRUE;
  update (self);
}

static void
rally_sync_bar_dispose (GObject *object)
{
  RallySyncBar *self = RALLY_SYNC_BAR (object);

  rally_sync_bar_set_controller (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RALLY_TYPE_SYNC_BAR);

  G_OBJECT_CLASS (rally_sync_bar_parent_class)->dispose (object);
}

static void
rally_sync_bar_class_init (RallySyncBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_sync_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-sync-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, RallySyncBar, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, RallySyncBar, error_label);
  gtk_widget_class_bind_template_child (widget_class, RallySyncBar, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RallySyncBar, offline_label);
  gtk_widget_class_bind_template_child (widget_class, RallySyncBar, offline_revealer);
  gtk_widget_class_bind_template_child (widget_class, RallySyncBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RallySyncBar, progress_label);
  gtk_widget_class_bind_template_child (widget_class, RallySyncBar, progress_revealer);
}

static void
rally_sync_bar_init (RallySyncBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* connected here, not in the template, so gtk4-builder-tool can validate the .ui */
  g_signal_connect_swapped (self->dismiss_button, "clicked", G_CALLBACK (dismiss_clicked_cb), self);
}

void
rally_sync_bar_set_controller (RallySyncBar        *self,
                               RallySyncController *controller)
{
  g_return_if_fail (RALLY_IS_SYNC_BAR (self));
  g_return_if_fail (controller == NULL || RALLY_IS_SYNC_CONTROLLER (controller));

  if (self->controller == controller)
    return;
  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_data (self->controller, self);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    {
      g_signal_connect_swapped (controller, "notify", G_CALLBACK (update), self);
      g_signal_connect_swapped (controller, "finished", G_CALLBACK (finished_cb), self);
    }
  update (self);
}

/* Returns: (nullable): the message the bar shows now (error or offline), for tests */
const char *
rally_sync_bar_get_message (RallySyncBar *self)
{
  g_return_val_if_fail (RALLY_IS_SYNC_BAR (self), NULL);

  if (gtk_revealer_get_reveal_child (self->error_revealer))
    return gtk_label_get_label (self->error_label);
  if (gtk_revealer_get_reveal_child (self->offline_revealer))
    return gtk_label_get_label (self->offline_label);
  return NULL;
}
