/* rally-post-editor.h
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

#include <adwaita.h>

#include "rally-store.h"

G_BEGIN_DECLS

#define RALLY_TYPE_POST_EDITOR (rally_post_editor_get_type ())

G_DECLARE_FINAL_TYPE (RallyPostEditor, rally_post_editor, RALLY, POST_EDITOR, AdwWindow)

const char * const *rally_post_channels          (void);

RallyPostEditor    *rally_post_editor_new        (RallyStore       *store,
                                                  RallyPlannedPost *post,
                                                  gint64            day,
                                                  gint64            campaign_id);
RallyPlannedPost   *rally_post_editor_get_post   (RallyPostEditor  *self);
void                rally_post_editor_set_day    (RallyPostEditor  *self,
                                                  gint64            day);
gboolean            rally_post_editor_is_valid   (RallyPostEditor  *self);

G_END_DECLS
