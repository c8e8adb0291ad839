/* fuzz-backup-numbers.c
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


/* libFuzzer target for the numbers of a backup restore: how a literal in an integer
 * field is read (rally_json_sanitize(), then json-glib) and checked
 * (rally_backup_check_number()). The input is cut into number literals (digits,
 * signs, points, exponents, in any order and length), each tried in every kind of
 * column. A number is accepted only when it is exactly the literal (never wrapped,
 * never rounded) and within its column's range; every plain integer from 1 to the
 * year 9999 is accepted everywhere; a refusal says why. */

#include "config.h"

#include <glib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rally-backup-numbers.h"
#include "rally-json-text.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap (); } while (0)
#define MAX_NUMBERS 8
#define LATEST      G_GINT64_CONSTANT (253402300799)

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static const struct { const char *table, *column; } columns[] = {
  { "videos", "views" }, { "videos", "tiktok_id" }, { "snapshots", "taken_at" }, { "campaigns", "budget" },
  { "account", "followers" }, { "challenges", "start_date" }, { "planned_posts", "deleted_with" },
};

/* -?(0|[1-9][0-9]*): an integer as JSON writes it */
static gboolean
is_json_integer (const char *text)
{
  const char *p = text[0] == '-' ? text + 1 : text;

  if (p[0] == '\0' || (p[0] == '0' && p[1] != '\0'))
    return FALSE;
  for (; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return TRUE;
}

static void
check_literal (JsonParser *parser,
               const char *literal)
{
  g_autofree char *text = g_strdup_printf ("{\"v\":%s}", literal);
  g_autofree char *clean = NULL;
  gsize clean_length = 0;
  gint64 exact = 0;
  gboolean numeric, plain;
  JsonNode *root, *value;

  /* json-glib also reads "007" as 7: what counts is the number's value */
  numeric = g_ascii_string_to_signed (literal, 10, G_MININT64, G_MAXINT64, &exact, NULL);
  plain = numeric && is_json_integer (literal);
  clean = rally_json_sanitize (text, strlen (text), &clean_length);
  if (clean == NULL)
    return;
  if (!json_parser_load_from_data (parser, clean, clean_length, NULL))
    {
      CHECK (!plain);  /* an integer literal always parses */
      return;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  value = json_object_get_member (json_node_get_object (root), "v");
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *reason = rally_backup_check_number (columns[i].table, columns[i].column, value);

      if (reason != NULL)
        {
          CHECK (g_utf8_validate (reason, -1, NULL) && reason[0] != '\0');
          CHECK (!(plain && exact >= 1 && exact <= LATEST));
          continue;
        }
      /* accepted: exactly the literal, in range */
      CHECK (json_node_get_value_type (value) == G_TYPE_INT64);
      CHECK (numeric && json_node_get_int (value) == exact);
      CHECK (exact >= -1);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static const char alphabet[] = "0123456789012345678901234567890123456789-+.eE";
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) literal = g_string_new (NULL);
  guint n = 0;

  for (size_t i = 0; i <= size && n < MAX_NUMBERS; i++)
    {
      if (i == size || data[i] == ',' || data[i] == '\n')
        {
          if (literal->len > 0)
            check_literal (parser, literal->str);
          g_string_truncate (literal, 0);
          n++;
        }
      else if (data[i] != '\0' && strchr ("0123456789-+.eE", data[i]) != NULL)
        g_string_append_c (literal, data[i]);
      else
        g_string_append_c (literal, alphabet[data[i] % (sizeof alphabet - 1)]);
    }
  return 0;
}
