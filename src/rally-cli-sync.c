/* rally-cli-sync.c
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

/* `rally sync`: one sync of every challenge and the account, progress on stderr. */

#define G_LOG_DOMAIN "RallyCli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rally-cli-private.h"
#include "rally-credentials.h"
#include "rally-json-text.h"
#include "rally-store.h"
#include "rally-store-sync.h"
#include "rally-sync-engine.h"
#include "rally-wipe.h"

/* ---- rally sync ---- */

#define DEFAULT_API_URL "https://open.tiktokapis.com"

/* A challenge's page lines come at most once a second (PROGRESS_INTERVAL_US), the
 * last one always: a first sync of 90,000 videos is 900 pages, and a cron log
 * needs a few lines, not a line a page. */
#define PROGRESS_INTERVAL_US G_USEC_PER_SEC

typedef struct
{
  GAsyncResult *result;
  GCancellable *cancellable;
  char         *hashtag;      /* the challenge whose page line is held back, or NULL */
  guint         page;
  guint         videos;
  gint64        printed_at;   /* monotonic time of the last page line */
} SyncRun;

/* The app's settings when its schema is installed and has @key, else NULL: the
 * command also runs where the schema is not (scripts, an uninstalled build). */
static GSettings *
settings_with_key (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  return g_settings_new (BASE_APPLICATION_ID);
}

static char *
lookup_setting (const char *key)
{
  g_autoptr(GSettings) settings = settings_with_key (key);

  return settings != NULL ? g_settings_get_string (settings, key) : NULL;
}

static gboolean
lookup_boolean_setting (const char *key,
                        gboolean    fallback)
{
  g_autoptr(GSettings) settings = settings_with_key (key);

  return settings != NULL ? g_settings_get_boolean (settings, key) : fallback;
}

/* Prints the page line held back, if any. */
static void
flush_progress (SyncRun *run)
{
  if (run->hashtag == NULL)
    return;
  g_printerr (ngettext ("  #%s: page %u, %u video\n", "  #%s: page %u, %u videos\n", run->videos),
              run->hashtag, run->page, run->videos);
  g_clear_pointer (&run->hashtag, g_free);
  run->printed_at = g_get_monotonic_time ();
}

static void
sync_retrying_cb (RallySyncClient *client,
                  const char      *message,
                  guint            delay_ms,
                  gpointer         user_data)
{
  g_autofree char *clean = rally_text_strip_controls (message, FALSE);

  flush_progress (user_data);  /* the lines in the order things happened */
  g_printerr (_("  %s; trying again in %.1f s\n"), clean, delay_ms / 1000.0);
}

static void
sync_progress_cb (RallySyncEngine *engine,
                  RallyChallenge  *challenge,
                  guint            page,
                  guint            videos,
                  gpointer         user_data)
{
  SyncRun *run = user_data;

  if (page == 0)
    {
      guint planned, used, limit;
      gboolean minimum;

      flush_progress (run);
      run->printed_at = 0;  /* a new challenge's first page shows at once */
      g_printerr (_("Syncing #%s…\n"), rally_challenge_get_hashtag (challenge));
      rally_sync_engine_get_plan (engine, &planned, &minimum, &used, &limit);
      if (planned == 0)
        {
          g_printerr (_("  nothing to fetch (%u of %u requests used today, UTC)\n"), used, limit);
          return;
        }
      /* TRANSLATORS: the first part of "  about 230 requests, 23 % of today's quota (…)" */
      g_printerr (minimum ? ngettext ("  at least %u request", "  at least %u requests", planned)
                          : ngettext ("  about %u request", "  about %u requests", planned), planned);
      g_printerr (_(", %u %% of today’s quota (%u of %u requests used today, UTC)\n"),
                  limit > 0 ? (guint) ((planned * 100.0) / limit + 0.5) : 0, used, limit);
    }
  else
    {
      g_free (run->hashtag);
      run->hashtag = g_strdup (rally_challenge_get_hashtag (challenge));
      run->page = page;
      run->videos = videos;
      if (g_get_monotonic_time () - run->printed_at >= PROGRESS_INTERVAL_US)
        flush_progress (run);
    }
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncRun *run = user_data;

  run->result = g_object_ref (result);
}

static gboolean
sync_interrupted_cb (gpointer user_data)
{
  SyncRun *run = user_data;

  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

/* The Research API client key and secret, and the Display API sign-in from the
 * keyring: either is enough. */
static RallySyncClient *
make_sync_client (const char  *api_url,
                  char       **refresh_token,
                  GError     **error)
{
  g_autofree char *research_url = api_url ? g_strdup (api_url) : lookup_setting ("research-api-url");
  g_autofree char *display_url = api_url ? g_strdup (api_url) : lookup_setting ("display-api-url");
  g_autofree char *settings_key = lookup_setting ("client-key");
  g_autofree char *key = NULL;
  char *secret = NULL;
  char *access = NULL;
  g_autoptr(RallySyncClient) client = NULL;
  g_autoptr(GError) client_error = NULL;
  g_autoptr(GError) token_error = NULL;

  client = rally_sync_client_new (research_url && *research_url ? research_url : DEFAULT_API_URL,
                                  display_url && *display_url ? display_url : DEFAULT_API_URL, error);
  if (client == NULL)
    return NULL;
  if (!rally_credentials_get_user_tokens (&access, refresh_token, NULL, &token_error))
    g_debug ("No Display API sign-in from the keyring: %s", token_error->message);
  if (!rally_credentials_get_client (settings_key, &key, &secret, NULL, &client_error) &&
      access == NULL && *refresh_token == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&client_error));
      return NULL;
    }
  rally_sync_client_set_credentials (client, key != NULL ? key : settings_key, secret);
  if (access != NULL || *refresh_token != NULL)
    rally_sync_client_set_user_token (client, access, access != NULL ? G_MAXINT64 / G_USEC_PER_SEC : 0,
                                      *refresh_token);
  rally_wipe_free (secret);
  rally_wipe_free (access);
  return g_steal_pointer (&client);
}

/* Refresh tokens rotate: keep the pair the client ended with. */
static void
save_rotated_tokens (RallySyncClient *client,
                     const char      *loaded_refresh)
{
  char *access, *refresh;
  g_autoptr(GError) error = NULL;

  if (rally_sync_client_dup_rotated_tokens (client, loaded_refresh, &access, &refresh) &&
      !rally_credentials_save_user_tokens (access, refresh, NULL, &error))
    g_printerr (_("rally sync: could not keep the new TikTok sign-in in the keyring: %s\n"), error->message);
  rally_wipe_free (refresh);
  rally_wipe_free (access);
}

static void
sync_account_progress_cb (RallySyncEngine *engine,
                          guint            page,
                          guint            videos,
                          gpointer         user_data)
{
  flush_progress (user_data);
  if (page == 0)
    g_printerr (_("Syncing your TikTok account…\n"));
  else
    g_printerr (ngettext ("  your account: page %u, %u video\n", "  your account: page %u, %u videos\n", videos),
                page, videos);
}

int
_rally_cli_sync (int    argc,
          char **argv)
{
  g_autofree char *api_url = NULL;
  g_autofree char *hashtag = NULL;
  g_autofree char *refresh_token = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallySyncClient) client = NULL;
  g_autoptr(RallySyncEngine) engine = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SyncRun run = { NULL, cancellable, NULL, 0, 0, 0 };
  guint sigint, sigterm;
  const GOptionEntry entries[] = {
    { "api-url", 0, 0, G_OPTION_ARG_STRING, &api_url,
      N_("Use this TikTok API server instead of the one in Preferences"), N_("URL") },
    { "challenge", 0, 0, G_OPTION_ARG_STRING, &hashtag,
      N_("Sync only the challenge with this hashtag"), N_("TAG") },
    { NULL }
  };

  if (!_rally_cli_parse_options ("sync", _("Fetch the videos of every scheduled, live or ended challenge from the "
                                "TikTok Research API, and your organisation's own account and videos from "
                                "the Display API. The client key and secret come from "
                                "RALLY_CLIENT_KEY and RALLY_CLIENT_SECRET, or from Preferences and the keyring; "
                                "the account sign-in from the keyring."),
                      entries, &argc, &argv))
    return EXIT_FAILURE;

  /* Only sample and import create a workspace: a mistyped --workspace is an error. */
  store = _rally_cli_open_workspace_to_write ("sync", TRUE, NULL);
  if (store == NULL)
    return EXIT_FAILURE;
  /* two syncs at once (cron and a person) would fetch everything twice */
  if (!rally_store_try_lock_sync (store, &error))
    {
      g_printerr ("rally sync: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if ((client = make_sync_client (api_url, &refresh_token, &error)) == NULL)
    {
      g_printerr ("rally sync: %s\n", error->message);
      return EXIT_FAILURE;
    }

  engine = rally_sync_engine_new (store, client);
  rally_sync_engine_set_use_research (engine, lookup_boolean_setting ("research-api", TRUE));
  g_signal_connect (engine, "progress", G_CALLBACK (sync_progress_cb), &run);
  g_signal_connect (engine, "account-progress", G_CALLBACK (sync_account_progress_cb), &run);
  g_signal_connect (client, "retrying", G_CALLBACK (sync_retrying_cb), &run);
  sigint = g_unix_signal_add (SIGINT, sync_interrupted_cb, &run);
  sigterm = g_unix_signal_add (SIGTERM, sync_interrupted_cb, &run);

  rally_sync_engine_run_async (engine, hashtag, cancellable, sync_done_cb, &run);
  while (run.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  flush_progress (&run);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  save_rotated_tokens (client, refresh_token);
  rally_wipe_free (g_steal_pointer (&refresh_token));

  if (!rally_sync_engine_run_finish (engine, run.result, &error))
    {
      g_autofree char *message = rally_text_strip_controls (error->message, FALSE);

      g_object_unref (run.result);
      g_printerr ("rally sync: %s\n", message);
      return EXIT_FAILURE;
    }
  g_object_unref (run.result);

  if (rally_sync_engine_get_n_account_videos (engine) > 0)
    g_printerr (ngettext ("Synced your TikTok account, %u video\n", "Synced your TikTok account, %u videos\n",
                          rally_sync_engine_get_n_account_videos (engine)),
                rally_sync_engine_get_n_account_videos (engine));
  g_printerr (ngettext ("Synced %u challenge, %u videos written\n", "Synced %u challenges, %u videos written\n",
                        rally_sync_engine_get_n_challenges (engine)),
              rally_sync_engine_get_n_challenges (engine), rally_sync_engine_get_n_videos (engine));
  return EXIT_SUCCESS;
}
