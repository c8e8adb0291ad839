/* rally-db-libpq.c
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

/* libpq, loaded the first time a team server is asked for rather than with the
 * program. With it come Kerberos, LDAP, SASL, OpenSSL and GnuTLS, and their own
 * start-up: linked in, they took 11 ms of the start of every `rally` command
 * (`perf stat` on `rally sync --help`: 26 ms, 15 ms without) and of the window,
 * for the many who never use a team workspace. Its ABI has kept the soname
 * libpq.so.5 since PostgreSQL 8.2; the headers are the ones built against. */

#define G_LOG_DOMAIN "RallyDb"

#include "config.h"

#include <dlfcn.h>
#include <glib/gi18n.h>
#include <string.h>

#include "rally-db-libpq.h"
#include "rally-store.h"

#define LIBPQ_SONAME "libpq.so.5"

RallyLibpq _rally_libpq;

/* Opens libpq and fills in _rally_libpq; FALSE when it cannot, with its reason in
 * @message. dlopen() itself, not g_module_open(), which would try the name (and
 * a libtool archive of that name) in the current folder first: the library is looked
 * for only where the system keeps its libraries. Never closed: its functions are
 * called for the rest of the program's life. */
static gboolean
open_libpq (char **message)
{
  void *library = dlopen (LIBPQ_SONAME, RTLD_LAZY | RTLD_LOCAL);

  if (library == NULL)
    {
      *message = g_strdup (dlerror ());
      return FALSE;
    }
#define RALLY_LIBPQ_LOOKUP(name) \
  if ((_rally_libpq.name = (__typeof__ (_rally_libpq.name)) dlsym (library, #name)) == NULL) \
    { \
      *message = g_strdup_printf ("%s: %s", #name, dlerror ()); \
      memset (&_rally_libpq, 0, sizeof _rally_libpq); \
      dlclose (library); \
      return FALSE; \
    }
  RALLY_LIBPQ_FUNCTIONS (RALLY_LIBPQ_LOOKUP)
#undef RALLY_LIBPQ_LOOKUP
  return TRUE;
}

/**
 * _rally_libpq_load:
 *
 * Loads libpq once; after it returns %TRUE, in this thread or one it handed a
 * connection to, _rally_libpq's functions can be called.
 *
 * Returns: %FALSE with @error set when this system has no libpq that Rally can use
 */
gboolean
_rally_libpq_load (GError **error)
{
  static gsize loaded;  /* 1 + whether libpq could be loaded */
  static char *message;

  if (g_once_init_enter (&loaded))
    {
      gboolean ok = open_libpq (&message);

      if (!ok)
        g_debug ("Could not load %s: %s", LIBPQ_SONAME, message);
      g_once_init_leave (&loaded, ok ? 2 : 1);
    }
  if (loaded == 2)
    return TRUE;

  g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_FAILED,
               _("Team workspaces need PostgreSQL’s client library (%s, in Debian’s package libpq5), "
                 "which could not be loaded: %s"), LIBPQ_SONAME, message);
  return FALSE;
}
