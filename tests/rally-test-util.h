/* rally-test-util.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

char *rally_test_isolate_user_dirs (void);
char *rally_test_compile_locale    (const char *name);
void  rally_test_iterate           (void);
void  rally_test_wait_ms           (guint       ms);
char *rally_test_computer_user_name (void);
void  rally_test_remove_tree       (const char *path);
gint64 rally_test_sql_int          (const char *db_path,
                                    const char *sql);
void  rally_test_assert_db_ok      (const char *db_path);
double rally_test_run_measured     (const char * const *argv,
                                    GSpawnFlags         flags,
                                    long               *max_rss_kb,
                                    double             *cpu_s);

int   rally_test_run_rally         (const char * const  *args,
                                    char               **err);
gboolean rally_test_kill_after_page (GSubprocess         *process);

void          rally_test_store_result_cb (GObject       *object,
                                          GAsyncResult  *result,
                                          gpointer       user_data);
GAsyncResult *rally_test_wait_result     (GAsyncResult **slot);

G_END_DECLS
