/* rally-challenge-tracking.c
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

/* RallyChallengeTracking: how one challenge is doing. Big numbers (totals summed by
 * SQL, engagement, donations), progress and a forecast for each goal, the reach
 * chart (from snapshots, or the videos' posting days where snapshots do not reach,
 * saying which), and every video in a table sorted by the database: a header
 * click re-queries, and rows load as the view scrolls to them. */

#define G_LOG_DOMAIN "RallyChallengeTracking"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-challenge-tracking-private.h"
#include "rally-chart-marks.h"
#include "rally-events-group.h"
#include "rally-figures-reader.h"
#include "rally-forecast.h"
#include "rally-format.h"
#include "rally-metrics.h"
#include "rally-role.h"
#include "rally-store-analytics.h"
#include "rally-store-origins.h"
#include "rally-store.h"
#include "rally-time-chart.h"
#include "rally-video-list.h"
#include "rally-tooltip.h"

typedef struct
{
  GtkWidget *value;
  GtkWidget *caption;
  GtkWidget *box;
} Tile;

struct _RallyChallengeTracking
{
  AdwBin            parent_instance;

  /* Template children */
  GtkStack         *stack;
  GtkLabel         *updated_label;
  GtkFlowBox       *tiles;
  RallyEventsGroup *events_group;
  GtkBox           *goals_box;
  GtkDropDown      *origin_filter;
  RallyTimeChart   *reach_chart;
  GtkLabel         *reach_basis;
  GtkColumnView    *video_view;
  AdwSqueezer      *videos_squeezer;
  GtkWidget        *video_rows_box;  /* the videos as rows, where the table does not fit */
  GtkListView      *video_rows;
  GtkDropDown      *sort_dropdown;
  GtkLabel         *videos_note;
  GtkListBox       *top_list;
  GtkButton        *all_videos_button;
  GtkBox           *table_box;
  GtkWindow        *table_window;   /* the full table, in a window of its own */

  /* Owned */
  RallyStore       *store;
  RallyFiguresReader *reader;    /* reads the figures off the main thread */
  RallyChallenge   *challenge;
  GtkNoSelection   *selection;
  GActionGroup     *origin_actions; /* "origin.set", here and in the table's window */
  RallyVideoList   *videos;
  Tile              figures[RALLY_TRACKING_N_FIGURES];
  GtkColumnViewColumn *columns[RALLY_VIDEO_COLUMN_LAST + 1];
  RallyVideoColumn  sort_column;
  gboolean          sort_descending;
  gboolean          refresh_pending; /* the store changed: new figures are coming */
  GCancellable     *loading;     /* the refresh under way, if any */
  GCancellable     *split_loading; /* the organic and seeded split being read */
  gint64            shown_id;    /* the challenge whose figures are on show */
};

G_DEFINE_FINAL_TYPE (RallyChallengeTracking, rally_challenge_tracking, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CHALLENGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char * const figure_captions[] = {
  N_("Videos"), N_("Views"), N_("Likes"), N_("Comments"), N_("Shares"), N_("Creators"),
  N_("Engagement"), N_("Median Engagement"), N_("Raised"), N_("Organic Videos"), N_("Seeded Videos"),
};

static const char * const column_titles[] = {
  [RALLY_VIDEO_COLUMN_VIEWS] = N_("Views"),
  [RALLY_VIDEO_COLUMN_LIKES] = N_("Likes"),
  [RALLY_VIDEO_COLUMN_COMMENTS] = N_("Comments"),
  [RALLY_VIDEO_COLUMN_SHARES] = N_("Shares"),
  [RALLY_VIDEO_COLUMN_POSTED] = N_("Posted"),
  [RALLY_VIDEO_COLUMN_CREATOR] = N_("Creator"),
  [RALLY_VIDEO_COLUMN_REGION] = N_("Region"),
};

/* The order columns appear in, left to right. */
static const RallyVideoColumn column_order[] = {
  RALLY_VIDEO_COLUMN_CREATOR, RALLY_VIDEO_COLUMN_VIEWS, RALLY_VIDEO_COLUMN_LIKES,
  RALLY_VIDEO_COLUMN_COMMENTS, RALLY_VIDEO_COLUMN_SHARES, RALLY_VIDEO_COLUMN_POSTED,
  RALLY_VIDEO_COLUMN_REGION,
};

/* Provenance */

/* "Last updated …; source …", for the heading line and every figure's tooltip. */
/* Research API data lags: new videos show up after up to two days and counts settle
 * over ten, so figures fetched less than ten days after the challenge ended (or while
 * it runs) are still growing. */
static gboolean
still_settling (RallySnapshot *latest,
                gint64         end_date,
                gint64         fetched)
{
  return rally_snapshot_get_source (latest) == RALLY_SOURCE_RESEARCH_API &&
         (end_date <= 0 || fetched < end_date + 11 * 86400);
}

static char *
describe_provenance (const RallyChallengeFigures *figures,
                     gint64         end_date)
{
  const RallyTotals *totals = &figures->totals;
  RallySnapshot *latest = figures->latest;
  g_autofree char *videos = rally_format_integer (totals->videos);

  if (latest != NULL)
    {
      gint64 fetched = rally_snapshot_get_fetched_at (latest);
      g_autofree char *when = rally_format_date (fetched > 0 ? fetched : rally_snapshot_get_taken_at (latest));

      if (still_settling (latest, end_date, fetched > 0 ? fetched : rally_snapshot_get_taken_at (latest)))
        /* Translators: "Last updated Sun 31 May 2020 from the Research API · 22,031 videos stored ·
         * …"; the last part says TikTok's own figures are not final yet */
        return g_strdup_printf (_("Last updated %s from %s · %s videos stored · TikTok's figures for the last "
                                  "ten days are still settling, and videos of the last two days may be missing"),
                                when, rally_source_name (rally_snapshot_get_source (latest)), videos);
      /* Translators: "Last updated Sun 31 May 2020 from sample data · 22,031 videos stored" */
      return g_strdup_printf (_("Last updated %s from %s · %s videos stored"),
                              when, rally_source_name (rally_snapshot_get_source (latest)), videos);
    }

  if (totals->last_synced > 0)
    {
      g_autofree char *when = rally_format_date (totals->last_synced);

      return g_strdup_printf (_("Last updated %s · %s videos stored, no snapshot yet"), when, videos);
    }

  return g_strdup (_("No videos stored yet: sync the challenge or import a TikTok Studio export"));
}

/* Tiles */

static void
create_tiles (RallyChallengeTracking *self)
{
  for (guint i = 0; i < RALLY_TRACKING_N_FIGURES; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *value = gtk_label_new ("–");
      GtkWidget *caption = gtk_label_new (_(figure_captions[i]));

      gtk_widget_add_css_class (box, "card");
      /* title-3 keeps "$100,000.00" or "384,000,000" whole in a tile at 360 pixels. */
      gtk_widget_add_css_class (value, "title-3");
      gtk_widget_add_css_class (caption, "caption");
      gtk_widget_add_css_class (caption, "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
      gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_top (value, 12);
      gtk_widget_set_margin_start (value, 6);
      gtk_widget_set_margin_end (value, 6);
      gtk_widget_set_margin_bottom (caption, 12);
      gtk_widget_set_margin_start (caption, 6);
      gtk_widget_set_margin_end (caption, 6);
      gtk_box_append (GTK_BOX (box), value);
      gtk_box_append (GTK_BOX (box), caption);
      gtk_flow_box_append (self->tiles, box);
      gtk_widget_set_focusable (gtk_widget_get_parent (box), FALSE);

      self->figures[i].value = value;
      self->figures[i].caption = caption;
      self->figures[i].box = box;
    }
}

static void
set_figure (RallyChallengeTracking *self,
            RallyTrackingFigure     figure,
            const char             *text,
            const char             *tooltip)
{
  Tile *tile = &self->figures[figure];
  g_autofree char *accessible = g_strdup_printf ("%s: %s", _(figure_captions[figure]), text);

  gtk_label_set_text (GTK_LABEL (tile->value), text);
  rally_tooltip_set_text (tile->box, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (tile->box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
set_count (RallyChallengeTracking *self,
           RallyTrackingFigure     figure,
           gint64                  value,
           const char             *how,
           const char             *provenance)
{
  g_autofree char *text = rally_format_integer (value);
  g_autofree char *tooltip = g_strdup_printf ("%s\n%s", how, provenance);

  set_figure (self, figure, text, tooltip);
}

static void
update_engagement (RallyChallengeTracking *self,
                   const RallyChallengeFigures *figures,
                   const char             *provenance)
{
  const char *formula = _("Engagement rate = (likes + comments + shares) ÷ views");
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;
  double rate;

  text = rally_challenge_figures_get_engagement (figures, &rate) ? rally_format_percent (rate) : g_strdup ("–");
  tooltip = g_strdup_printf ("%s\n%s\n%s", formula, _("Over the totals of every stored video."), provenance);
  set_figure (self, RALLY_TRACKING_FIGURE_ENGAGEMENT, text, tooltip);

  g_clear_pointer (&text, g_free);
  g_clear_pointer (&tooltip, g_free);
  text = figures->has_median ? rally_format_percent (figures->median_engagement) : g_strdup ("–");
  tooltip = g_strdup_printf ("%s\n%s\n%s", formula,
                             _("The median of the rates of the videos with views: half the videos do better."),
                             provenance);
  set_figure (self, RALLY_TRACKING_FIGURE_MEDIAN_ENGAGEMENT, text, tooltip);
}

static void
update_donations (RallyChallengeTracking      *self,
                  const RallyChallengeFigures *figures,
                  const char                  *provenance)
{
  RallyChallenge *challenge = self->challenge;
  const char *currency = rally_challenge_get_currency (challenge);
  gint64 pledge = rally_challenge_get_pledge_per_video (challenge);
  g_autofree char *raised = rally_format_money (rally_challenge_figures_get_raised (figures, challenge), currency);
  g_autofree char *pledge_text = rally_format_money (pledge, currency);
  g_autofree char *cap_text = rally_format_money (rally_challenge_get_pledge_cap (challenge), currency);
  g_autofree char *tooltip = NULL;

  if (pledge <= 0)
    tooltip = g_strdup_printf ("%s\n%s", _("No donation pledge per video is set for this challenge."), provenance);
  else if (rally_challenge_get_pledge_cap (challenge) > 0)
    /* Translators: "Raised = min(videos × $2.00, $100,000.00)" */
    tooltip = g_strdup_printf (_("Raised = min(videos × %s, %s)\n%s"), pledge_text, cap_text, provenance);
  else
    tooltip = g_strdup_printf (_("Raised = videos × %s, no cap\n%s"), pledge_text, provenance);

  /* "$0.00 raised" would read as a failure; a challenge without a pledge raises nothing by design. */
  set_figure (self, RALLY_TRACKING_FIGURE_DONATIONS, pledge > 0 ? raised : _("No pledge"), tooltip);
}

static void
update_tiles (RallyChallengeTracking *self,
              const RallyChallengeFigures *figures,
              const char             *provenance)
{
  const RallyTotals *totals = &figures->totals;

  set_count (self, RALLY_TRACKING_FIGURE_VIDEOS, totals->videos, _("Videos stored for this challenge."), provenance);
  set_count (self, RALLY_TRACKING_FIGURE_VIEWS, totals->views, _("Sum of the views of every stored video."), provenance);
  set_count (self, RALLY_TRACKING_FIGURE_LIKES, totals->likes, _("Sum of the likes of every stored video."), provenance);
  set_count (self, RALLY_TRACKING_FIGURE_COMMENTS, totals->comments,
             _("Sum of the comments of every stored video."), provenance);
  set_count (self, RALLY_TRACKING_FIGURE_SHARES, totals->shares, _("Sum of the shares of every stored video."), provenance);
  set_count (self, RALLY_TRACKING_FIGURE_CREATORS, totals->creators,
             _("Distinct creators among the stored videos."), provenance);
  update_engagement (self, figures, provenance);
  update_donations (self, figures, provenance);
}

/* Reach chart */

typedef struct
{
  gint64  challenge_id;
  GArray *events;   /* RallyChartEvent */
} EventsRead;

static void
events_read_free (gpointer data)
{
  EventsRead *read = data;

  g_clear_pointer (&read->events, g_array_unref);
  g_free (read);
}

/* On the reader's thread. */
static gpointer
read_events (RallyStore    *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  EventsRead *read = g_new0 (EventsRead, 1);

  read->challenge_id = *(gint64 *) data;
  read->events = rally_chart_marks_read_events (store, FALSE, read->challenge_id);
  return read;
}

static void
events_read_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RallyChallengeTracking) self = user_data;
  EventsRead *read = rally_figures_reader_run_finish (RALLY_FIGURES_READER (source_object), result, NULL);

  if (read == NULL)
    return;
  if (self->challenge != NULL && rally_challenge_get_id (self->challenge) == read->challenge_id)
    rally_time_chart_set_events (self->reach_chart, (const RallyChartEvent *) (gpointer) read->events->data,
                                 read->events->len);
  events_read_free (read);
}

/* The challenge's views goal as a goal line, and its events once read. */
static void
update_chart_marks (RallyChallengeTracking *self)
{
  gint64 goal = rally_challenge_get_goal_views (self->challenge);
  g_autofree char *amount = rally_format_abbrev ((double) goal);
  g_autofree char *label = rally_format_goal (NULL, amount);
  RallyChartGoal line = { (double) goal, label, FALSE };
  gint64 *id = g_new (gint64, 1);

  rally_time_chart_set_goals (self->reach_chart, &line, goal > 0 ? 1 : 0);
  *id = rally_challenge_get_id (self->challenge);
  rally_figures_reader_run_async (self->reader, read_events, id, g_free, events_read_free, self->loading,
                                  events_read_cb, g_object_ref (self));
}

static void
update_chart (RallyChallengeTracking *self,
              const RallyChallengeFigures *figures)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_series_unref);
  g_autoptr(RallyCampaign) campaign = NULL;
  g_autofree char *name = g_strdup_printf (_("Views of #%s"), rally_challenge_get_hashtag (self->challenge));
  g_autofree char *basis = rally_reach_source_describe (&figures->source);
  g_autoptr(GArray) points = rally_reach_points (figures->reach, RALLY_METRIC_VIEWS, TRUE);
  const char *color = NULL;

  if (rally_challenge_get_campaign_id (self->challenge) != 0)
    campaign = rally_store_get_campaign (self->store, rally_challenge_get_campaign_id (self->challenge));
  if (campaign != NULL)
    color = rally_campaign_get_color (campaign);

  g_ptr_array_add (series, rally_series_new_from_points (name, color, points));
  rally_time_chart_set_note (self->reach_chart, basis);
  rally_time_chart_set_series (self->reach_chart, series);
  rally_time_chart_set_title (self->reach_chart, name);
  update_chart_marks (self);
  gtk_label_set_text (self->reach_basis, basis != NULL ? basis : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reach_basis), basis != NULL);
}

/* Organic and seeded */

static void
set_split_tile (RallyChallengeTracking *self,
                RallyTrackingFigure     figure,
                const RallyDayTotals   *part,
                const RallyDayTotals   *all,
                const char             *how)
{
  g_autofree char *videos = rally_format_integer (part->videos);
  g_autofree char *views = rally_format_abbrev (part->views);
  g_autofree char *video_share = rally_format_percent (all->videos > 0 ? (double) part->videos / all->videos : 0);
  g_autofree char *view_share = rally_format_percent (all->views > 0 ? (double) part->views / all->views : 0);
  g_autofree char *caption = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;

  /* Translators: under a number of videos, "Seeded · 4.2M views" */
  caption = g_strdup_printf (figure == RALLY_TRACKING_FIGURE_SEEDED ? _("Seeded · %s views") : _("Organic · %s views"),
                             views);
  /* Translators: how, then "18% of the videos, 21% of the views" */
  tooltip = g_strdup_printf (_("%s\n%s of the videos, %s of the views"), how, video_share, view_share);
  set_figure (self, figure, videos, tooltip);
  gtk_label_set_text (GTK_LABEL (self->figures[figure].caption), caption);
  /* Translators: "Seeded Videos: 4,012, 4.2M views" */
  accessible = g_strdup_printf (_("%s: %s, %s views"), _(figure_captions[figure]), videos, views);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->figures[figure].box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

static void
show_split (RallyChallengeTracking *self,
            const RallyOriginSplit *split)
{
  RallyDayTotals all = {
    .videos = split->organic.videos + split->seeded.videos,
    .views = split->organic.views + split->seeded.views,
  };

  set_split_tile (self, RALLY_TRACKING_FIGURE_ORGANIC, &split->organic, &all,
                  _("Videos by nobody on the partner roster, or marked organic by hand."));
  set_split_tile (self, RALLY_TRACKING_FIGURE_SEEDED, &split->seeded, &all,
                  _("Videos by the partners and creators on the roster, or marked seeded by hand."));
}

static void
split_read_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RallyChallengeTracking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree RallyOriginSplit *split = rally_figures_reader_run_finish (RALLY_FIGURES_READER (source_object),
                                                                        result, &error);
  gboolean current = g_task_get_cancellable (G_TASK (result)) == self->split_loading;

  if (current)
    g_clear_object (&self->split_loading);
  if (split == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("%s", error->message);
  if (split != NULL && current && self->challenge != NULL)
    show_split (self, split);
}

static void
read_split (RallyChallengeTracking *self)
{
  if (self->split_loading != NULL)
    g_cancellable_cancel (self->split_loading);
  g_clear_object (&self->split_loading);
  if (self->reader == NULL || self->challenge == NULL)
    return;

  self->split_loading = g_cancellable_new ();
  _rally_challenge_tracking_read_split_async (self->reader, rally_challenge_get_id (self->challenge),
                                              self->split_loading, split_read_cb, g_object_ref (self));
}

/* Another challenge: nothing of the previous one stays on show while its figures load. */
static void
show_loading (RallyChallengeTracking *self)
{
  for (guint i = 0; i < RALLY_TRACKING_N_FIGURES; i++)
    {
      set_figure (self, i, "–", NULL);
      gtk_label_set_text (GTK_LABEL (self->figures[i].caption), _(figure_captions[i]));
    }
  gtk_label_set_text (self->updated_label, _("Reading the figures…"));
  self->shown_id = rally_challenge_get_id (self->challenge);
  gtk_stack_set_visible_child_name (self->stack, "tracking");
}

static void
show_figures (RallyChallengeTracking *self,
              const RallyChallengeFigures *figures)
{
  g_autofree char *provenance = describe_provenance (figures, rally_challenge_get_end_date (self->challenge));

  gtk_label_set_text (self->updated_label, provenance);
  update_tiles (self, figures, provenance);
  _rally_challenge_tracking_show_goals (self->goals_box, self->challenge, figures);
  update_chart (self, figures);
  gtk_stack_set_visible_child_name (self->stack, "tracking");
}

static void
figures_read_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RallyChallengeTracking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyChallengeFigures) figures = NULL;
  gboolean current = g_task_get_cancellable (G_TASK (result)) == self->loading;

  if (current)
    g_clear_object (&self->loading);

  figures = rally_figures_reader_read_challenge_finish (RALLY_FIGURES_READER (source_object), result, &error);
  if (figures == NULL)
    {
      if (current && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("The figures could not be read: %s"), error->message);

          gtk_label_set_text (self->updated_label, text);
        }
      return;
    }

  /* A newer refresh, or another challenge, replaced this one meanwhile. */
  if (!current || self->challenge == NULL)
    return;

  show_figures (self, figures);
}

static void
refresh (RallyChallengeTracking *self)
{
  self->refresh_pending = FALSE;
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);

  if (self->reader == NULL || self->challenge == NULL)
    {
      self->shown_id = 0;
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  if (self->shown_id != rally_challenge_get_id (self->challenge))
    show_loading (self);

  self->loading = g_cancellable_new ();
  rally_figures_reader_read_challenge_async (self->reader, rally_challenge_get_id (self->challenge), self->loading,
                                             figures_read_cb, g_object_ref (self));
  read_split (self);
}

/* Videos table */

/* Widths in characters, so every column fits a 600-pixel clamp. */
static const int cell_chars[] = {
  [RALLY_VIDEO_COLUMN_VIEWS] = 9,
  [RALLY_VIDEO_COLUMN_LIKES] = 8,
  [RALLY_VIDEO_COLUMN_COMMENTS] = 7,
  [RALLY_VIDEO_COLUMN_SHARES] = 7,
  [RALLY_VIDEO_COLUMN_POSTED] = 11,
  [RALLY_VIDEO_COLUMN_CREATOR] = 12,
  [RALLY_VIDEO_COLUMN_REGION] = 3,
};

static char *
format_short_date (gint64 utc_seconds)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (utc_seconds);

  /* Translators: a date in a table cell, "25 May 2020"; see g_date_time_format() */
  return date != NULL ? g_date_time_format (date, _("%e %b %Y")) : g_strdup ("–");
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  RallyVideoColumn column = GPOINTER_TO_INT (user_data);
  GtkWidget *cell = gtk_inscription_new (NULL);
  gboolean numeric = column <= RALLY_VIDEO_COLUMN_SHARES;

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), numeric ? 1.0 : 0.0);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), cell_chars[column]);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static char *
format_cell (RallyVideo       *video,
             RallyVideoColumn  column)
{
  switch (column)
    {
    case RALLY_VIDEO_COLUMN_VIEWS:
      return rally_format_integer (rally_video_get_views (video));
    case RALLY_VIDEO_COLUMN_LIKES:
      return rally_format_integer (rally_video_get_likes (video));
    case RALLY_VIDEO_COLUMN_COMMENTS:
      return rally_format_integer (rally_video_get_comments (video));
    case RALLY_VIDEO_COLUMN_SHARES:
      return rally_format_integer (rally_video_get_shares (video));
    case RALLY_VIDEO_COLUMN_POSTED:
      return rally_video_get_posted_at (video) > 0 ? g_strchug (format_short_date (rally_video_get_posted_at (video)))
                                                   : g_strdup ("–");
    case RALLY_VIDEO_COLUMN_CREATOR:
      return g_strconcat ("@", rally_video_get_creator (video), NULL);
    case RALLY_VIDEO_COLUMN_REGION:
      return g_strdup (rally_video_get_region (video));
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  RallyVideo *video = gtk_list_item_get_item (item);
  g_autofree char *text = format_cell (video, GPOINTER_TO_INT (user_data));

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static void
setup_origin_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "origin-cell");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Mark as seeded or organic"));
  gtk_list_item_set_child (item, button);
}

static void
bind_origin_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  RallyVideo *video = gtk_list_item_get_item (item);
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_list_item_get_child (item));
  g_autoptr(GMenuModel) menu = _rally_challenge_tracking_origin_menu (video);
  const char *origin = _rally_challenge_tracking_origin_text (video);
  /* Translators: "Origin: Seeded, by hand" */
  g_autofree char *name = g_strdup_printf (_("Origin: %s"), origin);

  gtk_menu_button_set_label (button, origin);
  gtk_menu_button_set_menu_model (button, menu);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
append_origin_column (RallyChallengeTracking *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_origin_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_origin_cb), NULL);
  column = gtk_column_view_column_new (_("Origin"), factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->video_view, column);
}

/* The store filters the videos, so that the list still reads only the rows on show. */
static void
origin_filter_changed_cb (RallyChallengeTracking *self)
{
  if (self->videos != NULL)
    rally_video_list_set_shown (self->videos, gtk_drop_down_get_selected (self->origin_filter));
}

/* GTK 4.8 has no public way to ask a column view which column it sorts by. Its
 * sorter asks the primary column's sorter first and flips the answer when the order
 * is descending: each column's sorter notes its column and answers "smaller", so
 * one comparison of two distinct objects tells both. */
static int probed_column = -1;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  probed_column = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

/* The page shows the first few videos as rows, which fit any width and need no
 * scroller of their own; the whole list is a sortable table in a window. */
#define TOP_VIDEOS 10

static void
update_all_videos_button (RallyChallengeTracking *self,
                          guint                   n)
{
  g_autofree char *count = rally_format_integer (n);
  g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %s Video", "Show All %s Videos", n),
                                            count);

  gtk_button_set_label (self->all_videos_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->all_videos_button), n > TOP_VIDEOS);
  gtk_widget_set_visible (GTK_WIDGET (self->top_list), n > 0);
}

/* The menu that marks a video seeded or organic by hand */
static GtkWidget *
origin_button (RallyVideo *video,
               const char *creator)
{
  GtkWidget *button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = _rally_challenge_tracking_origin_menu (video);
  /* Translators: %s is a creator, "@rednose_crew" */
  g_autofree char *name = g_strdup_printf (_("Origin of the video by %s"), creator);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Mark as seeded or organic"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);

  return button;
}

/* A video as a row, in Top Videos and in the narrow list of all videos: the
 * creator, then the figures on a line that wraps. */
static char *
video_row_subtitle (RallyVideo *video)
{
  g_autofree char *views = rally_format_abbrev (rally_video_get_views (video));
  g_autofree char *likes = rally_format_abbrev (rally_video_get_likes (video));
  g_autofree char *comments = rally_format_abbrev (rally_video_get_comments (video));
  g_autofree char *posted = format_short_date (rally_video_get_posted_at (video));
  g_autofree char *date = rally_format_unbroken (g_strstrip (posted));   /* a date wraps as one */

  /* Translators: the figures of a video in the Top Videos list, then its origin, "Seeded" */
  return g_strdup_printf (_("%s views · %s likes · %s comments · %s · %s"), views, likes, comments, date,
                          _rally_challenge_tracking_origin_text (video));
}

static GtkWidget *
create_top_row (gpointer item,
                gpointer user_data)
{
  RallyVideo *video = item;
  g_autofree char *creator = format_cell (video, RALLY_VIDEO_COLUMN_CREATOR);
  g_autofree char *subtitle = video_row_subtitle (video);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), creator);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), origin_button (video, creator));
  return row;
}

static void
setup_video_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_video_row_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  RallyVideo *video = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  g_autofree char *creator = format_cell (video, RALLY_VIDEO_COLUMN_CREATOR);
  g_autofree char *subtitle = video_row_subtitle (video);

  gtk_label_set_text (GTK_LABEL (title), creator);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (title)), subtitle);
}

static void
all_videos_clicked_cb (RallyChallengeTracking *self)
{
  GtkWidget *header, *content;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->table_window == NULL)
    {
      self->table_window = GTK_WINDOW (adw_window_new ());
      gtk_window_set_title (self->table_window, _("All Videos"));
      gtk_window_set_default_size (self->table_window, 860, 560);
      gtk_window_set_hide_on_close (self->table_window, TRUE);
      gtk_window_set_modal (self->table_window, TRUE);
      content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      header = adw_header_bar_new ();
      gtk_box_append (GTK_BOX (content), header);
      g_object_ref (self->table_box);
      gtk_box_remove (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->table_box))), GTK_WIDGET (self->table_box));
      gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->table_box));
      g_object_unref (self->table_box);
      gtk_widget_set_visible (GTK_WIDGET (self->table_box), TRUE);
      gtk_widget_set_vexpand (GTK_WIDGET (self->table_box), TRUE);
      adw_window_set_content (ADW_WINDOW (self->table_window), content);
      gtk_widget_insert_action_group (GTK_WIDGET (self->table_window), "origin",
                                      self->origin_actions);
    }

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (self->table_window, GTK_WINDOW (root));
  gtk_window_present (self->table_window);
}

static void
update_videos_note (RallyChallengeTracking *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  g_autofree char *count = rally_format_integer (n);
  g_autofree char *note = NULL;

  if (n == 0)
    note = g_strdup (_("No videos stored for this challenge yet"));
  else if (adw_squeezer_get_visible_child (self->videos_squeezer) == self->video_rows_box)
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s video, sorted by the database",
                                         "%s videos, sorted by the database",
                                         n),
                            count);
  else
    note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s video, sorted by the database; click a column header to sort by it",
                                         "%s videos, sorted by the database; click a column header to sort by it",
                                         n),
                            count);
  gtk_label_set_text (self->videos_note, note);
  update_all_videos_button (self, n);
}

static void
load_videos (RallyChallengeTracking *self)
{
  if (self->videos == NULL)
    return;

  rally_video_list_set_shown (self->videos, gtk_drop_down_get_selected (self->origin_filter));
  rally_video_list_set_query (self->videos, self->challenge != NULL ? rally_challenge_get_id (self->challenge) : 0,
                              self->sort_column, self->sort_descending);
}

static void sort_chosen_cb (RallyChallengeTracking *self);

/* The narrow list's drop-down names the column the table sorts by; it says so
 * without sorting again (the click that sorted is still being handled). */
static void
show_sort_column (RallyChallengeTracking *self,
                  RallyVideoColumn        column)
{
  g_signal_handlers_block_by_func (self->sort_dropdown, sort_chosen_cb, self);
  for (guint i = 0; i < G_N_ELEMENTS (column_order); i++)
    if (column_order[i] == column && gtk_drop_down_get_selected (self->sort_dropdown) != i)
      gtk_drop_down_set_selected (self->sort_dropdown, i);
  g_signal_handlers_unblock_by_func (self->sort_dropdown, sort_chosen_cb, self);
}

/* A column chosen in the drop-down sorts the table, as a click on its header does. */
static void
sort_chosen_cb (RallyChallengeTracking *self)
{
  guint position = gtk_drop_down_get_selected (self->sort_dropdown);
  RallyVideoColumn column;

  if (position >= G_N_ELEMENTS (column_order))
    return;
  column = column_order[position];
  if (column != self->sort_column)
    gtk_column_view_sort_by_column (self->video_view, self->columns[column],
                                    column <= RALLY_VIDEO_COLUMN_POSTED ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

static void
sorter_changed_cb (RallyChallengeTracking *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->video_view);
  g_autoptr(GObject) probe_a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) probe_b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering ordering;
  RallyVideoColumn column;
  gboolean descending;

  probed_column = -1;
  ordering = gtk_sorter_compare (sorter, probe_a, probe_b);
  column = probed_column >= 0 ? (RallyVideoColumn) probed_column : RALLY_VIDEO_COLUMN_VIEWS;
  descending = probed_column >= 0 ? ordering == GTK_ORDERING_LARGER : TRUE;
  show_sort_column (self, column);

  /* A first click on a figure or a date shows the largest or newest first. */
  if (column != self->sort_column && !descending && column <= RALLY_VIDEO_COLUMN_POSTED)
    {
      gtk_column_view_sort_by_column (self->video_view, self->columns[column], GTK_SORT_DESCENDING);
      return;
    }

  if (column == self->sort_column && descending == self->sort_descending)
    return;

  self->sort_column = column;
  self->sort_descending = descending;
  load_videos (self);
}

static void
create_rows (RallyChallengeTracking *self)
{
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_video_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_video_row_cb), NULL);
  gtk_list_view_set_factory (self->video_rows, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->video_rows, GTK_SELECTION_MODEL (self->selection));

  for (guint i = 0; i < G_N_ELEMENTS (column_order); i++)
    gtk_string_list_append (titles, _(column_titles[column_order[i]]));
  gtk_drop_down_set_model (self->sort_dropdown, G_LIST_MODEL (titles));
  g_signal_connect_swapped (self->videos_squeezer, "notify::visible-child", G_CALLBACK (update_videos_note), self);
}

static void
create_columns (RallyChallengeTracking *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (column_order); i++)
    {
      RallyVideoColumn column = column_order[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *view_column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
      view_column = gtk_column_view_column_new (_(column_titles[column]), factory);
      gtk_column_view_column_set_sorter (view_column,
                                         GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (column), NULL)));
      gtk_column_view_column_set_resizable (view_column, TRUE);
      if (column == RALLY_VIDEO_COLUMN_CREATOR)
        gtk_column_view_column_set_expand (view_column, TRUE);
      gtk_column_view_append_column (self->video_view, view_column);
      self->columns[column] = view_column;
      g_object_unref (view_column);
    }
  append_origin_column (self);

  self->sort_column = RALLY_VIDEO_COLUMN_VIEWS;
  self->sort_descending = TRUE;
  gtk_column_view_sort_by_column (self->video_view, self->columns[RALLY_VIDEO_COLUMN_VIEWS], GTK_SORT_DESCENDING);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->video_view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
}

/* Store */

/* The reader read the figures again after a burst of changes: this challenge's too. */
static void
figures_changed_cb (RallyChallengeTracking *self)
{
  if (self->refresh_pending)
    refresh (self);
}

static void
store_changed_cb (RallyChallengeTracking *self,
                  const char             *table,
                  gint64                  id)
{
  if (self->challenge == NULL)
    return;

  if (g_strcmp0 (table, "challenges") == 0 && id == rally_challenge_get_id (self->challenge))
    {
      g_autoptr(RallyChallenge) fresh = rally_store_get_challenge (self->store, id);

      /* Edited elsewhere: show the saved goals and pledge; deleted: show nothing. */
      rally_challenge_tracking_set_challenge (self, fresh);
      return;
    }

  if (table == NULL || g_strcmp0 (table, "videos") == 0 || g_strcmp0 (table, "snapshots") == 0 ||
      g_strcmp0 (table, "campaigns") == 0)
    self->refresh_pending = TRUE;
}

/* GObject */

static void
rally_challenge_tracking_dispose (GObject *object)
{
  RallyChallengeTracking *self = RALLY_CHALLENGE_TRACKING (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->video_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->video_view), self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_clear_object (&self->reader);
  g_clear_object (&self->challenge);
  g_clear_object (&self->videos);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->origin_actions);
  if (self->split_loading != NULL)
    g_cancellable_cancel (self->split_loading);
  g_clear_object (&self->split_loading);
  if (self->table_window != NULL)
    gtk_window_destroy (self->table_window);
  self->table_window = NULL;

  G_OBJECT_CLASS (rally_challenge_tracking_parent_class)->dispose (object);
}

static void
rally_challenge_tracking_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  RallyChallengeTracking *self = RALLY_CHALLENGE_TRACKING (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CHALLENGE:
      g_value_set_object (value, self->challenge);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_challenge_tracking_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  RallyChallengeTracking *self = RALLY_CHALLENGE_TRACKING (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rally_challenge_tracking_set_store (self, g_value_get_object (value));
      break;
    case PROP_CHALLENGE:
      rally_challenge_tracking_set_challenge (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_challenge_tracking_class_init (RallyChallengeTrackingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_challenge_tracking_dispose;
  object_class->get_property = rally_challenge_tracking_get_property;
  object_class->set_property = rally_challenge_tracking_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RALLY_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CHALLENGE] =
    g_param_spec_object ("challenge", NULL, NULL, RALLY_TYPE_CHALLENGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-challenge-tracking.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, events_group);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, goals_box);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, origin_filter);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, reach_basis);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, reach_chart);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, stack);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, tiles);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, updated_label);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, video_view);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, video_rows);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, video_rows_box);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, videos_squeezer);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, videos_note);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, top_list);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, all_videos_button);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeTracking, table_box);

  g_type_ensure (RALLY_TYPE_EVENTS_GROUP);
  g_type_ensure (RALLY_TYPE_TIME_CHART);
}

static void
rally_challenge_tracking_init (RallyChallengeTracking *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_no_selection_new (NULL);
  g_signal_connect_swapped (self->selection, "items-changed", G_CALLBACK (update_videos_note), self);
  gtk_column_view_set_model (self->video_view, GTK_SELECTION_MODEL (self->selection));
  {
    g_autoptr(GtkSliceListModel) top = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->selection)), 0, TOP_VIDEOS);

    gtk_list_box_bind_model (self->top_list, G_LIST_MODEL (top), create_top_row, self, NULL);
  }
  g_signal_connect_swapped (self->all_videos_button, "clicked", G_CALLBACK (all_videos_clicked_cb), self);
  g_signal_connect_swapped (self->origin_filter, "notify::selected", G_CALLBACK (origin_filter_changed_cb), self);
  /* the drop-down's own button is what a screen reader meets: GTK 4.8 leaves it unnamed */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->origin_filter))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Origin of the videos shown"), -1);
  self->origin_actions = _rally_challenge_tracking_origin_actions (self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "origin", self->origin_actions);
  rally_time_chart_set_empty_text (self->reach_chart, _("No snapshots or videos yet"));
  create_tiles (self);
  create_rows (self);
  create_columns (self);
  show_sort_column (self, self->sort_column);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected", G_CALLBACK (sort_chosen_cb), self);
  update_videos_note (self);
}

/* Public API */

GtkWidget *
rally_challenge_tracking_new (void)
{
  return g_object_new (RALLY_TYPE_CHALLENGE_TRACKING, NULL);
}

RallyStore *
rally_challenge_tracking_get_store (RallyChallengeTracking *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE_TRACKING (self), NULL);

  return self->store;
}

static void
use_reader (RallyChallengeTracking *self,
            RallyFiguresReader     *reader)
{
  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_set_object (&self->reader, reader);
  if (reader != NULL)
    g_signal_connect_object (reader, "changed", G_CALLBACK (figures_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * rally_challenge_tracking_set_reader:
 * @reader: the reader of the workspace's figures
 *
 * Shows the figures of @reader's store, as read on its thread. Setting the store
 * alone reads them with a reader of the tracking's own.
 */
void
rally_challenge_tracking_set_reader (RallyChallengeTracking *self,
                                     RallyFiguresReader     *reader)
{
  g_return_if_fail (RALLY_IS_CHALLENGE_TRACKING (self));
  g_return_if_fail (RALLY_IS_FIGURES_READER (reader));

  if (self->reader == reader)
    return;

  use_reader (self, reader);
  if (self->store != rally_figures_reader_get_store (reader))
    {
      rally_challenge_tracking_set_store (self, rally_figures_reader_get_store (reader));
      return;
    }
  g_clear_object (&self->videos);
  self->videos = rally_video_list_new (reader);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->videos));
  load_videos (self);
  refresh (self);
}

/**
 * rally_challenge_tracking_set_store:
 * @self: a #RallyChallengeTracking
 * @store: (nullable): the workspace
 *
 * The figures follow @store: they update when it emits #RallyStore::changed.
 */
void
rally_challenge_tracking_set_store (RallyChallengeTracking *self,
                                    RallyStore             *store)
{
  g_return_if_fail (RALLY_IS_CHALLENGE_TRACKING (self));
  g_return_if_fail (store == NULL || RALLY_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  /* a viewer sees a video's origin but does not change it */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->origin_actions), "set")),
                               rally_role_may_edit (store));
  rally_events_group_set_store (self->events_group, store);
  g_clear_object (&self->videos);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  if (store == NULL || self->reader == NULL || rally_figures_reader_get_store (self->reader) != store)
    {
      g_autoptr(RallyFiguresReader) own = store != NULL ? rally_figures_reader_new (store) : NULL;

      use_reader (self, own);
    }
  if (self->reader != NULL)
    self->videos = rally_video_list_new (self->reader);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->videos));

  load_videos (self);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STORE]);
}

RallyChallenge *
rally_challenge_tracking_get_challenge (RallyChallengeTracking *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE_TRACKING (self), NULL);

  return self->challenge;
}

/**
 * rally_challenge_tracking_set_challenge:
 * @self: a #RallyChallengeTracking
 * @challenge: (nullable): the challenge to show
 */
void
rally_challenge_tracking_set_challenge (RallyChallengeTracking *self,
                                        RallyChallenge         *challenge)
{
  gboolean same_id;

  g_return_if_fail (RALLY_IS_CHALLENGE_TRACKING (self));
  g_return_if_fail (challenge == NULL || RALLY_IS_CHALLENGE (challenge));

  if (self->challenge == challenge)
    return;

  same_id = self->challenge != NULL && challenge != NULL &&
            rally_challenge_get_id (self->challenge) == rally_challenge_get_id (challenge);
  g_set_object (&self->challenge, challenge);
  rally_events_group_set_owner (self->events_group, challenge != NULL ? rally_challenge_get_id (challenge) : 0, 0,
                                challenge != NULL ? rally_challenge_get_start_date (challenge) : 0);
  if (!same_id)
    load_videos (self);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHALLENGE]);
}

/**
 * rally_challenge_tracking_get_figure_text:
 * @self: a #RallyChallengeTracking
 * @figure: which big number
 *
 * Returns: the text the figure's tile shows, e.g. "22,031" or "$44,062.00"
 */
const char *
rally_challenge_tracking_get_figure_text (RallyChallengeTracking *self,
                                          RallyTrackingFigure     figure)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE_TRACKING (self), NULL);
  g_return_val_if_fail (figure < RALLY_TRACKING_N_FIGURES, NULL);

  return gtk_label_get_text (GTK_LABEL (self->figures[figure].value));
}

/**
 * rally_challenge_tracking_get_video_view:
 *
 * Returns: (transfer none): the table of videos; its items are #RallyVideo
 */
GtkColumnView *
rally_challenge_tracking_get_video_view (RallyChallengeTracking *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE_TRACKING (self), NULL);

  return self->video_view;
}

/**
 * rally_challenge_tracking_is_loading:
 * @self: a #RallyChallengeTracking
 *
 * Returns: %TRUE while the figures or the order of the videos are being read in
 *   the background
 */
gboolean
rally_challenge_tracking_is_loading (RallyChallengeTracking *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE_TRACKING (self), FALSE);

  return self->loading != NULL || self->split_loading != NULL || self->refresh_pending ||
         (self->videos != NULL && rally_video_list_is_loading (self->videos));
}
