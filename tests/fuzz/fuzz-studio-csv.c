/* fuzz-studio-csv.c
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

/* libFuzzer target for the TikTok Studio CSV reader. Besides crashes and
 * sanitizer reports it checks the reader's promises: either an error or a
 * result, never both; every row and rejection carries a real line number;
 * every rejection message names its line and column. */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "rally-studio-csv.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap (); } while (0)

static void
check_result (const RallyStudioCsvResult *result,
              gsize                       length)
{
  guint max_line = 2 + (guint) length;

  for (guint i = 0; i < result->overview_rows->len; i++)
    {
      const RallyStudioOverviewRow *row = &g_array_index (result->overview_rows, RallyStudioOverviewRow, i);

      CHECK (row->line >= 2 && row->line <= max_line);
      CHECK (g_date_valid (&row->date));
      for (guint f = 0; f < RALLY_STUDIO_CSV_N_FIGURES; f++)
        CHECK (row->figures[f] >= -1);
    }

  for (guint i = 0; i < result->content_rows->len; i++)
    {
      const RallyStudioContentRow *row = g_ptr_array_index (result->content_rows, i);

      CHECK (row->line >= 2 && row->line <= max_line);
      CHECK (row->video_id > 0);
      CHECK (row->title == NULL || g_utf8_validate (row->title, -1, NULL));
    }

  for (guint i = 0; i < result->rejections->len; i++)
    {
      const RallyStudioCsvRejection *rejection = g_ptr_array_index (result->rejections, i);
      g_autofree char *where = g_strdup_printf ("Line %u, column %u", rejection->line, rejection->column);

      CHECK (rejection->line >= 2 && rejection->line <= max_line);
      CHECK (rejection->column >= 1);
      CHECK (g_str_has_prefix (rejection->message, where));
      CHECK (g_utf8_validate (rejection->message, -1, NULL));
    }
}

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RallyStudioCsvResult) result = NULL;

  result = rally_studio_csv_parse (data, size, size % 2 ? 2024 : 0, &error);

  CHECK ((result == NULL) != (error == NULL));
  if (result != NULL)
    check_result (result, size);
  else
    CHECK (g_str_has_prefix (error->message, "Line ") && g_utf8_validate (error->message, -1, NULL));

  return 0;
}
