/* rally-types.h
 *
 * Copyright 2026 The Rally authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Forward declarations of every core type, so headers need not include each other. */
typedef struct _RallyCampaign      RallyCampaign;
typedef struct _RallyChallenge     RallyChallenge;
typedef struct _RallyEvent         RallyEvent;
typedef struct _RallyPlannedPost   RallyPlannedPost;
typedef struct _RallyVideo         RallyVideo;
typedef struct _RallySnapshot      RallySnapshot;
typedef struct _RallyStore         RallyStore;

/* The values of these enums are stored in the database: append only, never renumber. */

typedef enum
{
  RALLY_CAMPAIGN_STATUS_PLANNED,
  RALLY_CAMPAIGN_STATUS_ACTIVE,
  RALLY_CAMPAIGN_STATUS_COMPLETED,
  RALLY_CAMPAIGN_STATUS_ARCHIVED,
} RallyCampaignStatus;

typedef enum
{
  RALLY_CHALLENGE_STATUS_DRAFT,
  RALLY_CHALLENGE_STATUS_SCHEDULED,
  RALLY_CHALLENGE_STATUS_LIVE,
  RALLY_CHALLENGE_STATUS_ENDED,
} RallyChallengeStatus;

typedef enum
{
  RALLY_AUDIENCE_ALL_AGES,
  RALLY_AUDIENCE_13_PLUS,
  RALLY_AUDIENCE_18_PLUS,
} RallyAudience;

typedef enum
{
  RALLY_POST_STATUS_IDEA,
  RALLY_POST_STATUS_DRAFT,
  RALLY_POST_STATUS_SCHEDULED,
  RALLY_POST_STATUS_PUBLISHED,
} RallyPostStatus;

typedef enum
{
  RALLY_VIDEO_ORIGIN_ORGANIC,
  RALLY_VIDEO_ORIGIN_PARTNER,
  RALLY_VIDEO_ORIGIN_CREATOR,
} RallyVideoOrigin;

typedef enum
{
  RALLY_SOURCE_RESEARCH_API,
  RALLY_SOURCE_DISPLAY_API,
  RALLY_SOURCE_STUDIO_CSV,
  RALLY_SOURCE_TYPED,
  RALLY_SOURCE_SAMPLE,
} RallySource;

typedef enum
{
  RALLY_METRIC_VIEWS,
  RALLY_METRIC_VIDEOS,
  RALLY_METRIC_LIKES,
  RALLY_METRIC_COMMENTS,
  RALLY_METRIC_SHARES,
  RALLY_METRIC_ENGAGEMENT,
  RALLY_METRIC_DONATIONS,
} RallyMetric;

/* What happened on an event of a challenge's or a campaign's timeline */
typedef enum
{
  RALLY_EVENT_KIND_LAUNCH,
  RALLY_EVENT_KIND_PARTNER_JOINED,
  RALLY_EVENT_KIND_CELEBRITY_JOINED,
  RALLY_EVENT_KIND_PRESS_COVERAGE,
  RALLY_EVENT_KIND_AR_EFFECT_RELEASED,
  RALLY_EVENT_KIND_PROMOTED_HASHTAG,
  RALLY_EVENT_KIND_OTHER,
} RallyEventKind;

G_END_DECLS
