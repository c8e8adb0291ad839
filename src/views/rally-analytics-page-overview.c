/* rally-analytics-page-overview.c
 *
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

/* The top of the analytics page: the chosen range's key figures across every
 * challenge (videos, views, engagement, money raised, new creators), each with its
 * change against the period of the same length before it. The days are read on the
 * figures reader's thread; the sums are model/rally-overview.c. */

#define G_LOG_DOMAIN "RallyAnalyticsPage"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rally-analytics-page-private.h"
#include "rally-format.h"
#include "rally-store-overview.h"
#include "rally-store.h"

/* Runs on the reader's thread: every challenge's days, merged. */
void
_rally_analytics_overview_read (RallyStore            *store,
                                RallyAnalyticsFigures *figures)
{
  figures->overview_days = rally_store_query_overview_days (store, &figures->overview_currency,
                                                           &figures->overview_other_currencies);
}

/* Shown on the main thread */

static char *
format_figure (RallyAnalyticsPage  *self,
               RallyOverviewFigure  figure,
               gint64               value)
{
  if (figure == RALLY_OVERVIEW_RAISED)
    return rally_format_money (value, self->figures->overview_currency);
  return rally_format_integer (value);
}

/* "+12% vs previous 30 days", or why there is no change to tell. */
static char *
describe_change (const RallyOverview *overview,
                 RallyOverviewFigure  figure)
{
  guint n_days = rally_overview_n_days (overview);
  g_autofree char *percent = NULL;
  g_autofree char *signed_percent = NULL;
  double fraction;

  if (!overview->has_previous)
    return g_strdup (_("No data for the previous period"));
  if (!rally_overview_change (overview, figure, &fraction))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "None in the previous %u day",
                                         "None in the previous %u days", n_days), n_days);

  percent = rally_format_percent (fabs (fraction));
  /* Translators: a change upwards, "+12%"; "−" is used for a fall */
  signed_percent = g_strdup_printf (fraction > 0 ? _("+%s") : fraction < 0 ? _("−%s") : "%s", percent);
  /* Translators: a figure's change, "+12% vs previous 30 days" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s vs previous %u day", "%s vs previous %u days", n_days),
                          signed_percent, n_days);
}

static const char *
figure_name (RallyOverviewFigure figure)
{
  static const char * const names[] = {
    N_("Videos"), N_("Views"), N_("Engagement"), N_("Money Raised"), N_("New Creators"),
  };

  return _(names[figure]);
}

static const char *
figure_hint (RallyOverviewFigure figure)
{
  static const char * const hints[] = {
    N_("Videos posted in the period, in every challenge"),
    N_("Views of the videos posted in the period, as last fetched"),
    N_("Likes, comments and shares of the videos posted in the period"),
    N_("Pledged donations for the videos posted in the period, up to each challenge’s cap"),
    N_("Creators whose first video in any challenge was posted in the period"),
  };

  return _(hints[figure]);
}

static GtkWidget *
new_tile (RallyAnalyticsPage  *self,
          const RallyOverview *overview,
          RallyOverviewFigure  figure)
{
  gboolean compare = gtk_toggle_button_get_active (self->compare_button);
  g_autofree char *value = format_figure (self, figure, overview->current[figure]);
  g_autofree char *change = compare ? describe_change (overview, figure) : NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (figure_name (figure));
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *delta = gtk_label_new (change);   /* hidden without a comparison */
  double fraction;
  GtkWidget *labels[] = { name, number, delta };

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "overview-tile");
  if (figure == RALLY_OVERVIEW_RAISED && self->figures->overview_other_currencies > 0)
    {
      /* Translators: the money tile's hint when some challenges raise money in another currency */
      g_autofree char *hint = g_strdup_printf (_("%s; only the challenges in %s are counted"),
                                               figure_hint (figure), self->figures->overview_currency);

      gtk_widget_set_tooltip_text (box, hint);
    }
  else
    gtk_widget_set_tooltip_text (box, figure_hint (figure));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gtk_label_set_xalign (GTK_LABEL (labels[i]), 0);
      gtk_label_set_wrap (GTK_LABEL (labels[i]), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (labels[i]), 16);
      gtk_widget_set_margin_start (labels[i], 12);
      gtk_widget_set_margin_end (labels[i], 12);
      gtk_box_append (GTK_BOX (box), labels[i]);
    }
  gtk_widget_set_margin_top (name, 10);
  gtk_widget_set_margin_bottom (delta, 10);
  gtk_widget_set_margin_bottom (number, compare ? 0 : 10);
  gtk_widget_add_css_class (name, "caption-heading");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_widget_add_css_class (number, "title-2");
  gtk_label_set_selectable (GTK_LABEL (number), FALSE);
  gtk_widget_add_css_class (delta, "caption");
  if (rally_overview_change (overview, figure, &fraction) && fraction != 0)
    gtk_widget_add_css_class (delta, fraction > 0 ? "success" : "warning");
  else
    gtk_widget_add_css_class (delta, "dim-label");

  gtk_widget_set_visible (delta, compare);
  if (compare)
    /* Translators: an overview tile for screen readers: name, figure, change */
    accessible = g_strdup_printf (_("%s: %s, %s"), figure_name (figure), value, change);
  else
    /* Translators: an overview tile for screen readers: name, figure */
    accessible = g_strdup_printf (_("%s: %s"), figure_name (figure), value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return box;
}

/**
 * _rally_analytics_page_update_overview:
 * @ranged: whether [@from, @to] is a range, else every day with data
 *
 * Fills the overview's tiles for the range.
 */
void
_rally_analytics_page_update_overview (RallyAnalyticsPage *self,
                                       gboolean            ranged,
                                       gint64              from,
                                       gint64              to)
{
  GArray *days = self->figures != NULL ? self->figures->overview_days : NULL;
  g_autofree char *period = NULL;
  g_autofree char *title = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->overview_box))) != NULL)
    gtk_flow_box_remove (self->overview_box, child);

  if (days == NULL || days->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->overview_title), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->overview_box), FALSE);
      return;
    }
  if (!ranged)
    {
      from = g_array_index (days, RallyOverviewDay, 0).day;
      to = g_array_index (days, RallyOverviewDay, days->len - 1).day;
    }

  rally_overview_compute (days, from, to, &self->overview);
  for (guint f = 0; f < RALLY_OVERVIEW_N_FIGURES; f++)
    {
      if (f == RALLY_OVERVIEW_RAISED && self->figures->overview_currency == NULL)
        continue;
      gtk_flow_box_append (self->overview_box, new_tile (self, &self->overview, f));
    }

  period = rally_format_day_range (self->overview.from, self->overview.to);
  /* Translators: the overview's heading with its days, "Overview, 1 – 30 Nov 2020" */
  title = g_strdup_printf (_("Overview, %s"), period);
  gtk_label_set_text (self->overview_title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->overview_title), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->overview_box), TRUE);
}
