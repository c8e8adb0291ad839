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
#include "rally-record.h"
#include "rally-campaign.h"

struct _RallyCampaign
{
  GObject parent_instance;

  gint64                id;
  gint64                created_at;
  gint64                updated_at;
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

G_DEFINE_FINAL_TYPE (RallyCampaign, rally_campaign, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
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

static void
rally_campaign_finalize (GObject *object)
{
  RallyCampaign *self = RALLY_CAMPAIGN (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->cause, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (rally_campaign_parent_class)->finalize (object);
}

static void
rally_campaign_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RallyCampaign *self = RALLY_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CAUSE:
      g_value_set_string (value, self->cause);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_START_DATE:
      g_value_set_int64 (value, self->start_date);
      break;

    case PROP_END_DATE:
      g_value_set_int64 (value, self->end_date);
      break;

    case PROP_GOAL_VIEWS:
      g_value_set_int64 (value, self->goal_views);
      break;

    case PROP_GOAL_VIDEOS:
      g_value_set_int64 (value, self->goal_videos);
      break;

    case PROP_GOAL_DONATIONS:
      g_value_set_int64 (value, self->goal_donations);
      break;

    case PROP_BUDGET:
      g_value_set_int64 (value, self->budget);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_campaign_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RallyCampaign *self = RALLY_CAMPAIGN (object);

  switch (prop_id)
    {
    case PROP_ID:
      rally_campaign_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      rally_campaign_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rally_campaign_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      rally_campaign_set_name (self, g_value_get_string (value));
      break;

    case PROP_CAUSE:
      rally_campaign_set_cause (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      rally_campaign_set_description (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      rally_campaign_set_status (self, g_value_get_enum (value));
      break;

    case PROP_START_DATE:
      rally_campaign_set_start_date (self, g_value_get_int64 (value));
      break;

    case PROP_END_DATE:
      rally_campaign_set_end_date (self, g_value_get_int64 (value));
      break;

    case PROP_GOAL_VIEWS:
      rally_campaign_set_goal_views (self, g_value_get_int64 (value));
      break;

    case PROP_GOAL_VIDEOS:
      rally_campaign_set_goal_videos (self, g_value_get_int64 (value));
      break;

    case PROP_GOAL_DONATIONS:
      rally_campaign_set_goal_donations (self, g_value_get_int64 (value));
      break;

    case PROP_BUDGET:
      rally_campaign_set_budget (self, g_value_get_int64 (value));
      break;

    case PROP_CURRENCY:
      rally_campaign_set_currency (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      rally_campaign_set_color (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      rally_campaign_set_notes (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_campaign_class_init (RallyCampaignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rally_campaign_finalize;
  object_class->get_property = rally_campaign_get_property;
  object_class->set_property = rally_campaign_set_property;

  /* The row id in the store, 0 until the record is stored */
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* When the record was first stored, UTC unix seconds */
  properties [PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* When the record was last stored, UTC unix seconds */
  properties [PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The campaign name (required) */
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The cause the campaign serves */
  properties [PROP_CAUSE] =
    g_param_spec_string ("cause", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* What the campaign is about */
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Planned, active, completed or archived */
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                            RALLY_TYPE_CAMPAIGN_STATUS, RALLY_CAMPAIGN_STATUS_PLANNED,
                            (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* First day, UTC midnight as unix seconds, 0 when unset */
  properties [PROP_START_DATE] =
    g_param_spec_int64 ("start-date", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Last day (inclusive), UTC midnight as unix seconds, 0 when unset */
  properties [PROP_END_DATE] =
    g_param_spec_int64 ("end-date", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Views to reach, 0 when there is no goal */
  properties [PROP_GOAL_VIEWS] =
    g_param_spec_int64 ("goal-views", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Videos to reach, 0 when there is no goal */
  properties [PROP_GOAL_VIDEOS] =
    g_param_spec_int64 ("goal-videos", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Donations to raise in minor units of currency, 0 when there is no goal */
  properties [PROP_GOAL_DONATIONS] =
    g_param_spec_int64 ("goal-donations", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Budget in minor units of currency */
  properties [PROP_BUDGET] =
    g_param_spec_int64 ("budget", NULL, NULL,
                             G_MININT64, G_MAXINT64, 0,
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* ISO 4217 code of the goal and budget amounts */
  properties [PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL,
                             "USD",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The colour used in every chart, as #rrggbb */
  properties [PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                             "#3584e4",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Free notes */
  properties [PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                             "",
                             (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rally_campaign_init (RallyCampaign *self)
{
  self->name = g_strdup ("");
  self->cause = g_strdup ("");
  self->description = g_strdup ("");
  self->status = RALLY_CAMPAIGN_STATUS_PLANNED;
  self->currency = g_strdup ("USD");
  self->color = g_strdup ("#3584e4");
  self->notes = g_strdup ("");
}

RallyCampaign *
rally_campaign_new (void)
{
  return g_object_new (RALLY_TYPE_CAMPAIGN, NULL);
}

/**
 * rally_campaign_copy:
 * @self: a #RallyCampaign
 *
 * Returns: (transfer full): a deep copy of @self, with the same id, to edit in a form.
 */
RallyCampaign *
rally_campaign_copy (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), NULL);

  return _rally_record_copy (self);
}

gint64
rally_campaign_get_id (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), 0);

  return self->id;
}

void
rally_campaign_set_id (RallyCampaign *self,
                       gint64         id)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

gint64
rally_campaign_get_created_at (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), 0);

  return self->created_at;
}

void
rally_campaign_set_created_at (RallyCampaign *self,
                               gint64         created_at)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  if (self->created_at == created_at)
    return;

  self->created_at = created_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

gint64
rally_campaign_get_updated_at (RallyCampaign *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (self), 0);

  return self->updated_at;
}

void
rally_campaign_set_updated_at (RallyCampaign *self,
                               gint64         updated_at)
{
  g_return_if_fail (RALLY_IS_CAMPAIGN (self));

  if (self->updated_at == updated_at)
    return;

  self->updated_at = updated_at;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
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

  if (name == NULL)
    name = "";

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
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

  if (cause == NULL)
    cause = "";

  if (g_strcmp0 (self->cause, cause) == 0)
    return;

  g_free (self->cause);
  self->cause = g_strdup (cause);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CAUSE]);
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

  if (description == NULL)
    description = "";

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DESCRIPTION]);
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

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
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

  if (self->start_date == start_date)
    return;

  self->start_date = start_date;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_START_DATE]);
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

  if (self->end_date == end_date)
    return;

  self->end_date = end_date;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_END_DATE]);
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

  if (self->goal_views == goal_views)
    return;

  self->goal_views = goal_views;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_GOAL_VIEWS]);
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

  if (self->goal_videos == goal_videos)
    return;

  self->goal_videos = goal_videos;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_GOAL_VIDEOS]);
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

  if (self->goal_donations == goal_donations)
    return;

  self->goal_donations = goal_donations;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_GOAL_DONATIONS]);
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

  if (self->budget == budget)
    return;

  self->budget = budget;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUDGET]);
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

  if (currency == NULL)
    currency = "";

  if (g_strcmp0 (self->currency, currency) == 0)
    return;

  g_free (self->currency);
  self->currency = g_strdup (currency);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENCY]);
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

  if (color == NULL)
    color = "";

  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COLOR]);
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

  if (notes == NULL)
    notes = "";

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NOTES]);
}
