/* rally-snapshot.c
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

/* The totals of a challenge (or of the account) at one time, with their provenance. */

#define G_LOG_DOMAIN "RallySnapshot"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-enums.h"
#include "rally-format.h"
#include "rally-record-private.h"
#include "rally-snapshot.h"

struct _RallySnapshot
{
  RallyRecord parent_instance;

  gint64        challenge_id;
  gint64        taken_at;
  gint64        videos;
  gint64        views;
  gint64        likes;
  gint64        comments;
  gint64        shares;
  gint64        creators;
  RallySource   source;
  gint64        fetched_at;
};

G_DEFINE_FINAL_TYPE (RallySnapshot, rally_snapshot, RALLY_TYPE_RECORD)

enum {
  PROP_0,
  PROP_CHALLENGE_ID,
  PROP_TAKEN_AT,
  PROP_VIDEOS,
  PROP_VIEWS,
  PROP_LIKES,
  PROP_COMMENTS,
  PROP_SHARES,
  PROP_CREATORS,
  PROP_SOURCE,
  PROP_FETCHED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Where each property is stored: RallyRecord gets, sets and frees the fields */
static const gsize offsets [N_PROPS] = {
  [PROP_CHALLENGE_ID] = G_STRUCT_OFFSET (RallySnapshot, challenge_id),
  [PROP_TAKEN_AT]     = G_STRUCT_OFFSET (RallySnapshot, taken_at),
  [PROP_VIDEOS]       = G_STRUCT_OFFSET (RallySnapshot, videos),
  [PROP_VIEWS]        = G_STRUCT_OFFSET (RallySnapshot, views),
  [PROP_LIKES]        = G_STRUCT_OFFSET (RallySnapshot, likes),
  [PROP_COMMENTS]     = G_STRUCT_OFFSET (RallySnapshot, comments),
  [PROP_SHARES]       = G_STRUCT_OFFSET (RallySnapshot, shares),
  [PROP_CREATORS]     = G_STRUCT_OFFSET (RallySnapshot, creators),
  [PROP_SOURCE]       = G_STRUCT_OFFSET (RallySnapshot, source),
  [PROP_FETCHED_AT]   = G_STRUCT_OFFSET (RallySnapshot, fetched_at),
};

static void
rally_snapshot_class_init (RallySnapshotClass *klass)
{
  /* The challenge, 0 for the account */
  properties [PROP_CHALLENGE_ID] = _rally_record_int64_param ("challenge-id");

  /* The time the figures describe, UTC unix seconds */
  properties [PROP_TAKEN_AT] = _rally_record_int64_param ("taken-at");

  /* Video count */
  properties [PROP_VIDEOS] = _rally_record_int64_param ("videos");

  /* View count */
  properties [PROP_VIEWS] = _rally_record_int64_param ("views");

  /* Like count */
  properties [PROP_LIKES] = _rally_record_int64_param ("likes");

  /* Comment count */
  properties [PROP_COMMENTS] = _rally_record_int64_param ("comments");

  /* Share count */
  properties [PROP_SHARES] = _rally_record_int64_param ("shares");

  /* Distinct creators */
  properties [PROP_CREATORS] = _rally_record_int64_param ("creators");

  /* Where the figures came from */
  properties [PROP_SOURCE] =
    _rally_record_enum_param ("source", RALLY_TYPE_SOURCE, RALLY_SOURCE_TYPED);

  /* When the figures were fetched or typed, UTC unix seconds */
  properties [PROP_FETCHED_AT] = _rally_record_int64_param ("fetched-at");

  _rally_record_class_install_fields (RALLY_RECORD_CLASS (klass), N_PROPS, properties, offsets);
}

static void
rally_snapshot_init (RallySnapshot *self)
{
  _rally_record_init_fields (self);
}

RallySnapshot *
rally_snapshot_new (void)
{
  return g_object_new (RALLY_TYPE_SNAPSHOT, NULL);
}

gint64
rally_snapshot_get_challenge_id (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->challenge_id;
}

void
rally_snapshot_set_challenge_id (RallySnapshot *self,
                                 gint64         challenge_id)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  _rally_record_set_int64 (self, &self->challenge_id, challenge_id, properties [PROP_CHALLENGE_ID]);
}

gint64
rally_snapshot_get_taken_at (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->taken_at;
}

void
rally_snapshot_set_taken_at (RallySnapshot *self,
                             gint64         taken_at)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  _rally_record_set_int64 (self, &self->taken_at, taken_at, properties [PROP_TAKEN_AT]);
}

gint64
rally_snapshot_get_videos (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->videos;
}

void
rally_snapshot_set_videos (RallySnapshot *self,
                           gint64         videos)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  _rally_record_set_int64 (self, &self->videos, videos, properties [PROP_VIDEOS]);
}

gint64
rally_snapshot_get_views (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->views;
}

void
rally_snapshot_set_views (RallySnapshot *self,
                          gint64         views)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  _rally_record_set_int64 (self, &self->views, views, properties [PROP_VIEWS]);
}

gint64
rally_snapshot_get_likes (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->likes;
}

void
rally_snapshot_set_likes (RallySnapshot *self,
                          gint64         likes)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  _rally_record_set_int64 (self, &self->likes, likes, properties [PROP_LIKES]);
}

gint64
rally_snapshot_get_comments (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->comments;
}

void
rally_snapshot_set_comments (RallySnapshot *self,
                             gint64         comments)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  _rally_record_set_int64 (self, &self->comments, comments, properties [PROP_COMMENTS]);
}

gint64
rally_snapshot_get_shares (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->shares;
}

void
rally_snapshot_set_shares (RallySnapshot *self,
                           gint64         shares)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  _rally_record_set_int64 (self, &self->shares, shares, properties [PROP_SHARES]);
}

gint64
rally_snapshot_get_creators (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->creators;
}

void
rally_snapshot_set_creators (RallySnapshot *self,
                             gint64         creators)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  _rally_record_set_int64 (self, &self->creators, creators, properties [PROP_CREATORS]);
}

RallySource
rally_snapshot_get_source (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->source;
}

void
rally_snapshot_set_source (RallySnapshot *self,
                           RallySource    source)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  _rally_record_set_enum (self, &self->source, source, properties [PROP_SOURCE]);
}

gint64
rally_snapshot_get_fetched_at (RallySnapshot *self)
{
  g_return_val_if_fail (RALLY_IS_SNAPSHOT (self), 0);

  return self->fetched_at;
}

void
rally_snapshot_set_fetched_at (RallySnapshot *self,
                               gint64         fetched_at)
{
  g_return_if_fail (RALLY_IS_SNAPSHOT (self));

  _rally_record_set_int64 (self, &self->fetched_at, fetched_at, properties [PROP_FETCHED_AT]);
}

/**
 * rally_source_name:
 * @source: where figures came from
 *
 * Returns: its name in a sentence, "TikTok Research API", "sample data"
 */
const char *
rally_source_name (RallySource source)
{
  switch (source)
    {
    case RALLY_SOURCE_RESEARCH_API:
      return _("TikTok Research API");
    case RALLY_SOURCE_DISPLAY_API:
      return _("TikTok Display API");
    case RALLY_SOURCE_STUDIO_CSV:
      return _("TikTok Studio CSV export");
    case RALLY_SOURCE_TYPED:
      return _("typed in");
    case RALLY_SOURCE_SAMPLE:
      return _("sample data");
    default:
      return _("unknown source");
    }
}

/**
 * rally_snapshot_describe_fetch:
 * @self: (nullable): a challenge's latest snapshot
 *
 * Returns: (transfer full) (nullable): "From TikTok Research API, fetched 5 Dec 2026",
 *   %NULL without a snapshot
 */
char *
rally_snapshot_describe_fetch (RallySnapshot *self)
{
  g_autofree char *when = NULL;

  if (self == NULL)
    return NULL;
  when = rally_format_date (self->fetched_at > 0 ? self->fetched_at : self->taken_at);
  /* Translators: where a chart's figures came from and when, "From TikTok Research API, fetched 5 Dec 2026" */
  return g_strdup_printf (_("From %s, fetched %s"), rally_source_name (self->source), when);
}
