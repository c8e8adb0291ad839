/* rally-analytics-page.c
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

#define G_LOG_DOMAIN "RallyAnalyticsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-analytics-page.h"

struct _RallyAnalyticsPage
{
  AdwBin          parent_instance;

  /* Template children */
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (RallyAnalyticsPage, rally_analytics_page, ADW_TYPE_BIN)

static void
rally_analytics_page_class_init (RallyAnalyticsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-analytics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RallyAnalyticsPage, stack);
}

static void
rally_analytics_page_init (RallyAnalyticsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
