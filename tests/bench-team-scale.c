/* bench-team-scale.c
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

/* Benchmark (suite 'bench'; prints figures, gates nothing): a team workspace on a real
 * PostgreSQL 15 (tests/rally-test-pg.c) against a local SQLite workspace holding the same
 * videos, RALLY_BENCH_VIDEOS of them (default 10,000,000; the sample at the scale that
 * gives at least that many).
 *
 * - Filling: the sample goes into the SQLite workspace (its bulk path), then every table
 *   is copied into the team database with COPY, triggers off, the videos' indexes built
 *   after the rows, then VACUUM ANALYZE (what autovacuum would do on a real server).
 *   The server is the tests' own: fsync and synchronous_commit off.
 * - Queries: what each view reads, through the store's own functions, on both engines:
 *   the median of RALLY_BENCH_REPEAT runs (default 3) after one run to warm the caches.
 * - Opening: rally_store_open and the reads the window does first; with a display, also
 *   the real window's time to its first frame (RALLY_REPORT_FIRST_FRAME, as bench-startup).
 * - Sync: `rally sync` of RALLY_BENCH_SYNC_VIDEOS (default 60,000) from the loopback
 *   emulator into a fresh workspace of each kind, interleaved, RALLY_BENCH_ROUNDS rounds.
 *
 * RALLY_BENCH_SKIP_SYNC and RALLY_BENCH_SKIP_QUERIES leave those parts out, and
 * RALLY_BENCH_SYNC_ONLY stops after the sync; RALLY_BENCH_QUERIES=pg times the queries on
 * PostgreSQL only; RALLY_BENCH_CHECK compares the new creators and medians of both.
 * The free disk is checked first (about 1 KB a video for both engines together).
 * Run: meson test -C _build --benchmark --suite bench -v bench-team-scale
 * (RALLY_BENCH_VIDEOS=1000000 for a quick run; TMPDIR chooses the disk). */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "rally-emulator.h"
#include "rally-figures-reader.h"
#include "rally-sample.h"
#include "rally-store.h"
#include "rally-store-analytics.h"
#include "rally-store-origins.h"
#include "rally-store-overview.h"
#include "rally-test-pg.h"
#include "rally-test-util.h"

#define SAMPLE_VIDEOS_AT_SCALE_1 57645   /* 33214 + 22031 + 2400 */
#define BYTES_PER_VIDEO 1000
#define PAGE 50
#define SYNC_START 1717200000 /* 2024-06-01 UTC */

enum { SQLITE, PG, N_ENGINES };
static const char * const engine_names[] = { "SQLite", "PostgreSQL" };

typedef struct
{
  char   *name;
  double  ms[N_ENGINES];
} Figure;

static GPtrArray *all_figures;  /* of Figure */
static guint repeat = 3;

static void
figure_free (gpointer data)
{
  Figure *figure = data;

  g_free (figure->name);
  g_free (figure);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
print_loadavg (const char *when)
{
  g_autofree char *loadavg = NULL;

  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    g_print ("# load average %s: %s", when, loadavg);
}

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL ? (guint) CLAMP (g_ascii_strtoull (value, NULL, 10), 1, G_MAXUINT32) : fallback;
}

static Figure *
figure_get (const char *name)
{
  Figure *figure;

  for (guint i = 0; i < all_figures->len; i++)
    if (g_str_equal (((Figure *) g_ptr_array_index (all_figures, i))->name, name))
      return g_ptr_array_index (all_figures, i);

  figure = g_new0 (Figure, 1);
  figure->name = g_strdup (name);
  figure->ms[SQLITE] = figure->ms[PG] = -1;
  g_ptr_array_add (all_figures, figure);
  return figure;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* ---- What the views read ---- */

typedef struct
{
  RallyStore *store;
  gint64      challenge_id;  /* the largest */
  gint64      campaign_id;   /* its campaign */
  gint64      first_day;
  gint64      last_day;
  RallyFiguresReader *reader;  /* the window's, kept open; NULL: a new one each time */
} Target;

typedef void (*QueryFunc) (const Target *target, gconstpointer data);

static void
measure (int           engine,
         const char   *name,
         QueryFunc     func,
         const Target *target,
         gconstpointer data)
{
  g_autofree double *ms = g_new (double, repeat);
  Figure *figure = figure_get (name);

  func (target, data);  /* caches, statements */
  for (guint i = 0; i < repeat; i++)
    {
      gint64 start = g_get_monotonic_time ();

      func (target, data);
      ms[i] = elapsed_ms (start);
    }
  qsort (ms, repeat, sizeof (double), compare_doubles);
  figure->ms[engine] = ms[repeat / 2];
  g_print ("#   %-10s %-52s %9.1f ms\n", engine_names[engine], name, figure->ms[engine]);
}

static void
touch_items (GListModel *model,
             guint       n)
{
  for (guint i = 0; i < MIN (n, g_list_model_get_n_items (model)); i++)
    g_object_unref (g_list_model_get_item (model, i));
}

static void
query_campaigns (const Target *target,
                 gconstpointer data)
{
  g_autoptr(GListModel) campaigns = rally_store_list_campaigns (target->store);
  g_autoptr(GListModel) challenges = rally_store_list_challenges (target->store, 0);

  touch_items (campaigns, G_MAXUINT);
  touch_items (challenges, G_MAXUINT);
}

static void
reader_loaded_cb (RallyFiguresReader *reader,
                  gpointer            user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* The campaigns page's figures: every challenge's totals and latest snapshot, read by
 * a figures reader on its own connection, as the page does: the window's reader
 * reloading, or a new one (its connection included) when the target has none. */
static void
query_reader (const Target *target,
              gconstpointer data)
{
  g_autoptr(RallyFiguresReader) reader = target->reader != NULL ? g_object_ref (target->reader)
                                                                 : rally_figures_reader_new (target->store);
  gboolean loaded = FALSE;
  gulong id = g_signal_connect (reader, "changed", G_CALLBACK (reader_loaded_cb), &loaded);

  if (rally_figures_reader_is_loaded (reader))
    rally_figures_reader_reload (reader);
  else
    rally_figures_reader_lookup_campaign (reader, 0);  /* starts the read */
  while (!loaded)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (reader, id);
  if (target->challenge_id != 0)
    g_assert_nonnull (rally_figures_reader_lookup_challenge (reader, target->challenge_id));
}

static void
query_campaign_figures (const Target *target,
                        gconstpointer data)
{
  g_autoptr(RallyCampaign) campaign = rally_store_get_campaign (target->store, target->campaign_id);
  g_autoptr(RallyCampaignFigures) figures = rally_figures_read_campaign (target->store, campaign, RALLY_FIGURES_TOTALS);

  g_assert_nonnull (figures);
}

static void
query_challenge_figures (const Target *target,
                         gconstpointer data)
{
  g_autoptr(RallyChallengeFigures) figures =
    rally_figures_read_challenge (target->store, target->challenge_id, GPOINTER_TO_INT (data), NULL);

  g_assert_cmpint (figures->totals.videos, >, 0);
}

static void
query_origin_split (const Target *target,
                    gconstpointer data)
{
  RallyOriginSplit split;

  g_assert_true (rally_store_get_origin_split (target->store, target->challenge_id, &split));
}

static void
query_top_videos (const Target *target,
                  gconstpointer data)
{
  g_autoptr(GListModel) top = rally_store_list_videos (target->store, target->challenge_id,
                                                       RALLY_VIDEO_SORT_VIEWS, 5);

  touch_items (top, 5);
}

/* DATA: column * 2 + descending */
static void
query_video_page (const Target *target,
                  gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  int which = GPOINTER_TO_INT (data);
  g_autoptr(GArray) ids = rally_store_query_video_ids (target->store, target->challenge_id, which / 2, which % 2,
                                                       PAGE, &error);
  g_autoptr(GListModel) page = rally_store_list_videos_ordered (target->store, target->challenge_id, which / 2,
                                                                which % 2, PAGE);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, PAGE);
  touch_items (page, PAGE);
}

static void
query_all_ids (const Target *target,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rally_store_query_video_ids (target->store, target->challenge_id,
                                                       RALLY_VIDEO_COLUMN_VIEWS, TRUE, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, PAGE);
}

/* What All Videos reads before its first frame: the count, then the first two pages
 * of 100 rows (the view lays out about two hundred), the second by keyset seek.
 * DATA: column * 2 + descending */
static void
query_list_first_frame (const Target *target,
                        gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  int which = GPOINTER_TO_INT (data);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  guint count = 0;

  g_assert_true (rally_store_count_videos_shown (target->store, target->challenge_id, RALLY_VIDEO_SHOWN_ALL, &count,
                                                 &error));
  g_assert_no_error (error);
  first = rally_store_read_video_page (target->store, target->challenge_id, which / 2, which % 2,
                                      RALLY_VIDEO_SHOWN_ALL, NULL, FALSE, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 100);
  second = rally_store_read_video_page (target->store, target->challenge_id, which / 2, which % 2,
                                       RALLY_VIDEO_SHOWN_ALL, g_ptr_array_index (first, 99), FALSE, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 100);
  g_assert_cmpuint (count, >, 200);
}

/* A jump down the scrollbar to a page far from any read: OFFSET from the nearer end.
 * DATA: the fraction of the list, in percent */
static void
query_list_jump (const Target *target,
                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  guint count = 0;
  guint first;

  g_assert_true (rally_store_count_videos_shown (target->store, target->challenge_id, RALLY_VIDEO_SHOWN_ALL, &count,
                                                 &error));
  first = (guint) ((guint64) (count - 100) * GPOINTER_TO_INT (data) / 100);
  if (first <= count - 100 - first)
    page = rally_store_read_video_page (target->store, target->challenge_id, RALLY_VIDEO_COLUMN_VIEWS, TRUE,
                                        RALLY_VIDEO_SHOWN_ALL, NULL, FALSE, first, 100, &error);
  else
    page = rally_store_read_video_page (target->store, target->challenge_id, RALLY_VIDEO_COLUMN_VIEWS, TRUE,
                                        RALLY_VIDEO_SHOWN_ALL, NULL, TRUE, count - 100 - first, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 100);
}

static void
query_daily (const Target *target,
             gconstpointer data)
{
  g_autoptr(GArray) days = rally_store_query_daily_videos (target->store, target->challenge_id,
                                                           target->first_day, target->last_day + 86400);
  g_autoptr(GPtrArray) snapshots = rally_store_query_snapshots (target->store, target->challenge_id,
                                                                target->first_day, target->last_day + 86400);

  g_assert_cmpuint (days->len, >, 0);
}

static void
query_reach (const Target *target,
             gconstpointer data)
{
  RallyReachSource source;
  g_autoptr(GArray) reach = rally_store_query_reach_source (target->store, target->challenge_id, &source);
}

static void
query_daily_origin (const Target *target,
                    gconstpointer data)
{
  g_autoptr(GArray) days = rally_store_query_daily_origin (target->store, target->challenge_id,
                                                           target->first_day, target->last_day + 86400);
}

static gpointer
read_overview (RallyStore    *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *currency = NULL;
  guint n_other = 0;

  return rally_store_query_overview_days (store, &currency, &n_other);
}

static void
overview_read_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = rally_figures_reader_run_finish (RALLY_FIGURES_READER (source_object), result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (days);
  *(guint *) user_data = days->len;
}

/* The Analytics overview, read as the page does: on the window's figures reader, its
 * own connection and thread */
static void
query_overview (const Target *target,
                gconstpointer data)
{
  guint n_days = G_MAXUINT;

  rally_figures_reader_run_async (target->reader, read_overview, NULL, NULL, (GDestroyNotify) g_array_unref, NULL,
                                  overview_read_cb, &n_days);
  while (n_days == G_MAXUINT)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_days, >, 0);
}

/* Deleting the largest challenge (with Undo) and bringing it back, as the Challenges
 * page does, on the window's thread: on a server, its creators' first days over the
 * other challenges are left to the next read of the new creators (schema 19), which
 * the overview does on the figures reader's thread: with @data, the overview is read
 * after each. */
static void
query_delete_undo (const Target *target,
                   gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_store_delete_challenge (target->store, target->challenge_id, &error));
  g_assert_no_error (error);
  if (data != NULL)
    query_overview (target, NULL);
  g_assert_true (rally_store_undelete_challenge (target->store, target->challenge_id, &error));
  g_assert_no_error (error);
  if (data != NULL)
    query_overview (target, NULL);
}

static const char * const column_names[] = { "views", "likes", "comments", "shares", "posted", "creator", "region" };

static void
find_target (RallyStore *store,
             Target     *target)
{
  g_autoptr(GListModel) challenges = rally_store_list_challenges (store, 0);
  gint64 most = -1;

  target->store = store;
  for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);
      RallyTotals totals;

      rally_store_get_challenge_totals (store, rally_challenge_get_id (challenge), &totals);
      if (totals.videos > most)
        {
          most = totals.videos;
          target->challenge_id = rally_challenge_get_id (challenge);
          target->campaign_id = rally_challenge_get_campaign_id (challenge);
          target->first_day = rally_challenge_get_start_date (challenge);
          target->last_day = rally_challenge_get_end_date (challenge);
        }
    }
  g_print ("# the largest challenge: #%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " videos\n",
           target->challenge_id, most);
}

static void
bench_queries (int         engine,
               const char *location)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (location, &error);
  Target target = { 0 };

  g_assert_no_error (error);
  find_target (store, &target);
  target.reader = rally_figures_reader_new (store);

  measure (engine, "campaigns: lists of campaigns and challenges", query_campaigns, &target, NULL);
  measure (engine, "campaigns: figures reader reload (+40 ms delay)", query_reader, &target, NULL);
  measure (engine, "campaign detail: its challenges' totals", query_campaign_figures, &target, NULL);
  measure (engine, "tracking: totals and latest snapshot", query_challenge_figures, &target,
           GINT_TO_POINTER (RALLY_FIGURES_TOTALS));
  measure (engine, "tracking: + median engagement", query_challenge_figures, &target,
           GINT_TO_POINTER (RALLY_FIGURES_MEDIAN));
  measure (engine, "tracking: + reach over time", query_challenge_figures, &target,
           GINT_TO_POINTER (RALLY_FIGURES_REACH));
  measure (engine, "tracking: organic/seeded split", query_origin_split, &target, NULL);
  measure (engine, "tracking: top 5 videos", query_top_videos, &target, NULL);
  for (int column = 0; column <= RALLY_VIDEO_COLUMN_LAST; column++)
    for (int descending = 1; descending >= 0; descending--)
      {
        g_autofree char *name = g_strdup_printf ("all videos: first %d by %s %s", PAGE, column_names[column],
                                                 descending ? "desc" : "asc");

        measure (engine, name, query_video_page, &target, GINT_TO_POINTER (column * 2 + descending));
      }
  for (int column = 0; column <= RALLY_VIDEO_COLUMN_LAST; column++)
    for (int descending = 1; descending >= 0; descending--)
      {
        g_autofree char *name = g_strdup_printf ("all videos: first frame by %s %s", column_names[column],
                                                 descending ? "desc" : "asc");

        measure (engine, name, query_list_first_frame, &target, GINT_TO_POINTER (column * 2 + descending));
      }
  measure (engine, "all videos: jump to 25% (OFFSET from the top)", query_list_jump, &target, GINT_TO_POINTER (25));
  measure (engine, "all videos: jump to 50% (OFFSET, the worst)", query_list_jump, &target, GINT_TO_POINTER (50));
  measure (engine, "all videos: jump to the end (from the end)", query_list_jump, &target, GINT_TO_POINTER (100));
  measure (engine, "all videos: every id by views (the old model)", query_all_ids, &target, NULL);
  measure (engine, "analytics: daily videos and snapshots", query_daily, &target, NULL);
  measure (engine, "analytics: reach series", query_reach, &target, NULL);
  measure (engine, "analytics: daily organic/seeded", query_daily_origin, &target, NULL);
  measure (engine, "analytics: overview (all challenges)", query_overview, &target, NULL);
  measure (engine, "challenges: delete the largest, then undo", query_delete_undo, &target, NULL);
  measure (engine, "the same, each followed by the overview (reader)", query_delete_undo, &target, GINT_TO_POINTER (TRUE));
  g_clear_object (&target.reader);
}

/* RALLY_BENCH_CHECK: the team workspace's new creators by day (schema 15's roll-ups)
 * and each challenge's median engagement (from its buckets of rates) are exactly what
 * the local workspace computes from every video */
static void
check_same_figures (const char * const *locations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) local = rally_store_open (locations[SQLITE], &error);
  g_autoptr(RallyStore) team = rally_store_open (locations[PG], &error);
  g_autoptr(GArray) local_days = NULL;
  g_autoptr(GArray) team_days = NULL;
  g_autoptr(GListModel) challenges = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  local_days = rally_store_query_daily_new_creators (local);
  team_days = rally_store_query_daily_new_creators (team);
  g_assert_cmpuint (local_days->len, ==, team_days->len);
  g_assert_cmpmem (local_days->data, local_days->len * sizeof (RallyDayCount),
                   team_days->data, team_days->len * sizeof (RallyDayCount));
  challenges = rally_store_list_challenges (team, 0);
  for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);
      double local_median = -1, team_median = -2;
      gboolean local_has = rally_store_get_median_engagement (local, rally_challenge_get_id (challenge), &local_median);
      gboolean team_has = rally_store_get_median_engagement (team, rally_challenge_get_id (challenge), &team_median);

      g_assert_cmpint (local_has, ==, team_has);
      if (local_has)
        g_assert_cmpmem (&local_median, sizeof (double), &team_median, sizeof (double));
      g_print ("# check: challenge #%" G_GINT64_FORMAT ": median %.17g on both\n",
               rally_challenge_get_id (challenge), team_median);
    }
  g_print ("# check: %u days of new creators and %u medians the same on both engines (%.1f s)\n",
           team_days->len, g_list_model_get_n_items (challenges), elapsed_ms (start) / 1000);
}

/* …and how many rates the median read from its bucket (what grows with the videos) */
static void
print_median_buckets (const char *uri)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *result = PQexec (conn,
    "SELECT challenge_id, n, buckets, videos, (n::bigint - 1) / 2 - (cum::bigint - videos), bucket FROM ("
    " SELECT challenge_id, bucket, videos, sum (videos) OVER (PARTITION BY challenge_id ORDER BY bucket) AS cum,"
    " sum (videos) OVER (PARTITION BY challenge_id) AS n, count(*) OVER (PARTITION BY challenge_id) AS buckets"
    " FROM video_rate_buckets WHERE videos > 0) AS b WHERE cum - videos <= (n - 1) / 2 AND cum > (n - 1) / 2");

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (result); i++)
    g_print ("# median of challenge #%s: %s rates in %s buckets; its bucket (%s) holds %s, read up to %s of them\n",
             PQgetvalue (result, i, 0), PQgetvalue (result, i, 1), PQgetvalue (result, i, 2),
             PQgetvalue (result, i, 5), PQgetvalue (result, i, 3), PQgetvalue (result, i, 4));
  PQclear (result);
  PQfinish (conn);
}

/* ---- Opening ---- */

/* DATA: the location */
static void
open_and_first_reads (const Target *unused,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (data, &error);
  Target target = { 0 };
  g_autoptr(GListModel) campaigns = NULL;

  g_assert_no_error (error);
  target.store = store;
  campaigns = rally_store_list_campaigns (store);
  touch_items (campaigns, G_MAXUINT);
  query_reader (&target, NULL);
}

static double
time_to_first_frame (const char *location)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *workspace = g_strdup_printf ("--workspace=%s", location);
  const char *argv[] = { g_getenv ("RALLY_BIN"), workspace, NULL };
  const char *line;
  gint64 start;

  g_subprocess_launcher_setenv (launcher, "RALLY_REPORT_FIRST_FRAME", "1", TRUE);
  start = g_get_monotonic_time ();
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  line = out != NULL ? strstr (out, "first-frame ") : NULL;
  return line != NULL ? (g_ascii_strtoll (line + strlen ("first-frame "), NULL, 10) - start) / 1000.0 : -1;
}

static void
bench_opening (const char * const *locations)
{
  gboolean display = g_getenv ("RALLY_BIN") != NULL &&
                     (g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL);

  for (int engine = 0; engine < N_ENGINES; engine++)
    {
      measure (engine, "open: rally_store_open + campaigns + figures", open_and_first_reads, NULL,
               locations[engine]);
    }

  if (!display)
    {
      g_print ("# (no display or RALLY_BIN: the window's first frame is not timed)\n");
      return;
    }

  for (int engine = 0; engine < N_ENGINES; engine++)
    {
      g_autofree double *ms = g_new (double, repeat);
      Figure *figure = figure_get ("open: the window's first frame");

      time_to_first_frame (locations[engine]);
      for (guint i = 0; i < repeat; i++)
        ms[i] = time_to_first_frame (locations[engine]);
      qsort (ms, repeat, sizeof (double), compare_doubles);
      figure->ms[engine] = ms[repeat / 2];
      g_print ("#   %-10s %-52s %9.1f ms\n", engine_names[engine], figure->name, figure->ms[engine]);
    }
}

/* ---- Filling ---- */

static void
fill_sqlite (const char *dir,
             guint       n_videos)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (dir, &error);
  guint scale = MAX (1, (n_videos + SAMPLE_VIDEOS_AT_SCALE_1 - 1) / SAMPLE_VIDEOS_AT_SCALE_1);
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_assert_true (rally_sample_create (store, scale, &error));
  g_assert_no_error (error);
  g_print ("# SQLite: the sample at scale %u: %.1f s\n", scale, elapsed_ms (start) / 1000);
}

static void
pg_exec (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
}

static void
append_copy_text (GString    *out,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, *p);
      }
}

static void
put_copy (PGconn  *conn,
          GString *buffer)
{
  if (buffer->len > 0 && PQputCopyData (conn, buffer->str, buffer->len) != 1)
    g_error ("COPY: %s", PQerrorMessage (conn));
  g_string_truncate (buffer, 0);
}

/* Copies TABLE from the SQLite workspace with COPY … FROM STDIN (text format). */
static gint64
copy_table (sqlite3    *db,
            PGconn     *conn,
            const char *table)
{
  g_autofree char *select = g_strdup_printf ("SELECT * FROM %s", table);
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) buffer = g_string_sized_new (1 << 20);
  g_autofree char *copy = NULL;
  sqlite3_stmt *stmt = NULL;
  PGresult *result;
  gint64 rows = 0;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, select, -1, &stmt, NULL), ==, SQLITE_OK);
  n = sqlite3_column_count (stmt);
  for (int i = 0; i < n; i++)
    g_string_append_printf (columns, "%s%s", i > 0 ? ", " : "", sqlite3_column_name (stmt, i));
  copy = g_strdup_printf ("COPY %s (%s) FROM STDIN", table, columns->str);
  result = PQexec (conn, copy);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    g_error ("%s: %s", copy, PQerrorMessage (conn));
  PQclear (result);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (buffer, '\t');
          switch (sqlite3_column_type (stmt, i))
            {
            case SQLITE_NULL:
              g_string_append (buffer, "\\N");
              break;
            case SQLITE_INTEGER:
              g_string_append_printf (buffer, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, i));
              break;
            case SQLITE_FLOAT:
              g_string_append_printf (buffer, "%.17g", sqlite3_column_double (stmt, i));
              break;
            default:
              append_copy_text (buffer, (const char *) sqlite3_column_text (stmt, i));
            }
        }
      g_string_append_c (buffer, '\n');
      rows++;
      if (buffer->len >= (1 << 20))
        put_copy (conn, buffer);
    }
  put_copy (conn, buffer);
  sqlite3_finalize (stmt);

  if (PQputCopyEnd (conn, NULL) != 1)
    g_error ("COPY %s: %s", table, PQerrorMessage (conn));
  while ((result = PQgetResult (conn)) != NULL)
    {
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        g_error ("COPY %s: %s", table, PQerrorMessage (conn));
      PQclear (result);
    }

  return rows;
}

/* The same rows in the team database: COPY with triggers and foreign keys off
 * (session_replication_role), the videos' own indexes built after the rows, then the
 * identity columns moved past the ids copied. */
static void
fill_pg (const char *sqlite_dir,
         const char *uri)
{
  static const char * const tables[] = {
    "campaigns", "challenges", "planned_posts", "events", "snapshots", "videos", "video_days", "video_creators",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) store = rally_store_open (uri, &error);  /* the schema */
  g_autofree char *path = g_build_filename (sqlite_dir, "rally.db", NULL);
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  PGconn *conn = PQconnectdb (uri);
  PGresult *result;
  gint64 start = g_get_monotonic_time ();

  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  pg_exec (conn, "BEGIN");
  pg_exec (conn, "SET LOCAL session_replication_role = replica");
  pg_exec (conn, "SET LOCAL maintenance_work_mem = '512MB'");
  result = PQexec (conn, "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'videos'"
                         " AND indexname NOT IN (SELECT conname FROM pg_constraint)");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (result); i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX %s", PQgetvalue (result, i, 0));

      g_ptr_array_add (indexes, g_strdup (PQgetvalue (result, i, 1)));
      pg_exec (conn, drop);
    }
  PQclear (result);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 table_start = g_get_monotonic_time ();
      gint64 rows = copy_table (db, conn, tables[i]);

      g_print ("#   COPY %s: %" G_GINT64_FORMAT " rows, %.1f s\n", tables[i], rows, elapsed_ms (table_start) / 1000);
    }
  for (guint i = 0; i < indexes->len; i++)
    pg_exec (conn, g_ptr_array_index (indexes, i));
  /* the creators per challenge that its triggers (off here) keep on a team workspace */
  pg_exec (conn, "INSERT INTO video_creator_counts (challenge_id, creators)"
                 " SELECT challenge_id, count(*) FROM video_creators GROUP BY 1");
  /* …and the new creators by day and the buckets of engagement rates (schema 15) */
  pg_exec (conn, "SELECT scale_rollups_fill ()");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('%s', 'id'),"
                                              " (SELECT coalesce (max (id), 0) + 1 FROM %s), false)",
                                              tables[i], tables[i]);
      pg_exec (conn, sql);
    }
  pg_exec (conn, "COMMIT");
  pg_exec (conn, "VACUUM ANALYZE");
  g_print ("# PostgreSQL: copied and indexed: %.1f s\n", elapsed_ms (start) / 1000);

  sqlite3_close (db);
  PQfinish (conn);
}

static void
print_sizes (const char *sqlite_dir,
             const char *uri)
{
  g_autofree char *path = g_build_filename (sqlite_dir, "rally.db", NULL);
  PGconn *conn = PQconnectdb (uri);
  PGresult *result = PQexec (conn, "SELECT pg_database_size (current_database ())");
  GStatBuf st;

  if (g_stat (path, &st) == 0)
    g_print ("# SQLite file: %.0f MB\n", st.st_size / 1e6);
  if (PQresultStatus (result) == PGRES_TUPLES_OK)
    g_print ("# PostgreSQL database: %.0f MB\n", g_ascii_strtod (PQgetvalue (result, 0, 0), NULL) / 1e6);
  PQclear (result);
  PQfinish (conn);
}

/* RALLY_BENCH_PG_LOG_MS: the server logs statements slower than that (in its folder's log) */
static void
server_log_slow (RallyTestPg *pg)
{
  const char *ms = g_getenv ("RALLY_BENCH_PG_LOG_MS");
  g_autofree char *sql = NULL;
  PGconn *conn;

  if (ms == NULL)
    return;
  sql = g_strdup_printf ("ALTER SYSTEM SET log_min_duration_statement = %d", atoi (ms));
  conn = PQconnectdb (rally_test_pg_get_uri (pg));
  pg_exec (conn, sql);
  pg_exec (conn, "SELECT pg_reload_conf ()");
  PQfinish (conn);
}

/* …and the log is copied to RALLY_BENCH_PG_LOG (the server's folder goes at the end) */
static void
server_copy_log (RallyTestPg *pg)
{
  const char *to = g_getenv ("RALLY_BENCH_PG_LOG");
  PGconn *conn;
  PGresult *result;

  if (to == NULL)
    return;
  conn = PQconnectdb (rally_test_pg_get_uri (pg));
  result = PQexec (conn, "SHOW data_directory");
  if (PQresultStatus (result) == PGRES_TUPLES_OK)
    {
      g_autofree char *dir = g_path_get_dirname (PQgetvalue (result, 0, 0));
      g_autofree char *log = g_build_filename (dir, "log", NULL);
      g_autofree char *text = NULL;

      if (g_file_get_contents (log, &text, NULL, NULL))
        g_file_set_contents (to, text, -1, NULL);
    }
  PQclear (result);
  PQfinish (conn);
}

/* ---- Sync ---- */

/* CPU seconds of the server's processes and of those it has reaped (its backends):
 * steadier than wall time on a loaded machine */
static double
server_cpu (RallyTestPg *pg)
{
  PGconn *conn = PQconnectdb (rally_test_pg_get_uri (pg));
  PGresult *result = PQexec (conn, "SHOW data_directory");
  double seconds = 0;

  if (PQresultStatus (result) == PGRES_TUPLES_OK)
    {
      g_autofree char *pid_file = g_build_filename (PQgetvalue (result, 0, 0), "postmaster.pid", NULL);
      g_autofree char *pid_text = NULL;
      g_autofree char *stat_file = NULL;
      g_autofree char *stat = NULL;
      g_auto(GStrv) fields = NULL;

      if (g_file_get_contents (pid_file, &pid_text, NULL, NULL))
        stat_file = g_strdup_printf ("/proc/%d/stat", atoi (pid_text));
      /* after the command's closing parenthesis: state is field 3, utime 14 … cstime 17 */
      if (stat_file != NULL && g_file_get_contents (stat_file, &stat, NULL, NULL) && strrchr (stat, ')') != NULL)
        fields = g_strsplit (strrchr (stat, ')') + 2, " ", -1);
      if (fields != NULL && g_strv_length (fields) > 14)
        for (int i = 11; i <= 14; i++)
          seconds += g_ascii_strtod (fields[i], NULL) / sysconf (_SC_CLK_TCK);
    }
  PQclear (result);
  PQfinish (conn);
  return seconds;
}

/* RALLY_BENCH_PG_FUNCTIONS: the time spent in each trigger function of a sync */
static void
print_function_times (const char *uri)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *result;

  g_usleep (G_USEC_PER_SEC);  /* the statistics arrive after the backend ended */
  result = PQexec (conn, "SELECT funcname, calls, round (self_time), round (total_time) FROM pg_stat_user_functions"
                         " ORDER BY self_time DESC");
  for (int i = 0; PQresultStatus (result) == PGRES_TUPLES_OK && i < PQntuples (result); i++)
    g_print ("#     %-32s %8s calls, %8s ms self, %8s ms total\n", PQgetvalue (result, i, 0),
             PQgetvalue (result, i, 1), PQgetvalue (result, i, 2), PQgetvalue (result, i, 3));
  PQclear (result);
  PQfinish (conn);
}

static double
children_cpu (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* `rally sync` of TAG into LOCATION; the seconds it took, or -1; the CPU seconds of
 * rally and of the server (PG, when not NULL) in CPU. */
static double
run_sync (RallyEmulator *emu,
          RallyTestPg   *pg,
          double         cpu[2],
          const char    *location,
          const char    *tag,
          guint          n_videos,
          guint          days)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_dir_make_tmp ("rally-bench-config-XXXXXX", &error);
  g_autofree char *keyfile_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(RallyStore) store = rally_store_open (location, &error);
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autofree char *output = NULL;
  const char *argv[] = { g_getenv ("RALLY_BIN"), "sync", "--workspace", location, "--challenge", tag,
                         "--api-url", rally_emulator_get_url (emu), NULL };
  RallyTotals totals;
  gint64 start;
  double seconds;

  g_assert_no_error (error);
  rally_challenge_set_hashtag (challenge, tag);
  rally_challenge_set_start_date (challenge, SYNC_START);
  rally_challenge_set_end_date (challenge, SYNC_START + (days - 1) * 86400);
  rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_ENDED);
  rally_challenge_set_audience (challenge, RALLY_AUDIENCE_18_PLUS);
  rally_challenge_set_goal_videos (challenge, n_videos);
  rally_store_save_challenge (store, challenge, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[io/github/rallyapp/Rally]\nresearch-api=true\n", -1, NULL));
  g_subprocess_launcher_setenv (launcher, "RALLY_CLIENT_KEY", "k", TRUE);
  g_subprocess_launcher_setenv (launcher, "RALLY_CLIENT_SECRET", "s", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  cpu[0] = -children_cpu ();
  cpu[1] = pg != NULL ? -server_cpu (pg) : 0;
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  seconds = elapsed_ms (start) / 1000;
  cpu[0] += children_cpu ();
  if (pg != NULL)
    {
      g_usleep (G_USEC_PER_SEC / 4);  /* for the server to reap the sync's backend */
      cpu[1] += server_cpu (pg);
    }
  rally_test_remove_tree (config);

  rally_store_get_challenge_totals (store, rally_challenge_get_id (challenge), &totals);
  if (!g_subprocess_get_successful (process) || totals.videos != n_videos)
    {
      g_print ("#   sync failed (%" G_GINT64_FORMAT " of %u videos): %s\n", totals.videos, n_videos, output);
      return -1;
    }
  return seconds;
}

static void
bench_sync (RallyTestPg *pg)
{
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(GError) error = NULL;
  guint n_videos = env_uint ("RALLY_BENCH_SYNC_VIDEOS", 60000);
  guint rounds = env_uint ("RALLY_BENCH_ROUNDS", 2);
  double seconds[N_ENGINES] = { 0 };
  double cpu_total[N_ENGINES] = { 0 };
  const guint days = 200;

  if (g_getenv ("RALLY_BIN") == NULL)
    {
      g_print ("# (RALLY_BIN is not set: sync is not timed)\n");
      return;
    }
  rally_emulator_set_credentials (emu, "k", "s");
  rally_emulator_add_hashtag (emu, "walkforwater", n_videos, SYNC_START, SYNC_START + days * 86400 - 1);
  g_assert_true (rally_emulator_start (emu, &error));
  g_assert_no_error (error);

  if (g_getenv ("RALLY_BENCH_PG_FUNCTIONS") != NULL)
    {
      PGconn *conn = PQconnectdb (rally_test_pg_get_uri (pg));

      pg_exec (conn, "ALTER SYSTEM SET track_functions = 'pl'");
      pg_exec (conn, "SELECT pg_reload_conf ()");
      PQfinish (conn);
    }
  print_loadavg ("before sync");
  for (guint round = 0; round < rounds; round++)
    for (int engine = 0; engine < N_ENGINES; engine++)
      {
        g_autofree char *name = g_strdup_printf ("sync%u", round);
        g_autofree char *dir = engine == SQLITE ? g_dir_make_tmp ("rally-bench-sync-XXXXXX", &error) : NULL;
        g_autofree char *uri = engine == PG ? rally_test_pg_create_database (pg, name, &error) : NULL;
        double s;
        double cpu[2];

        g_assert_no_error (error);
        s = run_sync (emu, engine == PG ? pg : NULL, cpu, engine == SQLITE ? dir : uri, "walkforwater", n_videos, days);
        g_print ("#   %-10s sync round %u: %u videos in %.2f s, %.0f videos/s; CPU: rally %.2f s, server %.2f s\n",
                 engine_names[engine], round + 1, n_videos, s, n_videos / s, cpu[0], cpu[1]);
        cpu_total[engine] += cpu[0] + cpu[1];
        seconds[engine] += s > 0 ? s : G_MAXDOUBLE / 4;
        if (uri != NULL && g_getenv ("RALLY_BENCH_PG_FUNCTIONS") != NULL)
          print_function_times (uri);
        if (dir != NULL)
          rally_test_remove_tree (dir);
      }

  g_print ("# | sync (videos/s) | %.0f | %.0f | PostgreSQL/SQLite %.2fx (goal >= 0.5x) |\n",
           n_videos * rounds / seconds[SQLITE], n_videos * rounds / seconds[PG], seconds[SQLITE] / seconds[PG]);
  g_print ("# | sync (CPU ms per 1,000 videos, rally + server) | %.0f | %.0f | PostgreSQL/SQLite %.2fx |\n",
           cpu_total[SQLITE] * 1e6 / (n_videos * rounds), cpu_total[PG] * 1e6 / (n_videos * rounds),
           cpu_total[PG] / cpu_total[SQLITE]);
}

/* ---- Main ---- */

static gboolean
enough_disk (guint n_videos)
{
  struct statvfs fs;
  guint64 need = (guint64) n_videos * BYTES_PER_VIDEO + (1 << 30);
  guint64 free_bytes;

  if (statvfs (g_get_tmp_dir (), &fs) != 0)
    return TRUE;
  free_bytes = (guint64) fs.f_bavail * fs.f_frsize;
  g_print ("# %s: %.1f GB free, about %.1f GB needed\n", g_get_tmp_dir (), free_bytes / 1e9, need / 1e9);
  return free_bytes >= need;
}

static void
print_table (void)
{
  g_print ("#\n# | figure | SQLite ms | PostgreSQL ms | PostgreSQL/SQLite |\n# |---|---:|---:|---:|\n");
  for (guint i = 0; i < all_figures->len; i++)
    {
      Figure *f = g_ptr_array_index (all_figures, i);

      g_print ("# | %s | %.1f | %.1f | %.2fx |\n", f->name, f->ms[SQLITE], f->ms[PG],
               f->ms[SQLITE] > 0 ? f->ms[PG] / f->ms[SQLITE] : 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RallyTestPg) pg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *why = NULL;
  guint n_videos = env_uint ("RALLY_BENCH_VIDEOS", 10000000);
  const char *locations[N_ENGINES];

  g_test_init (&argc, &argv, NULL);
  repeat = env_uint ("RALLY_BENCH_REPEAT", 3);
  all_figures = g_ptr_array_new_with_free_func (figure_free);

  if (!rally_test_pg_available (&why))
    {
      g_print ("1..0 # SKIP %s\n", why);
      return 0;
    }
  if (!enough_disk (n_videos))
    {
      g_print ("1..0 # SKIP not enough free disk for %u videos: set RALLY_BENCH_VIDEOS lower or TMPDIR\n",
               n_videos);
      return 0;
    }
  g_print ("1..1\n");
  print_loadavg ("at the start");

  pg = rally_test_pg_start (RALLY_TEST_PG_SOCKET_ONLY, &error);
  g_assert_no_error (error);
  server_log_slow (pg);
  if (g_getenv ("RALLY_BENCH_SKIP_SYNC") == NULL)
    bench_sync (pg);
  server_copy_log (pg);
  if (g_getenv ("RALLY_BENCH_SYNC_ONLY") != NULL)
    {
      g_print ("ok 1 bench-team-scale # sync only\n");
      return 0;
    }

  dir = g_dir_make_tmp ("rally-bench-scale-XXXXXX", &error);
  g_assert_no_error (error);
  uri = rally_test_pg_create_database (pg, "scale", &error);
  g_assert_no_error (error);
  fill_sqlite (dir, n_videos);
  fill_pg (dir, uri);
  print_sizes (dir, uri);
  locations[SQLITE] = dir;
  locations[PG] = uri;

  print_loadavg ("before the queries");
  /* the team workspace first: its figures are the goal's */
  for (int engine = N_ENGINES - 1; engine >= 0 && g_getenv ("RALLY_BENCH_SKIP_QUERIES") == NULL; engine--)
    if (engine == PG || g_strcmp0 (g_getenv ("RALLY_BENCH_QUERIES"), "pg") != 0)
      bench_queries (engine, locations[engine]);
  if (g_getenv ("RALLY_BENCH_CHECK") != NULL)
    {
      check_same_figures (locations);
      print_median_buckets (uri);
    }
  bench_opening (locations);
  print_loadavg ("at the end");
  print_table ();

  if (g_getenv ("RALLY_BENCH_KEEP") == NULL)
    rally_test_remove_tree (dir);
  else
    g_print ("# kept %s and %s\n", dir, uri);
  g_ptr_array_unref (all_figures);
  g_print ("ok 1 bench-team-scale\n");
  return 0;
}
