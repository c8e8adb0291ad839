/* test-oauth-loopback.c
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

/* Signing in through the loopback redirect against the emulator's authorize page, with
 * the test as the browser: tokens arrive; a forged state, a declined sign-in and a code
 * issued for another PKCE challenge are refused; cancel and timeout close the port; the
 * server listens on 127.0.0.1 only. */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "rally-emulator.h"
#include "rally-oauth-loopback.h"
#include "rally-sync-error.h"
#include "rally-test-util.h"

#define KEY    "oauth-test-key"
#define SECRET "oauth-test-secret"
#define TOKEN_PATH "/v2/oauth/token/"

static RallyEmulator *emu;

typedef struct
{
  RallySyncClient    *client;
  RallyOAuthLoopback *flow;
  SoupSession        *browser;
  GCancellable       *cancellable;
  GAsyncResult       *sign_in;
  GAsyncResult       *page;
  guint               tokens_before;
} Fixture;

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static char *
auth_url (void)
{
  return g_strconcat (rally_emulator_get_url (emu), "/v2/auth/authorize/", NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = auth_url ();

  rally_emulator_set_user_denies (emu, FALSE);
  fixture->client = rally_sync_client_new (rally_emulator_get_url (emu), rally_emulator_get_url (emu), &error);
  g_assert_no_error (error);
  rally_sync_client_set_credentials (fixture->client, KEY, SECRET);
  rally_sync_client_set_retry_policy (fixture->client, 1, 10, 10, 5000);
  fixture->flow = rally_oauth_loopback_new (fixture->client, url, KEY, &error);
  g_assert_no_error (error);
  fixture->cancellable = g_cancellable_new ();
  fixture->browser = soup_session_new ();
  soup_session_set_proxy_resolver (fixture->browser, NULL);
  fixture->tokens_before = rally_emulator_get_request_count (emu, TOKEN_PATH);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* a sign-in still waiting is stopped, so its server does not outlive the test */
  if (rally_oauth_loopback_get_port (fixture->flow) > 0 && fixture->sign_in == NULL)
    {
      g_cancellable_cancel (fixture->cancellable);
      rally_test_wait_result (&fixture->sign_in);
    }
  g_clear_object (&fixture->sign_in);
  g_clear_object (&fixture->page);
  g_clear_object (&fixture->cancellable);
  g_clear_object (&fixture->flow);
  g_clear_object (&fixture->browser);
  g_clear_object (&fixture->client);
}

static void
start (Fixture *fixture)
{
  rally_oauth_loopback_sign_in_async (fixture->flow, fixture->cancellable, rally_test_store_result_cb, &fixture->sign_in);
  g_assert_nonnull (rally_oauth_loopback_get_authorize_url (fixture->flow));
}

/* The browser: GET @url, following the 302 into the loopback server. */
static SoupMessage *
browse (Fixture    *fixture,
        const char *url)
{
  SoupMessage *msg = soup_message_new ("GET", url);

  g_assert_nonnull (msg);
  soup_session_send_and_read_async (fixture->browser, msg, G_PRIORITY_DEFAULT, NULL, rally_test_store_result_cb,
                                    &fixture->page);
  return msg;
}

/* The browser's page after both the browser and the sign-in are done. */
static char *
finish_browsing (Fixture     *fixture,
                 SoupMessage *msg,
                 guint        expected_status)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  rally_test_wait_result (&fixture->page);
  rally_test_wait_result (&fixture->sign_in);
  body = soup_session_send_and_read_finish (fixture->browser, fixture->page, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* The authorize URL with the parameter @name set to @value. */
static char *
replace_param (const char *url,
               const char *name,
               const char *value)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GUri) changed = NULL;

  g_assert_nonnull (uri);
  params = soup_form_decode (g_uri_get_query (uri));
  g_assert_true (g_hash_table_contains (params, name));
  /* soup_form_decode() frees only the keys (values share their memory) */
  g_hash_table_replace (params, g_strdup (name), (char *) value);
  query = soup_form_encode_hash (params);
  changed = soup_uri_copy (uri, SOUP_URI_QUERY, query, SOUP_URI_NONE);
  return g_uri_to_string (changed);
}

static GHashTable *
query_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED_QUERY, NULL);

  g_assert_nonnull (uri);
  g_assert_nonnull (g_uri_get_query (uri));
  return soup_form_decode (g_uri_get_query (uri));
}

static void
assert_port_closed (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (port, >, 0);
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_null (connection);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static guint
token_requests (Fixture *fixture)
{
  return rally_emulator_get_request_count (emu, TOKEN_PATH) - fixture->tokens_before;
}

/* Whether /proc/net/@file lists a listening socket on @port, and at which address. */
static gboolean
find_listener (const char *file,
               guint16     port,
               char      **address)
{
  g_autofree char *path = g_build_filename ("/proc/net", file, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *suffix = g_strdup_printf (":%04X", port);

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) fields = g_ptr_array_new ();

      for (guint j = 0; cols[j] != NULL; j++)
        if (*cols[j] != '\0')
          g_ptr_array_add (fields, cols[j]);
      /* sl local_address rem_address st …; st 0A is LISTEN */
      if (fields->len > 3 && g_str_has_suffix (fields->pdata[1], suffix) && g_str_equal (fields->pdata[3], "0A"))
        {
          *address = g_strndup (fields->pdata[1], strlen (fields->pdata[1]) - strlen (suffix));
          return TRUE;
        }
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_pkce (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = rally_oauth_random_string (48, &error);
  g_autofree char *b = rally_oauth_random_string (48, &error);
  g_autofree char *challenge = NULL;

  g_assert_no_error (error);
  /* RFC 7636 appendix B */
  challenge = rally_oauth_s256_challenge ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

  g_assert_cmpuint (strlen (a), ==, 64);
  g_assert_cmpuint (strspn (a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"), ==, 64);
  g_assert_cmpstr (a, !=, b);
}

static void
test_authorize_url (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GUri) redirect = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_base = auth_url ();
  const char *url;

  g_assert_null (rally_oauth_loopback_get_authorize_url (fixture->flow));
  start (fixture);
  url = rally_oauth_loopback_get_authorize_url (fixture->flow);
  g_test_message ("authorize URL: %s", url);
  g_assert_true (g_str_has_prefix (url, expected_base));
  params = query_of (url);
  g_assert_cmpstr (g_hash_table_lookup (params, "client_key"), ==, KEY);
  g_assert_cmpstr (g_hash_table_lookup (params, "scope"), ==,
                   "user.info.basic,user.info.profile,user.info.stats,video.list");
  g_assert_cmpstr (g_hash_table_lookup (params, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge_method"), ==, "S256");
  g_assert_cmpuint (strlen (g_hash_table_lookup (params, "code_challenge")), ==, 43);
  g_assert_cmpuint (strlen (g_hash_table_lookup (params, "state")), >=, 32);
  g_assert_cmpstr (g_hash_table_lookup (params, "redirect_uri"), ==, rally_oauth_loopback_get_redirect_uri (fixture->flow));

  redirect = g_uri_parse (g_hash_table_lookup (params, "redirect_uri"), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (redirect), ==, "http");
  g_assert_cmpstr (g_uri_get_host (redirect), ==, "127.0.0.1");
  g_assert_cmpstr (g_uri_get_path (redirect), ==, "/callback/");
  g_assert_cmpint (g_uri_get_port (redirect), ==, rally_oauth_loopback_get_port (fixture->flow));
}

/* The loopback server listens on 127.0.0.1, neither on every address nor on IPv6. */
static void
test_binds_loopback (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *address6 = NULL;
  guint16 port;

  rally_oauth_loopback_sign_in_async (fixture->flow, cancellable, rally_test_store_result_cb, &fixture->sign_in);
  port = rally_oauth_loopback_get_port (fixture->flow);
  g_assert_cmpuint (port, >, 0);
  if (!g_file_test ("/proc/net/tcp", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /proc/net/tcp");
      g_cancellable_cancel (cancellable);
      rally_test_wait_result (&fixture->sign_in);
      return;
    }
  g_assert_true (find_listener ("tcp", port, &address));
  g_assert_cmpstr (address, ==, "0100007F");  /* 127.0.0.1, little-endian hex */
  g_assert_false (find_listener ("tcp6", port, &address6));

  g_cancellable_cancel (cancellable);
  rally_test_wait_result (&fixture->sign_in);
  g_assert_false (rally_oauth_loopback_sign_in_finish (fixture->flow, fixture->sign_in, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_sign_in (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  gint64 expires_at = 0;

  start (fixture);
  msg = browse (fixture, rally_oauth_loopback_get_authorize_url (fixture->flow));
  page = finish_browsing (fixture, msg, SOUP_STATUS_OK);
  g_assert_true (rally_oauth_loopback_sign_in_finish (fixture->flow, fixture->sign_in, &error));
  g_assert_no_error (error);

  /* the browser ended on the loopback server's page */
  g_assert_cmpint (g_uri_get_port (soup_message_get_uri (msg)), ==, rally_oauth_loopback_get_port (fixture->flow));
  g_assert_nonnull (strstr (page, "Signed in to Rally"));
  g_assert_nonnull (strstr (page, "close this tab"));

  access = rally_sync_client_dup_user_token (fixture->client, &expires_at);
  refresh = rally_sync_client_dup_refresh_token (fixture->client);
  g_assert_true (g_str_has_prefix (access, "act."));
  g_assert_true (g_str_has_prefix (refresh, "rft."));
  g_assert_cmpint (expires_at, >, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpuint (token_requests (fixture), ==, 1);
  assert_port_closed (rally_oauth_loopback_get_port (fixture->flow));
}

/* The browser's page alone: the sign-in may go on. */
static char *
finish_page (Fixture     *fixture,
             SoupMessage *msg,
             guint        expected_status)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = soup_session_send_and_read_finish (fixture->browser, rally_test_wait_result (&fixture->page), &error);
  g_clear_object (&fixture->page);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Lets the main loop run for a moment. */
static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* After a forged or stray redirect, the real one still signs in. */
static void
assert_real_sign_in_works (Fixture *fixture)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;

  spin (50);
  g_assert_null (fixture->sign_in);  /* still waiting */
  g_assert_cmpuint (token_requests (fixture), ==, 0);
  msg = browse (fixture, rally_oauth_loopback_get_authorize_url (fixture->flow));
  page = finish_browsing (fixture, msg, SOUP_STATUS_OK);
  g_assert_true (rally_oauth_loopback_sign_in_finish (fixture->flow, fixture->sign_in, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (page, "Signed in to Rally"));
  g_assert_cmpuint (token_requests (fixture), ==, 1);
  assert_port_closed (rally_oauth_loopback_get_port (fixture->flow));
}

/* A redirect with another state is a forgery (CSRF): refused, no code is exchanged,
 * and the sign-in goes on waiting for its own redirect. */
static void
test_wrong_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *page = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GHashTable) params = NULL;

  start (fixture);
  /* as long as the real one, one character off */
  params = query_of (rally_oauth_loopback_get_authorize_url (fixture->flow));
  state = g_strdup (g_hash_table_lookup (params, "state"));
  state[strlen (state) - 1] = state[strlen (state) - 1] == 'A' ? 'B' : 'A';
  forged = replace_param (rally_oauth_loopback_get_authorize_url (fixture->flow), "state", state);
  msg = browse (fixture, forged);
  page = finish_page (fixture, msg, SOUP_STATUS_BAD_REQUEST);
  g_assert_nonnull (strstr (page, "state does not match"));
  g_assert_null (rally_sync_client_dup_user_token (fixture->client, NULL));
  assert_real_sign_in_works (fixture);
}

/* A redirect without any state, straight to the callback: turned away the same way. */
static void
test_missing_state (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;

  start (fixture);
  url = g_strconcat (rally_oauth_loopback_get_redirect_uri (fixture->flow), "?code=rally-test-code", NULL);
  msg = browse (fixture, url);
  page = finish_page (fixture, msg, SOUP_STATUS_BAD_REQUEST);
  g_assert_nonnull (strstr (page, "state does not match"));
  assert_real_sign_in_works (fixture);
}

typedef struct
{
  guint16     port;
  GBytes     *request;
  char       *reply;
  gint        done;
} RawRequest;

/* Another program on this computer: sends raw bytes, reads until the listener closes. */
static gpointer
raw_request_thread (gpointer data)
{
  RawRequest *raw = data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GString) reply = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", raw->port, NULL, NULL);
  g_assert_nonnull (connection);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             g_bytes_get_data (raw->request, NULL), g_bytes_get_size (raw->request), NULL, NULL, NULL);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), buffer, sizeof buffer,
                                   NULL, NULL)) > 0)
    g_string_append_len (reply, buffer, n);
  raw->reply = g_string_free (g_steal_pointer (&reply), FALSE);
  g_atomic_int_set (&raw->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

static char *
send_raw (guint16  port,
          GString *request)
{
  RawRequest raw = { port, g_string_free_to_bytes (request), NULL, 0 };
  GThread *thread = g_thread_new ("raw-request", raw_request_thread, &raw);

  while (!g_atomic_int_get (&raw.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  g_bytes_unref (raw.request);
  return raw.reply;
}

/* Requests beyond the limits get their status at once and cost no memory: the
 * listener reads a few KiB at most, never a body; the sign-in goes on. */
static void
test_request_limits (Fixture       *fixture,
                     gconstpointer  data)
{
  guint16 port;
  char *reply;
  GString *request;

  start (fixture);
  port = rally_oauth_loopback_get_port (fixture->flow);

  /* a 1 GiB body announced: answered after the head */
  request = g_string_new ("POST /callback/ HTTP/1.1\r\nHost: x\r\nContent-Length: 1073741824\r\n\r\n");
  reply = send_raw (port, request);
  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 413 "));
  g_free (reply);

  request = g_string_new ("POST /callback/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
  reply = send_raw (port, request);
  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 413 "));
  g_free (reply);

  /* a request line of 100 KiB */
  request = g_string_new ("GET /callback/?x=");
  for (guint i = 0; i < 100 * 1024; i++)
    g_string_append_c (request, 'a');
  reply = send_raw (port, request);
  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 414 "));
  g_free (reply);

  /* 100 KiB of headers */
  request = g_string_new ("GET /callback/ HTTP/1.1\r\n");
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (request, "X-Header-%u: %s\r\n", i, "0123456789012345678901234567890123456789");
  reply = send_raw (port, request);
  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 431 "));
  g_assert_nonnull (strstr (reply, "Connection: close"));
  g_free (reply);

  /* not HTTP */
  {
    static const char hello[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n";

    reply = send_raw (port, g_string_new_len (hello, sizeof hello - 1));
  }
  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 400 "));
  g_free (reply);

  assert_real_sign_in_works (fixture);
}

static void
test_denied (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;

  rally_emulator_set_user_denies (emu, TRUE);
  start (fixture);
  msg = browse (fixture, rally_oauth_loopback_get_authorize_url (fixture->flow));
  page = finish_browsing (fixture, msg, SOUP_STATUS_BAD_REQUEST);
  g_assert_false (rally_oauth_loopback_sign_in_finish (fixture->flow, fixture->sign_in, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_SIGN_IN_DECLINED);
  g_assert_true (g_str_has_prefix (error->message, "You declined"));
  g_assert_nonnull (strstr (page, "You declined"));
  g_assert_cmpuint (token_requests (fixture), ==, 0);
  assert_port_closed (rally_oauth_loopback_get_port (fixture->flow));
}

/* Another OAuth error in the redirect is named, with TikTok's (shortened) explanation. */
static void
test_redirect_error (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;

  start (fixture);
  params = query_of (rally_oauth_loopback_get_authorize_url (fixture->flow));
  for (guint i = 0; i < 100; i++)
    g_string_append (long_text, "scope <b>refused</b> ");
  query = soup_form_encode ("state", g_hash_table_lookup (params, "state"), "error", "invalid_scope",
                            "error_description", long_text->str, NULL);
  url = g_strconcat (rally_oauth_loopback_get_redirect_uri (fixture->flow), "?", query, NULL);
  msg = browse (fixture, url);
  page = finish_browsing (fixture, msg, SOUP_STATUS_BAD_REQUEST);
  g_assert_false (rally_oauth_loopback_sign_in_finish (fixture->flow, fixture->sign_in, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_SIGN_IN_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "TikTok could not sign you in (invalid_scope): scope"));
  g_assert_cmpuint (strlen (error->message), <, 300);
  /* the page shows it as text, not markup */
  g_assert_null (strstr (page, "<b>"));
  g_assert_nonnull (strstr (page, "&lt;b&gt;"));
  g_assert_cmpuint (token_requests (fixture), ==, 0);
}

/* A code issued for another PKCE challenge (e.g. one an attacker obtained) cannot be
 * exchanged with this sign-in's verifier. */
static void
test_wrong_verifier (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = rally_oauth_s256_challenge ("another-verifier-that-is-long-enough-for-rfc-7636-rules");
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;

  start (fixture);
  url = replace_param (rally_oauth_loopback_get_authorize_url (fixture->flow), "code_challenge", other);
  msg = browse (fixture, url);
  page = finish_browsing (fixture, msg, SOUP_STATUS_BAD_REQUEST);
  g_assert_false (rally_oauth_loopback_sign_in_finish (fixture->flow, fixture->sign_in, &error));
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "invalid_grant"));
  g_assert_cmpuint (token_requests (fixture), ==, 1);
  g_assert_null (rally_sync_client_dup_user_token (fixture->client, NULL));
}

/* The emulator's side alone: a code is good once, for its redirect_uri and verifier. */
static void
test_emulator_grant (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *verifier = "a-verifier-of-the-test-that-is-long-enough-0123456789";
  g_autofree char *challenge = rally_oauth_s256_challenge (verifier);
  g_autofree char *base = auth_url ();
  const char *redirect = "http://127.0.0.1:9/callback";
  struct { const char *redirect_uri; const char *verifier; gboolean ok; } cases[] = {
    { "http://127.0.0.1:10/callback", verifier, FALSE },  /* another redirect_uri */
    { redirect, "wrong-verifier-wrong-verifier-wrong-verifier-000", FALSE },
    { redirect, NULL, FALSE },
    { redirect, verifier, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = soup_form_encode ("client_key", KEY, "scope", "user.info.basic",
                                                 "response_type", "code", "redirect_uri", redirect,
                                                 "state", "s", "code_challenge", challenge,
                                                 "code_challenge_method", "S256", NULL);
      g_autofree char *url = g_strconcat (base, "?", query, NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GHashTable) params = NULL;
      g_autoptr(GError) error = NULL;
      GAsyncResult *result = NULL;
      gboolean ok;

      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      body = soup_session_send_and_read (fixture->browser, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_FOUND);
      params = query_of (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
      g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "s");

      rally_sync_client_exchange_code_async (fixture->client, g_hash_table_lookup (params, "code"),
                                             cases[i].redirect_uri, cases[i].verifier, NULL,
                                             rally_test_store_result_cb, &result);
      rally_test_wait_result (&result);
      ok = rally_sync_client_exchange_code_finish (fixture->client, result, &error);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_UNAUTHORIZED);
      g_object_unref (result);

      /* a code works once */
      if (ok)
        {
          result = NULL;
          rally_sync_client_exchange_code_async (fixture->client, g_hash_table_lookup (params, "code"),
                                                 cases[i].redirect_uri, cases[i].verifier, NULL,
                                                 rally_test_store_result_cb, &result);
          rally_test_wait_result (&result);
          g_assert_false (rally_sync_client_exchange_code_finish (fixture->client, result, &error));
          g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_UNAUTHORIZED);
          g_object_unref (result);
        }
    }
}

/* The authorize page refuses a request without PKCE or with a redirect off this computer. */
static void
test_emulator_authorize_checks (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *base = auth_url ();
  const char *names[] = { "code_challenge_method", "redirect_uri", "client_key" };
  const char *values[] = { "plain", "https://example.org/callback", "another-key" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *query = soup_form_encode ("client_key", KEY, "scope", "user.info.basic",
                                                 "response_type", "code", "redirect_uri", "http://127.0.0.1:9/cb",
                                                 "state", "s", "code_challenge",
                                                 "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                                                 "code_challenge_method", "S256", NULL);
      g_autofree char *url = g_strconcat (base, "?", query, NULL);
      g_autofree char *changed = replace_param (url, names[i], values[i]);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", changed);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      body = soup_session_send_and_read (fixture->browser, msg, NULL, &error);
      g_assert_no_error (error);
      if (i == 0)
        {
          g_autoptr(GHashTable) params = NULL;

          g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_FOUND);
          params = query_of (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
          g_assert_cmpstr (g_hash_table_lookup (params, "error"), ==, "invalid_request");
          g_assert_null (g_hash_table_lookup (params, "code"));
        }
      else
        g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_BAD_REQUEST);
    }
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  rally_oauth_loopback_sign_in_async (fixture->flow, cancellable, rally_test_store_result_cb, &fixture->sign_in);
  port = rally_oauth_loopback_get_port (fixture->flow);
  g_cancellable_cancel (cancellable);
  rally_test_wait_result (&fixture->sign_in);
  g_assert_false (rally_oauth_loopback_sign_in_finish (fixture->flow, fixture->sign_in, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_port_closed (port);
  g_assert_cmpuint (token_requests (fixture), ==, 0);
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rally_oauth_loopback_set_timeout (fixture->flow, 1);
  start (fixture);
  rally_test_wait_result (&fixture->sign_in);
  g_assert_false (rally_oauth_loopback_sign_in_finish (fixture->flow, fixture->sign_in, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "within 1 minute"));
  assert_port_closed (rally_oauth_loopback_get_port (fixture->flow));
}

static void
test_bad_settings (void)
{
  g_autoptr(RallySyncClient) client = rally_sync_client_new ("https://open.tiktokapis.com",
                                                             "https://open.tiktokapis.com", NULL);
  g_autoptr(RallyOAuthLoopback) flow = NULL;
  g_autoptr(GError) error = NULL;

  flow = rally_oauth_loopback_new (client, "http://example.org/v2/auth/authorize/", KEY, &error);
  g_assert_null (flow);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INSECURE_URL);
  g_clear_error (&error);

  flow = rally_oauth_loopback_new (client, RALLY_OAUTH_DEFAULT_AUTH_URL, "", &error);
  g_assert_null (flow);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS);
  g_clear_error (&error);

  flow = rally_oauth_loopback_new (client, RALLY_OAUTH_DEFAULT_AUTH_URL, KEY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (flow);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  emu = rally_emulator_new ();
  rally_emulator_set_credentials (emu, KEY, SECRET);
  g_assert_true (rally_emulator_start (emu, &error));
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/oauth/pkce", test_pkce);
  g_test_add_func ("/oauth/bad-settings", test_bad_settings);
  ADD ("/oauth/authorize-url", test_authorize_url);
  ADD ("/oauth/binds-loopback", test_binds_loopback);
  ADD ("/oauth/sign-in", test_sign_in);
  ADD ("/oauth/wrong-state", test_wrong_state);
  ADD ("/oauth/missing-state", test_missing_state);
  ADD ("/oauth/request-limits", test_request_limits);
  ADD ("/oauth/denied", test_denied);
  ADD ("/oauth/redirect-error", test_redirect_error);
  ADD ("/oauth/wrong-verifier", test_wrong_verifier);
  ADD ("/oauth/emulator-grant", test_emulator_grant);
  ADD ("/oauth/emulator-authorize-checks", test_emulator_authorize_checks);
  ADD ("/oauth/cancel", test_cancel);
  ADD ("/oauth/timeout", test_timeout);
#undef ADD

  ret = g_test_run ();
  rally_emulator_free (emu);
  return ret;
}
