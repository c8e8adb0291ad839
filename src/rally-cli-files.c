/* rally-cli-files.c
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

/* `rally export` and `rally import`: the video CSV, the JSON backup, Studio CSV imports. */

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
#include "rally-cli-private.h"
#include "rally-import.h"
#include "rally-json-text.h"
#include "rally-store.h"
#include "rally-studio-csv.h"
#include "rally-video-csv.h"
#include "rally-wipe.h"

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
                   counts.accounts + counts.account_videos + counts.events;
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

int
_rally_cli_export (int    argc,
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

  if (!_rally_cli_parse_command_options (&argc, &argv, entries, NULL, _("Write the videos as CSV or the whole workspace as a JSON backup.")))
    return EXIT_USAGE;

  if (argc > 1 || format == NULL || !(g_str_equal (format, "csv") || g_str_equal (format, "json")) ||
      (tags != NULL && g_str_equal (format, "json")))
    {
      g_printerr (_("Usage: rally export --format csv|json [--challenge TAG] [-o FILE] [--workspace DIR]\n"
                    "--challenge applies to csv only.\n"));
      return EXIT_USAGE;
    }

  store = _rally_cli_open_workspace ("export", TRUE, NULL);
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

  store = _rally_cli_open_workspace_to_write ("import", FALSE, NULL);
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
      { N_("Events"), counts.events },
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
  if (result->n_rejected > result->rejections->len)
    g_printerr (ngettext ("%s: and %u more row that cannot be read\n",
                          "%s: and %u more rows that cannot be read\n",
                          result->n_rejected - result->rejections->len),
                path, result->n_rejected - result->rejections->len);
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
  if (result->n_rejected > 0 && !opts->skip_bad_rows)
    {
      g_printerr (ngettext ("rally import: nothing was imported: %u row cannot be read. Correct it, or use --skip-bad-rows to import the other rows.\n",
                            "rally import: nothing was imported: %u rows cannot be read. Correct them, or use --skip-bad-rows to import the other rows.\n",
                            result->n_rejected),
                  result->n_rejected);
      return EXIT_FAILURE;
    }

  store = _rally_cli_open_workspace_to_write ("import", FALSE, NULL);
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

int
_rally_cli_import (int    argc,
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

  if (!_rally_cli_parse_command_options (&argc, &argv, entries, _("FILE"),
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
