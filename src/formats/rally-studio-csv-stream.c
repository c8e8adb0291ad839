/* rally-studio-csv-stream.c
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

/* Reading a TikTok Studio export from a stream or a file, a chunk at a time,
 * so that memory grows with the rows understood, not with the file. */

#define G_LOG_DOMAIN "RallyStudioCsv"

#include "config.h"

#include "rally-studio-csv.h"

/**
 * rally_studio_csv_parse_stream:
 * @stream: the export
 * @default_year: as for rally_studio_csv_parse()
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put a read error or a problem that makes the file unreadable
 *
 * Reads @stream to its end in chunks (64 KiB) through a #RallyStudioCsvReader.
 * Blocks: call it from a worker thread in a window.
 *
 * Returns: (transfer full) (nullable): the rows, or %NULL with @error set.
 */
RallyStudioCsvResult *
rally_studio_csv_parse_stream (GInputStream  *stream,
                               int            default_year,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(RallyStudioCsvReader) reader = NULL;
  gsize size = _rally_studio_csv_get_chunk_size ();
  g_autofree guint8 *buffer = g_malloc (size);
  gssize n;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = rally_studio_csv_reader_new (default_year);
  while ((n = g_input_stream_read (stream, buffer, size, cancellable, error)) > 0)
    rally_studio_csv_reader_feed (reader, buffer, n);

  if (n < 0)
    return NULL;

  return rally_studio_csv_reader_finish (reader, error);
}

/**
 * rally_studio_csv_parse_file:
 * @file: the export
 * @default_year: as for rally_studio_csv_parse()
 * @cancellable: (nullable): a #GCancellable
 * @error: where to put a read error or a problem that makes the file unreadable
 *
 * Like rally_studio_csv_parse_stream() on the contents of @file.
 *
 * Returns: (transfer full) (nullable): the rows, or %NULL with @error set.
 */
RallyStudioCsvResult *
rally_studio_csv_parse_file (GFile         *file,
                             int            default_year,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  return rally_studio_csv_parse_stream (G_INPUT_STREAM (stream), default_year, cancellable, error);
}
