/* rally-test-workspace.h
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

#include "rally-store.h"

G_BEGIN_DECLS

void  rally_test_fill_workspace (RallyStore *store,
                                 guint       n_videos);
char *rally_test_dump_store     (RallyStore *store);
RallyVideo *rally_test_make_video (gint64      tiktok_id,
                                   const char *creator,
                                   gint64      posted_at,
                                   gint64      views);

G_END_DECLS
