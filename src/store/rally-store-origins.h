/* rally-store-origins.h
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

/*
 * Organic and seeded videos. A challenge's partner roster (RallyChallenge:partners)
 * makes its partners' videos seeded (origin partner) and the others organic: when a
 * video comes in (sync, import, restore) and when the roster changes, in the
 * transaction that saves the challenge. An origin set by hand
 * (rally_store_set_video_origin()) sticks until rally_store_reset_video_origin().
 */

/**
 * RallyOriginSplit:
 * @organic: the organic videos (by nobody on the roster, or marked so by hand); its
 *   @day is 0 in rally_store_get_origin_split()
 * @seeded: the videos by partners and briefed creators
 *
 * A challenge's videos and their figures, organic and seeded.
 */
typedef struct
{
  RallyDayTotals organic;
  RallyDayTotals seeded;
} RallyOriginSplit;

gboolean  rally_store_reset_video_origin     (RallyStore       *self,
                                              gint64            id,
                                              GError          **error);
gboolean  rally_store_get_origin_split       (RallyStore       *self,
                                              gint64            challenge_id,
                                              RallyOriginSplit *out);
GArray   *rally_store_query_daily_origin     (RallyStore       *self,
                                              gint64            challenge_id,
                                              gint64            from,
                                              gint64            to);

G_END_DECLS
