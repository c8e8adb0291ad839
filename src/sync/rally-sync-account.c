/* rally-sync-account.c
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

/* The charity's own TikTok account over the Display API (the path most charities
 * have: Research API access is restricted). User info is saved first (the account's
 * open_id keys everything else), then the video list is walked newest first, 20 a
 * page, following its millisecond cursor. Each page is written in one transaction
 * with the cursor reached, so a killed sync resumes there; videos are upserted by id,
 * so nothing counts twice. An own video whose title or description carries a synced
 * challenge's hashtag also counts for that challenge. The run ends with a Snapshot of
 * the account (source: Display API). */

#define G_LOG_DOMAIN "RallySyncAccount"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-store-account.h"
#include "rally-sync-account.h"

#define PAGE_SIZE 20
#define DAY       86400

/* A challenge own videos may count for: those posted during its dates. */
typedef struct
{
  gint64 id;
  gint64 from;   /* UTC midnight of the first day */
  gint64 until;  /* UTC midnight after the last day, G_MAXINT64 when open-ended */
} Target;

typedef struct
{
  RallyStore               *store;
  RallySyncClient          *client;
  GHashTable               *tags;      /* case-folded hashtag → Target */
  GHashTable               *matched;   /* gint64 challenge ids that got own videos */
  gint64                    now;
  char                     *open_id;
  char                     *username;
  gint64                    cursor;
  guint                     pages;
  guint                     videos;
  RallySyncAccountProgress  progress;
  gpointer                  progress_data;
} AccountRun;

static void
account_run_free (gpointer data)
{
  AccountRun *run = data;

  g_clear_object (&run->store);
  g_clear_object (&run->client);
  g_clear_pointer (&run->tags, g_hash_table_unref);
  g_clear_pointer (&run->matched, g_hash_table_unref);
  g_free (run->open_id);
  g_free (run->username);
  g_free (run);
}

static void
return_error (GTask  *task,
              GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

static gint64
day_start (gint64 t)
{
  return t - (((t % DAY) + DAY) % DAY);
}

static gboolean
is_tag_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_' || g_unichar_ismark (c);
}

/**
 * rally_sync_account_find_hashtags:
 * @text: (nullable): a title or caption
 *
 * Returns: (transfer full) (element-type utf8): the hashtags in @text, case-folded
 *   and without '#', in order (repeats included)
 */
GPtrArray *
rally_sync_account_find_hashtags (const char *text)
{
  GPtrArray *tags = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return tags;
  while ((p = strchr (p, '#')) != NULL)
    {
      const char *start = ++p;

      while (*p != '\0' && is_tag_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (tags, g_utf8_casefold (start, p - start));
    }
  return tags;
}

static void
match_text (AccountRun              *run,
            GArray                  *matches,
            guint                    index,
            const RallyFetchedVideo *video,
            const char              *text)
{
  g_autoptr(GPtrArray) tags = rally_sync_account_find_hashtags (text);

  for (guint i = 0; i < tags->len; i++)
    {
      Target *target = g_hash_table_lookup (run->tags, g_ptr_array_index (tags, i));
      gboolean seen = FALSE;

      if (target == NULL || video->create_time < 0 ||
          video->create_time < target->from || video->create_time >= target->until)
        continue;
      for (guint j = 0; j < matches->len && !seen; j++)
        {
          RallyAccountMatch *m = &g_array_index (matches, RallyAccountMatch, j);

          seen = m->video == index && m->challenge_id == target->id;
        }
      if (!seen)
        {
          RallyAccountMatch match = { index, target->id };

          g_array_append_val (matches, match);
        }
    }
}

/* Own videos count for the challenges whose hashtag they carry, when posted during
 * the challenge (as a Research API query by its dates would find them); the username stands
 * for the creator so the challenge counts the charity as one creator. */
static GArray *
match_page (AccountRun      *run,
            RallyTiktokPage *page)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (RallyAccountMatch));

  for (guint i = 0; i < page->videos->len; i++)
    {
      RallyFetchedVideo *video = g_ptr_array_index (page->videos, i);

      match_text (run, matches, i, video, video->title);
      match_text (run, matches, i, video, video->description);
      if (video->username == NULL && run->username != NULL)
        video->username = g_strdup (run->username);
    }
  for (guint i = 0; i < matches->len; i++)
    {
      gint64 id = g_array_index (matches, RallyAccountMatch, i).challenge_id;

      g_hash_table_add (run->matched, g_memdup2 (&id, sizeof id));
    }
  return matches;
}

static void list_page (GTask *task);

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  AccountRun *run = g_task_get_task_data (task);
  g_autoptr(RallyTiktokPage) page = NULL;
  g_autoptr(GArray) matches = NULL;
  GError *error = NULL;

  page = rally_sync_client_list_videos_finish (RALLY_SYNC_CLIENT (object), result, &error);
  if (page == NULL)
    {
      return_error (task, error);
      return;
    }
  if (page->has_more && (!page->has_cursor || page->cursor <= 0 ||
                         (run->cursor > 0 && page->cursor >= run->cursor)))
    {
      /* the list goes back in time: a cursor that does not move would loop forever */
      return_error (task, g_error_new (RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_MALFORMED,
                                       _("TikTok said more of your videos follow but did not move the cursor")));
      return;
    }

  matches = match_page (run, page);
  if (!rally_store_save_account_page (run->store, run->open_id, page->videos, matches,
                                      page->has_cursor ? page->cursor : run->cursor, !page->has_more, &error))
    {
      return_error (task, error);
      return;
    }
  run->cursor = page->cursor;
  run->pages++;
  run->videos += page->videos->len;
  if (run->progress != NULL)
    run->progress (run->pages, run->videos, run->progress_data);

  if (page->has_more)
    list_page (task);
  else if (!rally_store_add_account_snapshot (run->store, run->open_id, run->now, &error))
    return_error (task, error);
  else
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

static void
list_page (GTask *task)
{
  AccountRun *run = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  rally_sync_client_list_videos_async (run->client, run->cursor, PAGE_SIZE, g_task_get_cancellable (task),
                                       page_cb, task);
}

static void
user_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  AccountRun *run = g_task_get_task_data (task);
  g_autoptr(RallyAccount) user = NULL;
  GError *error = NULL;

  user = rally_sync_client_user_info_finish (RALLY_SYNC_CLIENT (object), result, &error);
  if (user == NULL)
    {
      return_error (task, error);
      return;
    }
  if (user->open_id == NULL || *user->open_id == '\0')
    {
      return_error (task, g_error_new (RALLY_SYNC_ERROR, RALLY_SYNC_ERROR_MALFORMED,
                                       _("TikTok did not say which account the sign-in belongs to (no open_id)")));
      return;
    }
  if (!rally_store_save_account (run->store, user, run->now, &error) ||
      !rally_store_get_account_cursor (run->store, user->open_id, &run->cursor, &error))
    {
      return_error (task, error);
      return;
    }
  run->open_id = g_strdup (user->open_id);
  run->username = g_strdup (user->username != NULL && *user->username != '\0' ? user->username : user->display_name);
  if (run->progress != NULL)
    run->progress (0, 0, run->progress_data);
  list_page (task);
}

/**
 * rally_sync_account_async:
 * @challenges: (element-type RallyChallenge): the challenges own videos may count for
 * @now: the time of the account's snapshot
 * @progress: (scope notified) (nullable): called after the profile and after each page
 *
 * Syncs the account of the client's user token.
 */
void
rally_sync_account_async (RallyStore                *store,
                          RallySyncClient           *client,
                          GPtrArray                 *challenges,
                          gint64                     now,
                          RallySyncAccountProgress   progress,
                          gpointer                   progress_data,
                          GCancellable              *cancellable,
                          GAsyncReadyCallback        callback,
                          gpointer                   user_data)
{
  AccountRun *run = g_new0 (AccountRun, 1);
  GTask *task;

  g_return_if_fail (RALLY_IS_STORE (store));
  g_return_if_fail (RALLY_IS_SYNC_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rally_sync_account_async);
  run->store = g_object_ref (store);
  run->client = g_object_ref (client);
  run->now = now;
  run->progress = progress;
  run->progress_data = progress_data;
  run->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->matched = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; challenges != NULL && i < challenges->len; i++)
    {
      RallyChallenge *challenge = g_ptr_array_index (challenges, i);
      const char *tag = rally_challenge_get_hashtag (challenge);
      gint64 end = rally_challenge_get_end_date (challenge);
      Target *target = g_new0 (Target, 1);

      target->id = rally_challenge_get_id (challenge);
      target->from = day_start (rally_challenge_get_start_date (challenge));
      target->until = end > 0 ? day_start (end) + DAY : G_MAXINT64;
      while (tag != NULL && *tag == '#')
        tag++;
      if (tag != NULL && *tag != '\0')
        g_hash_table_replace (run->tags, g_utf8_casefold (tag, -1), target);
      else
        g_free (target);
    }
  g_task_set_task_data (task, run, account_run_free);
  rally_sync_client_user_info_async (client, cancellable, user_cb, task);
}

/**
 * rally_sync_account_finish:
 * @n_videos: (out) (optional): own videos written
 * @matched: (out) (optional) (transfer full): the set of challenge ids (gint64) that
 *   received own videos
 */
gboolean
rally_sync_account_finish (GAsyncResult  *result,
                           guint         *n_videos,
                           GHashTable   **matched,
                           GError       **error)
{
  GTask *task = G_TASK (result);
  AccountRun *run = g_task_get_task_data (task);

  g_return_val_if_fail (g_task_get_source_tag (task) == rally_sync_account_async, FALSE);

  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (n_videos != NULL)
    *n_videos = run->videos;
  if (matched != NULL)
    *matched = g_hash_table_ref (run->matched);
  return TRUE;
}
