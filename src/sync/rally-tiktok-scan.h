/* rally-tiktok-scan.h
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

#include "rally-tiktok-json.h"

G_BEGIN_DECLS

/* Internal to rally-tiktok-json.c (and its tests): the fast path for a page of
 * videos, and json-glib's path that reads every other shape. */

RallyTiktokPage *rally_tiktok_scan_video_page      (guint        http_status,
                                                    const char  *data,
                                                    gsize        length);
RallyTiktokPage *rally_tiktok_read_video_page_tree (guint        http_status,
                                                    const char  *data,
                                                    gsize        length,
                                                    GError     **error);

gboolean         rally_tiktok_text_is_clean        (const char  *text,
                                                    gboolean     keep_newlines);

G_END_DECLS
