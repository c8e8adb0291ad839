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

#include <string.h>

#include "rally-toast.h"

/**
 * rally_toast_set_title_label:
 * @toast: a toast with a title
 *
 * Shows @toast's title in a label of its own, plain text in the toast's title
 * style; the title stays the toast's, for its accessible name.
 *
 * Returns: (transfer none): the label, to be laid out as the caller needs
 */
GtkLabel *
rally_toast_set_title_label (AdwToast *toast)
{
  GtkWidget *label;

  g_return_val_if_fail (ADW_IS_TOAST (toast), NULL);

  label = gtk_label_new (adw_toast_get_title (toast));
  gtk_widget_add_css_class (label, "heading");
  adw_toast_set_custom_title (toast, label);
  return GTK_LABEL (label);
}

/**
 * rally_toast_plain_title:
 * @toast: a toast about to be shown
 *
 * libadwaita 1.2 reads a toast's title as Pango markup (its use-markup came in
 * 1.4): a title quoting a name or a file ("Fish & Chips", "R&D.png") would show
 * nothing but a warning. Such a title is shown by a plain label instead.
 */
void
rally_toast_plain_title (AdwToast *toast)
{
  const char *title;

  g_return_if_fail (ADW_IS_TOAST (toast));

  title = adw_toast_get_title (toast);
  if (title == NULL || adw_toast_get_custom_title (toast) != NULL || strpbrk (title, "&<>") == NULL)
    return;
  gtk_label_set_ellipsize (rally_toast_set_title_label (toast), PANGO_ELLIPSIZE_END);
}

/**
 * rally_toast_show_near:
 * @widget: a widget inside an #AdwToastOverlay
 * @toast: (transfer floating): the toast
 *
 * Shows @toast in the overlay around @widget; without one, drops it.
 *
 * Returns: %TRUE when it was shown
 */
gboolean
rally_toast_show_near (GtkWidget *widget,
                       AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  g_object_ref_sink (toast);
  rally_toast_plain_title (toast);
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (toast));
  else
    g_debug ("No toast overlay for “%s”", adw_toast_get_title (toast));
  g_object_unref (toast);
  return overlay != NULL;
}
