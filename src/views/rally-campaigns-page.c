/* rally-campaigns-page.c
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

#define G_LOG_DOMAIN "RallyCampaignsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-campaigns-page.h"
#include "rally-store.h"

struct _RallyCampaignsPage
{
  AdwBin          parent_instance;

  /* Template children */
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkListBox     *list_box;

  /* Owned */
  GListModel     *campaigns;
};

G_DEFINE_FINAL_TYPE (RallyCampaignsPage, rally_campaigns_page, ADW_TYPE_BIN)

/* A placeholder row per campaign (name and cause), until the campaigns view lands. */
static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RallyCampaign *campaign = item;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (campaign, "name", row, "title", G_BINDING_SYNC_CREATE);
  g_object_bind_property (campaign, "cause", row, "subtitle", G_BINDING_SYNC_CREATE);

  return row;
}

static void
update_visible_page (RallyCampaignsPage *self)
{
  gboolean empty = self->campaigns == NULL || g_list_model_get_n_items (self->campaigns) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
campaigns_changed_cb (RallyCampaignsPage *self)
{
  update_visible_page (self);
}

static void
rally_campaigns_page_dispose (GObject *object)
{
  RallyCampaignsPage *self = RALLY_CAMPAIGNS_PAGE (object);

  if (self->campaigns != NULL)
    g_signal_handlers_disconnect_by_data (self->campaigns, self);
  g_clear_object (&self->campaigns);

  G_OBJECT_CLASS (rally_campaigns_page_parent_class)->dispose (object);
}

static void
rally_campaigns_page_class_init (RallyCampaignsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_campaigns_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-campaigns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, stack);
}

static void
rally_campaigns_page_init (RallyCampaignsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rally_campaigns_page_set_store:
 * @self: a #RallyCampaignsPage
 * @store: the workspace
 *
 * Shows the campaigns of @store, and the welcome page while there are none.
 */
void
rally_campaigns_page_set_store (RallyCampaignsPage *self,
                                RallyStore         *store)
{
  g_return_if_fail (RALLY_IS_CAMPAIGNS_PAGE (self));
  g_return_if_fail (RALLY_IS_STORE (store));

  if (self->campaigns != NULL)
    g_signal_handlers_disconnect_by_data (self->campaigns, self);
  g_clear_object (&self->campaigns);

  self->campaigns = rally_store_list_campaigns (store);
  g_signal_connect_swapped (self->campaigns, "items-changed", G_CALLBACK (campaigns_changed_cb), self);
  gtk_list_box_bind_model (self->list_box, self->campaigns, create_row, NULL, NULL);
  update_visible_page (self);
}
