/* rally-tiktok-json.c
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

/* Parsing of TikTok API replies into plain structs.
 *
 * Replies are untrusted: the parser decides on `error.code` first and the HTTP
 * status second (a 504 gateway page is HTML, a 500 may carry a valid body), and
 * tolerates what real servers and fixtures show — ids as numbers or strings,
 * `video_id` for `id`, counters as numeric strings, `\u0000` in text, unknown
 * members, the same video twice in a page.
 *
 * Ids never pass through a double: json-glib reads integer literals into a
 * gint64, but silently wraps literals beyond INT64_MAX, so the sanitizer turns
 * such literals into strings first, which then fail the strict string parse. */

#define G_LOG_DOMAIN "RallySync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rally-json-text.h"
#include "rally-tiktok-json.h"
#include "rally-tiktok-scan.h"
#include "rally-wipe.h"

#define MAX_SAFE_DOUBLE_INT 9007199254740992.0

/**
 * rally_tiktok_page_drop_videos:
 *
 * Lets go of the videos of @page and of what they hold (their texts and blocks);
 * the rest of the page (cursor, search id, counts) stays.
 */
void
rally_tiktok_page_drop_videos (RallyTiktokPage *page)
{
  if (page->videos != NULL)
    g_ptr_array_set_size (page->videos, 0);
  g_clear_pointer (&page->storage, g_ptr_array_unref);
  g_clear_pointer (&page->texts, g_string_chunk_free);
}

void
rally_tiktok_page_free (RallyTiktokPage *page)
{
  if (page == NULL)
    return;
  rally_tiktok_page_drop_videos (page);
  g_clear_pointer (&page->videos, g_ptr_array_unref);
  g_free (page->search_id);
  g_free (page->log_id);
  g_free (page);
}

void
rally_tiktok_token_free (RallyTiktokToken *token)
{
  if (token == NULL)
    return;
  /* tokens are secrets: do not leave them in freed memory */
  rally_wipe_free (token->access_token);
  rally_wipe_free (token->refresh_token);
  g_free (token->open_id);
  g_free (token->scope);
  g_free (token);
}

/* ------------------------------------------------------------------ */
/* Member access                                                       */

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A string member as valid UTF-8 without control characters: server text is shown
 * and printed, so no escape sequences and no fake lines (@keep_newlines keeps the
 * line breaks of a video's description or title). */
static char *
dup_clean (JsonObject *object,
           const char *name,
           gboolean    keep_newlines)
{
  JsonNode *node = get_member (object, name);
  const char *text;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  if (text != NULL && rally_tiktok_text_is_clean (text, keep_newlines))
    return g_strdup (text);
  return rally_text_strip_controls (text, keep_newlines);
}

static char *
dup_string (JsonObject *object,
            const char *name)
{
  return dup_clean (object, name, FALSE);
}

/* An id: a positive integer number, or a string of decimal digits. Never a double. */
static gboolean
read_id (JsonNode *node,
         gint64   *value)
{
  GType type;
  gint64 v;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    v = json_node_get_int (node);
  else if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      if (s == NULL || !g_ascii_isdigit (*s) ||
          !g_ascii_string_to_signed (s, 10, 1, G_MAXINT64, &v, NULL))
        return FALSE;
    }
  else
    return FALSE;

  if (v <= 0)
    return FALSE;
  *value = v;
  return TRUE;
}

/* A counter: a non-negative integer, an integral double in the exact range, or a
 * numeric string. */
static gboolean
read_count (JsonObject *object,
            const char *name,
            gint64     *value)
{
  JsonNode *node = get_member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return *value >= 0;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!(d >= 0 && d < MAX_SAFE_DOUBLE_INT) || d != (double) (gint64) d)
        return FALSE;
      *value = (gint64) d;
      return TRUE;
    }
  if (type == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      guint64 v;

      if (s == NULL || !g_ascii_isdigit (*s) ||
          !g_ascii_string_to_unsigned (s, 10, 0, G_MAXINT64, &v, NULL))
        return FALSE;
      *value = (gint64) v;
      return TRUE;
    }
  return FALSE;
}

static char **
dup_string_array (JsonObject *object,
                  const char *name)
{
  JsonNode *node = get_member (object, name);
  GPtrArray *strv;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  strv = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (element);

          g_ptr_array_add (strv, text != NULL && rally_tiktok_text_is_clean (text, FALSE) ? g_strdup (text)
                                                                             : rally_text_strip_controls (text, FALSE));
        }
    }
  g_ptr_array_add (strv, NULL);
  return (char **) g_ptr_array_free (strv, FALSE);
}

/* ------------------------------------------------------------------ */
/* Envelope                                                            */

static RallySyncError
error_for_status (guint http_status)
{
  if (http_status == 429)
    return RALLY_SYNC_ERROR_RATE_LIMITED;
  if (http_status == 401 || http_status == 403)
    return RALLY_SYNC_ERROR_UNAUTHORIZED;
  if (http_status >= 500)
    return RALLY_SYNC_ERROR_SERVER;
  return RALLY_SYNC_ERROR_MALFORMED;
}

static RallySyncError
error_for_code (const char *code,
                const char *message,
                guint       http_status)
{
  if (g_str_equal (code, "access_token_invalid"))
    return RALLY_SYNC_ERROR_TOKEN_EXPIRED;
  if (g_str_equal (code, "scope_not_authorized") || g_str_equal (code, "scope_permission_missed"))
    return RALLY_SYNC_ERROR_UNAUTHORIZED;
  if (g_str_equal (code, "daily_quota_limit_exceeded"))
    return RALLY_SYNC_ERROR_QUOTA_EXCEEDED;
  if (g_str_equal (code, "rate_limit_exceeded"))
    return RALLY_SYNC_ERROR_RATE_LIMITED;
  if (g_str_has_prefix (code, "invalid_param"))
    {
      if (message != NULL && strstr (message, "Search Id") != NULL)
        return RALLY_SYNC_ERROR_SEARCH_ID_EXPIRED;
      if (message != NULL && strstr (message, "Invalid count or cursor") != NULL)
        return RALLY_SYNC_ERROR_INVALID_CURSOR;
      return RALLY_SYNC_ERROR_INVALID_PARAMS;
    }
  if (http_status == 429)
    return RALLY_SYNC_ERROR_RATE_LIMITED;
  if (http_status >= 500 || g_str_equal (code, "internal_error") || g_str_equal (code, "timeout"))
    return RALLY_SYNC_ERROR_SERVER;
  return RALLY_SYNC_ERROR_INVALID_PARAMS;
}

static void
set_body_error (GError     **error,
                guint        http_status,
                const char  *detail)
{
  RallySyncError code = error_for_status (http_status);

  if (code == RALLY_SYNC_ERROR_MALFORMED)
    g_set_error (error, RALLY_SYNC_ERROR, code,
                 _("The TikTok server sent a reply that could not be read (HTTP %u: %s)"),
                 http_status, detail);
  else
    g_set_error (error, RALLY_SYNC_ERROR, code,
                 _("The TikTok server answered HTTP %u without a readable error (%s)"),
                 http_status, detail);
}

/* The next 00:00 UTC, the Research API's quota reset, as "00:00 UTC" and, where the
 * local zone differs, the local hour too. */
static char *
quota_reset_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) midnight = g_date_time_new_utc (g_date_time_get_year (now),
                                                       g_date_time_get_month (now),
                                                       g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) reset = g_date_time_add_days (midnight, 1);
  g_autoptr(GDateTime) local = g_date_time_to_local (reset);
  g_autofree char *hour = NULL;

  if (g_date_time_get_utc_offset (local) == 0)
    return g_strdup ("00:00 UTC");
  hour = g_date_time_format (local, "%H:%M");
  /* TRANSLATORS: %s is a local time such as 01:00 */
  return g_strdup_printf (_("00:00 UTC (%s your time)"), hour);
}

/* An error TikTok named, as a sentence a person reads; the server's own words only
 * where they say what was wrong with the request. */
static void
set_sentence_error (GError         **error,
                    RallySyncError   code,
                    const char      *message)
{
  const char *words = message != NULL && *message != '\0' ? message : _("no reason given");
  g_autofree char *reset = NULL;

  switch (code)
    {
    case RALLY_SYNC_ERROR_QUOTA_EXCEEDED:
      reset = quota_reset_text ();
      /* TRANSLATORS: %s is "00:00 UTC", maybe with the local time */
      g_set_error (error, RALLY_SYNC_ERROR, code,
                   _("Today’s Research API quota is used up; Rally continues tomorrow at %s"), reset);
      break;
    case RALLY_SYNC_ERROR_RATE_LIMITED:
      g_set_error_literal (error, RALLY_SYNC_ERROR, code,
                           _("TikTok asked Rally to slow down; sync again in a few minutes"));
      break;
    case RALLY_SYNC_ERROR_TOKEN_EXPIRED:
      g_set_error_literal (error, RALLY_SYNC_ERROR, code,
                           _("TikTok no longer accepts Rally’s sign-in; sign in again in Preferences"));
      break;
    case RALLY_SYNC_ERROR_UNAUTHORIZED:
      g_set_error_literal (error, RALLY_SYNC_ERROR, code,
                           _("TikTok does not let this app read these figures: check that the Research project is approved and its scopes granted"));
      break;
    case RALLY_SYNC_ERROR_SERVER:
      g_set_error (error, RALLY_SYNC_ERROR, code,
                   _("TikTok’s server had a problem (“%s”); sync again later"), words);
      break;
    case RALLY_SYNC_ERROR_SEARCH_ID_EXPIRED:
    case RALLY_SYNC_ERROR_INVALID_CURSOR:
      g_set_error (error, RALLY_SYNC_ERROR, code,
                   _("TikTok lost its place in the search (“%s”); Rally starts it again"), words);
      break;
    default:
      g_set_error (error, RALLY_SYNC_ERROR, code,
                   _("TikTok did not accept Rally’s request: %s"), words);
      break;
    }
}

/* Parses @data into @parser; returns the root object or NULL with @error set. */
static JsonObject *
load_root (JsonParser  *parser,
           guint        http_status,
           const char  *data,
           gsize        length,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean = NULL;
  gsize clean_length = 0;
  JsonNode *root;

  if (data == NULL || length == 0)
    {
      set_body_error (error, http_status, _("empty body"));
      return NULL;
    }
  /* the sanitizer refuses what json-glib would read but JSON is not */
  clean = rally_json_sanitize (data, length, &clean_length);
  if (clean == NULL || !json_parser_load_from_data (parser, clean, (gssize) clean_length, &local_error))
    {
      set_body_error (error, http_status, _("not JSON"));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_body_error (error, http_status, _("not a JSON object"));
      return NULL;
    }
  return json_node_get_object (root);
}

/* The v2 envelope: FALSE with @error set unless error.code is "ok" or, without an
 * error object, the HTTP status is a success. */
static gboolean
check_envelope (JsonObject  *root,
                guint        http_status,
                GError     **error)
{
  JsonObject *err = get_object (root, "error");
  g_autofree char *code = dup_string (err, "code");
  g_autofree char *message = NULL;
  g_autofree char *log_id = NULL;

  if (code == NULL)
    {
      if (http_status >= 200 && http_status < 300)
        return TRUE;
      set_body_error (error, http_status, _("no error code"));
      return FALSE;
    }
  if (g_str_equal (code, "ok"))
    return TRUE;

  message = dup_string (err, "message");
  log_id = dup_string (err, "log_id");
  /* the code, HTTP status and log id are for a bug report, not for the sentence */
  g_debug ("TikTok answered “%s”: %s (HTTP %u, log id %s)", code, message ? message : "",
           http_status, log_id ? log_id : "–");
  set_sentence_error (error, error_for_code (code, message, http_status), message);
  return FALSE;
}

static JsonObject *
require_data (JsonObject  *root,
              guint        http_status,
              GError     **error)
{
  JsonObject *data = get_object (root, "data");

  if (data == NULL)
    set_body_error (error, http_status, _("no data object"));
  return data;
}

gboolean
rally_tiktok_parse_status (guint        http_status,
                           const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root = load_root (parser, http_status, data, length, error);

  return root != NULL && check_envelope (root, http_status, error);
}

/* ------------------------------------------------------------------ */
/* Token                                                               */

static void
set_oauth_error (GError     **error,
                 const char  *code,
                 const char  *description,
                 guint        http_status)
{
  RallySyncError kind;

  if (g_str_equal (code, "invalid_client") || g_str_equal (code, "unauthorized_client") ||
      g_str_equal (code, "access_denied") || g_str_equal (code, "invalid_grant") ||
      g_str_equal (code, "invalid_scope"))
    kind = RALLY_SYNC_ERROR_UNAUTHORIZED;
  else if (http_status >= 500)
    kind = RALLY_SYNC_ERROR_SERVER;
  else if (http_status == 429)
    kind = RALLY_SYNC_ERROR_RATE_LIMITED;
  else
    kind = RALLY_SYNC_ERROR_INVALID_PARAMS;

  g_set_error (error, RALLY_SYNC_ERROR, kind, _("TikTok refused the token request “%s”: %s"),
               code, description && *description ? description : _("no description"));
}

RallyTiktokToken *
rally_tiktok_parse_token (guint        http_status,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(RallyTiktokToken) token = NULL;
  JsonObject *root;
  JsonNode *err;

  if ((root = load_root (parser, http_status, data, length, error)) == NULL)
    return NULL;

  /* OAuth errors are flat: {"error":"invalid_client","error_description":…} */
  err = get_member (root, "error");
  if (err != NULL && JSON_NODE_HOLDS_VALUE (err) && json_node_get_value_type (err) == G_TYPE_STRING)
    {
      /* shown to the user: without control characters, as the description */
      g_autofree char *code = dup_string (root, "error");
      g_autofree char *description = dup_string (root, "error_description");

      set_oauth_error (error, code, description, http_status);
      return NULL;
    }
  if (err != NULL && JSON_NODE_HOLDS_OBJECT (err) && !check_envelope (root, http_status, error))
    return NULL;

  token = g_new0 (RallyTiktokToken, 1);
  token->access_token = dup_string (root, "access_token");
  if (token->access_token == NULL || *token->access_token == '\0')
    {
      set_body_error (error, http_status, _("no access token"));
      return NULL;
    }
  token->refresh_token = dup_string (root, "refresh_token");
  token->open_id = dup_string (root, "open_id");
  token->scope = dup_string (root, "scope");
  if (!read_count (root, "expires_in", &token->expires_in))
    token->expires_in = 0;
  if (!read_count (root, "refresh_expires_in", &token->refresh_expires_in))
    token->refresh_expires_in = 0;
  return g_steal_pointer (&token);
}

/* ------------------------------------------------------------------ */
/* Videos                                                              */

/* A counter, or -1 when the reply has none that can be read. */
static gint64
count_or_unknown (JsonObject *object,
                  const char *name)
{
  gint64 value;

  return read_count (object, name, &value) ? value : -1;
}

static RallyFetchedVideo *
parse_video (JsonObject *object)
{
  RallyFetchedVideo *video;
  gint64 id;

  if (!read_id (get_member (object, "id"), &id) && !read_id (get_member (object, "video_id"), &id))
    return NULL;

  video = rally_fetched_video_new (id);
  video->create_time = count_or_unknown (object, "create_time");
  video->username = dup_string (object, "username");
  video->region = dup_string (object, "region_code");
  video->description = dup_clean (object, "video_description", TRUE);
  video->title = dup_clean (object, "title", TRUE);
  video->share_url = dup_string (object, "share_url");
  video->hashtags = dup_string_array (object, "hashtag_names");
  video->views = count_or_unknown (object, "view_count");
  video->likes = count_or_unknown (object, "like_count");
  video->comments = count_or_unknown (object, "comment_count");
  video->shares = count_or_unknown (object, "share_count");
  video->favorites = count_or_unknown (object, "favorites_count");
  return video;
}

static void
parse_videos (RallyTiktokPage *page,
              JsonArray       *array)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      RallyFetchedVideo *video;

      video = JSON_NODE_HOLDS_OBJECT (node) ? parse_video (json_node_get_object (node)) : NULL;
      if (video == NULL)
        page->n_invalid++;
      else if (g_hash_table_contains (seen, &video->id))
        {
          page->n_duplicates++;
          rally_fetched_video_free (video);
        }
      else
        {
          g_ptr_array_add (page->videos, video);
          g_hash_table_add (seen, &video->id);
        }
    }
}

static char *
dup_id_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = get_member (object, name);
  gint64 v;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      v = json_node_get_int (node);
      return g_strdup_printf ("%" G_GINT64_FORMAT, v);
    }
  return dup_string (object, name);
}

/* The page as json-glib reads it: every shape rally_tiktok_parse_video_page()
 * accepts, and the errors. Exported for the tests, which hold the fast path to it. */
RallyTiktokPage *
rally_tiktok_read_video_page_tree (guint        http_status,
                                   const char  *data,
                                   gsize        length,
                                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  RallyTiktokPage *page;
  JsonObject *root, *body;
  JsonNode *videos, *has_more;

  if ((root = load_root (parser, http_status, data, length, error)) == NULL ||
      !check_envelope (root, http_status, error) ||
      (body = require_data (root, http_status, error)) == NULL)
    return NULL;

  videos = get_member (body, "videos");
  if (videos != NULL && !JSON_NODE_HOLDS_ARRAY (videos) && !JSON_NODE_HOLDS_NULL (videos))
    {
      set_body_error (error, http_status, _("videos is not a list"));
      return NULL;
    }

  page = g_new0 (RallyTiktokPage, 1);
  page->videos = g_ptr_array_new_with_free_func ((GDestroyNotify) rally_fetched_video_free);
  parse_videos (page, videos != NULL && JSON_NODE_HOLDS_ARRAY (videos) ? json_node_get_array (videos) : NULL);
  page->has_cursor = read_count (body, "cursor", &page->cursor);
  has_more = get_member (body, "has_more");
  page->has_more = has_more != NULL && JSON_NODE_HOLDS_VALUE (has_more) &&
                   json_node_get_value_type (has_more) == G_TYPE_BOOLEAN && json_node_get_boolean (has_more);
  page->search_id = dup_id_string (body, "search_id");
  page->log_id = dup_string (get_object (root, "error"), "log_id");
  return page;
}

/**
 * rally_tiktok_parse_video_page:
 *
 * Parses a Research `/v2/research/video/query/` or Display `/v2/video/list/`
 * reply. Videos without a usable id are skipped and counted in n_invalid;
 * repeated ids are dropped and counted in n_duplicates.
 */
RallyTiktokPage *
rally_tiktok_parse_video_page (guint        http_status,
                               const char  *data,
                               gsize        length,
                               GError     **error)
{
  RallyTiktokPage *page;

  /* the common shape in one pass; json-glib reads the rest */
  if ((page = rally_tiktok_scan_video_page (http_status, data, length)) != NULL)
    return page;
  return rally_tiktok_read_video_page_tree (http_status, data, length, error);
}

/* ------------------------------------------------------------------ */
/* User info                                                           */

/* Keeps the account's empty text where the reply had none. */
static void
replace_text (char **field,
              char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = value;
}

/**
 * rally_tiktok_parse_user_info:
 *
 * Parses a Research `/v2/research/user/info/` reply (data is the user) or a
 * Display `/v2/user/info/` reply (data.user is the user) into the model's account:
 * -1 for each figure the reply left out, empty texts for missing ones.
 */
RallyAccount *
rally_tiktok_parse_user_info (guint        http_status,
                              const char  *data,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  RallyAccount *user;
  JsonObject *root, *body, *inner;
  JsonNode *verified;

  if ((root = load_root (parser, http_status, data, length, error)) == NULL ||
      !check_envelope (root, http_status, error) ||
      (body = require_data (root, http_status, error)) == NULL)
    return NULL;

  if ((inner = get_object (body, "user")) != NULL)
    body = inner;

  user = rally_account_new ();
  replace_text (&user->open_id, dup_string (body, "open_id"));
  replace_text (&user->username, dup_string (body, "username"));
  replace_text (&user->display_name, dup_string (body, "display_name"));
  verified = get_member (body, "is_verified");
  user->is_verified = verified != NULL && JSON_NODE_HOLDS_VALUE (verified) &&
                      json_node_get_value_type (verified) == G_TYPE_BOOLEAN && json_node_get_boolean (verified);
  user->followers = count_or_unknown (body, "follower_count");
  user->following = count_or_unknown (body, "following_count");
  user->likes = count_or_unknown (body, "likes_count");
  user->videos = count_or_unknown (body, "video_count");
  return user;
}
