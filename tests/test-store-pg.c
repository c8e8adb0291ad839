/* test-store-pg.c
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

/* A representative part of test-store.c's cases, run on a team workspace in a real
 * PostgreSQL server started for each test (rally-test-pg.c): the same store code, the
 * same assertions, the other driver. */

#define RALLY_TEST_STORE_PG 1
/* the cases of files and SQLite alone stay unregistered here */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "test-store.c"

#include "rally-figures-reader.h"
#include "rally-store-origins.h"
#include "rally-store-overview.h"

static void
upsert_one (Fixture    *f,
            gint64      challenge_id,
            gint64      tiktok_id,
            const char *creator,
            gint64      posted_at,
            gint64      views,
            gint64      likes)
{
  g_autoptr(RallyVideo) video = rally_video_new ();
  g_autoptr(GError) error = NULL;

  rally_video_set_tiktok_id (video, tiktok_id);
  rally_video_set_creator (video, creator);
  rally_video_set_posted_at (video, posted_at);
  rally_video_set_views (video, views);
  rally_video_set_likes (video, likes);
  g_assert_true (rally_store_upsert_videos (f->store, challenge_id, &video, 1, &error));
  g_assert_no_error (error);
}

static void
add_pg_video (Fixture *f,
              gint64   challenge_id,
              gint64   tiktok_id,
              gint64   views,
              gint64   likes)
{
  upsert_one (f, challenge_id, tiktok_id, tiktok_id == 3 ? "ana" : "bo", 1750032000 + tiktok_id * 86400, views, likes);
}

/* rally_store_settle_rollups(), which must succeed */
static void
settle (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_store_settle_rollups (f->store, &error));
  g_assert_no_error (error);
}

/* The sync writes and their per-day roll-up in one database: each test's database
 * and migrations take seconds on PostgreSQL. */
static void
test_store_pg_sync (Fixture       *f,
                    gconstpointer  data)
{
  test_store_sync_writes (f, data);
  test_store_sync_day_rollups (f, data);
}

/* The figures of a campaign, read on the caller's connection and by the reader's
 * worker thread on a connection of its own to the same server. */
static void
test_store_pg_figures (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RallyCampaign) campaign = save_new_campaign (f, "Figures");
  g_autoptr(RallyChallenge) challenge = make_challenge ("Pledged", rally_campaign_get_id (campaign));
  g_autoptr(RallyCampaignFigures) figures = NULL;
  g_autoptr(RallyFiguresReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  RallyCampaignFigures *read;
  RallyChallengeFigures *one;
  gint64 deadline;
  gint64 id;

  rally_challenge_set_currency (challenge, "USD");
  rally_challenge_set_pledge_per_video (challenge, 200);
  rally_challenge_set_pledge_cap (challenge, 500);
  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  g_assert_no_error (error);
  id = rally_challenge_get_id (challenge);
  /* engagement rates 0.1, 0.3 and 0.9 */
  add_pg_video (f, id, 1, 1000, 100);
  add_pg_video (f, id, 2, 2000, 600);
  add_pg_video (f, id, 3, 3000, 2700);

  figures = rally_figures_read_campaign (f->store, campaign, RALLY_FIGURES_MEDIAN | RALLY_FIGURES_REACH);
  one = rally_campaign_figures_lookup (figures, id);
  g_assert_nonnull (one);
  g_assert_cmpint (one->totals.videos, ==, 3);
  g_assert_cmpint (one->totals.views, ==, 6000);
  g_assert_cmpint (one->totals.likes, ==, 3400);
  g_assert_cmpint (one->totals.creators, ==, 2);
  g_assert_true (one->has_median);
  g_assert_cmpfloat_with_epsilon (one->median_engagement, 0.3, 1e-9);
  /* min (3 × 2.00, 5.00) */
  g_assert_cmpint (figures->raised, ==, 500);
  g_assert_nonnull (one->reach);
  g_assert_cmpuint (one->reach->len, >=, 3);

  reader = rally_figures_reader_new (f->store);
  g_assert_null (rally_figures_reader_lookup_campaign (reader, rally_campaign_get_id (campaign)));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (rally_figures_reader_get_n_reloads (reader) < 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  read = rally_figures_reader_lookup_campaign (reader, rally_campaign_get_id (campaign));
  g_assert_nonnull (read);
  g_assert_cmpint (read->videos, ==, 3);
  g_assert_cmpint (read->views, ==, 6000);
  g_assert_cmpint (read->raised, ==, 500);

  /* the worker lets go of the store on the main context */
  g_clear_object (&reader);
  for (deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       G_OBJECT (f->store)->ref_count > 1 && g_get_monotonic_time () < deadline;)
    {
      rally_test_iterate ();
      g_usleep (1000);
    }
}

/* Videos a sync writes several to a statement: the roll-ups of each day and creator
 * and the roster's origin come out as one video at a time gave them (schema 12 adds
 * them up once per statement on PostgreSQL). */
static void
test_store_pg_rollups_batch (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RallyChallenge) challenge = make_challenge ("Batch", 0);
  const char *partners[] = { "ana", NULL };
  const char *creators[] = { "ana", "bo", "", "Ana", "bo", "cy", "", "bo" };
  RallyFetchedVideo videos[8] = { { 0 } };
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GArray) days = NULL;
  g_autoptr(GError) error = NULL;
  RallyOriginSplit split;
  RallyTotals totals;
  gint64 id;

  g_object_set (challenge, "partners", partners, NULL);
  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  g_assert_no_error (error);
  id = rally_challenge_get_id (challenge);
  for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
    {
      videos[i].id = 100 + i;
      videos[i].username = (char *) creators[i];
      /* five on the first day, three on the second */
      videos[i].create_time = 1750032000 + (i < 5 ? 0 : 86400) + i;
      videos[i].views = 10 * (i + 1);
      videos[i].likes = i;
      videos[i].comments = 1;
      videos[i].shares = 2;
      g_ptr_array_add (list, &videos[i]);
    }
  {
    RallySyncPosition position = { id, 1750032000, 1750032000 + 86400, 1, NULL, TRUE };

    g_assert_true (rally_store_save_sync_page (f->store, &position, list, 1750032000, 1, 8, &error));
    g_assert_no_error (error);
  }
  settle (f);

  rally_store_get_challenge_totals (f->store, id, &totals);
  g_assert_cmpint (totals.videos, ==, 8);
  g_assert_cmpint (totals.views, ==, 360);
  g_assert_cmpint (totals.likes, ==, 28);
  g_assert_cmpint (totals.comments, ==, 8);
  g_assert_cmpint (totals.shares, ==, 16);
  g_assert_cmpint (totals.creators, ==, 4);  /* ana, bo, Ana, cy */

  days = rally_store_query_daily_videos (f->store, id, 0, G_MAXINT64);
  g_assert_cmpuint (days->len, ==, 2);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 0).videos, ==, 5);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 0).views, ==, 150);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 1).videos, ==, 3);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 1).views, ==, 210);

  /* ana's and Ana's videos are seeded by the roster */
  g_assert_true (rally_store_get_origin_split (f->store, id, &split));
  g_assert_cmpint (split.seeded.videos, ==, 2);
  g_assert_cmpint (split.seeded.views, ==, 50);
  g_assert_cmpint (split.organic.videos, ==, 6);

  /* cy's only video turns out to be bo's: cy is no longer a creator */
  videos[5].username = (char *) "bo";
  g_ptr_array_set_size (list, 0);
  g_ptr_array_add (list, &videos[5]);
  g_ptr_array_add (list, &videos[6]);
  {
    RallySyncPosition position = { id, 1750032000, 1750032000 + 86400, 2, NULL, TRUE };

    g_assert_true (rally_store_save_sync_page (f->store, &position, list, 1750032000, 1, 2, &error));
    g_assert_no_error (error);
  }
  settle (f);
  rally_store_get_challenge_totals (f->store, id, &totals);
  g_assert_cmpint (totals.videos, ==, 8);
  g_assert_cmpint (totals.creators, ==, 3);
}

/* Schema 15: the roll-ups behind the overview's new creators and the median give what
 * the direct queries over the videos give */
#define DIRECT_NEW_CREATORS \
  "SELECT first - ((first % 86400) + 86400) % 86400 AS day, count(*) FROM (" \
  "   SELECT min (v.posted_at) AS first FROM videos v JOIN challenges c ON c.id = v.challenge_id" \
  "   WHERE c.deleted_at IS NULL AND v.creator <> '' AND v.posted_at > 0" \
  "   GROUP BY lower (v.creator)) AS firsts" \
  " GROUP BY day ORDER BY day"
#define DIRECT_FIRSTS \
  "SELECT challenge_id, lower (creator), min (posted_at - ((posted_at % 86400) + 86400) % 86400) FROM videos" \
  " WHERE creator <> '' AND posted_at > 0 GROUP BY 1, 2"
#define DIRECT_BUCKETS \
  "SELECT challenge_id, " RALLY_STORE_VIDEO_RATE_BUCKET ", count(*) FROM videos WHERE views > 0 GROUP BY 1, 2"
#define DIRECT_DAYS \
  "SELECT challenge_id, posted_at - ((posted_at % 86400) + 86400) % 86400, count(*), sum (views), sum (likes)," \
  " sum (comments), sum (shares) FROM videos GROUP BY 1, 2"
#define DIRECT_CREATORS \
  "SELECT challenge_id, creator, count(*) FROM videos WHERE creator <> '' GROUP BY 1, 2"
#define SYMMETRIC_DIFFERENCE(a, b) \
  "SELECT count(*) FROM ((" a " EXCEPT " b ") UNION ALL (" b " EXCEPT " a ")) AS d"

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  RallyDbStmt *stmt = _rally_store_stmt (f->store, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (rally_db_stmt_step (stmt, &error), ==, RALLY_DB_ROW);
  value = rally_db_stmt_column_int64 (stmt, 0);
  rally_db_stmt_reset (stmt);
  return value;
}

/* The median of challenge @id as the videos sorted by rate give it */
static gboolean
direct_median (Fixture *f,
               gint64   id,
               double  *median)
{
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  RallyDbStmt *stmt = _rally_store_stmt (f->store, "SELECT " RALLY_STORE_VIDEO_RATE " AS rate FROM videos"
                                                   " WHERE challenge_id = ?1 AND views > 0 ORDER BY rate", &error);
  guint n;

  g_assert_no_error (error);
  rally_db_stmt_bind_int64 (stmt, 1, id);
  while (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    {
      double rate = rally_db_stmt_column_double (stmt, 0);

      g_array_append_val (rates, rate);
    }
  rally_db_stmt_reset (stmt);
  n = rates->len;
  if (n == 0)
    return FALSE;
  *median = n % 2 == 1 ? g_array_index (rates, double, n / 2)
                       : (g_array_index (rates, double, n / 2 - 1) + g_array_index (rates, double, n / 2)) / 2;
  return TRUE;
}

static void
assert_scale_rollups_exact (Fixture      *f,
                            const gint64 *ids,
                            guint         n_ids)
{
  g_autoptr(GArray) kept = rally_store_query_daily_new_creators (f->store);
  g_autoptr(GArray) direct = g_array_new (FALSE, TRUE, sizeof (RallyDayCount));
  g_autoptr(GError) error = NULL;
  RallyDbStmt *stmt = _rally_store_stmt (f->store, DIRECT_NEW_CREATORS, &error);

  g_assert_no_error (error);
  while (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    {
      RallyDayCount day = { rally_db_stmt_column_int64 (stmt, 0), rally_db_stmt_column_int64 (stmt, 1) };

      g_array_append_val (direct, day);
    }
  rally_db_stmt_reset (stmt);
  g_assert_cmpuint (kept->len, ==, direct->len);
  for (guint i = 0; i < kept->len; i++)
    {
      g_assert_cmpint (g_array_index (kept, RallyDayCount, i).day, ==, g_array_index (direct, RallyDayCount, i).day);
      g_assert_cmpint (g_array_index (kept, RallyDayCount, i).count, ==, g_array_index (direct, RallyDayCount, i).count);
    }
  g_assert_cmpint (query_int (f, SYMMETRIC_DIFFERENCE ("SELECT challenge_id, creator_key, first_day FROM creator_firsts",
                                                       DIRECT_FIRSTS)), ==, 0);
  g_assert_cmpint (query_int (f, SYMMETRIC_DIFFERENCE ("SELECT challenge_id, bucket, videos FROM video_rate_buckets"
                                                       " WHERE videos <> 0", DIRECT_BUCKETS)), ==, 0);
  /* (the days and creators of the videos too: rows at zero are deleted) */
  g_assert_cmpint (query_int (f, SYMMETRIC_DIFFERENCE ("SELECT challenge_id, day, videos, views, likes, comments, shares"
                                                       " FROM video_days", DIRECT_DAYS)), ==, 0);
  g_assert_cmpint (query_int (f, SYMMETRIC_DIFFERENCE ("SELECT challenge_id, creator, videos FROM video_creators",
                                                       DIRECT_CREATORS)), ==, 0);

  for (guint i = 0; i < n_ids; i++)
    {
      double kept_median = -1, direct_median_value = -1;
      gboolean has = rally_store_get_median_engagement (f->store, ids[i], &kept_median);

      g_assert_cmpint (has, ==, direct_median (f, ids[i], &direct_median_value));
      if (has)
        g_assert_true (kept_median == direct_median_value);
    }
}

#define DAY0 1750032000

/* Writes @videos as one page of a sync, at @position. */
static void
sync_page (Fixture                 *f,
           const RallySyncPosition *position,
           RallyFetchedVideo       *videos,
           guint                    n_videos)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_videos; i++)
    g_ptr_array_add (list, &videos[i]);
  g_assert_true (rally_store_save_sync_page (f->store, position, list, DAY0, 1, n_videos, &error));
  g_assert_no_error (error);
}

/* N_IDS new challenges #PREFIX0, #PREFIX1…, their ids in IDS */
static void
save_challenges (Fixture    *f,
                 const char *prefix,
                 gint64     *ids,
                 guint       n_ids)
{
  g_autoptr(GError) error = NULL;

  for (guint c = 0; c < n_ids; c++)
    {
      g_autofree char *tag = g_strdup_printf ("%s%u", prefix, c);
      g_autoptr(RallyChallenge) challenge = make_challenge (tag, 0);

      g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
      g_assert_no_error (error);
      ids[c] = rally_challenge_get_id (challenge);
    }
}

static void
test_store_pg_scale_rollups (Fixture       *f,
                             gconstpointer  data)
{
  const char *names[] = { "ana", "Ana", "bo", "", "cy", "BO", "dee" };
  RallyFetchedVideo videos[40] = { { 0 } };
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  save_challenges (f, "Scale", ids, G_N_ELEMENTS (ids));
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));

  /* a sync's page of 40 (one statement): rates on both sides of bucket edges, ties,
   * videos without views, creator or posting time */
  for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
    {
      videos[i].id = 1000 + i;
      videos[i].username = (char *) names[i % G_N_ELEMENTS (names)];
      videos[i].create_time = i % 9 == 8 ? 0 : DAY0 + (i % 5) * 86400 + i * 7;
      videos[i].views = i % 11 == 10 ? 0 : 10000;
      videos[i].likes = (i * 37) % 13;      /* rates 0, 0.0001, … 0.0012: a bucket each */
      videos[i].comments = i % 3 == 0 ? 0 : 1;
    }
  {
    RallySyncPosition position = { ids[0], DAY0, DAY0 + 5 * 86400, 1, NULL, TRUE };

    sync_page (f, &position, videos, G_N_ELEMENTS (videos));
  }
  settle (f);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));

  /* one video at a time, in another challenge: earlier and later firsts, a tie */
  upsert_one (f, ids[1], 1, "ana", DAY0 - 3 * 86400, 3, 1);
  upsert_one (f, ids[1], 2, "eve", DAY0 + 9 * 86400, 7, 7);
  upsert_one (f, ids[1], 3, "Eve", DAY0 + 2 * 86400, 3, 1);
  upsert_one (f, ids[1], 4, "fay", 0, 5, 5);
  upsert_one (f, ids[2], 1, "bo", DAY0 + 86400, 10, 1);
  upsert_one (f, ids[2], 2, "gus", DAY0 + 4 * 86400, 10, 3);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));

  /* updates: creator, posting day and counters change */
  upsert_one (f, ids[1], 1, "zed", DAY0 - 3 * 86400, 3, 2);   /* ana's first day moves on */
  upsert_one (f, ids[1], 3, "Eve", DAY0 + 12 * 86400, 9, 1); /* Eve's first day moves later */
  upsert_one (f, ids[1], 4, "fay", DAY0 + 86400, 0, 5);      /* fay gets a day, loses views */
  upsert_one (f, ids[2], 2, "gus", DAY0 - 86400, 10, 9);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
  g_assert_true (_rally_store_exec (f->store, "UPDATE videos SET views = views + 3, likes = likes + 1"
                                              " WHERE tiktok_id % 2 = 0", &error));
  g_assert_no_error (error);
  g_assert_true (_rally_store_exec (f->store, "UPDATE videos SET challenge_id = (SELECT min (id) FROM challenges)"
                                              " WHERE tiktok_id = 2 AND creator = 'gus'", &error));
  g_assert_no_error (error);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));

  /* deletes: single videos, a day's videos */
  g_assert_true (_rally_store_exec (f->store, "DELETE FROM videos WHERE tiktok_id IN (1000, 1003, 1011)", &error));
  g_assert_no_error (error);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
  g_assert_true (_rally_store_exec (f->store, "DELETE FROM videos WHERE posted_at >= 1750032000"
                                              " AND posted_at < 1750032000 + 86400", &error));
  g_assert_no_error (error);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));

  /* a sync into a challenge with videos (schema 17: counted at the settle, not by
   * the insert trigger): a creator's first day moves earlier (zed), new creators
   * (hal and Hal, one first day), a stored video changes bucket (Eve's) */
  {
    RallyFetchedVideo again[4] = {
      { .id = 1, .username = (char *) "zed", .create_time = DAY0 - 5 * 86400, .views = 30, .likes = 9 },
      { .id = 7, .username = (char *) "hal", .create_time = DAY0 + 3 * 86400, .views = 8, .likes = 1 },
      { .id = 8, .username = (char *) "Hal", .create_time = DAY0 + 86400, .views = 0 },
      { .id = 3, .username = (char *) "Eve", .create_time = DAY0 + 12 * 86400, .views = 9, .likes = 5 },
    };
    RallySyncPosition position = { ids[1], DAY0 - 10 * 86400, DAY0 + 10 * 86400, 4, NULL, TRUE };

    sync_page (f, &position, again, G_N_ELEMENTS (again));
    g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_firsts WHERE creator_key = 'hal'"), ==, 0);
    g_assert_cmpint (query_int (f, "SELECT count(*) FROM rollup_pending"), ==, 1);
    settle (f);
    assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
  }
  /* one statement over two challenges, one of them pending: the other's rows are
   * counted at once, the pending one's at the settle */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO rollup_pending (challenge_id) VALUES (%" G_GINT64_FORMAT ");"
                                            "INSERT INTO videos (created_at, updated_at, challenge_id, tiktok_id, creator,"
                                            " posted_at, views, likes) VALUES"
                                            " (1, 1, %" G_GINT64_FORMAT ", 50, 'ivy', %d, 20, 3),"
                                            " (1, 1, %" G_GINT64_FORMAT ", 51, 'jo', %d, 20, 5)",
                                            ids[1], ids[1], DAY0 + 6 * 86400, ids[2], DAY0 + 7 * 86400);

    g_assert_true (_rally_store_exec (f->store, sql, &error));
    g_assert_no_error (error);
    g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_firsts WHERE creator_key = 'ivy'"), ==, 0);
    g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_firsts WHERE creator_key = 'jo'"), ==, 1);
    settle (f);
    assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
  }

  /* two challenges pending at the settle; a video of one deleted before it, one of
   * the other's moved to another day (the update and delete triggers still run on
   * pending videos; the settle counts over them) */
  {
    RallyFetchedVideo more[3] = {
      { .id = 60, .username = (char *) "kim", .create_time = DAY0 + 2 * 86400, .views = 12, .likes = 2 },
      { .id = 61, .username = (char *) "lu", .create_time = DAY0 - 86400, .views = 6, .likes = 6 },
      { .id = 62, .username = (char *) "kim", .create_time = DAY0 + 86400, .views = 3 },
    };
    RallySyncPosition first = { ids[2], DAY0 - 10 * 86400, DAY0 + 10 * 86400, 2, NULL, TRUE };
    RallySyncPosition second = { ids[1], DAY0 - 10 * 86400, DAY0 + 10 * 86400, 5, NULL, TRUE };

    sync_page (f, &first, more, 2);
    sync_page (f, &second, more + 2, 1);
    g_assert_cmpint (query_int (f, "SELECT count(*) FROM rollup_pending"), ==, 2);
    g_assert_true (_rally_store_exec (f->store, "DELETE FROM videos WHERE tiktok_id = 61;"
                                                "UPDATE videos SET posted_at = posted_at + 3 * 86400 WHERE tiktok_id = 60",
                                      &error));
    g_assert_no_error (error);
    settle (f);
    assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
  }

  /* a challenge deleted (undoably) and back, then one deleted for good */
  g_assert_true (rally_store_delete_challenge (f->store, ids[1], &error));
  g_assert_no_error (error);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
  g_assert_true (rally_store_undelete_challenge (f->store, ids[1], &error));
  g_assert_no_error (error);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
  g_assert_true (_rally_store_exec (f->store, "DELETE FROM challenges WHERE hashtag = 'Scale0'", &error));
  g_assert_no_error (error);
  assert_scale_rollups_exact (f, ids + 1, G_N_ELEMENTS (ids) - 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM new_creator_days WHERE creators <> 0"), >, 2);

  /* a workspace of schema 14 gets them filled by the migration */
  g_assert_true (_rally_store_exec (f->store,
                                    "DROP TABLE creator_firsts, creator_first_days, new_creator_days, video_rate_buckets,"
                                    " creator_days_pending CASCADE;"
                                    "DROP FUNCTION creator_first_days_set, creator_first_days_recount, creator_firsts_added, creator_firsts_changed,"
                                    " creator_firsts_removed, challenges_creator_firsts, creator_firsts_recount,"
                                    " videos_scale_added, videos_scale_removed, videos_scale_changed, scale_rollups_fill,"
                                    " creator_days_settle CASCADE;"
                                    "DELETE FROM rally_schema_version WHERE version >= 15;", &error));
  g_assert_no_error (error);
  g_assert_finalize_object (f->store);
  f->store = rally_store_open (f->pg.uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT max (version) FROM rally_schema_version"), ==, rally_store_n_migrations);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM video_rate_buckets"), >=, 4);
  assert_scale_rollups_exact (f, ids + 1, G_N_ELEMENTS (ids) - 1);
}

/* Schema 18: deleting videos by the thousand, in one statement over several
 * challenges or by purging a challenge deleted before (its cascade), leaves every
 * roll-up as the videos left give it; the purge of a challenge of 3,000 videos
 * counts nothing down one video at a time. */
static void
test_store_pg_purge_rollups (Fixture       *f,
                             gconstpointer  data)
{
  const char *names[] = { "ana", "Ana", "bo", "", "cy", "BO", "dee", "eve" };
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  save_challenges (f, "Purge", ids, G_N_ELEMENTS (ids));
  for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
    {
      RallyFetchedVideo videos[100] = { { 0 } };

      /* 30 pages of 100 (the creators shared by the challenges, first days in each) */
      for (guint page = 0; page < 30; page++)
        {
          RallySyncPosition position = { ids[c], DAY0, DAY0 + 40 * 86400, page + 1, NULL, page == 29 };

          for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
            {
              guint n = page * 100 + i;

              videos[i].id = 1 + n;
              videos[i].username = (char *) names[(n + c) % G_N_ELEMENTS (names)];
              videos[i].create_time = n % 17 == 16 ? 0 : DAY0 + ((n * 7 + c) % 40) * 86400 + n;
              videos[i].views = n % 13 == 12 ? 0 : 100 + n % 500;
              videos[i].likes = n % 29;
              videos[i].comments = n % 3;
              videos[i].shares = n % 5;
            }
          sync_page (f, &position, videos, G_N_ELEMENTS (videos));
        }
    }
  settle (f);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));

  /* one statement over two challenges: whole days and creators go (rows at zero),
   * others lose some of their videos */
  g_assert_true (_rally_store_exec (f->store, "DELETE FROM videos WHERE creator = 'eve' OR tiktok_id % 7 = 0"
                                              " OR (posted_at >= 1750032000 + 3 * 86400 AND posted_at < 1750032000 + 5 * 86400)",
                                    &error));
  g_assert_no_error (error);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));

  /* a challenge deleted, then purged for good: its cascade removes its videos and
   * their roll-ups; the others' first days, shared creators included, stay exact */
  g_assert_true (rally_store_delete_challenge (f->store, ids[1], &error));
  g_assert_no_error (error);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
  g_assert_true (rally_store_purge_deleted (f->store, G_MAXINT64, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM challenges WHERE hashtag = 'Purge1'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM video_days d WHERE NOT EXISTS"
                                 " (SELECT 1 FROM challenges c WHERE c.id = d.challenge_id)"), ==, 0);
  assert_scale_rollups_exact (f, (gint64[]) { ids[0], ids[2] }, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM videos"), >, 3000);

  /* and a live challenge deleted for good at once (no undo first) */
  g_assert_true (_rally_store_exec (f->store, "DELETE FROM challenges WHERE hashtag = 'Purge0'", &error));
  g_assert_no_error (error);
  assert_scale_rollups_exact (f, ids + 2, 1);
}

/* Schema 19: a challenge deleted or brought back only marks itself (the window's
 * statement counts nothing); the next read of the new creators counts its creators'
 * first days again, whatever happened in between, and so does a viewer's read, with
 * the server's tables whatever the viewer's session names the same. */
static void
test_store_pg_creator_days_on_read (Fixture       *f,
                                    gconstpointer  data)
{
  const char *names[] = { "ana", "Bo", "cy", "dee", "eve", "fay" };
  g_autoptr(RallyStore) viewer = NULL;
  g_autoptr(GArray) read = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[3];

  save_challenges (f, "Firsts", ids, G_N_ELEMENTS (ids));
  /* the creators shared by the challenges; challenge 1 has most first days */
  for (guint c = 0; c < G_N_ELEMENTS (ids); c++)
    for (guint i = 0; i < 24; i++)
      upsert_one (f, ids[c], 1 + i, names[(i + c) % G_N_ELEMENTS (names)],
                  DAY0 + ((i * 5 + (c == 1 ? 0 : 7 + c)) % 20) * 86400 + i, 10 + i, i % 4);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_days_pending"), ==, 0);

  /* deleted: marked, nothing counted until read */
  g_assert_true (_rally_store_exec (f->store, "CREATE TEMP TABLE days_before AS SELECT * FROM new_creator_days", &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_delete_challenge (f->store, ids[1], &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_days_pending"), ==, 1);
  g_assert_cmpint (query_int (f, SYMMETRIC_DIFFERENCE ("SELECT * FROM days_before", "SELECT * FROM new_creator_days")), ==, 0);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_days_pending"), ==, 0);
  g_assert_cmpint (query_int (f, SYMMETRIC_DIFFERENCE ("SELECT * FROM days_before", "SELECT * FROM new_creator_days")), >, 0);

  /* back, deleted and back again: one mark, one count */
  g_assert_true (rally_store_undelete_challenge (f->store, ids[1], &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_delete_challenge (f->store, ids[1], &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_undelete_challenge (f->store, ids[1], &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_days_pending"), ==, 1);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
  g_assert_cmpint (query_int (f, SYMMETRIC_DIFFERENCE ("SELECT * FROM days_before", "SELECT * FROM new_creator_days")), ==, 0);

  /* while one is marked, the others change: a creator of it posts in another
   * challenge later, and earlier; a video moves later (its creator counted again,
   * without the deleted challenge); then it comes back before any read */
  g_assert_true (rally_store_delete_challenge (f->store, ids[1], &error));
  g_assert_no_error (error);
  upsert_one (f, ids[0], 100, "ana", DAY0 + 19 * 86400, 5, 1);
  upsert_one (f, ids[2], 100, "gus", DAY0 - 2 * 86400, 5, 1);
  upsert_one (f, ids[2], 101, "Bo", DAY0 - 86400, 5, 1);
  g_assert_true (_rally_store_exec (f->store, "UPDATE videos SET posted_at = posted_at + 15 * 86400"
                                              " WHERE lower (creator) IN ('cy', 'dee')", &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_undelete_challenge (f->store, ids[1], &error));
  g_assert_no_error (error);
  assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));

  /* a read while another connection's Undo is under way (its mark not committed):
   * the settle neither waits for it nor drops its mark, which the next read counts */
  {
    g_autoptr(RallyStore) other = rally_store_open_another (f->pg.uri, &error);
    g_autofree char *undo = g_strdup_printf ("BEGIN; UPDATE challenges SET deleted_at = NULL WHERE id = %" G_GINT64_FORMAT,
                                             ids[1]);

    g_assert_no_error (error);
    g_assert_true (rally_store_delete_challenge (f->store, ids[1], &error));
    g_assert_no_error (error);
    g_assert_true (_rally_store_exec (other, undo, &error));
    g_assert_no_error (error);
    g_clear_pointer (&read, g_array_unref);
    read = rally_store_query_daily_new_creators (f->store);
    g_assert_true (_rally_store_exec (other, "COMMIT", &error));
    g_assert_no_error (error);
    g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_days_pending"), ==, 1);
    assert_scale_rollups_exact (f, ids, G_N_ELEMENTS (ids));
    g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_days_pending"), ==, 0);
  }

  /* marked, then deleted for good before any read: the mark goes with it */
  g_assert_true (rally_store_delete_challenge (f->store, ids[1], &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_purge_deleted (f->store, G_MAXINT64, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_days_pending"), ==, 0);
  assert_scale_rollups_exact (f, (gint64[]) { ids[0], ids[2] }, 2);

  /* a viewer's read counts what an owner's deletion marked, though the viewer may
   * write nothing, and though its session has tables of its own of the same names */
  uri = rally_test_pg_add_login (f->pg.uri, "vera", "rally_rally_viewer", &error);
  g_assert_no_error (error);
  viewer = rally_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rally_store_get_role (viewer), ==, RALLY_STORE_ROLE_VIEWER);
  g_assert_true (_rally_store_exec (viewer, "CREATE TEMP TABLE creator_days_pending (challenge_id BIGINT);"
                                            "CREATE TEMP TABLE creator_firsts (challenge_id BIGINT, creator_key TEXT,"
                                            " first_day BIGINT);"
                                            "INSERT INTO creator_firsts VALUES (1, 'mallory', 0);", &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_delete_challenge (f->store, ids[2], &error));
  g_assert_no_error (error);
  g_clear_pointer (&read, g_array_unref);
  read = rally_store_query_daily_new_creators (viewer);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_days_pending"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM creator_first_days WHERE creator_key = 'mallory'"), ==, 0);
  assert_scale_rollups_exact (f, ids, 1);
  g_assert_cmpuint (read->len, ==, 0 + query_int (f, "SELECT count(*) FROM new_creator_days WHERE creators <> 0"));
}

/* rally_store_open_another() on a team workspace: a connection of the same role that
 * purges what the first deleted */
static void
test_store_pg_open_another (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RallyChallenge) challenge = make_challenge ("GoneForGood", 0);
  g_autoptr(RallyStore) other = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_store_save_challenge (f->store, challenge, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_delete_challenge (f->store, rally_challenge_get_id (challenge), &error));
  g_assert_no_error (error);
  other = rally_store_open_another (rally_store_get_data_dir (f->store), &error);
  g_assert_no_error (error);
  g_assert_cmpint (rally_store_get_role (other), ==, rally_store_get_role (f->store));
  g_assert_true (rally_store_purge_deleted (other, G_MAXINT64, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM challenges WHERE hashtag = 'GoneForGood'"), ==, 0);
}

/* Writes PAGES pages of 100 videos of the challenge ID into STORE in one call, as a
 * sync's batch does: mostly complete pages of 1 to 3 days (one statement each on
 * PostgreSQL, all in one pipeline), one spread over 8 days, and videos missing a
 * counter or a time among them; then a second call that rewrites some of them. */
static void
write_sync_batches (RallyStore *store,
                    gint64      id)
{
  const guint n_pages = 4, page_size = 100;
  g_autofree RallyFetchedVideo *videos = g_new0 (RallyFetchedVideo, n_pages * page_size);
  g_autofree RallySyncPageWrite *pages = g_new0 (RallySyncPageWrite, n_pages);
  g_autofree RallySyncPosition *positions = g_new0 (RallySyncPosition, n_pages);
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GError) error = NULL;
  char names[12][8];

  for (guint c = 0; c < G_N_ELEMENTS (names); c++)
    if (c == 0)
      names[c][0] = '\0';
    else
      g_snprintf (names[c], sizeof names[c], "c%u", c);
  for (guint round = 0; round < 2; round++)
    {
      for (guint p = 0; p < n_pages; p++)
        {
          GPtrArray *list = g_ptr_array_new ();

          for (guint i = 0; i < page_size; i++)
            {
              guint n = p * page_size + i;
              RallyFetchedVideo *video = &videos[n];

              video->id = 5000 + n;
              video->username = names[(n * 7 + round) % G_N_ELEMENTS (names)];
              video->region = (char *) (n % 3 == 0 ? "GB" : "");
              /* page 2 spans 8 days (left to the row trigger); the others 1 to 3 */
              video->create_time = 1750032000 + (p == 2 ? (n % 8) : (p + i % (p + 1))) * 86400 + n;
              video->views = 1000 + n * 3 + round * 7;
              video->likes = n % 50;
              video->comments = n % 7;
              video->shares = n % 5;
              /* a few rows missing a counter (one at a time) or a time */
              if (n % 23 == 5)
                video->likes = -1;
              if (p == 3 && i == 40)
                video->create_time = 0;
              /* the second round sees only some videos again */
              if (round == 0 || n % 4 == 0)
                g_ptr_array_add (list, video);
            }
          positions[p] = (RallySyncPosition) { id, 1750032000 + p * 86400 * 10, 1750032000 + p * 86400 * 10 + 86400 * 9,
                                               round + 1, NULL, round == 1 };
          pages[p] = (RallySyncPageWrite) { &positions[p], list, 1750032000, 1, page_size };
          g_ptr_array_add (lists, list);
        }
      g_assert_true (rally_store_save_sync_pages (store, pages, n_pages, &error));
      g_assert_no_error (error);
    }
  g_assert_true (rally_store_settle_rollups (store, &error));
  g_assert_no_error (error);
}

/* A sync's batches write the same videos, roll-ups, positions and quota into a team
 * workspace (pipelined, a page a statement) as into a local one; a batch that fails
 * on the server writes nothing and leaves the store able to write the next. */
static void
test_store_pg_sync_batches_match_sqlite (Fixture       *f,
                                         gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-test-store-pg-XXXXXX", NULL);
  g_autoptr(RallyStore) local = NULL;
  RallyStore *stores[2];
  gint64 ids[2];
  RallyTotals totals[2];
  GArray *days[2];
  GPtrArray *positions[2];
  guint requests[2], records[2];
  g_autoptr(GError) error = NULL;

  local = rally_store_open (dir, &error);
  g_assert_no_error (error);
  stores[0] = local;
  stores[1] = f->store;
  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(RallyChallenge) challenge = make_challenge ("Batches", 0);

      g_assert_true (rally_store_save_challenge (stores[s], challenge, &error));
      g_assert_no_error (error);
      ids[s] = rally_challenge_get_id (challenge);
      write_sync_batches (stores[s], ids[s]);
      rally_store_get_challenge_totals (stores[s], ids[s], &totals[s]);
      days[s] = rally_store_query_daily_videos (stores[s], ids[s], 0, G_MAXINT64);
      positions[s] = rally_store_list_sync_positions (stores[s], ids[s], 0, G_MAXINT64, &error);
      g_assert_no_error (error);
      g_assert_true (rally_store_get_quota (stores[s], 1750032000, &requests[s], &records[s], &error));
      g_assert_no_error (error);
    }

  g_assert_cmpint (totals[1].videos, ==, 400);
  g_assert_cmpint (totals[1].videos, ==, totals[0].videos);
  g_assert_cmpint (totals[1].views, ==, totals[0].views);
  g_assert_cmpint (totals[1].likes, ==, totals[0].likes);
  g_assert_cmpint (totals[1].comments, ==, totals[0].comments);
  g_assert_cmpint (totals[1].shares, ==, totals[0].shares);
  g_assert_cmpint (totals[1].creators, >, 5);
  g_assert_cmpint (totals[1].creators, ==, totals[0].creators);
  g_assert_cmpuint (days[1]->len, ==, days[0]->len);
  g_assert_cmpuint (days[1]->len, >, 8);
  for (guint d = 0; d < days[0]->len; d++)
    {
      RallyDayTotals *a = &g_array_index (days[0], RallyDayTotals, d);
      RallyDayTotals *b = &g_array_index (days[1], RallyDayTotals, d);

      g_assert_cmpint (b->day, ==, a->day);
      g_assert_cmpint (b->videos, ==, a->videos);
      g_assert_cmpint (b->views, ==, a->views);
      g_assert_cmpint (b->likes, ==, a->likes);
      g_assert_cmpint (b->comments, ==, a->comments);
      g_assert_cmpint (b->shares, ==, a->shares);
    }
  g_assert_cmpuint (positions[1]->len, ==, 4);
  g_assert_cmpuint (positions[1]->len, ==, positions[0]->len);
  for (guint p = 0; p < positions[0]->len; p++)
    {
      RallySyncPosition *a = g_ptr_array_index (positions[0], p);
      RallySyncPosition *b = g_ptr_array_index (positions[1], p);

      g_assert_cmpint (b->window_start, ==, a->window_start);
      g_assert_cmpint (b->cursor, ==, 2);
      g_assert_true (b->done);
    }
  g_assert_cmpuint (requests[1], ==, 8);
  g_assert_cmpuint (requests[1], ==, requests[0]);
  g_assert_cmpuint (records[1], ==, records[0]);

  /* a batch whose first page fails on the server (no such challenge) writes
   * nothing of the second either, and the next batch goes through: the statement of
   * 111 rows prepared after the failure was not (the server skipped it), and is
   * prepared again */
  {
    RallyFetchedVideo late[111] = { { 0 } };
    g_autoptr(GPtrArray) one = g_ptr_array_new ();
    g_autoptr(GPtrArray) many = g_ptr_array_new ();
    RallySyncPosition bad = { ids[1] + 1000, 1760000000, 1760086400, 7, NULL, FALSE };
    RallySyncPosition good = { ids[1], 1760000000, 1760086400, 7, NULL, FALSE };
    RallySyncPageWrite pages[2] = { { &bad, one, 1750032000, 1, 1 }, { &good, many, 1750032000, 1, 111 } };
    RallyTotals after;

    for (guint i = 0; i < G_N_ELEMENTS (late); i++)
      {
        late[i] = (RallyFetchedVideo) { .id = 9000 + i, .username = (char *) (i % 2 ? "late" : "later"),
                                        .create_time = 1750032000 + i, .views = 5 + i };
        g_ptr_array_add (many, &late[i]);
      }
    g_ptr_array_add (one, &late[0]);
    g_assert_false (rally_store_save_sync_pages (f->store, pages, 2, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    rally_store_get_challenge_totals (f->store, ids[1], &after);
    g_assert_cmpint (after.videos, ==, 400);
    g_assert_true (rally_store_get_quota (f->store, 1750032000, &requests[1], &records[1], &error));
    g_assert_cmpuint (requests[1], ==, 8);

    g_assert_true (rally_store_save_sync_pages (f->store, &pages[1], 1, &error));
    g_assert_no_error (error);
    settle (f);
    rally_store_get_challenge_totals (f->store, ids[1], &after);
    g_assert_cmpint (after.videos, ==, 511);
    g_assert_cmpint (after.creators, ==, totals[1].creators + 2);
  }

  for (guint s = 0; s < 2; s++)
    {
      g_array_unref (days[s]);
      g_ptr_array_unref (positions[s]);
    }
  g_clear_object (&local);
  rally_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *why = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!rally_test_pg_available (&why))
    {
      g_test_skip (why);
      return g_test_run ();
    }

#define ADD(path, func) g_test_add ("/store-pg" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/campaign/round-trip", test_store_campaign_round_trip);
  ADD ("/challenge/round-trip", test_store_challenge_round_trip);
  ADD ("/challenge/unknown-campaign", test_store_challenge_unknown_campaign);
  ADD ("/planned-post/round-trip", test_store_planned_post_round_trip);
  ADD ("/campaign/delete-undo", test_store_delete_campaign_undo);
  ADD ("/videos/upsert", test_store_videos_upsert);
  ADD ("/snapshots", test_store_snapshots);
  ADD ("/reach/join", test_store_reach_join);
  ADD ("/sync/writes", test_store_pg_sync);
  ADD ("/list/items-changed", test_store_list_items_changed);
  ADD ("/list/posts-move", test_store_list_posts_move);
  ADD ("/reach/snapshots-only", test_store_reach_snapshots_only);
  ADD ("/figures", test_store_pg_figures);
  ADD ("/rollups/batch", test_store_pg_rollups_batch);
  ADD ("/rollups/scale", test_store_pg_scale_rollups);
  ADD ("/rollups/purge", test_store_pg_purge_rollups);
  ADD ("/rollups/creator-days-on-read", test_store_pg_creator_days_on_read);
  ADD ("/open/another", test_store_pg_open_another);
  ADD ("/sync/batches-match-sqlite", test_store_pg_sync_batches_match_sqlite);
#undef ADD

  return g_test_run ();
}
