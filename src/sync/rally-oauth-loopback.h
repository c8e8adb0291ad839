/* rally-oauth-loopback.h
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

#include "rally-sync-client.h"

G_BEGIN_DECLS

/* Signing in to TikTok from a desktop app (Login Kit, OAuth 2.0 authorization code with
 * PKCE S256, RFC 7636) through a loopback redirect (RFC 8252 §7.3): a one-shot HTTP server
 * on 127.0.0.1 and a free port receives the browser's redirect, the code is exchanged with
 * @client (rally_sync_client_exchange_code_async), and the client then holds the user
 * token and its refresh token. */

#define RALLY_OAUTH_DEFAULT_AUTH_URL "https://www.tiktok.com/v2/auth/authorize/"
#define RALLY_OAUTH_SCOPES           "user.info.basic,user.info.profile,user.info.stats,video.list"
#define RALLY_OAUTH_DEFAULT_TIMEOUT  600  /* seconds */

#define RALLY_TYPE_OAUTH_LOOPBACK (rally_oauth_loopback_get_type ())

G_DECLARE_FINAL_TYPE (RallyOAuthLoopback, rally_oauth_loopback, RALLY, OAUTH_LOOPBACK, GObject)

RallyOAuthLoopback *rally_oauth_loopback_new                 (RallySyncClient     *client,
                                                              const char          *auth_url,
                                                              const char          *client_key,
                                                              GError             **error);
void                rally_oauth_loopback_set_timeout         (RallyOAuthLoopback  *self,
                                                              guint                seconds);
const char         *rally_oauth_loopback_get_authorize_url   (RallyOAuthLoopback  *self);
const char         *rally_oauth_loopback_get_redirect_uri    (RallyOAuthLoopback  *self);
guint16             rally_oauth_loopback_get_port            (RallyOAuthLoopback  *self);

void                rally_oauth_loopback_sign_in_async       (RallyOAuthLoopback  *self,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean            rally_oauth_loopback_sign_in_finish      (RallyOAuthLoopback  *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

/* PKCE pieces, public for tests */
char               *rally_oauth_random_string                (gsize                n_bytes,
                                                              GError             **error);
char               *rally_oauth_s256_challenge               (const char          *verifier);

G_END_DECLS
