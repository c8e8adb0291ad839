/* rally-campaign.c
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

/* An awareness campaign: the umbrella for challenges and planned posts. */

#define G_LOG_DOMAIN "RallyCampaign"

#include "config.h"

#include "rally-enums.h"
#include "rally-record-private.h"
#include "rally-campaign.h"

struct _RallyCampaign
{
  RallyRecord parent_instance;

  char                 *name;
  char                 *cause;
  char                 *description;
  RallyCampaignStatus   status;
  gint64                start_date;
  gint64                end_date;
  gint64                goal_views;
  gint64                goal_videos;
  gint64                goal_donations;
  gint64                budget;
  char                 *currency;
  char                 *color;
  char                 *notes;
};

G_DEFINE_FINAL_TYPE (RallyCampaign, rally_campaign, RALLY_TYPE_RECORD)

enum {
  PROP_0,
  PROP_NAME,
  PROP_CAUSE,
  PROP_DESCRIPTION,
  PROP_STATUS,
  PROP_START_DATE,
  PROP_END_DATE,
  PROP_GOAL_VIEWS,
  PROP_GOAL_VIDEOS,
  PROP_GOAL_DONATIONS,
  PROP_BUDGET,
  PROP_CURRENCY,
  PROP_COLOR,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Where each property is stored: RallyRecord gets, sets and frees the fields */
static const gsize offsets [N_PROPS] = {
  [PROP_NAME]           = G_STRUCT_OFFSET (RallyCampaign, name),
  [PROP_CAUSE]          = G_STRUCT_OFFSET (RallyCampaign, cause),
  [PROP_DESCRIPTION]    = G_STRUCT_OFFSET (RallyCampaign, description),
  [PROP_STATUS]         = G_STRUCT_OFFSET (RallyCampaign, status),
  [PROP_START_DATE]     = G_STRUCT_OFFSET (RallyCampaign, start_date),
  [PROP_END_DATE]       = G_STRUCT_OFFSET (RallyCampaign, end_date),
  [PROP_GOAL_VIEWS]     = G_STRUCT_OFFSET (RallyCampaign, goal_views),
  [PROP_GOAL_VIDEOS]    = G_STRUCT_OFFSET (RallyCampaign, goal_videos),
  [PROP_GOAL_DONATIONS] = G_STRUCT_OFFSET (RallyCampaign, goal_donations),
  [PROP_BUDGET]         = G_STRUCT_OFFSET (RallyCampaign, budget),
  [PROP_CURRENCY]       = G_STRUCT_OFFSET (RallyCampaign, currency),
  [PROP_COLOR]          = G_STRUCT_OFFSET (RallyCampaign, color),
  [PROP_NOTES]          = G_STRUCT_OFFSET (RallyCampaign, notes),
};

static void
rally_campaign_class_init (RallyCampaignClass *klass)
{
  /* The campaign name (required) */
  properties [PROP_NAME] = _rally_record_string_param ("name", "");

  /* The cause the campaign serves */
  properties [PROP_CAUSE] = _rally_record_string_param ("cause", "");

  /* What the campaign is about */
  properties [PROP_DESCRIPTION] = _rally_record_string_param ("description", "");

  /* Planned, active, completed or archived */
  properties [PROP_STATUS] =
    _rally_record_enum_param ("status", RALLY_TYPE_CAMPAIGN_STATUS, RALLY_CAMPAIGN_STATUS_PLANNED);

  /* First day, UTC midnight as unix seconds, 0 when unset */
  properties [PROP_START_DATE] = _rally_record_int64_param ("start-date");

  /* Last day (inclusive), UTC midnight as unix seconds, 0 when unset */
  properties [PROP_END_DATE] = _rally_record_int64_param ("end-date");

  /* Views to reach, 0 when there is no goal */
  properties [PROP_GOAL_VIEWS] = _rally_record_int64_param ("goal-views");

  /* Videos to reach, 0 when there is no goal */
  properties [PROP_GOAL_VIDEOS] = _rally_record_int64_param ("goal-videos");

  /* Donations to raise in minor units of currency, 0 when there is no goal */
  properties [PROP_GOAL_DONATIONS] = _rally_record_int64_param ("goal-donations");

  /* Budget in minor units of currency */
  properties [PROP_BUDGET] = _rally_record_int64_param ("budget");

  /* ISO 4217 code of the goal and budget amounts */
  properties [PROP_CURRENCY] = _rally_record_string_param ("currency", "USD");

  /* The colour used in every chart, as #rrggbb */
  properties [PROP_COLOR] = _rally_record_string_param ("color", "#3584e4");

  /* Free notes */
  properties [PROP_NOTES] = _rally_record_string_param ("notes", "");

  _rally_record_class_install_fields (RALLY_RECORD_CLASS (klass), N_PROPS, properties, offsets);
}

static void
rally_campaign_init (RallyCampaign *self)
{
  _rally_record_init_fields (self);
}

RallyCampaign *
rally_campaign_new (void)
{
  return g_object_new (RALLY_TYPE_CAMPAIGN, NULL);
}

const char *
rally_campaign_get_name (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), NULL);

  return self->name;
}

void
rally_campaign_set_name (RallyCampaign *self,
                         const char    *name)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_string (self, &self->name, name, properties [PROP_NAME]);
}

const char *
rally_campaign_get_cause (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), NULL);

  return self->cause;
}

void
rally_campaign_set_cause (RallyCampaign *self,
                          const char    *cause)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_string (self, &self->cause, cause, properties [PROP_CAUSE]);
}

const char *
rally_campaign_get_description (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), NULL);

  return self->description;
}

void
rally_campaign_set_description (RallyCampaign *self,
                                const char    *description)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_string (self, &self->description, description, properties [PROP_DESCRIPTION]);
}

RallyCampaignStatus
rally_campaign_get_status (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), 0);

  return self->status;
}

void
rally_campaign_set_status (RallyCampaign       *self,
                           RallyCampaignStatus  status)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_enum (self, &self->status, status, properties [PROP_STATUS]);
}

gint64
rally_campaign_get_start_date (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), 0);

  return self->start_date;
}

void
rally_campaign_set_start_date (RallyCampaign *self,
                               gint64         start_date)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_int64 (self, &self->start_date, start_date, properties [PROP_START_DATE]);
}

gint64
rally_campaign_get_end_date (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), 0);

  return self->end_date;
}

void
rally_campaign_set_end_date (RallyCampaign *self,
                             gint64         end_date)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_int64 (self, &self->end_date, end_date, properties [PROP_END_DATE]);
}

gint64
rally_campaign_get_goal_views (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), 0);

  return self->goal_views;
}

void
rally_campaign_set_goal_views (RallyCampaign *self,
                               gint64         goal_views)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_int64 (self, &self->goal_views, goal_views, properties [PROP_GOAL_VIEWS]);
}

gint64
rally_campaign_get_goal_videos (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), 0);

  return self->goal_videos;
}

void
rally_campaign_set_goal_videos (RallyCampaign *self,
                                gint64         goal_videos)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_int64 (self, &self->goal_videos, goal_videos, properties [PROP_GOAL_VIDEOS]);
}

gint64
rally_campaign_get_goal_donations (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), 0);

  return self->goal_donations;
}

void
rally_campaign_set_goal_donations (RallyCampaign *self,
                                   gint64         goal_donations)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_int64 (self, &self->goal_donations, goal_donations,
                           properties [PROP_GOAL_DONATIONS]);
}

gint64
rally_campaign_get_budget (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), 0);

  return self->budget;
}

void
rally_campaign_set_budget (RallyCampaign *self,
                           gint64         budget)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_int64 (self, &self->budget, budget, properties [PROP_BUDGET]);
}

const char *
rally_campaign_get_currency (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), NULL);

  return self->currency;
}

void
rally_campaign_set_currency (RallyCampaign *self,
                             const char    *currency)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_string (self, &self->currency, currency, properties [PROP_CURRENCY]);
}

const char *
rally_campaign_get_color (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), NULL);

  return self->color;
}

void
rally_campaign_set_color (RallyCampaign *self,
                          const char    *color)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_string (self, &self->color, color, properties [PROP_COLOR]);
}

const char *
rally_campaign_get_notes (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), NULL);

  return self->notes;
}

void
rally_campaign_set_notes (RallyCampaign *self,
                          const char    *notes)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  _rally_record_set_string (self, &self->notes, notes, properties [PROP_NOTES]);
}
