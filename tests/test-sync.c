/* test-sync.c
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

/* The sync client against the loopback emulator: pagination, tokens, and one
 * test per injected fault. All HTTP goes to 127.0.0.1. */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "rally-emulator.h"
#include "rally-sync-client.h"

#define TAG "walkforwater"
#define QUERY_PATH "/v2/research/video/query/"
#define TOKEN_PATH "/v2/oauth/token/"
/* 2024-06-01 00:00 UTC */
#define JUNE_1 1717200000

typedef struct
{
  RallyEmulator   *emu;
  RallySyncClient *client;
  guint            retries;
} Fixture;

static void
retrying_cb (RallySyncClient *client,
             const char      *message,
             guint            delay_ms,
             Fixture         *fixture)
{
  g_assert_nonnull (message);
  fixture->retries++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->emu = rally_emulator_new ();
  /* 250 videos over 20 days: June 1 … June 20 */
  rally_emulator_add_hashtag (fixture->emu, TAG, 250, JUNE_1, JUNE_1 + 20 * 86400 - 1);
  rally_emulator_add_hashtag (fixture->emu, "other", 40, JUNE_1, JUNE_1 + 20 * 86400 - 1);
  g_assert_true (rally_emulator_start (fixture->emu, &error));
  g_assert_no_error (error);

  fixture->client = rally_sync_client_new (rally_emulator_get_url (fixture->emu),
                                           rally_emulator_get_url (fixture->emu), &error);
  g_assert_no_error (error);
  rally_sync_client_set_credentials (fixture->client, "rally-test-key", "rally-test-secret");
  rally_sync_client_set_retry_policy (fixture->client, 4, 10, 50, 10000);
  g_signal_connect (fixture->client, "retrying", G_CALLBACK (retrying_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_pointer (&fixture->emu, rally_emulator_free);
}

static RallyTiktokPage *
query (Fixture     *fixture,
       const char  *start,
       const char  *end,
       gint64       cursor,
       const char  *search_id,
       GError     **error)
{
  RallyTiktokQuery q = {
    .hashtag = "#WalkForWater",
    .start_date = start,
    .end_date = end,
    .max_count = 100,
    .cursor = cursor,
    .search_id = search_id,
  };

  return rally_sync_client_query_videos (fixture->client, &q, NULL, error);
}

/* Fetches every page of June 1–10 and returns the number of videos. */
static guint
fetch_window (Fixture  *fixture,
              GError  **error)
{
  g_autofree char *search_id = NULL;
  gint64 cursor = 0, last_id = G_MAXINT64;
  guint n = 0;

  for (guint pages = 0; pages < 100; pages++)
    {
      g_autoptr(RallyTiktokPage) page = query (fixture, "20240601", "20240610", cursor, search_id, error);

      if (page == NULL)
        return n;
      for (guint i = 0; i < page->videos->len; i++)
        {
          RallyTiktokVideo *video = g_ptr_array_index (page->videos, i);

          /* descending ids, no repeats */
          g_assert_cmpint (video->id, <, last_id);
          last_id = video->id;
        }
      n += page->videos->len;
      if (!page->has_more)
        return n;
      cursor = page->cursor;
      g_free (search_id);
      search_id = g_strdup (page->search_id);
    }
  g_assert_not_reached ();
}

static guint
expected_window (Fixture *fixture)
{
  return rally_emulator_count_matching (fixture->emu, TAG, JUNE_1, JUNE_1 + 10 * 86400);
}

static void
test_client_urls (void)
{
  const char *bad[] = { "http://example.com", "http://10.0.0.1:8080", "ftp://127.0.0.1", "not a url", "https://", NULL };
  const char *good[] = { "https://open.tiktokapis.com", "http://127.0.0.1:1234", "http://localhost", "http://[::1]:80/", NULL };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RallySyncClient) client = rally_sync_client_new (bad[i], "https://open.tiktokapis.com", &error);

      g_assert_null (client);
      g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INSECURE_URL);
    }
  for (guint i = 0; good[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (rally_sync_client_check_url (good[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_client_pages (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n = fetch_window (fixture, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected_window (fixture));
  g_assert_cmpuint (n, >, 100);
  /* one token for every page */
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, TOKEN_PATH), ==, 1);
  g_assert_cmpuint (rally_sync_client_get_research_requests (fixture->client), ==,
                    rally_emulator_get_request_count (fixture->emu, QUERY_PATH));
  g_assert_cmpuint (fixture->retries, ==, 0);
}

static void
test_client_end_exclusive (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n;

  rally_emulator_set_quirks (fixture->emu, RALLY_EMULATOR_QUIRK_END_EXCLUSIVE | RALLY_EMULATOR_QUIRK_GAPS);
  n = fetch_window (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, rally_emulator_count_matching (fixture->emu, TAG, JUNE_1, JUNE_1 + 9 * 86400));
}

static void
test_client_token_expired (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n;

  rally_emulator_add_fault (fixture->emu, RALLY_EMULATOR_FAULT_TOKEN_EXPIRED, 2, 1);
  n = fetch_window (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected_window (fixture));
  /* refreshed exactly once, the page replayed */
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, TOKEN_PATH), ==, 2);
}

static void
test_client_token_always_invalid (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;

  rally_emulator_add_fault (fixture->emu, RALLY_EMULATOR_FAULT_TOKEN_EXPIRED, 1, 100);
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_TOKEN_EXPIRED);
  /* one refresh, no loop */
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, TOKEN_PATH), ==, 2);
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 2);
}

static void
assert_recovers (Fixture            *fixture,
                 RallyEmulatorFault  fault,
                 guint               times)
{
  g_autoptr(GError) error = NULL;
  guint n;

  rally_emulator_add_fault (fixture->emu, fault, 2, times);
  n = fetch_window (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected_window (fixture));
  g_assert_cmpuint (fixture->retries, ==, times);
}

static void
assert_gives_up (Fixture            *fixture,
                 RallyEmulatorFault  fault,
                 RallySyncError      code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;

  rally_emulator_add_fault (fixture->emu, fault, 1, 1000);
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, "4 attempts"));
  /* bounded: exactly max_attempts requests */
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 4);
}

static void
test_client_server_error (Fixture       *fixture,
                          gconstpointer  data)
{
  assert_recovers (fixture, RALLY_EMULATOR_FAULT_SERVER_ERROR, 2);
}

static void
test_client_server_error_gives_up (Fixture       *fixture,
                                   gconstpointer  data)
{
  assert_gives_up (fixture, RALLY_EMULATOR_FAULT_SERVER_ERROR, RALLY_SYNC_ERROR_SERVER);
}

static void
test_client_gateway_html (Fixture       *fixture,
                          gconstpointer  data)
{
  assert_recovers (fixture, RALLY_EMULATOR_FAULT_GATEWAY_HTML, 1);
}

static void
test_client_gateway_html_gives_up (Fixture       *fixture,
                                   gconstpointer  data)
{
  assert_gives_up (fixture, RALLY_EMULATOR_FAULT_GATEWAY_HTML, RALLY_SYNC_ERROR_SERVER);
}

static void
test_client_cut_body (Fixture       *fixture,
                      gconstpointer  data)
{
  assert_recovers (fixture, RALLY_EMULATOR_FAULT_CUT_BODY, 1);
}

static void
test_client_cut_body_gives_up (Fixture       *fixture,
                               gconstpointer  data)
{
  assert_gives_up (fixture, RALLY_EMULATOR_FAULT_CUT_BODY, RALLY_SYNC_ERROR_NETWORK);
}

static void
test_client_malformed (Fixture       *fixture,
                       gconstpointer  data)
{
  assert_recovers (fixture, RALLY_EMULATOR_FAULT_MALFORMED_JSON, 1);
}

static void
test_client_malformed_gives_up (Fixture       *fixture,
                                gconstpointer  data)
{
  assert_gives_up (fixture, RALLY_EMULATOR_FAULT_MALFORMED_JSON, RALLY_SYNC_ERROR_MALFORMED);
}

static void
test_client_invalid_cursor (Fixture       *fixture,
                            gconstpointer  data)
{
  assert_recovers (fixture, RALLY_EMULATOR_FAULT_INVALID_CURSOR, 1);
}

static void
test_client_rate_limit_backoff (Fixture       *fixture,
                                gconstpointer  data)
{
  assert_recovers (fixture, RALLY_EMULATOR_FAULT_RATE_LIMIT, 2);
}

static void
test_client_rate_limit_retry_after (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  gint64 start;

  rally_emulator_set_retry_after (fixture->emu, 1);
  rally_emulator_add_fault (fixture->emu, RALLY_EMULATOR_FAULT_RATE_LIMIT, 1, 1);
  start = g_get_monotonic_time ();
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  /* the back-off base is 10 ms: only Retry-After explains a wait of a second */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * 1000);
  g_assert_cmpuint (fixture->retries, ==, 1);
}

static void
test_client_retry_after_too_long (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;

  /* the total time bound (10 s) is shorter than what the server asks */
  rally_emulator_set_retry_after (fixture->emu, 3600);
  rally_emulator_add_fault (fixture->emu, RALLY_EMULATOR_FAULT_RATE_LIMIT, 1, 1);
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 1);
}

static void
test_client_quota (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  g_autoptr(RallyTiktokPage) page2 = NULL;

  rally_emulator_set_daily_quota (fixture->emu, 1);
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_no_error (error);
  page2 = query (fixture, "20240601", "20240610", page->cursor, page->search_id, &error);
  g_assert_null (page2);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_QUOTA_EXCEEDED);
  /* not retried */
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 2);
}

static void
test_client_search_id_expired (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  g_autoptr(RallyTiktokPage) page2 = NULL;

  rally_emulator_add_fault (fixture->emu, RALLY_EMULATOR_FAULT_SEARCH_ID_EXPIRED, 2, 1);
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_no_error (error);
  page2 = query (fixture, "20240601", "20240610", page->cursor, page->search_id, &error);
  g_assert_null (page2);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_SEARCH_ID_EXPIRED);
  g_assert_nonnull (strstr (error->message, page->search_id));
}

static void
test_client_invalid_window (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;

  page = query (fixture, "20240601", "20240720", 0, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INVALID_PARAMS);
  g_clear_error (&error);
  page = query (fixture, "2024-06-01", "20240602", 0, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INVALID_PARAMS);
}

static void
test_client_bad_credentials (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;

  rally_sync_client_set_credentials (fixture->client, "rally-test-key", "s3cr3t-x");
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (error->message, "s3cr3t-x"));
  g_clear_error (&error);

  rally_sync_client_set_credentials (fixture->client, NULL, NULL);
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS);
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 0);
}

static void
test_client_connection_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(RallySyncClient) client = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  g_autofree char *url = NULL;
  RallyTiktokQuery q = { .hashtag = TAG, .start_date = "20240601", .end_date = "20240602", .max_count = 10 };
  guint16 port;

  /* a port that was free a moment ago */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  client = rally_sync_client_new (url, url, &error);
  rally_sync_client_set_credentials (client, "k", "s");
  rally_sync_client_set_retry_policy (client, 2, 5, 10, 1000);
  page = rally_sync_client_query_videos (client, &q, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NETWORK);
}

static void
cancel_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;
  RallyTiktokPage *page = rally_sync_client_query_videos_finish (RALLY_SYNC_CLIENT (object), result, error);

  g_assert_null (page);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
run_cancelled (Fixture *fixture)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;
  RallyTiktokQuery q = { .hashtag = TAG, .start_date = "20240601", .end_date = "20240602", .max_count = 10 };

  rally_sync_client_query_videos_async (fixture->client, &q, cancellable, cancel_done_cb, &error);
  g_timeout_add (100, cancel_cb, cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_error_free (error);
}

static void
test_client_cancel_slow (Fixture       *fixture,
                         gconstpointer  data)
{
  rally_emulator_set_delay (fixture->emu, 3000);
  run_cancelled (fixture);
}

static void
test_client_cancel_backoff (Fixture       *fixture,
                            gconstpointer  data)
{
  /* cancelled while waiting between attempts */
  rally_sync_client_set_retry_policy (fixture->client, 4, 5000, 5000, 60000);
  rally_emulator_add_fault (fixture->emu, RALLY_EMULATOR_FAULT_SERVER_ERROR, 1, 10);
  run_cancelled (fixture);
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 1);
}

static void
test_client_slow (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n;

  rally_emulator_set_delay (fixture->emu, 30);
  n = fetch_window (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, expected_window (fixture));
}

/* ---- Display API ---- */

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_client_display (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokUser) user = NULL;
  GAsyncResult *result = NULL;
  gint64 cursor = 0;
  guint n = 0, pages = 0;
  gboolean more = TRUE;

  /* without a user token */
  rally_sync_client_user_info_async (fixture->client, NULL, store_result_cb, &result);
  user = rally_sync_client_user_info_finish (fixture->client, wait_result (&result), &error);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS);
  g_clear_error (&error);
  g_clear_object (&result);

  rally_sync_client_exchange_code_async (fixture->client, "wrong-code", "https://localhost/cb", "v", NULL,
                                         store_result_cb, &result);
  g_assert_false (rally_sync_client_exchange_code_finish (fixture->client, wait_result (&result), &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_clear_object (&result);

  rally_sync_client_exchange_code_async (fixture->client, "rally-test-code", "https://localhost/cb", "v", NULL,
                                         store_result_cb, &result);
  g_assert_true (rally_sync_client_exchange_code_finish (fixture->client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  rally_sync_client_user_info_async (fixture->client, NULL, store_result_cb, &result);
  user = rally_sync_client_user_info_finish (fixture->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->username, ==, "harbourlights_charity");
  g_assert_true (user->has_followers);
  g_assert_cmpint (user->followers, >, G_MAXINT32);
  g_clear_object (&result);

  while (more)
    {
      g_autoptr(RallyTiktokPage) page = NULL;

      rally_sync_client_list_videos_async (fixture->client, cursor, 20, NULL, store_result_cb, &result);
      page = rally_sync_client_list_videos_finish (fixture->client, wait_result (&result), &error);
      g_assert_no_error (error);
      g_clear_object (&result);
      n += page->videos->len;
      more = page->has_more;
      cursor = page->cursor;
      g_assert_cmpuint (++pages, <=, 3);
    }
  g_assert_cmpuint (n, ==, 45);
}

static void
test_client_display_refresh (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokUser) user = NULL;
  g_autofree char *first_refresh = NULL;
  g_autofree char *second_refresh = NULL;
  GAsyncResult *result = NULL;

  rally_sync_client_exchange_code_async (fixture->client, "rally-test-code", "https://localhost/cb", NULL, NULL,
                                         store_result_cb, &result);
  g_assert_true (rally_sync_client_exchange_code_finish (fixture->client, wait_result (&result), &error));
  g_clear_object (&result);
  first_refresh = rally_sync_client_dup_refresh_token (fixture->client);
  g_assert_true (g_str_has_prefix (first_refresh, "rft."));

  /* an access token that expired an hour ago: the refresh token gets a new one */
  rally_sync_client_set_user_token (fixture->client, "act.stale", g_get_real_time () / G_USEC_PER_SEC - 3600,
                                    first_refresh);
  rally_sync_client_user_info_async (fixture->client, NULL, store_result_cb, &result);
  user = rally_sync_client_user_info_finish (fixture->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_clear_object (&result);

  /* refresh tokens rotate */
  second_refresh = rally_sync_client_dup_refresh_token (fixture->client);
  g_assert_cmpstr (first_refresh, !=, second_refresh);
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, TOKEN_PATH), ==, 2);
}

static void
test_client_test_connection (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  rally_sync_client_test_connection_async (fixture->client, NULL, store_result_cb, &result);
  g_assert_true (rally_sync_client_test_connection_finish (fixture->client, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  rally_sync_client_set_credentials (fixture->client, "nope", "nope");
  rally_sync_client_test_connection_async (fixture->client, NULL, store_result_cb, &result);
  g_assert_false (rally_sync_client_test_connection_finish (fixture->client, wait_result (&result), &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_UNAUTHORIZED);
  g_clear_object (&result);
}

static void
test_client_research_user (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RallyTiktokUser) user = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  rally_sync_client_research_user_async (fixture->client, "@harbourlights_charity", NULL, store_result_cb, &result);
  user = rally_sync_client_research_user_finish (fixture->client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (user->has_followers && user->has_videos);
  g_clear_object (&result);

  rally_sync_client_research_user_async (fixture->client, "missing_user", NULL, store_result_cb, &result);
  g_assert_null (rally_sync_client_research_user_finish (fixture->client, wait_result (&result), &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "cannot find the user"));
  g_clear_object (&result);
}

#define ADD(path, func) \
  g_test_add ("/sync/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync/client/urls", test_client_urls);
  g_test_add_func ("/sync/client/connection-refused", test_client_connection_refused);
  ADD ("pages", test_client_pages);
  ADD ("end-exclusive", test_client_end_exclusive);
  ADD ("token-expired", test_client_token_expired);
  ADD ("token-always-invalid", test_client_token_always_invalid);
  ADD ("server-error", test_client_server_error);
  ADD ("server-error-gives-up", test_client_server_error_gives_up);
  ADD ("gateway-html", test_client_gateway_html);
  ADD ("gateway-html-gives-up", test_client_gateway_html_gives_up);
  ADD ("cut-body", test_client_cut_body);
  ADD ("cut-body-gives-up", test_client_cut_body_gives_up);
  ADD ("malformed", test_client_malformed);
  ADD ("malformed-gives-up", test_client_malformed_gives_up);
  ADD ("invalid-cursor", test_client_invalid_cursor);
  ADD ("rate-limit-backoff", test_client_rate_limit_backoff);
  ADD ("rate-limit-retry-after", test_client_rate_limit_retry_after);
  ADD ("retry-after-too-long", test_client_retry_after_too_long);
  ADD ("quota", test_client_quota);
  ADD ("search-id-expired", test_client_search_id_expired);
  ADD ("invalid-window", test_client_invalid_window);
  ADD ("bad-credentials", test_client_bad_credentials);
  ADD ("cancel-slow", test_client_cancel_slow);
  ADD ("cancel-backoff", test_client_cancel_backoff);
  ADD ("slow", test_client_slow);
  ADD ("display", test_client_display);
  ADD ("display-refresh", test_client_display_refresh);
  ADD ("test-connection", test_client_test_connection);
  ADD ("research-user", test_client_research_user);

  return g_test_run ();
}
