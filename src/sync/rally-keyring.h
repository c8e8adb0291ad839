/* rally-keyring.h
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

G_BEGIN_DECLS

/* Secrets the app keeps besides the client secret (rally-credentials.h), under the same
 * keyring schema: the Display API user access token, and clearing a client secret. */

void      rally_keyring_lookup_user_token_async    (GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
char     *rally_keyring_lookup_user_token_finish   (GAsyncResult         *result,
                                                    GError              **error);
void      rally_keyring_store_user_token_async     (const char           *token,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean  rally_keyring_store_user_token_finish    (GAsyncResult         *result,
                                                    GError              **error);
void      rally_keyring_clear_client_secret_async  (const char           *client_key,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean  rally_keyring_clear_client_secret_finish (GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
