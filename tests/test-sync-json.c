/* test-sync-json.c
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

/* The TikTok reply parser: documented examples, every tolerance, every error. */

#include "config.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rally-json-text.h"
#include "rally-tiktok-json.h"
#include "rally-tiktok-scan.h"
#include "rally-test-page.h"

static char *
load_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus-json", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

static RallyTiktokPage *
parse_page (guint        status,
            const char  *json,
            GError     **error)
{
  return rally_tiktok_parse_video_page (status, json, strlen (json), error);
}

static void
assert_page_error (guint           status,
                   const char     *json,
                   RallySyncError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = parse_page (status, json, &error);

  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, (int) code);
  g_assert_nonnull (error->message);
}

static void
test_token_ok (void)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *json = load_fixture ("token-ok.json", &len);
  g_autoptr(RallyTiktokToken) token = rally_tiktok_parse_token (200, json, len, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (token->access_token, ==, "clt.2.Qm9ndXNUb2tlbkZvclRlc3Rz");
  g_assert_cmpint (token->expires_in, ==, 7200);
  g_assert_null (token->refresh_token);
}

static void
test_token_user (void)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *json = load_fixture ("user-token.json", &len);
  g_autoptr(RallyTiktokToken) token = rally_tiktok_parse_token (200, json, len, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (token->access_token, ==, "act.1.abc");
  g_assert_cmpstr (token->refresh_token, ==, "rft.2.def");
  g_assert_cmpstr (token->open_id, ==, "open-0001");
  g_assert_cmpint (token->refresh_expires_in, ==, 31536000);
}

static void
test_token_errors (void)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *json = load_fixture ("token-error.json", &len);
  RallyTiktokToken *token;

  /* the status of token errors is unknown: the body decides */
  token = rally_tiktok_parse_token (200, json, len, &error);
  g_assert_null (token);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "invalid_client"));
  g_clear_error (&error);

  token = rally_tiktok_parse_token (400, "{\"error\":\"invalid_request\",\"error_description\":\"x\"}", 52, &error);
  g_assert_null (token);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_INVALID_PARAMS);
  g_clear_error (&error);

  token = rally_tiktok_parse_token (200, "{\"token_type\":\"Bearer\"}", 23, &error);
  g_assert_null (token);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_MALFORMED);
  g_clear_error (&error);

  token = rally_tiktok_parse_token (503, "Service Unavailable", 19, &error);
  g_assert_null (token);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_SERVER);
}

static void
test_page_doc_example (void)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *json = load_fixture ("research-page.json", &len);
  g_autoptr(RallyTiktokPage) page = rally_tiktok_parse_video_page (200, json, len, &error);
  RallyFetchedVideo *video;

  g_assert_no_error (error);
  g_assert_cmpuint (page->videos->len, ==, 2);
  g_assert_true (page->has_more);
  g_assert_true (page->has_cursor);
  g_assert_cmpint (page->cursor, ==, 100);
  g_assert_cmpstr (page->search_id, ==, "7375600000000000123");
  g_assert_cmpstr (page->log_id, ==, "20240615081500F00DBABE0001");

  video = g_ptr_array_index (page->videos, 0);
  /* beyond 2^53: exact only if it never went through a double */
  g_assert_cmpint (video->id, ==, G_GINT64_CONSTANT (7375510000000000001));
  g_assert_true (video->id != (gint64) (double) video->id);
  g_assert_cmpint (video->create_time, ==, 1717243200);
  g_assert_cmpstr (video->username, ==, "harbourlights_charity");
  g_assert_cmpstr (video->region, ==, "GB");
  g_assert_cmpint (video->views, ==, 48211);
  g_assert_cmpint (video->likes, ==, 1840);
  g_assert_cmpint (video->comments, ==, 97);
  g_assert_cmpint (video->shares, ==, 212);
  g_assert_cmpint (video->favorites, ==, 133);
  g_assert_true (rally_fetched_video_is_complete (video));
  g_assert_cmpstr (video->hashtags[0], ==, "walkforwater");
  g_assert_cmpstr (video->hashtags[1], ==, "charity");
  g_assert_null (video->hashtags[2]);

  video = g_ptr_array_index (page->videos, 1);
  g_assert_cmpint (video->id, ==, G_GINT64_CONSTANT (7375498000000000002));
}

static void
test_page_quirks (void)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *json = load_fixture ("research-quirks.json", &len);
  g_autoptr(RallyTiktokPage) page = rally_tiktok_parse_video_page (200, json, len, &error);
  RallyFetchedVideo *video;

  g_assert_no_error (error);
  /* video_id key; the same id as a string is a duplicate; 2^64-ish, double and
   * non-numeric ids are skipped */
  g_assert_cmpuint (page->videos->len, ==, 1);
  g_assert_cmpuint (page->n_duplicates, ==, 1);
  g_assert_cmpuint (page->n_invalid, ==, 3);
  /* search_id as a number, cursor as a string */
  g_assert_cmpstr (page->search_id, ==, "7375600000000000123");
  g_assert_cmpint (page->cursor, ==, 100);
  g_assert_false (page->has_more);

  video = g_ptr_array_index (page->videos, 0);
  g_assert_cmpint (video->id, ==, G_GINT64_CONSTANT (7375510000000000001));
  g_assert_cmpint (video->views, >=, 0);
  g_assert_cmpint (video->views, ==, 48211);
  g_assert_cmpint (video->likes, ==, -1);
  g_assert_cmpint (video->create_time, ==, -1);
  g_assert_cmpstr (video->username, ==, "ab");
}

/* Text comes back as it is when it is clean (copied, not rebuilt), and cleaned
 * otherwise: C0 and C1 controls and DEL become spaces, a description keeps its
 * line breaks and tabs, a name does not. */
static void
test_page_text_clean (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  const char *json =
    "{\"data\":{\"videos\":["
    "{\"id\":1,\"username\":\"caf\xc3\xa9 \xf0\x9f\x92\xa7\",\"video_description\":\"line\\nnext\\tcol\","
    " \"hashtag_names\":[\"WalkForWater\",\"\xc3\xa9t\xc3\xa9\"]},"
    "{\"id\":2,\"username\":\"a\\tb\\u0085c\\u007fd\",\"video_description\":\"x\\u001by\\u0080z\\r\","
    " \"hashtag_names\":[\"a\\u0007b\"]}"
    "],\"cursor\":2,\"has_more\":false}}";
  RallyFetchedVideo *clean, *dirty;

  page = rally_tiktok_parse_video_page (200, json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->videos->len, ==, 2);
  clean = g_ptr_array_index (page->videos, 0);
  dirty = g_ptr_array_index (page->videos, 1);
  g_assert_cmpstr (clean->username, ==, "caf\xc3\xa9 \xf0\x9f\x92\xa7");
  g_assert_cmpstr (clean->description, ==, "line\nnext\tcol");
  g_assert_cmpstr (clean->hashtags[0], ==, "WalkForWater");
  g_assert_cmpstr (clean->hashtags[1], ==, "\xc3\xa9t\xc3\xa9");
  g_assert_cmpstr (dirty->username, ==, "a b c d");
  g_assert_cmpstr (dirty->description, ==, "x y z ");
  g_assert_cmpstr (dirty->hashtags[0], ==, "a b");
  g_assert_null (dirty->hashtags[1]);
}

static void
test_page_id_forms (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  const char *json =
    "{\"data\":{\"videos\":["
    "{\"id\":\"7375510000000000001\"},"                /* string id (Display) */
    "{\"id\":9223372036854775807},"                   /* INT64_MAX */
    "{\"id\":9223372036854775808},"                   /* INT64_MAX + 1: skipped */
    "{\"id\":18446744073709551621},"                  /* wraps to 5 in json-glib: skipped */
    "{\"id\":-7},{\"id\":0},{\"id\":\" 12\"},{\"id\":\"12 \"},{\"id\":true},{\"id\":null},{},"
    "{\"id\":\"99999999999999999999\"},"
    "[1],7"
    "],\"cursor\":2,\"has_more\":true}}";

  page = parse_page (200, json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->videos->len, ==, 2);
  g_assert_cmpint (((RallyFetchedVideo *) g_ptr_array_index (page->videos, 0))->id, ==,
                   G_GINT64_CONSTANT (7375510000000000001));
  g_assert_cmpint (((RallyFetchedVideo *) g_ptr_array_index (page->videos, 1))->id, ==, G_MAXINT64);
  g_assert_cmpuint (page->n_invalid, ==, 12);
  g_assert_null (page->search_id);
}

static void
test_page_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  RallyFetchedVideo *video;
  const char *json =
    "{\"data\":{\"videos\":[{\"id\":1,"
    "\"view_count\":\"12345678901\",\"like_count\":-3,\"comment_count\":\"4x\","
    "\"share_count\":7.0,\"favorites_count\":1e300,\"create_time\":\"1717243200\"}]}}";

  page = parse_page (200, json, &error);
  g_assert_no_error (error);
  video = g_ptr_array_index (page->videos, 0);
  g_assert_cmpint (video->views, >=, 0);
  g_assert_cmpint (video->views, ==, G_GINT64_CONSTANT (12345678901));
  g_assert_cmpint (video->likes, ==, -1);
  g_assert_cmpint (video->comments, ==, -1);
  g_assert_cmpint (video->shares, >=, 0);
  g_assert_cmpint (video->shares, ==, 7);
  g_assert_cmpint (video->favorites, ==, -1);
  g_assert_cmpint (video->create_time, >=, 0);
  g_assert_cmpint (video->create_time, ==, 1717243200);
  /* no data.has_more, no cursor */
  g_assert_false (page->has_more);
  g_assert_false (page->has_cursor);
}

static void
test_page_nul (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  RallyFetchedVideo *video;
  /* escaped NULs, a raw NUL byte, and an escaped backslash followed by "u0000" */
  static const char json[] =
    "{\"data\":{\"videos\":[{\"id\":1,\"username\":\"\\u0000ellie\\u0000\","
    "\"video_description\":\"a\0b\\\\u0000c\",\"region_code\":\"G\\u0000B\"}]}}";

  page = rally_tiktok_parse_video_page (200, json, sizeof json - 1, &error);
  g_assert_no_error (error);
  video = g_ptr_array_index (page->videos, 0);
  g_assert_cmpstr (video->username, ==, "ellie");
  g_assert_cmpstr (video->description, ==, "ab\\u0000c");
  g_assert_cmpstr (video->region, ==, "GB");
}

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0))
        return TRUE;
    }
  return FALSE;
}

/* Server text can clear the screen, set the title or fake a line of output: every
 * string from a reply comes without control characters. */
static void
test_page_controls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  RallyFetchedVideo *video;
  static const char bad[] =
    "{\"error\":{\"code\":\"internal_error\",\"message\":\"boom\\u001b[2J\\u001b]0;pwned\\u0007\\r\\n"
    "Synced 9 challenges\\u009b31m\",\"log_id\":\"x\\u001b[1A\"}}";
  static const char ok[] =
    "{\"data\":{\"videos\":[{\"id\":1,\"username\":\"e\\u001b[31mllie\\r\","
    "\"video_description\":\"line one\\nline two\\u001b[2J\\u0008\",\"region_code\":\"GB\","
    "\"hashtag_names\":[\"walk\\u001b[0m\"]}]}}";

  page = rally_tiktok_parse_video_page (500, bad, sizeof bad - 1, &error);
  g_assert_null (page);
  g_assert_nonnull (error);
  g_assert_false (has_control (error->message));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, "boom"));
  g_clear_error (&error);

  page = rally_tiktok_parse_video_page (200, ok, sizeof ok - 1, &error);
  g_assert_no_error (error);
  video = g_ptr_array_index (page->videos, 0);
  g_assert_false (has_control (video->username));
  g_assert_null (strchr (video->username, '\n'));
  g_assert_false (has_control (video->description));
  g_assert_true (g_str_has_prefix (video->description, "line one\nline two"));
  g_assert_false (has_control (video->hashtags[0]));
}

static void
test_page_duplicates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  const char *json =
    "{\"data\":{\"videos\":[{\"id\":3,\"view_count\":1},{\"id\":2},{\"id\":3,\"view_count\":2},{\"video_id\":2}],"
    "\"cursor\":4,\"has_more\":true,\"search_id\":\"9\"},\"error\":{\"code\":\"ok\"}}";

  page = parse_page (200, json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->videos->len, ==, 2);
  g_assert_cmpuint (page->n_duplicates, ==, 2);
  g_assert_cmpint (((RallyFetchedVideo *) g_ptr_array_index (page->videos, 0))->views, ==, 1);
}

static void
test_page_unknown_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  const char *json =
    "{\"extra\":[1,{\"a\":null}],\"data\":{\"new\":{\"x\":[true]},\"videos\":[{\"id\":5,\"video_tag\":{\"type\":1},"
    "\"username\":42,\"hashtag_names\":[\"a\",7,null,\"b\"]}],\"cursor\":1,\"has_more\":\"yes\"},"
    "\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"l\",\"http_status_code\":200}}";
  RallyFetchedVideo *video;

  page = parse_page (200, json, &error);
  g_assert_no_error (error);
  video = g_ptr_array_index (page->videos, 0);
  g_assert_cmpint (video->id, ==, 5);
  g_assert_null (video->username);          /* wrong type: missing, not a crash */
  g_assert_cmpuint (g_strv_length (video->hashtags), ==, 2);
  g_assert_false (page->has_more);          /* only a JSON true counts */
}

static void
test_page_display (void)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *json = load_fixture ("display-list.json", &len);
  g_autoptr(RallyTiktokPage) page = rally_tiktok_parse_video_page (200, json, len, &error);
  RallyFetchedVideo *video;

  g_assert_no_error (error);
  g_assert_cmpuint (page->videos->len, ==, 1);
  g_assert_cmpint (page->cursor, ==, G_GINT64_CONSTANT (1717243200000));
  g_assert_true (page->has_more);
  video = g_ptr_array_index (page->videos, 0);
  g_assert_cmpint (video->id, ==, G_GINT64_CONSTANT (7375510000000000001));
  g_assert_cmpstr (video->title, ==, "Day 1 of #walkforwater");
  g_assert_nonnull (video->share_url);
}

static void
test_page_errors (void)
{
  gsize len;
  g_autofree char *expired = load_fixture ("search-id-expired.json", &len);
  g_autofree char *rate = load_fixture ("rate-limit.json", &len);
  g_autofree char *html = load_fixture ("gateway.html", &len);
  g_autofree char *cut = load_fixture ("truncated.json", &len);
  g_autofree char *display = load_fixture ("display-error.json", &len);
  g_autoptr(GError) error = NULL;

  assert_page_error (400, expired, RALLY_SYNC_ERROR_SEARCH_ID_EXPIRED);
  assert_page_error (429, rate, RALLY_SYNC_ERROR_RATE_LIMITED);
  assert_page_error (504, html, RALLY_SYNC_ERROR_SERVER);
  assert_page_error (200, html, RALLY_SYNC_ERROR_MALFORMED);
  assert_page_error (200, cut, RALLY_SYNC_ERROR_MALFORMED);
  assert_page_error (500, cut, RALLY_SYNC_ERROR_SERVER);
  assert_page_error (401, display, RALLY_SYNC_ERROR_TOKEN_EXPIRED);
  assert_page_error (200, "", RALLY_SYNC_ERROR_MALFORMED);
  assert_page_error (200, "[]", RALLY_SYNC_ERROR_MALFORMED);
  assert_page_error (200, "{}", RALLY_SYNC_ERROR_MALFORMED);
  assert_page_error (200, "{\"data\":{\"videos\":{}}}", RALLY_SYNC_ERROR_MALFORMED);
  assert_page_error (400, "{\"error\":{\"code\":\"invalid_params\",\"message\":\"Invalid count or cursor\"}}",
                     RALLY_SYNC_ERROR_INVALID_CURSOR);
  assert_page_error (400, "{\"error\":{\"code\":\"invalid_params\",\"message\":\"end_date too far\"}}",
                     RALLY_SYNC_ERROR_INVALID_PARAMS);
  assert_page_error (429, "{\"error\":{\"code\":\"daily_quota_limit_exceeded\",\"message\":\"\"}}",
                     RALLY_SYNC_ERROR_QUOTA_EXCEEDED);
  assert_page_error (500, "{\"error\":{\"code\":\"internal_error\",\"message\":\"Something is wrong.\"}}",
                     RALLY_SYNC_ERROR_SERVER);
  assert_page_error (401, "{\"error\":{\"code\":\"scope_not_authorized\",\"message\":\"\"}}",
                     RALLY_SYNC_ERROR_UNAUTHORIZED);
  assert_page_error (418, "{\"error\":{\"code\":\"brand_new_code\",\"message\":\"?\"}}",
                     RALLY_SYNC_ERROR_INVALID_PARAMS);
  assert_page_error (502, "{\"data\":{}}", RALLY_SYNC_ERROR_SERVER);

  /* the message keeps the server's words on the request; the log id goes to the
   * debug log only (issue 19: errors read as sentences) */
  g_assert_false (rally_tiktok_parse_status (400, expired, strlen (expired), &error));
  g_assert_nonnull (strstr (error->message, "Search Id 7375600000000000123 is invalid or expired"));
  g_assert_null (strstr (error->message, "20240616090000AA01"));
}

/* Each error code TikTok documents reads as a sentence: no code, no HTTP status,
 * no log id. */
static void
test_page_error_sentences (void)
{
  static const struct {
    guint status;
    const char *code;
    const char *expect;
  } cases[] = {
    { 429, "daily_quota_limit_exceeded", "Today’s Research API quota is used up; Rally continues tomorrow at 00:00 UTC" },
    { 429, "rate_limit_exceeded", "slow down" },
    { 401, "access_token_invalid", "sign in again" },
    { 401, "scope_not_authorized", "Research project is approved" },
    { 400, "invalid_params", "TikTok did not accept Rally’s request: bad field" },
    { 500, "internal_error", "TikTok’s server had a problem" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"error\":{\"code\":\"%s\",\"message\":\"bad field\","
                                               "\"log_id\":\"2024LOGID\"}}", cases[i].code);
      g_autoptr(GError) error = NULL;

      g_assert_false (rally_tiktok_parse_status (cases[i].status, json, strlen (json), &error));
      g_test_message ("%s → %s", cases[i].code, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].expect));
      g_assert_null (strstr (error->message, cases[i].code));
      g_assert_null (strstr (error->message, "2024LOGID"));
      g_assert_null (strstr (error->message, "HTTP"));
    }
}

static void
test_page_ok_despite_500 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page =
    parse_page (500, "{\"data\":{\"videos\":[{\"id\":1}]},\"error\":{\"code\":\"ok\"}}", &error);

  /* error.code first, HTTP status second */
  g_assert_no_error (error);
  g_assert_cmpuint (page->videos->len, ==, 1);
}

static void
test_user_info (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyAccount) research = NULL;
  g_autoptr(RallyAccount) display = NULL;
  g_autoptr(RallyAccount) big = NULL;
  gsize len;
  g_autofree char *r = load_fixture ("research-user.json", &len);
  g_autofree char *d = NULL;

  research = rally_tiktok_parse_user_info (200, r, len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (research->display_name, ==, "Harbour Lights");
  g_assert_cmpint (research->followers, ==, 25310);
  g_assert_cmpint (research->videos, ==, 214);
  g_assert_false (research->is_verified);

  d = load_fixture ("display-user.json", &len);
  display = rally_tiktok_parse_user_info (200, d, len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (display->username, ==, "harbourlights_charity");
  g_assert_cmpstr (display->open_id, ==, "5f1c2a9e-0000-4b7d-9a11-0c0ffee00001");
  g_assert_cmpint (display->likes, ==, 412998);
  /* -1 for what the reply left out, an empty text rather than NULL */
  g_assert_cmpint (display->following, ==, -1);
  g_assert_cmpstr (research->open_id, ==, "");

  big = rally_tiktok_parse_user_info (200, "{\"data\":{\"follower_count\":5000000123}}", 38, &error);
  g_assert_no_error (error);
  g_assert_cmpint (big->followers, ==, G_GINT64_CONSTANT (5000000123));
}

static void
test_sanitize (void)
{
  gsize len = 0;
  g_autofree char *a = rally_json_sanitize ("[1,-2,9223372036854775807,-9223372036854775808]", 47, &len);
  g_autofree char *b = rally_json_sanitize ("[9223372036854775808,-9223372036854775809,00000000000000000000001]", 66, &len);
  g_autofree char *c = rally_json_sanitize ("{\"9999999999999999999\":\"9999999999999999999\"}", 45, &len);
  g_autofree char *d = rally_json_sanitize ("\"\\", 2, &len);
  /* json-glib reads 020 as octal and 0x1F, $1F as hex: JSON has no such numbers */
  g_autofree char *e = rally_json_sanitize ("[020,-07,0x1F,$1F,0,-0,1.5e3,1e,.5,0.0]", 39, &len);

  g_assert_cmpstr (a, ==, "[1,-2,9223372036854775807,-9223372036854775808]");
  g_assert_cmpstr (b, ==, "[\"9223372036854775808\",\"-9223372036854775809\",\"00000000000000000000001\"]");
  g_assert_cmpstr (c, ==, "{\"9999999999999999999\":\"9999999999999999999\"}");
  g_assert_cmpstr (d, ==, "\"");
  g_assert_cmpstr (e, ==, "[\"020\",\"-07\",\"0x1F\",\"$1F\",0,-0,1.5e3,\"1e\",.5,0.0]");
}

static char *
sanitize_text (const char *text)
{
  gsize len = 0;

  return rally_json_sanitize (text, strlen (text), &len);
}

/* A string written into JSON text reads back the same through json-glib, whatever
 * it holds; text that is not UTF-8 reads back as U+FFFD. */
static void
test_append_string (void)
{
  const char *texts[] = { "", "walkforwater", "say \"hi\"", "back\\slash", "tab\tnew\nline\x01\x1f",
                          "caf\xc3\xa9 \xf0\x9f\x8c\x8d", "7375600000000000123", NULL };

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(GString) text = g_string_new ("[");
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GError) error = NULL;

      rally_json_append_string (text, texts[i]);
      g_string_append_c (text, ']');
      g_assert_null (strchr (text->str, '\n'));
      node = json_from_string (text->str, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_array_get_string_element (json_node_get_array (node), 0), ==, texts[i]);
    }

  {
    g_autoptr(GString) text = g_string_new (NULL);

    rally_json_append_string (text, "a\xff" "b");
    g_assert_cmpstr (text->str, ==, "\"a\xef\xbf\xbd" "b\"");
  }
}

/* A reply nested past json-glib's stack is refused; a caption cut inside a character
 * or a surrogate pair costs that character (U+FFFD), not the page. */
static void
test_sanitize_hostile (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"data\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyTiktokPage) page = NULL;
  g_autofree char *pair = NULL, *lone = NULL, *cut = NULL, *nested = NULL, *kept = NULL;
  gsize len = 0;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_null (rally_json_sanitize (deep->str, deep->len, &len));
  page = rally_tiktok_parse_video_page (200, deep->str, deep->len, &error);
  g_assert_null (page);
  g_assert_error (error, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_MALFORMED);
  g_clear_error (&error);

  nested = g_strnfill (RALLY_JSON_MAX_DEPTH, '[');
  kept = rally_json_sanitize (nested, RALLY_JSON_MAX_DEPTH, &len);
  g_assert_nonnull (kept);
  g_clear_pointer (&kept, g_free);
  g_clear_pointer (&nested, g_free);
  nested = g_strnfill (RALLY_JSON_MAX_DEPTH + 1, '{');
  g_assert_null (rally_json_sanitize (nested, RALLY_JSON_MAX_DEPTH + 1, &len));
  /* json-glib reads comments and single-quoted strings, where a '"' would hide the
   * brackets after it: JSON has neither */
  g_assert_null (sanitize_text ("/* \" */ [1]"));
  g_assert_null (sanitize_text ("['\"', 1]"));
  /* brackets in strings are text */
  g_clear_pointer (&nested, g_free);
  nested = g_strdup_printf ("[\"%s\"]", deep->str);
  kept = rally_json_sanitize (nested, strlen (nested), &len);
  g_assert_nonnull (kept);

  pair = sanitize_text ("[\"\\ud83d\\udca7 \\u00e9\"]");
  g_assert_cmpstr (pair, ==, "[\"\\ud83d\\udca7 \\u00e9\"]");
  lone = sanitize_text ("[\"walk \\ud83d\",\"\\udca7\",\"\\ud83d\\u0041\"]");
  g_assert_cmpstr (lone, ==, "[\"walk \\ufffd\",\"\\ufffd\",\"\\ufffd\\u0041\"]");
  cut = sanitize_text ("[\"walk \xf0\x9f\x92\",\xc3]");
  /* each byte of the cut character, as g_utf8_make_valid() counts them */
  g_assert_cmpstr (cut, ==, "[\"walk \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\",\xc3]");

  /* a backslash before a character json-glib keeps is dropped, not the character */
  g_clear_pointer (&cut, g_free);
  cut = sanitize_text ("[\"caf\\\xc3\xa9\"]");
  g_assert_cmpstr (cut, ==, "[\"caf\xc3\xa9\"]");

  /* the whole page still reads, through json-glib's path */
  g_clear_pointer (&page, rally_tiktok_page_free);
  page = parse_page (200, "{\"data\":{\"videos\":[{\"id\":7375512345678901234,\"create_time\":1717200000,"
                          "\"username\":\"ana\",\"video_description\":\"walk \\ud83d\",\"view_count\":10}],"
                          "\"cursor\":1,\"has_more\":false,\"search_id\":\"1\"},"
                          "\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"x\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->videos->len, ==, 1);
  g_assert_cmpstr (((RallyFetchedVideo *) g_ptr_array_index (page->videos, 0))->description, ==, "walk \xef\xbf\xbd");
}

/* The one-pass reader gives what json-glib's path gives, or leaves the reply to it. */
static void
test_page_fast_path (void)
{
  static const struct { const char *json; gboolean fast; } cases[] = {
    { "{\"data\":{\"videos\":[{\"id\":7375512345678901234,\"create_time\":1717200000,\"username\":\"ana\","
      "\"region_code\":\"GB\",\"video_description\":\"walk \\\"far\\\"\\nfor water \\u00e9\\u20ac \xf0\x9f\x92\xa7\","
      "\"view_count\":10,\"like_count\":2,\"comment_count\":0,\"share_count\":1,\"favorites_count\":3,"
      "\"hashtag_names\":[\"walkforwater\",\"charity\"],\"music_id\":123,\"effect_ids\":[\"0\"]}],"
      "\"cursor\":100,\"has_more\":true,\"search_id\":\"7375600000000000123\"},"
      "\"error\":{\"code\":\"ok\",\"message\":\"\",\"log_id\":\"2024EMU\"}}", TRUE },
    /* whitespace, members in another order, search_id a number, no error object */
    { " {\r\n \"data\" : { \"search_id\" : 42 , \"has_more\" : false , \"cursor\" : 0 ,"
      " \"videos\" : [ { \"video_id\" : 5 , \"share_url\" : \"https://x/\" , \"title\" : \"t\\tx\" } ] } } \n", TRUE },
    /* repeats, an id of 0 (the video_id then), no id at all, unknown nested members */
    { "{\"data\":{\"videos\":[{\"id\":1},{\"id\":1},{\"id\":0,\"video_id\":2},{\"username\":\"x\"},"
      "{\"id\":3,\"future\":{\"nested\":[1,2.5e-3,-0,null,true,false,\"s\\/\"]},\"another\":null}],"
      "\"has_more\":false},\"error\":{\"code\":\"ok\"}}", TRUE },
    /* control characters, C0 and C1, escaped: cleaned alike */
    { "{\"data\":{\"videos\":[{\"id\":9,\"username\":\"a\\u001b[2Jb\",\"video_description\":\"x\\u0085y\\r\\nz\","
      "\"hashtag_names\":[\"t\\u0007ag\"]}]},\"error\":{\"code\":\"ok\"}}", TRUE },
    /* read eight bytes at a time: DEL and C1 controls unescaped, at any place in a
     * word, escapes and quotes too */
    { "{\"data\":{\"videos\":[{\"id\":9,\"username\":\"abcdefg\x7fhijklmnopq\","
      "\"video_description\":\"0123456789abcdef\xc2\x85xyz0123456789\",\"region_code\":\"GBGBGBGBGBGBGBGB\","
      "\"title\":\"abcdefghijklmno\\\"pq\\\\rstuvwxyz01234\",\"share_url\":\"\x7f\"}]},"
      "\"error\":{\"code\":\"ok\"}}", TRUE },
    /* shapes left to json-glib */
    { "{\"data\":{\"videos\":[{\"id\":\"7\",\"view_count\":\"12\"}]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[{\"id\":7,\"view_count\":12.0}]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[{\"id\":7,\"username\":\"a\\u0000b\"}]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[{\"id\":7,\"username\":\"\\ud83d\\udca7\"}]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[{\"id\":7,\"id\":8}]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[{\"id\":99999999999999999999}]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[{\"id\":7,\"view_count\":-1}]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[{\"id\":7,\"username\":\"\xff\"}]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[{\"id\":7,\"username\":\"abcdefghijklm\xe9nopqrstu\"}]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[{\"id\":7,\"username\":\"abcdefghij\x01klmnopqrstu\"}]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[{\"id\":7,\"hashtag_names\":[\"a\",1]}]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[7]},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":null},\"error\":{\"code\":\"ok\"}}", FALSE },
    { "{\"data\":{\"videos\":[]},\"error\":{\"code\":\"ok\"}} x", FALSE },
    { "{\"data\":{\"videos\":[{\"id\":7}]}", FALSE },
    { "{\"data\":{},\"error\":{\"code\":\"invalid_params\",\"message\":\"Invalid count or cursor\"}}", FALSE },
    { "{\"error\":{\"code\":\"ok\"}}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RallyTiktokPage) fast = rally_tiktok_scan_video_page (200, cases[i].json, strlen (cases[i].json));
      g_autoptr(RallyTiktokPage) tree = rally_tiktok_read_video_page_tree (200, cases[i].json, strlen (cases[i].json), NULL);

      g_test_message ("case %u", i);
      g_assert_true ((fast != NULL) == cases[i].fast);
      if (fast == NULL)
        continue;
      rally_test_assert_same_page (fast, tree);
    }
  /* an HTTP error without an error object is json-glib's to word */
  g_assert_null (rally_tiktok_scan_video_page (500, "{\"data\":{\"videos\":[]}}", 22));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync-json/token/ok", test_token_ok);
  g_test_add_func ("/sync-json/token/user", test_token_user);
  g_test_add_func ("/sync-json/token/errors", test_token_errors);
  g_test_add_func ("/sync-json/page/doc-example", test_page_doc_example);
  g_test_add_func ("/sync-json/page/quirks", test_page_quirks);
  g_test_add_func ("/sync-json/page/text-clean", test_page_text_clean);
  g_test_add_func ("/sync-json/page/id-forms", test_page_id_forms);
  g_test_add_func ("/sync-json/page/counts", test_page_counts);
  g_test_add_func ("/sync-json/page/nul", test_page_nul);
  g_test_add_func ("/sync-json/page/controls", test_page_controls);
  g_test_add_func ("/sync-json/page/duplicates", test_page_duplicates);
  g_test_add_func ("/sync-json/page/unknown-fields", test_page_unknown_fields);
  g_test_add_func ("/sync-json/page/display", test_page_display);
  g_test_add_func ("/sync-json/page/errors", test_page_errors);
  g_test_add_func ("/sync-json/page/error-sentences", test_page_error_sentences);
  g_test_add_func ("/sync-json/page/ok-despite-500", test_page_ok_despite_500);
  g_test_add_func ("/sync-json/page/fast-path", test_page_fast_path);
  g_test_add_func ("/sync-json/user-info", test_user_info);
  g_test_add_func ("/sync-json/sanitize", test_sanitize);
  g_test_add_func ("/sync-json/sanitize-hostile", test_sanitize_hostile);
  g_test_add_func ("/sync-json/append-string", test_append_string);

  return g_test_run ();
}
