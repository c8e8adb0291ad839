/* rally-test-app.c
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

/* The real application with its window, for the tests that drive both. */

#include "config.h"

#include "rally-test-app.h"

/**
 * rally_test_app_window:
 * @app: (inout): the test's application, made at the first call
 * @data_dir: (nullable): its workspace, at the first call; %NULL for the default
 *
 * Activates *@app as a person starting Rally would (a second activation presents the
 * same window), and runs the main loop until nothing is pending.
 *
 * Returns: (transfer none): its window
 */
RallyWindow *
rally_test_app_window (RallyApplication **app,
                       const char        *data_dir)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (*app == NULL)
    {
      *app = rally_application_new ();
      g_application_set_flags (G_APPLICATION (*app), G_APPLICATION_NON_UNIQUE);
      if (data_dir != NULL)
        rally_application_set_data_dir (*app, data_dir);
      g_application_register (G_APPLICATION (*app), NULL, &error);
      g_assert_no_error (error);
    }

  g_application_activate (G_APPLICATION (*app));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  window = gtk_application_get_active_window (GTK_APPLICATION (*app));
  g_assert_true (RALLY_IS_WINDOW (window));

  return RALLY_WINDOW (window);
}
