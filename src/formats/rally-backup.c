/* rally-backup.c
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

/* The whole workspace as one JSON document, and back.
 *
 *   {"format":"rally-backup","version":1,"exported_at":"2026-11-25T12:00:00Z",
 *    "schema":11,"campaigns":[…],"challenges":[…],"events":[…],"posts":[…],"videos":[…],"snapshots":[…],
 *    "account":[…],"account_videos":[…]}
 *
 * Each record is an object holding every column of its table (ids, times, soft
 * delete stamps included) under the column's name, so a restore gives back exactly
 * what was exported. Integers are written with json_builder_add_int_value() and read
 * with json_node_get_int(), never through a double, so 64-bit TikTok ids survive.
 *
 * Export streams: one record at a time goes through a JsonBuilder and a
 * JsonGenerator to the output stream, one record per line, so a million videos
 * never sit in memory as a tree. The restore (rally-backup-restore.c) streams too.
 */

#define G_LOG_DOMAIN "RallyBackup"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rally-atomic-file.h"
#include "rally-backup.h"
#include "rally-backup-numbers.h"
#include "rally-backup-private.h"
#include "rally-enums.h"

G_DEFINE_QUARK (rally-backup-error-quark, rally_backup_error)

const BackupTable _rally_backup_tables[] = {
  { "campaigns", "campaigns", "id", G_STRUCT_OFFSET (RallyBackupCounts, campaigns), FALSE },
  { "challenges", "challenges", "id", G_STRUCT_OFFSET (RallyBackupCounts, challenges), FALSE },
  { "events", "events", "id", G_STRUCT_OFFSET (RallyBackupCounts, events), TRUE },
  { "planned_posts", "posts", "id", G_STRUCT_OFFSET (RallyBackupCounts, posts), FALSE },
  { "videos", "videos", "id", G_STRUCT_OFFSET (RallyBackupCounts, videos), FALSE },
  { "snapshots", "snapshots", "id", G_STRUCT_OFFSET (RallyBackupCounts, snapshots), FALSE },
  { "account", "account", "open_id", G_STRUCT_OFFSET (RallyBackupCounts, accounts), TRUE },
  { "account_videos", "account_videos", "open_id, tiktok_id", G_STRUCT_OFFSET (RallyBackupCounts, account_videos), TRUE },
};

const guint _rally_backup_n_tables = G_N_ELEMENTS (_rally_backup_tables);

/* Auxiliary methods */

static void
column_clear (gpointer data)
{
  Column *column = data;

  g_free (column->name);
  g_clear_pointer (&column->enum_class, g_type_class_unref);
}

static GType
enum_type_of (const char *table,
              const char *column)
{
  static const struct { const char *table, *column; GType (*get_type) (void); } enums[] = {
    { "campaigns", "status", rally_campaign_status_get_type },
    { "challenges", "status", rally_challenge_status_get_type },
    { "challenges", "audience", rally_audience_get_type },
    { "events", "kind", rally_event_kind_get_type },
    { "planned_posts", "status", rally_post_status_get_type },
    { "videos", "origin", rally_video_origin_get_type },
    { "snapshots", "source", rally_source_get_type },
  };

  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      if (g_str_equal (enums[i].table, table) && g_str_equal (enums[i].column, column))
        return enums[i].get_type ();
    }

  return G_TYPE_NONE;
}

/* The columns of @table as the open database has them, migrations included. */
GArray *
_rally_backup_load_columns (RallyStore  *store,
                            const char  *table,
                            GError     **error)
{
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));
  RallyDbStmt *stmt = _rally_store_stmt (store, rally_db_dialect_table_columns (_rally_store_get_dialect (store)),
                                         error);
  RallyDbStep rc;

  if (stmt == NULL)
    return NULL;

  g_array_set_clear_func (columns, column_clear);

  rally_db_stmt_bind_text (stmt, 1, table, -1);
  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      Column column = { 0 };
      const char *type = rally_db_stmt_column_text (stmt, 1);
      const char *name = rally_db_stmt_column_text (stmt, 0);

      /* A record's version and author stay with the workspace: a restore starts them anew */
      if (g_strcmp0 (name, "row_version") == 0 || g_strcmp0 (name, "changed_by") == 0)
        continue;
      column.name = g_strdup (name);
      column.is_text = type != NULL && g_ascii_strcasecmp (type, "TEXT") == 0;
      column.not_null = rally_db_stmt_column_int64 (stmt, 2) != 0;
      column.has_default = rally_db_stmt_column_int64 (stmt, 3) != 0;
      if (enum_type_of (table, column.name) != G_TYPE_NONE)
        column.enum_class = g_type_class_ref (enum_type_of (table, column.name));
      rally_backup_number_range (table, column.name, &column.min, &column.max);
      g_array_append_val (columns, column);
    }

  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_DONE)
    return NULL;

  return g_steal_pointer (&columns);
}

/* Export */

static gboolean
write_text (GOutputStream  *stream,
            const char     *text,
            GCancellable   *cancellable,
            GError        **error)
{
  return g_output_stream_write_all (stream, text, strlen (text), NULL, cancellable, error);
}

static JsonNode *
row_to_node (RallyDbStmt *stmt,
             GArray      *columns)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  for (guint i = 0; i < columns->len; i++)
    {
      json_builder_set_member_name (builder, g_array_index (columns, Column, i).name);
      switch (rally_db_stmt_column_type (stmt, i))
        {
        case RALLY_DB_TYPE_INTEGER:
          json_builder_add_int_value (builder, rally_db_stmt_column_int64 (stmt, i));
          break;
        case RALLY_DB_TYPE_FLOAT:
          json_builder_add_double_value (builder, rally_db_stmt_column_double (stmt, i));
          break;
        case RALLY_DB_TYPE_NULL:
          json_builder_add_null_value (builder);
          break;
        case RALLY_DB_TYPE_TEXT:
        default:
          json_builder_add_string_value (builder, rally_db_stmt_column_text (stmt, i));
          break;
        }
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
is_text_column (GArray     *columns,
                const char *name)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_str_equal (g_array_index (columns, Column, i).name, name))
      return g_array_index (columns, Column, i).is_text;
  return FALSE;
}

/* Text keys are sorted by their bytes on both engines, so that the backups of the
 * same data are the same. */
static char *
select_all_sql (RallyStore        *store,
                const BackupTable *table,
                GArray            *columns)
{
  GString *sql = g_string_new ("SELECT ");
  g_auto(GStrv) keys = g_strsplit (table->order_by, ",", -1);

  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, "%s\"%s\"", i > 0 ? ", " : "", g_array_index (columns, Column, i).name);
  g_string_append_printf (sql, " FROM %s ORDER BY ", table->table);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *key = g_strstrip (keys[i]);

      g_string_append_printf (sql, "%s%s%s", i > 0 ? ", " : "", key,
                              is_text_column (columns, key)
                              ? rally_db_dialect_binary_collation (_rally_store_get_dialect (store)) : "");
    }

  return g_string_free (sql, FALSE);
}

static gboolean
export_table (RallyStore         *store,
              const BackupTable  *table,
              GOutputStream      *stream,
              guint64            *count,
              GCancellable       *cancellable,
              GError            **error)
{
  g_autoptr(GArray) columns = _rally_backup_load_columns (store, table->table, error);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *sql = NULL;
  g_autofree char *head = NULL;
  RallyDbStmt *stmt;
  RallyDbStep rc;

  if (columns == NULL)
    return FALSE;

  sql = select_all_sql (store, table, columns);
  stmt = _rally_store_stmt (store, sql, error);
  if (stmt == NULL)
    return FALSE;

  head = g_strdup_printf (",\n\"%s\":[", table->key);
  if (!write_text (stream, head, cancellable, error))
    return FALSE;

  *count = 0;
  while ((rc = rally_db_stmt_step (stmt, error)) == RALLY_DB_ROW)
    {
      g_autoptr(JsonNode) node = row_to_node (stmt, columns);
      g_autofree char *text = NULL;

      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      if (!write_text (stream, *count > 0 ? ",\n" : "\n", cancellable, error) ||
          !write_text (stream, text, cancellable, error))
        {
          rally_db_stmt_reset (stmt);
          return FALSE;
        }
      (*count)++;
    }

  rally_db_stmt_reset (stmt);
  if (rc != RALLY_DB_DONE)
    return FALSE;

  return write_text (stream, "]", cancellable, error);
}

static int
schema_version (RallyStore *store)
{
  gint64 version = rally_db_schema_version (store->conn, NULL);

  return (int) MAX (version, 0);
}

static char *
header_text (RallyStore *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  return g_strdup_printf ("{\"format\":\"%s\",\"version\":%d,\"exported_at\":\"%s\","
                          "\"generator\":\"rally %s\",\"schema\":%d",
                          RALLY_BACKUP_FORMAT, RALLY_BACKUP_VERSION, stamp,
                          PACKAGE_VERSION, schema_version (store));
}

/* Public API: export */

/**
 * rally_backup_export:
 * @store: the workspace
 * @stream: where to write the JSON document
 * @counts: (out) (optional): how many records were written
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Writes the whole workspace as one JSON document. The records are read in one
 * transaction, so the backup is consistent even while something else writes.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_backup_export (RallyStore         *store,
                     GOutputStream      *stream,
                     RallyBackupCounts  *counts,
                     GCancellable       *cancellable,
                     GError            **error)
{
  RallyBackupCounts local = { 0 };
  g_autofree char *header = NULL;
  const char *snapshot;
  gboolean ok;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rally_store_begin (store, error))
    return FALSE;
  snapshot = rally_db_dialect_snapshot (_rally_store_get_dialect (store));
  if (snapshot != NULL && !_rally_store_exec (store, snapshot, error))
    {
      _rally_store_rollback (store);
      return FALSE;
    }

  header = header_text (store);
  ok = write_text (stream, header, cancellable, error);
  for (guint i = 0; ok && i < _rally_backup_n_tables; i++)
    ok = export_table (store, &_rally_backup_tables[i], stream,
                       G_STRUCT_MEMBER_P (&local, _rally_backup_tables[i].count_offset), cancellable, error);
  ok = ok && write_text (stream, "}\n", cancellable, error);

  /* Nothing was written to the database: rolling back ends the read transaction. */
  _rally_store_rollback (store);

  if (ok && counts != NULL)
    *counts = local;

  return ok;
}

/**
 * rally_backup_export_file:
 *
 * Like rally_backup_export(), to @file. The file is replaced only once the whole
 * backup is written, so a failure never leaves a truncated backup behind.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_backup_export_file (RallyStore         *store,
                          GFile              *file,
                          RallyBackupCounts  *counts,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_autoptr(RallyAtomicFile) out = NULL;
  g_autoptr(GOutputStream) buffered = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Could not write “%s”: not a local file"), uri);
      return FALSE;
    }

  /* Written beside the target and renamed over it once whole. */
  out = rally_atomic_file_open (path, error);
  if (out == NULL)
    return FALSE;
  buffered = g_buffered_output_stream_new_sized (rally_atomic_file_get_stream (out), 256 * 1024);
  g_filter_output_stream_set_close_base_stream (G_FILTER_OUTPUT_STREAM (buffered), FALSE);
  return rally_backup_export (store, buffered, counts, cancellable, error) &&
         g_output_stream_flush (buffered, cancellable, error) &&
         rally_atomic_file_commit (out, error);
}

/* Public API */

/**
 * rally_backup_store_is_blank:
 *
 * Returns: %TRUE when the workspace holds no record at all (deleted ones included),
 *   so that a backup can be restored into it.
 */
gboolean
rally_backup_store_is_blank (RallyStore *store)
{
  gboolean blank = TRUE;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);

  for (guint i = 0; blank && i < _rally_backup_n_tables; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s)", _rally_backup_tables[i].table);
      RallyDbStmt *stmt = _rally_store_stmt (store, sql, NULL);

      if (stmt == NULL || rally_db_stmt_step (stmt, NULL) != RALLY_DB_ROW || rally_db_stmt_column_int64 (stmt, 0) != 0)
        blank = FALSE;
      if (stmt != NULL)
        rally_db_stmt_reset (stmt);
    }

  return blank;
}
