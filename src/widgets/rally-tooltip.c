/* rally-tooltip.c
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

/* Tooltips that wrap at a readable width. GTK 4.8 lays a tooltip's text out on as
 * few lines as the screen allows, so a figure's provenance (formula and source)
 * ran ~1,100 pixels wide. The widget keeps its tooltip-text (and so its accessible
 * description); query-tooltip shows it in a wrapping label instead. */

#define G_LOG_DOMAIN "RallyTooltip"

#include "config.h"

#include "rally-tooltip.h"

#define LABEL_KEY "rally-tooltip-label"

static GtkWidget *
new_wrapping_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), RALLY_TOOLTIP_WIDTH_CHARS);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

/**
 * rally_tooltip_set_wrapped:
 * @tooltip: the tooltip of a query-tooltip handler
 * @text: the text to show
 *
 * Shows @text in @tooltip, wrapped at %RALLY_TOOLTIP_WIDTH_CHARS characters.
 */
void
rally_tooltip_set_wrapped (GtkTooltip *tooltip,
                           const char *text)
{
  GtkWidget *label = new_wrapping_label ();

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_tooltip_set_custom (tooltip, label);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    return FALSE;

  label = g_object_get_data (G_OBJECT (widget), LABEL_KEY);
  if (label == NULL)
    {
      label = g_object_ref_sink (new_wrapping_label ());
      g_object_set_data_full (G_OBJECT (widget), LABEL_KEY, label, g_object_unref);
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

/**
 * rally_tooltip_set_text:
 * @widget: a widget
 * @text: (nullable): its tooltip, or %NULL for none
 *
 * Sets @widget's tooltip-text and shows it wrapped at a readable width.
 */
void
rally_tooltip_set_text (GtkWidget  *widget,
                        const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_tooltip_text (widget, text);
  if (g_object_get_data (G_OBJECT (widget), "rally-tooltip-wraps") == NULL)
    {
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
      g_object_set_data (G_OBJECT (widget), "rally-tooltip-wraps", GINT_TO_POINTER (TRUE));
    }
}

/**
 * rally_tooltip_get_label:
 * @widget: a widget given its tooltip by rally_tooltip_set_text()
 *
 * Returns: (transfer none) (nullable): the label its tooltip last showed
 */
GtkWidget *
rally_tooltip_get_label (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), LABEL_KEY);
}
