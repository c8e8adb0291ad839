/* rally-narrow-bar.c
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

#define G_LOG_DOMAIN "RallyNarrowBar"

#include "config.h"

#include "rally-narrow-bar.h"

/* An editor's header has room, when narrow, for Cancel and the whole title only:
 * its action buttons sit in a squeezer whose first child is the buttons and whose
 * last an empty box, and a bar at the bottom with the same buttons, still
 * labelled, shows while the squeezer shows anything but the buttons. */

static void
squeezer_changed_cb (AdwSqueezer *squeezer,
                     GParamSpec  *pspec,
                     GtkActionBar *bar)
{
  GtkWidget *wide_child = g_object_get_data (G_OBJECT (squeezer), "rally-wide-child");
  GtkWidget *shown = adw_squeezer_get_visible_child (squeezer);

  gtk_action_bar_set_revealed (bar, shown != NULL && shown != wide_child);
}

/**
 * rally_narrow_bar_follow:
 * @squeezer: the header's squeezer
 * @wide_child: its child holding the action buttons
 * @bar: the bottom bar with the same actions
 *
 * Reveals @bar whenever @squeezer has no room for @wide_child.
 */
void
rally_narrow_bar_follow (AdwSqueezer  *squeezer,
                         GtkWidget    *wide_child,
                         GtkActionBar *bar)
{
  g_return_if_fail (ADW_IS_SQUEEZER (squeezer));
  g_return_if_fail (GTK_IS_ACTION_BAR (bar));

  g_object_set_data (G_OBJECT (squeezer), "rally-wide-child", wide_child);
  g_signal_connect_object (squeezer, "notify::visible-child", G_CALLBACK (squeezer_changed_cb), bar, 0);
  squeezer_changed_cb (squeezer, NULL, bar);
}
