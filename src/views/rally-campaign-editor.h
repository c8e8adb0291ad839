/* rally-campaign-editor.h
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

#define RALLY_TYPE_CAMPAIGN_EDITOR (rally_campaign_editor_get_type ())

G_DECLARE_FINAL_TYPE (RallyCampaignEditor, rally_campaign_editor, RALLY, CAMPAIGN_EDITOR, AdwWindow)

RallyCampaignEditor *rally_campaign_editor_new          (RallyStore          *store,
                                                         RallyCampaign       *campaign);
gboolean             rally_campaign_editor_is_valid     (RallyCampaignEditor *self);
const char          *rally_campaign_editor_get_error    (RallyCampaignEditor *self);
RallyCampaign       *rally_campaign_editor_get_campaign (RallyCampaignEditor *self);
void                 rally_campaign_editor_set_dates    (RallyCampaignEditor *self,
                                                         gint64               start_day,
                                                         gint64               end_day);
void                 rally_campaign_editor_set_color    (RallyCampaignEditor *self,
                                                         const char          *color);

G_END_DECLS
