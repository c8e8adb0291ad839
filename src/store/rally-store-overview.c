/* rally-store-overview.c
 *
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

/* What the Analytics overview reads: every challenge's videos, reach and donations
 * by posting day, and the day each creator first posted a video in any of the
 * workspace's challenges, as one series of days for model/rally-overview.c. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <math.h>

#include "rally-donations.h"
#include "rally-store-overview.h"
#include "rally-store-private.h"

#define NEW_CREATORS_SQL \
  "SELECT first - ((first % 86400) + 86400) % 86400 AS day, count(*) FROM (" \
  "   SELECT min (v.posted_at) AS first FROM videos v JOIN challenges c ON c.id = v.challenge_id" \
  "   WHERE c.deleted_at IS NULL AND v.creator <> '' AND +v.posted_at > 0" \
  "   GROUP BY lower (v.creator)) AS firsts" \
  " GROUP BY day ORDER BY day"

/* …which PostgreSQL keeps counted by day (schema 15) */
#define NEW_CREATORS_PG_SQL \
  "SELECT day, creators FROM new_creator_days WHERE creators <> 0 ORDER BY day"

/* On PostgreSQL: the first days of the creators of challenges deleted or brought back
 * since the last read, counted again (schema 19). Outside a transaction only, since a
 * refusal would end it; if it fails, the days read are those of before the change. */
static void
settle_creator_days (RallyStore *self)
{
  g_autoptr(GError) error = NULL;

  if (self->in_transaction)
    return;
  if (!_rally_store_exec (self, "SELECT creator_days_settle ()", &error))
    g_message ("Could not count the new creators again: %s", error->message);
}

static void
add_day (GArray             *days,
         gint64              day,
         RallyOverviewFigure figure,
         gint64              value)
{
  RallyOverviewDay one = { .day = day };

  one.figures[figure] = value;
  g_array_append_val (days, one);
}

/* A challenge's videos and reach by posting day, and its donations by the same days
 * when it raises money in @currency. */
static void
read_challenge_days (RallyStore     *store,
                     RallyChallenge *challenge,
                     const char     *currency,
                     GArray         *days)
{
  g_autoptr(GArray) daily = rally_store_query_daily_videos (store, rally_challenge_get_id (challenge), G_MININT64, 0);
  g_autoptr(GArray) videos = g_array_sized_new (FALSE, FALSE, sizeof (RallyPoint), daily->len);
  g_autoptr(RallySeries) series = NULL;
  g_autoptr(RallyDonations) donations = NULL;
  const RallyPoint *money;
  guint n_money;

  for (guint i = 0; i < daily->len; i++)
    {
      const RallyDayTotals *totals = &g_array_index (daily, RallyDayTotals, i);
      RallyOverviewDay day = { .day = totals->day };
      RallyPoint point = { .t = totals->day, .v = (double) totals->videos };

      day.figures[RALLY_OVERVIEW_VIDEOS] = totals->videos;
      day.figures[RALLY_OVERVIEW_VIEWS] = totals->views;
      day.figures[RALLY_OVERVIEW_ENGAGEMENT] = totals->likes + totals->comments + totals->shares;
      g_array_append_val (days, day);
      g_array_append_val (videos, point);
    }

  if (rally_challenge_get_pledge_per_video (challenge) <= 0 ||
      g_ascii_strcasecmp (rally_challenge_get_currency (challenge), currency) != 0)
    return;
  series = rally_series_new_from_points ("", "#000000", videos);
  donations = rally_donations_compute (series, rally_challenge_get_pledge_per_video (challenge),
                                       rally_challenge_get_pledge_cap (challenge), currency);
  money = rally_series_get_points (donations->daily, &n_money);
  for (guint i = 0; i < n_money; i++)
    add_day (days, money[i].t, RALLY_OVERVIEW_RAISED, (gint64) llround (money[i].v));
}

/* The currency most of the challenges with a pledge raise money in. */
static char *
main_currency (GListModel *challenges,
               guint      *n_other)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *best = NULL;
  guint best_count = 0, total = 0;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);
      char *code;

      if (rally_challenge_get_pledge_per_video (challenge) <= 0)
        continue;
      code = g_ascii_strup (rally_challenge_get_currency (challenge), -1);
      g_hash_table_insert (counts, code, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, code)) + 1));
      total++;
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > best_count || (GPOINTER_TO_UINT (value) == best_count && g_strcmp0 (key, best) < 0))
      best = key, best_count = GPOINTER_TO_UINT (value);

  *n_other = total - best_count;
  return g_strdup (best);
}

/**
 * rally_store_query_daily_new_creators:
 * @self: a #RallyStore
 *
 * Counts, for each UTC day, the creators whose first video in the workspace (of any
 * challenge not deleted) was posted that day. Days without any are left out.
 *
 * Returns: (transfer full) (element-type RallyDayCount): one element per day, in order
 */
GArray *
rally_store_query_daily_new_creators (RallyStore *self)
{
  GArray *days = g_array_new (FALSE, TRUE, sizeof (RallyDayCount));
  RallyDbStmt *stmt;

  g_return_val_if_fail (RALLY_IS_STORE (self), days);

  if (self->db == NULL)
    settle_creator_days (self);
  stmt = _rally_store_stmt (self, self->db != NULL ? NEW_CREATORS_SQL : NEW_CREATORS_PG_SQL, NULL);
  if (stmt == NULL)
    return days;

  while (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    {
      RallyDayCount day = { rally_db_stmt_column_int64 (stmt, 0), rally_db_stmt_column_int64 (stmt, 1) };

      g_array_append_val (days, day);
    }
  rally_db_stmt_reset (stmt);

  return days;
}

/**
 * rally_store_query_overview_days:
 * @self: a #RallyStore
 * @currency: (out) (nullable) (transfer full): the currency of the money counted:
 *   the one most challenges with a pledge raise money in, %NULL when none has one
 * @n_other_currencies: (out): how many challenges with a pledge in another currency
 *   were left out of the money
 *
 * Reads what every challenge (not deleted) added each day, by the day its videos
 * were posted: videos, views, engagement (likes, comments and shares), money raised
 * (pledge per video up to the cap) and new creators.
 *
 * Returns: (transfer full) (element-type RallyOverviewDay): one element per day, in order
 */
GArray *
rally_store_query_overview_days (RallyStore *self,
                                 char      **currency,
                                 guint      *n_other_currencies)
{
  g_autoptr(GListModel) challenges = NULL;
  g_autoptr(GArray) days = g_array_new (FALSE, TRUE, sizeof (RallyOverviewDay));
  g_autoptr(GArray) creators = NULL;
  g_autofree char *main = NULL;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (currency != NULL && n_other_currencies != NULL, NULL);

  challenges = rally_store_list_challenges (self, 0);
  main = main_currency (challenges, n_other_currencies);
  for (guint i = 0; i < g_list_model_get_n_items (challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (challenges, i);

      read_challenge_days (self, challenge, main != NULL ? main : "", days);
    }

  creators = rally_store_query_daily_new_creators (self);
  for (guint i = 0; i < creators->len; i++)
    {
      const RallyDayCount *count = &g_array_index (creators, RallyDayCount, i);

      add_day (days, count->day, RALLY_OVERVIEW_NEW_CREATORS, count->count);
    }

  *currency = g_steal_pointer (&main);
  return rally_overview_merge_days (days);
}
