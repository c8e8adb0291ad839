/* rally-test-ui.h
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

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean   rally_test_init_gtk    (void);
GtkWindow *rally_test_find_window (GType type);
GtkWidget *rally_test_find_descendant (GtkWidget  *widget,
                                       GType       type,
                                       const char *name);
gboolean   rally_test_close_app   (GtkApplication **app,
                                   GObject         *store);
gboolean   rally_test_shows_label     (GtkWidget  *widget,
                                       const char *text);
gint64     rally_test_wait_for_label  (GtkWidget  *widget,
                                       const char *text,
                                       gint64      within_us);

G_END_DECLS
