/* rally-campaigns-page-detail.c
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

#define G_LOG_DOMAIN "RallyCampaignsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-campaigns-page-private.h"
#include "rally-format.h"
#include "rally-money.h"
#include "rally-sparkline.h"
#include "rally-role.h"
#include "rally-store-analytics.h"

/* The Campaigns page's words for a campaign (dates, status, progress) and its detail
 * pane: goals, money, challenges with sparklines, notes. Every figure is one the
 * reader delivered (store/rally-figures-reader.c); the sparklines' history is read on
 * the reader's thread too. */

/* Auxiliary methods */

char *
_rally_campaigns_page_format_dates (RallyCampaign *campaign)
{
  g_autofree char *dates = rally_format_day_range (rally_campaign_get_start_date (campaign),
                                                    rally_campaign_get_end_date (campaign));

  /* beside a cause or a status, the range wraps to the next line whole */
  return dates != NULL ? rally_format_unbroken (dates) : g_strdup (_("No dates"));
}

const char *
_rally_campaigns_page_status_name (RallyCampaignStatus status)
{
  switch (status)
    {
    case RALLY_CAMPAIGN_STATUS_PLANNED: return C_("campaign status", "Planned");
    case RALLY_CAMPAIGN_STATUS_ACTIVE: return C_("campaign status", "Active");
    case RALLY_CAMPAIGN_STATUS_COMPLETED: return C_("campaign status", "Completed");
    case RALLY_CAMPAIGN_STATUS_ARCHIVED: return C_("campaign status", "Archived");
    default: return "";
    }
}

static const char *
status_class (RallyCampaignStatus status)
{
  static const char *classes[] = { "status-planned", "status-active", "status-completed", "status-archived" };

  return status < G_N_ELEMENTS (classes) ? classes[status] : "status-planned";
}

/* The campaign's figures as the reader last read them; none yet while it reads. */
const RallyCampaignFigures *
_rally_campaigns_page_lookup_figures (RallyCampaignsPage *self,
                                      RallyCampaign      *campaign)
{
  static const RallyCampaignFigures none = { 0 };
  RallyFiguresReader *reader = self->reader;
  const RallyCampaignFigures *figures = NULL;

  if (reader != NULL)
    figures = rally_figures_reader_lookup_campaign (reader, rally_campaign_get_id (campaign));

  return figures != NULL ? figures : &none;
}

/* "1.2M views · 24% of goal" for the list rows */
char *
_rally_campaigns_page_describe_progress (RallyCampaign              *campaign,
                                         const RallyCampaignFigures *stats)
{
  g_autofree char *views = rally_format_abbrev ((double) stats->views);
  gint64 goal = rally_campaign_get_goal_views (campaign);

  if (goal > 0)
    /* Translators: "1.2M views · 24% of goal" */
    return g_strdup_printf (_("%s views · %d%% of goal"), views, (int) MIN (999, stats->views * 100 / goal));

  return g_strdup_printf (_("%s views"), views);
}

/* Detail pane */

static GtkWidget *
make_goal_row (const char *title,
               gint64      value,
               gint64      goal,
               const char *value_text,
               const char *goal_text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *bar = gtk_progress_bar_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (goal > 0)
    {
      double fraction = CLAMP ((double) value / (double) goal, 0.0, 1.0);

      subtitle = rally_format_progress (value_text, goal_text, (double) value / (double) goal);
      gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), fraction);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (bar, 100, -1);
      gtk_widget_add_css_class (bar, "goal-bar");
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
    }
  else
    {
      /* Translators: progress without a goal: "1.2M (no goal set)" */
      subtitle = g_strdup_printf (_("%s (no goal set)"), value_text);
      g_object_ref_sink (bar);
      g_object_unref (bar);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
clear_list_box (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* Where the goals' figures come from: each challenge's source and fetch, one a line. */
static GtkWidget *
make_sources_row (const RallyCampaignFigures *stats)
{
  g_autoptr(GString) text = NULL;
  GtkWidget *row;
  GtkWidget *label;

  /* (the figures before they are read have no challenges at all) */
  if (stats->challenges == NULL || stats->challenges->len == 0)
    return NULL;

  text = g_string_new (_("Summed from the campaign’s challenges:"));

  for (guint i = 0; i < stats->challenges->len; i++)
    {
      RallyChallenge *challenge = g_ptr_array_index (stats->challenges, i);
      const RallyChallengeFigures *figures = g_ptr_array_index (stats->figures, i);
      g_autofree char *fetch = rally_snapshot_describe_fetch (figures->latest);

      g_string_append_c (text, '\n');
      if (fetch != NULL)
        /* Translators: a challenge and where its figures came from, "#rednoseday: From TikTok Research API, fetched 5 Dec 2026" */
        g_string_append_printf (text, _("#%s: %s"), rally_challenge_get_hashtag (challenge), fetch);
      else
        /* Translators: %s is a hashtag */
        g_string_append_printf (text, _("#%s: its stored videos; nothing fetched yet"),
                                rally_challenge_get_hashtag (challenge));
    }

  label = gtk_label_new (text->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_widget_set_name (row, "goal-sources");

  return row;
}

static void
show_goals (RallyCampaignsPage         *self,
            RallyCampaign              *c,
            const RallyCampaignFigures *stats)
{
  const char *currency = rally_campaign_get_currency (c);
  g_autofree char *views = rally_format_abbrev ((double) stats->views);
  g_autofree char *views_goal = rally_format_abbrev ((double) rally_campaign_get_goal_views (c));
  g_autofree char *videos = rally_format_abbrev ((double) stats->videos);
  g_autofree char *videos_goal = rally_format_abbrev ((double) rally_campaign_get_goal_videos (c));
  g_autofree char *raised = rally_format_money (stats->raised, currency);
  g_autofree char *raised_goal = rally_format_money (rally_campaign_get_goal_donations (c), currency);
  GtkWidget *sources;

  clear_list_box (self->goals_list);
  gtk_list_box_append (self->goals_list, make_goal_row (_("Views"), stats->views, rally_campaign_get_goal_views (c),
                                                        views, views_goal));
  gtk_list_box_append (self->goals_list, make_goal_row (_("Videos"), stats->videos, rally_campaign_get_goal_videos (c),
                                                        videos, videos_goal));
  gtk_list_box_append (self->goals_list, make_goal_row (_("Donations"), stats->raised,
                                                        rally_campaign_get_goal_donations (c), raised, raised_goal));
  sources = make_sources_row (stats);
  if (sources != NULL)
    gtk_list_box_append (self->goals_list, sources);
}

/* The reach of each of a campaign's challenges, read on the reader's thread: the same
 * history as the reach charts, posting days where snapshots do not reach. */
static gpointer
read_reach (RallyStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  GArray *ids = data;
  GHashTable *reach = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < ids->len && !g_cancellable_is_cancelled (cancellable); i++)
    g_hash_table_insert (reach, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)),
                         rally_store_query_reach (store, g_array_index (ids, gint64, i)));

  return reach;
}

static void show_challenges (RallyCampaignsPage *self, RallyCampaign *c);

static void
reach_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RallyCampaignsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GHashTable *reach = rally_figures_reader_run_finish (RALLY_FIGURES_READER (object), result, &error);
  if (reach == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the challenges' reach: %s", error->message);
      return;
    }

  /* a newer request cancelled every older one */
  g_clear_pointer (&self->reach, g_hash_table_unref);
  self->reach = reach;
  self->reach_campaign_id = self->reach_pending_id;
  if (self->campaign != NULL && rally_campaign_get_id (self->campaign) == self->reach_campaign_id)
    show_challenges (self, self->campaign);
}

/* Asks for the sparklines' history unless it is at hand for these figures. */
static void
request_reach (RallyCampaignsPage *self,
               RallyCampaign      *c,
               GListModel         *challenges)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint generation = rally_figures_reader_get_n_reloads (self->reader);

  if ((self->reach != NULL && self->reach_campaign_id == rally_campaign_get_id (c) &&
       self->reach_generation == generation) ||
      (self->reach_cancellable != NULL && self->reach_pending_id == rally_campaign_get_id (c) &&
       self->reach_generation == generation))
    {
      g_array_unref (ids);
      return;
    }

  self->reach_generation = generation;
  self->reach_pending_id = rally_campaign_get_id (c);
  for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);
      gint64 id = rally_challenge_get_id (challenge);

      g_array_append_val (ids, id);
    }

  if (self->reach_cancellable != NULL)
    g_cancellable_cancel (self->reach_cancellable);
  g_clear_object (&self->reach_cancellable);
  self->reach_cancellable = g_cancellable_new ();
  rally_figures_reader_run_async (self->reader, read_reach, ids, (GDestroyNotify) g_array_unref,
                                  (GDestroyNotify) g_hash_table_unref, self->reach_cancellable,
                                  reach_read_cb, g_object_ref (self));
}

static GtkWidget *
make_challenge_row (RallyCampaignsPage *self,
                    RallyChallenge     *challenge,
                    const GdkRGBA      *color)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sparkline = rally_sparkline_new ();
  g_autofree char *tag = g_strdup_printf ("#%s", rally_challenge_get_hashtag (challenge));
  gint64 id = rally_challenge_get_id (challenge);
  GArray *reach = self->reach != NULL ? g_hash_table_lookup (self->reach, &id) : NULL;
  guint len = reach != NULL ? reach->len : 0;
  g_autofree double *values = g_new0 (double, MAX (1, len));
  g_autofree char *views_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *a11y = NULL;
  RallyChallengeFigures *figures = NULL;

  if (self->reader != NULL)
    figures = rally_figures_reader_lookup_challenge (self->reader, id);
  views_text = rally_format_abbrev ((double) (figures != NULL ? rally_challenge_figures_get_views (figures) : 0));
  /* Translators: a challenge's title and its views, "Dance for change · 81M views" */
  subtitle = g_strdup_printf (_("%s · %s views"), rally_challenge_get_title (challenge), views_text);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), tag);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  for (guint i = 0; i < len; i++)
    values[i] = (double) g_array_index (reach, RallyDayTotals, i).views;
  rally_sparkline_set_values (RALLY_SPARKLINE (sparkline), values, len);
  rally_sparkline_set_color (RALLY_SPARKLINE (sparkline), color);
  gtk_widget_set_size_request (sparkline, 96, 28);
  gtk_widget_set_valign (sparkline, GTK_ALIGN_CENTER);
  a11y = g_strdup_printf (_("Views of #%s over time"), rally_challenge_get_hashtag (challenge));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sparkline), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_widget_set_tooltip_text (sparkline, a11y);
  gtk_widget_set_visible (sparkline, len >= 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sparkline);

  return row;
}

static void
show_challenges (RallyCampaignsPage *self,
                 RallyCampaign      *c)
{
  g_autoptr(GListModel) challenges = rally_store_list_challenges (self->store, rally_campaign_get_id (c));
  guint n = g_list_model_get_n_items (challenges);
  GdkRGBA color;

  if (!gdk_rgba_parse (&color, rally_campaign_get_color (c)))
    color = (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };
  request_reach (self, c, challenges);

  clear_list_box (self->challenges_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);

      gtk_list_box_append (self->challenges_list, make_challenge_row (self, challenge, &color));
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No challenges yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Challenges linked to this campaign appear here"));
      gtk_list_box_append (self->challenges_list, row);
    }
}

static void
show_text (GtkWidget   *group,
           GtkLabel    *label,
           const char  *text)
{
  gtk_widget_set_visible (group, text != NULL && text[0] != '\0');
  gtk_label_set_label (label, text);
}


/* What the person's role lets them do to the campaign shown: an editor sees Delete
 * greyed out, and why; a viewer changes nothing. */
static void
update_editing_actions (RallyCampaignsPage *self)
{
  gboolean shown = self->campaign != NULL;
  gboolean may_edit = rally_role_may_edit (self->store);
  gboolean may_delete = rally_role_may_delete_campaigns (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "campaigns.edit", shown && may_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "campaigns.archive", shown && may_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "campaigns.delete", shown && may_delete);
  gtk_widget_set_tooltip_text (self->delete_button,
                               may_edit && !may_delete ? _("Only the workspace’s owner can delete campaigns") : NULL);
}

void
_rally_campaigns_page_show_campaign (RallyCampaignsPage *self,
                                     RallyCampaign      *campaign)
{
  RallyCampaignStatus status;
  const RallyCampaignFigures *stats;
  g_autofree char *dates = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *raised = NULL;
  g_autofree char *budget = NULL;
  const char *cause;

  g_set_object (&self->campaign, campaign);
  update_editing_actions (self);

  if (campaign == NULL)
    {
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "campaign") == 0)
        gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  status = rally_campaign_get_status (campaign);
  stats = _rally_campaigns_page_lookup_figures (self, campaign);
  cause = rally_campaign_get_cause (campaign);
  dates = _rally_campaigns_page_format_dates (campaign);
  meta = cause[0] != '\0' ? g_strdup_printf ("%s · %s", cause, dates) : g_strdup (dates);

  rally_color_swatch_set_color (self->color_swatch, rally_campaign_get_color (campaign));
  gtk_label_set_label (self->name_label, rally_campaign_get_name (campaign));
  gtk_label_set_label (self->detail_title, rally_campaign_get_name (campaign));
  gtk_label_set_label (self->meta_label, meta);
  gtk_label_set_label (self->status_label, _rally_campaigns_page_status_name (status));
  for (RallyCampaignStatus s = RALLY_CAMPAIGN_STATUS_PLANNED; s <= RALLY_CAMPAIGN_STATUS_ARCHIVED; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_class (s));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_class (status));
  gtk_button_set_label (self->archive_button, status == RALLY_CAMPAIGN_STATUS_ARCHIVED ? _("Unarchive") : _("Archive"));

  show_goals (self, campaign, stats);
  raised = rally_format_money (stats->raised, rally_campaign_get_currency (campaign));
  budget = rally_format_money (rally_campaign_get_budget (campaign), rally_campaign_get_currency (campaign));
  gtk_label_set_label (self->raised_label, raised);
  gtk_label_set_label (self->budget_label, budget);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->raised_row),
                               stats->other_currency ? _("Pledges in other currencies are not included")
                                                    : _("Pledged per video by sponsors, up to each cap"));
  show_challenges (self, campaign);
  show_text (self->description_group, self->description_label, rally_campaign_get_description (campaign));
  show_text (self->notes_group, self->notes_label, rally_campaign_get_notes (campaign));

  gtk_stack_set_visible_child_name (self->detail_stack, "campaign");
}

void
_rally_campaigns_page_refresh_detail (RallyCampaignsPage *self)
{
  g_autoptr(RallyCampaign) fresh = NULL;

  /* Only the campaign in view: a change saved while the calendar is open (a sync,
   * another window) must not take the pane back to the last campaign shown. */
  if (self->campaign == NULL || self->store == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "campaign") != 0)
    return;

  fresh = rally_store_get_campaign (self->store, rally_campaign_get_id (self->campaign));
  _rally_campaigns_page_show_campaign (self, fresh);
}
