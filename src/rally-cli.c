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
#include <stdlib.h>

#include "rally-cli.h"
#include "rally-sample.h"
#include "rally-store.h"

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
  if (g_get_prgname () == NULL)
    g_set_prgname ("rally");

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

static const RallyCliCommand commands[] = {
  /* { "name", N_("One line for rally --help"), cmd_name }, */
  { "sample", N_("Create the sample workspace"), cmd_sample },
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
