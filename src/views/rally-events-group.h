/* rally-events-group.h
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

#include "rally-model.h"
#include "rally-store.h"

G_BEGIN_DECLS

#define RALLY_TYPE_EVENTS_GROUP (rally_events_group_get_type ())

G_DECLARE_FINAL_TYPE (RallyEventsGroup, rally_events_group, RALLY, EVENTS_GROUP, AdwBin)

GtkWidget  *rally_events_group_new          (void);
void        rally_events_group_set_store    (RallyEventsGroup *self,
                                             RallyStore       *store);
void        rally_events_group_set_owner    (RallyEventsGroup *self,
                                             gint64            challenge_id,
                                             gint64            campaign_id,
                                             gint64            default_day);
GListModel *rally_events_group_get_events   (RallyEventsGroup *self);
GtkWindow  *rally_events_group_add_event    (RallyEventsGroup *self);
GtkWindow  *rally_events_group_edit_event   (RallyEventsGroup *self,
                                             gint64            id);
gboolean    rally_events_group_delete_event (RallyEventsGroup *self,
                                             gint64            id);

G_END_DECLS
