/* rally-sync-client-private.h
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

#include <libsoup/soup.h>

#include "rally-sync-client.h"

G_BEGIN_DECLS

/* Internals shared by the transport (rally-sync-client.c: session, retries, rate
 * limits, redirects, TLS) and the endpoints (rally-sync-client-endpoints.c). */

typedef enum
{
  AUTH_NONE,
  AUTH_CLIENT,
  AUTH_USER,
} AuthKind;

typedef gpointer (*ParseFunc) (guint        http_status,
                               const char  *data,
                               gsize        length,
                               GError     **error);

typedef struct
{
  AuthKind        auth;
  const char     *method;
  char           *url;
  GBytes         *body;
  const char     *content_type;
  ParseFunc       parse;
  GDestroyNotify  free_result;
  gboolean        research;
  guint           attempt;
  gint64          started;
  gboolean        reauthed;
  guint           token_serial;  /* of the token it was sent with */
  SoupMessage    *msg;
  GSource        *timeout_source;
  GSource        *cancel_source;
  GCancellable   *stop_retries;  /* nullable: cancelled, no further attempt */
  GSource        *stop_source;
  GError         *retry_error;   /* the failure it waits to retry after */
  GCancellable   *in_flight;     /* the attempt in flight's: cancelled with the
                                  * request's, or at its deadline */
  gulong          attempt_link;  /* on the request's cancellable */
  GSource        *deadline;
  gboolean        timed_out;
} Request;

struct _RallySyncClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *research_url;
  char        *display_url;

  char        *client_key;
  char        *client_secret;
  char        *client_token;
  gint64       client_token_expiry;   /* monotonic µs */
  char        *user_token;
  gint64       user_token_expiry;     /* real time µs */
  char        *refresh_token;
  guint        token_serial[AUTH_USER + 1];   /* tokens stored so far */
  GPtrArray   *token_waiters[AUTH_USER + 1];  /* requests waiting for the token request in flight */

  guint        max_attempts;
  guint        base_delay_ms;
  guint        max_delay_ms;
  guint        max_total_ms;
  guint        attempt_timeout_ms;
  guint        research_requests;

  GMainContext *context;         /* the thread-default one when made */
  guint        attempts;         /* requests on the wire */
  guint        idle_close_ms;
  gint64       idle_since;       /* monotonic µs, when the last attempt ended */
  GSource     *idle_close;       /* closes the kept-alive connections once unused */
};

/* rally-sync-client.c */
void  _rally_sync_request_start          (RallySyncClient     *self,
                                          Request             *req,
                                          gpointer             source_tag,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
void  _rally_sync_request_send           (GTask               *task);
void  _rally_sync_client_token_done      (RallySyncClient     *self,
                                          AuthKind             auth);
void  _rally_sync_chain_return_error     (GTask               *task,
                                          GError              *error);
void  _rally_sync_chain_return_new_error (GTask               *task,
                                          GQuark               domain,
                                          int                  code,
                                          const char          *format,
                                          ...) G_GNUC_PRINTF (4, 5);

/* rally-sync-client-endpoints.c */
void  _rally_sync_client_fetch_token     (GTask               *task);

G_END_DECLS
