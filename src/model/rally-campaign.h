/* rally-campaign.h
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

#include <glib-object.h>

#include "rally-record.h"
#include "rally-types.h"

G_BEGIN_DECLS

#define RALLY_TYPE_CAMPAIGN (rally_campaign_get_type ())

G_DECLARE_FINAL_TYPE (RallyCampaign, rally_campaign, RALLY, CAMPAIGN, RallyRecord)

RallyCampaign       *rally_campaign_new                (void);
const char          *rally_campaign_get_name           (RallyCampaign *self);
void                 rally_campaign_set_name           (RallyCampaign *self,
                                                        const char    *name);
const char          *rally_campaign_get_cause          (RallyCampaign *self);
void                 rally_campaign_set_cause          (RallyCampaign *self,
                                                        const char    *cause);
const char          *rally_campaign_get_description    (RallyCampaign *self);
void                 rally_campaign_set_description    (RallyCampaign *self,
                                                        const char    *description);
RallyCampaignStatus  rally_campaign_get_status         (RallyCampaign *self);
void                 rally_campaign_set_status         (RallyCampaign       *self,
                                                        RallyCampaignStatus  status);
gint64               rally_campaign_get_start_date     (RallyCampaign *self);
void                 rally_campaign_set_start_date     (RallyCampaign *self,
                                                        gint64         start_date);
gint64               rally_campaign_get_end_date       (RallyCampaign *self);
void                 rally_campaign_set_end_date       (RallyCampaign *self,
                                                        gint64         end_date);
gint64               rally_campaign_get_goal_views     (RallyCampaign *self);
void                 rally_campaign_set_goal_views     (RallyCampaign *self,
                                                        gint64         goal_views);
gint64               rally_campaign_get_goal_videos    (RallyCampaign *self);
void                 rally_campaign_set_goal_videos    (RallyCampaign *self,
                                                        gint64         goal_videos);
gint64               rally_campaign_get_goal_donations (RallyCampaign *self);
void                 rally_campaign_set_goal_donations (RallyCampaign *self,
                                                        gint64         goal_donations);
gint64               rally_campaign_get_budget         (RallyCampaign *self);
void                 rally_campaign_set_budget         (RallyCampaign *self,
                                                        gint64         budget);
const char          *rally_campaign_get_currency       (RallyCampaign *self);
void                 rally_campaign_set_currency       (RallyCampaign *self,
                                                        const char    *currency);
const char          *rally_campaign_get_color          (RallyCampaign *self);
void                 rally_campaign_set_color          (RallyCampaign *self,
                                                        const char    *color);
const char          *rally_campaign_get_notes          (RallyCampaign *self);
void                 rally_campaign_set_notes          (RallyCampaign *self,
                                                        const char    *notes);

/* Most callers want the id: a typed shorthand for rally_record_get_id() */
static inline gint64
rally_campaign_get_id (RallyCampaign *self)
{
  return rally_record_get_id (RALLY_RECORD (self));
}

G_END_DECLS
