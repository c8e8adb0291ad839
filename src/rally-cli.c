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

#include <inttypes.h>

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rally-atomic-file.h"
#include "rally-backup.h"
#include "rally-cli.h"
#include "rally-credentials.h"
#include "rally-import.h"
#include "rally-json-text.h"
#include "rally-sample.h"
#include "rally-store.h"
#include "rally-studio-csv.h"
#include "rally-sync-engine.h"
#include "rally-video-csv.h"
#include "rally-wipe.h"
#include "rally-workspace-location.h"

/* Exit statuses of every command. */
#define EXIT_USAGE 2

typedef int (*RallyCliFunc) (int    argc,
                             char **argv);

typedef struct
{
  const char   *name;
  const char   *summary;
  RallyCliFunc  func;
} RallyCliCommand;

/* --workspace (alias --data-dir), written before or after the command name. */
static char *cli_workspace;

static const GOptionEntry workspace_entries[] = {
  { "workspace", 'w', 0, G_OPTION_ARG_FILENAME, &cli_workspace,
    N_("Open the workspace in the folder LOCATION (default: $RALLY_WORKSPACE, else the user data folder)"),
    N_("LOCATION") },
  { "data-dir", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &cli_workspace, NULL, NULL },
  { NULL }
};

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
  g_option_context_add_main_entries (context, workspace_entries, GETTEXT_PACKAGE);
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

static RallyStore *
open_workspace (const char  *command,
                gboolean     must_exist,
                char       **location_out)
{
  g_autofree char *dir = rally_workspace_location_resolve (cli_workspace);
  g_autofree char *db = NULL;
  g_autoptr(GError) error = NULL;
  RallyStore *store;

  if (!rally_workspace_location_check (dir, &error))
    {
      g_printerr ("rally %s: %s\n", command, error->message);
      return NULL;
    }

  db = g_build_filename (dir, "rally.db", NULL);
  if (must_exist && !g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("rally %s: there is no workspace in “%s”\n"), command, dir);
      return NULL;
    }

  store = rally_store_open (dir, &error);
  if (store == NULL)
    g_printerr ("rally %s: %s\n", command, error->message);
  else if (location_out != NULL)
    *location_out = g_steal_pointer (&dir);

  return store;
}

static int
cmd_sample (int    argc,
            char **argv)
{
  g_autofree char *location = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int scale = 1;
  const GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_INT, &scale,
      N_("Multiply the number of videos by N (1 gives about 57 thousand)"), N_("N") },
    { NULL }
  };

  if (!parse_options ("sample", _("Create the sample workspace in an empty workspace."), entries, &argc, &argv))
    return EXIT_FAILURE;

  if (scale < 1 || scale > 1000)
    {
      g_printerr (_("rally sample: the scale must be a whole number from 1 to 1000\n"));
      return EXIT_FAILURE;
    }

  store = open_workspace ("sample", FALSE, &location);
  if (store == NULL)
    return EXIT_FAILURE;

  if (!rally_sample_create (store, scale, &error))
    {
      g_printerr ("rally sample: %s\n", error->message);
      return EXIT_FAILURE;
    }

  g_printerr (_("Sample workspace created in %s\n"), location);

  return EXIT_SUCCESS;
}

/* ---- rally sync ---- */

#define DEFAULT_API_URL "https://open.tiktokapis.com"

typedef struct
{
  GAsyncResult *result;
  GCancellable *cancellable;
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

static void
sync_progress_cb (RallySyncEngine *engine,
                  RallyChallenge  *challenge,
                  guint            page,
                  guint            videos,
                  gpointer         user_data)
{
  if (page == 0)
    {
      guint planned, used, limit;
      gboolean minimum;

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
    g_printerr (ngettext ("  #%s: page %u, %u video\n", "  #%s: page %u, %u videos\n", videos),
                rally_challenge_get_hashtag (challenge), page, videos);
}

static void
sync_retrying_cb (RallySyncClient *client,
                  const char      *message,
                  guint            delay_ms,
                  gpointer         user_data)
{
  g_autofree char *clean = rally_text_strip_controls (message, FALSE);

  g_printerr (_("  %s; trying again in %.1f s\n"), clean, delay_ms / 1000.0);
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
  if (page == 0)
    g_printerr (_("Syncing your TikTok account…\n"));
  else
    g_printerr (ngettext ("  your account: page %u, %u video\n", "  your account: page %u, %u videos\n", videos),
                page, videos);
}

static int
cmd_sync (int    argc,
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
  SyncRun run = { NULL, cancellable };
  guint sigint, sigterm;
  const GOptionEntry entries[] = {
    { "api-url", 0, 0, G_OPTION_ARG_STRING, &api_url,
      N_("Use this TikTok API server instead of the one in Preferences"), N_("URL") },
    { "challenge", 0, 0, G_OPTION_ARG_STRING, &hashtag,
      N_("Sync only the challenge with this hashtag"), N_("TAG") },
    { NULL }
  };

  if (!parse_options ("sync", _("Fetch the videos of every scheduled, live or ended challenge from the "
                                "TikTok Research API, and your organisation's own account and videos from "
                                "the Display API. The client key and secret come from "
                                "RALLY_CLIENT_KEY and RALLY_CLIENT_SECRET, or from Preferences and the keyring; "
                                "the account sign-in from the keyring."),
                      entries, &argc, &argv))
    return EXIT_FAILURE;

  /* Only sample and import create a workspace: a mistyped --workspace is an error. */
  store = open_workspace ("sync", TRUE, NULL);
  if (store == NULL)
    return EXIT_FAILURE;

  if ((client = make_sync_client (api_url, &refresh_token, &error)) == NULL)
    {
      g_printerr ("rally sync: %s\n", error->message);
      return EXIT_FAILURE;
    }

  engine = rally_sync_engine_new (store, client);
  rally_sync_engine_set_use_research (engine, lookup_boolean_setting ("research-api", TRUE));
  g_signal_connect (engine, "progress", G_CALLBACK (sync_progress_cb), NULL);
  g_signal_connect (engine, "account-progress", G_CALLBACK (sync_account_progress_cb), NULL);
  g_signal_connect (client, "retrying", G_CALLBACK (sync_retrying_cb), NULL);
  sigint = g_unix_signal_add (SIGINT, sync_interrupted_cb, &run);
  sigterm = g_unix_signal_add (SIGTERM, sync_interrupted_cb, &run);

  rally_sync_engine_run_async (engine, hashtag, cancellable, sync_done_cb, &run);
  while (run.result == NULL)
    g_main_context_iteration (NULL, TRUE);
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

/* Standard output as a GOutputStream, so exporters can stream to a pipe. */
#define RALLY_TYPE_STDOUT_STREAM (rally_stdout_stream_get_type ())
G_DECLARE_FINAL_TYPE (RallyStdoutStream, rally_stdout_stream, RALLY, STDOUT_STREAM, GOutputStream)

struct _RallyStdoutStream
{
  GOutputStream parent_instance;
};

G_DEFINE_FINAL_TYPE (RallyStdoutStream, rally_stdout_stream, G_TYPE_OUTPUT_STREAM)

static gssize
rally_stdout_stream_write (GOutputStream  *stream,
                           const void     *buffer,
                           gsize           count,
                           GCancellable   *cancellable,
                           GError        **error)
{
  if (fwrite (buffer, 1, count, stdout) != count)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write to the standard output"));
      return -1;
    }

  return count;
}

static gboolean
rally_stdout_stream_flush (GOutputStream  *stream,
                           GCancellable   *cancellable,
                           GError        **error)
{
  if (fflush (stdout) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write to the standard output"));
      return FALSE;
    }

  return TRUE;
}

static void
rally_stdout_stream_class_init (RallyStdoutStreamClass *klass)
{
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  stream_class->write_fn = rally_stdout_stream_write;
  stream_class->flush = rally_stdout_stream_flush;
}

static void
rally_stdout_stream_init (RallyStdoutStream *self)
{
}

/* rally export and rally import */

static gboolean
parse_command_options (int           *argc,
                       char        ***argv,
                       GOptionEntry  *entries,
                       const char    *parameters,
                       const char    *summary)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("rally %s", (*argv)[0]);

  /* So that the usage line reads "rally COMMAND [OPTION…] FILE". */
  g_set_prgname (prgname);

  context = g_option_context_new (parameters);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, workspace_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("rally %s: %s\n", (*argv)[0], error->message);
      return FALSE;
    }

  return TRUE;
}

/* rally export */

typedef struct
{
  RallyStore  *store;
  gboolean     json;
  GArray      *challenge_ids;
  guint64      n_written;
} ExportJob;

static gboolean
run_export (ExportJob      *job,
            GOutputStream  *stream,
            GError        **error)
{
  RallyBackupCounts counts = { 0 };

  if (!job->json)
    return rally_video_csv_export (job->store, (const gint64 *) (gpointer) job->challenge_ids->data,
                                   job->challenge_ids->len, stream, &job->n_written, NULL, error);

  if (!rally_backup_export (job->store, stream, &counts, NULL, error))
    return FALSE;

  job->n_written = counts.campaigns + counts.challenges + counts.posts + counts.videos + counts.snapshots +
                   counts.accounts + counts.account_videos;
  return TRUE;
}

/* Writes to @output (replaced only when everything was written) or to stdout. */
static gboolean
export_to (ExportJob   *job,
           const char  *output,
           GError     **error)
{
  g_autoptr(RallyAtomicFile) file = NULL;
  g_autoptr(GOutputStream) buffered = NULL;

  if (output == NULL || g_str_equal (output, "-"))
    {
      g_autoptr(GOutputStream) stream = g_object_new (RALLY_TYPE_STDOUT_STREAM, NULL);

      return run_export (job, stream, error) && g_output_stream_flush (stream, NULL, error);
    }

  file = rally_atomic_file_open (output, error);
  if (file == NULL)
    return FALSE;
  rally_atomic_file_remove_on_signal (file);

  buffered = g_buffered_output_stream_new_sized (rally_atomic_file_get_stream (file), 256 * 1024);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  return run_export (job, buffered, error) && g_output_stream_flush (buffered, NULL, error) &&
         rally_atomic_file_commit (file, error);
}

static gboolean
contains_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

static gboolean
resolve_challenges (RallyStore  *store,
                    char       **tags,
                    GArray      *ids)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autoptr(RallyChallenge) challenge = rally_store_find_challenge (store, tags[i]);
      gint64 id;

      if (challenge == NULL)
        {
          g_printerr (_("rally export: there is no challenge #%s\n"), tags[i][0] == '#' ? tags[i] + 1 : tags[i]);
          return FALSE;
        }
      id = rally_challenge_get_id (challenge);
      if (!contains_id (ids, id))  /* the same challenge twice is written once */
        g_array_append_val (ids, id);
    }

  return TRUE;
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) tags = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  ExportJob job = { 0 };
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("csv: the videos of the challenges; json: a backup of the whole workspace"), N_("csv|json") },
    { "challenge", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("Only the videos of this challenge (csv; may be repeated)"), N_("TAG") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of the standard output"), N_("FILE") },
    { NULL }
  };

  if (!parse_command_options (&argc, &argv, entries, NULL, _("Write the videos as CSV or the whole workspace as a JSON backup.")))
    return EXIT_USAGE;

  if (argc > 1 || format == NULL || !(g_str_equal (format, "csv") || g_str_equal (format, "json")) ||
      (tags != NULL && g_str_equal (format, "json")))
    {
      g_printerr (_("Usage: rally export --format csv|json [--challenge TAG] [-o FILE] [--workspace DIR]\n"
                    "--challenge applies to csv only.\n"));
      return EXIT_USAGE;
    }

  store = open_workspace ("export", TRUE, NULL);
  if (store == NULL || !resolve_challenges (store, tags, ids))
    return EXIT_FAILURE;

  job = (ExportJob) { store, g_str_equal (format, "json"), ids, 0 };
  if (!export_to (&job, output, &error))
    {
      g_printerr ("rally export: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (job.json)
    g_printerr (ngettext ("Exported %" PRIu64 " record\n", "Exported %" PRIu64 " records\n",
                          (gulong) job.n_written), job.n_written);
  else
    g_printerr (ngettext ("Exported %" PRIu64 " video\n", "Exported %" PRIu64 " videos\n",
                          (gulong) job.n_written), job.n_written);

  return EXIT_SUCCESS;
}

/* rally import */

typedef struct
{
  char     *campaign;
  char     *challenge;
  gboolean  replace;
  gboolean  skip_bad_rows;
  int       year;
} ImportOptions;

static gboolean
looks_like_json (const char *data,
                 gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && data[i] == '{';
}

/* Reads the start of @path, enough to tell a JSON backup from a CSV file. */
static gboolean
read_prefix (const char  *path,
             char        *buffer,
             gsize        size,
             gsize       *length,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);

  return in != NULL && g_input_stream_read_all (G_INPUT_STREAM (in), buffer, size, length, NULL, error);
}

static int
restore_backup (const char          *path,
                const ImportOptions *opts)
{
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  RallyBackupCounts counts = { 0 };

  if (opts->campaign != NULL || opts->challenge != NULL || opts->skip_bad_rows)
    {
      g_printerr (_("rally import: --campaign, --challenge and --skip-bad-rows apply to CSV files, not to a backup\n"));
      return EXIT_USAGE;
    }

  store = open_workspace ("import", FALSE, NULL);
  if (store == NULL)
    return EXIT_FAILURE;

  if (!rally_backup_restore_file (store, file,
                                  opts->replace ? RALLY_BACKUP_RESTORE_REPLACE : RALLY_BACKUP_RESTORE_DEFAULT,
                                  &counts, NULL, &error))
    {
      g_printerr ("rally import: %s: %s\n", path, error->message);
      if (g_error_matches (error, RALLY_BACKUP_ERROR, RALLY_BACKUP_ERROR_NOT_EMPTY))
        g_printerr (_("Nothing was changed. Use --replace to replace the workspace with the backup.\n"));
      return EXIT_FAILURE;
    }

  /* one line per kind of record: no sentence to put plurals in */
  {
    const struct { const char *what; guint64 n; } lines[] = {
      { N_("Campaigns"), counts.campaigns },
      { N_("Challenges"), counts.challenges },
      { N_("Planned posts"), counts.posts },
      { N_("Videos"), counts.videos },
      { N_("Snapshots"), counts.snapshots },
      { N_("Own TikTok accounts"), counts.accounts },
      { N_("Own videos"), counts.account_videos },
    };

    g_printerr (_("Backup restored:\n"));
    for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
      g_printerr ("  %s: %" PRIu64 "\n", _(lines[i].what), lines[i].n);
  }

  return EXIT_SUCCESS;
}

static void
print_parse_notes (const char                 *path,
                   const RallyStudioCsvResult *result)
{
  if (result->unknown_columns->len > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < result->unknown_columns->len; i++)
        g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (result->unknown_columns, i));
      g_printerr (_("%s: ignored columns: %s\n"), path, names->str);
    }

  for (guint i = 0; i < result->rejections->len; i++)
    {
      const RallyStudioCsvRejection *rejection = g_ptr_array_index (result->rejections, i);

      g_printerr ("%s: %s\n", path, rejection->message);
    }
}

/* Returns an exit status, or -1 when the targets are fine. */
static int
resolve_targets (RallyStore                 *store,
                 const RallyStudioCsvResult *result,
                 const ImportOptions        *opts,
                 gint64                     *campaign_id,
                 gint64                     *challenge_id)
{
  g_autoptr(RallyChallenge) challenge = NULL;

  if (result->kind == RALLY_STUDIO_CSV_KIND_CONTENT && (opts->challenge == NULL || opts->campaign != NULL))
    {
      g_printerr (_("rally import: this file lists videos: give the challenge they belong to with --challenge TAG\n"));
      return EXIT_USAGE;
    }
  if (result->kind == RALLY_STUDIO_CSV_KIND_OVERVIEW && opts->challenge != NULL)
    {
      g_printerr (_("rally import: this file holds the account overview: use --campaign NAME, or no option for the account\n"));
      return EXIT_USAGE;
    }

  if (opts->campaign != NULL && (*campaign_id = rally_import_find_campaign (store, opts->campaign)) == 0)
    {
      g_printerr (_("rally import: there is no campaign called “%s”\n"), opts->campaign);
      return EXIT_FAILURE;
    }

  if (opts->challenge != NULL)
    {
      challenge = rally_store_find_challenge (store, opts->challenge);
      if (challenge == NULL)
        {
          g_printerr (_("rally import: there is no challenge #%s\n"),
                      opts->challenge[0] == '#' ? opts->challenge + 1 : opts->challenge);
          return EXIT_FAILURE;
        }
      *challenge_id = rally_challenge_get_id (challenge);
    }

  return -1;
}

static int
import_studio_csv (const char          *path,
                   const ImportOptions *opts)
{
  g_autoptr(RallyStudioCsvResult) result = NULL;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  RallyImportCounts counts = { 0 };
  gint64 campaign_id = 0, challenge_id = 0;
  int status;

  /* Read in chunks: memory follows the rows, not the size of the file. */
  result = rally_studio_csv_parse_file (file, opts->year, NULL, &error);
  if (result == NULL && error->domain == RALLY_STUDIO_CSV_ERROR)
    {
      g_printerr ("rally import: %s: %s\n", path, error->message);
      return EXIT_FAILURE;
    }
  if (result == NULL)
    {
      g_printerr ("rally import: %s\n", error->message);
      return EXIT_FAILURE;
    }

  print_parse_notes (path, result);
  if (result->rejections->len > 0 && !opts->skip_bad_rows)
    {
      g_printerr (ngettext ("rally import: nothing was imported: %u row cannot be read. Correct it, or use --skip-bad-rows to import the other rows.\n",
                            "rally import: nothing was imported: %u rows cannot be read. Correct them, or use --skip-bad-rows to import the other rows.\n",
                            result->rejections->len),
                  result->rejections->len);
      return EXIT_FAILURE;
    }

  store = open_workspace ("import", FALSE, NULL);
  if (store == NULL)
    return EXIT_FAILURE;

  status = resolve_targets (store, result, opts, &campaign_id, &challenge_id);
  if (status >= 0)
    return status;

  if (!rally_import_studio_csv (store, result, campaign_id, challenge_id, RALLY_IMPORT_SKIP_REJECTED, &counts, &error))
    {
      g_printerr ("rally import: %s: %s\n", path, error->message);
      return EXIT_FAILURE;
    }

  g_printerr (_("Imported %u rows: %u new, %u updated, %u already up to date\n"),
              counts.inserted + counts.updated + counts.unchanged, counts.inserted, counts.updated, counts.unchanged);

  return EXIT_SUCCESS;
}

static int
current_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_get_year (now);
}

static int
cmd_import (int    argc,
            char **argv)
{
  ImportOptions opts = { .year = current_year () };
  g_autoptr(GError) error = NULL;
  char prefix[4096];
  gsize length = 0;
  int status;
  GOptionEntry entries[] = {
    { "campaign", 0, 0, G_OPTION_ARG_STRING, &opts.campaign,
      N_("Store an overview’s days as snapshots of this campaign instead of the account"), N_("NAME") },
    { "challenge", 0, 0, G_OPTION_ARG_STRING, &opts.challenge,
      N_("The challenge the videos of a content export belong to"), N_("TAG") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &opts.replace,
      N_("Restoring a backup: replace a workspace that holds data"), NULL },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &opts.skip_bad_rows,
      N_("Import the readable rows of a CSV file even if some rows cannot be read"), NULL },
    { "year", 0, 0, G_OPTION_ARG_INT, &opts.year,
      N_("The year of the latest date written without a year (default: this year)"), N_("YEAR") },
    { NULL }
  };

  if (!parse_command_options (&argc, &argv, entries, _("FILE"),
                      _("Import a TikTok Studio CSV export, or restore a JSON backup.")))
    return EXIT_USAGE;

  if (argc != 2)
    {
      g_printerr (_("Usage: rally import FILE [--workspace DIR] [--campaign NAME | --challenge TAG] [--replace]\n"));
      status = EXIT_USAGE;
    }
  else if (!read_prefix (argv[1], prefix, sizeof prefix, &length, &error))
    {
      g_printerr ("rally import: %s\n", error->message);
      status = EXIT_FAILURE;
    }
  else if (looks_like_json (prefix, length))
    status = restore_backup (argv[1], &opts);
  else
    status = import_studio_csv (argv[1], &opts);

  g_free (opts.campaign);
  g_free (opts.challenge);

  return status;
}

static const RallyCliCommand commands[] = {
  /* { "name", N_("One line for rally --help"), cmd_name }, */
  { "sample", N_("Create the sample workspace"), cmd_sample },
  { "sync", N_("Fetch challenge videos from TikTok once"), cmd_sync },
  { "export", N_("Write the videos as CSV or the whole workspace as a JSON backup"), cmd_export },
  { "import", N_("Import a TikTok Studio CSV export or restore a JSON backup"), cmd_import },
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

  g_autofree char **args = NULL;
  int at;

  g_return_val_if_fail (argc >= 2, EXIT_FAILURE);

  at = rally_cli_find_command (argc, argv);
  g_return_val_if_fail (at > 0, EXIT_FAILURE);

  command = find_command (argv[at]);
  if (command == NULL)
    {
      g_printerr (_("rally: unknown command “%s”; see rally --help\n"), argv[at]);
      return EXIT_FAILURE;
    }

  /* The command's own parser reads the options written before its name too:
   * "rally --workspace X sync" runs as "sync --workspace X". */
  args = g_new0 (char *, argc);
  args[0] = argv[at];
  for (int i = 1; i < at; i++)
    args[i] = argv[i];
  for (int i = at + 1; i < argc; i++)
    args[i - 1] = argv[i];

  return command->func (argc - 1, args);
}

/**
 * rally_cli_find_command:
 * @argc: the program's argument count
 * @argv: the program's arguments
 *
 * Finds the command word, after any `--workspace LOCATION` (or `--data-dir DIR`)
 * written before it.
 *
 * Returns: the index of the command word in @argv, or 0 when the arguments are
 *   the application's own (no word, or another option first).
 */
int
rally_cli_find_command (int    argc,
                        char **argv)
{
  int i = 1;

  while (i < argc)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--workspace") || g_str_equal (arg, "-w") || g_str_equal (arg, "--data-dir"))
        i += 2;
      else if (g_str_has_prefix (arg, "--workspace=") || g_str_has_prefix (arg, "--data-dir="))
        i += 1;
      else
        return arg[0] != '-' ? i : 0;
    }

  return 0;
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
