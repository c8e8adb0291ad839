/* rally-sync-error.h
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

#include <glib.h>

G_BEGIN_DECLS

#define RALLY_SYNC_ERROR (rally_sync_error_quark ())

/* Cancellation is reported as G_IO_ERROR_CANCELLED, never with this domain. */
typedef enum
{
  RALLY_SYNC_ERROR_MALFORMED,          /* a reply that is not the expected JSON */
  RALLY_SYNC_ERROR_UNAUTHORIZED,       /* credentials or scopes rejected */
  RALLY_SYNC_ERROR_TOKEN_EXPIRED,      /* access_token_invalid */
  RALLY_SYNC_ERROR_RATE_LIMITED,       /* 429 rate_limit_exceeded */
  RALLY_SYNC_ERROR_QUOTA_EXCEEDED,     /* the daily request or record quota is spent */
  RALLY_SYNC_ERROR_SEARCH_ID_EXPIRED,  /* "Search Id … is invalid or expired" */
  RALLY_SYNC_ERROR_INVALID_CURSOR,     /* "Invalid count or cursor" */
  RALLY_SYNC_ERROR_INVALID_PARAMS,     /* any other invalid_params */
  RALLY_SYNC_ERROR_SERVER,             /* 5xx, gateway pages */
  RALLY_SYNC_ERROR_NETWORK,            /* connection refused, cut, timeout */
  RALLY_SYNC_ERROR_INSECURE_URL,       /* http:// to a host other than loopback */
  RALLY_SYNC_ERROR_NO_CREDENTIALS,     /* no client key/secret or user token */
  RALLY_SYNC_ERROR_SIGN_IN_DECLINED,   /* the person declined in the browser (access_denied) */
  RALLY_SYNC_ERROR_SIGN_IN_FAILED,     /* a forged or unusable sign-in redirect */
  RALLY_SYNC_ERROR_NOT_CONNECTED,      /* nothing set up yet: no secret and no sign-in */
  RALLY_SYNC_ERROR_TLS,                /* the server's certificate is not trusted: never retried */
} RallySyncError;

GQuark rally_sync_error_quark (void);

G_END_DECLS
