/* rally-http-request.h
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

/* Limits of a request to the sign-in listener: TikTok's redirect is one GET with a
 * query of a few hundred bytes (an error description may be longer); no body. */
#define RALLY_HTTP_MAX_REQUEST_LINE 8192
#define RALLY_HTTP_MAX_HEADERS      8192
#define RALLY_HTTP_MAX_BODY         1024
/* The most bytes a request may take before it is answered. */
#define RALLY_HTTP_MAX_REQUEST      (RALLY_HTTP_MAX_REQUEST_LINE + RALLY_HTTP_MAX_HEADERS + 4)

typedef struct
{
  char       *method;
  char       *path;   /* percent-decoded */
  GHashTable *query;  /* decoded name → value (form encoding); NULL without a query */
} RallyHttpRequest;

guint rally_http_request_parse (const char        *data,
                                gsize              length,
                                RallyHttpRequest **request);
void  rally_http_request_free  (RallyHttpRequest  *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyHttpRequest, rally_http_request_free)

G_END_DECLS
