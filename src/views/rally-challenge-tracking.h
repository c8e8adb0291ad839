/* rally-challenge-tracking.h
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

#include "rally-figures-reader.h"
#include "rally-model.h"

G_BEGIN_DECLS

/**
 * RallyTrackingFigure:
 *
 * The big numbers a #RallyChallengeTracking shows, in order.
 */
typedef enum
{
  RALLY_TRACKING_FIGURE_VIDEOS,
  RALLY_TRACKING_FIGURE_VIEWS,
  RALLY_TRACKING_FIGURE_LIKES,
  RALLY_TRACKING_FIGURE_COMMENTS,
  RALLY_TRACKING_FIGURE_SHARES,
  RALLY_TRACKING_FIGURE_CREATORS,
  RALLY_TRACKING_FIGURE_ENGAGEMENT,
  RALLY_TRACKING_FIGURE_MEDIAN_ENGAGEMENT,
  RALLY_TRACKING_FIGURE_DONATIONS,
  RALLY_TRACKING_FIGURE_ORGANIC,
  RALLY_TRACKING_FIGURE_SEEDED,
  RALLY_TRACKING_N_FIGURES,
} RallyTrackingFigure;

#define RALLY_TYPE_CHALLENGE_TRACKING (rally_challenge_tracking_get_type ())

G_DECLARE_FINAL_TYPE (RallyChallengeTracking, rally_challenge_tracking, RALLY, CHALLENGE_TRACKING, AdwBin)

GtkWidget      *rally_challenge_tracking_new             (void);
RallyStore     *rally_challenge_tracking_get_store       (RallyChallengeTracking *self);
void            rally_challenge_tracking_set_store       (RallyChallengeTracking *self,
                                                          RallyStore             *store);
void            rally_challenge_tracking_set_reader      (RallyChallengeTracking *self,
                                                          RallyFiguresReader     *reader);
RallyChallenge *rally_challenge_tracking_get_challenge   (RallyChallengeTracking *self);
void            rally_challenge_tracking_set_challenge   (RallyChallengeTracking *self,
                                                          RallyChallenge         *challenge);
const char     *rally_challenge_tracking_get_figure_text (RallyChallengeTracking *self,
                                                          RallyTrackingFigure     figure);
GtkColumnView  *rally_challenge_tracking_get_video_view  (RallyChallengeTracking *self);
gboolean        rally_challenge_tracking_is_loading      (RallyChallengeTracking *self);

G_END_DECLS
