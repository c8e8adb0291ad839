/* rally-credentials-private.h
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

/* libsecret's answers as a GTask's (the task is the user data): shared by the TikTok
 * credentials (rally-credentials.c) and the team server's (rally-team-credentials.c). */

/* returns the secret as a pointer (g_free), or NULL when none is stored */
void _rally_credentials_lookup_cb  (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data);
/* returns TRUE once stored */
void _rally_credentials_store_cb   (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data);
/* returns TRUE once removed, or when there was nothing to remove */
void _rally_credentials_cleared_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data);

G_END_DECLS
