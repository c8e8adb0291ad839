/* test-video-list-ui.c
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

/* All Videos of a challenge of 20,000 videos through the real widgets, on a local
 * workspace and on a team one (a real PostgreSQL): the table shows its first rows
 * holding only a few pages of them, scrolls to the last row and jumps to the middle
 * still holding only a few pages, and keeps its place when the store's videos change. */

#include "config.h"

#include <adwaita.h>

#include "rally-challenge-tracking.h"
#include "rally-format.h"
#include "rally-store.h"
#include "rally-test-pg.h"
#include "rally-test-ui.h"
#include "rally-test-util.h"
#include "rally-video-list.h"

#define N_VIDEOS 20000
#define MAX_READ 1600   /* 16 pages of 100 rows: a few screens, not the challenge */

typedef struct
{
  char                   *tmp;
  RallyStore             *store;
  RallyChallenge         *challenge;
  GtkWindow              *window;
  RallyChallengeTracking *tracking;
  RallyTestPgFixture      pg;
} Fixture;

static RallyVideo *
make_video (guint  i,
            gint64 views)
{
  RallyVideo *video = rally_video_new ();
  g_autofree char *creator = g_strdup_printf ("c%05u", i);

  rally_video_set_tiktok_id (video, 7100000000000000000 + i);
  rally_video_set_creator (video, creator);
  rally_video_set_region (video, "GB");
  rally_video_set_posted_at (video, 1589241600 + (i % 60) * 86400);
  rally_video_set_views (video, views);
  return video;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) videos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  fixture->tmp = g_dir_make_tmp ("rally-vlist-XXXXXX", &error);
  g_assert_no_error (error);
  if (GPOINTER_TO_INT (data))
    {
      /* a team workspace: pages by keyset seek and OFFSET */
      rally_test_pg_fixture_setup (&fixture->pg, GINT_TO_POINTER (RALLY_TEST_PG_SOCKET_ONLY));
      if (fixture->pg.pg == NULL)
        return;
      fixture->store = rally_store_open (fixture->pg.uri, &error);
    }
  else
    {
      /* a local workspace: the ordered ids read in the background, rows by id */
      dir = g_build_filename (fixture->tmp, "workspace", NULL);
      fixture->store = rally_store_open (dir, &error);
    }
  g_assert_no_error (error);
  g_assert_true (rally_store_seeks_video_pages (fixture->store) == (GPOINTER_TO_INT (data) != 0));
  fixture->challenge = rally_challenge_new ();
  rally_challenge_set_hashtag (fixture->challenge, "scrolltest");
  g_assert_true (rally_store_save_challenge (fixture->store, fixture->challenge, &error));
  g_assert_no_error (error);

  /* video i has i views: by views, largest first, @c19999 leads and @c00000 closes */
  for (guint i = 0; i < N_VIDEOS; i++)
    g_ptr_array_add (videos, make_video (i, i));
  g_assert_true (rally_store_upsert_videos (fixture->store, rally_challenge_get_id (fixture->challenge),
                                            (RallyVideo **) videos->pdata, videos->len, &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 800);
  fixture->tracking = RALLY_CHALLENGE_TRACKING (rally_challenge_tracking_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (fixture->tracking));
  gtk_window_set_child (fixture->window, scrolled);
  rally_challenge_tracking_set_store (fixture->tracking, fixture->store);
  rally_challenge_tracking_set_challenge (fixture->tracking, fixture->challenge);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store == NULL)
    {
      rally_test_pg_fixture_teardown (&fixture->pg, NULL);
      rally_test_remove_tree (fixture->tmp);
      g_free (fixture->tmp);
      return;
    }
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->challenge);
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       G_OBJECT (fixture->store)->ref_count > 1 && g_get_monotonic_time () < deadline;)
    rally_test_iterate ();
  g_assert_finalize_object (fixture->store);
  if (GPOINTER_TO_INT (data))
    rally_test_pg_fixture_teardown (&fixture->pg, NULL);
  rally_test_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;

  return FALSE;
}

/* The creators on show, in no order */
static void
collect_creators (GtkWidget  *widget,
                  GPtrArray  *creators)
{
  const char *text;

  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_INSCRIPTION (widget) && (text = gtk_inscription_get_text (GTK_INSCRIPTION (widget))) != NULL &&
      text[0] == '@')
    g_ptr_array_add (creators, g_strdup (text));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_creators (child, creators);
}

static void
wait_text (GtkWidget  *view,
           const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!shows_text (view, text) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!shows_text (view, text))
    g_error ("The table does not show “%s”", text);
}

static void
wait_loaded (RallyChallengeTracking *tracking)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (rally_challenge_tracking_is_loading (tracking) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (rally_challenge_tracking_is_loading (tracking));
}

static void
wait_frames (GtkWidget *widget)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 4;

  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (2000);
}

static RallyVideoList *
video_list (GtkColumnView *view)
{
  GListModel *model = gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_column_view_get_model (view)));

  g_assert_true (RALLY_IS_VIDEO_LIST (model));
  return RALLY_VIDEO_LIST (model);
}

/* Opens All Videos and waits for its first row */
static GtkColumnView *
open_all_videos (Fixture *fixture)
{
  GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->tracking),
                                                                 RALLY_TYPE_CHALLENGE_TRACKING,
                                                                 "all_videos_button"));
  GtkColumnView *view = rally_challenge_tracking_get_video_view (fixture->tracking);

  wait_loaded (fixture->tracking);
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  wait_text (GTK_WIDGET (view), "@c19999");
  return view;
}

static void
scroll_to (GtkColumnView *view,
           double         fraction)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  /* the list guesses the height of the rows it has not measured: set it again once measured */
  for (guint i = 0; i < 4; i++)
    {
      double end = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

      gtk_adjustment_set_value (adjustment, end * fraction);
      wait_frames (GTK_WIDGET (view));
    }
}

/* The first rows show with a few pages read; the end of the list too. */
static void
test_first_rows_and_end (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkColumnView *view;
  RallyVideoList *list;
  g_autofree char *most = rally_format_integer (N_VIDEOS - 1);

  RALLY_TEST_PG_SKIP_IF_MISSING (&fixture->pg);
  view = open_all_videos (fixture);
  list = video_list (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_VIDEOS);
  g_assert_true (shows_text (GTK_WIDGET (view), most));
  g_assert_cmpuint (rally_video_list_get_n_read (list), >, 0);
  g_assert_cmpuint (rally_video_list_get_n_read (list), <=, MAX_READ);

  scroll_to (view, 1.0);
  wait_text (GTK_WIDGET (view), "@c00000");
  g_assert_false (shows_text (GTK_WIDGET (view), "@c19999"));
  g_assert_cmpuint (rally_video_list_get_n_read (list), <=, MAX_READ);

  /* the middle, after a jump: video 10,000 is row 9,999 */
  scroll_to (view, 0.5);
  g_assert_cmpuint (rally_video_list_get_n_read (list), <=, MAX_READ);
  {
    g_autoptr(GPtrArray) creators = g_ptr_array_new_with_free_func (g_free);

    collect_creators (GTK_WIDGET (view), creators);
    g_assert_cmpuint (creators->len, >, 5);
    for (guint i = 0; i < creators->len; i++)
      {
        guint n = atoi ((char *) creators->pdata[i] + 2);

        g_assert_cmpuint (n, >, N_VIDEOS / 2 - 400);
        g_assert_cmpuint (n, <, N_VIDEOS / 2 + 400);
      }
  }
}

static gboolean
shares_rows (GPtrArray *before,
             GPtrArray *after)
{
  guint shared = 0;

  for (guint i = 0; i < before->len; i++)
    for (guint j = 0; j < after->len; j++)
      if (g_str_equal (before->pdata[i], after->pdata[j]))
        shared++;

  return shared * 2 >= before->len;
}

/* Another writer's videos (a new one at the top, new views on one on show) re-read
 * the list in place: the table stays where it was. */
static void
test_change_keeps_position (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkColumnView *view;
  RallyVideoList *list;
  GtkAdjustment *adjustment;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(RallyVideo) top = make_video (N_VIDEOS, N_VIDEOS * 10);
  g_autoptr(RallyVideo) changed = make_video (12000, 12000);
  RallyVideo *videos[] = { top, changed };
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  double value;

  RALLY_TEST_PG_SKIP_IF_MISSING (&fixture->pg);
  view = open_all_videos (fixture);
  list = video_list (view);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  scroll_to (view, 0.4);
  collect_creators (GTK_WIDGET (view), before);
  g_assert_cmpuint (before->len, >, 5);
  value = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (value, >, 0);

  rally_video_set_likes (changed, 5);
  g_assert_true (rally_store_upsert_videos (fixture->store, rally_challenge_get_id (fixture->challenge), videos, 2,
                                            &error));
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (list)) != N_VIDEOS + 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_VIDEOS + 1);
  wait_frames (GTK_WIDGET (view));

  collect_creators (GTK_WIDGET (view), after);
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) - value), <, 100);
  g_assert_true (shares_rows (before, after));
  g_assert_cmpuint (rally_video_list_get_n_read (list), <=, MAX_READ);
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

  for (int pg = 0; pg < 2; pg++)
    {
      const char *engine = pg ? "pg" : "sqlite";
      g_autofree char *first = g_strdup_printf ("/video-list-ui/%s/first-rows-and-end", engine);
      g_autofree char *change = g_strdup_printf ("/video-list-ui/%s/change-keeps-position", engine);

      g_test_add (first, Fixture, GINT_TO_POINTER (pg), fixture_set_up, test_first_rows_and_end, fixture_tear_down);
      g_test_add (change, Fixture, GINT_TO_POINTER (pg), fixture_set_up, test_change_keeps_position,
                  fixture_tear_down);
    }
  ret = g_test_run ();
  rally_test_remove_tree (tmp);

  return ret;
}
