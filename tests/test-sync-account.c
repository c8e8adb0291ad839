/* test-sync-account.c
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

/* The Display API half of a sync (the charity's own account) and the Research API's
 * indexing lag, against the loopback emulator. All HTTP goes to 127.0.0.1. */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "rally-emulator.h"
#include "rally-store-account.h"
#include "rally-sync-account.h"
#include "rally-sync-engine.h"
#include "rally-test-util.h"

#define TAG        "walkforwater"
#define LIST_PATH  "/v2/video/list/"
#define QUERY_PATH "/v2/research/video/query/"
#define TOKEN_PATH "/v2/oauth/token/"
#define DAY        86400
/* 2024-06-01 00:00 UTC; the emulator's newest own video is 12 hours later, the next
 * ones an hour apart */
#define JUNE_1     1717200000
#define DAYS       60
#define OWN_VIDEOS 45

typedef struct
{
  RallyEmulator   *emu;
  RallySyncClient *client;
  RallyStore      *store;
  RallySyncEngine *engine;
  RallyChallenge  *challenge;
  char            *dir;
  guint            account_progress;
} Fixture;

static void
account_progress_cb (RallySyncEngine *engine,
                     guint            page,
                     guint            videos,
                     Fixture         *f)
{
  g_assert_cmpuint (videos, <=, page * 20);
  f->account_progress++;
}

static void
sign_in (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  rally_sync_client_exchange_code_async (f->client, "rally-test-code", "http://127.0.0.1:9/callback", "v", NULL,
                                         rally_test_store_result_cb, &result);
  g_assert_true (rally_sync_client_exchange_code_finish (f->client, rally_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_object_unref (result);
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->emu = rally_emulator_new ();
  rally_emulator_add_hashtag (f->emu, TAG, 300, JUNE_1, JUNE_1 + DAYS * DAY - 1);
  rally_emulator_set_display_videos (f->emu, OWN_VIDEOS);
  rally_emulator_set_display_hashtag (f->emu, "WalkForWater");
  g_assert_true (rally_emulator_start (f->emu, &error));

  f->client = rally_sync_client_new (rally_emulator_get_url (f->emu), rally_emulator_get_url (f->emu), &error);
  g_assert_no_error (error);
  rally_sync_client_set_credentials (f->client, "rally-test-key", "rally-test-secret");
  rally_sync_client_set_retry_policy (f->client, 4, 5, 20, 10000);

  f->dir = g_dir_make_tmp ("rally-sync-account-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = rally_store_open (f->dir, &error);
  g_assert_no_error (error);
  f->challenge = rally_challenge_new ();
  rally_challenge_set_hashtag (f->challenge, TAG);
  rally_challenge_set_start_date (f->challenge, JUNE_1);
  rally_challenge_set_end_date (f->challenge, JUNE_1 + (DAYS - 1) * DAY);
  rally_challenge_set_status (f->challenge, RALLY_CHALLENGE_STATUS_SCHEDULED);
  rally_challenge_set_audience (f->challenge, RALLY_AUDIENCE_18_PLUS);
  g_assert_true (rally_store_save_challenge (f->store, f->challenge, &error));

  f->engine = rally_sync_engine_new (f->store, f->client);
  rally_sync_engine_set_now (f->engine, JUNE_1 + 200 * DAY);
  g_signal_connect (f->engine, "account-progress", G_CALLBACK (account_progress_cb), f);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->engine);
  g_clear_object (&f->challenge);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_pointer (&f->emu, rally_emulator_free);
  rally_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
run_engine (Fixture  *f,
            GError  **error)
{
  GAsyncResult *result = NULL;
  gboolean ok;

  rally_sync_engine_run_async (f->engine, NULL, NULL, rally_test_store_result_cb, &result);
  ok = rally_sync_engine_run_finish (f->engine, rally_test_wait_result (&result), error);
  g_object_unref (result);
  return ok;
}

static gint64
sql_int (Fixture    *f,
         const char *sql)
{
  return rally_test_sql_int (rally_store_get_path (f->store), sql);
}

/* Own videos i = 0, 3, 6 … carry the tag; those posted on June 1 or later (the newest
 * is June 1 12:00, one an hour before it each) fall within the challenge. */
static gint64
expected_matches (void)
{
  gint64 n = 0;

  for (guint i = 0; i < OWN_VIDEOS; i += 3)
    n += (JUNE_1 + 12 * 3600 - (gint64) i * 3600 >= JUNE_1);
  return n;
}

static void
assert_account_complete (Fixture *f)
{
  g_autoptr(RallyAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  rally_test_assert_db_ok (rally_store_get_path (f->store));
  account = rally_store_get_account (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  g_assert_cmpstr (account->username, ==, "harbourlights_charity");
  g_assert_cmpstr (account->display_name, ==, "Harbour Lights");
  g_assert_cmpint (account->videos, ==, OWN_VIDEOS);
  g_assert_cmpint (account->followers, >, G_MAXINT32);
  g_assert_cmpint (account->stored, ==, OWN_VIDEOS);
  g_assert_cmpint (account->views, >, 0);
  /* ids arrive as strings beyond 2^53 and are kept exactly */
  g_assert_cmpint (sql_int (f, "SELECT MIN(tiktok_id) FROM account_videos"), >, G_GINT64_CONSTANT (1) << 53);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM account WHERE list_done = 1 AND list_cursor = 0"), ==, 1);
}

static void
test_hashtags (void)
{
  const struct { const char *text; const char *tags; } cases[] = {
    { "Day 1 of #WalkForWater!", "walkforwater" },
    { "#a#b c #d_e1 #", "a b d_e1" },
    { "no tags here, # not one", "" },
    { "Ça marche #ÇaVa, #日本語 #tag.", "çava 日本語 tag" },
    { "twice #Tag #tag", "tag tag" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) tags = rally_sync_account_find_hashtags (cases[i].text);
      g_autofree char *joined = NULL;

      g_ptr_array_add (tags, NULL);
      joined = g_strjoinv (" ", (char **) tags->pdata);
      g_assert_cmpstr (joined, ==, cases[i].tags);
    }
}

static void
test_account_full (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallySnapshot) account_snapshot = NULL;
  g_autoptr(RallySnapshot) challenge_snapshot = NULL;
  g_autoptr(RallyAccount) account = NULL;
  gint64 id = rally_challenge_get_id (f->challenge);
  RallyTotals totals;

  sign_in (f);
  g_assert_true (run_engine (f, &error));
  g_assert_no_error (error);
  assert_account_complete (f);
  g_assert_cmpuint (rally_sync_engine_get_n_account_videos (f->engine), ==, OWN_VIDEOS);
  /* 45 videos, 20 a page: 3 pages, plus the start */
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, LIST_PATH), ==, 3);
  g_assert_cmpuint (f->account_progress, ==, 1 + 3);

  /* the own videos carrying the tag within the dates count for the challenge, once,
   * beside the Research API's 300 */
  g_assert_cmpint (expected_matches (), >, 0);
  g_assert_true (rally_store_get_challenge_totals (f->store, id, &totals));
  g_assert_cmpint (totals.videos, ==, 300 + expected_matches ());
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos WHERE creator = 'harbourlights_charity'"), ==,
                   expected_matches ());

  /* a snapshot of the account (no challenge, no campaign) from the Display API */
  account = rally_store_get_account (f->store, NULL);
  account_snapshot = rally_store_get_latest_snapshot (f->store, 0);
  g_assert_nonnull (account_snapshot);
  g_assert_cmpint (rally_snapshot_get_source (account_snapshot), ==, RALLY_SOURCE_DISPLAY_API);
  g_assert_cmpint (rally_snapshot_get_videos (account_snapshot), ==, OWN_VIDEOS);
  g_assert_cmpint (rally_snapshot_get_views (account_snapshot), ==, account->views);
  challenge_snapshot = rally_store_get_latest_snapshot (f->store, id);
  g_assert_cmpint (rally_snapshot_get_source (challenge_snapshot), ==, RALLY_SOURCE_RESEARCH_API);

  /* again: the list is walked from the newest video, nothing is counted twice */
  g_assert_true (run_engine (f, &error));
  assert_account_complete (f);
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, LIST_PATH), ==, 6);
  g_assert_true (rally_store_get_challenge_totals (f->store, id, &totals));
  g_assert_cmpint (totals.videos, ==, 300 + expected_matches ());
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM snapshots WHERE challenge_id IS NULL"), ==, 2);
}

static void
test_account_display_only (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallySnapshot) snapshot = NULL;
  RallyTotals totals;

  /* no Research API access: only the account is synced */
  rally_sync_engine_set_use_research (f->engine, FALSE);
  g_assert_false (run_engine (f, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NOT_CONNECTED);
  g_clear_error (&error);

  sign_in (f);
  g_assert_true (run_engine (f, &error));
  g_assert_no_error (error);
  assert_account_complete (f);
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, 0);
  g_assert_true (rally_store_get_challenge_totals (f->store, rally_challenge_get_id (f->challenge), &totals));
  g_assert_cmpint (totals.videos, ==, expected_matches ());
  g_assert_cmpuint (rally_sync_engine_get_n_challenges (f->engine), ==, 1);
  snapshot = rally_store_get_latest_snapshot (f->store, rally_challenge_get_id (f->challenge));
  g_assert_nonnull (snapshot);
  g_assert_cmpint (rally_snapshot_get_source (snapshot), ==, RALLY_SOURCE_DISPLAY_API);
  g_assert_cmpint (rally_snapshot_get_videos (snapshot), ==, expected_matches ());
}

static void
test_account_resume (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sign_in (f);
  rally_sync_engine_set_use_research (f->engine, FALSE);
  rally_emulator_set_faults_on_display (f->emu, TRUE);
  /* the second page is cut on every attempt: the sync stops after the first */
  rally_emulator_add_fault (f->emu, RALLY_EMULATOR_FAULT_CUT_BODY, 2, 100);
  g_assert_false (run_engine (f, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NETWORK);
  g_clear_error (&error);
  rally_test_assert_db_ok (rally_store_get_path (f->store));
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM account_videos"), ==, 20);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM account WHERE list_done = 0 AND list_cursor > 0"), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM snapshots"), ==, 0);

  /* the next sync continues from the second page */
  rally_emulator_clear_faults (f->emu);
  rally_emulator_set_faults_on_display (f->emu, FALSE);
  {
    guint before = rally_emulator_get_request_count (f->emu, LIST_PATH);

    g_assert_true (run_engine (f, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (rally_emulator_get_request_count (f->emu, LIST_PATH) - before, ==, 2);
  }
  assert_account_complete (f);
}

static void
test_account_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RallyTotals totals;

  /* a token the Display API refuses, and no refresh token: the challenges still sync */
  rally_sync_client_set_user_token (f->client, "act.made-up", G_MAXINT32, NULL);
  g_assert_false (run_engine (f, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "not your TikTok account"));
  g_assert_true (rally_store_get_challenge_totals (f->store, rally_challenge_get_id (f->challenge), &totals));
  g_assert_cmpint (totals.videos, ==, 300);
  g_assert_cmpuint (rally_sync_engine_get_n_challenges (f->engine), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM account"), ==, 0);
}

static void
recovers (Fixture            *f,
          RallyEmulatorFault  fault)
{
  g_autoptr(GError) error = NULL;

  sign_in (f);
  rally_emulator_set_faults_on_display (f->emu, TRUE);
  rally_emulator_add_fault (f->emu, fault, 2, 1);
  g_assert_true (run_engine (f, &error));
  g_assert_no_error (error);
  assert_account_complete (f);
  /* one failed request on the way */
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, LIST_PATH), ==, 4);
}

static void
test_account_server_error (Fixture *f, gconstpointer data)
{
  recovers (f, RALLY_EMULATOR_FAULT_SERVER_ERROR);
}

static void
test_account_rate_limit (Fixture *f, gconstpointer data)
{
  rally_emulator_set_retry_after (f->emu, 0);
  recovers (f, RALLY_EMULATOR_FAULT_RATE_LIMIT);
}

static void
test_account_gateway_html (Fixture *f, gconstpointer data)
{
  recovers (f, RALLY_EMULATOR_FAULT_GATEWAY_HTML);
}

static void
test_account_token_expired (Fixture *f, gconstpointer data)
{
  /* the user token is revoked mid-list: the refresh token gets a new one */
  recovers (f, RALLY_EMULATOR_FAULT_TOKEN_EXPIRED);
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, TOKEN_PATH), >=, 2);
}

static void
test_account_malformed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  sign_in (f);
  rally_sync_engine_set_use_research (f->engine, FALSE);
  rally_emulator_set_faults_on_display (f->emu, TRUE);
  rally_emulator_add_fault (f->emu, RALLY_EMULATOR_FAULT_MALFORMED_JSON, 2, 100);
  g_assert_false (run_engine (f, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_MALFORMED);
  /* the first page stays, nothing of the broken one was written */
  rally_test_assert_db_ok (rally_store_get_path (f->store));
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM account_videos"), ==, 20);
}

/* Research data lags: new videos are searchable after up to 48 hours and counts settle
 * over 10 days. Windows of the last days are fetched again until they have settled. */
static void
test_index_lag (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 end = JUNE_1 + DAYS * DAY;   /* midnight after the last day */
  gint64 id = rally_challenge_get_id (f->challenge);
  RallyTotals totals;

  rally_emulator_set_index_lag (f->emu, 48 * 3600);
  rally_sync_engine_set_use_research (f->engine, TRUE);

  /* the day after the end: the last two days are not searchable yet */
  rally_emulator_set_now (f->emu, end + 3600);
  rally_sync_engine_set_now (f->engine, end + 3600);
  g_assert_true (run_engine (f, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_get_challenge_totals (f->store, id, &totals));
  g_assert_cmpint (totals.videos, ==, rally_emulator_count_matching (f->emu, TAG, JUNE_1, end + 3600 - 48 * 3600));
  g_assert_cmpint (totals.videos, <, 300);
  g_assert_cmpint (totals.views, <, rally_emulator_get_total_views (f->emu, TAG));

  /* five days on: every video is found, recent counts are still growing */
  rally_emulator_set_now (f->emu, end + 5 * DAY);
  rally_sync_engine_set_now (f->engine, end + 5 * DAY);
  g_assert_true (run_engine (f, &error));
  g_assert_true (rally_store_get_challenge_totals (f->store, id, &totals));
  g_assert_cmpint (totals.videos, ==, 300);
  g_assert_cmpint (totals.views, <, rally_emulator_get_total_views (f->emu, TAG));

  /* ten days after the last video: the counts have settled, and the window was
   * fetched once more to get them */
  rally_emulator_set_now (f->emu, end + 10 * DAY + 3600);
  rally_sync_engine_set_now (f->engine, end + 10 * DAY + 3600);
  g_assert_true (run_engine (f, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_get_challenge_totals (f->store, id, &totals));
  g_assert_cmpint (totals.videos, ==, 300);
  g_assert_cmpint (totals.views, ==, rally_emulator_get_total_views (f->emu, TAG));
  rally_test_assert_db_ok (rally_store_get_path (f->store));
}

#define ADD(path, func) \
  g_test_add ("/sync/account/" path, Fixture, NULL, set_up, func, tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync/account/hashtags", test_hashtags);
  ADD ("full", test_account_full);
  ADD ("display-only", test_account_display_only);
  ADD ("resume", test_account_resume);
  ADD ("refused", test_account_refused);
  ADD ("server-error", test_account_server_error);
  ADD ("rate-limit", test_account_rate_limit);
  ADD ("gateway-html", test_account_gateway_html);
  ADD ("token-expired", test_account_token_expired);
  ADD ("malformed", test_account_malformed);
  g_test_add ("/sync/lag/index-lag", Fixture, NULL, set_up, test_index_lag, tear_down);

  return g_test_run ();
}
