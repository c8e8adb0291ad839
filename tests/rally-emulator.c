/* rally-emulator.c
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

/* The emulator follows /work/shared/docs/metrics-api.md: OAuth flat token replies,
 * v2 envelopes {"data":…,"error":{code,message,log_id}}, index cursors with a
 * search_id for research queries, millisecond cursors for the Display video list.
 *
 * Replies are written as JSON text by hand so 19-digit ids never pass through a
 * double. Every handler runs in the server thread under self->mutex; the test
 * thread only calls the locked setters and getters. */

#define G_LOG_DOMAIN "RallyEmulator"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rally-emulator.h"

#define RESEARCH_MAX_COUNT 100
#define DISPLAY_MAX_COUNT 20
#define MAX_WINDOW_DAYS 30
#define AUTH_CODE "rally-test-code"
#define STATUS_TOO_MANY_REQUESTS 429
#define COUNTS_SETTLE            (10 * 86400)

typedef struct
{
  gint64  id;
  gint64  create_time;
  char   *hashtag;
  char   *username;
  char   *description;
  char    region[3];
  gint64  views;
  gint64  likes;
  gint64  comments;
  gint64  shares;
  gint64  favorites;
} EmuVideo;

/* An authorization code handed out by GET /v2/auth/authorize/ */
typedef struct
{
  char *challenge;     /* S256 code challenge */
  char *redirect_uri;
} EmuCode;

typedef struct
{
  guint nth;
  guint times;
} EmuFault;

struct _RallyEmulator
{
  GMutex               mutex;

  /* server thread */
  GThread             *thread;
  GMainContext        *context;
  GMainLoop           *loop;
  SoupServer          *server;
  char                *url;
  GMutex               ready_mutex;
  GCond                ready_cond;
  gboolean             ready;
  GError              *start_error;

  /* data */
  GPtrArray           *videos;          /* EmuVideo, descending id */
  guint                n_hashtags;
  guint                display_videos;
  GHashTable          *tokens;          /* token → expiry (real time, µs) */
  GHashTable          *refresh_tokens;  /* set */
  GHashTable          *codes;           /* authorization code → EmuCode */
  GHashTable          *searches;        /* search_id → GArray of gint (video index, -1 = deleted) */
  guint64              next_search_id;
  guint                next_token;

  /* configuration */
  char                *client_key;
  char                *client_secret;
  guint                token_lifetime;
  EmuFault             faults[RALLY_EMULATOR_N_FAULTS];
  RallyEmulatorQuirks  quirks;
  int                  retry_after;
  guint                delay_ms;
  gboolean             gzip;            /* replies compressed, Content-Encoding: gzip */
  guint                slow_nth;        /* the video query whose reply is held back longer */
  guint                slow_ms;
  char                *redirect;        /* research queries answer 302 to this, when set */
  guint                daily_quota;
  gboolean             user_denies;
  gint64               now;             /* 0: the real clock */
  guint                index_lag;       /* seconds before a new video is searchable */
  char                *display_hashtag; /* in every third own video's title */
  gboolean             display_faults;  /* faults count video list requests */

  /* counters */
  GHashTable          *counts;          /* path → count */
  GHashTable          *sockets;         /* each connection a request came on (held) */
  guint                research_requests;
  guint                query_requests;
  guint                list_requests;
  guint                delayed;         /* replies held back by the delay now */
  guint                max_delayed;     /* the most held back at once */
  guint                delayed_queries; /* video queries held back now */
  guint                first_queries;   /* video queries held back when the first went out */
  gboolean             query_replied;
};

static const char * const research_fields[] = {
  "id", "video_description", "create_time", "region_code", "share_count", "view_count",
  "like_count", "comment_count", "music_id", "hashtag_names", "username", "effect_ids",
  "playlist_id", "voice_to_text", "is_stem_verified", "favorites_count", "video_duration",
  "hashtag_info_list", "sticker_info_list", "effect_info_list", "video_mention_list",
  "video_label", "video_tag", NULL
};

static const char * const display_video_fields[] = {
  "id", "create_time", "cover_image_url", "share_url", "video_description", "duration",
  "height", "width", "title", "embed_html", "embed_link", "like_count", "comment_count",
  "share_count", "view_count", NULL
};

static const char * const user_fields[] = {
  "open_id", "union_id", "avatar_url", "avatar_url_100", "avatar_large_url", "display_name",
  "bio_description", "profile_deep_link", "is_verified", "username", "follower_count",
  "following_count", "likes_count", "video_count", "bio_url", NULL
};

static const char * const regions[] = { "GB", "IE", "US", "FR", "KE" };

/* ------------------------------------------------------------------ */
/* Data                                                                */

static guint64
mix (guint64 x)
{
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

static void
emu_video_free (gpointer data)
{
  EmuVideo *video = data;

  g_free (video->hashtag);
  g_free (video->username);
  g_free (video->description);
  g_free (video);
}

static int
compare_desc_id (gconstpointer a,
                 gconstpointer b)
{
  const EmuVideo *va = *(EmuVideo * const *) a;
  const EmuVideo *vb = *(EmuVideo * const *) b;

  return (va->id < vb->id) - (va->id > vb->id);
}

static EmuVideo *
make_video (const char *hashtag,
            guint       tag_index,
            guint       i,
            guint       n_videos,
            gint64      first_time,
            gint64      last_time)
{
  EmuVideo *video = g_new0 (EmuVideo, 1);
  gint64 span = MAX (last_time - first_time, 0);
  guint64 h;

  video->create_time = first_time + (n_videos > 1 ? span * (gint64) i / (n_videos - 1) : 0);
  /* Like real TikTok ids: the creation time in the high bits, > 2^53. */
  video->id = (gint64) (((guint64) video->create_time << 32) | ((guint64) (tag_index & 0x3ff) << 22) | (i & 0x3fffff));
  h = mix ((guint64) video->id);
  video->hashtag = g_strdup (hashtag);
  video->username = g_strdup_printf ("creator%u", (guint) (h % (n_videos / 3 + 1)));
  video->description = g_strdup_printf ("Video %u for #%s, \"quoted\" \\ and ünïcode", i, hashtag);
  memcpy (video->region, regions[(h >> 8) % G_N_ELEMENTS (regions)], 3);
  video->views = 100 + (gint64) ((h >> 16) % 50000);
  video->likes = video->views / (5 + (gint64) ((h >> 32) % 20));
  video->comments = video->likes / 10;
  video->shares = video->likes / 7;
  video->favorites = video->likes / 5;

  return video;
}

/* ------------------------------------------------------------------ */
/* JSON text                                                           */

/* The emulator stands for a server elsewhere: it renders a page of 100 videos in runs
 * of bytes, not character by character, so that it takes little of the CPU the
 * client it serves is measured on. */
static void
append_json_string (GString    *out,
                    const char *str)
{
  const char *p = str;

  g_string_append_c (out, '"');
  for (;;)
    {
      size_t run = strcspn (p, "\"\\\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
                               "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f");
      guchar c;

      g_string_append_len (out, p, (gssize) run);
      p += run;
      if (*p == '\0')
        break;
      c = (guchar) *p++;
      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_printf (out, "\\u%04x", c);
    }
  g_string_append_c (out, '"');
}

/* @value in decimal, without printf */
static void
append_int64 (GString *out,
              gint64   value)
{
  char digits[24];
  char *p = digits + sizeof digits;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  do
    *--p = (char) ('0' + magnitude % 10);
  while ((magnitude /= 10) > 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, digits + sizeof digits - p);
}

static void
append_log_id (GString *out)
{
  g_string_append_printf (out, "\"log_id\":\"%" G_GINT64_FORMAT "EMU\"", g_get_real_time ());
}

static void
append_ok_error (GString *out)
{
  g_string_append (out, ",\"error\":{\"code\":\"ok\",\"message\":\"\",");
  append_log_id (out);
  g_string_append (out, "}}");
}

static void
reply_text (SoupServerMessage *msg,
            guint              status,
            const char        *content_type,
            GString           *body)
{
  gsize len = body->len;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE,
                                    g_string_free (body, FALSE), len);
}

static void
reply_json (SoupServerMessage *msg,
            guint              status,
            GString           *body)
{
  reply_text (msg, status, "application/json; charset=utf-8", body);
}

static void
reply_error (SoupServerMessage *msg,
             guint              status,
             const char        *code,
             const char        *message)
{
  GString *out = g_string_new ("{\"data\":{},\"error\":{\"code\":");

  append_json_string (out, code);
  g_string_append (out, ",\"message\":");
  append_json_string (out, message);
  g_string_append_c (out, ',');
  append_log_id (out);
  g_string_append (out, "}}");
  reply_json (msg, status, out);
}

static void
reply_oauth_error (SoupServerMessage *msg,
                   guint              status,
                   const char        *error,
                   const char        *description)
{
  GString *out = g_string_new ("{\"error\":");

  append_json_string (out, error);
  g_string_append (out, ",\"error_description\":");
  append_json_string (out, description);
  g_string_append_c (out, ',');
  append_log_id (out);
  g_string_append_c (out, '}');
  reply_json (msg, status, out);
}

static void
append_count (RallyEmulator *self,
              GString       *out,
              const char    *name,
              gint64         value)
{
  gboolean quoted = (self->quirks & RALLY_EMULATOR_QUIRK_COUNTS_AS_STRINGS) != 0;

  g_string_append (out, ",\"");
  g_string_append (out, name);
  g_string_append (out, quoted ? "\":\"" : "\":");
  append_int64 (out, value);
  if (quoted)
    g_string_append_c (out, '"');
}

static void
append_text_field (RallyEmulator *self,
                   GString       *out,
                   const char    *name,
                   const char    *value)
{
  g_string_append (out, ",\"");
  g_string_append (out, name);
  g_string_append (out, "\":");
  if (self->quirks & RALLY_EMULATOR_QUIRK_NUL_CHARS)
    {
      g_autofree char *with_nul = NULL;
      GString *tmp = g_string_new (NULL);

      append_json_string (tmp, value);
      /* insert an escaped NUL after the opening quote and before the closing one */
      g_string_insert (tmp, 1, "\\u0000");
      g_string_insert (tmp, tmp->len - 1, "\\u0000");
      with_nul = g_string_free (tmp, FALSE);
      g_string_append (out, with_nul);
    }
  else
    append_json_string (out, value);
}

static gboolean
field_wanted (char       **fields,
              const char  *name)
{
  return g_strv_contains ((const char * const *) fields, name);
}

/* Research data lags: a video is searchable index_lag seconds after it is posted, and
 * its counts grow linearly to their final value over its first ten days. */
static gint64
emulator_now (RallyEmulator *self)
{
  return self->now != 0 ? self->now : g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
is_indexed (RallyEmulator  *self,
            const EmuVideo *video)
{
  return self->index_lag == 0 || video->create_time + (gint64) self->index_lag <= emulator_now (self);
}

static gint64
count_now (RallyEmulator  *self,
           const EmuVideo *video,
           gint64          count)
{
  gint64 age = emulator_now (self) - video->create_time;

  if (self->index_lag == 0 || age >= COUNTS_SETTLE)
    return count;
  return count * MAX (age, 0) / COUNTS_SETTLE;
}

/* The research fields a request wants, one bit each (research_fields[i] is bit i). */
static guint
research_field_mask (char **fields)
{
  guint mask = 0;

  for (guint i = 0; research_fields[i] != NULL; i++)
    if (field_wanted (fields, research_fields[i]))
      mask |= 1u << i;
  return mask;
}

/* The bit of research field @name. */
static guint
research_field_bit (const char *name)
{
  for (guint i = 0; research_fields[i] != NULL; i++)
    if (strcmp (research_fields[i], name) == 0)
      return 1u << i;
  g_assert_not_reached ();
}

static void
append_research_video (RallyEmulator   *self,
                       GString         *out,
                       const EmuVideo  *video,
                       guint            wanted)
{
  /* the bits of the fields below, found once */
  static guint create_time, username, region_code, video_description, view_count, like_count, comment_count,
               share_count, favorites_count, hashtag_names, effect_ids;
  static gsize bits;

  if (g_once_init_enter (&bits))
    {
      create_time = research_field_bit ("create_time");
      username = research_field_bit ("username");
      region_code = research_field_bit ("region_code");
      video_description = research_field_bit ("video_description");
      view_count = research_field_bit ("view_count");
      like_count = research_field_bit ("like_count");
      comment_count = research_field_bit ("comment_count");
      share_count = research_field_bit ("share_count");
      favorites_count = research_field_bit ("favorites_count");
      hashtag_names = research_field_bit ("hashtag_names");
      effect_ids = research_field_bit ("effect_ids");
      g_once_init_leave (&bits, 1);
    }
  g_string_append (out, (self->quirks & RALLY_EMULATOR_QUIRK_VIDEO_ID_KEY) ? "{\"video_id\":" : "{\"id\":");
  append_int64 (out, video->id);
  if (wanted & create_time)
    {
      g_string_append (out, ",\"create_time\":");
      append_int64 (out, video->create_time);
    }
  if (wanted & username)
    append_text_field (self, out, "username", video->username);
  if (wanted & region_code)
    {
      g_string_append (out, ",\"region_code\":\"");
      g_string_append (out, video->region);
      g_string_append_c (out, '"');
    }
  if (wanted & video_description)
    append_text_field (self, out, "video_description", video->description);
  if (wanted & view_count)
    append_count (self, out, "view_count", count_now (self, video, video->views));
  if (wanted & like_count)
    append_count (self, out, "like_count", count_now (self, video, video->likes));
  if (wanted & comment_count)
    append_count (self, out, "comment_count", count_now (self, video, video->comments));
  if (wanted & share_count)
    append_count (self, out, "share_count", count_now (self, video, video->shares));
  if (wanted & favorites_count)
    append_count (self, out, "favorites_count", count_now (self, video, video->favorites));
  if (wanted & hashtag_names)
    {
      g_string_append (out, ",\"hashtag_names\":[");
      append_json_string (out, video->hashtag);
      g_string_append (out, ",\"charity\"]");
    }
  if (wanted & effect_ids)
    g_string_append (out, ",\"effect_ids\":[\"0\",\"0\"]");
  if (self->quirks & RALLY_EMULATOR_QUIRK_UNKNOWN_FIELDS)
    g_string_append (out, ",\"future_field\":{\"nested\":[1,2.5,null,true]},\"another\":null");
  g_string_append_c (out, '}');
}

/* ------------------------------------------------------------------ */
/* Request helpers                                                     */

static JsonObject *
parse_body_object (SoupServerMessage  *msg,
                   JsonParser         *parser,
                   char              **message)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *root;

  if (len == 0 || !json_parser_load_from_data (parser, data, (gssize) len, &error))
    {
      *message = g_strdup_printf ("Invalid JSON body: %s", error ? error->message : "empty");
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      *message = g_strdup ("The request body must be a JSON object");
      return NULL;
    }
  return json_node_get_object (root);
}

static char **
parse_fields (SoupServerMessage  *msg,
              GHashTable         *query,
              const char * const *allowed,
              char              **message)
{
  const char *value = query ? g_hash_table_lookup (query, "fields") : NULL;
  g_auto(GStrv) fields = NULL;

  if (value == NULL || *value == '\0')
    {
      *message = g_strdup ("The fields parameter is required");
      return NULL;
    }
  fields = g_strsplit (value, ",", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (!g_strv_contains (allowed, fields[i]))
        {
          *message = g_strdup_printf ("Invalid fields: %s", fields[i]);
          return NULL;
        }
    }
  return g_steal_pointer (&fields);
}

/* Returns TRUE when the bearer token is valid and has @prefix. */
static gboolean
check_token (RallyEmulator     *self,
             SoupServerMessage *msg,
             const char        *prefix)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const char *token;
  gint64 *expiry;

  if (auth == NULL || g_ascii_strncasecmp (auth, "bearer ", 7) != 0)
    goto invalid;
  token = auth + 7;
  if (!g_str_has_prefix (token, prefix))
    goto invalid;
  expiry = g_hash_table_lookup (self->tokens, token);
  if (expiry == NULL || *expiry <= g_get_real_time ())
    goto invalid;
  return TRUE;

invalid:
  reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "access_token_invalid",
               "The access token is invalid or not found in the request.");
  return FALSE;
}

static gboolean
parse_day (const char *text,
           gint64     *unix_time)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (text == NULL || strlen (text) != 8)
    return FALSE;
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  m = (text[4] - '0') * 10 + (text[5] - '0');
  d = (text[6] - '0') * 10 + (text[7] - '0');
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (dt == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

static char *
format_day (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (dt, "%Y%m%d");
}

static void
count_request (RallyEmulator *self,
               const char    *path)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, path));

  g_hash_table_replace (self->counts, g_strdup (path), GUINT_TO_POINTER (n + 1));
}

/* ------------------------------------------------------------------ */
/* Query conditions                                                    */

static gboolean
values_match (JsonArray  *values,
              const char *op,
              const char *actual)
{
  guint n = json_array_get_length (values);

  for (guint i = 0; i < n; i++)
    {
      const char *value = json_array_get_string_element (values, i);

      if (value == NULL)
        continue;
      if (g_str_equal (op, "EQ") || g_str_equal (op, "IN"))
        {
          if (g_ascii_strcasecmp (value, actual) == 0)
            return TRUE;
        }
      else
        {
          int cmp = strcmp (actual, value);

          if ((g_str_equal (op, "GT") && cmp > 0) || (g_str_equal (op, "GTE") && cmp >= 0) ||
              (g_str_equal (op, "LT") && cmp < 0) || (g_str_equal (op, "LTE") && cmp <= 0))
            return TRUE;
        }
    }
  return FALSE;
}

/* Returns -1 on an invalid condition, else whether @video matches. */
static int
condition_matches (JsonNode       *node,
                   const EmuVideo *video)
{
  JsonObject *cond;
  const char *field, *op;
  JsonArray *values;
  g_autofree char *actual = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return -1;
  cond = json_node_get_object (node);
  field = json_object_get_string_member_with_default (cond, "field_name", NULL);
  op = json_object_get_string_member_with_default (cond, "operation", NULL);
  values = json_object_has_member (cond, "field_values") ? json_object_get_array_member (cond, "field_values") : NULL;
  if (field == NULL || op == NULL || values == NULL || json_array_get_length (values) == 0)
    return -1;
  if (!g_strv_contains ((const char * const[]) { "EQ", "IN", "GT", "GTE", "LT", "LTE", NULL }, op))
    return -1;

  if (g_str_equal (field, "hashtag_name"))
    actual = g_strdup (video->hashtag);
  else if (g_str_equal (field, "region_code"))
    actual = g_strdup (video->region);
  else if (g_str_equal (field, "username"))
    actual = g_strdup (video->username);
  else if (g_str_equal (field, "create_date"))
    actual = format_day (video->create_time);
  else if (g_str_equal (field, "video_id"))
    actual = g_strdup_printf ("%" G_GINT64_FORMAT, video->id);
  else if (g_str_equal (field, "keyword"))
    {
      const char *word = json_array_get_string_element (values, 0);
      return word != NULL && strstr (video->description, word) != NULL;
    }
  else
    return -1;

  return values_match (values, op, actual);
}

/* Returns -1 on an invalid query. */
static int
query_matches (JsonObject     *query,
               const EmuVideo *video)
{
  const char *groups[] = { "and", "or", "not" };
  gboolean ok = TRUE;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      JsonArray *conds;
      guint n, hits = 0;

      if (!json_object_has_member (query, groups[g]))
        continue;
      conds = json_object_get_array_member (query, groups[g]);
      if (conds == NULL)
        return -1;
      n = json_array_get_length (conds);
      for (guint i = 0; i < n; i++)
        {
          int m = condition_matches (json_array_get_element (conds, i), video);

          if (m < 0)
            return -1;
          hits += m;
        }
      if (g == 0 && hits != n)
        ok = FALSE;
      else if (g == 1 && n > 0 && hits == 0)
        ok = FALSE;
      else if (g == 2 && hits > 0)
        ok = FALSE;
    }
  return ok;
}

static gboolean
query_is_empty (JsonObject *query)
{
  const char *groups[] = { "and", "or", "not" };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      JsonNode *node = json_object_get_member (query, groups[g]);

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Faults                                                              */

static gboolean
fault_fires (RallyEmulator      *self,
             RallyEmulatorFault  fault)
{
  const EmuFault *f = &self->faults[fault];

  guint n = self->display_faults ? self->list_requests : self->query_requests;

  return f->nth > 0 && n >= f->nth && n < f->nth + f->times;
}

static void
send_cut_body (SoupServerMessage *msg,
               const char        *body)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autofree char *head = NULL;
  gsize len = strlen (body);
  GOutputStream *out;

  if (stream == NULL)
    return;
  head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n", len);
  out = g_io_stream_get_output_stream (stream);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body, len / 2, NULL, NULL, NULL);
  g_output_stream_flush (out, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* Returns TRUE when a fault answered the request. */
static gboolean
apply_query_fault (RallyEmulator     *self,
                   SoupServerMessage *msg)
{
  if (fault_fires (self, RALLY_EMULATOR_FAULT_SERVER_ERROR))
    reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal_error",
                 "Something went wrong. Please try again later.");
  else if (fault_fires (self, RALLY_EMULATOR_FAULT_GATEWAY_HTML))
    reply_text (msg, SOUP_STATUS_GATEWAY_TIMEOUT, "text/html",
                g_string_new ("<html><head><title>504 Gateway Time-out</title></head>"
                              "<body><h1>504 Gateway Time-out</h1></body></html>"));
  else if (fault_fires (self, RALLY_EMULATOR_FAULT_RATE_LIMIT))
    {
      if (self->retry_after >= 0)
        {
          g_autofree char *value = g_strdup_printf ("%d", self->retry_after);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", value);
        }
      reply_error (msg, STATUS_TOO_MANY_REQUESTS, "rate_limit_exceeded",
                   "The API rate limit was exceeded. Please try again later.");
    }
  else if (fault_fires (self, RALLY_EMULATOR_FAULT_MALFORMED_JSON))
    reply_json (msg, SOUP_STATUS_OK, g_string_new ("{\"data\":{\"videos\":[{\"id\":73755100000,]}"));
  else if (fault_fires (self, RALLY_EMULATOR_FAULT_TOKEN_EXPIRED))
    {
      g_hash_table_remove_all (self->tokens);
      reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "access_token_invalid",
                   "The access token is invalid or not found in the request.");
    }
  else if (fault_fires (self, RALLY_EMULATOR_FAULT_INVALID_CURSOR))
    reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_params", "Invalid count or cursor");
  else if (fault_fires (self, RALLY_EMULATOR_FAULT_HUGE_BODY))
    {
      GString *body = g_string_sized_new (65 * 1024 * 1024 + 64);

      g_string_append (body, "{\"data\":{\"videos\":[{\"id\":73755100000,\"video_description\":\"");
      while (body->len < 65 * 1024 * 1024)
        g_string_append (body, "#DanceForChange ");
      g_string_append (body, "\"}],\"cursor\":100,\"has_more\":false}}");
      reply_json (msg, SOUP_STATUS_OK, body);
    }
  else
    return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Research video query                                                */

typedef struct
{
  JsonObject *query;
  gint64      from;
  gint64      to;      /* exclusive */
  gint64      max_count;
  gint64      cursor;
  const char *search_id;
} QueryRequest;

static gboolean
read_query_request (RallyEmulator  *self,
                    JsonObject     *body,
                    QueryRequest   *req,
                    char          **message)
{
  JsonNode *query = json_object_get_member (body, "query");
  const char *start = json_object_get_string_member_with_default (body, "start_date", NULL);
  const char *end = json_object_get_string_member_with_default (body, "end_date", NULL);
  gint64 end_day;

  if (query == NULL || !JSON_NODE_HOLDS_OBJECT (query) || query_is_empty (json_node_get_object (query)))
    {
      *message = g_strdup ("query must have a non-empty and, or or not clause");
      return FALSE;
    }
  req->query = json_node_get_object (query);
  if (!parse_day (start, &req->from) || !parse_day (end, &end_day))
    {
      *message = g_strdup ("start_date and end_date must be dates in the format YYYYMMDD");
      return FALSE;
    }
  if (end_day < req->from || end_day - req->from > MAX_WINDOW_DAYS * 86400)
    {
      *message = g_strdup_printf ("end_date must be between start_date and %d days after it", MAX_WINDOW_DAYS);
      return FALSE;
    }
  req->to = end_day + ((self->quirks & RALLY_EMULATOR_QUIRK_END_EXCLUSIVE) ? 0 : 86400);
  req->max_count = json_object_get_int_member_with_default (body, "max_count", 20);
  if (req->max_count < 1 || req->max_count > RESEARCH_MAX_COUNT)
    {
      *message = g_strdup_printf ("max_count must be between 1 and %d", RESEARCH_MAX_COUNT);
      return FALSE;
    }
  req->cursor = json_object_get_int_member_with_default (body, "cursor", 0);
  req->search_id = json_object_get_string_member_with_default (body, "search_id", NULL);
  if (req->search_id != NULL && *req->search_id == '\0')
    req->search_id = NULL;
  return TRUE;
}

static GArray *
run_search (RallyEmulator      *self,
            const QueryRequest *req,
            char              **message)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint));

  for (guint i = 0; i < self->videos->len; i++)
    {
      const EmuVideo *video = g_ptr_array_index (self->videos, i);
      int m;

      if (video->create_time < req->from || video->create_time >= req->to || !is_indexed (self, video))
        continue;
      m = query_matches (req->query, video);
      if (m < 0)
        {
          *message = g_strdup ("Invalid query condition");
          return NULL;
        }
      if (!m)
        continue;
      if ((self->quirks & RALLY_EMULATOR_QUIRK_GAPS) && positions->len % 7 == 3)
        {
          gint deleted = -1;
          g_array_append_val (positions, deleted);
        }
      g_array_append_val (positions, i);
    }
  return g_steal_pointer (&positions);
}

static char *
new_search_id (RallyEmulator *self,
               GArray        *positions)
{
  char *id = g_strdup_printf ("%" G_GUINT64_FORMAT, self->next_search_id++);

  g_hash_table_insert (self->searches, g_strdup (id), g_array_ref (positions));
  return id;
}

static void
append_page_video (RallyEmulator  *self,
                   GString        *out,
                   GArray         *positions,
                   guint           pos,
                   guint           wanted,
                   gboolean       *first)
{
  gint index = g_array_index (positions, gint, pos);

  if (index < 0)
    return;
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  append_research_video (self, out, g_ptr_array_index (self->videos, index), wanted);
}

static GString *
build_query_page (RallyEmulator  *self,
                  GArray         *positions,
                  const char     *search_id,
                  gint64          cursor,
                  gint64          max_count,
                  char          **fields)
{
  GString *out = g_string_new ("{\"data\":{\"videos\":[");
  guint end = (guint) MIN ((gint64) positions->len, cursor + max_count);
  gboolean first = TRUE;
  guint wanted = research_field_mask (fields);
  gboolean dups = (self->quirks & RALLY_EMULATOR_QUIRK_DUPLICATES) != 0;

  if (dups && cursor > 0)
    append_page_video (self, out, positions, (guint) cursor - 1, wanted, &first);
  for (guint pos = (guint) cursor; pos < end; pos++)
    append_page_video (self, out, positions, pos, wanted, &first);
  if (dups && end > cursor)
    append_page_video (self, out, positions, (guint) cursor, wanted, &first);
  g_string_append_printf (out, "],\"cursor\":%u,\"has_more\":%s,\"search_id\":\"%s\"",
                          end, end < positions->len ? "true" : "false", search_id);
  if (self->quirks & RALLY_EMULATOR_QUIRK_UNKNOWN_FIELDS)
    g_string_append (out, ",\"extra\":[{\"x\":1}]");
  if (self->quirks & RALLY_EMULATOR_QUIRK_LONG_REPLY)
    {
      gsize len = out->len;

      g_string_set_size (out, len + 300 * 1024);
      memset (out->str + len, ' ', 300 * 1024);
    }
  g_string_append_c (out, '}');
  append_ok_error (out);
  return out;
}

static void
handle_video_query (RallyEmulator     *self,
                    SoupServerMessage *msg,
                    GHashTable        *params)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *message = NULL;
  g_autofree char *search_id = NULL;
  g_auto(GStrv) fields = NULL;
  g_autoptr(GArray) positions = NULL;
  JsonObject *body;
  QueryRequest req = { 0 };
  GString *page;

  self->query_requests++;
  if (!self->display_faults && apply_query_fault (self, msg))
    return;
  if (fault_fires (self, RALLY_EMULATOR_FAULT_SEARCH_ID_EXPIRED))
    g_hash_table_remove_all (self->searches);

  if ((fields = parse_fields (msg, params, (const char * const *) research_fields, &message)) == NULL ||
      (body = parse_body_object (msg, parser, &message)) == NULL ||
      !read_query_request (self, body, &req, &message))
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_params", message);
      return;
    }

  if (req.search_id != NULL)
    {
      positions = g_hash_table_lookup (self->searches, req.search_id);
      if (positions == NULL)
        {
          g_autofree char *text = g_strdup_printf ("Search Id %s is invalid or expired", req.search_id);
          reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_params", text);
          return;
        }
      g_array_ref (positions);
    }
  else if ((positions = run_search (self, &req, &message)) == NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_params", message);
      return;
    }

  if (req.cursor < 0 || req.cursor > (gint64) positions->len)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_params", "Invalid count or cursor");
      return;
    }

  if (req.search_id == NULL || (self->quirks & RALLY_EMULATOR_QUIRK_ROTATE_SEARCH_ID))
    search_id = new_search_id (self, positions);
  else
    search_id = g_strdup (req.search_id);

  page = build_query_page (self, positions, search_id, req.cursor, req.max_count, fields);
  if (fault_fires (self, RALLY_EMULATOR_FAULT_CUT_BODY))
    {
      send_cut_body (msg, page->str);
      g_string_free (page, TRUE);
      return;
    }
  reply_json (msg, SOUP_STATUS_OK, page);
}

/* ------------------------------------------------------------------ */
/* User info                                                           */

static void
append_user (RallyEmulator  *self,
             GString        *out,
             const char     *username,
             char          **fields)
{
  guint64 h = mix (g_str_hash (username));
  gboolean first = TRUE;

#define SEP() G_STMT_START { if (!first) g_string_append_c (out, ','); first = FALSE; } G_STMT_END
  g_string_append_c (out, '{');
  if (field_wanted (fields, "open_id"))
    {
      SEP ();
      g_string_append_printf (out, "\"open_id\":\"open-%08x\"", (guint) h);
    }
  if (field_wanted (fields, "username"))
    {
      SEP ();
      g_string_append (out, "\"username\":");
      append_json_string (out, username);
    }
  if (field_wanted (fields, "display_name"))
    {
      SEP ();
      g_string_append (out, "\"display_name\":\"Harbour Lights\"");
    }
  if (field_wanted (fields, "is_verified"))
    {
      SEP ();
      g_string_append (out, "\"is_verified\":false");
    }
  if (field_wanted (fields, "follower_count"))
    {
      SEP ();
      g_string_append_printf (out, "\"follower_count\":%" G_GINT64_FORMAT, (gint64) 5000000000LL + (gint64) (h % 1000));
    }
  if (field_wanted (fields, "following_count"))
    {
      SEP ();
      g_string_append_printf (out, "\"following_count\":%u", (guint) (h % 500));
    }
  if (field_wanted (fields, "likes_count"))
    {
      SEP ();
      g_string_append_printf (out, "\"likes_count\":%u", (guint) (h % 1000000));
    }
  if (field_wanted (fields, "video_count"))
    {
      SEP ();
      g_string_append_printf (out, "\"video_count\":%u", self->display_videos);
    }
#undef SEP
  g_string_append_c (out, '}');
}

static void
handle_research_user_info (RallyEmulator     *self,
                           SoupServerMessage *msg,
                           GHashTable        *params)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *message = NULL;
  g_auto(GStrv) fields = NULL;
  JsonObject *body;
  const char *username;
  GString *out;

  if ((fields = parse_fields (msg, params, user_fields, &message)) == NULL ||
      (body = parse_body_object (msg, parser, &message)) == NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_params", message);
      return;
    }
  username = json_object_get_string_member_with_default (body, "username", NULL);
  if (username == NULL || *username == '\0' || g_str_has_prefix (username, "missing"))
    {
      g_autofree char *text = g_strdup_printf ("User %s is invalid: cannot find the user", username ? username : "");
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_params", text);
      return;
    }
  out = g_string_new ("{\"data\":");
  append_user (self, out, username, fields);
  append_ok_error (out);
  reply_json (msg, SOUP_STATUS_OK, out);
}

static void
handle_display_user_info (RallyEmulator     *self,
                          SoupServerMessage *msg,
                          GHashTable        *params)
{
  g_autofree char *message = NULL;
  g_auto(GStrv) fields = NULL;
  GString *out;

  if ((fields = parse_fields (msg, params, user_fields, &message)) == NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_params", message);
      return;
    }
  out = g_string_new ("{\"data\":{\"user\":");
  append_user (self, out, "harbourlights_charity", fields);
  g_string_append_c (out, '}');
  append_ok_error (out);
  reply_json (msg, SOUP_STATUS_OK, out);
}

/* ------------------------------------------------------------------ */
/* Display video list                                                  */

#define DISPLAY_NEWEST 1717243200

static void
append_display_video (GString    *out,
                      guint       i,
                      const char *display_hashtag,
                      char      **fields)
{
  gint64 create_time = DISPLAY_NEWEST - (gint64) i * 3600;
  gint64 id = (gint64) (((guint64) create_time << 32) | 0x3ff00000u | i);
  guint64 h = mix ((guint64) id);

  g_string_append_printf (out, "{\"id\":\"%" G_GINT64_FORMAT "\"", id);
  if (field_wanted (fields, "create_time"))
    g_string_append_printf (out, ",\"create_time\":%" G_GINT64_FORMAT, create_time);
  if (field_wanted (fields, "title") && display_hashtag != NULL && i % 3 == 0)
    g_string_append_printf (out, ",\"title\":\"Own video %u #%s\"", i, display_hashtag);
  else if (field_wanted (fields, "title"))
    g_string_append_printf (out, ",\"title\":\"Own video %u\"", i);
  if (field_wanted (fields, "share_url"))
    g_string_append_printf (out, ",\"share_url\":\"https://www.tiktok.com/@harbourlights_charity/video/%" G_GINT64_FORMAT "\"", id);
  if (field_wanted (fields, "view_count"))
    g_string_append_printf (out, ",\"view_count\":%u", (guint) (1000 + h % 90000));
  if (field_wanted (fields, "like_count"))
    g_string_append_printf (out, ",\"like_count\":%u", (guint) (h % 900));
  if (field_wanted (fields, "comment_count"))
    g_string_append_printf (out, ",\"comment_count\":%u", (guint) (h % 90));
  if (field_wanted (fields, "share_count"))
    g_string_append_printf (out, ",\"share_count\":%u", (guint) (h % 40));
  g_string_append_c (out, '}');
}

static void
handle_video_list (RallyEmulator     *self,
                   SoupServerMessage *msg,
                   GHashTable        *params)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *message = NULL;
  g_auto(GStrv) fields = NULL;
  JsonObject *body;
  gint64 max_count, cursor, next_cursor = 0;
  guint first_index, i, n = 0;
  GString *out;

  self->list_requests++;
  if (self->display_faults && apply_query_fault (self, msg))
    return;
  if ((fields = parse_fields (msg, params, display_video_fields, &message)) == NULL ||
      (body = parse_body_object (msg, parser, &message)) == NULL)
    {
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_params", message);
      return;
    }
  max_count = json_object_get_int_member_with_default (body, "max_count", 10);
  cursor = json_object_get_int_member_with_default (body, "cursor", (DISPLAY_NEWEST + 1) * 1000LL);
  if (max_count < 1 || max_count > DISPLAY_MAX_COUNT)
    {
      g_autofree char *text = g_strdup_printf ("max_count must be between 1 and %d", DISPLAY_MAX_COUNT);
      reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_params", text);
      return;
    }

  /* first video strictly older than the cursor */
  if (cursor > DISPLAY_NEWEST * 1000LL)
    first_index = 0;
  else
    first_index = (guint) MAX (0, (DISPLAY_NEWEST * 1000LL - cursor) / 3600000 + 1);

  out = g_string_new ("{\"data\":{\"videos\":[");
  for (i = first_index; i < self->display_videos && n < max_count; i++, n++)
    {
      if (n > 0)
        g_string_append_c (out, ',');
      append_display_video (out, i, self->display_hashtag, fields);
      next_cursor = (DISPLAY_NEWEST - (gint64) i * 3600) * 1000;
    }
  g_string_append_printf (out, "],\"cursor\":%" G_GINT64_FORMAT ",\"has_more\":%s}",
                          next_cursor, i < self->display_videos ? "true" : "false");
  append_ok_error (out);
  if (self->display_faults && fault_fires (self, RALLY_EMULATOR_FAULT_CUT_BODY))
    {
      send_cut_body (msg, out->str);
      g_string_free (out, TRUE);
      return;
    }
  reply_json (msg, SOUP_STATUS_OK, out);
}

/* ------------------------------------------------------------------ */
/* OAuth                                                               */

static char *
issue_token (RallyEmulator *self,
             const char    *prefix)
{
  char *token = g_strdup_printf ("%s%u.%08x", prefix, ++self->next_token, g_random_int ());
  gint64 *expiry = g_new (gint64, 1);

  *expiry = g_get_real_time () + (gint64) self->token_lifetime * G_USEC_PER_SEC;
  g_hash_table_insert (self->tokens, g_strdup (token), expiry);
  return token;
}

static void
reply_user_token (RallyEmulator     *self,
                  SoupServerMessage *msg)
{
  g_autofree char *access = issue_token (self, "act.");
  g_autofree char *refresh = g_strdup_printf ("rft.%u.%08x", ++self->next_token, g_random_int ());
  GString *out = g_string_new (NULL);

  g_hash_table_add (self->refresh_tokens, g_strdup (refresh));
  g_string_append_printf (out, "{\"open_id\":\"open-0001\",\"scope\":\"user.info.basic,video.list\","
                          "\"access_token\":\"%s\",\"expires_in\":%u,\"refresh_token\":\"%s\","
                          "\"refresh_expires_in\":31536000,\"token_type\":\"Bearer\"}",
                          access, self->token_lifetime, refresh);
  reply_json (msg, SOUP_STATUS_OK, out);
}

static void
emu_code_free (gpointer data)
{
  EmuCode *code = data;

  g_free (code->challenge);
  g_free (code->redirect_uri);
  g_free (code);
}

/* BASE64URL(SHA-256(verifier)), without padding (RFC 7636 §4.2) */
static char *
s256 (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  GString *out;
  char *b64;

  g_checksum_update (checksum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (checksum, digest, &len);
  b64 = g_base64_encode (digest, len);
  out = g_string_new (NULL);
  for (const char *c = b64; *c != '\0' && *c != '='; c++)
    g_string_append_c (out, *c == '+' ? '-' : *c == '/' ? '_' : *c);
  g_free (b64);
  return g_string_free (out, FALSE);
}

/* Desktop apps must redirect to this computer, on an explicit port (Login Kit for Desktop). */
static gboolean
redirect_is_loopback (const char *redirect_uri)
{
  g_autoptr(GUri) uri = redirect_uri ? g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  return uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 && g_uri_get_port (uri) > 0 &&
         (g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0);
}

static void
redirect_to (SoupServerMessage *msg,
             const char        *redirect_uri,
             const char        *state,
             ...)
{
  GString *url = g_string_new (redirect_uri);
  const char *name;
  va_list args;

  va_start (args, state);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *value = g_uri_escape_string (va_arg (args, const char *), NULL, FALSE);

      g_string_append_printf (url, "%c%s=%s", strchr (url->str, '?') ? '&' : '?', name, value);
    }
  va_end (args);
  if (state != NULL)
    {
      g_autofree char *value = g_uri_escape_string (state, NULL, FALSE);

      g_string_append_printf (url, "%cstate=%s", strchr (url->str, '?') ? '&' : '?', value);
    }
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, url->str);
  g_string_free (url, TRUE);
}

/* Why an authorize request is refused (redirected back with error=invalid_request), or NULL. */
static const char *
check_authorize_params (GHashTable *params)
{
  const char *challenge = g_hash_table_lookup (params, "code_challenge");

  if (g_strcmp0 (g_hash_table_lookup (params, "response_type"), "code") != 0)
    return "response_type must be code.";
  if (g_hash_table_lookup (params, "scope") == NULL)
    return "scope is required.";
  if (g_strcmp0 (g_hash_table_lookup (params, "code_challenge_method"), "S256") != 0)
    return "code_challenge_method must be S256.";
  if (challenge == NULL || strlen (challenge) != 43 || strspn (challenge,
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != 43)
    return "code_challenge is missing or malformed.";
  return NULL;
}

/* GET /v2/auth/authorize/: the person "signs in" at once and the browser is sent back. */
static void
handle_authorize (RallyEmulator     *self,
                  SoupServerMessage *msg,
                  GHashTable        *params)
{
  const char *redirect_uri = params ? g_hash_table_lookup (params, "redirect_uri") : NULL;
  const char *state = params ? g_hash_table_lookup (params, "state") : NULL;
  const char *problem;
  g_autofree char *code = NULL;
  EmuCode *entry;

  /* no safe place to send the browser back to: an error page */
  if (params == NULL || g_strcmp0 (g_hash_table_lookup (params, "client_key"), self->client_key) != 0)
    {
      reply_text (msg, SOUP_STATUS_BAD_REQUEST, "text/plain; charset=utf-8", g_string_new ("client_key is wrong.\n"));
      return;
    }
  if (!redirect_is_loopback (redirect_uri))
    {
      reply_text (msg, SOUP_STATUS_BAD_REQUEST, "text/plain; charset=utf-8",
                  g_string_new ("redirect_uri must be http://127.0.0.1:PORT/… or http://localhost:PORT/….\n"));
      return;
    }
  if ((problem = check_authorize_params (params)) != NULL)
    {
      redirect_to (msg, redirect_uri, state, "error", "invalid_request", "error_description", problem, NULL);
      return;
    }
  if (self->user_denies)
    {
      redirect_to (msg, redirect_uri, state, "error", "access_denied",
                   "error_description", "The user denied the authorization request.", NULL);
      return;
    }
  code = g_strdup_printf ("emu-code-%u.%08x", ++self->next_token, g_random_int ());
  entry = g_new0 (EmuCode, 1);
  entry->challenge = g_strdup (g_hash_table_lookup (params, "code_challenge"));
  entry->redirect_uri = g_strdup (redirect_uri);
  g_hash_table_insert (self->codes, g_strdup (code), entry);
  redirect_to (msg, redirect_uri, state, "code", code, NULL);
}

/* The fixed test code needs nothing else; a code from the authorize page is used once,
 * with the same redirect_uri and the verifier of its challenge. */
static const char *
check_code_grant (RallyEmulator *self,
                  GHashTable    *form)
{
  const char *code = g_hash_table_lookup (form, "code");
  const char *verifier = g_hash_table_lookup (form, "code_verifier");
  g_autofree char *challenge = NULL;
  EmuCode *entry;
  const char *problem = NULL;

  if (g_strcmp0 (code, AUTH_CODE) == 0)
    return NULL;
  if (code == NULL || (entry = g_hash_table_lookup (self->codes, code)) == NULL)
    return "The authorization code is invalid or expired.";
  challenge = verifier ? s256 (verifier) : NULL;
  if (g_strcmp0 (g_hash_table_lookup (form, "redirect_uri"), entry->redirect_uri) != 0)
    problem = "The redirect_uri does not match the authorization request.";
  else if (challenge == NULL || !g_str_equal (challenge, entry->challenge))
    problem = "Code verifier or code challenge is invalid.";
  g_hash_table_remove (self->codes, code);
  return problem;
}

static void
handle_oauth_token (RallyEmulator     *self,
                    SoupServerMessage *msg)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GHashTable) form = soup_form_decode (text);
  const char *grant = g_hash_table_lookup (form, "grant_type");
  const char *key = g_hash_table_lookup (form, "client_key");
  const char *secret = g_hash_table_lookup (form, "client_secret");

  if (key == NULL || secret == NULL)
    {
      reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_request", "client_key and client_secret are required.");
      return;
    }
  if (g_strcmp0 (key, self->client_key) != 0 || g_strcmp0 (secret, self->client_secret) != 0)
    {
      reply_oauth_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_client", "Client key or secret is wrong.");
      return;
    }

  if (g_strcmp0 (grant, "client_credentials") == 0)
    {
      g_autofree char *token = issue_token (self, "clt.");
      GString *out = g_string_new (NULL);

      g_string_append_printf (out, "{\"access_token\":\"%s\",\"expires_in\":%u,\"token_type\":\"Bearer\"}",
                              token, self->token_lifetime);
      reply_json (msg, SOUP_STATUS_OK, out);
    }
  else if (g_strcmp0 (grant, "authorization_code") == 0)
    {
      const char *problem = check_code_grant (self, form);

      if (problem != NULL)
        reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", problem);
      else
        reply_user_token (self, msg);
    }
  else if (g_strcmp0 (grant, "refresh_token") == 0)
    {
      const char *refresh = g_hash_table_lookup (form, "refresh_token");

      /* refresh tokens rotate: the one used is no longer valid */
      if (refresh == NULL || !g_hash_table_remove (self->refresh_tokens, refresh))
        reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_grant", "The refresh token is invalid or expired.");
      else
        reply_user_token (self, msg);
    }
  else
    reply_oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type", "The grant type is not supported.");
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */

static gboolean
check_quota (RallyEmulator     *self,
             SoupServerMessage *msg)
{
  self->research_requests++;
  if (self->daily_quota > 0 && self->research_requests > self->daily_quota)
    {
      reply_error (msg, STATUS_TOO_MANY_REQUESTS, "daily_quota_limit_exceeded",
                   "The daily quota of requests has been exceeded.");
      return FALSE;
    }
  return TRUE;
}

static void
dispatch (RallyEmulator     *self,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *params)
{
  const char *method = soup_server_message_get_method (msg);
  gboolean post = g_str_equal (method, "POST");

  count_request (self, path);
  g_hash_table_add (self->sockets, g_object_ref (soup_server_message_get_socket (msg)));

  if (g_str_equal (path, "/v2/oauth/token/") && post)
    handle_oauth_token (self, msg);
  else if (g_str_equal (path, "/v2/auth/authorize/") && g_str_equal (method, "GET"))
    handle_authorize (self, msg, params);
  else if (g_str_equal (path, "/v2/research/video/query/") && post && self->redirect != NULL)
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, self->redirect);
    }
  else if (g_str_equal (path, "/v2/research/video/query/") && post)
    {
      if (check_token (self, msg, "clt.") && check_quota (self, msg))
        handle_video_query (self, msg, params);
    }
  else if (g_str_equal (path, "/v2/research/user/info/") && post)
    {
      if (check_token (self, msg, "clt.") && check_quota (self, msg))
        handle_research_user_info (self, msg, params);
    }
  else if (g_str_equal (path, "/v2/user/info/") && g_str_equal (method, "GET"))
    {
      if (check_token (self, msg, "act."))
        handle_display_user_info (self, msg, params);
    }
  else if (g_str_equal (path, "/v2/video/list/") && post)
    {
      if (check_token (self, msg, "act."))
        handle_video_list (self, msg, params);
    }
  else
    reply_error (msg, SOUP_STATUS_NOT_FOUND, "invalid_params", "No such endpoint");
}

typedef struct
{
  RallyEmulator     *emulator;
  SoupServerMessage *msg;
  gboolean           query;   /* a video query */
} Delayed;

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_object_unref (delayed->msg);
  g_free (delayed);
}

static gboolean
unpause_cb (gpointer data)
{
  Delayed *delayed = data;

  g_mutex_lock (&delayed->emulator->mutex);
  delayed->emulator->delayed--;
  if (delayed->query)
    {
      if (!delayed->emulator->query_replied)
        delayed->emulator->first_queries = delayed->emulator->delayed_queries;
      delayed->emulator->query_replied = TRUE;
      delayed->emulator->delayed_queries--;
    }
  g_mutex_unlock (&delayed->emulator->mutex);
  soup_server_message_unpause (delayed->msg);
  return G_SOURCE_REMOVE;
}

/* Compresses the reply set on @msg, as a server or a proxy in front of it may. */
static void
compress_reply (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) plain = soup_message_body_flatten (body);
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (gzip));

  if (!g_output_stream_write_all (out, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), NULL, NULL, NULL) ||
      !g_output_stream_close (out, NULL, NULL))
    g_error ("could not compress a reply");
  soup_message_body_truncate (body);
  soup_message_body_append_bytes (body, g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory)));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Encoding", "gzip");
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  RallyEmulator *self = user_data;
  gboolean is_query = g_str_equal (path, "/v2/research/video/query/");
  guint delay_ms;

  g_mutex_lock (&self->mutex);
  dispatch (self, msg, path, query);
  if (self->gzip && soup_server_message_get_status (msg) != 0)
    compress_reply (msg);
  delay_ms = self->delay_ms;
  if (is_query && self->slow_nth > 0 && self->query_requests == self->slow_nth)
    delay_ms = MAX (delay_ms, self->slow_ms);
  if (delay_ms > 0 && soup_server_message_get_status (msg) != 0)
    {
      self->delayed++;
      self->max_delayed = MAX (self->max_delayed, self->delayed);
      if (is_query)
        self->delayed_queries++;
    }
  g_mutex_unlock (&self->mutex);

  if (delay_ms > 0 && soup_server_message_get_status (msg) != 0)
    {
      GSource *source = g_timeout_source_new (delay_ms);
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->emulator = self;
      delayed->msg = g_object_ref (msg);
      delayed->query = is_query;
      soup_server_message_pause (msg);
      g_source_set_callback (source, unpause_cb, delayed, delayed_free);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

/* ------------------------------------------------------------------ */
/* Thread                                                              */

static void
signal_ready (RallyEmulator *self)
{
  g_mutex_lock (&self->ready_mutex);
  self->ready = TRUE;
  g_cond_signal (&self->ready_cond);
  g_mutex_unlock (&self->ready_mutex);
}

static gpointer
server_thread (gpointer data)
{
  RallyEmulator *self = data;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "rally-emulator ", NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &self->start_error))
    {
      g_clear_object (&self->server);
      g_main_context_pop_thread_default (self->context);
      signal_ready (self);
      return NULL;
    }
  uris = soup_server_get_uris (self->server);
  self->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  signal_ready (self);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

RallyEmulator *
rally_emulator_new (void)
{
  RallyEmulator *self = g_new0 (RallyEmulator, 1);

  g_mutex_init (&self->mutex);
  g_mutex_init (&self->ready_mutex);
  g_cond_init (&self->ready_cond);
  self->videos = g_ptr_array_new_with_free_func (emu_video_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, emu_code_free);
  self->searches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sockets = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->next_search_id = G_GUINT64_CONSTANT (7375600000000000123);
  self->client_key = g_strdup ("rally-test-key");
  self->client_secret = g_strdup ("rally-test-secret");
  self->token_lifetime = 7200;
  self->retry_after = -1;
  self->display_videos = 45;
  return self;
}

gboolean
rally_emulator_start (RallyEmulator  *self,
                      GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("rally-emulator", server_thread, self);

  g_mutex_lock (&self->ready_mutex);
  while (!self->ready)
    g_cond_wait (&self->ready_cond, &self->ready_mutex);
  g_mutex_unlock (&self->ready_mutex);

  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
rally_emulator_free (RallyEmulator *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_cb, self->loop);
      g_thread_join (self->thread);
    }
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->start_error);
  g_ptr_array_unref (self->videos);
  g_hash_table_unref (self->tokens);
  g_hash_table_unref (self->refresh_tokens);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->searches);
  g_hash_table_unref (self->counts);
  g_hash_table_unref (self->sockets);
  g_free (self->client_key);
  g_free (self->redirect);
  g_free (self->display_hashtag);
  g_free (self->client_secret);
  g_free (self->url);
  g_mutex_clear (&self->mutex);
  g_mutex_clear (&self->ready_mutex);
  g_cond_clear (&self->ready_cond);
  g_free (self);
}

const char *
rally_emulator_get_url (RallyEmulator *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}

/**
 * rally_emulator_add_hashtag:
 * @first_time: creation time (Unix seconds, UTC) of the oldest video
 * @last_time: creation time of the newest video
 *
 * Adds @n_videos deterministic videos tagged @hashtag, spread evenly in time.
 */
void
rally_emulator_add_hashtag (RallyEmulator *self,
                            const char    *hashtag,
                            guint          n_videos,
                            gint64         first_time,
                            gint64         last_time)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (hashtag != NULL);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < n_videos; i++)
    g_ptr_array_add (self->videos, make_video (hashtag, self->n_hashtags, i, n_videos, first_time, last_time));
  self->n_hashtags++;
  g_ptr_array_sort (self->videos, compare_desc_id);
  g_mutex_unlock (&self->mutex);
}

void
rally_emulator_set_credentials (RallyEmulator *self,
                                const char    *client_key,
                                const char    *client_secret)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  g_free (self->client_key);
  g_free (self->client_secret);
  self->client_key = g_strdup (client_key);
  self->client_secret = g_strdup (client_secret);
  g_mutex_unlock (&self->mutex);
}

void
rally_emulator_set_token_lifetime (RallyEmulator *self,
                                   guint          seconds)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->token_lifetime = seconds;
  g_mutex_unlock (&self->mutex);
}

/**
 * rally_emulator_add_fault:
 * @nth: the 1-based number of the video query request that fails first
 * @times: how many consecutive video query requests fail
 */
void
rally_emulator_add_fault (RallyEmulator      *self,
                          RallyEmulatorFault  fault,
                          guint               nth,
                          guint               times)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (fault < RALLY_EMULATOR_N_FAULTS);

  g_mutex_lock (&self->mutex);
  self->faults[fault].nth = nth;
  self->faults[fault].times = times;
  g_mutex_unlock (&self->mutex);
}

void
rally_emulator_clear_faults (RallyEmulator *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  memset (self->faults, 0, sizeof self->faults);
  g_mutex_unlock (&self->mutex);
}

void
rally_emulator_set_quirks (RallyEmulator       *self,
                           RallyEmulatorQuirks  quirks)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->quirks = quirks;
  g_mutex_unlock (&self->mutex);
}

/* A negative value sends 429 without a Retry-After header. */
void
rally_emulator_set_retry_after (RallyEmulator *self,
                                int            seconds)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->retry_after = seconds;
  g_mutex_unlock (&self->mutex);
}

/* The most requests whose replies were held back by the delay at the same time:
 * how many a client had in flight at once. */
guint
rally_emulator_get_max_delayed (RallyEmulator *self)
{
  guint max;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  max = self->max_delayed;
  g_mutex_unlock (&self->mutex);
  return max;
}

/* How many video queries were held back by the delay when the first reply to one
 * went out: how many windows a client had in flight from its first request. */
guint
rally_emulator_get_first_delayed_queries (RallyEmulator *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  n = self->first_queries;
  g_mutex_unlock (&self->mutex);
  return n;
}

/**
 * rally_emulator_set_slow_query:
 * @nth: the video query (counted from 1) whose reply is held back
 * @delay_ms: how long, at least
 *
 * Holds back the reply to one video query, as a slow reply on a real network: the
 * queries after it are answered first.
 */
void
rally_emulator_set_slow_query (RallyEmulator *self,
                               guint          nth,
                               guint          delay_ms)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->slow_nth = nth;
  self->slow_ms = delay_ms;
  g_mutex_unlock (&self->mutex);
}

void
rally_emulator_set_delay (RallyEmulator *self,
                          guint          delay_ms)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->delay_ms = delay_ms;
  g_mutex_unlock (&self->mutex);
}

/* Every reply gzip-compressed (with Content-Encoding: gzip), or not. */
void
rally_emulator_set_gzip (RallyEmulator *self,
                         gboolean       gzip)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->gzip = gzip;
  g_mutex_unlock (&self->mutex);
}

/* Research queries answer 302 Found with this Location (NULL: answer them). */
void
rally_emulator_set_redirect (RallyEmulator *self,
                             const char    *location)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  g_free (self->redirect);
  self->redirect = g_strdup (location);
  g_mutex_unlock (&self->mutex);
}

/* 0 means unlimited. Counts research requests since the emulator started. */
void
rally_emulator_set_daily_quota (RallyEmulator *self,
                                guint          requests)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->daily_quota = requests;
  g_mutex_unlock (&self->mutex);
}

void
rally_emulator_set_display_videos (RallyEmulator *self,
                                   guint          n_videos)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->display_videos = n_videos;
  g_mutex_unlock (&self->mutex);
}

/* The emulator's clock (Unix seconds) for the indexing lag; 0 for the real clock. */
void
rally_emulator_set_now (RallyEmulator *self,
                        gint64         now)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->now = now;
  g_mutex_unlock (&self->mutex);
}

/**
 * rally_emulator_set_index_lag:
 * @seconds: how long after posting a video becomes searchable (TikTok: up to 48 hours),
 *   0 to turn the lag off
 *
 * While on, Research counts also grow linearly to their final value over a video's
 * first ten days, as they settle on the real service.
 */
void
rally_emulator_set_index_lag (RallyEmulator *self,
                              guint          seconds)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->index_lag = seconds;
  g_mutex_unlock (&self->mutex);
}

/* Every third own video (Display API) gets "#@hashtag" in its title; %NULL for none. */
void
rally_emulator_set_display_hashtag (RallyEmulator *self,
                                    const char    *hashtag)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  g_free (self->display_hashtag);
  self->display_hashtag = g_strdup (hashtag);
  g_mutex_unlock (&self->mutex);
}

/* When set, faults fire on the Nth Display video list request instead of the Nth
 * Research video query. */
void
rally_emulator_set_faults_on_display (RallyEmulator *self,
                                      gboolean       on_display)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->display_faults = on_display;
  g_mutex_unlock (&self->mutex);
}

guint
rally_emulator_get_request_count (RallyEmulator *self,
                                  const char    *path)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, path));
  g_mutex_unlock (&self->mutex);
  return n;
}

/* The connections requests came on so far, open or not. */
guint
rally_emulator_get_connection_count (RallyEmulator *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  n = g_hash_table_size (self->sockets);
  g_mutex_unlock (&self->mutex);
  return n;
}

/* Videos tagged @hashtag created in [@from_time, @to_time). */
guint
rally_emulator_count_matching (RallyEmulator *self,
                               const char    *hashtag,
                               gint64         from_time,
                               gint64         to_time)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->videos->len; i++)
    {
      const EmuVideo *video = g_ptr_array_index (self->videos, i);

      if (g_ascii_strcasecmp (video->hashtag, hashtag) == 0 &&
          video->create_time >= from_time && video->create_time < to_time)
        n++;
    }
  g_mutex_unlock (&self->mutex);
  return n;
}

/* The id of the @index-th video (in descending id order) tagged @hashtag, or 0. */
gint64
rally_emulator_get_video_id (RallyEmulator *self,
                             const char    *hashtag,
                             guint          index)
{
  gint64 id = 0;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  for (guint i = 0, n = 0; i < self->videos->len; i++)
    {
      const EmuVideo *video = g_ptr_array_index (self->videos, i);

      if (g_ascii_strcasecmp (video->hashtag, hashtag) == 0 && n++ == index)
        {
          id = video->id;
          break;
        }
    }
  g_mutex_unlock (&self->mutex);
  return id;
}

gint64
rally_emulator_get_total_views (RallyEmulator *self,
                                const char    *hashtag)
{
  gint64 total = 0;

  g_return_val_if_fail (self != NULL, 0);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->videos->len; i++)
    {
      const EmuVideo *video = g_ptr_array_index (self->videos, i);

      if (g_ascii_strcasecmp (video->hashtag, hashtag) == 0)
        total += video->views;
    }
  g_mutex_unlock (&self->mutex);
  return total;
}

/* While set, the authorize page answers as if the person declined (error=access_denied). */
void
rally_emulator_set_user_denies (RallyEmulator *self,
                                gboolean       denies)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  self->user_denies = denies;
  g_mutex_unlock (&self->mutex);
}
