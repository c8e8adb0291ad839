/* rally-cli.c
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

/* Headless commands for scripts and cron: `rally COMMAND [OPTION…]`.
 *
 * Each command is one row in the table below and one function taking its own
 * argument vector (argv[0] is the command name). A command parses its own
 * options with GOptionContext, prints progress on stderr, and returns the
 * process exit status. Commands never touch GTK, so they run without a display.
 */

#define G_LOG_DOMAIN "RallyCli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdlib.h>
#include <string.h>

#include "rally-cli.h"
#include "rally-sample.h"
#include "rally-store.h"
#include "rally-credentials.h"
#include "rally-sync-engine.h"

typedef int (*RallyCliFunc) (int    argc,
                             char **argv);

typedef struct
{
  const char   *name;
  const char   *summary;
  RallyCliFunc  func;
} RallyCliCommand;

/* Parses a command's options; prints the error and returns FALSE on bad input. */
static gboolean
parse_options (const char          *command,
               const char          *summary,
               const GOptionEntry  *entries,
               int                 *argc,
               char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("rally %s", command);

  /* So that the usage line reads "rally COMMAND [OPTION…]". */
  g_set_prgname (prgname);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("rally %s: %s\n", command, error->message);
      return FALSE;
    }

  if (*argc > 1)
    {
      g_printerr (_("rally %s: unexpected argument “%s”\n"), command, (*argv)[1]);
      return FALSE;
    }

  return TRUE;
}

static int
cmd_sample (int    argc,
            char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int scale = 1;
  const GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale,
      N_("Multiply the number of videos by N (1 gives about 57 thousand)"), N_("N") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Keep the workspace in DIR instead of the user data folder"), N_("DIR") },
    { NULL }
  };

  if (!parse_options ("sample", _("Create the sample workspace in an empty workspace."), entries, &argc, &argv))
    return EXIT_FAILURE;

  if (scale < 1 || scale > 1000)
    {
      g_printerr (_("rally sample: the scale must be a whole number from 1 to 1000\n"));
      return EXIT_FAILURE;
    }

  if (data_dir == NULL)
    data_dir = g_build_filename (g_get_user_data_dir (), "rally", NULL);

  store = rally_store_open (data_dir, &error);
  if (store == NULL || !rally_sample_create (store, scale, &error))
    {
      g_printerr ("rally sample: %s\n", error->message);
      return EXIT_FAILURE;
    }

  g_printerr (_("Sample workspace created in %s\n"), data_dir);

  return EXIT_SUCCESS;
}

/* ---- rally sync ---- */

#define DEFAULT_API_URL "https://open.tiktokapis.com"

typedef struct
{
  GAsyncResult *result;
  GCancellable *cancellable;
} SyncRun;

/* A settings key when the schema is installed, else NULL: the command also runs
 * where the app's schema is not (scripts, an uninstalled build). */
static char *
lookup_setting (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, BASE_APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  settings = g_settings_new (BASE_APPLICATION_ID);
  return g_settings_get_string (settings, key);
}

static void
sync_progress_cb (RallySyncEngine *engine,
                  RallyChallenge  *challenge,
                  guint            page,
                  guint            videos,
                  gpointer         user_data)
{
  if (page == 0)
    g_printerr (_("Syncing #%s…\n"), rally_challenge_get_hashtag (challenge));
  else
    g_printerr (ngettext ("  #%s: page %u, %u video\n", "  #%s: page %u, %u videos\n", videos),
                rally_challenge_get_hashtag (challenge), page, videos);
}

static void
sync_retrying_cb (RallySyncClient *client,
                  const char      *message,
                  guint            delay_ms,
                  gpointer         user_data)
{
  g_printerr (_("  %s; trying again in %.1f s\n"), message, delay_ms / 1000.0);
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

static RallySyncClient *
make_sync_client (const char  *api_url,
                  GError     **error)
{
  g_autofree char *research_url = api_url ? g_strdup (api_url) : lookup_setting ("research-api-url");
  g_autofree char *display_url = api_url ? g_strdup (api_url) : lookup_setting ("display-api-url");
  g_autofree char *settings_key = lookup_setting ("client-key");
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(RallySyncClient) client = NULL;

  client = rally_sync_client_new (research_url && *research_url ? research_url : DEFAULT_API_URL,
                                  display_url && *display_url ? display_url : DEFAULT_API_URL, error);
  if (client == NULL || !rally_credentials_get_client (settings_key, &key, &secret, NULL, error))
    return NULL;
  rally_sync_client_set_credentials (client, key, secret);
  memset (secret, 0, strlen (secret));
  return g_steal_pointer (&client);
}

static int
cmd_sync (int    argc,
          char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *api_url = NULL;
  g_autofree char *hashtag = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallySyncClient) client = NULL;
  g_autoptr(RallySyncEngine) engine = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  SyncRun run = { NULL, cancellable };
  guint sigint, sigterm;
  const GOptionEntry entries[] = {
    { "api-url", 0, 0, G_OPTION_ARG_STRING, &api_url,
      N_("Use this TikTok API server instead of the one in Preferences"), N_("URL") },
    { "challenge", 0, 0, G_OPTION_ARG_STRING, &hashtag,
      N_("Sync only the challenge with this hashtag"), N_("TAG") },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Keep the workspace in DIR instead of the user data folder"), N_("DIR") },
    { NULL }
  };

  if (!parse_options ("sync", _("Fetch the videos of every scheduled, live or ended challenge from the "
                                "TikTok Research API. The client key and secret come from "
                                "RALLY_CLIENT_KEY and RALLY_CLIENT_SECRET, or from Preferences and the keyring."),
                      entries, &argc, &argv))
    return EXIT_FAILURE;

  if (data_dir == NULL)
    data_dir = g_build_filename (g_get_user_data_dir (), "rally", NULL);

  if ((client = make_sync_client (api_url, &error)) == NULL ||
      (store = rally_store_open (data_dir, &error)) == NULL)
    {
      g_printerr ("rally sync: %s\n", error->message);
      return EXIT_FAILURE;
    }

  engine = rally_sync_engine_new (store, client);
  g_signal_connect (engine, "progress", G_CALLBACK (sync_progress_cb), NULL);
  g_signal_connect (client, "retrying", G_CALLBACK (sync_retrying_cb), NULL);
  sigint = g_unix_signal_add (SIGINT, sync_interrupted_cb, &run);
  sigterm = g_unix_signal_add (SIGTERM, sync_interrupted_cb, &run);

  rally_sync_engine_run_async (engine, hashtag, cancellable, sync_done_cb, &run);
  while (run.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  if (!rally_sync_engine_run_finish (engine, run.result, &error))
    {
      g_object_unref (run.result);
      g_printerr ("rally sync: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_object_unref (run.result);

  g_printerr (ngettext ("Synced %u challenge, %u videos written\n", "Synced %u challenges, %u videos written\n",
                        rally_sync_engine_get_n_challenges (engine)),
              rally_sync_engine_get_n_challenges (engine), rally_sync_engine_get_n_videos (engine));
  return EXIT_SUCCESS;
}

static const RallyCliCommand commands[] = {
  /* { "name", N_("One line for rally --help"), cmd_name }, */
  { "sample", N_("Create the sample workspace"), cmd_sample },
  { "sync", N_("Fetch challenge videos from TikTok once"), cmd_sync },
  { NULL, NULL, NULL }
};

static const RallyCliCommand *
find_command (const char *name)
{
  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_strcmp0 (commands[i].name, name) == 0)
        return &commands[i];
    }

  return NULL;
}

gboolean
rally_cli_is_command (const char *name)
{
  return name != NULL && find_command (name) != NULL;
}

/**
 * rally_cli_run:
 * @argc: the program's argument count
 * @argv: the program's arguments; argv[1] names the command
 *
 * Returns: the exit status of the command.
 */
int
rally_cli_run (int    argc,
               char **argv)
{
  const RallyCliCommand *command;

  g_return_val_if_fail (argc >= 2, EXIT_FAILURE);

  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_printerr (_("rally: unknown command “%s”; see rally --help\n"), argv[1]);
      return EXIT_FAILURE;
    }

  return command->func (argc - 1, argv + 1);
}

/**
 * rally_cli_describe_commands:
 *
 * Returns: (transfer full): the "Commands:" paragraph shown by `rally --help`.
 */
char *
rally_cli_describe_commands (void)
{
  GString *str = g_string_new (_("Commands:"));

  for (guint i = 0; commands[i].name != NULL; i++)
    g_string_append_printf (str, "\n  %-10s %s", commands[i].name, _(commands[i].summary));

  if (commands[0].name == NULL)
    g_string_append_printf (str, "\n  %s", _("(none yet)"));

  g_string_append_printf (str, "\n\n%s", _("Run “rally COMMAND --help” for the options of a command."));

  return g_string_free (str, FALSE);
}
