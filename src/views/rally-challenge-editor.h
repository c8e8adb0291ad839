/* rally-challenge-editor.h
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

#define RALLY_TYPE_CHALLENGE_EDITOR (rally_challenge_editor_get_type ())

G_DECLARE_FINAL_TYPE (RallyChallengeEditor, rally_challenge_editor, RALLY, CHALLENGE_EDITOR, AdwWindow)

RallyChallengeEditor *rally_challenge_editor_new           (RallyStore           *store,
                                                            RallyChallenge       *challenge,
                                                            gint64                campaign_id);
RallyChallenge       *rally_challenge_editor_get_challenge (RallyChallengeEditor *self);
gboolean              rally_challenge_editor_get_can_save  (RallyChallengeEditor *self);

G_END_DECLS
