/* main.c
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

/* `rally`: the headless commands (sync, export, import, sample) run here, on the
 * core layers alone, so `rally sync` from cron loads no GTK (a hundred libraries
 * fewer: about 40 ms at every start). Anything else (the window, --help, `rally
 * report`) becomes the program with GTK, rally-app (rally-app-main.c), with the same
 * arguments and process. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "rally-cli.h"

/* rally-app beside this program when it runs from the build tree (found by
 * /proc/self/exe, else by @argv0 when it names a path), else the installed one */
static char *
app_program (const char *argv0)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self)
                         : strchr (argv0, '/') != NULL ? g_path_get_dirname (argv0) : NULL;

  if (dir != NULL && !g_str_equal (dir, BINDIR))
    {
      char *beside = g_build_filename (dir, "rally-app", NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return beside;
      g_free (beside);
    }
  return g_build_filename (LIBEXECDIR, "rally-app", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *app = NULL;
  int at;

  rally_cli_init_program ();

  at = rally_cli_find_command (argc, argv);
  if (at > 0 && !rally_cli_command_draws (argv[at]))
    return rally_cli_run (argc, argv);

  app = app_program (argv[0]);
  execv (app, argv);
  g_printerr (_("rally: could not start %s: %s\n"), app, g_strerror (errno));
  return EXIT_FAILURE;
}
