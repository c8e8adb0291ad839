/* rally-report.c
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

/* The campaign report: an A4 PDF for a director or a donor, drawn with cairo and
 * Pango. Name, cause and dates; each goal with its progress; the money raised; a
 * table of every challenge's totals; the reach chart and the comparison bar chart,
 * drawn by the same code as the charts on screen. The file is replaced atomically. */

#define G_LOG_DOMAIN "RallyReport"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "rally-bar-chart.h"
#include "rally-chart-marks.h"
#include "rally-figures-reader.h"
#include "rally-format.h"
#include "rally-metrics.h"
#include "rally-report.h"
#include "rally-store-analytics.h"
#include "rally-store.h"
#include "rally-time-plot.h"

#define PAGE_WIDTH  595.28   /* A4, in points */
#define PAGE_HEIGHT 841.89
#define MARGIN      48.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define CHART_SCALE 0.75     /* chart pixels (96 dpi) to points */

typedef struct
{
  cairo_t       *cr;
  double         y;
  RallyStore    *store;
  RallyCampaign *campaign;
  RallyCampaignFigures *figures;  /* with the reach of each challenge */
  GPtrArray     *challenges;   /* RallyChallenge, the figures' */
} Report;

/* The figures of the report's @i-th challenge. */
static const RallyChallengeFigures *
figures_of (Report *report,
            guint   i)
{
  return g_ptr_array_index (report->figures->figures, i);
}

/**
 * rally_challenge_series_color:
 * @store: a #RallyStore
 * @challenge: a challenge
 * @loose_index: for a challenge without a campaign, its index among those
 *
 * A challenge's colour on charts, as rally_chart_challenge_color() picks it from its
 * campaign's colour and its place among the campaign's challenges.
 *
 * Returns: (transfer full): "#rrggbb"
 */
char *
rally_challenge_series_color (RallyStore     *store,
                              RallyChallenge *challenge,
                              guint           loose_index)
{
  gint64 campaign_id;
  g_autoptr(RallyCampaign) campaign = NULL;
  g_autoptr(GListModel) siblings = NULL;
  guint k = 0;

  g_return_val_if_fail (RALLY_IS_STORE (store), NULL);
  g_return_val_if_fail (RALLY_IS_CHALLENGE (challenge), NULL);

  campaign_id = rally_challenge_get_campaign_id (challenge);
  campaign = campaign_id != 0 ? rally_store_get_campaign (store, campaign_id) : NULL;
  if (campaign == NULL)
    return rally_chart_challenge_color (NULL, 0, loose_index);

  siblings = rally_store_list_challenges (store, campaign_id);
  for (; k < g_list_model_get_n_items (siblings); k++)
    {
      g_autoptr(RallyChallenge) sibling = g_list_model_get_item (siblings, k);

      if (rally_challenge_get_id (sibling) == rally_challenge_get_id (challenge))
        break;
    }

  return rally_chart_challenge_color (rally_campaign_get_color (campaign), k, loose_index);
}

/* Text */

static void
new_page_if_needed (Report *report,
                    double  needed)
{
  if (report->y + needed <= PAGE_HEIGHT - MARGIN)
    return;

  cairo_show_page (report->cr);
  report->y = MARGIN;
}

static double
show_text_at (Report     *report,
              double      x,
              double      width,
              const char *text,
              double      size,
              gboolean    bold,
              double      grey)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (report->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  int height;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, NULL, &height);

  cairo_set_source_rgb (report->cr, grey, grey, grey);
  cairo_move_to (report->cr, x, report->y);
  pango_cairo_show_layout (report->cr, layout);

  return (double) height / PANGO_SCALE;
}

static void
show_paragraph (Report     *report,
                const char *text,
                double      size,
                gboolean    bold,
                double      grey,
                double      space_after)
{
  new_page_if_needed (report, size * 2);
  report->y += show_text_at (report, MARGIN, CONTENT_WIDTH, text, size, bold, grey) + space_after;
}

/* A heading stays on the page of the first @needed points of what follows it. */
static void
show_heading (Report     *report,
              const char *text,
              double      needed)
{
  new_page_if_needed (report, 32 + needed);
  report->y += 10;
  show_paragraph (report, text, 14, TRUE, 0.1, 6);
}

/* Sections */

static void
show_title (Report *report)
{
  RallyCampaign *campaign = report->campaign;
  g_autofree char *start = rally_campaign_get_start_date (campaign) > 0
    ? rally_format_date (rally_campaign_get_start_date (campaign)) : g_strdup (_("no start date"));
  g_autofree char *end = rally_campaign_get_end_date (campaign) > 0
    ? rally_format_date (rally_campaign_get_end_date (campaign)) : g_strdup (_("no end date"));
  /* Translators: the campaign's dates, "Fri 1 May 2020 – Sun 31 May 2020" */
  g_autofree char *dates = g_strdup_printf (_("%s – %s"), start, end);
  g_autofree char *made = rally_format_date (g_get_real_time () / G_USEC_PER_SEC);
  g_autofree char *footer = g_strdup_printf (_("Campaign report made with Rally on %s"), made);

  show_paragraph (report, footer, 9, FALSE, 0.45, 4);
  show_paragraph (report, rally_campaign_get_name (campaign), 24, TRUE, 0.05, 4);
  if (*rally_campaign_get_cause (campaign) != '\0')
    show_paragraph (report, rally_campaign_get_cause (campaign), 13, FALSE, 0.25, 4);
  show_paragraph (report, dates, 11, FALSE, 0.35, 8);
  if (*rally_campaign_get_description (campaign) != '\0')
    show_paragraph (report, rally_campaign_get_description (campaign), 10, FALSE, 0.2, 6);
}

/* Money raised in the campaign's currency; challenges pledging in another currency
 * are listed apart, never added up with a made-up rate. */
static char *
describe_money (Report *report,
                gint64 *raised_out)
{
  const char *currency = rally_campaign_get_currency (report->campaign);
  GString *others = g_string_new (NULL);
  g_autofree char *main_text = NULL;
  gint64 raised = rally_campaign_figures_get_stored_raised (report->figures, report->campaign);

  for (guint i = 0; i < report->challenges->len; i++)
    {
      RallyChallenge *challenge = g_ptr_array_index (report->challenges, i);
      gint64 amount = rally_challenge_figures_get_raised (figures_of (report, i), challenge);

      if (g_ascii_strcasecmp (rally_challenge_get_currency (challenge), currency) != 0 && amount > 0)
        {
          g_autofree char *text = rally_format_money (amount, rally_challenge_get_currency (challenge));

          g_string_append_printf (others, others->len > 0 ? ", %s" : " + %s", text);
        }
    }

  *raised_out = raised;
  main_text = rally_format_money (raised, currency);
  g_string_prepend (others, main_text);
  return g_string_free (others, FALSE);
}

static void
show_progress (Report     *report,
               const char *label,
               gint64      value,
               gint64      goal,
               gboolean    money)
{
  g_autofree char *value_text = money ? rally_format_money (value, rally_campaign_get_currency (report->campaign))
                                      : rally_format_integer (value);
  g_autofree char *goal_text = money ? rally_format_money (goal, rally_campaign_get_currency (report->campaign))
                                     : rally_format_integer (goal);
  g_autofree char *progress = rally_format_progress (value_text, goal_text, (double) value / (double) goal);
  /* Translators: a goal in the report: "Views: 20,114,000 of 15,000,000 (134%)" */
  g_autofree char *text = g_strdup_printf (_("%s: %s"), label, progress);
  double fraction = CLAMP ((double) value / (double) goal, 0, 1);
  double r, g, b;

  new_page_if_needed (report, 36);
  report->y += show_text_at (report, MARGIN, CONTENT_WIDTH, text, 10, FALSE, 0.15) + 3;

  rally_color_parse (rally_campaign_get_color (report->campaign), &r, &g, &b);
  cairo_set_source_rgb (report->cr, 0.9, 0.9, 0.9);
  cairo_rectangle (report->cr, MARGIN, report->y, CONTENT_WIDTH, 8);
  cairo_fill (report->cr);
  cairo_set_source_rgb (report->cr, r, g, b);
  cairo_rectangle (report->cr, MARGIN, report->y, CONTENT_WIDTH * fraction, 8);
  cairo_fill (report->cr);
  report->y += 16;
}

static gboolean
has_pledges (Report *report)
{
  for (guint i = 0; i < report->challenges->len; i++)
    {
      if (rally_challenge_get_pledge_per_video (g_ptr_array_index (report->challenges, i)) > 0)
        return TRUE;
    }
  return FALSE;
}

static void
show_goals (Report *report)
{
  RallyCampaign *campaign = report->campaign;
  g_autofree char *money = NULL;
  g_autofree char *raised_line = NULL;
  const RallyTotals *sum = &report->figures->stored;
  gint64 raised;

  money = describe_money (report, &raised);

  show_heading (report, _("Money Raised"), 20);
  if (has_pledges (report))
    {
      /* Translators: "Raised: $44,062.00, from the pledges per video of its challenges" */
      raised_line = g_strdup_printf (_("Raised: %s, from the pledges per video of its challenges"), money);
      show_paragraph (report, raised_line, 12, TRUE, 0.1, 4);
    }
  else
    show_paragraph (report, _("None of its challenges has a donation pledge per video."), 10, FALSE, 0.35, 4);

  show_heading (report, _("Goals"), 36);
  if (rally_campaign_get_goal_views (campaign) > 0)
    show_progress (report, _("Views"), sum->views, rally_campaign_get_goal_views (campaign), FALSE);
  if (rally_campaign_get_goal_videos (campaign) > 0)
    show_progress (report, _("Videos"), sum->videos, rally_campaign_get_goal_videos (campaign), FALSE);
  if (rally_campaign_get_goal_donations (campaign) > 0)
    show_progress (report, _("Donations"), raised, rally_campaign_get_goal_donations (campaign), TRUE);
  if (rally_campaign_get_goal_views (campaign) <= 0 && rally_campaign_get_goal_videos (campaign) <= 0 &&
      rally_campaign_get_goal_donations (campaign) <= 0)
    show_paragraph (report, _("No goals set for this campaign."), 10, FALSE, 0.35, 4);
}

/* Table of challenges: name column, then right-aligned figures. */

static void
show_row (Report            *report,
          const char * const *cells,
          gboolean            bold)
{
  static const double widths[] = { 104, 50, 45, 45, 55, 45, 68, 0 };
  double x = MARGIN, height = 0;

  new_page_if_needed (report, 20);
  for (guint i = 0; cells[i] != NULL; i++)
    {
      double w = i == G_N_ELEMENTS (widths) - 1 || widths[i] == 0 ? MARGIN + CONTENT_WIDTH - x : widths[i];

      height = MAX (height, show_text_at (report, x, w - 4, cells[i], 8.5, bold, 0.15));
      x += w;
    }
  report->y += height + 4;
}

static void
show_table (Report *report)
{
  const char *header[] = {
    _("Challenge"), _("Videos"), _("Views"), _("Likes"), _("Comments"), _("Shares"), _("Engagement"), _("Raised"), NULL,
  };

  show_heading (report, _("Challenges"), 40);
  if (report->challenges->len == 0)
    {
      show_paragraph (report, _("This campaign has no challenges yet."), 10, FALSE, 0.35, 4);
      return;
    }

  show_row (report, header, TRUE);
  for (guint i = 0; i < report->challenges->len; i++)
    {
      RallyChallenge *challenge = g_ptr_array_index (report->challenges, i);
      const RallyTotals *t = &figures_of (report, i)->totals;
      g_autofree char *name = g_strconcat ("#", rally_challenge_get_hashtag (challenge), NULL);
      g_autofree char *videos = rally_format_integer (t->videos);
      g_autofree char *views = rally_format_abbrev ((double) t->views);
      g_autofree char *likes = rally_format_abbrev ((double) t->likes);
      g_autofree char *comments = rally_format_abbrev ((double) t->comments);
      g_autofree char *shares = rally_format_abbrev ((double) t->shares);
      g_autofree char *engagement = t->views > 0
        ? rally_format_percent (rally_engagement_rate (t->likes, t->comments, t->shares, t->views)) : g_strdup ("–");
      g_autofree char *raised = rally_format_money (rally_challenge_donations_for (challenge, t->videos),
                                                    rally_challenge_get_currency (challenge));
      const char *row[] = { name, videos, views, likes, comments, shares, engagement, raised, NULL };

      show_row (report, row, FALSE);
    }
  show_paragraph (report, _("Engagement rate = (likes + comments + shares) ÷ views. Raised = min(videos × pledge "
                            "per video, cap)."), 8, FALSE, 0.45, 4);
}

/* Charts */

static void
draw_time_plot (gpointer               data,
                cairo_t               *cr,
                int                    width,
                int                    height,
                const RallyChartStyle *style)
{
  rally_time_plot_draw (data, cr, width, height, 1.0, style);
}

static void
draw_chart (Report             *report,
            RallyChartDrawFunc  draw,
            gpointer            data,
            double              height)
{
  RallyChartStyle style;

  new_page_if_needed (report, height + 8);
  rally_chart_style_init_light (&style, NULL);
  cairo_save (report->cr);
  cairo_translate (report->cr, MARGIN, report->y);
  cairo_scale (report->cr, CHART_SCALE, CHART_SCALE);
  draw (data, report->cr, (int) (CONTENT_WIDTH / CHART_SCALE), (int) (height / CHART_SCALE), &style);
  cairo_restore (report->cr);
  rally_chart_style_clear (&style);
  report->y += height + 8;
}

/* The campaign's views goal as a goal line, and its and its challenges' events. */
static void
add_chart_marks (Report        *report,
                 RallyTimePlot *plot)
{
  gint64 goal = rally_campaign_get_goal_views (report->campaign);
  g_autofree char *amount = rally_format_abbrev ((double) goal);
  g_autofree char *label = rally_format_goal (NULL, amount);
  RallyChartGoal line = { (double) goal, label, FALSE };
  g_autoptr(GArray) events = rally_chart_marks_read_events (report->store, TRUE,
                                                            rally_campaign_get_id (report->campaign));

  rally_time_plot_set_goals (plot, &line, goal > 0 ? 1 : 0);
  rally_time_plot_set_events (plot, (const RallyChartEvent *) (gpointer) events->data, events->len);
}

static void
show_reach_chart (Report *report)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_series_unref);
  RallyTimePlot *plot = rally_time_plot_new ();

  for (guint i = 0; i < report->challenges->len; i++)
    {
      RallyChallenge *challenge = g_ptr_array_index (report->challenges, i);
      g_autofree char *name = g_strconcat ("#", rally_challenge_get_hashtag (challenge), NULL);
      g_autofree char *color = rally_challenge_series_color (report->store, challenge, i);
      g_autoptr(GArray) points = rally_reach_points (figures_of (report, i)->reach, RALLY_METRIC_VIEWS, TRUE);

      g_ptr_array_add (series, rally_series_new_from_points (name, color, points));
    }

  show_heading (report, _("Reach: Views Over Time"), 200);
  rally_time_plot_set_series (plot, series);
  add_chart_marks (report, plot);
  rally_time_plot_set_fill (plot, series->len == 1);
  rally_time_plot_set_empty_text (plot, _("No snapshots or videos yet"));
  draw_chart (report, draw_time_plot, plot, 200);
  rally_time_plot_free (plot);
}

static void
draw_bar_chart (gpointer               data,
                cairo_t               *cr,
                int                    width,
                int                    height,
                const RallyChartStyle *style)
{
  rally_bar_chart_draw (data, cr, width, height, style);
}

static void
show_bar_chart (Report *report)
{
  RallyBarChart *chart = g_object_ref_sink (RALLY_BAR_CHART (rally_bar_chart_new ()));
  double height;

  for (guint i = 0; i < report->challenges->len; i++)
    {
      RallyChallenge *challenge = g_ptr_array_index (report->challenges, i);
      g_autofree char *name = g_strconcat ("#", rally_challenge_get_hashtag (challenge), NULL);
      g_autofree char *color = rally_challenge_series_color (report->store, challenge, i);

      rally_bar_chart_append (chart, name, (double) figures_of (report, i)->totals.views, color);
    }
  rally_bar_chart_set_empty_text (chart, _("No challenges to compare"));

  height = 30 + 30 * MAX (1, report->challenges->len);
  show_heading (report, _("Views by Challenge"), MIN (height, 300));
  draw_chart (report, draw_bar_chart, chart, height);
  g_object_unref (chart);
}

static void
show_provenance (Report *report)
{
  g_autoptr(GString) text = g_string_new (_("Where the numbers come from: totals are summed from the videos "
                                            "stored for each challenge; reach over time from its snapshots, or "
                                            "from the days its videos were posted where snapshots do not reach."));

  for (guint i = 0; i < report->challenges->len; i++)
    {
      RallyChallenge *challenge = g_ptr_array_index (report->challenges, i);
      RallySnapshot *latest = figures_of (report, i)->latest;
      g_autofree char *basis = rally_reach_source_describe (&figures_of (report, i)->source);
      g_autofree char *when = NULL;

      if (basis != NULL)
        /* Translators: " #rednoseday, reach: By posting day, counts as of Sat 5 Dec 2026." */
        g_string_append_printf (text, _(" #%s, reach: %s"), rally_challenge_get_hashtag (challenge), basis);
      if (latest == NULL)
        continue;
      when = rally_format_date (rally_snapshot_get_fetched_at (latest) > 0 ? rally_snapshot_get_fetched_at (latest)
                                                                            : rally_snapshot_get_taken_at (latest));
      /* Translators: " #rednoseday: last updated Sun 31 May 2020." */
      g_string_append_printf (text, _(" #%s: last updated %s."), rally_challenge_get_hashtag (challenge), when);
    }
  show_paragraph (report, text->str, 8, FALSE, 0.45, 4);
}

/* Writing */

/* The campaign's figures, with the reach of each challenge, in one place. */
static void
load_report (Report *report)
{
  report->figures = rally_figures_read_campaign (report->store, report->campaign, RALLY_FIGURES_REACH);
  report->challenges = g_ptr_array_ref (report->figures->challenges);
}

static void
clear_report (Report *report)
{
  g_clear_pointer (&report->challenges, g_ptr_array_unref);
  g_clear_pointer (&report->figures, rally_campaign_figures_unref);
  g_clear_object (&report->campaign);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
draw_report (Report     *report,
             GByteArray *bytes)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  g_autofree char *title = g_strdup_printf (_("%s — campaign report"), rally_campaign_get_name (report->campaign));
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Rally");
  report->cr = cairo_create (surface);
  report->y = MARGIN;

  show_title (report);
  show_goals (report);
  show_table (report);
  show_provenance (report);
  show_reach_chart (report);
  show_bar_chart (report);

  cairo_show_page (report->cr);
  status = cairo_status (report->cr);
  cairo_destroy (report->cr);
  report->cr = NULL;
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return status;
}

/**
 * rally_report_write_campaign_pdf:
 * @store: a #RallyStore
 * @campaign_id: the campaign to report on
 * @path: the PDF file to write; replaced atomically, so a failure leaves any
 *   earlier file as it was
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @path holds the report
 */
gboolean
rally_report_write_campaign_pdf (RallyStore  *store,
                                 gint64       campaign_id,
                                 const char  *path,
                                 GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  Report report = { .store = store };
  cairo_status_t status;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  report.campaign = rally_store_get_campaign (store, campaign_id);
  if (report.campaign == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Could not write the report: the campaign no longer exists"));
      return FALSE;
    }

  load_report (&report);
  status = draw_report (&report, bytes);
  clear_report (&report);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the report: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
