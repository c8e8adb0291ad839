/* rally-json-text.h
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

/* The arrays and objects JSON text may nest: json-glib reads them by recursion, as
 * deep as they go, and a reply of 100,000 '[' overflows a thread's stack */
#define RALLY_JSON_MAX_DEPTH 64

char *rally_json_sanitize (const char *data,
                           gsize       length,
                           gsize      *out_length);

int   rally_json_hex4           (const char *p);
void  rally_json_append_string  (GString    *out,
                                 const char *text);

char *rally_text_strip_controls (const char *text,
                                 gboolean    keep_newlines);

G_END_DECLS
