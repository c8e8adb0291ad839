/* rally-app-main.c
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

#include "config.h"

#include "rally-application.h"
#include "rally-cli.h"
#include "rally-cli-report.h"

/* The program with the window (and `rally report`, which draws): installed in
 * libexecdir, started by `rally` (main.c) whenever its arguments need GTK. It runs
 * the headless commands too, as before. */
int
main (int   argc,
      char *argv[])
{
  g_autoptr(RallyApplication) app = NULL;

  rally_cli_init_program ();

  /* `rally [--workspace X] COMMAND …` runs headless, without creating the GTK
   * application; a word that is no command is refused here too, as the application
   * opens no files. */
  rally_cli_set_report_func (rally_cli_report);
  if (rally_cli_find_command (argc, argv) > 0)
    return rally_cli_run (argc, argv);

  app = rally_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
