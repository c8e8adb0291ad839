/* rally-emulator.h
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

#include <glib.h>

G_BEGIN_DECLS

/* A loopback TikTok Research + Display API with switchable faults, for tests, the
 * benchmark and manual runs (rally-emulator). The server runs in its own thread with
 * its own GMainContext, so a test may block on it or drive async clients. */

typedef struct _RallyEmulator RallyEmulator;

/* Faults fired on the Nth request to POST /v2/research/video/query/ (1-based),
 * for `times` consecutive requests. */
typedef enum
{
  RALLY_EMULATOR_FAULT_SERVER_ERROR,       /* 500 internal_error, JSON body */
  RALLY_EMULATOR_FAULT_GATEWAY_HTML,       /* 504 with an HTML body */
  RALLY_EMULATOR_FAULT_RATE_LIMIT,         /* 429 rate_limit_exceeded (+ Retry-After if set) */
  RALLY_EMULATOR_FAULT_CUT_BODY,           /* 200, Content-Length larger than sent, closed */
  RALLY_EMULATOR_FAULT_MALFORMED_JSON,     /* 200 with broken JSON */
  RALLY_EMULATOR_FAULT_TOKEN_EXPIRED,      /* every client token revoked, 401 access_token_invalid */
  RALLY_EMULATOR_FAULT_SEARCH_ID_EXPIRED,  /* every cached search dropped, 400 "Search Id … expired" */
  RALLY_EMULATOR_FAULT_INVALID_CURSOR,     /* 400 invalid_params "Invalid count or cursor" */
  RALLY_EMULATOR_FAULT_HUGE_BODY,          /* 200 with 65 MiB of JSON: a description without end */
  RALLY_EMULATOR_N_FAULTS
} RallyEmulatorFault;

/* Quirks of the replies, on for every request while set. */
typedef enum
{
  RALLY_EMULATOR_QUIRK_NONE              = 0,
  RALLY_EMULATOR_QUIRK_DUPLICATES        = 1 << 0, /* a video twice in a page and again on the next page */
  RALLY_EMULATOR_QUIRK_NUL_CHARS         = 1 << 1, /* \u0000 inside usernames and descriptions */
  RALLY_EMULATOR_QUIRK_COUNTS_AS_STRINGS = 1 << 2, /* "view_count":"123" */
  RALLY_EMULATOR_QUIRK_VIDEO_ID_KEY      = 1 << 3, /* "video_id" instead of "id" */
  RALLY_EMULATOR_QUIRK_UNKNOWN_FIELDS    = 1 << 4, /* extra members everywhere */
  RALLY_EMULATOR_QUIRK_END_EXCLUSIVE     = 1 << 5, /* end_date is not included */
  RALLY_EMULATOR_QUIRK_ROTATE_SEARCH_ID  = 1 << 6, /* every page answers a new search_id */
  RALLY_EMULATOR_QUIRK_GAPS              = 1 << 7, /* every 7th position is a deleted video */
  RALLY_EMULATOR_QUIRK_LONG_REPLY        = 1 << 8, /* a query's page padded past 300 KiB with spaces */
} RallyEmulatorQuirks;

RallyEmulator *rally_emulator_new                (void);
void           rally_emulator_free               (RallyEmulator       *self);
gboolean       rally_emulator_start              (RallyEmulator       *self,
                                                  GError             **error);
const char    *rally_emulator_get_url            (RallyEmulator       *self);

void           rally_emulator_add_hashtag        (RallyEmulator       *self,
                                                  const char          *hashtag,
                                                  guint                n_videos,
                                                  gint64               first_time,
                                                  gint64               last_time);
void           rally_emulator_set_credentials    (RallyEmulator       *self,
                                                  const char          *client_key,
                                                  const char          *client_secret);
void           rally_emulator_set_token_lifetime (RallyEmulator       *self,
                                                  guint                seconds);
void           rally_emulator_add_fault          (RallyEmulator       *self,
                                                  RallyEmulatorFault   fault,
                                                  guint                nth,
                                                  guint                times);
void           rally_emulator_clear_faults       (RallyEmulator       *self);
void           rally_emulator_set_quirks         (RallyEmulator       *self,
                                                  RallyEmulatorQuirks  quirks);
void           rally_emulator_set_retry_after    (RallyEmulator       *self,
                                                  int                  seconds);
void           rally_emulator_set_gzip           (RallyEmulator       *self,
                                                  gboolean             gzip);
void           rally_emulator_set_delay          (RallyEmulator       *self,
                                                  guint                delay_ms);
void           rally_emulator_set_slow_query     (RallyEmulator       *self,
                                                  guint                nth,
                                                  guint                delay_ms);
guint          rally_emulator_get_max_delayed    (RallyEmulator       *self);
guint          rally_emulator_get_first_delayed_queries (RallyEmulator *self);
void           rally_emulator_set_redirect       (RallyEmulator       *self,
                                                  const char          *location);
void           rally_emulator_set_daily_quota    (RallyEmulator       *self,
                                                  guint                requests);
void           rally_emulator_set_display_videos (RallyEmulator       *self,
                                                  guint                n_videos);
void           rally_emulator_set_user_denies    (RallyEmulator       *self,
                                                  gboolean             denies);
void           rally_emulator_set_display_hashtag (RallyEmulator      *self,
                                                  const char          *hashtag);
void           rally_emulator_set_faults_on_display (RallyEmulator    *self,
                                                  gboolean             on_display);
void           rally_emulator_set_now            (RallyEmulator       *self,
                                                  gint64               now);
void           rally_emulator_set_index_lag      (RallyEmulator       *self,
                                                  guint                seconds);

guint          rally_emulator_get_request_count  (RallyEmulator       *self,
                                                  const char          *path);
guint          rally_emulator_get_connection_count (RallyEmulator   *self);
guint          rally_emulator_count_matching     (RallyEmulator       *self,
                                                  const char          *hashtag,
                                                  gint64               from_time,
                                                  gint64               to_time);
gint64         rally_emulator_get_video_id       (RallyEmulator       *self,
                                                  const char          *hashtag,
                                                  guint                index);
gint64         rally_emulator_get_total_views    (RallyEmulator       *self,
                                                  const char          *hashtag);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyEmulator, rally_emulator_free)

G_END_DECLS
