/* rally-sync-client-endpoints.c
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

/* The endpoints of RallySyncClient: the Research API's video query and user info,
 * the Display API's login code exchange, user info and video list, the OAuth token
 * and the connection test. Each builds a Request (URL, body, the parser of its
 * reply) and hands it to the transport in rally-sync-client.c, which sends it,
 * retries it and, when a token is missing, asks the token endpoint here. */

#define G_LOG_DOMAIN "RallySyncClient"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "rally-json-text.h"
#include "rally-sync-client-private.h"
#include "rally-wipe.h"

#define RESEARCH_VIDEO_FIELDS "id,create_time,username,region_code,video_description,view_count," \
                              "like_count,comment_count,share_count,favorites_count,hashtag_names"
#define RESEARCH_USER_FIELDS  "display_name,is_verified,follower_count,following_count,likes_count,video_count"
#define DISPLAY_USER_FIELDS   "open_id,username,display_name,is_verified,follower_count,following_count," \
                              "likes_count,video_count"
#define DISPLAY_VIDEO_FIELDS  "id,create_time,title,video_description,share_url,view_count,like_count," \
                              "comment_count,share_count"
#define TOKEN_MARGIN_USEC     (60 * G_USEC_PER_SEC)
#define MAX_TOKEN_SECONDS     (366 * 24 * 3600)
#define MAX_RESEARCH_COUNT    100
#define MAX_DISPLAY_COUNT     20

/* ------------------------------------------------------------------ */
/* Requests                                                            */

static Request *
request_new (AuthKind    auth,
             const char *method,
             char       *url,
             ParseFunc   parse,
             GDestroyNotify free_result)
{
  Request *req = g_new0 (Request, 1);

  req->auth = auth;
  req->method = method;
  req->url = url;
  req->parse = parse;
  req->free_result = free_result;
  req->started = g_get_monotonic_time ();
  return req;
}

static void
request_set_json (Request     *req,
                  JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  gsize len;
  char *text;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);
  req->body = g_bytes_new_take (text, len);
  req->content_type = "application/json";
}

static void
request_set_form (Request    *req,
                  GHashTable *form)
{
  char *text = soup_form_encode_hash (form);
  gsize len = strlen (text);

  req->body = g_bytes_new_take (text, len);
  req->content_type = "application/x-www-form-urlencoded";
}

static char *
build_url (const char *base,
           const char *path,
           const char *fields)
{
  if (fields == NULL)
    return g_strconcat (base, path, NULL);
  return g_strconcat (base, path, "?fields=", fields, NULL);
}

static gpointer
finish_pointer (RallySyncClient  *self,
                GAsyncResult     *result,
                gpointer          source_tag,
                GError          **error)
{
  g_return_val_if_fail (RALLY_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

static void
store_token (RallySyncClient  *self,
             AuthKind          auth,
             RallyTiktokToken *token)
{
  /* without expires_in, use the token for a minute at most; a lifetime past a year
   * is not believed (nor multiplied beyond a gint64) */
  gint64 lifetime = (token->expires_in > 0 ? MIN (token->expires_in, MAX_TOKEN_SECONDS) : 60) * G_USEC_PER_SEC;

  self->token_serial[auth]++;
  if (auth == AUTH_CLIENT)
    {
      g_clear_pointer (&self->client_token, rally_wipe_free);
      self->client_token = g_strdup (token->access_token);
      self->client_token_expiry = g_get_monotonic_time () + MAX (lifetime - TOKEN_MARGIN_USEC, lifetime / 2);
    }
  else
    {
      g_clear_pointer (&self->user_token, rally_wipe_free);
      self->user_token = g_strdup (token->access_token);
      self->user_token_expiry = g_get_real_time () + MAX (lifetime - TOKEN_MARGIN_USEC, lifetime / 2);
      /* refresh tokens rotate: keep the newest */
      if (token->refresh_token != NULL)
        {
          g_clear_pointer (&self->refresh_token, rally_wipe_free);
          self->refresh_token = g_strdup (token->refresh_token);
        }
    }
}

static Request *
token_request (RallySyncClient *self,
               const char      *base_url,
               const char      *grant_type,
               ...)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  Request *req = request_new (AUTH_NONE, SOUP_METHOD_POST, build_url (base_url, "/v2/oauth/token/", NULL),
                              (ParseFunc) rally_tiktok_parse_token, (GDestroyNotify) rally_tiktok_token_free);
  const char *name;
  va_list args;

  g_hash_table_insert (form, (char *) "client_key", self->client_key);
  g_hash_table_insert (form, (char *) "client_secret", self->client_secret);
  g_hash_table_insert (form, (char *) "grant_type", (char *) grant_type);
  va_start (args, grant_type);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        g_hash_table_insert (form, (char *) name, (char *) value);
    }
  va_end (args);
  request_set_form (req, form);
  return req;
}

static void
token_ready_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* the task may be gone once it goes on: keep what comes after */
  g_autoptr(RallySyncClient) self = g_object_ref (RALLY_SYNC_CLIENT (object));
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);
  AuthKind auth = req->auth;
  g_autoptr(RallyTiktokToken) token = NULL;
  GError *error = NULL;

  token = g_task_propagate_pointer (G_TASK (result), &error);
  if (token == NULL)
    _rally_sync_chain_return_error (task, error);
  else
    {
      store_token (self, auth, token);
      _rally_sync_request_send (task);
    }
  _rally_sync_client_token_done (self, auth);
}

void
_rally_sync_client_fetch_token (GTask *task)
{
  g_autoptr(RallySyncClient) self = g_object_ref (g_task_get_source_object (task));
  Request *req = g_task_get_task_data (task);
  AuthKind auth = req->auth;
  Request *treq;

  if (self->client_key == NULL || self->client_secret == NULL)
    {
      _rally_sync_chain_return_new_error (task, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS,
                                          _("No TikTok client key and secret are set"));
      _rally_sync_client_token_done (self, auth);
      return;
    }
  if (req->auth == AUTH_CLIENT)
    treq = token_request (self, self->research_url, "client_credentials", NULL);
  else if (self->refresh_token != NULL)
    treq = token_request (self, self->display_url, "refresh_token", "refresh_token", self->refresh_token, NULL);
  else
    {
      /* a sign-in whose token ran out, with nothing to renew it (the window
       * opens Preferences for either) */
      if (self->user_token != NULL)
        _rally_sync_chain_return_new_error (task, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS,
                                            _("Rally’s TikTok sign-in has expired; sign in again in Preferences"));
      else
        _rally_sync_chain_return_new_error (task, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS,
                                            _("No TikTok account is connected"));
      _rally_sync_client_token_done (self, auth);
      return;
    }
  _rally_sync_request_start (self, treq, _rally_sync_client_fetch_token, g_task_get_cancellable (task),
                             token_ready_cb, task);
}

/* ---- Research: video query ---- */

/* {"operation":…,"field_name":…,"field_values":[…]} */
static void
append_condition (GString            *body,
                  const char         *operation,
                  const char         *field,
                  const char * const *values)
{
  g_string_append_printf (body, "{\"operation\":\"%s\",\"field_name\":\"%s\",\"field_values\":[", operation, field);
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (body, ',');
      rally_json_append_string (body, values[i]);
    }
  g_string_append (body, "]}");
}

static char *
normalize_hashtag (const char *hashtag)
{
  while (*hashtag == '#')
    hashtag++;
  return g_utf8_strdown (hashtag, -1);
}

/* Written out rather than through a JsonBuilder and a JsonGenerator, which took a
 * twentieth of the main thread's time in a sync at 0 ms latency: one body a page. */
static void
build_query_body (Request                *req,
                  const RallyTiktokQuery *query)
{
  g_autofree char *tag = normalize_hashtag (query->hashtag);
  const char *tags[] = { tag, NULL };
  GString *body = g_string_sized_new (320);

  g_string_append (body, "{\"query\":{\"and\":[");
  append_condition (body, "EQ", "hashtag_name", tags);
  if (query->regions != NULL && query->regions[0] != NULL)
    {
      g_string_append_c (body, ',');
      append_condition (body, "IN", "region_code", query->regions);
    }
  g_string_append (body, "]},\"start_date\":");
  rally_json_append_string (body, query->start_date);
  g_string_append (body, ",\"end_date\":");
  rally_json_append_string (body, query->end_date);
  g_string_append_printf (body, ",\"max_count\":%u,\"cursor\":%" G_GINT64_FORMAT, query->max_count, query->cursor);
  if (query->search_id != NULL)
    {
      g_string_append (body, ",\"search_id\":");
      rally_json_append_string (body, query->search_id);
    }
  g_string_append (body, ",\"is_random\":false}");
  req->body = g_string_free_to_bytes (body);
  req->content_type = "application/json";
}

void
rally_sync_client_query_videos_async (RallySyncClient        *self,
                                      const RallyTiktokQuery *query,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  Request *req;

  g_return_if_fail (RALLY_IS_SYNC_CLIENT (self));
  g_return_if_fail (query != NULL && query->hashtag != NULL);
  g_return_if_fail (query->start_date != NULL && query->end_date != NULL);
  g_return_if_fail (query->max_count >= 1 && query->max_count <= MAX_RESEARCH_COUNT);

  req = request_new (AUTH_CLIENT, SOUP_METHOD_POST,
                     build_url (self->research_url, "/v2/research/video/query/", RESEARCH_VIDEO_FIELDS),
                     (ParseFunc) rally_tiktok_parse_video_page, (GDestroyNotify) rally_tiktok_page_free);
  req->research = TRUE;
  if (query->stop_retries != NULL)
    req->stop_retries = g_object_ref (query->stop_retries);
  build_query_body (req, query);
  _rally_sync_request_start (self, req, rally_sync_client_query_videos_async, cancellable, callback, user_data);
}

/* Returns: (transfer full): the page, or %NULL with @error set. */
RallyTiktokPage *
rally_sync_client_query_videos_finish (RallySyncClient  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  return finish_pointer (self, result, rally_sync_client_query_videos_async, error);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * rally_sync_client_query_videos:
 *
 * Blocking version for the command line: runs the async call on a private
 * main context.
 */
RallyTiktokPage *
rally_sync_client_query_videos (RallySyncClient         *self,
                                const RallyTiktokQuery  *query,
                                GCancellable            *cancellable,
                                GError                 **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (RALLY_IS_SYNC_CLIENT (self), NULL);

  g_main_context_push_thread_default (context);
  rally_sync_client_query_videos_async (self, query, cancellable, sync_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  return rally_sync_client_query_videos_finish (self, result, error);
}

/* ---- Research: user info ---- */

void
rally_sync_client_research_user_async (RallySyncClient     *self,
                                       const char          *username,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  Request *req;

  g_return_if_fail (RALLY_IS_SYNC_CLIENT (self));
  g_return_if_fail (username != NULL);

  req = request_new (AUTH_CLIENT, SOUP_METHOD_POST,
                     build_url (self->research_url, "/v2/research/user/info/", RESEARCH_USER_FIELDS),
                     (ParseFunc) rally_tiktok_parse_user_info, (GDestroyNotify) rally_account_free);
  req->research = TRUE;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username[0] == '@' ? username + 1 : username);
  json_builder_end_object (builder);
  request_set_json (req, builder);
  _rally_sync_request_start (self, req, rally_sync_client_research_user_async, cancellable, callback, user_data);
}

RallyAccount *
rally_sync_client_research_user_finish (RallySyncClient  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  return finish_pointer (self, result, rally_sync_client_research_user_async, error);
}

/* ---- Display: login code exchange ---- */

static void
exchange_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  RallySyncClient *self = RALLY_SYNC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(RallyTiktokToken) token = NULL;
  GError *error = NULL;

  token = g_task_propagate_pointer (G_TASK (result), &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  store_token (self, AUTH_USER, token);
  g_task_return_boolean (task, TRUE);
}

/**
 * rally_sync_client_exchange_code_async:
 * @code: the authorization code from the Login Kit redirect
 * @code_verifier: (nullable): the PKCE verifier
 *
 * Exchanges a Login Kit code for a user token (+ refresh token).
 */
void
rally_sync_client_exchange_code_async (RallySyncClient     *self,
                                       const char          *code,
                                       const char          *redirect_uri,
                                       const char          *code_verifier,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RALLY_IS_SYNC_CLIENT (self));
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rally_sync_client_exchange_code_async);
  if (self->client_key == NULL || self->client_secret == NULL)
    {
      g_task_return_new_error (task, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS,
                               _("No TikTok client key and secret are set"));
      g_object_unref (task);
      return;
    }
  _rally_sync_request_start (self,
                             token_request (self, self->display_url, "authorization_code", "code", code,
                                            "redirect_uri", redirect_uri, "code_verifier", code_verifier, NULL),
                             exchange_cb, cancellable, exchange_cb, task);
}

gboolean
rally_sync_client_exchange_code_finish (RallySyncClient  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- Display: user info and video list ---- */

void
rally_sync_client_user_info_async (RallySyncClient     *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Request *req;

  g_return_if_fail (RALLY_IS_SYNC_CLIENT (self));

  req = request_new (AUTH_USER, SOUP_METHOD_GET,
                     build_url (self->display_url, "/v2/user/info/", DISPLAY_USER_FIELDS),
                     (ParseFunc) rally_tiktok_parse_user_info, (GDestroyNotify) rally_account_free);
  _rally_sync_request_start (self, req, rally_sync_client_user_info_async, cancellable, callback, user_data);
}

/**
 * rally_sync_client_user_info_finish:
 *
 * Returns: (transfer full) (nullable): the signed-in account as the Display API
 *   describes it, or %NULL with @error set
 */
RallyAccount *
rally_sync_client_user_info_finish (RallySyncClient  *self,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  return finish_pointer (self, result, rally_sync_client_user_info_async, error);
}

/**
 * rally_sync_client_list_videos_async:
 * @cursor: 0 for the newest videos, else the cursor of the previous page (ms)
 * @max_count: 1…20
 */
void
rally_sync_client_list_videos_async (RallySyncClient     *self,
                                     gint64               cursor,
                                     guint                max_count,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  Request *req;

  g_return_if_fail (RALLY_IS_SYNC_CLIENT (self));
  g_return_if_fail (max_count >= 1 && max_count <= MAX_DISPLAY_COUNT);

  req = request_new (AUTH_USER, SOUP_METHOD_POST,
                     build_url (self->display_url, "/v2/video/list/", DISPLAY_VIDEO_FIELDS),
                     (ParseFunc) rally_tiktok_parse_video_page, (GDestroyNotify) rally_tiktok_page_free);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "max_count");
  json_builder_add_int_value (builder, max_count);
  if (cursor > 0)
    {
      json_builder_set_member_name (builder, "cursor");
      json_builder_add_int_value (builder, cursor);
    }
  json_builder_end_object (builder);
  request_set_json (req, builder);
  _rally_sync_request_start (self, req, rally_sync_client_list_videos_async, cancellable, callback, user_data);
}

RallyTiktokPage *
rally_sync_client_list_videos_finish (RallySyncClient  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return finish_pointer (self, result, rally_sync_client_list_videos_async, error);
}

/* ---- Test connection ---- */

static void
test_connection_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  RallySyncClient *self = RALLY_SYNC_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(RallyTiktokToken) token = NULL;
  GError *error = NULL;

  token = g_task_propagate_pointer (G_TASK (result), &error);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    {
      store_token (self, AUTH_CLIENT, token);
      g_task_return_boolean (task, TRUE);
    }
}

/* Asks the Research API for a client token with the current credentials. */
void
rally_sync_client_test_connection_async (RallySyncClient     *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RALLY_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rally_sync_client_test_connection_async);
  if (self->client_key == NULL || self->client_secret == NULL)
    {
      g_task_return_new_error (task, RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_NO_CREDENTIALS,
                               _("No TikTok client key and secret are set"));
      g_object_unref (task);
      return;
    }
  _rally_sync_request_start (self, token_request (self, self->research_url, "client_credentials", NULL),
                             test_connection_cb, cancellable, test_connection_cb, task);
}

gboolean
rally_sync_client_test_connection_finish (RallySyncClient  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

