/* rally-challenge-preview.h
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

#include "rally-brief.h"

G_BEGIN_DECLS

#define RALLY_TYPE_CHALLENGE_PREVIEW (rally_challenge_preview_get_type ())

G_DECLARE_FINAL_TYPE (RallyChallengePreview, rally_challenge_preview, RALLY, CHALLENGE_PREVIEW, AdwBin)

GtkWidget  *rally_challenge_preview_new          (void);
void        rally_challenge_preview_set_brief    (RallyChallengePreview *self,
                                                  const RallyBrief      *brief);
const char *rally_challenge_preview_get_hashtag_text (RallyChallengePreview *self);
const char *rally_challenge_preview_get_pledge_text  (RallyChallengePreview *self);

G_END_DECLS
