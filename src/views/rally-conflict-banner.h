/* rally-conflict-banner.h
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

/**
 * RallyRecordState:
 * @RALLY_RECORD_UNCHANGED: as it was when the editor opened
 * @RALLY_RECORD_CHANGED: saved since by something else (another window or program,
 *   a restored backup)
 * @RALLY_RECORD_DELETED: deleted since, or gone with a replaced workspace
 */
typedef enum
{
  RALLY_RECORD_UNCHANGED,
  RALLY_RECORD_CHANGED,
  RALLY_RECORD_DELETED,
} RallyRecordState;

#define RALLY_TYPE_CONFLICT_BANNER (rally_conflict_banner_get_type ())

G_DECLARE_FINAL_TYPE (RallyConflictBanner, rally_conflict_banner, RALLY, CONFLICT_BANNER, AdwBin)

void              rally_conflict_banner_watch     (RallyConflictBanner *self,
                                                   RallyStore          *store,
                                                   GObject             *record,
                                                   const char          *changed_text,
                                                   const char          *deleted_text);
RallyRecordState  rally_conflict_banner_get_state (RallyConflictBanner *self);
const char       *rally_conflict_banner_get_text  (RallyConflictBanner *self);

G_END_DECLS
