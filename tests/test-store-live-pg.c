/* test-store-live-pg.c
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

/* Live updates and going offline on a team workspace, against a real PostgreSQL
 * server (rally-test-pg.c): a save on one store reaches another store on the same
 * server as RallyStore::changed within 1 s, with its table and id, also when the
 * notification came in with the results of another statement; a stopped server turns
 * "online" FALSE and refuses writes with RALLY_STORE_ERROR_OFFLINE, and once it is
 * back the store connects again by itself (or on Retry) and hears others again. */

#include "config.h"

#include <libpq-fe.h>
#include <string.h>

#include "rally-store.h"
#include "rally-store-sync.h"
#include "rally-test-pg.h"
#include "rally-test-util.h"

#define LIVE_WITHIN_US  (1 * G_USEC_PER_SEC)
#define GONE_WITHIN_US  (3 * G_USEC_PER_SEC)
#define BACK_WITHIN_US  (12 * G_USEC_PER_SEC)

typedef struct
{
  char   *table;   /* the last changed's, "" for NULL */
  gint64  id;
  guint   n_changed;
  guint   n_online;
} Heard;

static void
changed_cb (RallyStore *store,
            const char *table,
            gint64      id,
            Heard      *heard)
{
  g_free (heard->table);
  heard->table = g_strdup (table != NULL ? table : "");
  heard->id = id;
  heard->n_changed++;
}

static void
online_cb (RallyStore *store,
           GParamSpec *pspec,
           Heard      *heard)
{
  heard->n_online++;
}

static RallyStore *
open_watching (const char *uri,
               Heard      *heard)
{
  g_autoptr(GError) error = NULL;
  RallyStore *store = rally_store_open (uri, &error);

  g_assert_no_error (error);
  rally_store_watch_other_writers (store);
  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), heard);
  g_signal_connect (store, "notify::online", G_CALLBACK (online_cb), heard);
  return store;
}

static void
heard_clear (Heard *heard)
{
  g_free (heard->table);
}

/* Runs the main loop until @heard has more than @n_before changes, for at most
 * @within µs; returns how long it took, G_MAXINT64 when it never did. */
static gint64
wait_changed (Heard  *heard,
              guint   n_before,
              gint64  within)
{
  gint64 start = g_get_monotonic_time ();

  while (heard->n_changed <= n_before && g_get_monotonic_time () - start < within)
    {
      g_usleep (2000);
      rally_test_iterate ();
    }

  return heard->n_changed > n_before ? g_get_monotonic_time () - start : G_MAXINT64;
}

static gboolean
wait_online (RallyStore *store,
             gboolean    online,
             gint64      within)
{
  gint64 start = g_get_monotonic_time ();

  while (rally_store_get_online (store) != online && g_get_monotonic_time () - start < within)
    {
      g_usleep (10000);
      rally_test_iterate ();
    }

  return rally_store_get_online (store) == online;
}

/* Runs the main loop for @us µs. */
static void
spin (gint64 us)
{
  gint64 end = g_get_monotonic_time () + us;

  while (g_get_monotonic_time () < end)
    {
      g_usleep (5000);
      rally_test_iterate ();
    }
}

static RallyCampaign *
save_campaign (RallyStore *store,
               const char *name)
{
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(GError) error = NULL;

  rally_campaign_set_name (campaign, name);
  rally_store_save_campaign (store, campaign, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&campaign);
}

static void
test_save_reaches_other (RallyTestPgFixture *fixture,
                         gconstpointer       data)
{
  Heard heard_a = { 0 }, heard_b = { 0 };
  g_autoptr(RallyStore) a = NULL;
  g_autoptr(RallyStore) b = NULL;
  g_autoptr(RallyCampaign) campaign = NULL;
  g_autoptr(RallyCampaign) seen = NULL;
  g_autoptr(GError) error = NULL;
  gint64 took;

  RALLY_TEST_PG_SKIP_IF_MISSING (fixture);
  a = open_watching (fixture->uri, &heard_a);
  b = open_watching (fixture->uri, &heard_b);
  g_assert_true (rally_store_get_online (a));

  campaign = save_campaign (a, "Clean Water Week");
  g_assert_cmpuint (heard_a.n_changed, ==, 1);
  took = wait_changed (&heard_b, 0, LIVE_WITHIN_US);
  g_test_message ("the other store heard of the save after %" G_GINT64_FORMAT " ms", took / 1000);
  g_assert_cmpint (took, <, LIVE_WITHIN_US);
  g_assert_cmpstr (heard_b.table, ==, "campaigns");
  g_assert_cmpint (heard_b.id, ==, rally_campaign_get_id (campaign));
  seen = rally_store_get_campaign (b, rally_campaign_get_id (campaign));
  g_assert_cmpstr (rally_campaign_get_name (seen), ==, "Clean Water Week");

  /* the other way round, an update of the same row */
  rally_campaign_set_name (seen, "Clean Water Month");
  rally_store_save_campaign (b, seen, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wait_changed (&heard_a, 1, LIVE_WITHIN_US), <, LIVE_WITHIN_US);
  g_assert_cmpstr (heard_a.table, ==, "campaigns");
  g_assert_cmpint (heard_a.id, ==, rally_campaign_get_id (campaign));

  /* no store hears its own saves twice */
  spin (G_USEC_PER_SEC / 2);
  g_assert_cmpuint (heard_a.n_changed, ==, 2);
  g_assert_cmpuint (heard_b.n_changed, ==, 2);
  g_assert_cmpuint (heard_a.n_online + heard_b.n_online, ==, 0);

  heard_clear (&heard_a);
  heard_clear (&heard_b);
}

/* A notification that came in with the results of another statement is no longer
 * on the socket: the driver hands it over all the same. */
static void
test_heard_during_statement (RallyTestPgFixture *fixture,
                             gconstpointer       data)
{
  Heard heard_a = { 0 }, heard_b = { 0 };
  g_autoptr(RallyStore) a = NULL;
  g_autoptr(RallyStore) b = NULL;
  g_autoptr(RallyCampaign) campaign = NULL;

  RALLY_TEST_PG_SKIP_IF_MISSING (fixture);
  a = open_watching (fixture->uri, &heard_a);
  b = open_watching (fixture->uri, &heard_b);

  campaign = save_campaign (a, "Heard While Busy");
  g_usleep (G_USEC_PER_SEC / 5);
  /* b reads: libpq takes the waiting notification off the socket with the rows */
  g_assert_false (rally_store_is_empty (b));
  g_assert_cmpint (wait_changed (&heard_b, 0, LIVE_WITHIN_US), <, LIVE_WITHIN_US);
  g_assert_cmpstr (heard_b.table, ==, "campaigns");
  g_assert_cmpint (heard_b.id, ==, rally_campaign_get_id (campaign));

  heard_clear (&heard_a);
  heard_clear (&heard_b);
}

/* What a stranger on the server sends on the channel reloads everything. */
static void
test_stranger_payload (RallyTestPgFixture *fixture,
                       gconstpointer       data)
{
  static const char * const payloads[] = { "no such table:3", "GObject:1", "campaigns:x", "campaigns:-1", "*",
                                            "campaigns" };
  Heard heard = { 0 };
  g_autoptr(RallyStore) store = NULL;
  PGconn *conn;

  RALLY_TEST_PG_SKIP_IF_MISSING (fixture);
  store = open_watching (fixture->uri, &heard);
  conn = PQconnectdb (fixture->uri);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      const char *values[] = { payloads[i] };
      guint before = heard.n_changed;

      PQclear (PQexecParams (conn, "SELECT pg_notify ('rally_changes', $1)", 1, NULL, values, NULL, NULL, 0));
      g_assert_cmpint (wait_changed (&heard, before, LIVE_WITHIN_US), <, LIVE_WITHIN_US);
      g_assert_cmpstr (heard.table, ==, "");
      g_assert_cmpint (heard.id, ==, 0);
      spin (G_USEC_PER_SEC / 2);
    }

  PQfinish (conn);
  heard_clear (&heard);
}

static void
set_server_running (RallyTestPgFixture *fixture,
                    gboolean            running)
{
  g_autoptr(GError) error = NULL;

  if (running)
    rally_test_pg_start_server (fixture->pg, &error);
  else
    rally_test_pg_stop_server (fixture->pg, &error);
  g_assert_no_error (error);
}

static void
test_offline_and_back (RallyTestPgFixture *fixture,
                       gconstpointer       data)
{
  Heard heard = { 0 }, heard_other = { 0 };
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallyStore) other = NULL;
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(RallyCampaign) later = NULL;
  g_autoptr(GError) error = NULL;
  guint changed_before;

  RALLY_TEST_PG_SKIP_IF_MISSING (fixture);
  store = open_watching (fixture->uri, &heard);

  set_server_running (fixture, FALSE);
  g_assert_true (wait_online (store, FALSE, GONE_WITHIN_US));
  g_assert_cmpuint (heard.n_online, ==, 1);

  /* a save is refused, and says why */
  rally_campaign_set_name (campaign, "Typed While Offline");
  g_assert_false (rally_store_save_campaign (store, campaign, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, "cannot be reached"));
  g_assert_cmpint (rally_campaign_get_id (campaign), ==, 0);
  g_clear_error (&error);

  changed_before = heard.n_changed;
  set_server_running (fixture, TRUE);
  g_assert_true (wait_online (store, TRUE, BACK_WITHIN_US));
  g_assert_cmpuint (heard.n_online, ==, 2);
  /* everything is read again */
  g_assert_cmpuint (heard.n_changed, >, changed_before);
  g_assert_cmpstr (heard.table, ==, "");

  /* saving works again, and others are heard again on the new connection */
  g_assert_true (rally_store_save_campaign (store, campaign, &error));
  g_assert_no_error (error);
  other = open_watching (fixture->uri, &heard_other);
  changed_before = heard.n_changed;
  later = save_campaign (other, "Saved Elsewhere");
  g_assert_cmpint (wait_changed (&heard, changed_before, LIVE_WITHIN_US), <, LIVE_WITHIN_US);
  g_assert_cmpint (heard.id, ==, rally_campaign_get_id (later));

  heard_clear (&heard);
  heard_clear (&heard_other);
}

/* Retry connects at once, without waiting for the next planned attempt. */
static void
test_retry (RallyTestPgFixture *fixture,
            gconstpointer       data)
{
  Heard heard = { 0 };
  g_autoptr(RallyStore) store = NULL;
  gint64 start;

  RALLY_TEST_PG_SKIP_IF_MISSING (fixture);
  store = open_watching (fixture->uri, &heard);

  set_server_running (fixture, FALSE);
  g_assert_true (wait_online (store, FALSE, GONE_WITHIN_US));
  /* attempts after 1 and 3 s fail; the next is planned 4 s after the second */
  spin (3200 * 1000);
  set_server_running (fixture, TRUE);
  start = g_get_monotonic_time ();
  rally_store_retry_connection (store);
  g_assert_true (wait_online (store, TRUE, 1500 * 1000));
  g_test_message ("back %" G_GINT64_FORMAT " ms after Retry", (g_get_monotonic_time () - start) / 1000);

  heard_clear (&heard);
}

/* Runs @sql on a connection of the test's own, not the store's. */
static void
run_sql (const char *uri,
         const char *sql)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (conn);
}

/* The connection dies in the middle of a sync's pipeline (its server process ends
 * while it runs the videos' upsert): the write fails at once as offline, nothing of
 * it is saved, and once connected again the same pages are written. */
static void
test_pipeline_connection_lost (RallyTestPgFixture *fixture,
                               gconstpointer       data)
{
  Heard heard = { 0 };
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  RallyFetchedVideo videos[40] = { { 0 } };
  RallySyncPosition positions[2] = { { 0 } };
  RallySyncPageWrite pages[2];
  RallyTotals totals;
  gint64 start;

  RALLY_TEST_PG_SKIP_IF_MISSING (fixture);
  store = open_watching (fixture->uri, &heard);
  rally_challenge_set_hashtag (challenge, "Pipeline");
  g_assert_true (rally_store_save_challenge (store, challenge, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
    {
      videos[i] = (RallyFetchedVideo) { .id = 7000 + i, .username = (char *) (i % 2 ? "ana" : "bo"),
                                        .create_time = 1750032000 + i * 3600, .views = 10 + i };
      g_ptr_array_add (list, &videos[i]);
    }
  for (guint p = 0; p < 2; p++)
    {
      positions[p] = (RallySyncPosition) { rally_challenge_get_id (challenge), 1750032000 + p * 86400,
                                           1750032000 + (p + 1) * 86400, 2, NULL, TRUE };
      pages[p] = (RallySyncPageWrite) { &positions[p], list, 1750032000, 1, 20 };
    }

  run_sql (fixture->uri,
           "CREATE FUNCTION rally_test_die () RETURNS trigger LANGUAGE plpgsql AS"
           " $$ BEGIN PERFORM pg_terminate_backend (pg_backend_pid ()); PERFORM pg_sleep (1); RETURN NULL; END $$;"
           "CREATE TRIGGER rally_test_die AFTER INSERT ON videos FOR EACH STATEMENT EXECUTE FUNCTION rally_test_die ();");

  start = g_get_monotonic_time ();
  g_assert_false (rally_store_save_sync_pages (store, pages, 2, &error));
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_OFFLINE);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, GONE_WITHIN_US);
  g_assert_true (wait_online (store, FALSE, GONE_WITHIN_US));

  run_sql (fixture->uri, "DROP TRIGGER rally_test_die ON videos; DROP FUNCTION rally_test_die ();");
  g_assert_true (wait_online (store, TRUE, BACK_WITHIN_US));
  rally_store_get_challenge_totals (store, rally_challenge_get_id (challenge), &totals);
  g_assert_cmpint (totals.videos, ==, 0);

  g_assert_true (rally_store_save_sync_pages (store, pages, 2, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_settle_rollups (store, &error));
  g_assert_no_error (error);
  rally_store_get_challenge_totals (store, rally_challenge_get_id (challenge), &totals);
  g_assert_cmpint (totals.videos, ==, G_N_ELEMENTS (videos));
  g_assert_cmpint (totals.creators, ==, 2);

  heard_clear (&heard);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add ("/store-live-pg" path, RallyTestPgFixture, NULL, \
                                    rally_test_pg_fixture_setup, func, rally_test_pg_fixture_teardown)
  ADD ("/save-reaches-other", test_save_reaches_other);
  ADD ("/heard-during-statement", test_heard_during_statement);
  ADD ("/stranger-payload", test_stranger_payload);
  ADD ("/offline-and-back", test_offline_and_back);
  ADD ("/retry", test_retry);
  ADD ("/sync/pipeline-connection-lost", test_pipeline_connection_lost);
#undef ADD

  return g_test_run ();
}
