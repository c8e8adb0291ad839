/* rally-test-pg.c
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

/* A real PostgreSQL server for the tests, started by the test itself:
 *
 * - initdb once per test process into a template cluster, then per server a copy of it,
 *   started with pg_ctl in a temporary folder, listening on a Unix socket in that folder
 *   only (and on 127.0.0.1 on a free port when asked), fsync off; the superuser needs no
 *   password on the socket, and rally_test_pg_get_password() over TCP (scram-sha-256);
 * - PostgreSQL refuses to run as root, so as root (CI) initdb and pg_ctl run as the user
 *   "postgres" that the Debian package creates (runuser -u postgres --), in folders it owns;
 * - each folder has a watchdog, a shell that waits for the test process to close a pipe
 *   (as its exit does, however it ends) and then stops the server and removes the
 *   folder; rally_test_pg_stop() closes the pipe and waits for it.
 *
 * The binaries: $RALLY_TEST_PG_BINDIR, else /usr/lib/postgresql/15/bin, else the PATH. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include "rally-test-pg.h"

#define DEBIAN_BINDIR "/usr/lib/postgresql/15/bin"
#define OS_USER "postgres"
#define PG_USER "rally_test"
#define PG_PASSWORD "rally-test-password"
#define SOCKET_PORT 5432

struct _RallyTestPg
{
  char        *dir;
  char        *uri;        /* of the database "postgres" */
  guint16      port;
  gboolean     tcp;
  GSubprocess *watchdog;
};

static char *template_dir;          /* an initdb'd cluster in template_dir/data */
static GSubprocess *template_watchdog;

static gboolean
as_root (void)
{
  return geteuid () == 0;
}

static char *
find_bindir (void)
{
  const char *env = g_getenv ("RALLY_TEST_PG_BINDIR");
  g_autofree char *initdb = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (DEBIAN_BINDIR "/initdb", G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (DEBIAN_BINDIR);
  initdb = g_find_program_in_path ("initdb");
  return initdb != NULL ? g_path_get_dirname (initdb) : NULL;
}

static const char *
bindir (void)
{
  static char *dir;

  if (dir == NULL)
    dir = find_bindir ();
  return dir;
}

/**
 * rally_test_pg_available:
 * @why: (out) (optional): why not, for the skip message
 *
 * Returns: whether a PostgreSQL server can be started here
 */
gboolean
rally_test_pg_available (char **why)
{
  g_autofree char *reason = NULL;
  g_autofree char *pg_ctl = NULL;
  g_autofree char *runuser = NULL;

  if (bindir () == NULL)
    reason = g_strdup ("PostgreSQL 15 is not installed (no initdb in " DEBIAN_BINDIR " nor the PATH; "
                       "sh build-aux/setup.sh test installs postgresql-15)");
  else if (!g_file_test ((pg_ctl = g_build_filename (bindir (), "pg_ctl", NULL)), G_FILE_TEST_IS_EXECUTABLE))
    reason = g_strdup_printf ("PostgreSQL is not complete: no %s", pg_ctl);
  else if (as_root () && getpwnam (OS_USER) == NULL)
    reason = g_strdup ("PostgreSQL refuses to run as root, and there is no user \"" OS_USER "\" to run it as");
  else if (as_root () && (runuser = g_find_program_in_path ("runuser")) == NULL)
    reason = g_strdup ("PostgreSQL refuses to run as root, and runuser is missing");

  if (reason == NULL)
    return TRUE;
  if (why != NULL)
    *why = g_steal_pointer (&reason);
  return FALSE;
}

/* ARGV[0] is a PostgreSQL program, run as "postgres" when we are root. */
static GStrv
server_argv (const char * const *argv)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (as_root ())
    {
      const char *prefix[] = { "runuser", "-u", OS_USER, "--", NULL };
      g_strv_builder_addv (builder, prefix);
    }
  {
    g_autofree char *program = g_build_filename (bindir (), argv[0], NULL);
    g_strv_builder_add (builder, program);
  }
  g_strv_builder_addv (builder, (const char **) argv + 1);

  return g_strv_builder_end (builder);
}

static gboolean
run (const char * const  *argv,
     gboolean             as_server,
     GError             **error)
{
  g_auto(GStrv) full = as_server ? server_argv (argv) : g_strdupv ((GStrv) argv);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;

  process = g_subprocess_newv ((const char * const *) full,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, error))
    return FALSE;

  if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
    return TRUE;

  {
    g_autofree char *command = g_strjoinv (" ", full);
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s", command, output != NULL ? output : "");
  }
  return FALSE;
}

static void
new_session (gpointer data)
{
  setsid ();
}

/* Stops the server of DIR and removes DIR once the returned process's stdin closes. */
static GSubprocess *
start_watchdog (const char  *dir,
                GError     **error)
{
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  const char *stop[] = { "pg_ctl", "-D", data, "-m", "immediate", "-w", "-s", "stop", NULL };
  g_auto(GStrv) stop_argv = server_argv (stop);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add_many (builder, "sh", "-c", "read _; \"$@\"; rm -rf \"$0\"", dir, NULL);
  g_strv_builder_addv (builder, (const char **) stop_argv);
  argv = g_strv_builder_end (builder);

  /* Out of the test's process group, so that killing the group still lets it clean up. */
  g_subprocess_launcher_set_child_setup (launcher, new_session, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, error);
}

static void
finish_watchdog (GSubprocess *watchdog)
{
  if (watchdog == NULL)
    return;
  g_output_stream_close (g_subprocess_get_stdin_pipe (watchdog), NULL, NULL);
  g_subprocess_wait (watchdog, NULL, NULL);
  g_object_unref (watchdog);
}

/* A new temporary folder that the server's user owns, with its watchdog. */
static char *
make_dir (GSubprocess **watchdog,
          GError      **error)
{
  g_autofree char *dir = g_dir_make_tmp ("rally-pg-XXXXXX", error);
  struct passwd *user;

  if (dir == NULL)
    return NULL;

  if (as_root ())
    {
      user = getpwnam (OS_USER);
      if (user == NULL || chown (dir, user->pw_uid, user->pw_gid) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not give %s to " OS_USER, dir);
          rmdir (dir);
          return NULL;
        }
    }

  *watchdog = start_watchdog (dir, error);
  if (*watchdog == NULL)
    {
      rmdir (dir);
      return NULL;
    }

  return g_steal_pointer (&dir);
}

static const char *
ensure_template (GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *pwfile = NULL;

  if (template_dir != NULL)
    return template_dir;

  dir = make_dir (&template_watchdog, error);
  if (dir == NULL)
    return NULL;

  data = g_build_filename (dir, "data", NULL);
  pwfile = g_build_filename (dir, "pwfile", NULL);
  {
    const char *initdb[] = { "initdb", "-D", data, "-U", PG_USER, "--pwfile", pwfile,
                             "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                             "--locale=C.UTF-8", "--no-sync", "--no-instructions", NULL };

    /* (read by initdb as the server's user) */
    if (!g_file_set_contents (pwfile, PG_PASSWORD "\n", -1, error) || g_chmod (pwfile, 0644) != 0 ||
        !run (initdb, TRUE, error))
      {
        g_clear_pointer (&template_watchdog, finish_watchdog);
        return NULL;
      }
  }

  template_dir = g_steal_pointer (&dir);
  return template_dir;
}

static guint16
free_tcp_port (GError **error)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, any, FALSE, error) ||
      (bound = g_socket_get_local_address (socket, error)) == NULL)
    return 0;

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
uri_for (RallyTestPg *pg,
         const char  *database)
{
  g_autofree char *host = g_uri_escape_string (pg->dir, NULL, FALSE);

  return g_strdup_printf ("postgresql://" PG_USER "@/%s?host=%s&port=%u", database, host, pg->port);
}

/* pg_ctl start on the cluster in pg->dir. */
static gboolean
run_server (RallyTestPg  *pg,
            GError      **error)
{
  g_autofree char *data = g_build_filename (pg->dir, "data", NULL);
  g_autofree char *log = g_build_filename (pg->dir, "log", NULL);
  g_autofree char *options = NULL;
  const char *start[] = { "pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "-s", "-o", NULL, "start", NULL };

  options = g_strdup_printf ("-k %s -p %u -c listen_addresses=%s -c fsync=off -c synchronous_commit=off"
                             " -c full_page_writes=off", pg->dir, pg->port, pg->tcp ? "127.0.0.1" : "''");
  start[10] = options;

  return run (start, TRUE, error);
}

static gboolean
start_server (RallyTestPg  *pg,
              GError      **error)
{
  g_autofree char *data = g_build_filename (pg->dir, "data", NULL);
  g_autofree char *source = g_build_filename (ensure_template (error), "data", NULL);
  const char *copy[] = { "cp", "-a", source, data, NULL };

  if (template_dir == NULL)
    return FALSE;

  return run (copy, FALSE, error) && run_server (pg, error);
}

/**
 * rally_test_pg_start:
 * @flags: whether to listen on 127.0.0.1 as well
 * @error: why it could not start
 *
 * Returns: (transfer full) (nullable): a running server, whose superuser is
 *   rally_test_pg_get_user()
 */
RallyTestPg *
rally_test_pg_start (RallyTestPgFlags   flags,
                     GError           **error)
{
  g_autoptr(RallyTestPg) pg = g_new0 (RallyTestPg, 1);
  g_autofree char *why = NULL;

  if (!rally_test_pg_available (&why))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, why);
      return NULL;
    }

  pg->tcp = (flags & RALLY_TEST_PG_TCP) != 0;
  pg->port = pg->tcp ? free_tcp_port (error) : SOCKET_PORT;
  if (pg->port == 0)
    return NULL;

  pg->dir = make_dir (&pg->watchdog, error);
  if (pg->dir == NULL || !start_server (pg, error))
    return NULL;

  pg->uri = uri_for (pg, "postgres");
  return g_steal_pointer (&pg);
}

/**
 * rally_test_pg_stop:
 * @pg: (nullable): a server
 *
 * Stops @pg and removes its folder.
 */
void
rally_test_pg_stop (RallyTestPg *pg)
{
  if (pg == NULL)
    return;

  finish_watchdog (pg->watchdog);
  g_free (pg->dir);
  g_free (pg->uri);
  g_free (pg);
}

/* Runs @sql (one command) on the database "postgres" as the server's superuser. */
static gboolean
run_as_admin (RallyTestPg  *pg,
              const char   *sql,
              GError      **error)
{
  PGconn *conn = PQconnectdb (pg->uri);
  PGresult *result = NULL;
  gboolean ok;

  ok = PQstatus (conn) == CONNECTION_OK &&
       PQresultStatus ((result = PQexec (conn, sql))) == PGRES_COMMAND_OK;
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not run %s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);

  return ok;
}

/**
 * rally_test_pg_stop_server:
 * @pg: a running server
 * @error: why it could not stop
 *
 * Stops @pg as its administrator would (pg_ctl stop, fast: open connections are
 * ended), keeping its data for rally_test_pg_start_server().
 */
gboolean
rally_test_pg_stop_server (RallyTestPg  *pg,
                           GError      **error)
{
  g_autofree char *data = g_build_filename (pg->dir, "data", NULL);
  const char *stop[] = { "pg_ctl", "-D", data, "-m", "fast", "-w", "-s", "stop", NULL };

  return run (stop, TRUE, error);
}

/**
 * rally_test_pg_start_server:
 * @pg: a server stopped by rally_test_pg_stop_server()
 * @error: why it could not start
 *
 * Starts @pg again, at the same address and with the same data.
 */
gboolean
rally_test_pg_start_server (RallyTestPg  *pg,
                            GError      **error)
{
  return run_server (pg, error);
}

/**
 * rally_test_pg_create_database:
 * @pg: a server
 * @name: a database name (letters, digits, _)
 * @error: why not
 *
 * Returns: (transfer full) (nullable): the libpq URI of the new database, over the
 *   Unix socket
 */
char *
rally_test_pg_create_database (RallyTestPg  *pg,
                               const char   *name,
                               GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE \"%s\"", name);

  return run_as_admin (pg, sql, error) ? uri_for (pg, name) : NULL;
}

/**
 * rally_test_pg_add_superuser:
 * @name: the new login role (letters, digits, _)
 * @database: a database of the server
 * @error: why not
 *
 * Creates a login role @name (a superuser: a second person on the server, for what a
 * save records as its author) and returns the URI that connects to @database as it.
 *
 * Returns: (transfer full) (nullable): the libpq URI, over the Unix socket
 */
char *
rally_test_pg_add_superuser (RallyTestPg  *pg,
                             const char   *name,
                             const char   *database,
                             GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("CREATE ROLE \"%s\" LOGIN SUPERUSER", name);
  g_autofree char *host = g_uri_escape_string (pg->dir, NULL, FALSE);

  if (!run_as_admin (pg, sql, error))
    return NULL;

  return g_strdup_printf ("postgresql://%s@/%s?host=%s&port=%u", name, database, host, pg->port);
}

/* The URI of the database "postgres". */
const char *
rally_test_pg_get_uri (RallyTestPg *pg)
{
  return pg->uri;
}

const char *
rally_test_pg_get_user (RallyTestPg *pg)
{
  return PG_USER;
}

/* The superuser's password, asked for over TCP only. */
const char *
rally_test_pg_get_password (RallyTestPg *pg)
{
  return PG_PASSWORD;
}

/* 0 unless started with RALLY_TEST_PG_TCP. */
guint16
rally_test_pg_get_tcp_port (RallyTestPg *pg)
{
  return pg->tcp ? pg->port : 0;
}

void
rally_test_pg_fixture_setup (RallyTestPgFixture *fixture,
                             gconstpointer       flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;

  if (!rally_test_pg_available (&why))
    {
      g_test_skip (why);
      return;
    }

  fixture->pg = rally_test_pg_start (GPOINTER_TO_INT (flags), &error);
  g_assert_no_error (error);
  fixture->uri = rally_test_pg_create_database (fixture->pg, "rally", &error);
  g_assert_no_error (error);
}

void
rally_test_pg_fixture_teardown (RallyTestPgFixture *fixture,
                                gconstpointer       flags)
{
  g_clear_pointer (&fixture->pg, rally_test_pg_stop);
  g_clear_pointer (&fixture->uri, g_free);
}

/**
 * rally_test_pg_add_login:
 * @uri: a database's URI, as its superuser
 * @user: a new login role (letters, digits, _)
 * @group: (nullable): a role to grant it, e.g. a workspace's group role
 * @error: why not
 *
 * Creates the login role @user (without a password: the socket trusts it) and grants
 * it @group.
 *
 * Returns: (transfer full) (nullable): @uri for @user
 */
char *
rally_test_pg_add_login (const char  *uri,
                         const char  *user,
                         const char  *group,
                         GError     **error)
{
  g_autofree char *sql = group != NULL ? g_strdup_printf ("CREATE ROLE %s LOGIN; GRANT %s TO %s", user, group, user)
                                       : g_strdup_printf ("CREATE ROLE %s LOGIN", user);
  PGconn *conn = PQconnectdb (uri);
  PGresult *result = NULL;
  gboolean ok;

  ok = PQstatus (conn) == CONNECTION_OK &&
       PQresultStatus ((result = PQexec (conn, sql))) == PGRES_COMMAND_OK;
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not add the login %s: %s", user,
                 PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);

  return ok ? g_strdup_printf ("%s%suser=%s", uri, strchr (uri, '?') != NULL ? "&" : "?", user) : NULL;
}
