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

/* The report to share: an A4 PDF for a director or a donor, on a campaign or one
 * challenge over a range of days, drawn with cairo and Pango. The organisation's name
 * and logo; the overview of the range (videos, views, engagement, money raised); each
 * goal with its progress; the donations and the organic/seeded split; a table of
 * every challenge; the events; the reach and donations charts with their goal lines
 * and events, drawn by the same code as the charts on screen; where the figures come
 * from and when they were fetched. The file is replaced atomically. */

#define G_LOG_DOMAIN "RallyReport"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "rally-bar-chart.h"
#include "rally-chart-marks.h"
#include "rally-date-utils.h"
#include "rally-donations.h"
#include "rally-figures-reader.h"
#include "rally-format.h"
#include "rally-metrics.h"
#include "rally-money.h"
#include "rally-report.h"
#include "rally-store-analytics.h"
#include "rally-store-events.h"
#include "rally-store-origins.h"
#include "rally-store.h"
#include "rally-time-plot.h"

#define PAGE_WIDTH  595.28   /* A4, in points */
#define PAGE_HEIGHT 841.89
#define MARGIN      48.0
#define FOOTER      24.0     /* below the content, above the bottom margin */
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define CONTENT_BOTTOM (PAGE_HEIGHT - MARGIN - FOOTER)
#define CHART_SCALE 0.75     /* chart pixels (96 dpi) to points */
#define LOGO_HEIGHT 44.0
#define LOGO_MAX_WIDTH 160.0

/* One challenge of the report. */
typedef struct
{
  RallyChallenge        *challenge;
  RallyChallengeFigures *figures;    /* its totals, reach and latest snapshot */
  RallyOriginSplit       range;      /* the videos posted in the range, organic and seeded */
  RallyDonations        *donations;  /* over every day, so that the cap counts */
  gint64                 raised_in_range;
} Entry;

typedef struct
{
  cairo_t                  *cr;
  double                    y;
  guint                     page;
  RallyStore               *store;
  const RallyReportRequest *request;
  RallyCampaign            *campaign;   /* NULL for a challenge's report */
  GArray                   *entries;    /* Entry */
  GPtrArray                *events;     /* RallyEvent in the range, by first day */
  gint64                    from;       /* the first and last day reported */
  gint64                    to;
  char                     *title;      /* the campaign's name, or "#hashtag" */
  char                     *range_text;
  char                     *made;
  GdkPixbuf                *logo;
  char                     *notice;
} Report;

static Entry *
entry_at (Report *report,
          guint   i)
{
  return &g_array_index (report->entries, Entry, i);
}

static const char *
report_currency (Report *report)
{
  return report->campaign != NULL ? rally_campaign_get_currency (report->campaign)
                                  : rally_challenge_get_currency (entry_at (report, 0)->challenge);
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

/* Pages */

static PangoLayout *
new_layout (Report     *report,
            const char *text,
            double      width,
            double      size,
            gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (report->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* The footer of every page: who, what, and the page number. */
static void
show_footer (Report *report)
{
  g_autofree char *page = g_strdup_printf (_("Page %u"), report->page);
  g_autoptr(GString) left = g_string_new (NULL);
  g_autoptr(PangoLayout) left_layout = NULL;
  g_autoptr(PangoLayout) right_layout = NULL;
  const char *organisation = report->request->organisation;
  double y = PAGE_HEIGHT - MARGIN - 10;

  if (organisation != NULL && *organisation != '\0')
    g_string_append_printf (left, "%s · ", organisation);
  /* Translators: the footer of each page of the report: its subject, then its range */
  g_string_append_printf (left, _("%s, %s"), report->title, report->range_text);

  cairo_set_source_rgb (report->cr, 0.8, 0.8, 0.8);
  cairo_rectangle (report->cr, MARGIN, y - 6, CONTENT_WIDTH, 0.5);
  cairo_fill (report->cr);

  left_layout = new_layout (report, left->str, CONTENT_WIDTH - 60, 7.5, FALSE);
  pango_layout_set_ellipsize (left_layout, PANGO_ELLIPSIZE_END);
  right_layout = new_layout (report, page, 60, 7.5, FALSE);
  pango_layout_set_alignment (right_layout, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (report->cr, 0.45, 0.45, 0.45);
  cairo_move_to (report->cr, MARGIN, y);
  pango_cairo_show_layout (report->cr, left_layout);
  cairo_move_to (report->cr, MARGIN + CONTENT_WIDTH - 60, y);
  pango_cairo_show_layout (report->cr, right_layout);
}

static void
finish_page (Report *report)
{
  show_footer (report);
  cairo_show_page (report->cr);
  report->page++;
  report->y = MARGIN;
}

static void
new_page_if_needed (Report *report,
                    double  needed)
{
  if (report->y + needed <= CONTENT_BOTTOM)
    return;

  finish_page (report);
}

/* Text */

static double
show_text_at (Report     *report,
              double      x,
              double      width,
              const char *text,
              double      size,
              gboolean    bold,
              double      grey)
{
  g_autoptr(PangoLayout) layout = new_layout (report, text, width, size, bold);
  int height;

  pango_layout_get_size (layout, NULL, &height);
  cairo_set_source_rgb (report->cr, grey, grey, grey);
  cairo_move_to (report->cr, x, report->y);
  pango_cairo_show_layout (report->cr, layout);

  return (double) height / PANGO_SCALE;
}

/* A paragraph taller than what is left of the page moves to the next page whole. */
static void
show_paragraph (Report     *report,
                const char *text,
                double      size,
                gboolean    bold,
                double      grey,
                double      space_after)
{
  g_autoptr(PangoLayout) layout = new_layout (report, text, CONTENT_WIDTH, size, bold);
  int height;

  pango_layout_get_size (layout, NULL, &height);
  new_page_if_needed (report, MIN ((double) height / PANGO_SCALE, CONTENT_BOTTOM - MARGIN));
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

static char *
format_moment (gint64 utc_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc_seconds);

  if (dt == NULL)
    return g_strdup ("–");
  /* Translators: when figures were fetched, in the report; see g_date_time_format() */
  return g_date_time_format (dt, _("%a %-d %b %Y, %H:%M UTC"));
}

/* Header: the organisation and its logo, the title, the range and the day made */

static void
show_logo (Report *report,
           double *width_out)
{
  int w = gdk_pixbuf_get_width (report->logo), h = gdk_pixbuf_get_height (report->logo);
  double scale = MIN (LOGO_HEIGHT / h, LOGO_MAX_WIDTH / w);

  cairo_save (report->cr);
  cairo_translate (report->cr, MARGIN, report->y);
  cairo_scale (report->cr, scale, scale);
  gdk_cairo_set_source_pixbuf (report->cr, report->logo, 0, 0);
  cairo_paint (report->cr);
  cairo_restore (report->cr);
  *width_out = w * scale;
}

static void
show_organisation (Report *report)
{
  const char *organisation = report->request->organisation;
  gboolean has_name = organisation != NULL && *organisation != '\0';
  double logo_width = 0, x, height = 0;
  g_autoptr(PangoLayout) layout = NULL;
  int text_height;

  if (report->logo == NULL && !has_name)
    return;
  if (report->logo != NULL)
    show_logo (report, &logo_width);
  if (has_name)
    {
      x = MARGIN + (logo_width > 0 ? logo_width + 12 : 0);
      layout = new_layout (report, organisation, MARGIN + CONTENT_WIDTH - x, 15, TRUE);
      pango_layout_get_size (layout, NULL, &text_height);
      height = (double) text_height / PANGO_SCALE;
      cairo_set_source_rgb (report->cr, 0.1, 0.1, 0.1);
      /* Beside the logo, centred on it */
      cairo_move_to (report->cr, x, report->y + (report->logo != NULL ? MAX (0, (LOGO_HEIGHT - height) / 2) : 0));
      pango_cairo_show_layout (report->cr, layout);
    }
  report->y += MAX (report->logo != NULL ? LOGO_HEIGHT : 0, height) + 10;
  cairo_set_source_rgb (report->cr, 0.75, 0.75, 0.75);
  cairo_rectangle (report->cr, MARGIN, report->y, CONTENT_WIDTH, 0.75);
  cairo_fill (report->cr);
  report->y += 14;
}

static void
show_title (Report *report)
{
  const char *kind = report->campaign != NULL ? _("Campaign report") : _("Challenge report");
  /* Translators: the report's range, "Fri 1 May 2020 – Sun 31 May 2020" */
  g_autofree char *range = g_strdup_printf (_("Figures for %s"), report->range_text);
  g_autofree char *made = g_strdup_printf (_("Generated on %s with Rally"), report->made);
  const char *cause = report->campaign != NULL ? rally_campaign_get_cause (report->campaign) : "";
  const char *description = report->campaign != NULL ? rally_campaign_get_description (report->campaign) : "";

  show_organisation (report);
  show_paragraph (report, kind, 10, TRUE, 0.45, 2);
  show_paragraph (report, report->title, 24, TRUE, 0.05, 4);
  if (*cause != '\0')
    show_paragraph (report, cause, 13, FALSE, 0.25, 4);
  show_paragraph (report, range, 11, FALSE, 0.2, 2);
  show_paragraph (report, made, 9, FALSE, 0.45, 8);
  if (*description != '\0')
    show_paragraph (report, description, 10, FALSE, 0.2, 6);
}

/* Overview of the range */

static void
sum_range (Report      *report,
           RallyTotals *out)
{
  memset (out, 0, sizeof *out);
  for (guint i = 0; i < report->entries->len; i++)
    {
      const RallyOriginSplit *s = &entry_at (report, i)->range;

      out->videos += s->organic.videos + s->seeded.videos;
      out->views += s->organic.views + s->seeded.views;
      out->likes += s->organic.likes + s->seeded.likes;
      out->comments += s->organic.comments + s->seeded.comments;
      out->shares += s->organic.shares + s->seeded.shares;
    }
}

/* A sum of money in the report's currency, and those in other currencies listed
 * apart, never added up with a made-up rate. @in_range picks the money of the range,
 * else of every day. */
static char *
describe_money (Report   *report,
                gboolean  in_range,
                gint64   *main_out)
{
  const char *currency = report_currency (report);
  g_autoptr(GString) others = g_string_new (NULL);
  g_autofree char *main_text = NULL;
  gint64 main = 0;

  for (guint i = 0; i < report->entries->len; i++)
    {
      Entry *entry = entry_at (report, i);
      gint64 amount = in_range ? entry->raised_in_range : entry->donations->total;

      if (g_ascii_strcasecmp (entry->donations->currency, currency) == 0)
        main += amount;
      else if (amount > 0)
        {
          g_autofree char *text = rally_format_money (amount, entry->donations->currency);

          g_string_append_printf (others, " + %s", text);
        }
    }

  if (main_out != NULL)
    *main_out = main;
  main_text = rally_format_money (main, currency);
  g_string_prepend (others, main_text);
  return g_string_free (g_steal_pointer (&others), FALSE);
}

/* One figure of the overview: a small label above a large value. */
static void
show_tile (Report     *report,
           double      x,
           double      width,
           const char *label,
           const char *value)
{
  double y = report->y;

  cairo_set_source_rgb (report->cr, 0.96, 0.96, 0.96);
  cairo_rectangle (report->cr, x, y, width - 8, 50);
  cairo_fill (report->cr);
  report->y = y + 7;
  show_text_at (report, x + 8, width - 24, label, 8.5, FALSE, 0.35);
  report->y = y + 21;
  show_text_at (report, x + 8, width - 24, value, 15, TRUE, 0.1);
  report->y = y;
}

static void
show_overview (Report *report)
{
  RallyTotals sum;
  g_autofree char *videos = NULL, *views = NULL, *engagement = NULL, *money = NULL;
  double width = (CONTENT_WIDTH + 8) / 4;

  sum_range (report, &sum);
  videos = rally_format_integer (sum.videos);
  views = rally_format_abbrev ((double) sum.views);
  engagement = sum.views > 0 ? rally_format_percent (rally_engagement_rate (sum.likes, sum.comments, sum.shares,
                                                                           sum.views))
                             : g_strdup ("–");
  money = describe_money (report, TRUE, NULL);

  show_heading (report, _("Overview"), 80);
  new_page_if_needed (report, 60);
  show_tile (report, MARGIN, width, _("Videos posted"), videos);
  show_tile (report, MARGIN + width, width, _("Views"), views);
  show_tile (report, MARGIN + 2 * width, width, _("Engagement"), engagement);
  show_tile (report, MARGIN + 3 * width, width, _("Money raised"), money);
  report->y += 58;
  show_paragraph (report, _("Figures of the videos posted in the range, with the counts they hold now (by posting "
                            "day). Engagement rate = (likes + comments + shares) ÷ views."), 8, FALSE, 0.45, 4);
}

/* Goals */

static void
show_progress (Report     *report,
               const char *label,
               gint64      value,
               gint64      goal,
               gboolean    money)
{
  const char *currency = report_currency (report);
  g_autofree char *value_text = money ? rally_format_money (value, currency) : rally_format_integer (value);
  g_autofree char *goal_text = money ? rally_format_money (goal, currency) : rally_format_integer (goal);
  g_autofree char *progress = rally_format_progress (value_text, goal_text, (double) value / (double) goal);
  /* Translators: a goal in the report: "Views: 20,114,000 of 15,000,000 (134%)" */
  g_autofree char *text = g_strdup_printf (_("%s: %s"), label, progress);
  double fraction = CLAMP ((double) value / (double) goal, 0, 1);
  double r = 0.2, g = 0.4, b = 0.8;

  new_page_if_needed (report, 36);
  report->y += show_text_at (report, MARGIN, CONTENT_WIDTH, text, 10, FALSE, 0.15) + 3;

  if (report->campaign != NULL)
    rally_color_parse (rally_campaign_get_color (report->campaign), &r, &g, &b);
  else
    {
      /* a challenge's bars in the colour of its line on the charts */
      g_autofree char *color = rally_challenge_series_color (report->store, entry_at (report, 0)->challenge, 0);

      rally_color_parse (color, &r, &g, &b);
    }
  cairo_set_source_rgb (report->cr, 0.9, 0.9, 0.9);
  cairo_rectangle (report->cr, MARGIN, report->y, CONTENT_WIDTH, 8);
  cairo_fill (report->cr);
  cairo_set_source_rgb (report->cr, r, g, b);
  cairo_rectangle (report->cr, MARGIN, report->y, CONTENT_WIDTH * fraction, 8);
  cairo_fill (report->cr);
  report->y += 16;
}

static void
goals_of (Report *report,
          gint64 *views,
          gint64 *videos,
          gint64 *money)
{
  if (report->campaign != NULL)
    {
      *views = rally_campaign_get_goal_views (report->campaign);
      *videos = rally_campaign_get_goal_videos (report->campaign);
      *money = rally_campaign_get_goal_donations (report->campaign);
      return;
    }
  *views = rally_challenge_get_goal_views (entry_at (report, 0)->challenge);
  *videos = rally_challenge_get_goal_videos (entry_at (report, 0)->challenge);
  *money = rally_challenge_get_pledge_cap (entry_at (report, 0)->challenge);
}

static void
show_goals (Report *report)
{
  gint64 views, videos, money, raised;
  RallyTotals sum = { 0 };
  g_autofree char *unused = describe_money (report, FALSE, &raised);

  for (guint i = 0; i < report->entries->len; i++)
    {
      sum.views += entry_at (report, i)->figures->totals.views;
      sum.videos += entry_at (report, i)->figures->totals.videos;
    }

  goals_of (report, &views, &videos, &money);
  show_heading (report, _("Goals, to date"), 36);
  if (views > 0)
    show_progress (report, _("Views"), sum.views, views, FALSE);
  if (videos > 0)
    show_progress (report, _("Videos"), sum.videos, videos, FALSE);
  if (money > 0)
    show_progress (report, _("Donations"), raised, money, TRUE);
  if (views <= 0 && videos <= 0 && money <= 0)
    show_paragraph (report, _("No goals are set."), 10, FALSE, 0.35, 4);
}

/* Donations and the organic/seeded split */

static gboolean
has_pledges (Report *report)
{
  for (guint i = 0; i < report->entries->len; i++)
    {
      if (rally_challenge_get_pledge_per_video (entry_at (report, i)->challenge) > 0)
        return TRUE;
    }
  return FALSE;
}

static void
show_donations (Report *report)
{
  g_autofree char *total = describe_money (report, FALSE, NULL);
  g_autofree char *in_range = describe_money (report, TRUE, NULL);
  g_autofree char *line = NULL;

  show_heading (report, _("Donations"), 30);
  if (!has_pledges (report))
    {
      show_paragraph (report, _("No challenge here has a donation pledge per video."), 10, FALSE, 0.35, 4);
      return;
    }
  /* Translators: "Raised in the range: $4,062.00; in all, to date: $44,062.00" */
  line = g_strdup_printf (_("Raised in the range: %s; in all, to date: %s"), in_range, total);
  show_paragraph (report, line, 12, TRUE, 0.1, 4);
  for (guint i = 0; i < report->entries->len; i++)
    {
      Entry *entry = entry_at (report, i);
      g_autofree char *day = NULL, *text = NULL;

      if (entry->donations->cap_reached_day <= 0)
        continue;
      day = rally_format_date (entry->donations->cap_reached_day);
      /* Translators: "#rednoseday reached its pledge cap on Sun 31 May 2020." */
      text = g_strdup_printf (_("#%s reached its pledge cap on %s."), rally_challenge_get_hashtag (entry->challenge), day);
      show_paragraph (report, text, 9, FALSE, 0.3, 2);
    }
  show_paragraph (report, _("Raised = min(videos × pledge per video, cap), counted on the day each video was posted."),
                  8, FALSE, 0.45, 4);
}

/* Table rows: a name column, then right-aligned figures. */
static void
show_row (Report             *report,
          const double       *widths,
          const char * const *cells,
          gboolean            bold)
{
  double x = MARGIN, height = 0;

  new_page_if_needed (report, 20);
  for (guint i = 0; cells[i] != NULL; i++)
    {
      double w = widths[i] == 0 ? MARGIN + CONTENT_WIDTH - x : widths[i];

      height = MAX (height, show_text_at (report, x, w - 4, cells[i], 8.5, bold, 0.15));
      x += w;
    }
  report->y += height + 4;
}

static void
show_origin_row (Report                 *report,
                 const char             *name,
                 const RallyDayTotals   *t,
                 gint64                  all_views)
{
  static const double widths[] = { 200, 80, 100, 0 };
  g_autofree char *videos = rally_format_integer (t->videos);
  g_autofree char *views = rally_format_abbrev ((double) t->views);
  g_autofree char *share = all_views > 0 ? rally_format_percent ((double) t->views / (double) all_views)
                                         : g_strdup ("–");
  const char *row[] = { name, videos, views, share, NULL };

  show_row (report, widths, row, FALSE);
}

static void
show_split (Report *report)
{
  static const double widths[] = { 200, 80, 100, 0 };
  const char *header[] = { _("Origin"), _("Videos"), _("Views"), _("Share of views"), NULL };
  RallyDayTotals organic = { 0 }, seeded = { 0 };

  for (guint i = 0; i < report->entries->len; i++)
    {
      const RallyOriginSplit *s = &entry_at (report, i)->range;

      organic.videos += s->organic.videos;
      organic.views += s->organic.views;
      seeded.videos += s->seeded.videos;
      seeded.views += s->seeded.views;
    }

  show_heading (report, _("Organic and Seeded"), 60);
  show_row (report, widths, header, TRUE);
  show_origin_row (report, _("Organic (the public)"), &organic, organic.views + seeded.views);
  show_origin_row (report, _("Seeded (partners and briefed creators)"), &seeded, organic.views + seeded.views);
  show_paragraph (report, _("Seeded videos are those by the usernames on each challenge's partner roster, or marked "
                            "so by hand; the rest are organic. Videos posted in the range."), 8, FALSE, 0.45, 4);
}

static void
show_table (Report *report)
{
  static const double widths[] = { 104, 50, 45, 45, 55, 45, 68, 0 };
  const char *header[] = {
    _("Challenge"), _("Videos"), _("Views"), _("Likes"), _("Comments"), _("Shares"), _("Engagement"), _("Raised"), NULL,
  };

  show_heading (report, _("Challenges in the Range"), 40);
  if (report->entries->len == 0)
    {
      show_paragraph (report, _("This campaign has no challenges yet."), 10, FALSE, 0.35, 4);
      return;
    }

  show_row (report, widths, header, TRUE);
  for (guint i = 0; i < report->entries->len; i++)
    {
      Entry *entry = entry_at (report, i);
      const RallyOriginSplit *s = &entry->range;
      RallyTotals t = {
        .videos = s->organic.videos + s->seeded.videos, .views = s->organic.views + s->seeded.views,
        .likes = s->organic.likes + s->seeded.likes, .comments = s->organic.comments + s->seeded.comments,
        .shares = s->organic.shares + s->seeded.shares,
      };
      g_autofree char *name = g_strconcat ("#", rally_challenge_get_hashtag (entry->challenge), NULL);
      g_autofree char *videos = rally_format_integer (t.videos);
      g_autofree char *views = rally_format_abbrev ((double) t.views);
      g_autofree char *likes = rally_format_abbrev ((double) t.likes);
      g_autofree char *comments = rally_format_abbrev ((double) t.comments);
      g_autofree char *shares = rally_format_abbrev ((double) t.shares);
      g_autofree char *engagement = t.views > 0
        ? rally_format_percent (rally_engagement_rate (t.likes, t.comments, t.shares, t.views)) : g_strdup ("–");
      g_autofree char *raised = rally_format_money (entry->raised_in_range, entry->donations->currency);
      const char *row[] = { name, videos, views, likes, comments, shares, engagement, raised, NULL };

      show_row (report, widths, row, FALSE);
    }
}

/* Events */

static void
show_events (Report *report)
{
  show_heading (report, _("Events"), 20);
  if (report->events->len == 0)
    {
      show_paragraph (report, _("No events in the range."), 10, FALSE, 0.35, 4);
      return;
    }
  for (guint i = 0; i < report->events->len; i++)
    {
      RallyEvent *event = g_ptr_array_index (report->events, i);
      g_autofree char *days = rally_format_event_days (rally_event_get_first_day (event),
                                                       rally_event_is_period (event) ? rally_event_get_last_day (event)
                                                                                     : rally_event_get_first_day (event));
      /* Translators: an event in the report: its days, then its title */
      g_autofree char *line = g_strdup_printf (_("%s — %s"), days, rally_event_get_title (event));

      new_page_if_needed (report, 30);  /* an event's title stays with its note */
      show_paragraph (report, line, 10, TRUE, 0.15, 1);
      if (*rally_event_get_note (event) != '\0')
        show_paragraph (report, rally_event_get_note (event), 9, FALSE, 0.35, 3);
    }
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

/* The points of @points in the range. */
static GArray *
clip_points (Report *report,
             GArray *points)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (RallyPoint));

  for (guint i = 0; i < points->len; i++)
    {
      RallyPoint *p = &g_array_index (points, RallyPoint, i);

      if (p->t >= report->from && p->t <= report->to)
        g_array_append_val (out, *p);
    }
  return out;
}

/* The events of the range as the chart draws them, and the goal line. */
static void
add_chart_marks (Report        *report,
                 RallyTimePlot *plot,
                 gint64         goal,
                 gboolean       money)
{
  g_autofree char *amount = money ? rally_format_money (goal, report_currency (report))
                                  : rally_format_abbrev ((double) goal);
  g_autofree char *label = rally_format_goal (NULL, amount);
  /* A money chart is drawn in major units, "100K" on its axis. */
  RallyChartGoal line = { money ? rally_money_to_major (goal, report_currency (report)) : (double) goal, label, FALSE };
  g_autoptr(GArray) events = g_array_new (FALSE, TRUE, sizeof (RallyChartEvent));

  for (guint i = 0; i < report->events->len; i++)
    {
      RallyEvent *event = g_ptr_array_index (report->events, i);
      RallyChartEvent mark = {
        MAX (rally_event_get_first_day (event), report->from),
        rally_event_is_period (event) ? MIN (rally_event_get_last_day (event), report->to)
                                      : rally_event_get_first_day (event),
        rally_event_get_title (event),
      };

      g_array_append_val (events, mark);
    }
  rally_time_plot_set_range (plot, report->from, report->to);
  rally_time_plot_set_goals (plot, &line, goal > 0 ? 1 : 0);
  rally_time_plot_set_events (plot, (const RallyChartEvent *) (gpointer) events->data, events->len);
}

static void
show_time_chart (Report     *report,
                 const char *heading,
                 GPtrArray  *series,
                 gint64      goal,
                 gboolean    money)
{
  RallyTimePlot *plot = rally_time_plot_new ();

  show_heading (report, heading, 200);
  rally_time_plot_set_series (plot, series);
  add_chart_marks (report, plot, goal, money);
  if (money)
    rally_time_plot_set_currency (plot, report_currency (report));
  rally_time_plot_set_fill (plot, series->len == 1);
  rally_time_plot_set_empty_text (plot, _("No snapshots or videos in the range"));
  draw_chart (report, draw_time_plot, plot, 200);
  rally_time_plot_free (plot);
}

static void
show_reach_chart (Report *report)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_series_unref);
  gint64 views, videos, money;

  for (guint i = 0; i < report->entries->len; i++)
    {
      Entry *entry = entry_at (report, i);
      g_autofree char *name = g_strconcat ("#", rally_challenge_get_hashtag (entry->challenge), NULL);
      g_autofree char *color = rally_challenge_series_color (report->store, entry->challenge, i);
      g_autoptr(GArray) all = rally_reach_points (entry->figures->reach, RALLY_METRIC_VIEWS, TRUE);
      g_autoptr(GArray) points = clip_points (report, all);

      g_ptr_array_add (series, rally_series_new_from_points (name, color, points));
    }

  goals_of (report, &views, &videos, &money);
  show_time_chart (report, _("Reach: Views Over Time"), series, views, FALSE);
}

/* A series' value (a double) as a whole amount: one that reached G_MAXINT64 (a sum
 * that stopped there) is 2^63 as a double, which no gint64 holds. */
static gint64
whole_amount (double v)
{
  return v >= 0x1p63 ? G_MAXINT64 : v <= -0x1p63 ? G_MININT64 : (gint64) v;
}

static void
show_donations_chart (Report *report)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_series_unref);
  g_autofree char *heading = NULL;
  gint64 views, videos, money;

  if (!has_pledges (report))
    return;
  for (guint i = 0; i < report->entries->len; i++)
    {
      Entry *entry = entry_at (report, i);
      g_autofree char *name = g_strconcat ("#", rally_challenge_get_hashtag (entry->challenge), NULL);
      g_autofree char *color = rally_challenge_series_color (report->store, entry->challenge, i);
      guint n = 0;
      const RallyPoint *p = rally_series_get_points (entry->donations->cumulative, &n);
      g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (RallyPoint));
      g_autoptr(GArray) points = NULL;

      if (g_ascii_strcasecmp (entry->donations->currency, report_currency (report)) != 0 ||
          rally_challenge_get_pledge_per_video (entry->challenge) <= 0)
        continue;
      for (guint k = 0; k < n; k++)
        {
          RallyPoint major = { p[k].t, rally_money_to_major (whole_amount (p[k].v), report_currency (report)) };

          g_array_append_val (all, major);
        }
      points = clip_points (report, all);
      g_ptr_array_add (series, rally_series_new_from_points (name, color, points));
    }

  goals_of (report, &views, &videos, &money);
  /* Translators: a chart's heading in the report; %s is a currency code, "USD" */
  heading = g_strdup_printf (_("Donations Over Time (%s)"), report_currency (report));
  show_time_chart (report, heading, series, money, TRUE);
}

static void
show_provenance (Report *report)
{
  g_autoptr(GString) text = g_string_new (_("Where the numbers come from: totals are summed from the videos "
                                            "stored for each challenge, as fetched from TikTok or imported from "
                                            "TikTok Studio; reach over time from its snapshots, or from the days its "
                                            "videos were posted where snapshots do not reach."));

  show_heading (report, _("Sources"), 20);
  for (guint i = 0; i < report->entries->len; i++)
    {
      Entry *entry = entry_at (report, i);
      const char *tag = rally_challenge_get_hashtag (entry->challenge);
      RallySnapshot *latest = entry->figures->latest;
      g_autofree char *basis = rally_reach_source_describe (&entry->figures->source);

      if (basis != NULL)
        /* Translators: " #rednoseday, reach: By posting day, counts as of Sat 5 Dec 2026." */
        g_string_append_printf (text, _(" #%s, reach: %s"), tag, basis);
      if (latest != NULL)
        {
          g_autofree char *when = format_moment (rally_snapshot_get_fetched_at (latest) > 0
                                                   ? rally_snapshot_get_fetched_at (latest)
                                                   : rally_snapshot_get_taken_at (latest));

          /* Translators: " #rednoseday: figures fetched Sun 31 May 2020, 14:02 UTC." */
          g_string_append_printf (text, _(" #%s: figures fetched %s."), tag, when);
        }
      else if (entry->figures->totals.last_synced > 0)
        {
          g_autofree char *when = format_moment (entry->figures->totals.last_synced);

          /* Translators: " #rednoseday: videos last updated Sun 31 May 2020, 14:02 UTC." */
          g_string_append_printf (text, _(" #%s: videos last updated %s."), tag, when);
        }
      else
        g_string_append_printf (text, _(" #%s: no figures fetched yet."), tag);
    }
  show_paragraph (report, text->str, 8, FALSE, 0.4, 4);
}

/* Reading */

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  gint64 da = rally_event_get_first_day (*(RallyEvent **) a), db = rally_event_get_first_day (*(RallyEvent **) b);

  return (da > db) - (da < db);
}

/* Adds the events of @events that overlap the range. */
static void
add_events (Report     *report,
            GListModel *events)
{
  for (guint i = 0; events != NULL && i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(RallyEvent) event = g_list_model_get_item (events, i);
      gint64 last = rally_event_is_period (event) ? rally_event_get_last_day (event) : rally_event_get_first_day (event);

      if (last >= report->from && rally_event_get_first_day (event) <= report->to)
        g_ptr_array_add (report->events, g_steal_pointer (&event));
    }
}

static gint64
cumulative_at (RallySeries *series,
               gint64       t)
{
  gint index = rally_series_find_at_or_before (series, t);
  guint n = 0;

  return index < 0 ? 0 : whole_amount (rally_series_get_points (series, &n)[index].v);
}

static void
load_entry (Report                *report,
            RallyChallenge        *challenge,
            RallyChallengeFigures *figures)
{
  gint64 id = rally_challenge_get_id (challenge);
  Entry entry = { g_object_ref (challenge), rally_challenge_figures_ref (figures) };
  g_autoptr(GArray) days = rally_store_query_daily_origin (report->store, id, report->from,
                                                           rally_day_add_days (report->to, 1));
  g_autoptr(GArray) videos = rally_store_query_daily_videos (report->store, id, 0, 0);
  g_autoptr(RallySeries) daily = rally_series_new ("", "#000000");
  g_autoptr(GListModel) events = rally_store_list_challenge_events (report->store, id);

  for (guint i = 0; i < days->len; i++)
    {
      RallyOriginSplit *s = &g_array_index (days, RallyOriginSplit, i);

      entry.range.organic.videos += s->organic.videos;
      entry.range.organic.views += s->organic.views;
      entry.range.organic.likes += s->organic.likes;
      entry.range.organic.comments += s->organic.comments;
      entry.range.organic.shares += s->organic.shares;
      entry.range.seeded.videos += s->seeded.videos;
      entry.range.seeded.views += s->seeded.views;
      entry.range.seeded.likes += s->seeded.likes;
      entry.range.seeded.comments += s->seeded.comments;
      entry.range.seeded.shares += s->seeded.shares;
    }
  for (guint i = 0; i < videos->len; i++)
    {
      RallyDayTotals *day = &g_array_index (videos, RallyDayTotals, i);

      rally_series_append (daily, day->day, (double) day->videos);
    }
  entry.donations = rally_donations_compute (daily, rally_challenge_get_pledge_per_video (challenge),
                                             rally_challenge_get_pledge_cap (challenge),
                                             rally_challenge_get_currency (challenge));
  entry.raised_in_range = cumulative_at (entry.donations->cumulative, report->to)
                          - cumulative_at (entry.donations->cumulative, report->from - 1);
  g_array_append_val (report->entries, entry);
  add_events (report, events);
}

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->challenge);
  g_clear_pointer (&entry->figures, rally_challenge_figures_unref);
  g_clear_pointer (&entry->donations, rally_donations_free);
}

/* The first and last day: those asked for, else the owner's dates up to today. */
static gboolean
resolve_range (Report  *report,
               gint64   start,
               gint64   end,
               GError **error)
{
  gint64 today = rally_day_today_local ();
  g_autofree char *first = NULL, *last = NULL;

  report->from = report->request->from > 0 ? rally_day_start (report->request->from) : start;
  report->to = report->request->to > 0 ? rally_day_start (report->request->to)
                                       : (end > 0 && end < today ? end : today);
  if (report->from <= 0)
    report->from = MIN (report->to, rally_day_add_days (today, -89));
  if (report->from > report->to)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The range starts after it ends: pick a first day on or before the last day"));
      return FALSE;
    }
  first = rally_format_date (report->from);
  last = rally_format_date (report->to);
  /* Translators: the report's range, "Fri 1 May 2020 – Sun 31 May 2020" */
  report->range_text = g_strdup_printf (_("%s – %s"), first, last);
  return TRUE;
}

static gboolean
load_campaign (Report  *report,
               GError **error)
{
  g_autoptr(RallyCampaignFigures) figures = NULL;
  g_autoptr(GListModel) events = NULL;

  report->campaign = rally_store_get_campaign (report->store, report->request->campaign_id);
  if (report->campaign == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Could not write the report: the campaign no longer exists"));
      return FALSE;
    }
  report->title = g_strdup (rally_campaign_get_name (report->campaign));
  if (!resolve_range (report, rally_campaign_get_start_date (report->campaign),
                      rally_campaign_get_end_date (report->campaign), error))
    return FALSE;

  figures = rally_figures_read_campaign (report->store, report->campaign, RALLY_FIGURES_REACH);
  for (guint i = 0; i < figures->challenges->len; i++)
    load_entry (report, g_ptr_array_index (figures->challenges, i), g_ptr_array_index (figures->figures, i));
  events = rally_store_list_campaign_events (report->store, report->request->campaign_id);
  add_events (report, events);
  return TRUE;
}

static gboolean
load_challenge (Report  *report,
                GError **error)
{
  g_autoptr(RallyChallenge) challenge = rally_store_get_challenge (report->store, report->request->challenge_id);
  g_autoptr(RallyChallengeFigures) figures = NULL;

  if (challenge == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("Could not write the report: the challenge no longer exists"));
      return FALSE;
    }
  report->title = g_strconcat ("#", rally_challenge_get_hashtag (challenge), NULL);
  if (!resolve_range (report, rally_challenge_get_start_date (challenge), rally_challenge_get_end_date (challenge),
                      error))
    return FALSE;

  figures = rally_figures_read_challenge (report->store, rally_challenge_get_id (challenge), RALLY_FIGURES_REACH, NULL);
  load_entry (report, challenge, figures);
  return TRUE;
}

/* A logo that cannot be read is said, and the report made without it. */
static void
load_logo (Report *report)
{
  const char *path = report->request->logo_path;
  g_autoptr(GError) error = NULL;

  if (path == NULL || *path == '\0')
    return;
  /* Three times the size drawn, for print. */
  report->logo = gdk_pixbuf_new_from_file_at_scale (path, (int) LOGO_MAX_WIDTH * 3, (int) LOGO_HEIGHT * 3, TRUE, &error);
  if (report->logo == NULL)
    report->notice = g_strdup_printf (_("The logo “%s” could not be read (%s); the report was made without it"),
                                      path, error->message);
}

static gboolean
load_report (Report  *report,
             GError **error)
{
  report->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (report->entries, entry_clear);
  report->events = g_ptr_array_new_with_free_func (g_object_unref);
  /* the day it is here, as the range's days are */
  report->made = rally_format_date (rally_day_today_local ());

  if (!(report->request->campaign_id != 0 ? load_campaign (report, error) : load_challenge (report, error)))
    return FALSE;
  g_ptr_array_sort (report->events, compare_events);
  load_logo (report);
  return TRUE;
}

static void
clear_report (Report *report)
{
  g_clear_pointer (&report->entries, g_array_unref);
  g_clear_pointer (&report->events, g_ptr_array_unref);
  g_clear_object (&report->campaign);
  g_clear_object (&report->logo);
  g_clear_pointer (&report->title, g_free);
  g_clear_pointer (&report->range_text, g_free);
  g_clear_pointer (&report->made, g_free);
  g_clear_pointer (&report->notice, g_free);
}

/* Writing */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_sections (Report *report)
{
  show_title (report);
  show_overview (report);
  show_goals (report);
  show_donations (report);
  show_split (report);
  if (report->campaign != NULL)
    show_table (report);
  show_events (report);
  show_reach_chart (report);
  show_donations_chart (report);
  show_provenance (report);
}

static cairo_status_t
draw_report (Report     *report,
             GByteArray *bytes)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  /* Translators: the PDF's title: the campaign's name or the challenge's hashtag, then the range */
  g_autofree char *title = g_strdup_printf (_("%s — report, %s"), report->title, report->range_text);
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Rally");
  if (report->request->organisation != NULL && *report->request->organisation != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, report->request->organisation);
  report->cr = cairo_create (surface);
  report->y = MARGIN;
  report->page = 1;

  draw_sections (report);

  show_footer (report);
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
 * rally_report_write_pdf:
 * @store: a #RallyStore
 * @request: what to report on: a campaign or a challenge, the range, the organisation
 * @path: the PDF file to write; replaced atomically, so a failure leaves any
 *   earlier file as it was
 * @notice: (out) (optional) (nullable): a sentence on what was left out (a logo that
 *   could not be read), or %NULL
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @path holds the report
 */
gboolean
rally_report_write_pdf (RallyStore                *store,
                        const RallyReportRequest  *request,
                        const char                *path,
                        char                     **notice,
                        GError                   **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  Report report = { .store = store, .request = request };
  cairo_status_t status;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);
  g_return_val_if_fail ((request->campaign_id != 0) != (request->challenge_id != 0), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!load_report (&report, error))
    {
      clear_report (&report);
      return FALSE;
    }
  status = draw_report (&report, bytes);
  if (notice != NULL)
    *notice = g_steal_pointer (&report.notice);
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

/**
 * rally_report_write_campaign_pdf:
 * @store: a #RallyStore
 * @campaign_id: the campaign to report on, over its own dates
 * @path: the PDF file to write, replaced atomically
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
  RallyReportRequest request = { .campaign_id = campaign_id };

  return rally_report_write_pdf (store, &request, path, NULL, error);
}
