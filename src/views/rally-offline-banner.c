/* rally-offline-banner.c
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

/* RallyOfflineBanner: the strip at the top of the window saying that the team server
 * cannot be reached, with Retry (libadwaita 1.2 has no AdwBanner). It follows the
 * store's "online": the window keeps what it last loaded meanwhile, the store tries
 * again by itself, and the strip goes once it is back. */

#define G_LOG_DOMAIN "RallyOfflineBanner"

#include "config.h"

#include "rally-offline-banner.h"

struct _RallyOfflineBanner
{
  GtkWidget    parent_instance;

  /* Template children */
  GtkLabel    *label;
  GtkRevealer *revealer;
  GtkButton   *retry_button;

  /* Owned */
  RallyStore  *store;
};

G_DEFINE_FINAL_TYPE (RallyOfflineBanner, rally_offline_banner, GTK_TYPE_WIDGET)

static void
update (RallyOfflineBanner *self)
{
  gboolean offline = self->store != NULL && !rally_store_get_online (self->store);

  gtk_revealer_set_reveal_child (self->revealer, offline);
  gtk_widget_set_sensitive (GTK_WIDGET (self->retry_button), offline);
}

static void
retry_clicked_cb (RallyOfflineBanner *self)
{
  if (self->store != NULL)
    rally_store_retry_connection (self->store);
}

static void
rally_offline_banner_dispose (GObject *object)
{
  RallyOfflineBanner *self = RALLY_OFFLINE_BANNER (object);

  rally_offline_banner_set_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RALLY_TYPE_OFFLINE_BANNER);

  G_OBJECT_CLASS (rally_offline_banner_parent_class)->dispose (object);
}

static void
rally_offline_banner_class_init (RallyOfflineBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_offline_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-offline-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyOfflineBanner, label);
  gtk_widget_class_bind_template_child (widget_class, RallyOfflineBanner, retry_button);
  gtk_widget_class_bind_template_child (widget_class, RallyOfflineBanner, revealer);
}

static void
rally_offline_banner_init (RallyOfflineBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* connected here, not in the template, so gtk4-builder-tool can validate the .ui */
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (retry_clicked_cb), self);
}

/**
 * rally_offline_banner_set_store:
 * @store: (nullable): the store whose #RallyStore:online to follow
 */
void
rally_offline_banner_set_store (RallyOfflineBanner *self,
                                RallyStore         *store)
{
  g_return_if_fail (RALLY_IS_OFFLINE_BANNER (self));
  g_return_if_fail (store == NULL || RALLY_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_swapped (store, "notify::online", G_CALLBACK (update), self);
  update (self);
}

/* Returns: (nullable): what the banner says while it shows, for tests */
const char *
rally_offline_banner_get_message (RallyOfflineBanner *self)
{
  g_return_val_if_fail (RALLY_IS_OFFLINE_BANNER (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->revealer))
    return NULL;
  return gtk_label_get_label (self->label);
}
