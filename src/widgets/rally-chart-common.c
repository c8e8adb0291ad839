/* rally-chart-common.c
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

/* What the time chart and the bar chart share: the palette taken from the theme
 * (so light and dark both read well), a contrast fix for campaign colours that
 * would vanish on the background, the series colours, value labels, and export to
 * PNG or SVG through the very drawing function the widget uses on screen. */

#define G_LOG_DOMAIN "RallyChart"

#include "config.h"

#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "rally-chart-common.h"
#include "rally-format.h"

#define MIN_CONTRAST 3.0
/* A widget sits inside the window's margins; an exported image gets its own. */
#define EXPORT_PADDING 16

static void
set_color (RallyChartColor *color,
           double           red,
           double           green,
           double           blue,
           double           alpha)
{
  color->red = red;
  color->green = green;
  color->blue = blue;
  color->alpha = alpha;
}

/**
 * rally_chart_style_init_light:
 * @font: (nullable): the font for labels; the system UI font when %NULL
 *
 * The fixed palette of exported charts: dark text on white, whatever the
 * desktop's style, since exports go into reports and slides.
 */
void
rally_chart_style_init_light (RallyChartStyle            *style,
                              const PangoFontDescription *font)
{
  set_color (&style->foreground, 0, 0, 0, 0.8);
  set_color (&style->grid, 0, 0, 0, 0.12);
  set_color (&style->background, 1, 1, 1, 1);
  set_color (&style->accent, 0.11, 0.44, 0.85, 1);
  style->fill_background = TRUE;
  style->resolution = 96.0;
  style->font = font != NULL ? pango_font_description_copy (font)
                             : pango_font_description_from_string ("Sans 10");
}

static void
lookup (GtkStyleContext *context,
        const char      *name,
        RallyChartColor *out)
{
  GdkRGBA rgba;

  if (gtk_style_context_lookup_color (context, name, &rgba))
    set_color (out, rgba.red, rgba.green, rgba.blue, rgba.alpha);
}

/**
 * rally_chart_style_init_widget:
 *
 * The palette of @widget's theme: @window_fg_color for text, @borders for the
 * grid, @view_bg_color behind, @accent_color for focus. Call again from
 * css_changed, as the style manager switches between light and dark.
 */
void
rally_chart_style_init_widget (RallyChartStyle *style,
                               GtkWidget       *widget)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  PangoContext *pango = gtk_widget_get_pango_context (widget);
  GdkRGBA fg;

  rally_chart_style_init_light (style, pango_context_get_font_description (pango));
  style->fill_background = FALSE;
  /* GTK sets the resolution from the text scaling setting; -1 means the default. */
  if (pango_cairo_context_get_resolution (pango) > 0)
    style->resolution = pango_cairo_context_get_resolution (pango);

  gtk_style_context_get_color (context, &fg);
  set_color (&style->foreground, fg.red, fg.green, fg.blue, fg.alpha);
  lookup (context, "window_fg_color", &style->foreground);
  set_color (&style->grid, style->foreground.red, style->foreground.green, style->foreground.blue, 0.15);
  lookup (context, "borders", &style->grid);
  set_color (&style->background, 1 - fg.red, 1 - fg.green, 1 - fg.blue, 1);
  lookup (context, "window_bg_color", &style->background);
  lookup (context, "accent_color", &style->accent);
}

void
rally_chart_style_clear (RallyChartStyle *style)
{
  g_clear_pointer (&style->font, pango_font_description_free);
}

static double
channel_luminance (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const RallyChartColor *c)
{
  return 0.2126 * channel_luminance (c->red)
       + 0.7152 * channel_luminance (c->green)
       + 0.0722 * channel_luminance (c->blue);
}

static double
contrast (const RallyChartColor *a,
          const RallyChartColor *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/**
 * rally_chart_style_adjust_color:
 *
 * Keeps a campaign colour as given unless it is too close to the background to
 * read (WCAG's 3:1 for graphics): then it is mixed towards the text colour, so a
 * navy campaign stays visible in dark mode and a pale yellow one in light mode.
 */
void
rally_chart_style_adjust_color (const RallyChartStyle *style,
                                RallyChartColor       *color)
{
  RallyChartColor original = *color;
  const RallyChartColor *fg = &style->foreground;

  for (double mix = 0.1; mix <= 0.7 && contrast (color, &style->background) < MIN_CONTRAST; mix += 0.1)
    {
      color->red = original.red + (fg->red - original.red) * mix;
      color->green = original.green + (fg->green - original.green) * mix;
      color->blue = original.blue + (fg->blue - original.blue) * mix;
    }
}

void
rally_chart_style_series_color (const RallyChartStyle *style,
                                RallySeries           *series,
                                RallyChartColor       *out)
{
  rally_series_get_rgb (series, &out->red, &out->green, &out->blue);
  out->alpha = 1;
  rally_chart_style_adjust_color (style, out);
}

/* Series colours: one home for the palette and the turns around the colour wheel
 * that the analytics page and the campaign report both draw with. */

/* Colours for challenges outside any campaign (GNOME palette). */
static const char * const loose_colors[] = { "#3584e4", "#9141ac", "#c64600", "#2190a4", "#986a44", "#e5a50a" };

static char *
hsv_to_hex (float h,
            float s,
            float v)
{
  float r, g, b;

  gtk_hsv_to_rgb (h, s, v, &r, &g, &b);
  return g_strdup_printf ("#%02x%02x%02x", (int) (r * 255 + 0.5f), (int) (g * 255 + 0.5f), (int) (b * 255 + 0.5f));
}

static gboolean
hex_to_hsv (const char *color,
            float      *h,
            float      *s,
            float      *v)
{
  double r, g, b;

  if (!rally_color_parse (color, &r, &g, &b))
    return FALSE;

  gtk_rgb_to_hsv ((float) r, (float) g, (float) b, h, s, v);
  return TRUE;
}

/**
 * rally_chart_challenge_color:
 * @campaign_color: (nullable): the colour of the challenge's campaign, %NULL for none
 * @index_in_campaign: the challenge's place among its campaign's challenges
 * @loose_index: for a challenge without a campaign, its index among those
 *
 * A challenge's colour on charts: its campaign's colour for the campaign's first
 * challenge, turned around the colour wheel for the others so each is told apart;
 * one of a fixed palette for a challenge without a campaign (or with a colour
 * that does not parse).
 *
 * Returns: (transfer full): "#rrggbb"
 */
char *
rally_chart_challenge_color (const char *campaign_color,
                             guint       index_in_campaign,
                             guint       loose_index)
{
  guint k = index_in_campaign;
  float h, s, v;

  if (campaign_color == NULL || !hex_to_hsv (campaign_color, &h, &s, &v))
    return g_strdup (loose_colors[loose_index % G_N_ELEMENTS (loose_colors)]);
  if (k == 0)
    return g_strdup (campaign_color);

  h = fmodf (h + (k % 2 == 1 ? 1.f : -1.f) * 0.09f * (float) ((k + 1) / 2) + 1.f, 1.f);
  /* From the 23rd challenge on, the turn passes a whole circle backwards. */
  if (h < 0.f)
    h += 1.f;
  return hsv_to_hex (h, s, v);
}

/**
 * rally_chart_distinct_color:
 * @color: "#rrggbb"
 * @step: how many steps to turn, from 1
 *
 * @color turned @step steps around the colour wheel and darkened, for a series
 * that would otherwise share its colour with another on the same chart.
 *
 * Returns: (transfer full) (nullable): "#rrggbb", or %NULL when @color is no colour
 */
char *
rally_chart_distinct_color (const char *color,
                            guint       step)
{
  float h, s, v;

  if (!hex_to_hsv (color, &h, &s, &v))
    return NULL;

  return hsv_to_hex (fmodf (h + 0.06f * (float) step, 1.f), s, MAX (0.35f, v - 0.18f));
}

void
rally_chart_set_source (cairo_t               *cr,
                        const RallyChartColor *color,
                        double                 alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/**
 * rally_chart_create_layout:
 *
 * Returns: (transfer full): a layout for drawing labels on @cr in the style's
 *   font, at the style's resolution so that large-text settings apply
 */
PangoLayout *
rally_chart_create_layout (cairo_t               *cr,
                           const RallyChartStyle *style)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), style->resolution);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, style->font);
  return layout;
}

/**
 * rally_chart_text_width:
 *
 * Returns: the width of @text set in @layout, in pixels
 */
double
rally_chart_text_width (PangoLayout *layout,
                        const char  *text)
{
  int w;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

/**
 * rally_chart_format_value:
 * @exact: %TRUE for a tooltip ("81,234,567"), %FALSE for a label ("81M")
 *
 * Returns: (transfer full): the value as text
 */
char *
rally_chart_format_value (RallyChartValueFormat format,
                          double                value,
                          gboolean              exact)
{
  if (format == RALLY_CHART_VALUE_PERCENT)
    return rally_format_percent (value);
  if (exact && fabs (value) < 1e15 && value == floor (value))
    return rally_format_integer ((gint64) value);
  if (exact && fabs (value) < 1e6)
    return g_strdup_printf ("%.2f", value);
  return rally_format_abbrev (value);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
create_surface (RallyChartFormat  format,
                int               width,
                int               height,
                GByteArray       *svg_bytes)
{
  if (format == RALLY_CHART_FORMAT_SVG)
    return cairo_svg_surface_create_for_stream (append_bytes, svg_bytes, width, height);
  return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
}

/* Cairo writes text as glyph outlines: an SVG's <title> and <desc> keep the chart's
 * words for screen readers, search and anyone copying them out. */
static void
add_svg_text (GByteArray *bytes,
              const char *title,
              const char *description)
{
  g_autoptr(GString) text = g_string_new ("\n");
  const char *start = g_strstr_len ((const char *) bytes->data, bytes->len, "<svg");
  const char *end = start != NULL ? memchr (start, '>', bytes->len - (gsize) (start - (const char *) bytes->data)) : NULL;

  g_autofree char *title_text = title != NULL ? g_markup_escape_text (title, -1) : NULL;
  g_autofree char *description_text = description != NULL ? g_markup_escape_text (description, -1) : NULL;

  if (end == NULL)
    return;
  if (title_text != NULL)
    g_string_append_printf (text, "<title>%s</title>\n", title_text);
  if (description_text != NULL)
    g_string_append_printf (text, "<desc>%s</desc>\n", description_text);
  {
    guint at = (guint) (end + 1 - (const char *) bytes->data);
    guint tail = bytes->len - at;

    g_byte_array_set_size (bytes, bytes->len + (guint) text->len);
    memmove (bytes->data + at + text->len, bytes->data + at, tail);
    memcpy (bytes->data + at, text->str, text->len);
  }
}

/**
 * rally_chart_export:
 * @draw: the chart's drawing function, the same one the widget snapshots with
 * @path: the file to write; replaced atomically
 * @title: (nullable): the chart's title, an SVG's <title>
 * @description: (nullable): the chart in words (its accessible description), an
 *   SVG's <desc>
 *
 * Returns: %TRUE when @path holds the chart
 */
gboolean
rally_chart_export (RallyChartDrawFunc      draw,
                    gpointer                data,
                    const RallyChartStyle  *style,
                    const char             *path,
                    RallyChartFormat        format,
                    int                     width,
                    int                     height,
                    const char             *title,
                    const char             *description,
                    GError                **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (path != NULL, FALSE);

  if (width < 64 || height < 64 || width > 16384 || height > 16384)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Could not export the chart: %d × %d pixels is not a usable size"), width, height);
      return FALSE;
    }

  surface = create_surface (format, width, height, bytes);
  cr = cairo_create (surface);
  if (style->fill_background)
    {
      rally_chart_set_source (cr, &style->background, 1);
      cairo_paint (cr);
    }
  cairo_translate (cr, EXPORT_PADDING, EXPORT_PADDING);
  draw (data, cr, width - 2 * EXPORT_PADDING, height - 2 * EXPORT_PADDING, style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS && format == RALLY_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not export the chart: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  if (format == RALLY_CHART_FORMAT_SVG)
    add_svg_text (bytes, title, description);

  if (!g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    {
      g_prefix_error (error, "%s", _("Could not export the chart: "));
      return FALSE;
    }
  return TRUE;
}
