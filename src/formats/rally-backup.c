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
 *    "schema":6,"campaigns":[…],"challenges":[…],"posts":[…],"videos":[…],"snapshots":[…],
 *    "account":[…],"account_videos":[…]}
 *
 * Each record is an object holding every column of its table (ids, times, soft
 * delete stamps included) under the column's name, so a restore gives back exactly
 * what was exported. Integers are written with json_builder_add_int_value() and read
 * with json_node_get_int(), never through a double, so 64-bit TikTok ids survive.
 *
 * Export streams: one record at a time goes through a JsonBuilder and a
 * JsonGenerator to the output stream, one record per line, so a million videos
 * never sit in memory as a tree. Restore streams too: a scanner finds the members
 * and records of the document, JsonParser reads a few hundred records at a time,
 * every value is checked against the table's columns (and campaigns, challenges
 * and posts against the model's rules), naming the JSON path of the first
 * problem; everything is inserted in one transaction, rolled back on any error.
 */

#define G_LOG_DOMAIN "RallyBackup"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rally-atomic-file.h"
#include "rally-backup.h"
#include "rally-backup-numbers.h"
#include "rally-enums.h"
#include "rally-json-text.h"
#include "rally-store-private.h"

G_DEFINE_QUARK (rally-backup-error-quark, rally_backup_error)

typedef struct
{
  const char *table;
  const char *key;       /* in the JSON document */
  const char *order_by;
  gsize       count_offset;
  gboolean    optional;  /* absent from backups of older versions: restored as empty */
} BackupTable;

/* In the order of their foreign keys: a record only refers to earlier tables. */
static const BackupTable backup_tables[] = {
  { "campaigns", "campaigns", "id", G_STRUCT_OFFSET (RallyBackupCounts, campaigns), FALSE },
  { "challenges", "challenges", "id", G_STRUCT_OFFSET (RallyBackupCounts, challenges), FALSE },
  { "planned_posts", "posts", "id", G_STRUCT_OFFSET (RallyBackupCounts, posts), FALSE },
  { "videos", "videos", "id", G_STRUCT_OFFSET (RallyBackupCounts, videos), FALSE },
  { "snapshots", "snapshots", "id", G_STRUCT_OFFSET (RallyBackupCounts, snapshots), FALSE },
  { "account", "account", "open_id", G_STRUCT_OFFSET (RallyBackupCounts, accounts), TRUE },
  { "account_videos", "account_videos", "open_id, tiktok_id", G_STRUCT_OFFSET (RallyBackupCounts, account_videos), TRUE },
};

typedef struct
{
  char     *name;
  gboolean  is_text;
  gboolean  not_null;
  gboolean  has_default;
  GEnumClass *enum_class;  /* NULL unless the column holds an enum */
} Column;

#define CHECK_CANCEL_EVERY 4096

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
static GArray *
load_columns (RallyStore  *store,
              const char  *table,
              GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  g_autoptr(GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));
  sqlite3_stmt *stmt = _rally_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  g_array_set_clear_func (columns, column_clear);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Column column = { 0 };
      const char *type = (const char *) sqlite3_column_text (stmt, 2);

      column.name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      column.is_text = type != NULL && g_ascii_strcasecmp (type, "TEXT") == 0;
      column.not_null = sqlite3_column_int (stmt, 3) != 0;
      column.has_default = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
      if (enum_type_of (table, column.name) != G_TYPE_NONE)
        column.enum_class = g_type_class_ref (enum_type_of (table, column.name));
      g_array_append_val (columns, column);
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rally_store_set_error (store, rc, error);
      return NULL;
    }

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
row_to_node (sqlite3_stmt *stmt,
             GArray       *columns)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  for (guint i = 0; i < columns->len; i++)
    {
      json_builder_set_member_name (builder, g_array_index (columns, Column, i).name);
      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, i));
          break;
        case SQLITE_FLOAT:
          json_builder_add_double_value (builder, sqlite3_column_double (stmt, i));
          break;
        case SQLITE_NULL:
          json_builder_add_null_value (builder);
          break;
        case SQLITE_TEXT:
        case SQLITE_BLOB:
        default:
          json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, i));
          break;
        }
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static char *
select_all_sql (const BackupTable *table,
                GArray            *columns)
{
  GString *sql = g_string_new ("SELECT ");

  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, "%s\"%s\"", i > 0 ? ", " : "", g_array_index (columns, Column, i).name);
  g_string_append_printf (sql, " FROM %s ORDER BY %s", table->table, table->order_by);

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
  g_autoptr(GArray) columns = load_columns (store, table->table, error);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *sql = NULL;
  g_autofree char *head = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (columns == NULL)
    return FALSE;

  sql = select_all_sql (table, columns);
  stmt = _rally_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;

  head = g_strdup_printf (",\n\"%s\":[", table->key);
  if (!write_text (stream, head, cancellable, error))
    return FALSE;

  *count = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = row_to_node (stmt, columns);
      g_autofree char *text = NULL;

      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      if (!write_text (stream, *count > 0 ? ",\n" : "\n", cancellable, error) ||
          !write_text (stream, text, cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      (*count)++;
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _rally_store_set_error (store, rc, error);
      return FALSE;
    }

  return write_text (stream, "]", cancellable, error);
}

static int
schema_version (RallyStore *store)
{
  sqlite3_stmt *stmt = _rally_store_prepare (store, "PRAGMA user_version", NULL);
  int version = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return version;
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
  gboolean ok;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_rally_store_begin (store, error))
    return FALSE;

  header = header_text (store);
  ok = write_text (stream, header, cancellable, error);
  for (guint i = 0; ok && i < G_N_ELEMENTS (backup_tables); i++)
    ok = export_table (store, &backup_tables[i], stream,
                       G_STRUCT_MEMBER_P (&local, backup_tables[i].count_offset), cancellable, error);
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

/* Restore */

typedef struct
{
  RallyStore   *store;
  GCancellable *cancellable;
  const char   *data;     /* the whole document */
  GString      *path;     /* JSON path of the record being checked, for messages */
  GString      *sql;      /* the INSERT for records with these members… */
  GPtrArray    *members;  /* …in this order */
  sqlite3_stmt *insert;   /* r->sql prepared, owned by the store's statement cache */
  const char   *table;    /* being restored */
} Restore;

static gboolean invalid (GError     **error,
                         const char  *path,
                         const char  *format,
                         ...) G_GNUC_PRINTF (3, 4);

static gboolean
invalid (GError     **error,
         const char  *path,
         const char  *format,
         ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: a JSON path, then what is wrong: "videos[12].views: expected a number" */
  g_set_error (error, RALLY_BACKUP_ERROR, RALLY_BACKUP_ERROR_INVALID, _("%s: %s"), path, reason);

  return FALSE;
}

static gboolean invalid_member (Restore     *r,
                                const char  *member,
                                GError     **error,
                                const char  *format,
                                ...) G_GNUC_PRINTF (4, 5);

/* Reports a problem with @member of the record at r->path. */
static gboolean
invalid_member (Restore     *r,
                const char  *member,
                GError     **error,
                const char  *format,
                ...)
{
  g_autofree char *path = g_strdup_printf ("%s.%s", r->path->str, member);
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  return invalid (error, path, "%s", reason);
}

static gboolean
check_number (Restore       *r,
              const Column  *column,
              JsonNode      *value,
              GError       **error)
{
  g_autofree char *reason = rally_backup_check_number (r->table, column->name, value);

  return reason == NULL || invalid_member (r, column->name, error, "%s", reason);
}

static gboolean
check_value (Restore       *r,
             const Column  *column,
             JsonNode      *value,
             GError       **error)
{
  if (JSON_NODE_HOLDS_NULL (value))
    return !column->not_null || invalid_member (r, column->name, error, _("must not be null"));

  if (!JSON_NODE_HOLDS_VALUE (value))
    return invalid_member (r, column->name, error, "%s",
                           column->is_text ? _("expected a string") : _("expected a number"));

  if (column->is_text)
    return json_node_get_value_type (value) == G_TYPE_STRING ||
           invalid_member (r, column->name, error, "%s", _("expected a string"));

  if (column->enum_class != NULL && json_node_get_value_type (value) == G_TYPE_INT64)
    {
      gint64 n = json_node_get_int (value);

      if (n < G_MININT || n > G_MAXINT || g_enum_get_value (column->enum_class, (int) n) == NULL)
        return invalid_member (r, column->name, error,
                               _("%" PRId64 " is not one of the allowed values"), n);
      return TRUE;
    }

  return check_number (r, column, value, error);
}

static void
bind_value (sqlite3_stmt *stmt,
            int           param,
            JsonNode     *value)
{
  if (JSON_NODE_HOLDS_NULL (value))
    sqlite3_bind_null (stmt, param);
  else if (json_node_get_value_type (value) == G_TYPE_STRING)
    sqlite3_bind_text (stmt, param, json_node_get_string (value), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, param, json_node_get_int (value));
}

static gboolean
same_members (GPtrArray *previous,
              GList     *members)
{
  guint i = 0;

  for (GList *l = members; l != NULL; l = l->next, i++)
    {
      if (i >= previous->len || !g_str_equal (g_ptr_array_index (previous, i), l->data))
        return FALSE;
    }

  return i == previous->len;
}

/* A record with other members than the previous one: checks that none is missing
 * and builds its INSERT (only the members present, so columns a newer schema
 * added keep their defaults). */
static gboolean
prepare_shape (Restore     *r,
               GArray      *columns,
               const char  *table,
               JsonObject  *object,
               GList       *members,
               GError     **error)
{
  r->insert = NULL;
  g_ptr_array_set_size (r->members, 0);
  g_string_printf (r->sql, "INSERT INTO %s (", table);

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_string_append_printf (r->sql, "%s\"%s\"", r->members->len > 0 ? ", " : "", (const char *) l->data);
      g_ptr_array_add (r->members, g_strdup (l->data));
    }

  g_string_append (r->sql, ") VALUES (");
  for (guint i = 0; i < r->members->len; i++)
    g_string_append (r->sql, i > 0 ? ", ?" : "?");
  g_string_append_c (r->sql, ')');

  for (guint i = 0; i < columns->len; i++)
    {
      const Column *column = &g_array_index (columns, Column, i);

      if ((g_str_equal (column->name, "id") || (column->not_null && !column->has_default)) &&
          !json_object_has_member (object, column->name))
        {
          g_ptr_array_set_size (r->members, 0);
          return invalid_member (r, column->name, error, _("missing"));
        }
    }

  return TRUE;
}

static gboolean
check_record (Restore     *r,
              GHashTable  *by_name,
              GArray      *columns,
              const char  *table,
              JsonObject  *object,
              GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const Column *column = g_hash_table_lookup (by_name, l->data);

      if (column == NULL)
        return invalid_member (r, l->data, error, _("unknown field"));
      if (!check_value (r, column, json_object_get_member (object, l->data), error))
        return FALSE;
    }

  if (same_members (r->members, members))
    return TRUE;

  return prepare_shape (r, columns, table, object, members, error);
}

static gboolean
check_hashtag_key (Restore         *r,
                   RallyChallenge  *challenge,
                   JsonObject      *object,
                   GError         **error)
{
  g_autofree char *expected = rally_hashtag_key (rally_challenge_get_hashtag (challenge));
  const char *key = json_object_get_string_member_with_default (object, "hashtag_key", NULL);

  if (g_strcmp0 (key, expected) == 0)
    return TRUE;

  return invalid_member (r, "hashtag_key", error, _("“%s” does not match the hashtag (expected “%s”)"),
                         key != NULL ? key : "", expected);
}

/* The rules a record saved through the app obeys, checked on the restored row as
 * the store reads it back (campaigns, challenges and planned posts; videos and
 * snapshots have no rules beyond their columns). */
static gboolean
validate_restored (Restore     *r,
                   JsonObject  *object,
                   GError     **error)
{
  const RallyTable *table = NULL;
  g_autoptr(GObject) record = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean valid;

  if (g_str_equal (r->table, "campaigns"))
    table = &rally_table_campaigns;
  else if (g_str_equal (r->table, "challenges"))
    table = &rally_table_challenges;
  else if (g_str_equal (r->table, "planned_posts"))
    table = &rally_table_planned_posts;
  else
    return TRUE;

  record = _rally_store_load_record (r->store, table, json_object_get_int_member (object, "id"));
  if (record == NULL)
    return TRUE;

  if (RALLY_IS_CAMPAIGN (record))
    valid = rally_campaign_validate (RALLY_CAMPAIGN (record), &local_error);
  else if (RALLY_IS_CHALLENGE (record))
    valid = rally_challenge_validate (RALLY_CHALLENGE (record), &local_error);
  else
    valid = rally_planned_post_validate (RALLY_PLANNED_POST (record), &local_error);

  if (!valid)
    return invalid (error, r->path->str, "%s", local_error->message);

  return !RALLY_IS_CHALLENGE (record) || check_hashtag_key (r, RALLY_CHALLENGE (record), object, error);
}

static gboolean
insert_record (Restore     *r,
               JsonObject  *object,
               GError     **error)
{
  sqlite3_stmt *stmt = r->insert;
  int rc;

  if (stmt == NULL)
    {
      stmt = r->insert = _rally_store_prepare (r->store, r->sql->str, error);
      if (stmt == NULL)
        return FALSE;
    }

  for (guint i = 0; i < r->members->len; i++)
    bind_value (stmt, i + 1, json_object_get_member (object, g_ptr_array_index (r->members, i)));

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc == SQLITE_DONE)
    return validate_restored (r, object, error);

  switch (sqlite3_extended_errcode (sqlite3_db_handle (stmt)))
    {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return invalid (error, r->path->str, _("refers to a record that is not in the backup"));
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_UNIQUE:
      return invalid (error, r->path->str, _("repeats a record already in the backup (%s)"),
                      sqlite3_errmsg (sqlite3_db_handle (stmt)));
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_CONSTRAINT_CHECK:
      return invalid (error, r->path->str, "%s", sqlite3_errmsg (sqlite3_db_handle (stmt)));
    default:
      _rally_store_set_error (r->store, rc, error);
      return FALSE;
    }
}

/* Reading the document without building it as one tree: a scanner finds where each
 * top-level member and each record begins and ends, and a JsonParser reads one record
 * at a time. A million videos then need the memory of one. */

#define MAX_DEPTH 64

typedef struct
{
  gsize offset;
  gsize length;
} Span;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       depth;
  const char *problem;  /* why the text is not JSON, untranslated until reported */
} Scanner;

static gboolean scan_value (Scanner *s);

static inline gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static void
skip_space (Scanner *s)
{
  while (s->pos < s->length && is_json_space (s->data[s->pos]))
    s->pos++;
}

static gboolean
fail_scan (Scanner    *s,
           const char *problem)
{
  s->problem = problem;
  return FALSE;
}

static gboolean
expect_char (Scanner *s,
             char     c)
{
  skip_space (s);
  if (s->pos >= s->length || s->data[s->pos] != c)
    return fail_scan (s, N_("unexpected character or end of file"));
  s->pos++;
  return TRUE;
}

static gboolean
scan_string (Scanner *s)
{
  if (s->pos >= s->length || s->data[s->pos] != '"')
    return fail_scan (s, N_("expected a string"));

  for (s->pos++; s->pos < s->length; s->pos++)
    {
      guchar c = s->data[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return fail_scan (s, N_("control character in a string"));
      if (c == '\\')
        s->pos++;
    }

  return fail_scan (s, N_("unfinished string"));
}

/* Numbers, true, false, null: checked by the JsonParser that reads them later. */
static gboolean
scan_scalar (Scanner *s)
{
  gsize start = s->pos;

  while (s->pos < s->length &&
         (g_ascii_isalnum (s->data[s->pos]) || s->data[s->pos] == '+' || s->data[s->pos] == '-' ||
          s->data[s->pos] == '.'))
    s->pos++;

  return s->pos > start || fail_scan (s, N_("unexpected character"));
}

/* Calls @item for each element (of an array) or member value (of an object). */
static gboolean
scan_container (Scanner  *s,
                gboolean  object)
{
  char close = object ? '}' : ']';

  if (++s->depth > MAX_DEPTH)
    return fail_scan (s, N_("nested too deeply"));

  s->pos++;
  skip_space (s);
  if (s->pos < s->length && s->data[s->pos] == close)
    {
      s->pos++;
      s->depth--;
      return TRUE;
    }

  for (;;)
    {
      skip_space (s);
      if (object && (!scan_string (s) || !expect_char (s, ':')))
        return FALSE;
      skip_space (s);
      if (!scan_value (s))
        return FALSE;
      skip_space (s);
      if (s->pos < s->length && s->data[s->pos] == ',')
        {
          s->pos++;
          continue;
        }
      if (!expect_char (s, close))
        return FALSE;
      s->depth--;
      return TRUE;
    }
}

static gboolean
scan_value (Scanner *s)
{
  if (s->pos >= s->length)
    return fail_scan (s, N_("unexpected end of file"));

  switch (s->data[s->pos])
    {
    case '"':
      return scan_string (s);
    case '{':
      return scan_container (s, TRUE);
    case '[':
      return scan_container (s, FALSE);
    default:
      return scan_scalar (s);
    }
}

static gboolean
report_scan (Scanner  *s,
             GError  **error)
{
  guint line = 1, column = 1;

  for (gsize i = 0; i < s->pos && i < s->length; i++)
    {
      column++;
      if (s->data[i] == '\n')
        {
          line++;
          column = 1;
        }
    }

  g_set_error (error, RALLY_BACKUP_ERROR, RALLY_BACKUP_ERROR_INVALID,
               _("The file is not valid JSON: line %u, column %u: %s"), line, column, _(s->problem));
  return FALSE;
}

/* Reads one small value (a member name, the format, the version). JsonParser wants
 * an array or object at the top, so the value is wrapped in one. */
static JsonNode *
parse_span (const char  *data,
            Span         span,
            GError     **error)
{
  g_autofree char *text = g_strdup_printf ("[%.*s]", (int) MIN (span.length, G_MAXINT), data + span.offset);
  g_autoptr(JsonNode) array = json_from_string (text, error);

  if (array == NULL || !JSON_NODE_HOLDS_ARRAY (array) || json_array_get_length (json_node_get_array (array)) != 1)
    return NULL;

  return json_node_copy (json_array_get_element (json_node_get_array (array), 0));
}

/* Maps each top-level member name to the span of its value. */
static GHashTable *
scan_document (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Scanner s = { data, length, 0, 1, NULL };

  skip_space (&s);
  if (s.pos >= length || data[s.pos] != '{')
    return invalid (error, "$", _("expected an object")), NULL;

  s.pos++;
  skip_space (&s);
  while (s.pos < length && data[s.pos] != '}')
    {
      gsize key_start = s.pos;
      g_autoptr(JsonNode) key = NULL;
      Span value;

      if (!scan_string (&s) || !expect_char (&s, ':'))
        return report_scan (&s, error), NULL;
      key = parse_span (data, (Span) { key_start, s.pos - 1 - key_start }, NULL);
      if (key == NULL || json_node_get_value_type (key) != G_TYPE_STRING)
        return fail_scan (&s, N_("a member name is not a valid string")), report_scan (&s, error), NULL;
      skip_space (&s);
      value.offset = s.pos;
      if (!scan_value (&s))
        return report_scan (&s, error), NULL;
      value.length = s.pos - value.offset;
      g_hash_table_replace (members, g_strdup (json_node_get_string (key)), g_memdup2 (&value, sizeof value));

      skip_space (&s);
      if (s.pos < length && data[s.pos] == ',')
        {
          s.pos++;
          skip_space (&s);
        }
      else if (s.pos >= length || data[s.pos] != '}')
        return fail_scan (&s, N_("expected “,” or “}”")), report_scan (&s, error), NULL;
    }

  if (!expect_char (&s, '}'))
    return report_scan (&s, error), NULL;
  skip_space (&s);
  if (s.pos < length)
    return fail_scan (&s, N_("text after the end of the document")), report_scan (&s, error), NULL;

  return g_steal_pointer (&members);
}

static gboolean
restore_object (Restore     *r,
                JsonNode    *node,
                GHashTable  *by_name,
                GArray      *columns,
                const char  *table,
                GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, r->path->str, _("expected an object"));

  return check_record (r, by_name, columns, table, json_node_get_object (node), error) &&
         insert_record (r, json_node_get_object (node), error);
}

/* Names the record of a batch that JsonParser refused. */
/* Parses @length bytes of JSON text after dropping `\u0000` (which would cut a
 * string short) and quoting integer literals beyond a gint64 (which json-glib would
 * wrap): check_value() then refuses them by name. */
static gboolean
load_clean (JsonParser  *parser,
            const char  *text,
            gsize        length,
            GError     **error)
{
  gsize clean_length = 0;
  g_autofree char *clean = rally_json_sanitize (text, length, &clean_length);

  return json_parser_load_from_data (parser, clean, clean_length, error);
}

static gboolean
report_bad_record (Restore     *r,
                   JsonParser  *parser,
                   const char  *key,
                   const Span  *spans,
                   guint        n,
                   guint64      first,
                   GError     **error)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!load_clean (parser, r->data + spans[i].offset, spans[i].length, &local_error))
        {
          g_string_printf (r->path, "%s[%" G_GUINT64_FORMAT "]", key, first + i);
          return invalid (error, r->path->str, "%s", local_error->message);
        }
    }

  g_string_printf (r->path, "%s[%" G_GUINT64_FORMAT "]", key, first);
  return invalid (error, r->path->str, _("unreadable value"));
}

/* Parses @n consecutive records at once (a JsonParser per record costs more than
 * the record), then checks and inserts each. */
static gboolean
restore_batch (Restore            *r,
               JsonParser         *parser,
               GHashTable         *by_name,
               GArray             *columns,
               const BackupTable  *table,
               const Span         *spans,
               guint               n,
               guint64             first,
               GError            **error)
{
  gsize end = spans[n - 1].offset + spans[n - 1].length;
  g_autofree char *text = g_strdup_printf ("[%.*s]", (int) (end - spans[0].offset), r->data + spans[0].offset);
  JsonNode *root;
  JsonArray *array;

  if (!load_clean (parser, text, strlen (text), NULL))
    return report_bad_record (r, parser, table->key, spans, n, first, error);

  root = json_parser_get_root (parser);
  array = json_node_get_array (root);
  g_assert (json_array_get_length (array) == n);

  for (guint i = 0; i < n; i++)
    {
      g_string_printf (r->path, "%s[%" G_GUINT64_FORMAT "]", table->key, first + i);
      if (!restore_object (r, json_array_get_element (array, i), by_name, columns, table->table, error))
        return FALSE;
    }

  return !g_cancellable_set_error_if_cancelled (r->cancellable, error);
}

#define BATCH 512

static gboolean
restore_table (Restore            *r,
               const BackupTable  *table,
               GHashTable         *members,
               guint64            *count,
               GError            **error)
{
  g_autoptr(GArray) columns = load_columns (r->store, table->table, error);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const Span *span = g_hash_table_lookup (members, table->key);
  Scanner s = { r->data, 0, 0, 1, NULL };
  Span batch[BATCH];
  guint n = 0;

  if (columns == NULL)
    return FALSE;
  *count = 0;
  if (span == NULL && table->optional)
    return TRUE;
  if (span == NULL)
    return invalid (error, table->key, _("missing"));
  if (r->data[span->offset] != '[')
    return invalid (error, table->key, _("expected a list"));

  g_ptr_array_set_size (r->members, 0);
  r->insert = NULL;
  r->table = table->table;
  for (guint i = 0; i < columns->len; i++)
    g_hash_table_insert (by_name, g_array_index (columns, Column, i).name, &g_array_index (columns, Column, i));

  /* The scanner already checked the array's shape: walk its elements. */
  s.length = span->offset + span->length;
  s.pos = span->offset + 1;
  for (*count = 0;; (*count)++)
    {
      skip_space (&s);
      if (s.pos >= s.length || s.data[s.pos] == ']')
        break;
      batch[n].offset = s.pos;
      if (!scan_value (&s))
        return report_scan (&s, error);
      batch[n].length = s.pos - batch[n].offset;
      if (++n == BATCH)
        {
          if (!restore_batch (r, parser, by_name, columns, table, batch, n, *count + 1 - n, error))
            return FALSE;
          n = 0;
        }

      skip_space (&s);
      if (s.pos < s.length && s.data[s.pos] == ',')
        s.pos++;
    }

  return n == 0 || restore_batch (r, parser, by_name, columns, table, batch, n, *count - n, error);
}

static gboolean
check_header (const char  *data,
              GHashTable  *members,
              GError     **error)
{
  const Span *format = g_hash_table_lookup (members, "format");
  const Span *version_span = g_hash_table_lookup (members, "version");
  g_autoptr(JsonNode) format_node = format != NULL ? parse_span (data, *format, NULL) : NULL;
  g_autoptr(JsonNode) version = version_span != NULL ? parse_span (data, *version_span, NULL) : NULL;

  if (format_node == NULL || !JSON_NODE_HOLDS_VALUE (format_node) ||
      g_strcmp0 (json_node_get_string (format_node), RALLY_BACKUP_FORMAT) != 0)
    return invalid (error, "format", _("this is not a Rally backup (expected “%s”)"), RALLY_BACKUP_FORMAT);

  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    return invalid (error, "version", _("expected a number"));

  if (json_node_get_int (version) > RALLY_BACKUP_VERSION)
    {
      g_set_error (error, RALLY_BACKUP_ERROR, RALLY_BACKUP_ERROR_NEWER_VERSION,
                   _("The backup was written by a newer Rally (format version %" PRId64 "); update Rally to restore it"),
                   json_node_get_int (version));
      return FALSE;
    }
  if (json_node_get_int (version) < 1)
    return invalid (error, "version", _("%" PRId64 " is not a backup version"), json_node_get_int (version));

  return TRUE;
}

static gboolean
clear_workspace (RallyStore  *store,
                 GError     **error)
{
  for (guint i = G_N_ELEMENTS (backup_tables); i > 0; i--)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", backup_tables[i - 1].table);
      sqlite3_stmt *stmt = _rally_store_prepare (store, sql, error);

      if (stmt == NULL || !_rally_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
restore_all (Restore            *r,
             GHashTable         *root,
             RallyBackupRestoreFlags flags,
             RallyBackupCounts  *counts,
             GError            **error)
{
  if ((flags & RALLY_BACKUP_RESTORE_REPLACE) != 0 && !clear_workspace (r->store, error))
    return FALSE;

  /* whoever holds ids of the old workspace (a sync under way) must see it is gone */
  if (!_rally_store_bump_generation (r->store, error))
    return FALSE;

  if ((flags & RALLY_BACKUP_RESTORE_REPLACE) == 0 && !rally_backup_store_is_blank (r->store))
    {
      g_set_error_literal (error, RALLY_BACKUP_ERROR, RALLY_BACKUP_ERROR_NOT_EMPTY,
                           _("The workspace already holds data; restoring would mix two workspaces. "
                             "Restore with “replace” to swap the workspace for the backup"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (backup_tables); i++)
    {
      if (!restore_table (r, &backup_tables[i], root,
                          G_STRUCT_MEMBER_P (counts, backup_tables[i].count_offset), error))
        return FALSE;
    }

  return TRUE;
}

/* Public API: restore */

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

  for (guint i = 0; blank && i < G_N_ELEMENTS (backup_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s)", backup_tables[i].table);
      sqlite3_stmt *stmt = _rally_store_prepare (store, sql, NULL);

      if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 0)
        blank = FALSE;
      if (stmt != NULL)
        sqlite3_reset (stmt);
    }

  return blank;
}

/**
 * rally_backup_restore:
 * @store: the workspace
 * @data: the JSON document
 * @length: its length in bytes
 * @flags: %RALLY_BACKUP_RESTORE_REPLACE to replace a workspace that holds data
 * @counts: (out) (optional): how many records were restored
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Restores a backup written by rally_backup_export(). Everything happens in one
 * transaction: on any error nothing changes.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_backup_restore (RallyStore               *store,
                      const char               *data,
                      gsize                     length,
                      RallyBackupRestoreFlags   flags,
                      RallyBackupCounts        *counts,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  g_autoptr(GHashTable) root = NULL;
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  RallyBackupCounts local = { 0 };
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
  Restore r = { store, cancellable, data, path, sql, members };

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A byte order mark, as some editors write: not part of the JSON text. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
      r.data = data;
    }

  root = scan_document (data, length, error);
  if (root == NULL || !check_header (data, root, error))
    return FALSE;

  if (!_rally_store_begin (store, error))
    return FALSE;

  if (!restore_all (&r, root, flags, &local, error))
    {
      _rally_store_rollback (store);
      return FALSE;
    }

  _rally_store_queue_change (store, NULL, 0);
  if (!_rally_store_commit (store, error))
    return FALSE;

  if (counts != NULL)
    *counts = local;

  return TRUE;
}

/**
 * rally_backup_restore_file:
 *
 * Like rally_backup_restore(), reading @file.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_backup_restore_file (RallyStore               *store,
                           GFile                    *file,
                           RallyBackupRestoreFlags   flags,
                           RallyBackupCounts        *counts,
                           GCancellable             *cancellable,
                           GError                  **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, cancellable, NULL, error);

      return bytes != NULL &&
             rally_backup_restore (store, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   flags, counts, cancellable, error);
    }

  /* Mapped, not copied: a backup of a million videos is some 300 MB. */
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return FALSE;

  return rally_backup_restore (store, g_mapped_file_get_contents (mapped), g_mapped_file_get_length (mapped),
                               flags, counts, cancellable, error);
}
