/* rally-csv-field.c
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

/* Text fields of every CSV file Rally writes. Text can come from outside (a TikTok
 * Studio export, a backup, the API), so a field is always quoted by libcsv's writer
 * (a comma, quote, CR or LF inside cannot start a new field or row), and a field that
 * a spreadsheet would run as a formula (starting with = + - @ TAB or CR) gets a
 * leading apostrophe, which spreadsheets show as text. */

#define G_LOG_DOMAIN "RallyCsv"

#include "config.h"

#include <csv.h>
#include <string.h>

#include "rally-csv-field.h"

/* Returns: (transfer full): @text, with an apostrophe first when a spreadsheet would
 *   take it for a formula, or would hide the apostrophe it starts with */
char *
rally_csv_neutralize (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (text[0] != '\0' && strchr ("=+-@\t\r'", text[0]) != NULL)
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

/* Returns: @text without the apostrophe rally_csv_neutralize() puts first, if it
 *   has one (a pointer into @text) */
const char *
rally_csv_unneutralized (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (text[0] == '\'' && text[1] != '\0' && strchr ("=+-@\t\r'", text[1]) != NULL)
    return text + 1;
  return text;
}

/**
 * rally_csv_append_field:
 * @line: the row being built
 * @text: (nullable): the field's text; %NULL is an empty field
 *
 * Appends @text neutralized and quoted, without a separator.
 */
void
rally_csv_append_field (GString    *line,
                        const char *text)
{
  g_autofree char *safe = rally_csv_neutralize (text != NULL ? text : "");
  gsize len = strlen (safe);
  gsize start = line->len;
  gsize needed;

  /* at most every byte doubled, plus the two quotes */
  g_string_set_size (line, start + 2 * len + 2);
  needed = csv_write (line->str + start, 2 * len + 2, safe, len);
  g_assert (needed <= 2 * len + 2);
  g_string_truncate (line, start + needed);
}
