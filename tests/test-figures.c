/* test-figures.c
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

/* The figures layer: a campaign's and its challenges' figures computed from a small
 * workspace (totals, donations up to the cap, other currencies, snapshots that say
 * more, the median engagement), and the reader that serves them from its own thread
 * and reads once per burst of changes. */

#include "config.h"

#include "rally-figures-reader.h"
#include "rally-store.h"
#include "rally-test-util.h"

typedef struct
{
  char          *dir;
  RallyStore    *store;
  RallyCampaign *campaign;
  gint64         capped;     /* USD 2.00 a video up to 5.00: three videos */
  gint64         euros;      /* EUR 1.00 a video, one video */
  gint64         snapshot;   /* USD 1.00 a video, one stored, a snapshot of ten */
} Fixture;

static gint64
save_challenge (Fixture    *f,
                const char *hashtag,
                const char *currency,
                gint64      pledge,
                gint64      cap)
{
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GError) error = NULL;

  rally_challenge_set_hashtag (challenge, hashtag);
  rally_challenge_set_campaign_id (challenge, rally_campaign_get_id (f->campaign));
  rally_challenge_set_currency (challenge, currency);
  rally_challenge_set_pledge_per_video (challenge, pledge);
  rally_challenge_set_pledge_cap (challenge, cap);
  rally_store_save_challenge (f->store, challenge, &error);
  g_assert_no_error (error);

  return rally_challenge_get_id (challenge);
}

/* A video whose engagement rate is @likes / @views. */
static void
add_video (Fixture    *f,
           gint64      challenge_id,
           gint64      tiktok_id,
           const char *creator,
           gint64      views,
           gint64      likes)
{
  g_autoptr(RallyVideo) video = rally_video_new ();
  g_autoptr(GError) error = NULL;

  rally_video_set_tiktok_id (video, tiktok_id);
  rally_video_set_creator (video, creator);
  rally_video_set_posted_at (video, 1750032000 + tiktok_id * 86400);
  rally_video_set_views (video, views);
  rally_video_set_likes (video, likes);
  g_assert_true (rally_store_upsert_videos (f->store, challenge_id, &video, 1, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallySnapshot) snapshot = rally_snapshot_new ();

  f->dir = g_dir_make_tmp ("rally-figures-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = rally_store_open (f->dir, &error);
  g_assert_no_error (error);

  f->campaign = rally_campaign_new ();
  rally_campaign_set_name (f->campaign, "Rivers");
  rally_campaign_set_currency (f->campaign, "USD");
  g_assert_true (rally_store_save_campaign (f->store, f->campaign, &error));

  f->capped = save_challenge (f, "capped", "USD", 200, 500);
  add_video (f, f->capped, 1, "ana", 1000, 100);   /* 0.1 */
  add_video (f, f->capped, 2, "ben", 2000, 1800);  /* 0.9 */
  add_video (f, f->capped, 3, "ana", 3000, 900);   /* 0.3 */

  f->euros = save_challenge (f, "euros", "EUR", 100, 0);
  add_video (f, f->euros, 4, "cleo", 500, 50);

  f->snapshot = save_challenge (f, "snapshot", "USD", 100, 0);
  add_video (f, f->snapshot, 5, "dan", 700, 70);
  rally_snapshot_set_challenge_id (snapshot, f->snapshot);
  rally_snapshot_set_taken_at (snapshot, 1760000000);
  rally_snapshot_set_videos (snapshot, 10);
  rally_snapshot_set_views (snapshot, 99999);
  g_assert_true (rally_store_add_snapshot (f->store, snapshot, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->campaign);
  /* the reader's worker lets go of its last tasks, and so of the reader and its
   * store, on the main context */
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       G_OBJECT (f->store)->ref_count > 1 && g_get_monotonic_time () < deadline;)
    {
      rally_test_iterate ();
      g_usleep (1000);
    }
  g_assert_finalize_object (f->store);
  rally_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
assert_campaign_figures (Fixture              *f,
                         RallyCampaignFigures *figures)
{
  RallyChallengeFigures *capped = rally_campaign_figures_lookup (figures, f->capped);
  RallyChallengeFigures *snapshot = rally_campaign_figures_lookup (figures, f->snapshot);

  g_assert_nonnull (capped);
  g_assert_cmpint (capped->totals.videos, ==, 3);
  g_assert_cmpint (capped->totals.views, ==, 6000);
  g_assert_cmpint (capped->totals.likes, ==, 2800);
  g_assert_cmpint (capped->totals.creators, ==, 2);
  g_assert_null (capped->latest);

  g_assert_nonnull (snapshot);
  g_assert_nonnull (snapshot->latest);
  g_assert_cmpint (rally_challenge_figures_get_videos (snapshot), ==, 10);
  g_assert_cmpint (rally_challenge_figures_get_views (snapshot), ==, 99999);

  g_assert_cmpuint (figures->challenges->len, ==, 3);
  /* 3 + 1 + the snapshot's 10; 6,000 + 500 + the snapshot's 99,999 */
  g_assert_cmpint (figures->videos, ==, 14);
  g_assert_cmpint (figures->views, ==, 106499);
  /* min(3 × 2.00, 5.00) + 10 × 1.00; the euros are not added up */
  g_assert_cmpint (figures->raised, ==, 500 + 1000);
  g_assert_true (figures->other_currency);
  /* the report's sums: the stored videos only */
  g_assert_cmpint (figures->stored.videos, ==, 5);
  g_assert_cmpint (figures->stored.views, ==, 7200);
  g_assert_cmpint (rally_campaign_figures_get_stored_raised (figures, f->campaign), ==, 500 + 100);
}

static void
test_figures_campaign (Fixture       *f,
                       gconstpointer  data)
{
  RallyFiguresDetail detail = RALLY_FIGURES_MEDIAN | RALLY_FIGURES_REACH;
  g_autoptr(RallyCampaignFigures) figures = rally_figures_read_campaign (f->store, f->campaign, detail);
  RallyChallengeFigures *capped = rally_campaign_figures_lookup (figures, f->capped);
  RallyForecast forecast = { 0 };
  double rate;

  assert_campaign_figures (f, figures);

  /* the rates are 0.1, 0.3 and 0.9 */
  g_assert_true (capped->has_median);
  g_assert_cmpfloat_with_epsilon (capped->median_engagement, 0.3, 1e-9);
  g_assert_true (rally_challenge_figures_get_engagement (capped, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 2800.0 / 6000.0, 1e-9);
  g_assert_cmpint (rally_challenge_figures_get_raised (capped, g_ptr_array_index (figures->challenges, 0)), ==, 500);

  /* three posting days, 3 videos by the last: a goal of 3 is reached */
  g_assert_nonnull (capped->reach);
  g_assert_cmpuint (capped->reach->len, >=, 3);
  g_assert_cmpint (rally_challenge_figures_forecast (capped, RALLY_METRIC_VIDEOS, 3, 1780000000, &forecast), ==,
                   RALLY_FORECAST_REACHED);
}

static void
test_figures_empty_challenge (void)
{
  g_autoptr(RallyChallengeFigures) figures = rally_challenge_figures_new (7);
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  double rate = -1;

  rally_challenge_set_pledge_per_video (challenge, 100);
  g_assert_false (rally_challenge_figures_get_engagement (figures, &rate));
  g_assert_cmpfloat (rate, ==, 0);
  g_assert_cmpint (rally_challenge_figures_get_raised (figures, challenge), ==, 0);
  g_assert_cmpint (rally_challenge_figures_get_views (figures), ==, 0);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
wait_loaded (RallyFiguresReader *reader,
             guint               n_reloads)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (rally_figures_reader_get_n_reloads (reader) < n_reloads && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (rally_figures_reader_get_n_reloads (reader), ==, n_reloads);
}

static gpointer
which_thread (RallyStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_assert_true (RALLY_IS_STORE (store));
  return g_thread_self ();
}

static void
test_reader_thread (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RallyFiguresReader) reader = rally_figures_reader_new (f->store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RallyChallengeFigures) figures = NULL;
  g_autoptr(GError) error = NULL;
  GThread *worker;

  /* the first look starts the first read: nothing is known before it comes back */
  g_assert_false (rally_figures_reader_is_loaded (reader));
  g_assert_null (rally_figures_reader_lookup_campaign (reader, rally_campaign_get_id (f->campaign)));
  wait_loaded (reader, 1);
  assert_campaign_figures (f, rally_figures_reader_lookup_campaign (reader, rally_campaign_get_id (f->campaign)));
  g_assert_cmpint (rally_figures_reader_lookup_challenge (reader, f->euros)->totals.views, ==, 500);

  rally_figures_reader_run_async (reader, which_thread, NULL, NULL, NULL, NULL, rally_test_store_result_cb, &result);
  worker = rally_figures_reader_run_finish (reader, rally_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (worker);
  g_assert_true (worker != g_thread_self ());
  g_clear_object (&result);

  rally_figures_reader_read_challenge_async (reader, f->capped, NULL, rally_test_store_result_cb, &result);
  figures = rally_figures_reader_read_challenge_finish (reader, rally_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (figures->totals.videos, ==, 3);
  g_assert_true (figures->has_median);
  g_assert_cmpfloat_with_epsilon (figures->median_engagement, 0.3, 1e-9);
  g_assert_nonnull (figures->reach);
}

/* A burst of changes, such as a sync's pages, makes one reload; planned posts none. */
static void
test_reader_coalesces (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RallyFiguresReader) reader = rally_figures_reader_new (f->store);
  guint changed = 0;
  guint reads;

  g_signal_connect (reader, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_null (rally_figures_reader_lookup_challenge (reader, f->capped));
  wait_loaded (reader, 1);
  g_assert_cmpuint (changed, ==, 1);
  reads = rally_figures_reader_get_n_reads (reader);

  for (guint i = 0; i < 50; i++)
    {
      rally_store_emit_changed (f->store, i % 2 ? "videos" : "snapshots", i);
      g_main_context_iteration (NULL, FALSE);
    }
  add_video (f, f->capped, 6, "eve", 4000, 400);
  wait_loaded (reader, 2);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (rally_figures_reader_get_n_reads (reader), ==, reads + 1);
  g_assert_cmpint (rally_figures_reader_lookup_challenge (reader, f->capped)->totals.videos, ==, 4);

  /* nothing more comes after the burst, and planned posts hold no figures */
  rally_store_emit_changed (f->store, "planned_posts", 1);
  g_usleep (200 * 1000);
  rally_test_iterate ();
  g_assert_cmpuint (rally_figures_reader_get_n_reloads (reader), ==, 2);
  g_assert_cmpuint (changed, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/figures/campaign", Fixture, NULL, fixture_setup, test_figures_campaign, fixture_teardown);
  g_test_add_func ("/figures/empty-challenge", test_figures_empty_challenge);
  g_test_add ("/figures/reader/thread", Fixture, NULL, fixture_setup, test_reader_thread, fixture_teardown);
  g_test_add ("/figures/reader/coalesces", Fixture, NULL, fixture_setup, test_reader_coalesces, fixture_teardown);

  return g_test_run ();
}
