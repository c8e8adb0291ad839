/* test-overview.c
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

/* The Analytics overview's figures on a hand-built store: every challenge's videos,
 * views, engagement, money (in the main currency, up to each cap) and new creators
 * of a period and of the period of the same length before it, and the changes. */

#include "config.h"

#include "rally-overview.h"
#include "rally-store-overview.h"
#include "rally-store.h"
#include "rally-test-util.h"

#define DAY0 ((gint64) 1750032000)  /* a UTC midnight, 16 June 2025 */
#define DAY  ((gint64) 86400)

typedef struct
{
  char       *dir;
  RallyStore *store;
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
  rally_challenge_set_currency (challenge, currency);
  rally_challenge_set_pledge_per_video (challenge, pledge);
  rally_challenge_set_pledge_cap (challenge, cap);
  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  g_assert_no_error (error);

  return rally_challenge_get_id (challenge);
}

static void
add_video (Fixture    *f,
           gint64      challenge_id,
           gint64      tiktok_id,
           guint       day,
           const char *creator,
           gint64      views,
           gint64      likes,
           gint64      comments,
           gint64      shares)
{
  g_autoptr(RallyVideo) video = rally_video_new ();
  g_autoptr(GError) error = NULL;

  rally_video_set_tiktok_id (video, tiktok_id);
  rally_video_set_creator (video, creator);
  rally_video_set_posted_at (video, DAY0 + day * DAY + 3600 * (gint64) (tiktok_id % 20));
  rally_video_set_views (video, views);
  rally_video_set_likes (video, likes);
  rally_video_set_comments (video, comments);
  rally_video_set_shares (video, shares);
  g_assert_true (rally_store_upsert_videos (f->store, challenge_id, &video, 1, &error));
  g_assert_no_error (error);
}

/* The previous week (days 0–6) and this week (days 7–13):
 *   #capped  USD 2.00 a video up to 10.00: days 0, 1, 8, 9, 10, 11 (the sixth raises nothing)
 *   #plain   USD 1.00 a video, no cap: days 2 and 12
 *   #euros   EUR 0.50 a video: days 3 and 13 (its money is left out: USD is the main currency) */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 capped, plain, euros;

  f->dir = g_dir_make_tmp ("rally-overview-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = rally_store_open (f->dir, &error);
  g_assert_no_error (error);

  capped = save_challenge (f, "capped", "USD", 200, 1000);
  plain = save_challenge (f, "plain", "USD", 100, 0);
  euros = save_challenge (f, "euros", "EUR", 50, 0);

  add_video (f, capped, 1, 0, "ana", 1000, 100, 0, 0);
  add_video (f, capped, 2, 1, "ben", 2000, 200, 0, 0);
  add_video (f, capped, 3, 8, "Ana", 3000, 300, 10, 0);
  add_video (f, capped, 4, 9, "cleo", 4000, 40, 0, 5);
  add_video (f, capped, 5, 10, "dan", 500, 0, 0, 0);
  add_video (f, capped, 6, 11, "eve", 600, 0, 0, 0);
  add_video (f, plain, 7, 2, "ben", 100, 0, 0, 0);
  add_video (f, plain, 8, 12, "fay", 900, 9, 0, 0);
  add_video (f, euros, 9, 3, "gus", 50, 0, 0, 0);
  add_video (f, euros, 10, 13, "gus", 70, 0, 0, 0);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  rally_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
test_overview_weeks (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *currency = NULL;
  guint n_other = 99;
  g_autoptr(GArray) days = rally_store_query_overview_days (f->store, &currency, &n_other);
  RallyOverview overview;
  double change;

  g_assert_cmpstr (currency, ==, "USD");
  g_assert_cmpuint (n_other, ==, 1);
  /* one element per day with videos (0–3 and 8–13), in order */
  g_assert_cmpuint (days->len, ==, 10);
  for (guint i = 1; i < days->len; i++)
    g_assert_cmpint (g_array_index (days, RallyOverviewDay, i - 1).day, <, g_array_index (days, RallyOverviewDay, i).day);

  /* this week, any time of its first and last days */
  rally_overview_compute (days, DAY0 + 7 * DAY + 5000, DAY0 + 13 * DAY + 80000, &overview);
  g_assert_cmpint (overview.from, ==, DAY0 + 7 * DAY);
  g_assert_cmpint (overview.to, ==, DAY0 + 13 * DAY);
  g_assert_cmpint (overview.previous_from, ==, DAY0);
  g_assert_cmpuint (rally_overview_n_days (&overview), ==, 7);
  g_assert_true (overview.has_previous);

  g_assert_cmpint (overview.current[RALLY_OVERVIEW_VIDEOS], ==, 6);
  g_assert_cmpint (overview.current[RALLY_OVERVIEW_VIEWS], ==, 3000 + 4000 + 500 + 600 + 900 + 70);
  g_assert_cmpint (overview.current[RALLY_OVERVIEW_ENGAGEMENT], ==, 310 + 45 + 9);
  /* #capped: three more videos reach its cap, the fourth raises nothing; #plain: one */
  g_assert_cmpint (overview.current[RALLY_OVERVIEW_RAISED], ==, 600 + 100);
  /* cleo, dan, eve, fay: Ana is ana, and gus posted last week */
  g_assert_cmpint (overview.current[RALLY_OVERVIEW_NEW_CREATORS], ==, 4);

  g_assert_cmpint (overview.previous[RALLY_OVERVIEW_VIDEOS], ==, 4);
  g_assert_cmpint (overview.previous[RALLY_OVERVIEW_VIEWS], ==, 1000 + 2000 + 100 + 50);
  g_assert_cmpint (overview.previous[RALLY_OVERVIEW_ENGAGEMENT], ==, 300);
  g_assert_cmpint (overview.previous[RALLY_OVERVIEW_RAISED], ==, 400 + 100);
  g_assert_cmpint (overview.previous[RALLY_OVERVIEW_NEW_CREATORS], ==, 3);

  g_assert_true (rally_overview_change (&overview, RALLY_OVERVIEW_VIDEOS, &change));
  g_assert_cmpfloat_with_epsilon (change, 0.5, 1e-12);
  g_assert_true (rally_overview_change (&overview, RALLY_OVERVIEW_VIEWS, &change));
  g_assert_cmpfloat_with_epsilon (change, 9070.0 / 3150.0 - 1, 1e-12);
  g_assert_true (rally_overview_change (&overview, RALLY_OVERVIEW_ENGAGEMENT, &change));
  g_assert_cmpfloat_with_epsilon (change, 364.0 / 300.0 - 1, 1e-12);
  g_assert_true (rally_overview_change (&overview, RALLY_OVERVIEW_RAISED, &change));
  g_assert_cmpfloat_with_epsilon (change, 0.4, 1e-12);
  g_assert_true (rally_overview_change (&overview, RALLY_OVERVIEW_NEW_CREATORS, &change));
  g_assert_cmpfloat_with_epsilon (change, 4.0 / 3.0 - 1, 1e-12);
}

/* The first week has nothing before it: no change to tell, not "+∞%". */
static void
test_overview_no_previous (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *currency = NULL;
  guint n_other;
  g_autoptr(GArray) days = rally_store_query_overview_days (f->store, &currency, &n_other);
  RallyOverview overview;
  double change = 42;

  rally_overview_compute (days, DAY0, DAY0 + 6 * DAY, &overview);
  g_assert_false (overview.has_previous);
  g_assert_cmpint (overview.current[RALLY_OVERVIEW_VIDEOS], ==, 4);
  g_assert_cmpint (overview.previous[RALLY_OVERVIEW_VIDEOS], ==, 0);
  for (guint f_ = 0; f_ < RALLY_OVERVIEW_N_FIGURES; f_++)
    g_assert_false (rally_overview_change (&overview, f_, &change));
  g_assert_cmpfloat (change, ==, 42);
}

/* Days with data before, but none of a figure: no percentage of nothing. */
static void
test_overview_change_from_nothing (void)
{
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (RallyOverviewDay));
  RallyOverviewDay before = { .day = DAY0, .figures = { 2, 10, 0, 0, 1 } };
  RallyOverviewDay after = { .day = DAY0 + DAY, .figures = { 1, 30, 5, 0, 0 } };
  RallyOverview overview;
  double change;

  g_array_append_val (days, after);
  g_array_append_val (days, before);
  rally_overview_compute (days, DAY0 + DAY, DAY0 + DAY, &overview);
  g_assert_true (overview.has_previous);
  g_assert_true (rally_overview_change (&overview, RALLY_OVERVIEW_VIDEOS, &change));
  g_assert_cmpfloat_with_epsilon (change, -0.5, 1e-12);
  g_assert_true (rally_overview_change (&overview, RALLY_OVERVIEW_VIEWS, &change));
  g_assert_cmpfloat_with_epsilon (change, 2.0, 1e-12);
  g_assert_false (rally_overview_change (&overview, RALLY_OVERVIEW_ENGAGEMENT, &change));
  g_assert_false (rally_overview_change (&overview, RALLY_OVERVIEW_RAISED, &change));
  g_assert_true (rally_overview_change (&overview, RALLY_OVERVIEW_NEW_CREATORS, &change));
  g_assert_cmpfloat_with_epsilon (change, -1.0, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/overview/weeks", Fixture, NULL, fixture_setup, test_overview_weeks, fixture_teardown);
  g_test_add ("/overview/no-previous", Fixture, NULL, fixture_setup, test_overview_no_previous, fixture_teardown);
  g_test_add_func ("/overview/change-from-nothing", test_overview_change_from_nothing);

  return g_test_run ();
}
