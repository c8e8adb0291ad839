/* rally-credentials.h
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
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* TikTok secrets live in the desktop keyring (libsecret), never in a file or a log.
 * The client key is not secret (a GSettings key); the client secret is stored under
 * the schema io.github.rallyapp.Rally.Credentials with attributes kind=client-secret
 * and client-key=KEY. RALLY_CLIENT_KEY / RALLY_CLIENT_SECRET in the environment take
 * precedence (scripts, CI). */

#define RALLY_CREDENTIALS_SCHEMA_NAME "io.github.rallyapp.Rally.Credentials"

const SecretSchema *rally_credentials_get_schema          (void);

char               *rally_credentials_lookup_secret_sync  (const char           *client_key,
                                                           GCancellable         *cancellable,
                                                           GError              **error);
gboolean            rally_credentials_store_secret_sync   (const char           *client_key,
                                                           const char           *client_secret,
                                                           GCancellable         *cancellable,
                                                           GError              **error);
void                rally_credentials_lookup_secret_async (const char           *client_key,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
char               *rally_credentials_lookup_secret_finish (GAsyncResult        *result,
                                                            GError             **error);
void                rally_credentials_store_secret_async  (const char           *client_key,
                                                           const char           *client_secret,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean            rally_credentials_store_secret_finish (GAsyncResult         *result,
                                                           GError              **error);

const char         *rally_credentials_get_builtin_key    (void);
const char         *rally_credentials_get_builtin_secret (const char           *client_key);
char               *rally_credentials_resolve_key        (const char           *settings_key);

gboolean            rally_credentials_get_client          (const char           *settings_key,
                                                           char                **client_key,
                                                           char                **client_secret,
                                                           GCancellable         *cancellable,
                                                           GError              **error);


void      rally_credentials_lookup_user_token_async    (GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
char     *rally_credentials_lookup_user_token_finish   (GAsyncResult         *result,
                                                    GError              **error);
void      rally_credentials_store_user_token_async     (const char           *token,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean  rally_credentials_store_user_token_finish    (GAsyncResult         *result,
                                                    GError              **error);
void      rally_credentials_clear_client_secret_async  (const char           *client_key,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean  rally_credentials_clear_client_secret_finish (GAsyncResult         *result,
                                                    GError              **error);

void      rally_credentials_lookup_refresh_token_async  (GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
char     *rally_credentials_lookup_refresh_token_finish (GAsyncResult         *result,
                                                         GError              **error);
void      rally_credentials_store_refresh_token_async   (const char           *token,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean  rally_credentials_store_refresh_token_finish  (GAsyncResult         *result,
                                                         GError              **error);

void      rally_credentials_sign_out_async           (GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean  rally_credentials_sign_out_finish          (GAsyncResult         *result,
                                                      GError              **error);

gboolean  rally_credentials_get_user_tokens          (char                **access_token,
                                                      char                **refresh_token,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
gboolean  rally_credentials_save_user_tokens         (const char           *access_token,
                                                      const char           *refresh_token,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
void      rally_credentials_get_user_tokens_async    (GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean  rally_credentials_get_user_tokens_finish   (GAsyncResult         *result,
                                                      char                **access_token,
                                                      char                **refresh_token,
                                                      GError              **error);

G_END_DECLS
