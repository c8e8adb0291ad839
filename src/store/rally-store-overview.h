/* rally-store-overview.h
 *
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

#include "rally-overview.h"
#include "rally-store.h"

G_BEGIN_DECLS

/**
 * RallyDayCount:
 * @day: UTC midnight, unix seconds
 * @count: how many things that day
 */
typedef struct
{
  gint64 day;
  gint64 count;
} RallyDayCount;

GArray *rally_store_query_daily_new_creators (RallyStore  *self);
GArray *rally_store_query_overview_days      (RallyStore  *self,
                                              char       **currency,
                                              guint       *n_other_currencies);

G_END_DECLS
