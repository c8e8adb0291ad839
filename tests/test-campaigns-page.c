/* test-campaigns-page.c
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

/* The Campaigns page with real widgets, headless, on a workspace in a temporary folder:
 * forms filled in as a person would, the list, the detail actions, Undo of a deletion,
 * and the content calendar. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rally-application.h"
#include "rally-campaign-editor.h"
#include "rally-campaigns-page.h"
#include "rally-date-utils.h"
#include "rally-format.h"
#include "rally-model.h"
#include "rally-post-editor.h"
#include "rally-store.h"
#include "rally-test-util.h"
#include "rally-test-ui.h"
#include "rally-tooltip.h"
#include "rally-window.h"

static RallyApplication *the_app;
static RallyWindow *the_window;
static RallyCampaignsPage *the_page;

static gboolean
done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* What a click does: GtkButton's activation presses the button for a moment and
 * emits ::clicked when it is released, so run the main loop past that. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_activate (button));
  rally_test_wait_ms (400);
}


static gpointer
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static RallyStore *
store (void)
{
  return rally_application_get_store (the_app);
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static gboolean
listed (const char *name)
{
  GListModel *model = rally_campaigns_page_get_visible_model (the_page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RallyCampaign) c = g_list_model_get_item (model, i);

      if (g_strcmp0 (rally_campaign_get_name (c), name) == 0)
        return TRUE;
    }

  return FALSE;
}

static RallyCampaign *
stored_campaign (const char *name)
{
  g_autoptr(GListModel) all = rally_store_list_campaigns (store ());

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(RallyCampaign) c = g_list_model_get_item (all, i);

      if (g_strcmp0 (rally_campaign_get_name (c), name) == 0)
        return g_steal_pointer (&c);
    }

  return NULL;
}

/* Fills the campaign form through its widgets and presses Save */
static RallyCampaignEditor *
open_new_campaign_form (void)
{
  RallyCampaignEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_window), "win.new-campaign", NULL));
  rally_test_iterate ();
  editor = RALLY_CAMPAIGN_EDITOR (rally_test_find_window (RALLY_TYPE_CAMPAIGN_EDITOR));
  g_assert_nonnull (editor);
  return editor;
}

static void
pick_day (GtkCalendar *calendar,
          int          year,
          int          month,
          int          day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, day, 0, 0, 0);

  gtk_calendar_select_day (calendar, dt);
  rally_test_iterate ();
}

static void
create_campaign (const char *name)
{
  RallyCampaignEditor *editor = open_new_campaign_form ();
  GtkWidget *save = child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "save_button");

  /* An empty name cannot be saved */
  g_assert_false (gtk_widget_is_sensitive (save));

  gtk_editable_set_text (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "name_row"), name);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "cause_view")), "Clean rivers", -1);
  adw_combo_row_set_selected (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "status_row"), RALLY_CAMPAIGN_STATUS_ACTIVE);
  pick_day (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "start_calendar"), 2026, 3, 1);
  pick_day (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "end_calendar"), 2026, 4, 30);
  gtk_spin_button_set_value (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "goal_views_spin"), 5000000);
  gtk_spin_button_set_value (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "goal_donations_spin"), 2500.50);
  set_text_view (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "notes_view"), "Ask the river trust for footage");
  rally_test_iterate ();

  g_assert_true (gtk_widget_is_sensitive (save));
  click (save);
  g_assert_null (rally_test_find_window (RALLY_TYPE_CAMPAIGN_EDITOR));
}

static void
test_create_campaign (void)
{
  g_autoptr(RallyCampaign) stored = NULL;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "stack")), ==, "empty");

  create_campaign ("Rivers Run Clean");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "stack")), ==, "main");
  g_assert_true (listed ("Rivers Run Clean"));
  stored = stored_campaign ("Rivers Run Clean");
  g_assert_nonnull (stored);
  g_assert_cmpstr (rally_campaign_get_cause (stored), ==, "Clean rivers");
  g_assert_cmpint (rally_campaign_get_status (stored), ==, RALLY_CAMPAIGN_STATUS_ACTIVE);
  g_assert_cmpint (rally_campaign_get_start_date (stored), ==, rally_day_from_ymd (2026, 3, 1));
  g_assert_cmpint (rally_campaign_get_end_date (stored), ==, rally_day_from_ymd (2026, 4, 30));
  g_assert_cmpint (rally_campaign_get_goal_views (stored), ==, 5000000);
  g_assert_cmpint (rally_campaign_get_goal_donations (stored), ==, 250050);
  g_assert_cmpstr (rally_campaign_get_notes (stored), ==, "Ask the river trust for footage");

  /* The new campaign is selected and shown */
  g_assert_cmpint (rally_campaigns_page_get_selected_id (the_page), ==, rally_campaign_get_id (stored));
  g_assert_cmpstr (gtk_label_get_label (child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "name_label")), ==, "Rivers Run Clean");
}

static void
test_invalid_dates (void)
{
  RallyCampaignEditor *editor = open_new_campaign_form ();
  GtkWidget *save = child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "save_button");
  GtkWidget *dates_error = child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "dates_error");
  guint before = g_list_model_get_n_items (rally_campaigns_page_get_visible_model (the_page));

  gtk_editable_set_text (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "name_row"), "Backwards");
  pick_day (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "start_calendar"), 2026, 5, 10);
  pick_day (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "end_calendar"), 2026, 5, 1);

  g_assert_true (gtk_widget_get_visible (dates_error));
  g_assert_true (gtk_widget_has_css_class (dates_error, "error"));
  g_assert_nonnull (rally_campaign_editor_get_error (editor));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (dates_error)), ==, rally_campaign_editor_get_error (editor));
  g_assert_false (gtk_widget_is_sensitive (save));
  click (save);
  g_assert_cmpuint (g_list_model_get_n_items (rally_campaigns_page_get_visible_model (the_page)), ==, before);

  /* Putting the end after the start clears the message and enables Save */
  pick_day (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "end_calendar"), 2026, 5, 31);
  g_assert_false (gtk_widget_get_visible (dates_error));
  g_assert_true (gtk_widget_is_sensitive (save));

  /* Clearing the name says so, under the name */
  gtk_editable_set_text (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "name_row"), "");
  rally_test_iterate ();
  g_assert_true (gtk_widget_get_visible (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "name_error")));
  g_assert_false (gtk_widget_is_sensitive (save));

  gtk_window_close (GTK_WINDOW (editor));
  rally_test_iterate ();
  g_assert_null (rally_test_find_window (RALLY_TYPE_CAMPAIGN_EDITOR));
  g_assert_null (stored_campaign ("Backwards"));
}

static void
test_edit_campaign (void)
{
  g_autoptr(RallyCampaign) before = stored_campaign ("Rivers Run Clean");
  g_autoptr(RallyCampaign) after = NULL;
  RallyCampaignEditor *editor;
  AdwEntryRow *name_row;

  rally_campaigns_page_select_campaign (the_page, rally_campaign_get_id (before));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_page), "campaigns.edit", NULL));
  rally_test_iterate ();
  editor = RALLY_CAMPAIGN_EDITOR (rally_test_find_window (RALLY_TYPE_CAMPAIGN_EDITOR));
  g_assert_nonnull (editor);

  name_row = child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "name_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Rivers Run Clean");
  g_assert_cmpfloat (gtk_spin_button_get_value (child_of (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "goal_donations_spin")), ==, 2500.50);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Rivers Run Cleaner");
  rally_campaign_editor_set_color (editor, "#e01b24");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  rally_test_iterate ();

  after = rally_store_get_campaign (store (), rally_campaign_get_id (before));
  g_assert_cmpstr (rally_campaign_get_name (after), ==, "Rivers Run Cleaner");
  g_assert_cmpstr (rally_campaign_get_color (after), ==, "#e01b24");
  g_assert_cmpint (rally_campaign_get_start_date (after), ==, rally_campaign_get_start_date (before));
  g_assert_true (listed ("Rivers Run Cleaner"));
  g_assert_false (listed ("Rivers Run Clean"));
  g_assert_cmpstr (gtk_label_get_label (child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "name_label")), ==, "Rivers Run Cleaner");
}

static void
test_search_and_sort (void)
{
  GtkEditable *search = child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "search_entry");
  GtkStack *list_stack = child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "list_stack");
  GListModel *model = rally_campaigns_page_get_visible_model (the_page);
  g_autoptr(RallyCampaign) first = NULL;

  create_campaign ("Another Appeal");

  /* Sorted by start date by default; both start on 1 March, so by name */
  gtk_drop_down_set_selected (child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "sort_dropdown"), 1);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (rally_campaign_get_name (first), ==, "Another Appeal");

  /* Ctrl+F's action puts the focus in the search entry */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_window), "win.search-campaigns", NULL));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (search)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (the_window)), GTK_WIDGET (search)));

  gtk_editable_set_text (search, "cleaner");
  g_signal_emit_by_name (search, "search-changed");
  rally_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (listed ("Rivers Run Cleaner"));

  gtk_editable_set_text (search, "no such campaign");
  g_signal_emit_by_name (search, "search-changed");
  rally_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "no-results");

  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  rally_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
}

static void
test_archive (void)
{
  g_autoptr(RallyCampaign) campaign = stored_campaign ("Another Appeal");
  g_autoptr(RallyCampaign) archived = NULL;
  GtkDropDown *status_filter = child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "status_filter");

  rally_campaigns_page_select_campaign (the_page, rally_campaign_get_id (campaign));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_page), "campaigns.archive", NULL));
  rally_test_iterate ();

  archived = rally_store_get_campaign (store (), rally_campaign_get_id (campaign));
  g_assert_cmpint (rally_campaign_get_status (archived), ==, RALLY_CAMPAIGN_STATUS_ARCHIVED);
  g_assert_false (listed ("Another Appeal"));

  /* The "Archived" filter shows it again */
  gtk_drop_down_set_selected (status_filter, 5);
  g_assert_true (listed ("Another Appeal"));
  g_assert_false (listed ("Rivers Run Cleaner"));
  gtk_drop_down_set_selected (status_filter, 0);
}

static void
add_challenge_and_post (gint64  campaign_id,
                        gint64 *challenge_id,
                        gint64 *post_id)
{
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(RallyPlannedPost) post = rally_planned_post_new ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_campaign_id (challenge, campaign_id);
  rally_challenge_set_hashtag (challenge, "RiversRunClean");
  rally_challenge_set_title (challenge, "Show us your river");
  g_assert_true (rally_store_save_challenge (store (), challenge, &error));
  g_assert_no_error (error);
  *challenge_id = rally_challenge_get_id (challenge);

  rally_planned_post_set_campaign_id (post, campaign_id);
  rally_planned_post_set_challenge_id (post, *challenge_id);
  rally_planned_post_set_channel (post, "TikTok");
  rally_planned_post_set_caption (post, "Launch day");
  rally_planned_post_set_scheduled_at (post, rally_day_to_time_local (rally_day_from_ymd (2026, 3, 2), 18, 0));
  g_assert_true (rally_store_save_planned_post (store (), post, &error));
  g_assert_no_error (error);
  *post_id = rally_planned_post_get_id (post);
}

static void
test_delete_undo (void)
{
  g_autoptr(RallyCampaign) campaign = stored_campaign ("Rivers Run Cleaner");
  g_autoptr(RallyCampaign) restored = NULL;
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(RallyPlannedPost) post = NULL;
  gint64 id = rally_campaign_get_id (campaign);
  gint64 challenge_id, post_id;
  AdwToast *toast;

  add_challenge_and_post (id, &challenge_id, &post_id);
  rally_campaigns_page_select_campaign (the_page, id);
  rally_test_iterate ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_page), "campaigns.delete", NULL));
  rally_test_iterate ();
  g_assert_null (rally_store_get_campaign (store (), id));
  g_assert_null (rally_store_get_challenge (store (), challenge_id));
  g_assert_null (rally_store_get_planned_post (store (), post_id));
  g_assert_false (listed ("Rivers Run Cleaner"));

  toast = rally_campaigns_page_get_undo_toast (the_page);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Campaign deleted");
  g_assert_nonnull (adw_toast_get_button_label (toast));

  /* Undo, as the toast's button does (the toast then dismisses itself, without purging) */
  g_signal_emit_by_name (toast, "button-clicked");
  rally_test_wait_ms (500);  /* a dismissed toast finishes hiding before the next one comes */

  restored = rally_store_get_campaign (store (), id);
  g_assert_nonnull (restored);
  g_assert_cmpstr (rally_campaign_get_name (restored), ==, rally_campaign_get_name (campaign));
  g_assert_cmpstr (rally_campaign_get_notes (restored), ==, rally_campaign_get_notes (campaign));
  g_assert_cmpint (rally_campaign_get_goal_views (restored), ==, rally_campaign_get_goal_views (campaign));
  challenge = rally_store_get_challenge (store (), challenge_id);
  g_assert_nonnull (challenge);
  g_assert_cmpint (rally_challenge_get_campaign_id (challenge), ==, id);
  post = rally_store_get_planned_post (store (), post_id);
  g_assert_nonnull (post);
  g_assert_cmpstr (rally_planned_post_get_caption (post), ==, "Launch day");
  g_assert_true (listed ("Rivers Run Cleaner"));
  g_assert_cmpint (rally_campaigns_page_get_selected_id (the_page), ==, id);
}

static void
purged_cb (RallyStore *store,
           const char *table,
           gint64      id,
           gboolean   *purged)
{
  if (table == NULL)
    *purged = TRUE;
}

static void
test_delete_for_good (void)
{
  g_autoptr(RallyCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  gboolean purged, timed_out = FALSE;
  gulong handler;
  guint timeout;
  AdwToast *toast;
  gint64 id;

  create_campaign ("Short Lived");
  campaign = stored_campaign ("Short Lived");
  id = rally_campaign_get_id (campaign);
  rally_campaigns_page_select_campaign (the_page, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_page), "campaigns.delete", NULL));
  toast = rally_campaigns_page_get_undo_toast (the_page);
  g_assert_nonnull (toast);

  /* The toast times out: the deletion is final, once the purge's thread says so
   * (every list reloads: the store says everything changed) */
  purged = FALSE;
  handler = g_signal_connect (store (), "changed", G_CALLBACK (purged_cb), &purged);
  adw_toast_dismiss (toast);
  timeout = g_timeout_add_seconds (30, done_cb, &timed_out);
  while (!purged && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_signal_handler_disconnect (store (), handler);
  g_assert_true (purged);
  g_assert_false (rally_store_undelete_campaign (store (), id, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_FOUND);
  g_assert_null (rally_store_get_campaign (store (), id));
}

/* Content calendar */

static RallyMonthView *
show_march_2026 (void)
{
  RallyMonthView *view = rally_campaigns_page_get_month_view (the_page);

  rally_campaigns_page_show_calendar (the_page);
  rally_month_view_set_first_weekday (view, G_DATE_MONDAY);
  rally_month_view_set_month (view, 2026, 3);
  rally_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "detail_stack")), ==, "calendar");
  return view;
}

static const char *
chip_text (RallyMonthCell *cell,
           guint           index)
{
  return gtk_widget_get_tooltip_text (rally_month_cell_get_chip (cell, index));
}

static void
test_calendar_add_post (void)
{
  RallyMonthView *view = show_march_2026 ();
  gint64 day = rally_day_from_ymd (2026, 3, 10);
  RallyMonthCell *cell = rally_month_view_get_cell (view, day);
  RallyPostEditor *editor;
  GtkWidget *chip;

  g_assert_nonnull (cell);
  g_assert_cmpuint (rally_month_cell_get_n_chips (cell), ==, 0);

  /* The post planned on the 2nd by the previous test shows on its day */
  g_assert_cmpuint (rally_month_cell_get_n_chips (rally_month_view_get_cell (view, rally_day_from_ymd (2026, 3, 2))), ==, 1);

  /* Clicking a day's "+" opens the post form for that day */
  g_signal_emit_by_name (cell, "activate-day");
  rally_test_iterate ();
  editor = RALLY_POST_EDITOR (rally_test_find_window (RALLY_TYPE_POST_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpint (rally_day_of_time_local (rally_planned_post_get_scheduled_at (rally_post_editor_get_post (editor))), ==, day);

  set_text_view (child_of (editor, RALLY_TYPE_POST_EDITOR, "caption_view"), "Meet the river keepers");
  gtk_spin_button_set_value (child_of (editor, RALLY_TYPE_POST_EDITOR, "hour_spin"), 9);
  gtk_spin_button_set_value (child_of (editor, RALLY_TYPE_POST_EDITOR, "minute_spin"), 30);
  adw_combo_row_set_selected (child_of (editor, RALLY_TYPE_POST_EDITOR, "status_row"), RALLY_POST_STATUS_SCHEDULED);
  adw_combo_row_set_selected (child_of (editor, RALLY_TYPE_POST_EDITOR, "channel_row"), 1);
  click (child_of (editor, RALLY_TYPE_POST_EDITOR, "save_button"));
  g_assert_null (rally_test_find_window (RALLY_TYPE_POST_EDITOR));

  g_assert_cmpuint (rally_month_cell_get_n_chips (cell), ==, 1);
  chip = rally_month_cell_get_chip (cell, 0);
  g_assert_true (gtk_widget_has_css_class (chip, "post-scheduled"));
  g_assert_nonnull (strstr (chip_text (cell, 0), "Meet the river keepers"));
  g_assert_nonnull (strstr (chip_text (cell, 0), "09:30"));
  g_assert_nonnull (strstr (chip_text (cell, 0), "Instagram"));
}

/* The calendar says what its chip colours mean, and a chip's whole caption and
 * channel show, wrapped, on hover and focus. */
static void
test_calendar_legend_and_tooltip (void)
{
  RallyMonthView *view = show_march_2026 ();
  GtkWidget *legend = child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "calendar_legend");
  static const struct { const char *text, *css_class; } expected[] = {
    { "Idea", "post-idea" }, { "Draft", "post-draft" },
    { "Scheduled", "post-scheduled" }, { "Published", "post-published" },
  };
  GtkWidget *item = gtk_widget_get_first_child (legend);
  RallyMonthCell *cell = rally_month_view_get_cell (view, rally_day_from_ymd (2026, 3, 10));
  GtkWidget *chip, *label;
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_assert_true (gtk_widget_get_mapped (legend));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++, item = gtk_widget_get_next_sibling (item))
    {
      g_assert_true (GTK_IS_LABEL (item));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (item)), ==, expected[i].text);
      g_assert_true (gtk_widget_has_css_class (item, expected[i].css_class));
    }
  g_assert_null (item);

  g_assert_cmpuint (rally_month_cell_get_n_chips (cell), ==, 1);
  chip = rally_month_cell_get_chip (cell, 0);
  g_signal_emit_by_name (chip, "query-tooltip", 0, 0, TRUE, tooltip, &shown);
  g_assert_true (shown);
  label = rally_tooltip_get_label (chip);
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Meet the river keepers"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Instagram"));

  /* GTK 4.8 has no tooltip on keyboard focus: the focused chip's text shows under the month */
  label = child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "calendar_focus_label");
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_true (gtk_widget_grab_focus (chip));
  rally_test_iterate ();
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Meet the river keepers"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Instagram"));
}

static gint64
post_id_in (RallyMonthView *view,
            gint64          day)
{
  g_autoptr(GListModel) posts = rally_store_list_posts (store (), rally_day_to_time_local (day, 0, 0),
                                                        rally_day_to_time_local (rally_day_add_days (day, 1), 0, 0));
  g_autoptr(RallyPlannedPost) post = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (posts), ==, 1);
  post = g_list_model_get_item (posts, 0);
  return rally_planned_post_get_id (post);
}

static void
test_calendar_move_post (void)
{
  RallyMonthView *view = show_march_2026 ();
  gint64 from = rally_day_from_ymd (2026, 3, 10);
  gint64 to = rally_day_from_ymd (2026, 3, 12);
  gint64 id = post_id_in (view, from);
  g_autoptr(RallyPlannedPost) post = NULL;
  g_autoptr(GDateTime) local = NULL;
  RallyPostEditor *editor;

  /* Dropping the chip on the 12th (what the cell's drop target reports) */
  g_signal_emit_by_name (rally_month_view_get_cell (view, to), "drop-item", id);
  rally_test_iterate ();
  g_assert_cmpuint (rally_month_cell_get_n_chips (rally_month_view_get_cell (view, from)), ==, 0);
  g_assert_cmpuint (rally_month_cell_get_n_chips (rally_month_view_get_cell (view, to)), ==, 1);
  post = rally_store_get_planned_post (store (), id);
  local = g_date_time_new_from_unix_local (rally_planned_post_get_scheduled_at (post));
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 12);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 9);
  g_assert_cmpint (g_date_time_get_minute (local), ==, 30);

  /* Clicking the chip opens it; its date field moves it again, to the next month */
  click (rally_month_cell_get_chip (rally_month_view_get_cell (view, to), 0));
  editor = RALLY_POST_EDITOR (rally_test_find_window (RALLY_TYPE_POST_EDITOR));
  g_assert_nonnull (editor);
  pick_day (child_of (editor, RALLY_TYPE_POST_EDITOR, "calendar"), 2026, 4, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  rally_test_iterate ();
  g_assert_cmpuint (rally_month_cell_get_n_chips (rally_month_view_get_cell (view, to)), ==, 0);
  /* 2 April is in the grid's last row, after the month */
  g_assert_cmpuint (rally_month_cell_get_n_chips (rally_month_view_get_cell (view, rally_day_from_ymd (2026, 4, 2))), ==, 1);
  g_assert_cmpint (post_id_in (view, rally_day_from_ymd (2026, 4, 2)), ==, id);
}

static void
test_calendar_delete_post_undo (void)
{
  RallyMonthView *view = show_march_2026 ();
  RallyMonthCell *cell = rally_month_view_get_cell (view, rally_day_from_ymd (2026, 3, 2));
  gint64 id = post_id_in (view, rally_day_from_ymd (2026, 3, 2));
  g_autoptr(RallyPlannedPost) back = NULL;
  RallyPostEditor *editor;
  AdwToast *toast;

  click (rally_month_cell_get_chip (cell, 0));
  editor = RALLY_POST_EDITOR (rally_test_find_window (RALLY_TYPE_POST_EDITOR));
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_visible (child_of (editor, RALLY_TYPE_POST_EDITOR, "delete_button")));
  click (child_of (editor, RALLY_TYPE_POST_EDITOR, "delete_button"));
  g_assert_null (rally_test_find_window (RALLY_TYPE_POST_EDITOR));
  g_assert_null (rally_store_get_planned_post (store (), id));
  g_assert_cmpuint (rally_month_cell_get_n_chips (cell), ==, 0);

  toast = rally_campaigns_page_get_undo_toast (the_page);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Post deleted");
  g_signal_emit_by_name (toast, "button-clicked");
  rally_test_wait_ms (500);
  back = rally_store_get_planned_post (store (), id);
  g_assert_nonnull (back);
  g_assert_cmpstr (rally_planned_post_get_caption (back), ==, "Launch day");
  g_assert_cmpuint (rally_month_cell_get_n_chips (cell), ==, 1);
}

static void
test_calendar_channel_filter (void)
{
  RallyMonthView *view = show_march_2026 ();
  GtkDropDown *filter = child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "channel_filter");
  RallyMonthCell *launch = rally_month_view_get_cell (view, rally_day_from_ymd (2026, 3, 2));
  RallyMonthCell *moved = rally_month_view_get_cell (view, rally_day_from_ymd (2026, 4, 2));
  GListModel *channels = gtk_drop_down_get_model (filter);
  guint instagram = 0;

  for (guint i = 0; i < g_list_model_get_n_items (channels); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (channels), i), "Instagram") == 0)
      instagram = i;
  g_assert_cmpuint (instagram, >, 0);

  gtk_drop_down_set_selected (filter, instagram);
  rally_test_iterate ();
  g_assert_cmpuint (rally_month_cell_get_n_chips (launch), ==, 0);
  g_assert_cmpuint (rally_month_cell_get_n_chips (moved), ==, 1);

  gtk_drop_down_set_selected (filter, 0);
  rally_test_iterate ();
  g_assert_cmpuint (rally_month_cell_get_n_chips (launch), ==, 1);
}

static guint
count_visible_cells (RallyMonthView *view)
{
  guint n = 0;

  for (guint i = 0; i < 42; i++)
    n += gtk_widget_get_visible (GTK_WIDGET (rally_month_view_get_cell_at (view, i)));
  return n;
}

static void
test_calendar_grid_layout (void)
{
  RallyMonthView *view = show_march_2026 ();
  RallyMonthCell *cell;

  /* March 2026 starts on a Sunday: with Monday first, six weeks from 23 February */
  g_assert_cmpuint (rally_month_view_get_n_weeks (view), ==, 6);
  g_assert_cmpuint (count_visible_cells (view), ==, 42);
  g_assert_cmpint (rally_month_cell_get_day (rally_month_view_get_cell_at (view, 0)), ==, rally_day_from_ymd (2026, 2, 23));
  cell = rally_month_view_get_cell_at (view, 6);
  g_assert_cmpint (rally_month_cell_get_day (cell), ==, rally_day_from_ymd (2026, 3, 1));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (cell), "other-month"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (rally_month_view_get_cell_at (view, 5)), "other-month"));
  g_assert_cmpint (rally_month_cell_get_day (rally_month_view_get_cell_at (view, 41)), ==, rally_day_from_ymd (2026, 4, 5));

  /* With Sunday first it needs five, the 1st in the first cell */
  rally_month_view_set_first_weekday (view, G_DATE_SUNDAY);
  g_assert_cmpuint (rally_month_view_get_n_weeks (view), ==, 5);
  g_assert_cmpuint (count_visible_cells (view), ==, 35);
  g_assert_cmpint (rally_month_cell_get_day (rally_month_view_get_cell_at (view, 0)), ==, rally_day_from_ymd (2026, 3, 1));

  /* February 2021: four weeks exactly */
  rally_month_view_set_first_weekday (view, G_DATE_MONDAY);
  rally_month_view_set_month (view, 2021, 2);
  g_assert_cmpuint (count_visible_cells (view), ==, 28);
  g_assert_null (rally_month_view_get_cell (view, rally_day_from_ymd (2021, 3, 1)));

  /* Today is marked; the Today button's action brings its month back */
  rally_month_view_set_today (view, rally_day_from_ymd (2021, 2, 14));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (rally_month_view_get_cell (view, rally_day_from_ymd (2021, 2, 14))), "today"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (rally_month_view_get_cell (view, rally_day_from_ymd (2021, 2, 15))), "today"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_page), "campaigns.next-month", NULL));
  g_assert_cmpint (rally_month_view_get_month (view), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (the_page), "campaigns.today", NULL));
  g_assert_cmpint (rally_day_month_start (rally_month_view_get_focus_day (view)), ==,
                   rally_day_month_start (rally_day_today_local ()));
}

static void
test_calendar_keyboard (void)
{
  RallyMonthView *view = show_march_2026 ();
  gint64 day = rally_day_from_ymd (2026, 3, 31);

  /* Moving the focus past the month's end shows the next month */
  rally_month_view_set_focus_day (view, day);
  rally_month_view_set_focus_day (view, rally_day_add_days (day, 7));
  g_assert_cmpint (rally_month_view_get_month (view), ==, 4);
  g_assert_cmpint (rally_month_view_get_focus_day (view), ==, rally_day_from_ymd (2026, 4, 7));
}

static void
test_narrow_list (void)
{
  RallyMonthView *view = show_march_2026 ();
  GtkListBox *list = rally_month_view_get_list (view);

  /* The list of days holds the month's days with posts, here the launch on the 2nd */
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));

  /* wide, with a campaign open on its calendar, nothing keeps the window from being
   * narrowed to a phone's width */
  {
    int min = 0;

    gtk_widget_measure (GTK_WIDGET (the_window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <=, 360);
  }
  gtk_window_set_default_size (GTK_WINDOW (the_window), 360, 700);
  for (int i = 0; i < 20 && !rally_month_view_get_narrow (view); i++)
    {
      g_usleep (20000);
      rally_test_iterate ();
    }
  g_assert_true (rally_month_view_get_narrow (view));
  gtk_window_set_default_size (GTK_WINDOW (the_window), 1200, 800);
  rally_test_iterate ();
}

/* Appends each shown label under @widget whose text is cut with an ellipsis. */
static void
find_cut_labels (GtkWidget *widget,
                 GString   *cut)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_string_append_printf (cut, " “%s”", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    find_cut_labels (child, cut);
}

/* With the calendar open, wide, the list keeps only its narrowest width: a long
 * range of days in a row still reads whole. */
static void
test_list_dates_whole (void)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(GString) cut = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  rally_campaign_set_name (campaign, "Winter Warmth");
  rally_campaign_set_status (campaign, RALLY_CAMPAIGN_STATUS_COMPLETED);
  rally_campaign_set_start_date (campaign, rally_day_from_ymd (2026, 12, 28));
  rally_campaign_set_end_date (campaign, rally_day_from_ymd (2027, 2, 28));
  g_assert_true (rally_store_save_campaign (store (), campaign, &error));
  g_assert_no_error (error);
  rally_test_iterate ();

  gtk_window_set_default_size (GTK_WINDOW (the_window), 1280, 800);
  show_march_2026 ();
  for (int i = 0; i < 10; i++)
    {
      g_usleep (20000);
      rally_test_iterate ();
    }
  find_cut_labels (GTK_WIDGET (child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "campaign_list")), cut);
  g_assert_cmpstr (cut->str, ==, "");
  gtk_window_set_default_size (GTK_WINDOW (the_window), 1200, 800);
  rally_test_iterate ();
}


/* The goals say where their figures come from: each challenge's source and fetch day. */
static void
test_goal_sources (void)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(RallyChallenge) fetched = rally_challenge_new ();
  g_autoptr(RallyChallenge) stored_only = rally_challenge_new ();
  g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();
  g_autoptr(GError) error = NULL;
  gint64 fetched_at = 1733400000;   /* 5 Dec 2024, 12:00 UTC */
  g_autofree char *day = rally_format_date (fetched_at);
  g_autofree char *expected = g_strdup_printf ("#goalsfetched: From TikTok Research API, fetched %s", day);
  GtkWidget *row = NULL;
  const char *text;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  rally_campaign_set_name (campaign, "Sources Shown");
  rally_campaign_set_goal_views (campaign, 1000000);
  g_assert_true (rally_store_save_campaign (store (), campaign, &error));
  g_assert_no_error (error);
  rally_challenge_set_hashtag (fetched, "goalsfetched");
  rally_challenge_set_campaign_id (fetched, rally_campaign_get_id (campaign));
  g_assert_true (rally_store_save_challenge (store (), fetched, &error));
  g_assert_no_error (error);
  rally_challenge_set_hashtag (stored_only, "goalsstored");
  rally_challenge_set_campaign_id (stored_only, rally_campaign_get_id (campaign));
  g_assert_true (rally_store_save_challenge (store (), stored_only, &error));
  g_assert_no_error (error);
  rally_snapshot_set_challenge_id (snapshot, rally_challenge_get_id (fetched));
  rally_snapshot_set_taken_at (snapshot, fetched_at - 60);
  rally_snapshot_set_fetched_at (snapshot, fetched_at);
  rally_snapshot_set_views (snapshot, 250000);
  rally_snapshot_set_source (snapshot, RALLY_SOURCE_RESEARCH_API);
  g_assert_true (rally_store_add_snapshot (store (), snapshot, &error));
  g_assert_no_error (error);

  rally_campaigns_page_select_campaign (the_page, rally_campaign_get_id (campaign));
  while (g_get_monotonic_time () < deadline)
    {
      GtkWidget *goals = child_of (the_page, RALLY_TYPE_CAMPAIGNS_PAGE, "goals_list");
      GtkWidget *found = rally_test_find_descendant (goals, GTK_TYPE_WIDGET, "goal-sources");

      if (found != NULL && strstr (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (found)))),
                                   "goalsstored") != NULL)
        {
          row = found;
          break;
        }
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (10000);
    }
  g_assert_nonnull (row);
  text = gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))));
  g_assert_nonnull (strstr (text, expected));
  g_assert_nonnull (strstr (text, "#goalsstored: its stored videos; nothing fetched yet"));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  g_autofree char *data_dir = g_build_filename (tmp, "workspace", NULL);
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  the_app = rally_application_new ();
  g_application_set_flags (G_APPLICATION (the_app), G_APPLICATION_NON_UNIQUE);
  rally_application_set_data_dir (the_app, data_dir);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (the_app));
  rally_test_iterate ();

  the_window = RALLY_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (the_app)));
  g_assert_nonnull (the_window);
  gtk_window_set_default_size (GTK_WINDOW (the_window), 1200, 800);
  rally_test_iterate ();
  the_page = RALLY_CAMPAIGNS_PAGE (rally_test_find_descendant (GTK_WIDGET (the_window), RALLY_TYPE_CAMPAIGNS_PAGE, NULL));
  g_assert_nonnull (the_page);
  /* A slow machine must not take the Undo away before the test presses it */
  rally_campaigns_page_set_undo_timeout (the_page, 0);

  /* One workspace for the run: the tests build on each other, in order */
  g_test_add_func ("/campaigns/create", test_create_campaign);
  g_test_add_func ("/campaigns/invalid-dates", test_invalid_dates);
  g_test_add_func ("/campaigns/edit", test_edit_campaign);
  g_test_add_func ("/campaigns/search-and-sort", test_search_and_sort);
  g_test_add_func ("/campaigns/archive", test_archive);
  g_test_add_func ("/campaigns/delete-undo", test_delete_undo);
  g_test_add_func ("/campaigns/delete-for-good", test_delete_for_good);
  g_test_add_func ("/calendar/add-post", test_calendar_add_post);
  g_test_add_func ("/calendar/legend-and-tooltip", test_calendar_legend_and_tooltip);
  g_test_add_func ("/calendar/move-post", test_calendar_move_post);
  g_test_add_func ("/calendar/delete-post-undo", test_calendar_delete_post_undo);
  g_test_add_func ("/calendar/channel-filter", test_calendar_channel_filter);
  g_test_add_func ("/calendar/grid-layout", test_calendar_grid_layout);
  g_test_add_func ("/calendar/keyboard", test_calendar_keyboard);
  g_test_add_func ("/calendar/narrow-list", test_narrow_list);
  g_test_add_func ("/calendar/list-dates-whole", test_list_dates_whole);
  g_test_add_func ("/campaigns/goal-sources", test_goal_sources);

  ret = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (the_window));
  rally_test_iterate ();
  g_clear_object (&the_app);
  rally_test_remove_tree (tmp);

  return ret;
}
