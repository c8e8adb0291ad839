/* rally-test-writer.c
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

/* Another Rally writing to a workspace, as a process of its own, for the tests of
 * live updates between windows: saves one campaign named NAME in LOCATION (a folder
 * or a team server's URI), then prints the monotonic time (µs, the same clock in every
 * process of this computer) at which the save had committed.
 *
 *   rally-test-writer LOCATION NAME */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "rally-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(RallyCampaign) campaign = rally_campaign_new ();
  g_autoptr(GError) error = NULL;

  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s LOCATION NAME\n", argv[0]);
      return EXIT_FAILURE;
    }

  store = rally_store_open (argv[1], &error);
  rally_campaign_set_name (campaign, argv[2]);
  if (store == NULL || !rally_store_save_campaign (store, campaign, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }

  printf ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  return EXIT_SUCCESS;
}
