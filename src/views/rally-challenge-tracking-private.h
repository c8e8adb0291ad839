/* rally-challenge-tracking-private.h
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

#include "rally-challenge-tracking.h"

G_BEGIN_DECLS

/* rally-challenge-tracking-goals.c */
void _rally_challenge_tracking_show_goals (GtkBox                      *goals_box,
                                           RallyChallenge              *challenge,
                                           const RallyChallengeFigures *figures);

/* rally-challenge-tracking-origin.c */
void          _rally_challenge_tracking_read_split_async (RallyFiguresReader     *reader,
                                                          gint64                  challenge_id,
                                                          GCancellable           *cancellable,
                                                          GAsyncReadyCallback     callback,
                                                          gpointer                user_data);
const char   *_rally_challenge_tracking_origin_text      (RallyVideo             *video);
GMenuModel   *_rally_challenge_tracking_origin_menu      (RallyVideo             *video);
GActionGroup *_rally_challenge_tracking_origin_actions   (RallyChallengeTracking *self);

G_END_DECLS
