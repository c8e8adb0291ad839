/* rally-video-list.h
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

#include "rally-model.h"
#include "rally-figures-reader.h"
#include "rally-store-analytics.h"

G_BEGIN_DECLS

#define RALLY_TYPE_VIDEO_LIST (rally_video_list_get_type ())

G_DECLARE_FINAL_TYPE (RallyVideoList, rally_video_list, RALLY, VIDEO_LIST, GObject)

RallyVideoList *rally_video_list_new        (RallyFiguresReader *reader);
void            rally_video_list_set_query  (RallyVideoList   *self,
                                             gint64            challenge_id,
                                             RallyVideoColumn  column,
                                             gboolean          descending);
void            rally_video_list_set_shown  (RallyVideoList   *self,
                                             RallyVideoShown   shown);
gboolean        rally_video_list_is_loading (RallyVideoList   *self);
guint           rally_video_list_get_n_read (RallyVideoList   *self);

G_END_DECLS
