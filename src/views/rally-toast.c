/* rally-toast.c
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

/* Toasts from a part of a page that has no RallyContext: the toast goes to the
 * window's overlay, found among the widget's ancestors. */

#define G_LOG_DOMAIN "RallyToast"

#include "config.h"

#include "rally-toast.h"

/**
 * rally_toast_show_near:
 * @widget: a widget inside an #AdwToastOverlay
 * @toast: (transfer floating): the toast
 *
 * Shows @toast in the overlay around @widget; without one, drops it.
 */
void
rally_toast_show_near (GtkWidget *widget,
                       AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_object_ref_sink (toast);
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  else
    g_debug ("No toast overlay for “%s”", adw_toast_get_title (toast));
  g_object_unref (toast);
}
