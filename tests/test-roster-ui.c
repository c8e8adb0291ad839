/* test-roster-ui.c
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

/* Events and the partner roster through the real widgets: an event added in the
 * editor beside the challenge is stored and listed; a roster typed in the challenge
 * editor recomputes the organic and seeded tiles; the Top Videos filter shows only
 * seeded videos, and a video marked by hand joins them; the sample shows a split
 * and the #rednoseday events. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "rally-campaign-editor.h"
#include "rally-challenge-editor.h"
#include "rally-challenge-tracking.h"
#include "rally-event-editor.h"
#include "rally-events-group.h"
#include "rally-sample.h"
#include "rally-store-events.h"
#include "rally-store.h"
#include "rally-test-ui.h"
#include "rally-test-util.h"
#include "rally-test-workspace.h"

#define DAY0 1589241600   /* 12 May 2020, UTC */

typedef struct
{
  char                   *tmp;
  RallyStore             *store;
  RallyChallenge         *challenge;
  GtkWindow              *window;
  RallyChallengeTracking *tracking;
  gint64                  video_ids[3];   /* by @alice, @bob, @carol */
} Fixture;

/* Until the tracking has read everything, or ten seconds. */
static void
wait_loaded (RallyChallengeTracking *tracking)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  rally_test_iterate ();
  while (rally_challenge_tracking_is_loading (tracking) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  rally_test_iterate ();
  g_assert_false (rally_challenge_tracking_is_loading (tracking));
}

/* Until the figure reads @text, or ten seconds: the store tells the views a moment later. */
static void
wait_figure (RallyChallengeTracking *tracking,
             RallyTrackingFigure     figure,
             const char             *text)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((rally_challenge_tracking_is_loading (tracking) ||
          g_strcmp0 (rally_challenge_tracking_get_figure_text (tracking, figure), text) != 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (tracking, figure), ==, text);
}

static void
show_tracking (Fixture        *fixture,
               RallyStore     *store,
               RallyChallenge *challenge)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 800);
  fixture->tracking = RALLY_CHALLENGE_TRACKING (rally_challenge_tracking_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->tracking));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), scrolled);
  gtk_window_set_child (fixture->window, overlay);
  rally_challenge_tracking_set_store (fixture->tracking, store);
  rally_challenge_tracking_set_challenge (fixture->tracking, challenge);
  gtk_window_present (fixture->window);
  wait_loaded (fixture->tracking);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *creators[] = { "alice", "bob", "carol" };
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;

  fixture->tmp = g_dir_make_tmp ("rally-roster-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_build_filename (fixture->tmp, "workspace", NULL);
  fixture->store = rally_store_open (dir, &error);
  g_assert_no_error (error);

  fixture->challenge = rally_challenge_new ();
  rally_challenge_set_hashtag (fixture->challenge, "splitcheck");
  rally_challenge_set_start_date (fixture->challenge, DAY0);
  g_assert_true (rally_store_save_challenge (fixture->store, fixture->challenge, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (creators); i++)
    {
      g_autoptr(RallyVideo) video = rally_test_make_video (7000 + i, creators[i], DAY0 + i * 86400, 1000 * (i + 1));
      RallyVideo *videos[] = { video };

      g_assert_true (rally_store_upsert_videos (fixture->store, rally_challenge_get_id (fixture->challenge),
                                                videos, 1, &error));
      g_assert_no_error (error);
      fixture->video_ids[i] = rally_video_get_id (video);
      g_assert_cmpint (fixture->video_ids[i], >, 0);
    }

  show_tracking (fixture, fixture->store, fixture->challenge);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  rally_test_iterate ();
  g_clear_object (&fixture->challenge);
  g_clear_object (&fixture->store);
  rally_test_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static guint
count_rows (GtkWidget *list_box)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list_box); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      n++;

  return n;
}

/* Add Event opens the editor; the model's message shows until a title is typed; Save stores it. */
static void
test_add_event (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *group = child (fixture->tracking, RALLY_TYPE_CHALLENGE_TRACKING, "events_group");
  GtkWidget *list_box = child (group, RALLY_TYPE_EVENTS_GROUP, "list_box");
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(RallyEvent) event = NULL;
  GtkWidget *editor;

  g_assert_cmpuint (count_rows (list_box), ==, 0);
  g_assert_true (gtk_widget_activate_action (group, "events.add", NULL));
  editor = GTK_WIDGET (rally_test_find_window (RALLY_TYPE_EVENT_EDITOR));
  g_assert_nonnull (editor);
  rally_test_iterate ();

  /* no title yet: a sentence says what to type, and Save is off */
  g_assert_cmpstr (rally_event_editor_get_message (RALLY_EVENT_EDITOR (editor)), !=, "");
  g_assert_false (gtk_widget_activate_action (editor, "event.save", NULL) &&
                  rally_test_find_window (RALLY_TYPE_EVENT_EDITOR) == NULL);

  /* a last day before the first: the model's own message, in red */
  gtk_editable_set_text (GTK_EDITABLE (child (editor, RALLY_TYPE_EVENT_EDITOR, "title_row")), "Press day");
  gtk_switch_set_active (GTK_SWITCH (child (editor, RALLY_TYPE_EVENT_EDITOR, "period_switch")), TRUE);
  rally_event_set_last_day (rally_event_editor_get_event (RALLY_EVENT_EDITOR (editor)), DAY0 - 86400);
  gtk_editable_set_text (GTK_EDITABLE (child (editor, RALLY_TYPE_EVENT_EDITOR, "title_row")), "Promoted week");
  g_assert_cmpstr (rally_event_editor_get_message (RALLY_EVENT_EDITOR (editor)), ==,
                   "The last day is before the first day");
  g_assert_true (gtk_widget_has_css_class (child (editor, RALLY_TYPE_EVENT_EDITOR, "message_label"), "error"));

  /* one day again: it saves */
  gtk_switch_set_active (GTK_SWITCH (child (editor, RALLY_TYPE_EVENT_EDITOR, "period_switch")), FALSE);
  g_assert_cmpstr (rally_event_editor_get_message (RALLY_EVENT_EDITOR (editor)), ==, "");
  g_assert_true (gtk_widget_activate_action (editor, "event.save", NULL));
  rally_test_iterate ();
  g_assert_null (rally_test_find_window (RALLY_TYPE_EVENT_EDITOR));

  stored = rally_store_list_challenge_events (fixture->store, rally_challenge_get_id (fixture->challenge));
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 1);
  event = g_list_model_get_item (stored, 0);
  g_assert_cmpstr (rally_event_get_title (event), ==, "Promoted week");
  g_assert_cmpint (rally_event_get_first_day (event), ==, DAY0);
  g_assert_cmpint (rally_event_get_last_day (event), ==, DAY0);
  rally_test_iterate ();
  g_assert_cmpuint (count_rows (list_box), ==, 1);

  /* Delete is for good in the store, with a toast to undo it */
  g_assert_true (rally_events_group_delete_event (RALLY_EVENTS_GROUP (group), rally_event_get_id (event)));
  g_clear_object (&stored);
  stored = rally_store_list_challenge_events (fixture->store, rally_challenge_get_id (fixture->challenge));
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 0);
}

/* Typing the roster in the challenge editor and saving moves the split in the tiles. */
static void
test_roster_recomputes_split (Fixture       *fixture,
                              gconstpointer  data)
{
  RallyChallengeEditor *editor = rally_challenge_editor_new (fixture->store, fixture->challenge, 0);
  GtkTextView *partners = GTK_TEXT_VIEW (child (editor, RALLY_TYPE_CHALLENGE_EDITOR, "partners_view"));
  GtkLabel *message = GTK_LABEL (child (editor, RALLY_TYPE_CHALLENGE_EDITOR, "partners_message"));
  g_autoptr(RallyChallenge) stored = NULL;

  g_object_ref_sink (editor);
  wait_figure (fixture->tracking, RALLY_TRACKING_FIGURE_SEEDED, "0");
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (fixture->tracking, RALLY_TRACKING_FIGURE_ORGANIC), ==,
                   "3");

  /* a username TikTok would refuse: a clear sentence, and nothing saves */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (partners), "@Alice, bob!", -1);
  g_assert_false (rally_challenge_editor_get_can_save (editor));
  g_assert_nonnull (strstr (gtk_label_get_text (message), "bob!"));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (partners), "@Alice,\nbob", -1);
  g_assert_true (rally_challenge_editor_get_can_save (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save-draft", NULL));
  g_object_unref (editor);

  stored = rally_store_get_challenge (fixture->store, rally_challenge_get_id (fixture->challenge));
  g_assert_cmpstr (rally_challenge_get_partners (stored)[0], ==, "alice");
  g_assert_cmpstr (rally_challenge_get_partners (stored)[1], ==, "bob");
  wait_figure (fixture->tracking, RALLY_TRACKING_FIGURE_SEEDED, "2");
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (fixture->tracking, RALLY_TRACKING_FIGURE_ORGANIC), ==,
                   "1");
}

static guint
count_seeded (GListModel *model)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RallyVideo) video = g_list_model_get_item (model, i);

      if (rally_video_get_origin (video) != RALLY_VIDEO_ORIGIN_ORGANIC)
        n++;
    }

  return n;
}

/* Until @model holds @n seeded videos, or ten seconds: the list reloads apart from the tiles. */
static void
wait_seeded (RallyChallengeTracking *tracking,
             GListModel             *model,
             guint                   n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (count_seeded (model) != n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  wait_loaded (tracking);
  g_assert_cmpuint (count_seeded (model), ==, n);
}

/* The filter above Top Videos shows only the seeded ones; a video marked by hand joins them. */
static void
test_filter_seeded (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkDropDown *filter = GTK_DROP_DOWN (child (fixture->tracking, RALLY_TYPE_CHALLENGE_TRACKING, "origin_filter"));
  GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (rally_challenge_tracking_get_video_view (fixture->tracking)));
  const char *roster[] = { "bob", NULL };
  g_autoptr(RallyVideo) carol = NULL;
  g_autoptr(GError) error = NULL;

  rally_challenge_set_partners (fixture->challenge, roster);
  g_assert_true (rally_store_save_challenge (fixture->store, fixture->challenge, &error));
  g_assert_no_error (error);
  wait_figure (fixture->tracking, RALLY_TRACKING_FIGURE_SEEDED, "1");
  wait_seeded (fixture->tracking, shown, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);

  gtk_drop_down_set_selected (filter, 2);
  wait_loaded (fixture->tracking);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpuint (count_seeded (shown), ==, 1);

  /* @carol's video, marked seeded by hand from its menu's action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->tracking), "origin.set", "(xs)",
                                             fixture->video_ids[2], "seeded"));
  carol = rally_store_get_video (fixture->store, fixture->video_ids[2]);
  g_assert_true (rally_video_get_origin_manual (carol));
  wait_figure (fixture->tracking, RALLY_TRACKING_FIGURE_SEEDED, "2");
  wait_loaded (fixture->tracking);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_cmpuint (count_seeded (shown), ==, 2);

  gtk_drop_down_set_selected (filter, 1);
  wait_loaded (fixture->tracking);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpuint (count_seeded (shown), ==, 0);
}

/* The sample's #rednoseday shows a split, and its Joke-Ha-Thon and effect among its events. */
static void
test_sample_split (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  g_autofree char *dir = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(GListModel) challenges = NULL;
  GListModel *events;
  gboolean joke = FALSE, filter = FALSE;

  fixture.tmp = g_dir_make_tmp ("rally-roster-sample-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_build_filename (fixture.tmp, "workspace", NULL);
  store = rally_store_open (dir, &error);
  g_assert_no_error (error);
  g_assert_true (rally_sample_create (store, 1, &error));
  g_assert_no_error (error);
  challenges = rally_store_list_challenges (store, 0);
  for (guint i = 0; i < g_list_model_get_n_items (challenges) && challenge == NULL; i++)
    {
      g_autoptr(RallyChallenge) item = g_list_model_get_item (challenges, i);

      if (g_strcmp0 (rally_challenge_get_hashtag (item), "rednoseday") == 0)
        challenge = g_steal_pointer (&item);
    }
  g_assert_nonnull (challenge);
  g_assert_cmpuint (g_strv_length ((char **) rally_challenge_get_partners (challenge)), >=, 3);

  show_tracking (&fixture, store, challenge);
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (fixture.tracking, RALLY_TRACKING_FIGURE_SEEDED), !=, "0");
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (fixture.tracking, RALLY_TRACKING_FIGURE_SEEDED), !=, "–");
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (fixture.tracking, RALLY_TRACKING_FIGURE_ORGANIC), !=, "0");
  g_assert_cmpstr (rally_challenge_tracking_get_figure_text (fixture.tracking, RALLY_TRACKING_FIGURE_ORGANIC), !=, "–");

  events = rally_events_group_get_events (RALLY_EVENTS_GROUP (child (fixture.tracking, RALLY_TYPE_CHALLENGE_TRACKING,
                                                                     "events_group")));
  g_assert_nonnull (events);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(RallyEvent) event = g_list_model_get_item (events, i);

      joke |= g_strcmp0 (rally_event_get_title (event), "Joke-Ha-Thon") == 0 && rally_event_is_period (event);
      filter |= rally_event_get_kind (event) == RALLY_EVENT_KIND_AR_EFFECT_RELEASED;
      /* what the sample invents, it says */
      if (rally_event_get_kind (event) != RALLY_EVENT_KIND_PRESS_COVERAGE)
        g_assert_nonnull (strstr (rally_event_get_note (event), "nvented"));
    }
  g_assert_true (joke);
  g_assert_true (filter);

  gtk_window_destroy (fixture.window);
  rally_test_iterate ();
  g_clear_object (&store);
  rally_test_remove_tree (fixture.tmp);
  g_free (fixture.tmp);
}

/* A stored campaign's editor lists its events too, and adds one to the campaign. */
static void
test_campaign_events (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(GListModel) stored = NULL;
  g_autoptr(GError) error = NULL;
  RallyCampaignEditor *editor;
  GtkWidget *group, *event_editor;

  rally_campaign_set_name (campaign, "Spring");
  rally_campaign_set_start_date (campaign, DAY0);
  g_assert_true (rally_store_save_campaign (fixture->store, campaign, &error));
  g_assert_no_error (error);
  editor = rally_campaign_editor_new (fixture->store, campaign);
  gtk_window_present (GTK_WINDOW (editor));
  group = child (editor, RALLY_TYPE_CAMPAIGN_EDITOR, "events_group");
  g_assert_true (gtk_widget_get_visible (group));

  g_assert_true (gtk_widget_activate_action (group, "events.add", NULL));
  event_editor = GTK_WIDGET (rally_test_find_window (RALLY_TYPE_EVENT_EDITOR));
  g_assert_nonnull (event_editor);
  gtk_editable_set_text (GTK_EDITABLE (child (event_editor, RALLY_TYPE_EVENT_EDITOR, "title_row")), "Press launch");
  g_assert_true (gtk_widget_activate_action (event_editor, "event.save", NULL));
  rally_test_iterate ();

  stored = rally_store_list_campaign_events (fixture->store, rally_campaign_get_id (campaign));
  g_assert_cmpuint (g_list_model_get_n_items (stored), ==, 1);
  g_assert_cmpuint (count_rows (child (group, RALLY_TYPE_EVENTS_GROUP, "list_box")), ==, 1);
  gtk_window_destroy (GTK_WINDOW (editor));
  rally_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = rally_test_isolate_user_dirs ();
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!rally_test_init_gtk ())
    {
      g_test_skip ("No display");
      return 77;
    }
  adw_init ();

  g_test_add ("/roster-ui/add-event", Fixture, NULL, fixture_set_up, test_add_event, fixture_tear_down);
  g_test_add ("/roster-ui/roster-recomputes-split", Fixture, NULL, fixture_set_up, test_roster_recomputes_split,
              fixture_tear_down);
  g_test_add ("/roster-ui/filter-seeded", Fixture, NULL, fixture_set_up, test_filter_seeded, fixture_tear_down);
  g_test_add ("/roster-ui/campaign-events", Fixture, NULL, fixture_set_up, test_campaign_events, fixture_tear_down);
  g_test_add_func ("/roster-ui/sample-split", test_sample_split);
  ret = g_test_run ();

  rally_test_remove_tree (tmp);
  return ret;
}
