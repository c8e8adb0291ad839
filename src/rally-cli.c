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
#include <locale.h>
#include <stdlib.h>

#include "rally-cli.h"
#include "rally-cli-private.h"
#include "rally-sample.h"
#include "rally-store.h"
#include "rally-workspace-location.h"

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
gboolean
_rally_cli_parse_options (const char          *command,
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

/* Parses the options of a command that takes files (export, import). */
gboolean
_rally_cli_parse_command_options (int           *argc,
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

RallyStore *
_rally_cli_open_workspace (const char  *command,
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
  if (must_exist && !rally_workspace_location_is_server (dir) && !g_file_test (db, G_FILE_TEST_EXISTS))
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

/* The same for a command that writes: a role that may not change the workspace (a
 * viewer's, on a team server) is refused here, before the command does anything. */
RallyStore *
_rally_cli_open_workspace_to_write (const char  *command,
                                    gboolean     must_exist,
                                    char       **location_out)
{
  g_autoptr(RallyStore) store = _rally_cli_open_workspace (command, must_exist, location_out);
  g_autoptr(GError) error = NULL;

  if (store != NULL && !rally_store_check_can_edit (store, &error))
    {
      g_printerr ("rally %s: %s\n", command, error->message);
      if (location_out != NULL)
        g_clear_pointer (location_out, g_free);
      return NULL;
    }

  return g_steal_pointer (&store);
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

  if (!_rally_cli_parse_options ("sample", _("Create the sample workspace in an empty workspace."), entries, &argc, &argv))
    return EXIT_FAILURE;

  if (scale < 1 || scale > 1000)
    {
      g_printerr (_("rally sample: the scale must be a whole number from 1 to 1000\n"));
      return EXIT_FAILURE;
    }

  store = _rally_cli_open_workspace_to_write ("sample", FALSE, &location);
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

/**
 * rally_cli_init_program:
 *
 * What both programs (`rally` and rally-app) set up first: the locale, the
 * translations, and the application's name.
 */
void
rally_cli_init_program (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Rally"));
}

/* The report draws with the print layer, above the core: the program hands it in. */
static RallyCliFunc report_func;

/**
 * rally_cli_set_report_func:
 * @func: the `rally report` command
 */
void
rally_cli_set_report_func (RallyCliFunc func)
{
  report_func = func;
}

static int
cmd_report (int    argc,
            char **argv)
{
  if (report_func == NULL)
    {
      g_printerr (_("rally report: this program was built without reports\n"));
      return EXIT_FAILURE;
    }
  return report_func (argc, argv);
}

static const RallyCliCommand commands[] = {
  /* { "name", N_("One line for rally --help"), cmd_name }, */
  { "sample", N_("Create the sample workspace"), cmd_sample },
  { "sync", N_("Fetch challenge videos from TikTok once"), _rally_cli_sync },
  { "export", N_("Write the videos as CSV or the whole workspace as a JSON backup"), _rally_cli_export },
  { "import", N_("Import a TikTok Studio CSV export or restore a JSON backup"), _rally_cli_import },
  { "report", N_("Write a PDF report on a campaign or a challenge"), cmd_report },
  { NULL, NULL, NULL }
};

static const RallyCliCommand *
find_command (const char *name);

/**
 * rally_cli_command_draws:
 * @name: a command word
 *
 * Returns: whether the command @name draws with the print layer (GTK), which a
 *   program without it hands on to one with it (rally_cli_set_report_func())
 */
gboolean
rally_cli_command_draws (const char *name)
{
  const RallyCliCommand *command = find_command (name);

  return command != NULL && command->func == cmd_report;
}

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
