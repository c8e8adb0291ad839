/* rally-challenges-page.c
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

#define G_LOG_DOMAIN "RallyChallengesPage"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-challenges-page.h"

struct _RallyChallengesPage
{
  AdwBin          parent_instance;

  /* Template children */
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (RallyChallengesPage, rally_challenges_page, ADW_TYPE_BIN)

static void
rally_challenges_page_class_init (RallyChallengesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-challenges-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, stack);
}

static void
rally_challenges_page_init (RallyChallengesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
