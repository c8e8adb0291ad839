/* rally-test-pg.h
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

#include <glib.h>

G_BEGIN_DECLS

/* A real PostgreSQL server for tests, started in a temporary folder (see rally-test-pg.c). */

typedef struct _RallyTestPg RallyTestPg;

typedef enum
{
  RALLY_TEST_PG_SOCKET_ONLY = 0,
  RALLY_TEST_PG_TCP         = 1 << 0,   /* also 127.0.0.1 on a free port */
} RallyTestPgFlags;

gboolean     rally_test_pg_available       (char            **why);
RallyTestPg *rally_test_pg_start           (RallyTestPgFlags  flags,
                                            GError          **error);
void         rally_test_pg_stop            (RallyTestPg      *pg);
gboolean     rally_test_pg_stop_server     (RallyTestPg      *pg,
                                            GError          **error);
gboolean     rally_test_pg_start_server    (RallyTestPg      *pg,
                                            GError          **error);
char        *rally_test_pg_create_database (RallyTestPg      *pg,
                                            const char       *name,
                                            GError          **error);
char        *rally_test_pg_add_superuser   (RallyTestPg      *pg,
                                            const char       *name,
                                            const char       *database,
                                            GError          **error);
const char  *rally_test_pg_get_uri         (RallyTestPg      *pg);
const char  *rally_test_pg_get_user        (RallyTestPg      *pg);
const char  *rally_test_pg_get_password    (RallyTestPg      *pg);
guint16      rally_test_pg_get_tcp_port    (RallyTestPg      *pg);
char        *rally_test_pg_add_login       (const char       *uri,
                                            const char       *user,
                                            const char       *group,
                                            GError          **error);

/* For g_test_add (): a server of its own and a database "rally" for each test, stopped
 * and removed in the teardown, and by a watchdog if the test process dies first. Without
 * PostgreSQL the setup skips the test and leaves pg NULL. The user data is the flags. */
typedef struct
{
  RallyTestPg *pg;
  char        *uri;
} RallyTestPgFixture;

void rally_test_pg_fixture_setup    (RallyTestPgFixture *fixture,
                                     gconstpointer       flags);
void rally_test_pg_fixture_teardown (RallyTestPgFixture *fixture,
                                     gconstpointer       flags);

#define RALLY_TEST_PG_SKIP_IF_MISSING(fixture) \
  G_STMT_START { if ((fixture)->pg == NULL) return; } G_STMT_END

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RallyTestPg, rally_test_pg_stop)

G_END_DECLS
