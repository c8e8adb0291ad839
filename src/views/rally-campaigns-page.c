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

struct _RallyCampaignsPage
{
  AdwBin          parent_instance;

  /* Template children */
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (RallyCampaignsPage, rally_campaigns_page, ADW_TYPE_BIN)

static void
rally_campaigns_page_class_init (RallyCampaignsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-campaigns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignsPage, stack);
}

static void
rally_campaigns_page_init (RallyCampaignsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
