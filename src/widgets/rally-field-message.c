/* rally-field-message.c
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

/* What the editors' forms share: the message under a field, and a text view's text. */

#define G_LOG_DOMAIN "RallyFieldMessage"

#include "config.h"

#include "rally-field-message.h"

/**
 * rally_field_message_set:
 * @label: the label under a field (style class "field-message")
 * @text: (nullable): the message; %NULL or "" hides the label
 * @is_error: red when it stops saving, a dim hint otherwise
 */
void
rally_field_message_set (GtkLabel   *label,
                         const char *text,
                         gboolean    is_error)
{
  GtkWidget *widget = GTK_WIDGET (label);

  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (widget, text != NULL && *text != '\0');
  if (is_error)
    {
      gtk_widget_add_css_class (widget, "error");
      gtk_widget_remove_css_class (widget, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_add_css_class (widget, "dim-label");
    }
}

/**
 * rally_text_view_dup_text:
 *
 * Returns: (transfer full): everything @view holds
 */
char *
rally_text_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
