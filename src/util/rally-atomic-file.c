/* rally-atomic-file.c
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

/* Writing a file so that it is either whole or absent: the bytes go to a hidden
 * temporary file beside the target, which is synced to disk and renamed over the
 * target only once everything was written. A failure, a signal (once
 * rally_atomic_file_remove_on_signal() was called) or dropping the file without
 * committing removes the temporary file; the target is never truncated. SIGKILL
 * can leave the temporary file, never a cut-off target.
 *
 * Targets that are not regular files (/dev/null, a pipe, a terminal) and the
 * process's own descriptors (/dev/stdout, /dev/fd/N, which lead to /proc) are
 * written in place: renaming over them would replace a device or a link. */

#define G_LOG_DOMAIN "RallyAtomicFile"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rally-atomic-file.h"

struct _RallyAtomicFile
{
  char          *target;     /* the file renamed over, NULL when written in place */
  char          *temp_path;  /* NULL when written in place */
  int            fd;
  GOutputStream *stream;
  gboolean       committed;
};

/* The temporary file a signal removes: async-signal-safe means a static buffer. */
static char signal_temp_path[PATH_MAX];

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  /* Translators: a file name, then why it could not be written */
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write “%s”: %s"),
               path, g_strerror (saved_errno));
  return FALSE;
}

/* /dev/stdout, /dev/fd/N and /proc/self/fd/N lead to the process's own descriptors. */
static gboolean
is_own_descriptor (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  char real[PATH_MAX];
  char link[PATH_MAX];
  ssize_t n;

  if (realpath (dir, real) != NULL && g_str_has_prefix (real, "/proc/"))
    return TRUE;
  n = readlink (path, link, sizeof link - 1);
  if (n <= 0)
    return FALSE;
  link[n] = '\0';
  return g_str_has_prefix (link, "/proc/");
}

static gboolean
open_in_place (RallyAtomicFile  *self,
               const char       *path,
               GError          **error)
{
  /* O_APPEND: /dev/stdout reopened on a file that the shell opened with >> */
  self->fd = g_open (path, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
  if (self->fd < 0)
    return set_errno_error (error, errno, path);
  return TRUE;
}

static gboolean
open_temp (RallyAtomicFile  *self,
           const char       *path,
           GError          **error)
{
  char real[PATH_MAX];
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  struct stat st;
  mode_t mask;

  /* A link to a file: replace the file it leads to, not the link. */
  self->target = realpath (path, real) != NULL ? g_strdup (real) : g_strdup (path);
  dir = g_path_get_dirname (self->target);
  base = g_path_get_basename (self->target);
  self->temp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  self->fd = g_mkstemp_full (self->temp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&self->temp_path, g_free);
      return set_errno_error (error, saved_errno, path);
    }

  /* The mode of the file replaced, or what a new file gets. */
  if (stat (self->target, &st) == 0)
    fchmod (self->fd, st.st_mode & 07777);
  else
    {
      mask = umask (0);
      umask (mask);
      fchmod (self->fd, 0666 & ~mask);
    }
  return TRUE;
}

static void
remove_temp (RallyAtomicFile *self)
{
  if (self->temp_path == NULL)
    return;
  if (g_strcmp0 (signal_temp_path, self->temp_path) == 0)
    signal_temp_path[0] = '\0';
  g_unlink (self->temp_path);
  g_clear_pointer (&self->temp_path, g_free);
}

/**
 * rally_atomic_file_open:
 * @path: the file to write
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the file being written; write to its stream,
 *   then rally_atomic_file_commit(), or free it to give up
 */
RallyAtomicFile *
rally_atomic_file_open (const char  *path,
                        GError     **error)
{
  g_autoptr(RallyAtomicFile) self = g_new0 (RallyAtomicFile, 1);
  struct stat st;
  gboolean in_place;

  g_return_val_if_fail (path != NULL, NULL);

  self->fd = -1;
  in_place = (stat (path, &st) == 0 && !S_ISREG (st.st_mode)) || is_own_descriptor (path);
  if (!(in_place ? open_in_place (self, path, error) : open_temp (self, path, error)))
    return NULL;

  self->stream = g_unix_output_stream_new (self->fd, FALSE);
  return g_steal_pointer (&self);
}

GOutputStream *
rally_atomic_file_get_stream (RallyAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

/* Returns: (nullable): the temporary file, or %NULL when the target is written in place */
const char *
rally_atomic_file_get_temp_path (RallyAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->temp_path;
}

/**
 * rally_atomic_file_commit:
 *
 * Syncs the written bytes to disk and renames the temporary file over the target.
 * On failure the temporary file is removed and the target left as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_atomic_file_commit (RallyAtomicFile  *self,
                          GError          **error)
{
  int saved_errno;

  g_return_val_if_fail (self != NULL && !self->committed, FALSE);

  if (!g_output_stream_flush (self->stream, NULL, error))
    return FALSE;
  if (self->temp_path == NULL)
    {
      self->committed = TRUE;
      return TRUE;
    }

  if (fsync (self->fd) != 0 || g_rename (self->temp_path, self->target) != 0)
    {
      saved_errno = errno;
      remove_temp (self);
      return set_errno_error (error, saved_errno, self->target);
    }
  if (g_strcmp0 (signal_temp_path, self->temp_path) == 0)
    signal_temp_path[0] = '\0';
  g_clear_pointer (&self->temp_path, g_free);
  self->committed = TRUE;
  return TRUE;
}

static void
remove_temp_and_die (int signum)
{
  if (signal_temp_path[0] != '\0')
    unlink (signal_temp_path);
  signal (signum, SIG_DFL);
  raise (signum);
}

/**
 * rally_atomic_file_remove_on_signal:
 *
 * For command-line programs: SIGINT, SIGTERM and SIGHUP remove the temporary file
 * before they end the process. One file at a time.
 */
void
rally_atomic_file_remove_on_signal (RallyAtomicFile *self)
{
  struct sigaction action = { 0 };
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP };

  g_return_if_fail (self != NULL);

  if (self->temp_path == NULL || strlen (self->temp_path) >= sizeof signal_temp_path)
    return;
  memcpy (signal_temp_path, self->temp_path, strlen (self->temp_path) + 1);
  action.sa_handler = remove_temp_and_die;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, NULL);
}

void
rally_atomic_file_free (RallyAtomicFile *self)
{
  if (self == NULL)
    return;
  remove_temp (self);
  g_clear_object (&self->stream);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self->target);
  g_free (self);
}
