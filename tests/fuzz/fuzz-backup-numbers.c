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


/* libFuzzer target for the numbers of a backup restore. The input is cut into number
 * literals (digits, signs, points, exponents, in any order and length) that fill the
 * integer fields of a small backup: ids, counts, times, money. Whatever they are, a
 * restore either refuses the backup naming a record and field, or stores numbers in
 * their range: no count negative, no id below 1, and totals that never wrap. */

#include "config.h"

#include <glib.h>
#include <sqlite3.h>
#include <string.h>

#include "fuzz-workspace.h"
#include "rally-backup.h"

#define N_NUMBERS 8

static gint64
sql_int (const char *sql)
{
  sqlite3_stmt *stmt = _rally_store_prepare (store, sql, NULL);
  gint64 n = -1;

  CHECK (stmt != NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  open_fuzz_store ("fuzz-numbers-XXXXXX");
  /* a million restores: durability is not what is tested here */
  sql_int ("PRAGMA synchronous = OFF");
  return 0;
}

/* Up to N_NUMBERS literals: each byte is a character of a number, or ends one. */
static void
cut_numbers (const guint8 *data,
             size_t        size,
             GString     **numbers)
{
  static const char alphabet[] = "0123456789012345678901234567890123456789-+.eE";
  guint n = 0;

  for (guint i = 0; i < N_NUMBERS; i++)
    numbers[i] = g_string_new (NULL);
  for (size_t i = 0; i < size && n < N_NUMBERS; i++)
    {
      if (data[i] == ',' || data[i] == '\n')
        n++;
      else if (data[i] != '\0' && strchr ("0123456789-+.eE", data[i]) != NULL)
        g_string_append_c (numbers[n], data[i]);
      else
        g_string_append_c (numbers[n], alphabet[data[i] % (sizeof alphabet - 1)]);
    }
  for (guint i = 0; i < N_NUMBERS; i++)
    {
      if (numbers[i]->len == 0)
        g_string_append_c (numbers[i], '1');
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  GString *n[N_NUMBERS];
  RallyTotals totals;
  gboolean ok;

  cut_numbers (data, size, n);
  json = g_strdup_printf ("{\"format\":\"rally-backup\",\"version\":1,"
                          "\"campaigns\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"name\":\"A\",\"budget\":%s}],"
                          "\"challenges\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"hashtag\":\"A\","
                          "\"hashtag_key\":\"a\",\"pledge_per_video\":%s}],"
                          "\"videos\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,\"challenge_id\":1,"
                          "\"tiktok_id\":%s,\"views\":%s,\"likes\":%s},"
                          "{\"id\":2,\"created_at\":1,\"updated_at\":1,\"challenge_id\":1,\"tiktok_id\":2,"
                          "\"views\":%s}],"
                          "\"posts\":[],\"snapshots\":[{\"id\":1,\"created_at\":1,\"updated_at\":1,"
                          "\"challenge_id\":1,\"taken_at\":%s,\"shares\":%s}]}",
                          n[0]->str, n[1]->str, n[2]->str, n[3]->str, n[4]->str, n[5]->str, n[6]->str, n[7]->str);
  for (guint i = 0; i < N_NUMBERS; i++)
    g_string_free (n[i], TRUE);

  ok = rally_backup_restore (store, json, strlen (json), RALLY_BACKUP_RESTORE_REPLACE, NULL, NULL, &error);
  CHECK (ok == (error == NULL));
  if (!ok)
    {
      CHECK (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  CHECK (sql_int ("SELECT count(*) FROM videos WHERE views < 0 OR likes < 0 OR tiktok_id < 1") == 0);
  CHECK (sql_int ("SELECT count(*) FROM snapshots WHERE shares < 0 OR taken_at < 0") == 0);
  CHECK (sql_int ("SELECT count(*) FROM campaigns WHERE budget < 0") == 0);
  CHECK (sql_int ("SELECT count(*) FROM challenges WHERE pledge_per_video < 0") == 0);
  CHECK (rally_store_get_challenge_totals (store, 1, &totals));
  CHECK (totals.views >= 0 && totals.likes >= 0 && totals.videos == 2);
  return 0;
}
