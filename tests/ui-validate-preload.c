/* ui-validate-preload.c
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

/* Preloaded into gtk4-builder-tool so that `validate` knows libadwaita's types and ours.
 *
 * The tool looks up a template's parent type by name, so libadwaita's types must be
 * registered before it runs; it finds our own types (RallyCampaignsPage…) through
 * their exported *_get_type functions, which this library carries. */

#include <adwaita.h>

/* On a loaded machine the X server may not take the connection at the first try
 * (seen once in a full parallel run): try a few times, and say why it failed. */
__attribute__((constructor)) static void
register_types (void)
{
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      if (gtk_init_check ())
        {
          adw_init ();
          return;
        }
      g_usleep (200 * 1000);
    }
  g_printerr ("ui-validate-preload: could not open the display “%s”\n", g_getenv ("DISPLAY"));
}
