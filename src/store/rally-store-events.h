/* rally-store-events.h
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
 * Events on the timeline of a challenge or a campaign (RallyEvent). Saving validates
 * the event (RALLY_MODEL_ERROR…) and checks its challenge or campaign exists and is
 * not deleted (RALLY_STORE_ERROR_NOT_FOUND). Deleting is for good; an event goes with
 * its challenge or campaign when that is purged. Each commit emits RallyStore::changed
 * with the detail "events".
 */

gboolean    rally_store_save_event           (RallyStore  *self,
                                              RallyEvent  *event,
                                              GError     **error);
gboolean    rally_store_delete_event         (RallyStore  *self,
                                              gint64       id,
                                              GError     **error);
RallyEvent *rally_store_get_event            (RallyStore  *self,
                                              gint64       id);
GListModel *rally_store_list_challenge_events (RallyStore *self,
                                               gint64      challenge_id);
GListModel *rally_store_list_campaign_events (RallyStore  *self,
                                              gint64       campaign_id);

G_END_DECLS
