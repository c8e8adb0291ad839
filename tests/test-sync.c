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
#include <signal.h>
#include <glib/gstdio.h>
#include <string.h>

#include <sqlite3.h>

#include "rally-backup.h"
#include "rally-emulator.h"
#include "rally-store-analytics.h"
#include "rally-store-sync.h"
#include "rally-sync-client.h"
#include "rally-sync-engine.h"
#include "rally-test-util.h"

#define TAG "walkforwater"
#define QUERY_PATH "/v2/research/video/query/"
#define TOKEN_PATH "/v2/oauth/token/"
/* 2024-06-01 00:00 UTC */
#define JUNE_1 1717200000
/* `rally sync` is killed this many times at random moments */
#define KILLS 20

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
          RallyFetchedVideo *video = g_ptr_array_index (page->videos, i);

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
  /* a client token: nobody signs in for it, the key and secret are what to check */
  g_assert_null (strstr (error->message, "sign in"));
  g_assert_nonnull (strstr (error->message, "client key and secret"));
  /* one refresh, no loop */
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, TOKEN_PATH), ==, 2);
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 2);
}

/* A redirect to another server, or to plain http://, is not followed: the request
 * carries the token. The emulator's own address on another port is another server. */
static void
test_client_redirect_refused (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *targets[] = {
    "http://example.org/v2/research/video/query/",
    "https://example.org/v2/research/video/query/",
    "http://127.0.0.1:1/v2/research/video/query/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RallyTiktokPage) page = NULL;
      guint before = rally_emulator_get_request_count (fixture->emu, QUERY_PATH);

      rally_emulator_set_redirect (fixture->emu, targets[i]);
      page = query (fixture, "20240601", "20240610", 0, NULL, &error);
      g_assert_null (page);
      g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INSECURE_URL);
      g_assert_nonnull (strstr (error->message, targets[i]));
      g_assert_nonnull (strstr (error->message, "redirect"));
      /* asked once, not retried, nothing followed */
      g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, before + 1);
    }

  rally_emulator_set_redirect (fixture->emu, NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RallyTiktokPage) page = query (fixture, "20240601", "20240610", 0, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (page);
  }
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

/* …and its message says @says too, when not NULL */
static void
assert_gives_up_saying (Fixture            *fixture,
                        RallyEmulatorFault  fault,
                        RallySyncError      code,
                        const char         *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;

  rally_emulator_add_fault (fixture->emu, fault, 1, 1000);
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, "4 attempts"));
  if (says != NULL)
    g_assert_nonnull (strstr (error->message, says));
  /* bounded: exactly max_attempts requests */
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 4);
}

static void
assert_gives_up (Fixture            *fixture,
                 RallyEmulatorFault  fault,
                 RallySyncError      code)
{
  assert_gives_up_saying (fixture, fault, code, NULL);
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

/* A reply past 64 MiB is not read to its end: refused and tried again… */
static void
test_client_huge_body (Fixture       *fixture,
                       gconstpointer  data)
{
  assert_recovers (fixture, RALLY_EMULATOR_FAULT_HUGE_BODY, 1);
}

/* …and given up on with a message that says why */
static void
test_client_huge_body_gives_up (Fixture       *fixture,
                                gconstpointer  data)
{
  assert_gives_up_saying (fixture, RALLY_EMULATOR_FAULT_HUGE_BODY, RALLY_SYNC_ERROR_MALFORMED, "64 MiB");
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
  /* the wait asked for, not "a few minutes" */
  g_assert_nonnull (strstr (error->message, "wait 60 minutes"));
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 1);
}

/* A server that answers too slowly (or drips its reply) costs each attempt its
 * deadline, not the sync: the attempts are given up and tried again, then the
 * request fails with what happened. */
static void
test_client_attempt_deadline (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  gint64 start;

  /* the token first, in time */
  rally_sync_client_set_attempt_timeout (fixture->client, 300);
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&page, rally_tiktok_page_free);

  rally_emulator_set_delay (fixture->emu, 1500);
  start = g_get_monotonic_time ();
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "took more than 1 second"));
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 1 + 4);
  /* four attempts waited for in full would take 6 s */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* answered in time, the next request is read as usual */
  rally_emulator_set_delay (fixture->emu, 50);
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
}

/* query(), on the test's main context, whose sources keep running between calls */
static RallyTiktokPage *
query_here (Fixture  *fixture,
            GError  **error)
{
  RallyTiktokQuery q = { .hashtag = "#WalkForWater", .start_date = "20240601", .end_date = "20240610",
                         .max_count = 100 };
  g_autoptr(GAsyncResult) result = NULL;

  rally_sync_client_query_videos_async (fixture->client, &q, NULL, rally_test_store_result_cb, &result);
  return rally_sync_client_query_videos_finish (fixture->client, rally_test_wait_result (&result), error);
}

/* A kept-alive connection serves the next request, and is closed once unused for
 * the idle timeout (libsoup's own is off, see idle_close_cb()). */
static void
test_client_idle_close (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;

  rally_sync_client_set_idle_timeout (fixture->client, 600);
  page = query_here (fixture, &error);
  g_assert_no_error (error);
  g_clear_pointer (&page, rally_tiktok_page_free);
  page = query_here (fixture, &error);
  g_assert_no_error (error);
  g_clear_pointer (&page, rally_tiktok_page_free);
  /* the token and both queries on one connection */
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 2);
  g_assert_cmpuint (rally_emulator_get_connection_count (fixture->emu), ==, 1);

  /* up to twice the timeout, and some more for a loaded machine */
  rally_test_wait_ms (2000);
  page = query_here (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (rally_emulator_get_connection_count (fixture->emu), ==, 2);
}

/* The idle timeout never closes a connection with a request on it: here it runs
 * out many times while three slow queries are on the wire. */
static void
test_client_idle_close_busy (Fixture       *fixture,
                             gconstpointer  data)
{
  RallyTiktokQuery q = { .hashtag = "#WalkForWater", .start_date = "20240601", .end_date = "20240610",
                         .max_count = 100 };
  GAsyncResult *results[3] = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;

  rally_sync_client_set_idle_timeout (fixture->client, 20);
  page = query_here (fixture, &error);
  g_assert_no_error (error);
  rally_emulator_set_delay (fixture->emu, 300);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    rally_sync_client_query_videos_async (fixture->client, &q, NULL, rally_test_store_result_cb, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(RallyTiktokPage) slow = NULL;

      slow = rally_sync_client_query_videos_finish (fixture->client, rally_test_wait_result (&results[i]), &error);
      g_assert_no_error (error);
      g_assert_nonnull (slow);
      g_assert_cmpuint (slow->videos->len, ==, page->videos->len);
      g_clear_object (&results[i]);
    }
  /* each on its first attempt */
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, QUERY_PATH), ==, 1 + 3);
}

/* A reply longer than a read piece (64 KiB) is read in several, whole, and parsed to
 * the same page. */
static void
test_client_long_reply (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  g_autoptr(RallyTiktokPage) padded = NULL;

  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_no_error (error);
  rally_emulator_set_quirks (fixture->emu, RALLY_EMULATOR_QUIRK_LONG_REPLY);
  padded = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (padded);
  g_assert_cmpuint (padded->videos->len, ==, page->videos->len);
  g_assert_cmpuint (padded->videos->len, >, 0);
  g_assert_cmpint (padded->cursor, ==, page->cursor);
  g_assert_cmpint (((RallyFetchedVideo *) g_ptr_array_index (padded->videos, 0))->id, ==,
                   ((RallyFetchedVideo *) g_ptr_array_index (page->videos, 0))->id);
}

/* A compressed reply is read whole: its Content-Length counts the bytes sent, which
 * for a short reply (a token) are more than the text libsoup decodes from them. */
static void
test_client_gzip (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;

  rally_emulator_set_gzip (fixture->emu, TRUE);
  page = query (fixture, "20240601", "20240610", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpuint (page->videos->len, >, 0);
  g_assert_cmpuint (rally_emulator_get_request_count (fixture->emu, TOKEN_PATH), ==, 1);
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

typedef struct
{
  GSocketListener *listener;
  GCancellable    *stop;
  guint            accepted;  /* connections the client opened */
} UntrustedServer;

/* A TLS server with a certificate nobody vouches for. */
static gpointer
untrusted_server_thread (gpointer data)
{
  UntrustedServer *server = data;
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "fixtures", "tls", "self-signed.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (pem, NULL);
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GIOStream) tls = NULL;

  g_assert_nonnull (certificate);
  /* every attempt the client makes, if it makes more than one */
  while ((connection = g_socket_listener_accept (server->listener, NULL, server->stop, NULL)) != NULL)
    {
      g_atomic_int_inc (&server->accepted);
      tls = g_tls_server_connection_new (G_IO_STREAM (connection), certificate, NULL);
      g_tls_connection_handshake (G_TLS_CONNECTION (tls), server->stop, NULL);
      g_clear_object (&tls);
      g_clear_object (&connection);
    }
  return NULL;
}

static void
count_retry_cb (RallySyncClient *client,
                const char      *message,
                guint            delay_ms,
                guint           *n)
{
  (*n)++;
}

/* An untrusted certificate is permanent: the first attempt says so, none follows. */
static void
test_client_untrusted_tls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(RallySyncClient) client = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  g_autofree char *url = NULL;
  RallyTiktokQuery q = { .hashtag = TAG, .start_date = "20240601", .end_date = "20240602", .max_count = 10 };
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  UntrustedServer server = { listener, stop, 0 };
  GThread *thread;
  guint retries = 0;

#if defined(__SANITIZE_ADDRESS__)
  /* LeakSanitizer's exit check crashes in its own tracer ("Tracer caught signal 11")
   * once glib-networking has run a failed handshake in this process; the plain build
   * runs this test, the sanitizer run cannot */
  g_test_skip ("LeakSanitizer cannot check a process after a refused TLS handshake");
  return;
#endif
  if (g_tls_backend_get_default () == NULL || !g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend");
      return;
    }
  g_assert_true (g_socket_listener_add_address (listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &effective, &error));
  g_assert_no_error (error);
  thread = g_thread_new ("untrusted-tls", untrusted_server_thread, &server);
  url = g_strdup_printf ("https://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));

  client = rally_sync_client_new (url, url, &error);
  g_assert_no_error (error);
  rally_sync_client_set_credentials (client, "k", "s");
  rally_sync_client_set_retry_policy (client, 5, 200, 1000, 20000);
  g_signal_connect (client, "retrying", G_CALLBACK (count_retry_cb), &retries);
  page = rally_sync_client_query_videos (client, &q, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "certificate is not trusted"));
  g_assert_cmpuint (retries, ==, 0);

  g_cancellable_cancel (stop);
  g_thread_join (thread);
  /* failed at once: one connection, no second attempt (counted, not timed) */
  g_assert_cmpuint (g_atomic_int_get (&server.accepted), ==, 1);
  g_socket_listener_close (listener);
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
cancel_on_retry_cb (RallySyncClient *client,
                    const char      *message,
                    guint            delay_ms,
                    GCancellable    *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_client_cancel_backoff (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;
  RallyTiktokQuery q = { .hashtag = TAG, .start_date = "20240601", .end_date = "20240602", .max_count = 10 };

  /* cancelled while waiting between attempts (5 s), right after the first failure */
  rally_sync_client_set_retry_policy (fixture->client, 4, 5000, 5000, 60000);
  rally_emulator_add_fault (fixture->emu, RALLY_EMULATOR_FAULT_SERVER_ERROR, 1, 10);
  g_signal_connect (fixture->client, "retrying", G_CALLBACK (cancel_on_retry_cb), cancellable);
  rally_sync_client_query_videos_async (fixture->client, &q, cancellable, cancel_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_error_free (error);
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
test_client_display (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyAccount) user = NULL;
  GAsyncResult *result = NULL;
  gint64 cursor = 0;
  guint n = 0, pages = 0;
  gboolean more = TRUE;

  /* without a user token */
  rally_sync_client_user_info_async (fixture->client, NULL, rally_test_store_result_cb, &result);
  user = rally_sync_client_user_info_finish (fixture->client, rally_test_wait_result (&result), &error);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS);
  g_clear_error (&error);
  g_clear_object (&result);

  /* with one that ran out, and nothing to renew it: the sign-in expired */
  rally_sync_client_set_user_token (fixture->client, "act.old", g_get_real_time () / G_USEC_PER_SEC - 60, NULL);
  rally_sync_client_user_info_async (fixture->client, NULL, rally_test_store_result_cb, &result);
  user = rally_sync_client_user_info_finish (fixture->client, rally_test_wait_result (&result), &error);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "expired"));
  g_clear_error (&error);
  g_clear_object (&result);
  rally_sync_client_set_user_token (fixture->client, NULL, 0, NULL);

  rally_sync_client_exchange_code_async (fixture->client, "wrong-code", "https://localhost/cb", "v", NULL,
                                         rally_test_store_result_cb, &result);
  g_assert_false (rally_sync_client_exchange_code_finish (fixture->client, rally_test_wait_result (&result), &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_clear_object (&result);

  rally_sync_client_exchange_code_async (fixture->client, "rally-test-code", "https://localhost/cb", "v", NULL,
                                         rally_test_store_result_cb, &result);
  g_assert_true (rally_sync_client_exchange_code_finish (fixture->client, rally_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  rally_sync_client_user_info_async (fixture->client, NULL, rally_test_store_result_cb, &result);
  user = rally_sync_client_user_info_finish (fixture->client, rally_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->username, ==, "harbourlights_charity");
  g_assert_cmpint (user->followers, >, G_MAXINT32);
  g_clear_object (&result);

  while (more)
    {
      g_autoptr(RallyTiktokPage) page = NULL;

      rally_sync_client_list_videos_async (fixture->client, cursor, 20, NULL, rally_test_store_result_cb, &result);
      page = rally_sync_client_list_videos_finish (fixture->client, rally_test_wait_result (&result), &error);
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
  g_autoptr(RallyAccount) user = NULL;
  g_autofree char *first_refresh = NULL;
  g_autofree char *second_refresh = NULL;
  GAsyncResult *result = NULL;

  rally_sync_client_exchange_code_async (fixture->client, "rally-test-code", "https://localhost/cb", NULL, NULL,
                                         rally_test_store_result_cb, &result);
  g_assert_true (rally_sync_client_exchange_code_finish (fixture->client, rally_test_wait_result (&result), &error));
  g_clear_object (&result);
  first_refresh = rally_sync_client_dup_refresh_token (fixture->client);
  g_assert_true (g_str_has_prefix (first_refresh, "rft."));

  /* an access token that expired an hour ago: the refresh token gets a new one */
  rally_sync_client_set_user_token (fixture->client, "act.stale", g_get_real_time () / G_USEC_PER_SEC - 3600,
                                    first_refresh);
  rally_sync_client_user_info_async (fixture->client, NULL, rally_test_store_result_cb, &result);
  user = rally_sync_client_user_info_finish (fixture->client, rally_test_wait_result (&result), &error);
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

  rally_sync_client_test_connection_async (fixture->client, NULL, rally_test_store_result_cb, &result);
  g_assert_true (rally_sync_client_test_connection_finish (fixture->client, rally_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  rally_sync_client_set_credentials (fixture->client, "nope", "nope");
  rally_sync_client_test_connection_async (fixture->client, NULL, rally_test_store_result_cb, &result);
  g_assert_false (rally_sync_client_test_connection_finish (fixture->client, rally_test_wait_result (&result), &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_UNAUTHORIZED);
  g_clear_object (&result);
}

static void
test_emulator_program (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(RallySyncClient) client = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "rally-emulator", NULL);
  RallyTiktokQuery q = { .hashtag = "charitywalk", .start_date = "20240601", .end_date = "20240610", .max_count = 100 };

  /* the program prints its address, then serves with the faults given as flags */
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program,
                              "--hashtag", "charitywalk", "--videos", "50", "--start", "20240601", "--days", "10",
                              "--fail-5xx", "1:2", "--counts-as-strings", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));

  client = rally_sync_client_new (url, url, &error);
  rally_sync_client_set_credentials (client, "rally-test-key", "rally-test-secret");
  rally_sync_client_set_retry_policy (client, 4, 5, 10, 5000);
  page = rally_sync_client_query_videos (client, &q, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->videos->len, ==, 50);
  g_assert_cmpint (((RallyFetchedVideo *) g_ptr_array_index (page->videos, 0))->views, >=, 0);
  g_assert_cmpuint (rally_sync_client_get_research_requests (client), ==, 3);

  g_subprocess_send_signal (process, SIGTERM);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
}

static void
test_client_research_user (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RallyAccount) user = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  rally_sync_client_research_user_async (fixture->client, "@harbourlights_charity", NULL, rally_test_store_result_cb, &result);
  user = rally_sync_client_research_user_finish (fixture->client, rally_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (user->followers >= 0 && user->videos >= 0);
  g_clear_object (&result);

  rally_sync_client_research_user_async (fixture->client, "missing_user", NULL, rally_test_store_result_cb, &result);
  g_assert_null (rally_sync_client_research_user_finish (fixture->client, rally_test_wait_result (&result), &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INVALID_PARAMS);
  g_assert_nonnull (strstr (error->message, "cannot find the user"));
  g_clear_object (&result);
}

/* ---- Sync engine ---- */

#define ENGINE_DAYS 60

typedef struct
{
  RallyEmulator   *emu;
  RallySyncClient *client;
  RallyStore      *store;
  RallySyncEngine *engine;
  RallyChallenge  *challenge;
  char            *dir;
  guint            progress;
} EngineFixture;

static void
progress_cb (RallySyncEngine *engine,
             RallyChallenge  *challenge,
             guint            page,
             guint            videos,
             EngineFixture   *f)
{
  g_assert_true (RALLY_IS_CHALLENGE (challenge));
  f->progress++;
}

static RallyChallenge *
add_challenge (RallyStore *store,
               const char *hashtag,
               gint64      start,
               gint64      end,
               RallyChallengeStatus status)
{
  g_autoptr(GError) error = NULL;
  RallyChallenge *challenge = rally_challenge_new ();

  rally_challenge_set_hashtag (challenge, hashtag);
  rally_challenge_set_start_date (challenge, start);
  rally_challenge_set_end_date (challenge, end);
  rally_challenge_set_status (challenge, status);
  rally_challenge_set_audience (challenge, RALLY_AUDIENCE_18_PLUS);
  rally_store_save_challenge (store, challenge, &error);
  g_assert_no_error (error);
  return challenge;
}

static void
engine_set_up (EngineFixture *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->emu = rally_emulator_new ();
  /* 600 videos over 60 days from June 1: two 30-day windows, 3 pages each */
  rally_emulator_add_hashtag (f->emu, TAG, 600, JUNE_1, JUNE_1 + ENGINE_DAYS * 86400 - 1);
  rally_emulator_add_hashtag (f->emu, "other", 40, JUNE_1, JUNE_1 + ENGINE_DAYS * 86400 - 1);
  g_assert_true (rally_emulator_start (f->emu, &error));

  f->client = rally_sync_client_new (rally_emulator_get_url (f->emu), rally_emulator_get_url (f->emu), &error);
  g_assert_no_error (error);
  rally_sync_client_set_credentials (f->client, "rally-test-key", "rally-test-secret");
  rally_sync_client_set_retry_policy (f->client, 4, 5, 20, 10000);

  f->dir = g_dir_make_tmp ("rally-sync-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = rally_store_open (f->dir, &error);
  g_assert_no_error (error);
  f->challenge = add_challenge (f->store, "#" TAG, JUNE_1, JUNE_1 + (ENGINE_DAYS - 1) * 86400,
                                RALLY_CHALLENGE_STATUS_SCHEDULED);

  f->engine = rally_sync_engine_new (f->store, f->client);
  /* long after the challenge: no window is recent */
  rally_sync_engine_set_now (f->engine, JUNE_1 + 200 * 86400);
  g_signal_connect (f->engine, "progress", G_CALLBACK (progress_cb), f);
}

static void
engine_tear_down (EngineFixture *f,
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
run_engine (EngineFixture  *f,
            const char     *hashtag,
            GCancellable   *cancellable,
            GError        **error)
{
  GAsyncResult *result = NULL;
  gboolean ok;

  rally_sync_engine_run_async (f->engine, hashtag, cancellable, rally_test_store_result_cb, &result);
  ok = rally_sync_engine_run_finish (f->engine, rally_test_wait_result (&result), error);
  g_object_unref (result);
  return ok;
}

static gint64
sql_int (EngineFixture *f,
         const char    *sql)
{
  return rally_test_sql_int (rally_store_get_path (f->store), sql);
}

static void
assert_integrity (EngineFixture *f)
{
  rally_test_assert_db_ok (rally_store_get_path (f->store));
  /* no video twice */
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) - COUNT(DISTINCT challenge_id || ':' || tiktok_id) FROM videos"), ==, 0);
}

/* The store holds exactly the emulator's videos for the challenge, all windows done. */
static void
assert_complete (EngineFixture *f)
{
  RallyTotals totals;

  assert_integrity (f);
  g_assert_true (rally_store_get_challenge_totals (f->store, rally_challenge_get_id (f->challenge), &totals));
  g_assert_cmpint (totals.videos, ==, rally_emulator_count_matching (f->emu, TAG, JUNE_1, JUNE_1 + ENGINE_DAYS * 86400));
  g_assert_cmpint (totals.views, ==, rally_emulator_get_total_views (f->emu, TAG));
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos WHERE creator = '' OR posted_at = 0"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position WHERE done = 0"), ==, 0);
  /* the creators counted, as many videos each as the store holds */
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM rollup_pending"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM video_creators"), >, 0);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM ("
                               " SELECT challenge_id, creator, videos FROM video_creators"
                               " EXCEPT SELECT challenge_id, creator, COUNT(*) FROM videos WHERE creator <> '' GROUP BY 1, 2)"),
                   ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM video_creators"), ==,
                   sql_int (f, "SELECT COUNT(DISTINCT creator) FROM videos WHERE creator <> ''"));
  /* ids beyond 2^53 stored exactly */
  g_assert_cmpint (sql_int (f, "SELECT MAX(tiktok_id) FROM videos"), ==, rally_emulator_get_video_id (f->emu, TAG, 0));
}

static void
test_engine_full (EngineFixture *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallySnapshot) snapshot = NULL;
  guint queries;

  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_complete (f);
  g_assert_cmpuint (rally_sync_engine_get_n_videos (f->engine), ==, 600);
  g_assert_cmpuint (rally_sync_engine_get_n_challenges (f->engine), ==, 1);
  /* two windows of 300 videos: 3 pages each */
  queries = rally_emulator_get_request_count (f->emu, QUERY_PATH);
  g_assert_cmpuint (queries, ==, 6);
  g_assert_cmpuint (f->progress, ==, 1 + 6);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position"), ==, 2);
  /* quota counted and persisted */
  g_assert_cmpint (sql_int (f, "SELECT SUM(requests) FROM quota"), ==, queries);
  g_assert_cmpint (sql_int (f, "SELECT SUM(records) FROM quota"), ==, 600);

  snapshot = rally_store_get_latest_snapshot (f->store, rally_challenge_get_id (f->challenge));
  g_assert_nonnull (snapshot);
  g_assert_cmpint (rally_snapshot_get_videos (snapshot), ==, 600);
  g_assert_cmpint (rally_snapshot_get_views (snapshot), ==, rally_emulator_get_total_views (f->emu, TAG));
  g_assert_cmpint (rally_snapshot_get_source (snapshot), ==, RALLY_SOURCE_RESEARCH_API);
}

typedef struct
{
  EngineFixture *f;
  guint          videos;     /* "videos" announced… */
  gint64         seen;       /* …and the most videos the store then read */
  guint          snapshots;
} Announced;

static void
announced_cb (RallyStore *store,
              const char *table,
              gint64      id,
              Announced  *a)
{
  if (g_strcmp0 (table, "videos") == 0)
    {
      RallyTotals totals;

      a->videos++;
      g_assert_true (rally_store_get_challenge_totals (store, rally_challenge_get_id (a->f->challenge), &totals));
      a->seen = MAX (a->seen, totals.videos);
    }
  else if (g_strcmp0 (table, "snapshots") == 0)
    a->snapshots++;
}

/* The pages go over a connection of their own: the store still announces them as
 * they are written, each when its rows can be read, and the snapshot. */
static void
test_engine_announced (EngineFixture *f,
                       gconstpointer  data)
{
  Announced a = { f, 0, 0, 0 };
  g_autoptr(GError) error = NULL;

  g_signal_connect (f->store, "changed", G_CALLBACK (announced_cb), &a);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_func (f->store, announced_cb, &a);
  g_assert_cmpuint (a.videos, >=, 2);
  g_assert_cmpint (a.seen, ==, 600);
  g_assert_cmpuint (a.snapshots, ==, 1);
}

typedef struct
{
  EngineFixture *f;
  guint          everything;  /* "changed" with no table: a reload of everything */
  gboolean       intrude;     /* another program saves a challenge after the first page */
  gboolean       intruded;
} Watched;

static void
watched_changed_cb (RallyStore *store,
                    const char *table,
                    gint64      id,
                    Watched    *w)
{
  if (table == NULL)
    w->everything++;
}

static void
watched_progress_cb (RallySyncEngine *engine,
                     RallyChallenge  *challenge,
                     guint            page,
                     guint            videos,
                     Watched         *w)
{
  g_autoptr(RallyStore) other = NULL;
  g_autoptr(RallyChallenge) added = NULL;
  g_autoptr(GError) error = NULL;

  if (!w->intrude || page == 0 || w->intruded)
    return;
  w->intruded = TRUE;
  other = rally_store_open (w->f->dir, &error);
  g_assert_no_error (error);
  added = add_challenge (other, "fromelsewhere", JUNE_1, JUNE_1 + 86400, RALLY_CHALLENGE_STATUS_DRAFT);
}

/* Runs the engine with the store watching other writers, and the main loop a while
 * after (the watch looks 0.2 s after a change, at most once a second). */
static void
run_watched (Watched *w)
{
  g_autoptr(GError) error = NULL;
  gint64 end;

  rally_store_watch_other_writers (w->f->store);
  rally_emulator_set_delay (w->f->emu, 20);
  g_signal_connect (w->f->store, "changed", G_CALLBACK (watched_changed_cb), w);
  g_signal_connect (w->f->engine, "progress", G_CALLBACK (watched_progress_cb), w);
  g_assert_true (run_engine (w->f, NULL, NULL, &error));
  g_assert_no_error (error);
  end = g_get_monotonic_time () + 3 * G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (10000);
  g_signal_handlers_disconnect_by_func (w->f->store, watched_changed_cb, w);
}

/* In the window: the pages written over the sync's own connection are the store's
 * own commits to its watch, so a sync costs no reload of everything… */
static void
test_engine_watched (EngineFixture *f,
                     gconstpointer  data)
{
  Watched w = { f, 0, FALSE, FALSE };

  run_watched (&w);
  assert_complete (f);
  g_assert_cmpuint (w.everything, ==, 0);
}

/* …while another program's commit during the sync is still noticed. */
static void
test_engine_watched_other (EngineFixture *f,
                           gconstpointer  data)
{
  Watched w = { f, 0, TRUE, FALSE };

  run_watched (&w);
  g_assert_true (w.intruded);
  g_assert_cmpuint (w.everything, >=, 1);
}

static void
test_engine_twice (EngineFixture *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_true (run_engine (f, "WalkForWater", NULL, &error));
  g_assert_no_error (error);
  assert_complete (f);
  /* old windows are done: nothing fetched again, but a new snapshot */
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, 6);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM snapshots"), ==, 2);
}

static void
test_engine_refetch_recent (EngineFixture *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* five days after the end: the second window ends within the last 10 days */
  rally_sync_engine_set_now (f->engine, JUNE_1 + (ENGINE_DAYS + 4) * 86400);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_complete (f);
  /* the first sync cuts the second window at the settling tail (days 54–60, 70
   * videos): 3 + 3 + 1 pages; the second fetches only the tail again */
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, 7 + 1);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position"), ==, 3);
}

/* Starts @emu and points a new client and engine (f->engine) at it, for a test
 * with data of its own. */
static RallySyncEngine *
engine_for (EngineFixture *f,
            RallyEmulator *emu)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rally_emulator_start (emu, &error));
  g_clear_object (&f->client);
  f->client = rally_sync_client_new (rally_emulator_get_url (emu), rally_emulator_get_url (emu), &error);
  g_assert_no_error (error);
  rally_sync_client_set_credentials (f->client, "rally-test-key", "rally-test-secret");
  g_clear_object (&f->engine);
  f->engine = rally_sync_engine_new (f->store, f->client);
  return g_object_ref (f->engine);
}

/* A challenge of one 30-day window with a goal of 2,000 videos is cut into four
 * windows fetched at once. */
static void
test_engine_widen (EngineFixture *f,
                   gconstpointer  data)
{
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(RallySyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  RallyTotals totals;

  rally_emulator_add_hashtag (emu, "widechallenge", 2000, JUNE_1, JUNE_1 + 20 * 86400 - 1);
  engine = engine_for (f, emu);
  /* replies held long enough that the four windows' requests overlap however slow the
   * build (20 ms was not under AddressSanitizer) */
  rally_emulator_set_delay (emu, 200);
  challenge = add_challenge (f->store, "#widechallenge", JUNE_1, JUNE_1 + 19 * 86400, RALLY_CHALLENGE_STATUS_ENDED);
  rally_challenge_set_goal_videos (challenge, 2000);
  rally_store_save_challenge (f->store, challenge, &error);
  g_assert_no_error (error);
  rally_sync_engine_set_now (engine, JUNE_1 + 200 * 86400);

  g_assert_true (run_engine (f, "widechallenge", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_get_challenge_totals (f->store, rally_challenge_get_id (challenge), &totals));
  g_assert_cmpint (totals.videos, ==, 2000);
  assert_integrity (f);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position WHERE challenge_id = 2 AND done = 1"), ==, 4);
  g_assert_cmpint (sql_int (f, "SELECT MIN(window_end - window_start) FROM sync_position WHERE challenge_id = 2"),
                   ==, 4 * 86400);
  g_assert_cmpuint (rally_emulator_get_max_delayed (emu), ==, RALLY_SYNC_DEFAULT_MAX_WINDOWS);
  /* all four from the first request, not ramped up */
  g_assert_cmpuint (rally_emulator_get_first_delayed_queries (emu), ==, RALLY_SYNC_DEFAULT_MAX_WINDOWS);
  /* a part page more per window at most */
  g_assert_cmpuint (rally_emulator_get_request_count (emu, QUERY_PATH), <=, 20 + 4);
  g_clear_object (&f->engine);
}

typedef struct
{
  RallyEmulator *emu;
  guint          pages;
  guint          ahead;   /* pages whose next page had been asked for when they were written */
} Pipeline;

/* Runs when a page was written, before the main loop turns again: whatever reached
 * the emulator by now left before the write was over. */
static void
pipeline_progress_cb (RallySyncEngine *engine,
                      RallyChallenge  *challenge,
                      guint            page,
                      guint            videos,
                      gpointer         user_data)
{
  Pipeline *pipeline = user_data;
  gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  if (page == 0 || page >= pipeline->pages)
    return;  /* the start, or the last page: nothing follows */
  while (rally_emulator_get_request_count (pipeline->emu, QUERY_PATH) <= page &&
         g_get_monotonic_time () < until)
    g_usleep (1000);
  if (rally_emulator_get_request_count (pipeline->emu, QUERY_PATH) > page)
    pipeline->ahead++;
}

/* While a page is written, the request for the window's next one is already on its
 * way: one window of 8 pages, each but the last written with the next one asked for. */
static void
test_engine_pipelined (EngineFixture *f,
                       gconstpointer  data)
{
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(RallySyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  Pipeline pipeline = { emu, 8, 0 };
  RallyTotals totals;

  rally_emulator_add_hashtag (emu, "pipedchallenge", 800, JUNE_1, JUNE_1 + 10 * 86400 - 1);
  engine = engine_for (f, emu);
  rally_sync_engine_set_max_windows (engine, 1);
  /* replies slower than writes, as on a real network: a reply never finds the page
   * before it still waiting (then its window would wait for the writes) */
  rally_emulator_set_delay (emu, 100);
  challenge = add_challenge (f->store, "#pipedchallenge", JUNE_1, JUNE_1 + 9 * 86400, RALLY_CHALLENGE_STATUS_ENDED);
  rally_sync_engine_set_now (engine, JUNE_1 + 200 * 86400);
  g_signal_connect (engine, "progress", G_CALLBACK (pipeline_progress_cb), &pipeline);

  g_assert_true (run_engine (f, "pipedchallenge", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_get_challenge_totals (f->store, rally_challenge_get_id (challenge), &totals));
  g_assert_cmpint (totals.videos, ==, 800);
  assert_integrity (f);
  g_assert_cmpuint (pipeline.ahead, ==, pipeline.pages - 1);
  /* and nothing asked for twice */
  g_assert_cmpuint (rally_emulator_get_request_count (emu, QUERY_PATH), ==, pipeline.pages);
  g_clear_object (&f->engine);
}

/* A live challenge of 20,000 videos spread evenly over its first 45 days: a re-sync
 * fetches only the settling tail (the last 10 days and yesterday), not whole 30-day
 * windows. */
static void
test_engine_live_resync_quota (EngineFixture *f,
                               gconstpointer  data)
{
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(RallySyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = JUNE_1 + 44 * 86400 + 3600;
  RallyTotals totals;
  guint first = 0;

  rally_emulator_add_hashtag (emu, "livechallenge", 20000, JUNE_1, JUNE_1 + 45 * 86400 - 1);
  engine = engine_for (f, emu);
  challenge = add_challenge (f->store, "#livechallenge", JUNE_1, JUNE_1 + 89 * 86400, RALLY_CHALLENGE_STATUS_LIVE);

  for (guint day = 0; day < 3; day++)
    {
      rally_sync_engine_set_now (engine, now + day * 86400);
      g_assert_true (run_engine (f, "livechallenge", NULL, &error));
      g_assert_no_error (error);
      g_assert_true (rally_store_get_challenge_totals (f->store, rally_challenge_get_id (challenge), &totals));
      g_assert_cmpint (totals.videos, ==, 20000);
      g_assert_cmpint (totals.views, ==, rally_emulator_get_total_views (emu, "livechallenge"));
      assert_integrity (f);
      if (day == 0)
        {
          first = rally_emulator_get_request_count (emu, QUERY_PATH);
          g_assert_cmpuint (first, >=, 200);
          g_assert_cmpuint (first, <=, 205);
        }
      else
        {
          guint spent = rally_emulator_get_request_count (emu, QUERY_PATH) - first;
          guint planned, used, limit;
          gboolean minimum;

          rally_sync_engine_get_plan (engine, &planned, &minimum, &used, &limit);
          g_test_message ("re-sync on day %u: %u requests, %u planned", 46 + day - 1, spent, planned);
          g_assert_cmpuint (spent, <=, 60);
          /* the plan shown before it started was close */
          g_assert_false (minimum);
          g_assert_cmpuint (planned, >=, spent * 9 / 10);
          g_assert_cmpuint (planned, <=, spent * 11 / 10);
          g_assert_cmpuint (limit, ==, RALLY_SYNC_DEFAULT_DAILY_REQUESTS);
          g_assert_cmpuint (used, ==, 0);  /* a new UTC day */
          first += spent;
        }
    }
  g_clear_object (&f->engine);
}

static void
test_engine_live (EngineFixture *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  RallyTotals totals;

  /* day 45 of 60: only days 1–45 exist yet */
  rally_sync_engine_set_now (f->engine, JUNE_1 + 44 * 86400 + 3600);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (rally_store_get_challenge_totals (f->store, rally_challenge_get_id (f->challenge), &totals));
  g_assert_cmpint (totals.videos, ==, rally_emulator_count_matching (f->emu, TAG, JUNE_1, JUNE_1 + 45 * 86400));

  /* the challenge ends; the next sync completes it */
  rally_sync_engine_set_now (f->engine, JUNE_1 + 200 * 86400);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_complete (f);
}

/* A first sync of a challenge whose 500 videos were posted over 75 days, 1 March –
 * 14 May 2024, long after it ended: its reach history is those 75 days, by posting
 * day, not one point on the day of the sync. */
static void
test_engine_first_sync_history (EngineFixture *f,
                                gconstpointer  data)
{
  const gint64 march_1 = 1709251200, may_14 = march_1 + 74 * 86400;
  g_autoptr(RallyChallenge) spring = add_challenge (f->store, "SpringWalk", march_1, may_14,
                                                    RALLY_CHALLENGE_STATUS_SCHEDULED);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) days = NULL;
  g_autoptr(RallySeries) series = NULL;
  g_autoptr(GArray) points = NULL;
  g_autofree char *basis = NULL;
  RallyReachSource source;

  rally_emulator_add_hashtag (f->emu, "SpringWalk", 500, march_1, may_14 + 86400 - 1);
  g_assert_true (run_engine (f, "SpringWalk", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM snapshots"), ==, 1);

  days = rally_store_query_reach_source (f->store, rally_challenge_get_id (spring), &source);
  g_assert_cmpuint (days->len, ==, 75);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 0).day, ==, march_1);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 74).day, ==, may_14);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 74).videos, ==, 500);
  g_assert_cmpint (g_array_index (days, RallyDayTotals, 74).views, ==, rally_emulator_get_total_views (f->emu, "SpringWalk"));
  g_assert_cmpint (source.basis, ==, RALLY_REACH_FROM_POSTING_DAYS);
  basis = rally_reach_source_describe (&source);
  g_assert_true (g_str_has_prefix (basis, "By posting day, counts as of "));

  points = rally_reach_points (days, RALLY_METRIC_VIEWS, TRUE);
  series = rally_series_new_from_points ("#SpringWalk", NULL, points);
  g_assert_cmpuint (rally_series_get_n_points (series), ==, 75);
}

static void
engine_recovers (EngineFixture      *f,
                 RallyEmulatorFault  fault,
                 guint               nth,
                 guint               times)
{
  g_autoptr(GError) error = NULL;

  rally_emulator_add_fault (f->emu, fault, nth, times);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_complete (f);
}

static void
test_engine_server_error (EngineFixture *f, gconstpointer data)
{
  engine_recovers (f, RALLY_EMULATOR_FAULT_SERVER_ERROR, 2, 2);
}

static void
test_engine_server_error_halves (EngineFixture *f, gconstpointer data)
{
  /* more failures than the client retries: the window is cut in two, twice (one
   * window at a time, so that the failures all fall on the first) */
  rally_sync_engine_set_max_windows (f->engine, 1);
  engine_recovers (f, RALLY_EMULATOR_FAULT_SERVER_ERROR, 1, 8);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position"), ==, 4);
  g_assert_cmpint (sql_int (f, "SELECT MIN(window_end - window_start) FROM sync_position"), ==, 6 * 86400);
}

static void
test_engine_gateway_html (EngineFixture *f, gconstpointer data)
{
  engine_recovers (f, RALLY_EMULATOR_FAULT_GATEWAY_HTML, 3, 1);
}

static void
test_engine_rate_limit (EngineFixture *f, gconstpointer data)
{
  engine_recovers (f, RALLY_EMULATOR_FAULT_RATE_LIMIT, 2, 2);
}

static void
test_engine_cut_body (EngineFixture *f, gconstpointer data)
{
  engine_recovers (f, RALLY_EMULATOR_FAULT_CUT_BODY, 2, 1);
}

static void
test_engine_malformed (EngineFixture *f, gconstpointer data)
{
  engine_recovers (f, RALLY_EMULATOR_FAULT_MALFORMED_JSON, 2, 1);
}

static void
test_engine_token_expired (EngineFixture *f, gconstpointer data)
{
  engine_recovers (f, RALLY_EMULATOR_FAULT_TOKEN_EXPIRED, 2, 1);
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, TOKEN_PATH), ==, 2);
}

static void
test_engine_search_id_expired (EngineFixture *f, gconstpointer data)
{
  /* the third page's search_id is gone: the window starts over (one window at a
   * time: the emulator forgets every search, so each window in flight would) */
  rally_sync_engine_set_max_windows (f->engine, 1);
  engine_recovers (f, RALLY_EMULATOR_FAULT_SEARCH_ID_EXPIRED, 3, 1);
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, 6 + 1 + 2);
}

static void
test_engine_invalid_cursor (EngineFixture *f, gconstpointer data)
{
  /* beyond the client's retries: the window starts over */
  engine_recovers (f, RALLY_EMULATOR_FAULT_INVALID_CURSOR, 2, 4);
}

static void
engine_quirks (EngineFixture       *f,
               RallyEmulatorQuirks  quirks)
{
  g_autoptr(GError) error = NULL;

  rally_emulator_set_quirks (f->emu, quirks);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_complete (f);
}

static void
test_engine_duplicates (EngineFixture *f, gconstpointer data)
{
  engine_quirks (f, RALLY_EMULATOR_QUIRK_DUPLICATES);
  /* every record delivered counts against the quota: one repeat within each of the
   * 6 pages, and one from the previous page on pages 2 and 3 of each window */
  g_assert_cmpint (sql_int (f, "SELECT SUM(records) FROM quota"), ==, 600 + 6 + 2 * 2);
}

static void
test_engine_text_quirks (EngineFixture *f, gconstpointer data)
{
  engine_quirks (f, RALLY_EMULATOR_QUIRK_NUL_CHARS | RALLY_EMULATOR_QUIRK_COUNTS_AS_STRINGS |
                    RALLY_EMULATOR_QUIRK_VIDEO_ID_KEY | RALLY_EMULATOR_QUIRK_UNKNOWN_FIELDS);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos WHERE instr(creator, char(0)) > 0"
                               " OR instr(description, char(0)) > 0"), ==, 0);
}

static void
test_engine_gaps_rotating (EngineFixture *f, gconstpointer data)
{
  engine_quirks (f, RALLY_EMULATOR_QUIRK_GAPS | RALLY_EMULATOR_QUIRK_ROTATE_SEARCH_ID);
}

static void
test_engine_end_exclusive (EngineFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RallyTotals totals;

  /* a server that leaves out end_date misses the last day of each window */
  rally_emulator_set_quirks (f->emu, RALLY_EMULATOR_QUIRK_END_EXCLUSIVE);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_true (rally_store_get_challenge_totals (f->store, rally_challenge_get_id (f->challenge), &totals));
  g_assert_cmpint (totals.videos, <, 600);
  assert_integrity (f);
}

static void
test_engine_quota_server (EngineFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  RallyTotals totals;

  /* one window at a time: otherwise which two requests get through, and whether a
   * reply in flight is kept when another window's is refused, is a matter of timing */
  rally_sync_engine_set_max_windows (f->engine, 1);
  rally_emulator_set_daily_quota (f->emu, 2);
  g_assert_false (run_engine (f, NULL, NULL, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_QUOTA_EXCEEDED);
  g_clear_error (&error);
  assert_integrity (f);
  g_assert_true (rally_store_get_challenge_totals (f->store, rally_challenge_get_id (f->challenge), &totals));
  g_assert_cmpint (totals.videos, ==, 200);
  g_assert_null (rally_store_get_latest_snapshot (f->store, rally_challenge_get_id (f->challenge)));

  /* the next day: resumes where it stopped */
  rally_emulator_set_daily_quota (f->emu, 0);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_complete (f);
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, 3 + 4);
}

static void
test_engine_quota_local (EngineFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  rally_sync_engine_set_quota_limits (f->engine, 4, 100000);
  g_assert_false (run_engine (f, NULL, NULL, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_QUOTA_EXCEEDED);
  g_assert_nonnull (strstr (error->message, "4 of 4 requests"));
  g_clear_error (&error);
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, 4);
  g_assert_false (run_engine (f, NULL, NULL, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_QUOTA_EXCEEDED);
  g_clear_error (&error);
  /* the quota is persisted: nothing was sent the second time */
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, 4);

  /* the next UTC day, a record quota of 50 stops after one more page */
  rally_sync_engine_set_now (f->engine, JUNE_1 + 201 * 86400);
  rally_sync_engine_set_quota_limits (f->engine, 1000, 50);
  g_assert_false (run_engine (f, NULL, NULL, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_QUOTA_EXCEEDED);
  g_assert_nonnull (strstr (error->message, "100 of 50 videos"));
  g_clear_error (&error);
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, 5);

  rally_sync_engine_set_now (f->engine, JUNE_1 + 202 * 86400);
  rally_sync_engine_set_quota_limits (f->engine, 1000, 100000);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_complete (f);
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, 6);
}

static void
test_engine_resume (EngineFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint first_run;

  /* the fourth request and every later one: 429 beyond the retries */
  rally_emulator_add_fault (f->emu, RALLY_EMULATOR_FAULT_RATE_LIMIT, 4, 1000);
  g_assert_false (run_engine (f, NULL, NULL, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  assert_integrity (f);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos"), ==, 300);
  /* 3 good + 4 failed attempts of one request at least (the windows in flight
   * together each try as often) */
  first_run = rally_emulator_get_request_count (f->emu, QUERY_PATH);
  g_assert_cmpuint (first_run, >=, 3 + 4);

  rally_emulator_clear_faults (f->emu);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_complete (f);
  /* then only the 3 pages not written yet */
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, first_run + 3);
}

/* Several pages written at once: each with its window's position, in one
 * transaction, so a failure in the last leaves none of them written. */
static void
test_store_pages_at_once (EngineFixture *f, gconstpointer data)
{
  gint64 id = rally_challenge_get_id (f->challenge);
  RallySyncPosition first = { id, JUNE_1, JUNE_1 + 29 * 86400, 100, (char *) "s1", FALSE, JUNE_1 };
  RallySyncPosition second = { id, JUNE_1 + 30 * 86400, JUNE_1 + 59 * 86400, 100, (char *) "s2", FALSE, JUNE_1 };
  RallySyncPosition stray = { id + 1000, JUNE_1, JUNE_1 + 29 * 86400, 100, NULL, FALSE, JUNE_1 };
  RallyFetchedVideo videos[6] = { 0 };
  g_autoptr(GPtrArray) page1 = g_ptr_array_new ();
  g_autoptr(GPtrArray) page2 = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  RallySyncPageWrite pages[2] = {
    { &first, page1, JUNE_1, 1, 3 },
    { &second, page2, JUNE_1, 2, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
    {
      videos[i].id = 7200000000000000000 + i;
      videos[i].username = (char *) "someone";
      videos[i].create_time = JUNE_1 + i * 86400 * 10;
      videos[i].views = videos[i].likes = videos[i].comments = videos[i].shares = i + 1;
      g_ptr_array_add (i < 3 ? page1 : page2, &videos[i]);
    }
  g_assert_true (rally_store_save_sync_pages (f->store, pages, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos"), ==, 6);
  g_assert_cmpint (sql_int (f, "SELECT SUM(views) FROM videos"), ==, 21);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position WHERE cursor = 100"), ==, 2);
  g_assert_cmpint (sql_int (f, "SELECT requests FROM quota"), ==, 3);
  g_assert_cmpint (sql_int (f, "SELECT records FROM quota"), ==, 6);

  /* the second page belongs to no challenge: the first is not written either */
  first.cursor = second.cursor = 200;
  pages[1].position = &stray;
  for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
    videos[i].views = 1000;
  g_assert_false (rally_store_save_sync_pages (f->store, pages, 2, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (sql_int (f, "SELECT SUM(views) FROM videos"), ==, 21);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position WHERE cursor = 100"), ==, 2);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position"), ==, 2);
  g_assert_cmpint (sql_int (f, "SELECT requests FROM quota"), ==, 3);
}

/* The days of pages written at once are counted once, at the end, whichever pages
 * touched them: pages of one day, a video repeated with new counters, a page left to
 * the day triggers (a video without a time) between them, and one of more days than
 * a page is counted for (MAX_PAGE_DAYS). The day roll-up equals the videos after. */
static void
test_store_pages_share_days (EngineFixture *f, gconstpointer data)
{
  gint64 id = rally_challenge_get_id (f->challenge);
  RallySyncPosition position = { id, JUNE_1, JUNE_1 + 29 * 86400, 0, (char *) "s", FALSE, JUNE_1 };
  RallyFetchedVideo videos[16] = { 0 };
  GPtrArray *lists[5];
  RallySyncPageWrite pages[5];
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) writer = NULL;
  const char *partners[] = { "partner", NULL };
  /* the page of each video: 0 and 1 on day 0, 2 the trigger page (video 3's time
   * unknown), 3 back on day 0 with video 0 again, 4 over six days and video 4 again
   * on another day */
  const guint page_of[16] = { 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4, 4, 4 };

  /* through a sync writer too, whose connection runs without the schema's triggers:
   * what they would have done must be done all the same */
  if (data != NULL)
    {
      writer = rally_store_open_sync_writer (f->store, &error);
      g_assert_no_error (error);
      g_assert_nonnull (writer);
    }
  rally_challenge_set_partners (f->challenge, partners);
  g_assert_true (rally_store_save_challenge (f->store, f->challenge, &error));
  g_assert_no_error (error);

  for (guint p = 0; p < G_N_ELEMENTS (lists); p++)
    {
      lists[p] = g_ptr_array_new ();
      pages[p] = (RallySyncPageWrite) { &position, lists[p], JUNE_1, 1, 1 };
    }
  for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
    {
      videos[i].id = 7300000000000000000 + i;
      videos[i].username = (char *) "someone";
      videos[i].create_time = JUNE_1 + 3600 * i + (page_of[i] == 4 ? (i - 9) * 86400 : 0);
      videos[i].views = 10 * (i + 1);
      videos[i].likes = videos[i].comments = videos[i].shares = i + 1;
      g_ptr_array_add (lists[page_of[i]], &videos[i]);
    }
  /* page 2 updates video 3 (of page 1) without a time, page 3 repeats video 0 (now
   * by a partner), page 4 moves video 4 two days on; video 1 is a partner's */
  videos[6].id = videos[3].id;
  videos[6].create_time = 0;
  videos[6].views = 5000;
  videos[8].id = videos[0].id;
  videos[8].create_time = videos[0].create_time;
  videos[8].views = 7000;
  videos[8].username = (char *) "Partner";
  videos[1].username = (char *) "@partner";
  videos[12].id = videos[4].id;
  videos[12].create_time = videos[4].create_time + 2 * 86400;

  g_assert_true (rally_store_save_sync_pages (writer != NULL ? writer : f->store, pages, G_N_ELEMENTS (pages),
                                              &error));
  g_assert_no_error (error);
  /* a later transaction moves video 13 from a day it had alone to day 1, and counts
   * video 14 again without its time: their old days are counted again too */
  g_ptr_array_set_size (lists[0], 0);
  videos[13].create_time = JUNE_1 + 86400 + 60;
  videos[14].create_time = 0;
  videos[14].views = 9000;
  g_ptr_array_add (lists[0], &videos[13]);
  g_ptr_array_add (lists[0], &videos[14]);
  g_assert_true (rally_store_save_sync_pages (writer != NULL ? writer : f->store, pages, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos"), ==, 13);
  g_assert_cmpint (sql_int (f, "SELECT posted_at FROM videos WHERE tiktok_id = 7300000000000000004"), ==,
                   videos[12].create_time);
  g_assert_cmpint (sql_int (f, "SELECT posted_at FROM videos WHERE tiktok_id = 7300000000000000003"), ==,
                   videos[3].create_time);
  /* the partners' videos, and no other */
  g_assert_cmpint (sql_int (f, "SELECT SUM(tiktok_id - 7300000000000000000) FROM videos WHERE origin = 1"), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos WHERE origin = 1"), ==, 2);
  g_assert_cmpint (sql_int (f, "SELECT views FROM videos WHERE tiktok_id = 7300000000000000003"), ==, 5000);
  g_assert_cmpint (sql_int (f, "SELECT views FROM videos WHERE tiktok_id = 7300000000000000000"), ==, 7000);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM video_days"), ==, 5);
  g_assert_cmpint (sql_int (f, "SELECT SUM(views) FROM video_days"), ==, sql_int (f, "SELECT SUM(views) FROM videos"));
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM ("
                               " SELECT challenge_id, day, videos, views, likes, comments, shares FROM video_days"
                               " EXCEPT SELECT challenge_id, posted_at - posted_at % 86400, COUNT(*), SUM(views),"
                               " SUM(likes), SUM(comments), SUM(shares) FROM videos GROUP BY 1, 2)"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM rollup_paused"), ==, 0);
  for (guint p = 0; p < G_N_ELEMENTS (lists); p++)
    g_ptr_array_unref (lists[p]);
}

/* Runs @sql over a connection of its own, as another program would. */
static void
sql_write (EngineFixture *f,
           const char    *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (rally_store_get_path (f->store), &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The creators of a first sync are counted from its pages as they are written
 * (RallyCreatorTally), unless something else wrote to the workspace meanwhile: here
 * another program gives a video another creator, the number of videos unchanged. */
static void
test_store_creator_tally (EngineFixture *f, gconstpointer data)
{
  gint64 id = rally_challenge_get_id (f->challenge);
  RallySyncPosition position = { id, JUNE_1, JUNE_1 + 29 * 86400, 0, (char *) "s", FALSE, JUNE_1 };
  const char *creators[] = { "ana", "ana", "ben", NULL, "ana" };
  RallyFetchedVideo videos[G_N_ELEMENTS (creators)] = { 0 };
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStore) writer = rally_store_open_sync_writer (f->store, &error);
  g_autoptr(RallyCreatorTally) tally = NULL;

  g_assert_no_error (error);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(RallyCreatorTally) second = NULL;

      sql_write (f, "DELETE FROM videos; DELETE FROM video_creators; DELETE FROM sync_position;");
      tally = rally_store_start_creator_tally (writer, id, &error);
      g_assert_no_error (error);
      g_assert_nonnull (tally);
      g_ptr_array_set_size (list, 0);
      for (guint i = 0; i < G_N_ELEMENTS (videos); i++)
        {
          videos[i] = (RallyFetchedVideo) { .id = 7300000000000000000 + i, .username = (char *) creators[i],
                                            .create_time = JUNE_1 + 3600 * i, .views = 10, .likes = 1,
                                            .comments = 1, .shares = 1 };
          g_ptr_array_add (list, &videos[i]);
        }
      /* the last repeats the first: still one video, ana's; the fourth has none */
      videos[4].id = videos[0].id;
      g_assert_true (rally_store_save_sync_page (writer, &position, list, JUNE_1, 1, 5, &error));
      g_assert_no_error (error);
      rally_creator_tally_add (tally, list);
      /* a page repeating two: ben's video is dee's now, ana's keeps her name when
       * the repeat has none */
      videos[0].username = NULL;
      videos[2].username = (char *) "dee";
      g_ptr_array_set_size (list, 0);
      g_ptr_array_add (list, &videos[0]);
      g_ptr_array_add (list, &videos[2]);
      g_assert_true (rally_store_save_sync_page (writer, &position, list, JUNE_1, 1, 2, &error));
      g_assert_no_error (error);
      rally_creator_tally_add (tally, list);
      /* a challenge with videos has none */
      second = rally_store_start_creator_tally (writer, id, &error);
      g_assert_no_error (error);
      g_assert_null (second);

      if (round == 1)
        sql_write (f, "UPDATE videos SET creator = 'cy' WHERE tiktok_id = 7300000000000000001");
      g_assert_true (rally_store_settle_tallied (writer, tally, &error));
      g_assert_no_error (error);
      g_clear_pointer (&tally, rally_creator_tally_free);
      g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM rollup_pending"), ==, 0);
      g_assert_cmpint (sql_int (f, "SELECT videos FROM video_creators WHERE creator = 'ana'"), ==, round == 0 ? 2 : 1);
      g_assert_cmpint (sql_int (f, "SELECT videos FROM video_creators WHERE creator = 'dee'"), ==, 1);
      g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM video_creators WHERE creator IN ('ben', '')"), ==, 0);
      g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM video_creators"), ==, round == 0 ? 2 : 3);
    }

  /* a challenge without partners has no partner's video, whatever the creator (a
   * video missing a counter goes through the one-row upsert) */
  videos[0] = (RallyFetchedVideo) { .id = 7300000000000000009, .username = (char *) "@",
                                    .create_time = JUNE_1, .views = -1, .likes = 1, .comments = 1, .shares = 1 };
  g_ptr_array_set_size (list, 1);
  g_assert_true (rally_store_save_sync_page (writer, &position, list, JUNE_1, 1, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (f, "SELECT origin FROM videos WHERE tiktok_id = 7300000000000000009"), ==, 0);
  /* …nor once its partners are all taken away again */
  for (guint i = 0; i < 2; i++)
    {
      const char *partners[] = { i == 0 ? "ana" : NULL, NULL };

      rally_challenge_set_partners (f->challenge, partners);
      g_assert_true (rally_store_save_challenge (f->store, f->challenge, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (sql_int (f, "SELECT origin FROM videos WHERE tiktok_id = 7300000000000000009"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos WHERE origin = 1"), ==, 0);
}

/* A run that fails still writes the pages it had asked for: with both windows in
 * flight, the third reply (a good page) comes late, after another window gave up on
 * 429s; the run ends only once that page is written, so the resume asks for the
 * three pages not written and nothing twice. */
static void
test_engine_resume_in_flight (EngineFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint first_run;

  rally_emulator_set_slow_query (f->emu, 3, 1500);
  rally_emulator_add_fault (f->emu, RALLY_EMULATOR_FAULT_RATE_LIMIT, 4, 1000);
  g_assert_false (run_engine (f, NULL, NULL, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  assert_integrity (f);
  /* the two first pages and the late third, each with its window's position */
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos"), ==, 300);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position WHERE cursor > 0"), ==, 2);
  g_assert_cmpint (sql_int (f, "SELECT SUM(cursor) FROM sync_position"), ==, 300);
  first_run = rally_emulator_get_request_count (f->emu, QUERY_PATH);

  rally_emulator_clear_faults (f->emu);
  rally_emulator_set_slow_query (f->emu, 0, 0);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_complete (f);
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, first_run + 3);
}

static gboolean
cancel_later_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_engine_cancel (EngineFixture *f, gconstpointer data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  rally_emulator_set_delay (f->emu, 150);
  g_timeout_add (400, cancel_later_cb, cancellable);
  g_assert_false (run_engine (f, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_integrity (f);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos"), <, 600);

  rally_emulator_set_delay (f->emu, 0);
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_complete (f);
}

static void
test_engine_selection (EngineFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyChallenge) draft = add_challenge (f->store, "other", JUNE_1, JUNE_1 + 86400 * 59,
                                                   RALLY_CHALLENGE_STATUS_DRAFT);
  g_autoptr(RallyChallenge) future = add_challenge (f->store, "future", JUNE_1 + 1000 * 86400, 0,
                                                    RALLY_CHALLENGE_STATUS_SCHEDULED);

  g_assert_false (run_engine (f, "nosuchtag", NULL, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INVALID_PARAMS);
  g_clear_error (&error);
  g_assert_false (run_engine (f, "#other", NULL, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  /* drafts and challenges not started are left alone */
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rally_sync_engine_get_n_challenges (f->engine), ==, 1);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(DISTINCT challenge_id) FROM videos"), ==, 1);
  assert_complete (f);
}

static void
test_engine_regions (EngineFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *regions[] = { "GB", "KE", NULL };

  rally_challenge_set_regions (f->challenge, regions);
  g_assert_true (rally_store_save_challenge (f->store, f->challenge, &error));
  g_assert_true (run_engine (f, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_integrity (f);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos WHERE region NOT IN ('GB', 'KE')"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos"), >, 100);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos"), <, 400);
}

/* ---- rally sync (the command) ---- */

static GSubprocess *
spawn_sync (EngineFixture  *f,
            const char     *secret,
            const char     *api_url)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_build_filename (f->dir, "config", NULL);
  g_autofree char *keyfile_dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  GSubprocess *process;

  /* these syncs go through the Research API, which is off until an approved
   * organisation turns it on: the command reads the setting from a keyfile */
  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[io/github/rallyapp/Rally]\nresearch-api=true\n", -1, NULL));
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  if (secret != NULL)
    {
      g_subprocess_launcher_setenv (launcher, "RALLY_CLIENT_KEY", "rally-test-key", TRUE);
      g_subprocess_launcher_setenv (launcher, "RALLY_CLIENT_SECRET", secret, TRUE);
    }
  else
    {
      g_subprocess_launcher_unsetenv (launcher, "RALLY_CLIENT_KEY");
      g_subprocess_launcher_unsetenv (launcher, "RALLY_CLIENT_SECRET");
    }
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RALLY_BIN"), "sync",
                                         "--data-dir", f->dir,
                                         "--api-url", api_url ? api_url : rally_emulator_get_url (f->emu),
                                         NULL);
  g_assert_no_error (error);
  return process;
}

static int
run_sync_command (EngineFixture  *f,
                  const char     *secret,
                  const char     *api_url,
                  char          **out_stderr)
{
  g_autoptr(GSubprocess) process = spawn_sync (f, secret, api_url);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, out_stderr, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "");
  return g_subprocess_get_exit_status (process);
}

static void
close_store (EngineFixture *f)
{
  g_clear_object (&f->engine);
  g_clear_object (&f->store);
}

static void
reopen_store (EngineFixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = rally_store_open (f->dir, &error);
  g_assert_no_error (error);
}

static void
test_cli_sync (EngineFixture *f, gconstpointer data)
{
  g_autofree char *err = NULL;

  close_store (f);
  g_assert_cmpint (run_sync_command (f, "rally-test-secret", NULL, &err), ==, 0);
  g_assert_nonnull (strstr (err, "#" TAG ": page 6, 600 videos"));
  /* before it starts: what it will cost, one request per window at least */
  g_assert_nonnull (strstr (err, "  at least 2 requests, 0 % of today’s quota (0 of 1000 requests used today, UTC)\n"));
  g_assert_nonnull (strstr (err, "Synced 1 challenge"));
  g_assert_null (strstr (err, "rally-test-secret"));
  reopen_store (f);
  assert_complete (f);
}

static void
assert_one_line_failure (EngineFixture *f,
                         const char    *secret,
                         const char    *api_url,
                         const char    *reason)
{
  g_autofree char *err = NULL;
  const char *last;

  g_assert_cmpint (run_sync_command (f, secret, api_url, &err), ==, 1);
  g_test_message ("stderr: %s", err);
  /* progress lines may come first; the reason is one last line */
  g_assert_true (g_str_has_suffix (err, "\n"));
  err[strlen (err) - 1] = '\0';
  last = strrchr (err, '\n') ? strrchr (err, '\n') + 1 : err;
  g_assert_true (g_str_has_prefix (last, "rally sync: "));
  g_assert_nonnull (strstr (last, reason));
  if (secret != NULL)
    g_assert_null (strstr (err, secret));
}

static void
test_cli_sync_failures (EngineFixture *f, gconstpointer data)
{
  close_store (f);
  assert_one_line_failure (f, NULL, NULL, "RALLY_CLIENT_KEY");
  assert_one_line_failure (f, "s3cr3t-wrong", NULL, "invalid_client");
  assert_one_line_failure (f, "rally-test-secret", "http://example.com", "not a secure address");
  rally_emulator_set_daily_quota (f->emu, 1);
  assert_one_line_failure (f, "rally-test-secret", NULL, "Research API quota is used up; Rally continues tomorrow at 00:00 UTC");
}

static void
digest_videos (const char *dir,
               char      **digest,
               gint64     *count)
{
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  *count = 0;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT tiktok_id, creator, region, posted_at, description, views, likes,"
                                           " comments, shares FROM videos ORDER BY tiktok_id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < 9; c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);

          g_checksum_update (sum, (const guchar *) (text ? text : ""), -1);
          g_checksum_update (sum, (const guchar *) "|", 1);
        }
      (*count)++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  *digest = g_strdup (g_checksum_get_string (sum));
}

/* Spawns `rally sync`, waits until it has written a page in this run, lets it go on
 * for a random moment, and kills it. Returns TRUE when it was killed before it ended. */
static gboolean
kill_mid_sync (EngineFixture *f)
{
  g_autoptr(GSubprocess) process = spawn_sync (f, "rally-test-secret", NULL);

  return rally_test_kill_after_page (process);
}

static void
test_cli_sync_killed (EngineFixture *f, gconstpointer data)
{
  g_autofree char *reference_dir = g_dir_make_tmp ("rally-sync-ref-XXXXXX", NULL);
  g_autofree char *digest = NULL;
  g_autofree char *reference = NULL;
  g_autoptr(RallyStore) ref_store = NULL;
  g_autoptr(RallyChallenge) ref_challenge = NULL;
  g_autoptr(RallyChallenge) ref_big = NULL;
  g_autoptr(RallyChallenge) big = NULL;
  g_autoptr(RallySyncEngine) ref_engine = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gint64 count, ref_count;
  guint killed = 0;

  /* 200 pages more in two windows, so that 20 runs that each write a few pages
   * (at most ~100 ms of 40 ms replies, two windows at once) never finish */
  rally_emulator_add_hashtag (f->emu, "killtest", 20000, JUNE_1, JUNE_1 + ENGINE_DAYS * 86400 - 1);
  big = add_challenge (f->store, "killtest", JUNE_1, JUNE_1 + (ENGINE_DAYS - 1) * 86400,
                       RALLY_CHALLENGE_STATUS_SCHEDULED);

  /* the uninterrupted sync, in its own workspace */
  ref_store = rally_store_open (reference_dir, &error);
  g_assert_no_error (error);
  ref_challenge = add_challenge (ref_store, TAG, JUNE_1, JUNE_1 + (ENGINE_DAYS - 1) * 86400,
                                 RALLY_CHALLENGE_STATUS_SCHEDULED);
  ref_big = add_challenge (ref_store, "killtest", JUNE_1, JUNE_1 + (ENGINE_DAYS - 1) * 86400,
                           RALLY_CHALLENGE_STATUS_SCHEDULED);
  ref_engine = rally_sync_engine_new (ref_store, f->client);
  rally_sync_engine_run_async (ref_engine, NULL, NULL, rally_test_store_result_cb, &result);
  g_assert_true (rally_sync_engine_run_finish (ref_engine, rally_test_wait_result (&result), &error));
  g_clear_object (&result);
  g_clear_object (&ref_engine);
  g_clear_object (&ref_store);
  digest_videos (reference_dir, &reference, &ref_count);
  g_assert_cmpint (ref_count, ==, 20600);

  /* `rally sync` killed with SIGKILL at random moments after it wrote a page, then
   * run to the end; pages are slowed down so a run writes only a few */
  close_store (f);
  rally_emulator_set_delay (f->emu, 40);
  for (guint i = 0; i < KILLS; i++)
    killed += kill_mid_sync (f);
  g_test_message ("%u of %u runs killed before they finished", killed, KILLS);
  g_assert_cmpuint (killed, ==, KILLS);
  rally_emulator_set_delay (f->emu, 0);
  g_assert_cmpint (run_sync_command (f, "rally-test-secret", NULL, NULL), ==, 0);

  reopen_store (f);
  assert_integrity (f);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position WHERE done = 0"), ==, 0);
  digest_videos (f->dir, &digest, &count);
  g_assert_cmpint (count, ==, ref_count);
  g_assert_cmpstr (digest, ==, reference);
  rally_test_remove_tree (reference_dir);
}

/* Concurrent windows: a challenge of ten 30-day windows. */
#define LONG_TAG    "longwalk"
#define LONG_DAYS   300
#define LONG_VIDEOS 3000

static RallyChallenge *
add_long_challenge (EngineFixture *f,
                    RallyStore    *store)
{
  return add_challenge (store, LONG_TAG, JUNE_1, JUNE_1 + (LONG_DAYS - 1) * 86400, RALLY_CHALLENGE_STATUS_SCHEDULED);
}

/* The roll-ups, quota and positions of the workspace in @dir, as one string. */
static char *
digest_bookkeeping (const char *dir,
                    gboolean    with_quota)
{
  g_autofree char *path = g_build_filename (dir, "rally.db", NULL);
  GString *out = g_string_new (NULL);
  const char *queries[] = {
    "SELECT day, videos, views, likes, comments, shares FROM video_days ORDER BY day",
    "SELECT creator, videos FROM video_creators ORDER BY creator",
    "SELECT SUM(requests), SUM(records) FROM quota",
    "SELECT window_start, window_end, cursor, done FROM sync_position ORDER BY window_start",
  };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      if (!with_quota && strstr (queries[q], "quota") != NULL)
        continue;
      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* Syncs the long challenge one window at a time into a workspace of its own. */
static char *
sequential_reference (EngineFixture  *f,
                      gboolean        with_quota,
                      char          **bookkeeping,
                      gint64         *count)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-sync-seq-XXXXXX", NULL);
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(RallySyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  char *digest = NULL;

  store = rally_store_open (dir, &error);
  g_assert_no_error (error);
  challenge = add_long_challenge (f, store);
  engine = rally_sync_engine_new (store, f->client);
  rally_sync_engine_set_now (engine, JUNE_1 + 400 * 86400);
  rally_sync_engine_set_max_windows (engine, 1);
  rally_sync_engine_run_async (engine, LONG_TAG, NULL, rally_test_store_result_cb, &result);
  g_assert_true (rally_sync_engine_run_finish (engine, rally_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_object (&engine);
  g_clear_object (&store);
  digest_videos (dir, &digest, count);
  *bookkeeping = digest_bookkeeping (dir, with_quota);
  rally_test_remove_tree (dir);
  return digest;
}

/* The long challenge in @f's workspace is complete and equal to the reference. */
static void
assert_same_as_reference (EngineFixture *f,
                          gboolean       with_quota,
                          const char    *reference,
                          const char    *ref_bookkeeping,
                          gint64         ref_count)
{
  g_autofree char *digest = NULL;
  g_autofree char *bookkeeping = NULL;
  gint64 count;

  assert_integrity (f);
  digest_videos (f->dir, &digest, &count);
  bookkeeping = digest_bookkeeping (f->dir, with_quota);
  g_assert_cmpint (count, ==, ref_count);
  g_assert_cmpstr (digest, ==, reference);
  g_assert_cmpstr (bookkeeping, ==, ref_bookkeeping);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position WHERE done = 0"), ==, 0);
}

static void
test_engine_concurrent (EngineFixture *f, gconstpointer data)
{
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *ref_bookkeeping = NULL;
  gint64 ref_count;
  guint queries;

  rally_emulator_add_hashtag (f->emu, LONG_TAG, LONG_VIDEOS, JUNE_1, JUNE_1 + LONG_DAYS * 86400 - 1);
  reference = sequential_reference (f, TRUE, &ref_bookkeeping, &ref_count);
  g_assert_cmpint (ref_count, ==, rally_emulator_count_matching (f->emu, LONG_TAG, JUNE_1, JUNE_1 + LONG_DAYS * 86400));
  g_assert_cmpuint (rally_emulator_get_max_delayed (f->emu), ==, 0);
  queries = rally_emulator_get_request_count (f->emu, QUERY_PATH);

  /* the same sync, several windows at once (replies held back a little, so that
   * the requests in flight together can be counted) */
  challenge = add_long_challenge (f, f->store);
  rally_sync_engine_set_now (f->engine, JUNE_1 + 400 * 86400);
  rally_emulator_set_delay (f->emu, 5);
  g_assert_true (run_engine (f, LONG_TAG, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rally_emulator_get_max_delayed (f->emu), >, 1);
  g_assert_cmpuint (rally_emulator_get_max_delayed (f->emu), <=, RALLY_SYNC_DEFAULT_MAX_WINDOWS);
  assert_same_as_reference (f, TRUE, reference, ref_bookkeeping, ref_count);
  /* not one request more than one at a time: every page fetched once */
  g_assert_cmpuint (rally_emulator_get_request_count (f->emu, QUERY_PATH), ==, 2 * queries);
  g_assert_cmpuint (rally_sync_engine_get_n_videos (f->engine), ==, ref_count);
}

typedef struct
{
  GCancellable *cancellable;
  guint         pages_left;
} CancelAfter;

/* Cancels the run (from an idle, not inside the engine's signal) once it has
 * written pages_left pages. */
static void
cancel_after_pages_cb (RallySyncEngine *engine,
                       RallyChallenge  *challenge,
                       guint            pages,
                       guint            videos,
                       gpointer         data)
{
  CancelAfter *after = data;

  if (pages > 0 && after->pages_left > 0 && --after->pages_left == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, cancel_later_cb, g_object_ref (after->cancellable), g_object_unref);
}

static void
test_engine_concurrent_resume (EngineFixture *f, gconstpointer data)
{
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *ref_bookkeeping = NULL;
  gint64 ref_count;
  guint cancelled = 0;

  rally_emulator_add_hashtag (f->emu, LONG_TAG, LONG_VIDEOS, JUNE_1, JUNE_1 + LONG_DAYS * 86400 - 1);
  /* runs cut short spend requests again: the quota differs */
  reference = sequential_reference (f, FALSE, &ref_bookkeeping, &ref_count);

  /* cancelled at random moments with several windows in flight, then run to the end */
  challenge = add_long_challenge (f, f->store);
  rally_sync_engine_set_now (f->engine, JUNE_1 + 400 * 86400);
  rally_emulator_set_delay (f->emu, 10);
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      /* after a few pages too: a sync faster than the timer is still cut short */
      CancelAfter after = { cancellable, g_test_rand_int_range (1, 12) };
      gulong progress = g_signal_connect (f->engine, "progress", G_CALLBACK (cancel_after_pages_cb), &after);
      gboolean done;

      /* (the timer may outlive the run: it holds the cancellable) */
      g_timeout_add_full (G_PRIORITY_DEFAULT, g_test_rand_int_range (5, 120), cancel_later_cb,
                          g_object_ref (cancellable), g_object_unref);
      done = run_engine (f, LONG_TAG, cancellable, &error);
      g_signal_handler_disconnect (f->engine, progress);
      if (!done)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_clear_error (&error);
          cancelled++;
        }
      g_assert_no_error (error);
      assert_integrity (f);
      /* let the timeout fire if the run ended first */
      while (!g_cancellable_is_cancelled (cancellable))
        g_main_context_iteration (NULL, TRUE);
    }
  g_test_message ("%u of 8 runs cancelled before they finished", cancelled);
  g_assert_cmpuint (cancelled, >, 0);
  rally_emulator_set_delay (f->emu, 0);
  g_assert_true (run_engine (f, LONG_TAG, NULL, &error));
  g_assert_no_error (error);
  assert_same_as_reference (f, FALSE, reference, ref_bookkeeping, ref_count);
}

/* `rally sync` killed with SIGKILL while several windows are in flight: every run
 * leaves a sound workspace, and the last one converges to the sequential sync. */
static void
test_cli_sync_killed_concurrent (EngineFixture *f, gconstpointer data)
{
  g_autoptr(RallyChallenge) challenge = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *ref_bookkeeping = NULL;
  g_autofree char *digest = NULL;
  gint64 ref_count, count;
  guint killed = 0;

  rally_emulator_add_hashtag (f->emu, LONG_TAG, LONG_VIDEOS, JUNE_1, JUNE_1 + LONG_DAYS * 86400 - 1);
  reference = sequential_reference (f, FALSE, &ref_bookkeeping, &ref_count);
  /* only the long challenge in this workspace */
  rally_store_delete_challenge (f->store, rally_challenge_get_id (f->challenge), NULL);
  challenge = add_long_challenge (f, f->store);
  close_store (f);
  rally_emulator_set_delay (f->emu, 60);
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GSubprocess) process = spawn_sync (f, "rally-test-secret", NULL);
      guint sent = rally_emulator_get_request_count (f->emu, QUERY_PATH);
      gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

      /* the first run is killed with several windows in flight, the others at a
       * random moment after their first query (however slow the build) */
      while (g_get_monotonic_time () < deadline &&
             (i == 0 ? rally_emulator_get_max_delayed (f->emu) < 2
                     : rally_emulator_get_request_count (f->emu, QUERY_PATH) == sent) &&
             g_subprocess_get_identifier (process) != NULL)
        g_usleep (2000);
      if (i > 0)
        g_usleep (g_test_rand_int_range (0, 300) * 1000);
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      if (g_subprocess_get_if_signaled (process))
        killed++;
      reopen_store (f);
      assert_integrity (f);
      close_store (f);
    }
  g_test_message ("%u of 10 runs killed before they finished", killed);
  g_assert_cmpuint (killed, >, 0);
  g_assert_cmpuint (rally_emulator_get_max_delayed (f->emu), >, 1);
  rally_emulator_set_delay (f->emu, 0);
  g_assert_cmpint (run_sync_command (f, "rally-test-secret", NULL, NULL), ==, 0);

  reopen_store (f);
  assert_integrity (f);
  digest_videos (f->dir, &digest, &count);
  g_assert_cmpint (count, ==, ref_count);
  g_assert_cmpstr (digest, ==, reference);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position WHERE done = 0"), ==, 0);
}

/* ---- A sync while the workspace is replaced or the challenge renamed ---- */

typedef struct
{
  EngineFixture *f;
  char          *backup;      /* restored over the workspace after the first page, or… */
  const char    *new_hashtag; /* …the challenge gets this hashtag */
  gboolean       done;
  gint64         videos_then; /* the challenge's videos when it happened */
  guint          after;       /* the page after which it happens (0: the first) */
  GThread       *thread;      /* NULL, or it happens on this thread, the sync going on meanwhile */
} Intrusion;

/* What another process (`rally import --replace`, another window) does mid-sync. */
static gpointer
intrude (gpointer data)
{
  Intrusion *in = data;
  g_autoptr(RallyStore) other = NULL;
  g_autoptr(GError) error = NULL;

  other = rally_store_open (in->f->dir, &error);
  g_assert_no_error (error);
  if (in->backup != NULL)
    g_assert_true (rally_backup_restore (other, in->backup, strlen (in->backup), RALLY_BACKUP_RESTORE_REPLACE,
                                         NULL, NULL, &error));
  else
    {
      g_autoptr(RallyChallenge) renamed = rally_store_get_challenge (other, rally_challenge_get_id (in->f->challenge));

      rally_challenge_set_hashtag (renamed, in->new_hashtag);
      g_assert_true (rally_store_save_challenge (other, renamed, &error));
    }
  g_assert_no_error (error);
  in->videos_then = rally_test_sql_int (rally_store_get_path (in->f->store), "SELECT COUNT(*) FROM videos");
  return NULL;
}

static void
intrude_cb (RallySyncEngine *engine,
            RallyChallenge  *challenge,
            guint            page,
            guint            videos,
            Intrusion       *in)
{
  if (page == 0 || page <= in->after || in->done)
    return;
  in->done = TRUE;
  if (in->after > 0)
    in->thread = g_thread_new ("intrusion", intrude, in);
  else
    intrude (in);
}

/* A workspace whose challenge #other has the same id as the fixture's. */
static char *
other_workspace_backup (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-sync-other-XXXXXX", NULL);
  g_autoptr(RallyStore) store = rally_store_open (dir, NULL);
  g_autoptr(RallyChallenge) other = add_challenge (store, "other", JUNE_1, JUNE_1 + 86400,
                                                   RALLY_CHALLENGE_STATUS_SCHEDULED);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rally_challenge_get_id (other), ==, 1);
  g_assert_true (rally_backup_export (store, stream, NULL, NULL, &error));
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  g_clear_object (&store);
  rally_test_remove_tree (dir);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
test_engine_workspace_replaced (EngineFixture *f,
                                gconstpointer  data)
{
  g_autofree char *backup = other_workspace_backup ();
  Intrusion in = { f, backup, NULL, FALSE, 0, 0, NULL };
  g_autoptr(GError) error = NULL;
  gint64 generation = rally_store_get_generation (f->store);

  g_assert_cmpint (rally_challenge_get_id (f->challenge), ==, 1);
  rally_emulator_set_delay (f->emu, 20);
  g_signal_connect (f->engine, "progress", G_CALLBACK (intrude_cb), &in);
  g_assert_false (run_engine (f, NULL, NULL, &error));
  g_assert_true (in.done);
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_REPLACED);
  g_assert_nonnull (strstr (error->message, "replaced"));
  g_assert_cmpint (rally_store_get_generation (f->store), >, generation);

  /* nothing of #walkforwater landed in #other, which now has id 1 */
  assert_integrity (f);
  g_assert_cmpint (in.videos_then, ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM snapshots"), ==, 0);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM sync_position"), ==, 0);
}

static void
test_engine_hashtag_changed (EngineFixture *f,
                             gconstpointer  data)
{
  Intrusion in = { f, NULL, "somethingelse", FALSE, 0, 0, NULL };
  g_autoptr(GError) error = NULL;

  rally_emulator_set_delay (f->emu, 20);
  g_signal_connect (f->engine, "progress", G_CALLBACK (intrude_cb), &in);
  g_assert_false (run_engine (f, NULL, NULL, &error));
  g_assert_true (in.done);
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_REPLACED);
  g_assert_nonnull (strstr (error->message, "#" TAG));
  g_assert_cmpint (in.videos_then, >, 0);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos"), ==, in.videos_then);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM snapshots"), ==, 0);
}

/* The same with the store holding the sync back (no network delay, 30,000 videos),
 * renamed from another thread while the sync goes on: the writer's thread fails a
 * batch while the pages after it wait as its next one, going on from the failed
 * one's; they go back with it, and none is written. */
static void
test_engine_hashtag_changed_busy (EngineFixture *f,
                                  gconstpointer  data)
{
  g_autoptr(RallyEmulator) emu = rally_emulator_new ();
  g_autoptr(RallySyncEngine) engine = NULL;
  Intrusion in = { f, NULL, "somethingelse", FALSE, 0, 10, NULL };
  g_autoptr(GError) error = NULL;

  rally_emulator_add_hashtag (emu, TAG, 30000, JUNE_1, JUNE_1 + ENGINE_DAYS * 86400 - 1);
  engine = engine_for (f, emu);
  rally_sync_engine_set_now (engine, JUNE_1 + 200 * 86400);
  g_signal_connect (engine, "progress", G_CALLBACK (intrude_cb), &in);
  g_assert_false (run_engine (f, NULL, NULL, &error));
  g_assert_true (in.done);
  g_thread_join (in.thread);
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_REPLACED);
  g_assert_cmpint (in.videos_then, >=, 1000);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM videos"), ==, in.videos_then);
  /* each window's position is that of its last page written */
  g_assert_cmpint (sql_int (f, "SELECT SUM(cursor) FROM sync_position"), ==, in.videos_then);
  g_assert_cmpint (sql_int (f, "SELECT COUNT(*) FROM snapshots"), ==, 0);
  assert_integrity (f);
  g_clear_object (&f->engine);
}

/* Another workspace renamed over rally.db after the first page: the pages, written over a connection of their
 * own, stop with the workspace's, and not one lands in the file that left. */
static void
moved_cb (RallySyncEngine *engine,
          RallyChallenge  *challenge,
          guint            page,
          guint            videos,
          Intrusion       *in)
{
  g_autofree char *dir = NULL;
  g_autofree char *from = NULL;
  g_autoptr(RallyStore) other = NULL;
  g_autoptr(GError) error = NULL;

  if (page == 0 || in->done)
    return;
  in->done = TRUE;
  dir = g_dir_make_tmp ("rally-sync-moved-XXXXXX", &error);
  g_assert_no_error (error);
  other = rally_store_open (dir, &error);
  g_assert_no_error (error);
  g_object_unref (add_challenge (other, "other", JUNE_1, JUNE_1 + 86400, RALLY_CHALLENGE_STATUS_DRAFT));
  g_clear_object (&other);
  from = g_build_filename (dir, "rally.db", NULL);
  /* as Rally swaps a workspace: the old file and its log aside, the new one in */
  g_assert_true (rally_store_move_aside (in->f->dir, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (from, rally_store_get_path (in->f->store)), ==, 0);
  rally_test_remove_tree (dir);
  in->videos_then = videos;
}

/* @data: the store watches other writers (as in the window), which reopens the
 * file at the path once the sync is over, not while it writes */
static void
test_engine_workspace_moved (EngineFixture *f,
                             gconstpointer  data)
{
  Intrusion in = { f, NULL, NULL, FALSE, 0, 0, NULL };
  g_autoptr(GError) error = NULL;

  if (data != NULL)
    rally_store_watch_other_writers (f->store);
  rally_emulator_set_delay (f->emu, 20);
  g_signal_connect (f->engine, "progress", G_CALLBACK (moved_cb), &in);
  g_assert_false (run_engine (f, NULL, NULL, &error));
  g_assert_true (in.done);
  g_assert_cmpint (in.videos_then, >, 0);
  g_assert_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_REPLACED);

  /* the file now at the path is the other workspace, as it was */
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM videos"), ==, 0);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM snapshots"), ==, 0);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store), "SELECT COUNT(*) FROM sync_position"),
                   ==, 0);
  g_assert_cmpint (rally_test_sql_int (rally_store_get_path (f->store),
                                       "SELECT COUNT(*) FROM challenges WHERE hashtag = 'other'"), ==, 1);
}

#define ADD_ENGINE(path, func) \
  g_test_add ("/sync/engine/" path, EngineFixture, NULL, engine_set_up, func, engine_tear_down)
#define ADD_FAULT(path, func) \
  g_test_add ("/sync/faults/" path, EngineFixture, NULL, engine_set_up, func, engine_tear_down)

#define ADD(path, func) \
  g_test_add ("/sync/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync/client/urls", test_client_urls);
  g_test_add_func ("/sync/client/connection-refused", test_client_connection_refused);
  g_test_add_func ("/sync/client/untrusted-tls", test_client_untrusted_tls);
  g_test_add_func ("/sync/emulator/program", test_emulator_program);
  ADD ("pages", test_client_pages);
  ADD ("end-exclusive", test_client_end_exclusive);
  ADD ("token-expired", test_client_token_expired);
  ADD ("token-always-invalid", test_client_token_always_invalid);
  ADD ("redirect-refused", test_client_redirect_refused);
  ADD ("server-error", test_client_server_error);
  ADD ("server-error-gives-up", test_client_server_error_gives_up);
  ADD ("gateway-html", test_client_gateway_html);
  ADD ("gateway-html-gives-up", test_client_gateway_html_gives_up);
  ADD ("cut-body", test_client_cut_body);
  ADD ("cut-body-gives-up", test_client_cut_body_gives_up);
  ADD ("malformed", test_client_malformed);
  ADD ("malformed-gives-up", test_client_malformed_gives_up);
  ADD ("huge-body", test_client_huge_body);
  ADD ("huge-body-gives-up", test_client_huge_body_gives_up);
  ADD ("invalid-cursor", test_client_invalid_cursor);
  ADD ("rate-limit-backoff", test_client_rate_limit_backoff);
  ADD ("rate-limit-retry-after", test_client_rate_limit_retry_after);
  ADD ("retry-after-too-long", test_client_retry_after_too_long);
  ADD ("attempt-deadline", test_client_attempt_deadline);
  ADD ("gzip", test_client_gzip);
  ADD ("idle-close", test_client_idle_close);
  ADD ("idle-close-busy", test_client_idle_close_busy);
  ADD ("long-reply", test_client_long_reply);
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
  ADD_ENGINE ("full", test_engine_full);
  ADD_ENGINE ("twice", test_engine_twice);
  ADD_ENGINE ("refetch-recent", test_engine_refetch_recent);
  ADD_ENGINE ("live-resync-quota", test_engine_live_resync_quota);
  ADD_ENGINE ("widen", test_engine_widen);
  ADD_ENGINE ("pipelined", test_engine_pipelined);
  ADD_ENGINE ("live", test_engine_live);
  ADD_ENGINE ("first-sync-history", test_engine_first_sync_history);
  ADD_FAULT ("server-error", test_engine_server_error);
  ADD_FAULT ("server-error-halves", test_engine_server_error_halves);
  ADD_FAULT ("gateway-html", test_engine_gateway_html);
  ADD_FAULT ("rate-limit", test_engine_rate_limit);
  ADD_FAULT ("cut-body", test_engine_cut_body);
  ADD_FAULT ("malformed", test_engine_malformed);
  ADD_FAULT ("token-expired", test_engine_token_expired);
  ADD_FAULT ("search-id-expired", test_engine_search_id_expired);
  ADD_FAULT ("invalid-cursor", test_engine_invalid_cursor);
  ADD_FAULT ("duplicates", test_engine_duplicates);
  ADD_FAULT ("text-quirks", test_engine_text_quirks);
  ADD_FAULT ("gaps-rotating-search-id", test_engine_gaps_rotating);
  ADD_FAULT ("end-exclusive", test_engine_end_exclusive);
  ADD_ENGINE ("quota-server", test_engine_quota_server);
  ADD_ENGINE ("quota-local", test_engine_quota_local);
  ADD_ENGINE ("resume", test_engine_resume);
  ADD_ENGINE ("resume-in-flight", test_engine_resume_in_flight);
  ADD_ENGINE ("store-pages-at-once", test_store_pages_at_once);
  ADD_ENGINE ("store-pages-share-days", test_store_pages_share_days);
  g_test_add ("/sync/engine/writer-pages-share-days", EngineFixture, "writer", engine_set_up,
              test_store_pages_share_days, engine_tear_down);
  ADD_ENGINE ("creator-tally", test_store_creator_tally);
  ADD_ENGINE ("cancel", test_engine_cancel);
  ADD_ENGINE ("selection", test_engine_selection);
  ADD_ENGINE ("regions", test_engine_regions);
  ADD_ENGINE ("concurrent", test_engine_concurrent);
  ADD_ENGINE ("concurrent-resume", test_engine_concurrent_resume);
  ADD_ENGINE ("workspace-replaced", test_engine_workspace_replaced);
  ADD_ENGINE ("hashtag-changed", test_engine_hashtag_changed);
  ADD_ENGINE ("hashtag-changed-busy", test_engine_hashtag_changed_busy);
  ADD_ENGINE ("workspace-moved", test_engine_workspace_moved);
  g_test_add ("/sync/engine/workspace-moved-watched", EngineFixture, GINT_TO_POINTER (1), engine_set_up,
              test_engine_workspace_moved, engine_tear_down);
  ADD_ENGINE ("announced", test_engine_announced);
  ADD_ENGINE ("watched", test_engine_watched);
  ADD_ENGINE ("watched-other", test_engine_watched_other);
  g_test_add ("/sync/cli/sync", EngineFixture, NULL, engine_set_up, test_cli_sync, engine_tear_down);
  g_test_add ("/sync/cli/failures", EngineFixture, NULL, engine_set_up, test_cli_sync_failures, engine_tear_down);
  g_test_add ("/sync/cli/killed", EngineFixture, NULL, engine_set_up, test_cli_sync_killed, engine_tear_down);
  g_test_add ("/sync/cli/killed-concurrent", EngineFixture, NULL, engine_set_up, test_cli_sync_killed_concurrent,
              engine_tear_down);

  return g_test_run ();
}
