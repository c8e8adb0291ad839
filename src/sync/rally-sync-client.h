/* rally-sync-client.h
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

#pragma once

#include <gio/gio.h>

#include "rally-tiktok-json.h"

G_BEGIN_DECLS

#define RALLY_TYPE_SYNC_CLIENT (rally_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (RallySyncClient, rally_sync_client, RALLY, SYNC_CLIENT, GObject)

/* One Research API video query page. Strings are copied when the request starts. */
typedef struct
{
  const char         *hashtag;     /* without '#' */
  const char * const *regions;     /* NULL-terminated ISO codes, or NULL for all */
  const char         *start_date;  /* YYYYMMDD, UTC */
  const char         *end_date;    /* YYYYMMDD, UTC, at most 30 days after start_date */
  guint               max_count;   /* 1…100 */
  gint64              cursor;
  const char         *search_id;   /* NULL on the first page */
  GCancellable       *stop_retries; /* nullable: once cancelled, no attempt starts any more, but
                                     * a reply already asked for is still read and returned */
} RallyTiktokQuery;

RallySyncClient  *rally_sync_client_new                      (const char           *research_url,
                                                              const char           *display_url,
                                                              GError              **error);
gboolean          rally_sync_client_check_url                (const char           *url,
                                                              GError              **error);
void              rally_sync_client_set_credentials          (RallySyncClient      *self,
                                                              const char           *client_key,
                                                              const char           *client_secret);
void              rally_sync_client_set_user_token           (RallySyncClient      *self,
                                                              const char           *access_token,
                                                              gint64                expires_at,
                                                              const char           *refresh_token);
char             *rally_sync_client_dup_refresh_token        (RallySyncClient      *self);
char             *rally_sync_client_dup_user_token           (RallySyncClient      *self,
                                                              gint64               *expires_at);
gboolean          rally_sync_client_dup_rotated_tokens       (RallySyncClient      *self,
                                                              const char           *loaded_refresh,
                                                              char                **access_token,
                                                              char                **refresh_token);
gboolean          rally_sync_client_has_client_credentials   (RallySyncClient      *self);
gboolean          rally_sync_client_has_user_token           (RallySyncClient      *self);
void              rally_sync_client_set_retry_policy         (RallySyncClient      *self,
                                                              guint                 max_attempts,
                                                              guint                 base_delay_ms,
                                                              guint                 max_delay_ms,
                                                              guint                 max_total_ms);
void              rally_sync_client_set_attempt_timeout      (RallySyncClient      *self,
                                                              guint                 timeout_ms);
void              rally_sync_client_set_idle_timeout         (RallySyncClient      *self,
                                                              guint                 timeout_ms);
guint             rally_sync_client_get_research_requests    (RallySyncClient      *self);

void              rally_sync_client_query_videos_async       (RallySyncClient      *self,
                                                              const RallyTiktokQuery *query,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
RallyTiktokPage  *rally_sync_client_query_videos_finish      (RallySyncClient      *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
RallyTiktokPage  *rally_sync_client_query_videos             (RallySyncClient      *self,
                                                              const RallyTiktokQuery *query,
                                                              GCancellable         *cancellable,
                                                              GError              **error);

void              rally_sync_client_research_user_async      (RallySyncClient      *self,
                                                              const char           *username,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
RallyAccount     *rally_sync_client_research_user_finish     (RallySyncClient      *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

void              rally_sync_client_exchange_code_async      (RallySyncClient      *self,
                                                              const char           *code,
                                                              const char           *redirect_uri,
                                                              const char           *code_verifier,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean          rally_sync_client_exchange_code_finish     (RallySyncClient      *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void              rally_sync_client_user_info_async          (RallySyncClient      *self,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
RallyAccount     *rally_sync_client_user_info_finish         (RallySyncClient      *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void              rally_sync_client_list_videos_async        (RallySyncClient      *self,
                                                              gint64                cursor,
                                                              guint                 max_count,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
RallyTiktokPage  *rally_sync_client_list_videos_finish       (RallySyncClient      *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

void              rally_sync_client_test_connection_async    (RallySyncClient      *self,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean          rally_sync_client_test_connection_finish   (RallySyncClient      *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

G_END_DECLS
