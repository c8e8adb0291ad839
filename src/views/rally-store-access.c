/* rally-store-access.c
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

#define G_LOG_DOMAIN "RallyStoreAccess"

#include "config.h"

#include "rally-application.h"
#include "rally-store-access.h"

/* Views reach the workspace's one RallyStore through here. Until the application
 * owns the store (rally_application_get_store()), the first caller opens it in the
 * application's data folder and keeps it on the application object, so every view
 * shares one connection and sees the others' changes. */

#define STORE_KEY "rally-store-access-store"

/**
 * rally_store_access_for_widget:
 * @widget: a widget in a window of the running #RallyApplication
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Returns: (transfer none) (nullable): the store, or %NULL with @error set
 */
RallyStore *
rally_store_access_for_widget (GtkWidget  *widget,
                               GError    **error)
{
  GApplication *app = g_application_get_default ();
  GtkRoot *root;
  RallyStore *store;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root) && gtk_window_get_application (GTK_WINDOW (root)) != NULL)
    app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root)));

  if (!RALLY_IS_APPLICATION (app))
    {
      g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED,
                           "No Rally application is running");
      return NULL;
    }

  store = g_object_get_data (G_OBJECT (app), STORE_KEY);
  if (store != NULL)
    return store;

  store = rally_store_open (rally_application_get_data_dir (RALLY_APPLICATION (app)), error);
  if (store != NULL)
    g_object_set_data_full (G_OBJECT (app), STORE_KEY, store, g_object_unref);

  return store;
}
