/* rally-account.h
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

G_BEGIN_DECLS

#define RALLY_TYPE_ACCOUNT (rally_account_get_type ())

/**
 * RallyAccount:
 * @open_id: the account's id for this app (Display API `open_id`)
 * @username: the TikTok username, without '@'
 * @display_name: the profile's name
 * @is_verified: whether TikTok marks the account verified (not kept by the store)
 * @followers: followers (likewise @following, @likes, @videos), -1 when TikTok did not say
 * @fetched_at: when the profile was last fetched, UTC unix seconds
 * @stored: the account's videos stored in Rally, filled in when read from the store
 * @views: the sum of their views (likewise @video_likes, @comments, @shares)
 *
 * A TikTok account: mostly the charity's own, signed-in one as the Display API
 * last described it (a creator looked up through the Research API has no
 * @open_id). Text fields are never %NULL in an account from rally_account_new(),
 * the sync or the store.
 */
typedef struct
{
  char     *open_id;
  char     *username;
  char     *display_name;
  gboolean  is_verified;
  gint64    followers;
  gint64    following;
  gint64    likes;
  gint64    videos;
  gint64    fetched_at;
  gint64    stored;
  gint64    views;
  gint64    video_likes;
  gint64    comments;
  gint64    shares;
} RallyAccount;

GType         rally_account_get_type (void) G_GNUC_CONST;
G_GNUC_WARN_UNUSED_RESULT
RallyAccount *rally_account_new      (void);
G_GNUC_WARN_UNUSED_RESULT
RallyAccount *rally_account_copy     (const RallyAccount *account);
void          rally_account_free     (RallyAccount       *account);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyAccount, rally_account_free)

G_END_DECLS
