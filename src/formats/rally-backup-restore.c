/* rally-backup-restore.c
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

/* The restore of a backup written by rally_backup_export(), read from a seekable
 * stream a chunk at a time, so memory stays flat whatever the size of the file:
 *
 * 1. A scanner (rally-json-scanner.c) reads the whole document once, checking that
 *    it is JSON and noting where the value of each top-level member begins.
 * 2. The header is checked (format, version).
 * 3. Each table, in the order of its foreign keys, is read again from where its list
 *    begins: the scanner cuts the list into records, JsonParser reads a few hundred
 *    at a time (integers beyond a gint64 quoted by rally_json_sanitize() so that
 *    rally_backup_check_number() refuses them by name instead of json-glib wrapping
 *    them), every value is checked against the table's columns (and campaigns,
 *    challenges, events and posts against the model's rules), naming the JSON path of the
 *    first problem, and inserted through one prepared statement.
 *
 * Everything is inserted in one transaction, rolled back on any error; the indexes
 * of the videos and their roll-ups are built once at the end (_rally_store_bulk_begin()).
 * On a team server the records that are not read back go in pipelines, a batch at
 * a time (restore_objects()).
 */

#define G_LOG_DOMAIN "RallyBackup"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "rally-backup.h"
#include "rally-backup-numbers.h"
#include "rally-backup-private.h"
#include "rally-json-scanner.h"
#include "rally-json-text.h"

/* Where the value of a top-level member of the document is. */
typedef struct
{
  goffset  offset;
  guint    line;
  guint    column;
  int      first;  /* its first byte: '[' for a list */
  char    *text;   /* the value itself, unless it is a list or an object */
} Member;

/* A record's text in the stream. */
typedef struct
{
  goffset offset;
  gsize   length;
} Span;

typedef struct
{
  RallyStore       *store;
  GCancellable     *cancellable;
  RallyJsonScanner  scanner;
  GHashTable       *document;       /* member name → Member */
  const char       *key;            /* the record being checked: key[index] */
  guint64           index;
  GString          *path;           /* its JSON path, written for messages only */
  GString          *sql;            /* the INSERT for records with these members… */
  GPtrArray        *members;        /* …in this order… */
  GPtrArray        *shape_columns;  /* …which are these columns */
  GPtrArray        *values;         /* the values of the record being restored, in that order */
  GString          *text;           /* the text of a batch of records */
  RallyDbStmt      *insert;         /* r->sql prepared, owned by the store's statement cache */
  const char       *table;          /* being restored */
  gboolean          piped_refused;  /* a record sent in a pipeline was refused (restore_objects()) */
  gboolean          unpiped;        /* so each record goes on its own now */
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

/* The JSON path of the record being checked: "videos[12]". */
static const char *
record_path (Restore *r)
{
  g_string_printf (r->path, "%s[%" G_GUINT64_FORMAT "]", r->key, r->index);
  return r->path->str;
}

/* Reports a problem with @member of the record being checked. */
static gboolean
invalid_member (Restore     *r,
                const char  *member,
                GError     **error,
                const char  *format,
                ...)
{
  g_autofree char *path = g_strdup_printf ("%s.%s", record_path (r), member);
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
  g_autofree char *reason = rally_backup_check_number_in (value, column->min, column->max);

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
bind_value (RallyDbStmt *stmt,
            int          param,
            JsonNode    *value)
{
  if (JSON_NODE_HOLDS_NULL (value))
    rally_db_stmt_bind_null (stmt, param);
  else if (json_node_get_value_type (value) == G_TYPE_STRING)
    rally_db_stmt_bind_text (stmt, param, json_node_get_string (value), -1);
  else
    rally_db_stmt_bind_int64 (stmt, param, json_node_get_int (value));
}

/* A video of a backup older than partner rosters has no "origin_manual": its
 * origin, if not organic, was set by hand, as migration 11 has it, so that a later
 * roster leaves it alone. The INSERT takes the mark from the origin's parameter. */
static void
mark_manual_origins (Restore     *r,
                     GHashTable  *by_name,
                     JsonObject  *object)
{
  if (!g_str_equal (r->table, "videos") || !g_hash_table_contains (by_name, "origin_manual") ||
      json_object_has_member (object, "origin_manual"))
    return;

  for (guint i = 0; i < r->members->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (r->members, i), "origin"))
        {
          g_string_truncate (r->sql, r->sql->len - 1);
          /* 1 or 0 on both engines: PostgreSQL's comparison is a boolean, which its
           * integer column refuses */
          g_string_append_printf (r->sql, ", CASE WHEN ?%u <> 0 THEN 1 ELSE 0 END)", i + 1);
          g_string_replace (r->sql, ") VALUES (", ", \"origin_manual\") VALUES (", 1);
          return;
        }
    }
}

/* A record with other members than the previous one: checks that none is missing
 * and builds its INSERT (only the members present, so columns a newer schema
 * added keep their defaults). */
static gboolean
prepare_shape (Restore     *r,
               GHashTable  *by_name,
               GArray      *columns,
               JsonObject  *object,
               GError     **error)
{
  JsonObjectIter iter;
  const char *name;

  r->insert = NULL;
  g_ptr_array_set_size (r->members, 0);
  g_ptr_array_set_size (r->shape_columns, 0);
  g_string_printf (r->sql, "INSERT INTO %s (", r->table);

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, NULL))
    {
      g_string_append_printf (r->sql, "%s\"%s\"", r->members->len > 0 ? ", " : "", name);
      g_ptr_array_add (r->members, g_strdup (name));
      g_ptr_array_add (r->shape_columns, g_hash_table_lookup (by_name, name));
    }

  g_string_append (r->sql, ") VALUES (");
  for (guint i = 0; i < r->members->len; i++)
    g_string_append (r->sql, i > 0 ? ", ?" : "?");
  g_string_append_c (r->sql, ')');
  mark_manual_origins (r, by_name, object);

  for (guint i = 0; i < columns->len; i++)
    {
      const Column *column = &g_array_index (columns, Column, i);

      if ((g_str_equal (column->name, "id") || (column->not_null && !column->has_default)) &&
          !json_object_has_member (object, column->name))
        {
          g_ptr_array_set_size (r->members, 0);
          g_ptr_array_set_size (r->shape_columns, 0);
          return invalid_member (r, column->name, error, _("missing"));
        }
    }

  return TRUE;
}

/* Checks each member of @object in its order, keeping its value in r->values; most
 * records have the members of the one before, whose columns are known already. */
static gboolean
check_record (Restore     *r,
              GHashTable  *by_name,
              GArray      *columns,
              JsonObject  *object,
              GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  gboolean same = TRUE;
  guint i = 0;

  g_ptr_array_set_size (r->values, 0);
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      const Column *column;

      same = same && i < r->members->len && g_str_equal (g_ptr_array_index (r->members, i), name);
      column = same ? g_ptr_array_index (r->shape_columns, i) : g_hash_table_lookup (by_name, name);
      if (column == NULL)
        return invalid_member (r, name, error, _("unknown field"));
      if (!check_value (r, column, value, error))
        return FALSE;
      g_ptr_array_add (r->values, value);
      i++;
    }

  if (same && i == r->members->len)
    return TRUE;

  return prepare_shape (r, by_name, columns, object, error);
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

/* A roster typed by hand into a backup ("@Ana, ana") is stored as the app stores
 * it: without "@", in lower case, each name once (rally_partners_normalize()), so
 * that the partners' videos are found by name. */
static gboolean
normalize_partners (Restore         *r,
                    RallyChallenge  *challenge,
                    JsonObject      *object,
                    GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) partners = rally_partners_normalize (rally_challenge_get_partners (challenge), &local_error);
  g_autofree char *roster = NULL;
  const char *written = json_object_get_string_member_with_default (object, "partners", "");
  RallyDbStmt *stmt;

  if (partners == NULL)
    return invalid_member (r, "partners", error, "%s", local_error->message);

  roster = g_strjoinv (",", partners);
  if (g_str_equal (roster, written))
    return TRUE;

  stmt = _rally_store_stmt (r->store, "UPDATE challenges SET partners = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  rally_db_stmt_bind_int64 (stmt, 1, rally_challenge_get_id (challenge));
  rally_db_stmt_bind_text (stmt, 2, roster, -1);
  return _rally_store_stmt_done (r->store, stmt, error);
}

/* The model's table of the records of @table that are read back once restored
 * (campaigns, challenges and planned posts), or NULL. */
static const RallyTable *
read_back_table (const char *table)
{
  if (g_str_equal (table, "campaigns"))
    return &rally_table_campaigns;
  if (g_str_equal (table, "challenges"))
    return &rally_table_challenges;
  if (g_str_equal (table, "planned_posts"))
    return &rally_table_planned_posts;
  return NULL;
}

/* The rules a record saved through the app obeys, checked on the restored row as
 * the store reads it back (campaigns, challenges and planned posts; videos and
 * snapshots have no rules beyond their columns). */
static gboolean
validate_restored (Restore     *r,
                   JsonObject  *object,
                   GError     **error)
{
  const RallyTable *table = read_back_table (r->table);
  g_autoptr(GObject) record = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean valid;

  if (table == NULL)
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
    return invalid (error, record_path (r), "%s", local_error->message);

  return !RALLY_IS_CHALLENGE (record) ||
         (check_hashtag_key (r, RALLY_CHALLENGE (record), object, error) &&
          normalize_partners (r, RALLY_CHALLENGE (record), object, error));
}

/* An event is checked before it is inserted: the table's own checks (one owner,
 * the last day not before the first) would only name the constraint. */
static gboolean
validate_event (Restore     *r,
                JsonObject  *object,
                GError     **error)
{
  g_autoptr(RallyEvent) event = rally_event_new ();
  g_autoptr(GError) local_error = NULL;

  rally_event_set_challenge_id (event, json_object_get_int_member_with_default (object, "challenge_id", 0));
  rally_event_set_campaign_id (event, json_object_get_int_member_with_default (object, "campaign_id", 0));
  rally_event_set_title (event, json_object_get_string_member_with_default (object, "title", ""));
  rally_event_set_note (event, json_object_get_string_member_with_default (object, "note", ""));
  rally_event_set_first_day (event, json_object_get_int_member_with_default (object, "first_day", 0));
  rally_event_set_last_day (event, json_object_get_int_member_with_default (object, "last_day", 0));

  if (rally_event_validate (event, &local_error))
    return TRUE;

  return invalid (error, record_path (r), "%s", local_error->message);
}

static gboolean
insert_record (Restore     *r,
               JsonObject  *object,
               GError     **error)
{
  RallyDbStmt *stmt = r->insert;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *detail_copy = NULL;
  RallyDbConstraint constraint = RALLY_DB_CONSTRAINT_NONE;
  const char *detail = NULL;
  RallyDbStep rc;

  if (g_str_equal (r->table, "events") && !validate_event (r, object, error))
    return FALSE;

  if (stmt == NULL)
    {
      stmt = r->insert = _rally_store_stmt (r->store, r->sql->str, error);
      if (stmt == NULL)
        return FALSE;
    }

  for (guint i = 0; i < r->values->len; i++)
    bind_value (stmt, i + 1, g_ptr_array_index (r->values, i));

  rc = rally_db_stmt_step (stmt, &local_error);
  if (rc == RALLY_DB_ERROR)
    {
      constraint = rally_db_last_constraint (r->store->conn, &detail);
      detail_copy = g_strdup (detail);
    }
  rally_db_stmt_reset (stmt);
  rally_db_stmt_clear_bindings (stmt);
  if (rc != RALLY_DB_ERROR)
    return validate_restored (r, object, error);

  detail = detail_copy;
  switch (constraint)
    {
    case RALLY_DB_CONSTRAINT_FOREIGN_KEY:
      return invalid (error, record_path (r), _("refers to a record that is not in the backup"));
    case RALLY_DB_CONSTRAINT_UNIQUE:
      return invalid (error, record_path (r), _("repeats a record already in the backup (%s)"), detail);
    case RALLY_DB_CONSTRAINT_CHECK:
      return invalid (error, record_path (r), "%s", detail);
    case RALLY_DB_CONSTRAINT_OTHER:
    case RALLY_DB_CONSTRAINT_NONE:
    default:
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
}

static gboolean
restore_object (Restore     *r,
                JsonNode    *node,
                GHashTable  *by_name,
                GArray      *columns,
                GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, record_path (r), _("expected an object"));

  return check_record (r, by_name, columns, json_node_get_object (node), error) &&
         insert_record (r, json_node_get_object (node), error);
}

/* Reading the document */

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

  if (clean == NULL)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                   _("not JSON: arrays and objects nested more than %d deep, a comment or a single-quoted string"),
                   RALLY_JSON_MAX_DEPTH);
      return FALSE;
    }
  return json_parser_load_from_data (parser, clean, clean_length, error);
}

/* Reads one small value (a member name, the format, the version). JsonParser wants
 * an array or object at the top, so the value is wrapped in one. */
static JsonNode *
parse_text (const char *text,
            gsize       length)
{
  g_autofree char *wrapped = g_strdup_printf ("[%.*s]", (int) MIN (length, G_MAXINT), text);
  g_autoptr(JsonNode) array = json_from_string (wrapped, NULL);

  if (array == NULL || !JSON_NODE_HOLDS_ARRAY (array) || json_array_get_length (json_node_get_array (array)) != 1)
    return NULL;

  return json_node_copy (json_array_get_element (json_node_get_array (array), 0));
}

static void
member_free (gpointer data)
{
  Member *member = data;

  g_free (member->text);
  g_free (member);
}

static gboolean
report_scan (Restore  *r,
             GError  **error)
{
  return rally_json_scanner_report (&r->scanner, RALLY_BACKUP_ERROR, RALLY_BACKUP_ERROR_INVALID, error);
}

/* One member of the document: its name, and where its value is (with the value
 * itself when it is small: not a list or an object). */
static gboolean
scan_member (Restore  *r,
             GError  **error)
{
  RallyJsonScanner *s = &r->scanner;
  goffset start = rally_json_scanner_tell (s);
  g_autoptr(JsonNode) key = NULL;
  g_autofree Member *member = g_new0 (Member, 1);
  gsize key_length;

  s->hold = start;
  if (!rally_json_scanner_string (s))
    return report_scan (r, error);
  key_length = rally_json_scanner_tell (s) - start;
  if (!rally_json_scanner_expect (s, ':'))
    return report_scan (r, error);
  key = parse_text (rally_json_scanner_text (s, start), key_length);
  if (key == NULL || json_node_get_value_type (key) != G_TYPE_STRING)
    return rally_json_scanner_fail (s, N_("a member name is not a valid string")), report_scan (r, error);

  rally_json_scanner_skip_space (s);
  member->offset = s->hold = rally_json_scanner_tell (s);
  member->first = rally_json_scanner_peek (s);
  rally_json_scanner_position (s, &member->line, &member->column);
  if (member->first == '[' || member->first == '{')
    s->hold = -1;
  if (!rally_json_scanner_value (s))
    return report_scan (r, error);
  if (s->hold >= 0)
    member->text = g_strndup (rally_json_scanner_text (s, member->offset), rally_json_scanner_tell (s) - member->offset);
  s->hold = -1;

  g_hash_table_replace (r->document, g_strdup (json_node_get_string (key)), g_steal_pointer (&member));
  return TRUE;
}

/* Reads the whole document once: is it JSON, and where is each member's value. */
static gboolean
scan_document (Restore  *r,
               GError  **error)
{
  RallyJsonScanner *s = &r->scanner;

  rally_json_scanner_skip_bom (s);
  rally_json_scanner_skip_space (s);
  if (rally_json_scanner_peek (s) != '{')
    return s->io_error != NULL ? report_scan (r, error) : invalid (error, "$", _("expected an object"));

  s->pos++;
  rally_json_scanner_skip_space (s);
  while (rally_json_scanner_peek (s) >= 0 && rally_json_scanner_peek (s) != '}')
    {
      if (!scan_member (r, error))
        return FALSE;

      rally_json_scanner_skip_space (s);
      if (rally_json_scanner_peek (s) == ',')
        {
          s->pos++;
          rally_json_scanner_skip_space (s);
        }
      else if (rally_json_scanner_peek (s) != '}')
        return rally_json_scanner_fail (s, N_("expected “,” or “}”")), report_scan (r, error);
    }

  if (!rally_json_scanner_expect (s, '}'))
    return report_scan (r, error);
  rally_json_scanner_skip_space (s);
  if (rally_json_scanner_peek (s) >= 0)
    return rally_json_scanner_fail (s, N_("text after the end of the document")), report_scan (r, error);

  return s->io_error == NULL || report_scan (r, error);
}

static gboolean
report_bad_record (Restore     *r,
                   JsonParser  *parser,
                   const char  *key,
                   const char  *text,
                   const Span  *spans,
                   guint        n,
                   guint64      first,
                   GError     **error)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!load_clean (parser, text + (spans[i].offset - spans[0].offset), spans[i].length, &local_error))
        {
          r->key = key;
          r->index = first + i;
          return invalid (error, record_path (r), "%s", local_error->message);
        }
    }

  r->key = key;
  r->index = first;
  return invalid (error, record_path (r), _("unreadable value"));
}

static gboolean
restore_each (Restore            *r,
              JsonArray          *array,
              GHashTable         *by_name,
              GArray             *columns,
              const BackupTable  *table,
              guint64             first,
              GError            **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      r->key = table->key;
      r->index = first + i;
      if (!restore_object (r, json_array_get_element (array, i), by_name, columns, error))
        return FALSE;
    }
  return TRUE;
}

/* Checks and inserts the records of @array. On a team server the inserts of a table
 * that is not read back (videos, snapshots, events…) are sent in one pipeline, one
 * round trip for the batch instead of two for each record (the insert, and moving
 * the identity past its id): moving the sample up took 13.8 s, most of it waiting
 * for the server's answers, and 4.1-4.9 s so. A failure shows only at the
 * pipeline's end, when the transaction is already lost: the restore starts again
 * with each record on its own (restore()), which names the record refused. (Not a
 * savepoint for each batch: past 64 of them in a transaction, every other session
 * on the server pays for looking its rows up.) */
static gboolean
restore_objects (Restore            *r,
                 JsonArray          *array,
                 GHashTable         *by_name,
                 GArray             *columns,
                 const BackupTable  *table,
                 guint64             first,
                 GError            **error)
{
  RallyDb *db = r->store->conn;
  gboolean ok;

  /* (SQLite has no pipelines: each record there goes on its own) */
  if (r->unpiped || read_back_table (r->table) != NULL || !rally_db_pipeline_begin (db))
    return restore_each (r, array, by_name, columns, table, first, error);

  ok = restore_each (r, array, by_name, columns, table, first, NULL);
  if (rally_db_pipeline_end (db, NULL) && ok)
    return TRUE;

  r->piped_refused = TRUE;
  g_set_error_literal (error, RALLY_BACKUP_ERROR, RALLY_BACKUP_ERROR_INVALID, "a record sent in a pipeline was refused");
  return FALSE;
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
  const char *text = rally_json_scanner_text (&r->scanner, spans[0].offset);
  JsonArray *array;

  g_string_truncate (r->text, 0);
  g_string_append_c (r->text, '[');
  g_string_append_len (r->text, text, spans[n - 1].offset + spans[n - 1].length - spans[0].offset);
  g_string_append_c (r->text, ']');
  if (!load_clean (parser, r->text->str, r->text->len, NULL))
    return report_bad_record (r, parser, table->key, text, spans, n, first, error);

  array = json_node_get_array (json_parser_get_root (parser));
  g_assert (json_array_get_length (array) == n);

  if (!restore_objects (r, array, by_name, columns, table, first, error))
    return FALSE;

  return !g_cancellable_set_error_if_cancelled (r->cancellable, error);
}

#define BATCH 512

/* Reads the list of @table's records again, cutting it into batches of records. */
static gboolean
restore_records (Restore            *r,
                 const BackupTable  *table,
                 GHashTable         *by_name,
                 GArray             *columns,
                 guint64            *count,
                 GError            **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  RallyJsonScanner *s = &r->scanner;
  Span batch[BATCH];
  guint n = 0;

  s->pos++;
  for (*count = 0;; (*count)++)
    {
      int c;

      rally_json_scanner_skip_space (s);
      c = rally_json_scanner_peek (s);
      if (c < 0 || c == ']')
        break;
      batch[n].offset = rally_json_scanner_tell (s);
      if (n == 0)
        s->hold = batch[0].offset;
      if (!rally_json_scanner_value (s))
        return report_scan (r, error);
      batch[n].length = rally_json_scanner_tell (s) - batch[n].offset;
      if (++n == BATCH)
        {
          if (!restore_batch (r, parser, by_name, columns, table, batch, n, *count + 1 - n, error))
            return FALSE;
          n = 0;
          s->hold = -1;
        }

      rally_json_scanner_skip_space (s);
      if (rally_json_scanner_peek (s) == ',')
        s->pos++;
    }

  if (s->io_error != NULL)
    return report_scan (r, error);

  return n == 0 || restore_batch (r, parser, by_name, columns, table, batch, n, *count - n, error);
}

static gboolean
restore_table (Restore            *r,
               const BackupTable  *table,
               guint64            *count,
               GError            **error)
{
  g_autoptr(GArray) columns = _rally_backup_load_columns (r->store, table->table, error);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  const Member *member = g_hash_table_lookup (r->document, table->key);

  if (columns == NULL)
    return FALSE;
  *count = 0;
  if (member == NULL && table->optional)
    return TRUE;
  if (member == NULL)
    return invalid (error, table->key, _("missing"));
  if (member->first != '[')
    return invalid (error, table->key, _("expected a list"));

  g_ptr_array_set_size (r->members, 0);
  g_ptr_array_set_size (r->shape_columns, 0);
  r->insert = NULL;
  r->table = table->table;
  for (guint i = 0; i < columns->len; i++)
    g_hash_table_insert (by_name, g_array_index (columns, Column, i).name, &g_array_index (columns, Column, i));

  if (!rally_json_scanner_seek (&r->scanner, member->offset, member->line, member->column, error))
    return FALSE;
  if (rally_json_scanner_peek (&r->scanner) != '[')
    return rally_json_scanner_fail (&r->scanner, N_("the file changed while it was read")), report_scan (r, error);

  return restore_records (r, table, by_name, columns, count, error);
}

static gboolean
check_header (Restore  *r,
              GError  **error)
{
  const Member *format = g_hash_table_lookup (r->document, "format");
  const Member *version_member = g_hash_table_lookup (r->document, "version");
  g_autoptr(JsonNode) format_node = format != NULL && format->text != NULL
                                    ? parse_text (format->text, strlen (format->text)) : NULL;
  g_autoptr(JsonNode) version = version_member != NULL && version_member->text != NULL
                                ? parse_text (version_member->text, strlen (version_member->text)) : NULL;

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
  for (guint i = _rally_backup_n_tables; i > 0; i--)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", _rally_backup_tables[i - 1].table);
      RallyDbStmt *stmt = _rally_store_stmt (store, sql, error);

      if (stmt == NULL || !_rally_store_stmt_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
restore_tables (Restore            *r,
                RallyBackupCounts  *counts,
                GError            **error)
{
  g_autoptr(GPtrArray) saved = NULL;

  /* The workspace is empty: the videos' indexes and roll-ups are built once at the end. */
  saved = _rally_store_bulk_begin (r->store, error);
  if (saved == NULL)
    return FALSE;

  for (guint i = 0; i < _rally_backup_n_tables; i++)
    {
      if (!restore_table (r, &_rally_backup_tables[i],
                          G_STRUCT_MEMBER_P (counts, _rally_backup_tables[i].count_offset), error))
        return FALSE;
    }

  return _rally_store_bulk_end (r->store, saved, error);
}

static gboolean
restore_all (Restore                  *r,
             RallyBackupRestoreFlags   flags,
             RallyBackupCounts        *counts,
             GError                  **error)
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

  return restore_tables (r, counts, error);
}

static void
restore_clear (Restore *r)
{
  rally_json_scanner_clear (&r->scanner);
  g_hash_table_unref (r->document);
  g_string_free (r->path, TRUE);
  g_string_free (r->sql, TRUE);
  g_string_free (r->text, TRUE);
  g_ptr_array_unref (r->members);
  g_ptr_array_unref (r->shape_columns);
  g_ptr_array_unref (r->values);
}

static gboolean
restore (Restore                  *r,
         RallyBackupRestoreFlags   flags,
         RallyBackupCounts        *counts,
         GError                  **error)
{
  RallyBackupCounts local = { 0 };
  gboolean ok;

  if (!scan_document (r, error) || !check_header (r, error))
    return FALSE;

  /* the sorts that build the indexes at the end spill to a file, not to memory */
  _rally_store_set_temp_on_disk (r->store, TRUE);
  ok = _rally_store_begin_exclusive (r->store, error) && restore_all (r, flags, &local, error);
  if (!ok && r->piped_refused)
    {
      /* once more, each record on its own: the first refused is named */
      _rally_store_rollback (r->store);
      g_clear_error (error);
      r->unpiped = TRUE;
      local = (RallyBackupCounts) { 0 };
      ok = _rally_store_begin_exclusive (r->store, error) && restore_all (r, flags, &local, error);
    }
  if (ok)
    {
      _rally_store_queue_change (r->store, NULL, 0);
      ok = _rally_store_commit (r->store, error);
    }
  else
    _rally_store_rollback (r->store);
  _rally_store_set_temp_on_disk (r->store, FALSE);
  if (!ok)
    return FALSE;

  if (counts != NULL)
    *counts = local;

  return TRUE;
}

/* Public API: restore */

/**
 * rally_backup_restore_stream:
 * @store: the workspace
 * @stream: the JSON document, a #GSeekable that can seek
 * @flags: %RALLY_BACKUP_RESTORE_REPLACE to replace a workspace that holds data
 * @counts: (out) (optional): how many records were restored
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Restores a backup written by rally_backup_export(), reading it a chunk at a time.
 * Everything happens in one transaction: on any error nothing changes.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_backup_restore_stream (RallyStore               *store,
                             GInputStream             *stream,
                             RallyBackupRestoreFlags   flags,
                             RallyBackupCounts        *counts,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  Restore r;
  gboolean ok;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_SEEKABLE (stream) && g_seekable_can_seek (G_SEEKABLE (stream)), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  r = (Restore) {
    .store = store,
    .cancellable = cancellable,
    .document = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, member_free),
    .path = g_string_new (NULL),
    .sql = g_string_new (NULL),
    .members = g_ptr_array_new_with_free_func (g_free),
    .shape_columns = g_ptr_array_new (),
    .values = g_ptr_array_new (),
    .text = g_string_new (NULL),
  };
  rally_json_scanner_init (&r.scanner, stream, cancellable);
  ok = restore (&r, flags, counts, error);
  restore_clear (&r);

  return ok;
}

/**
 * rally_backup_restore:
 * @data: the JSON document
 * @length: its length in bytes
 *
 * Like rally_backup_restore_stream(), from memory.
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
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  stream = g_memory_input_stream_new_from_data (data != NULL ? data : "", length, NULL);
  return rally_backup_restore_stream (store, stream, flags, counts, cancellable, error);
}

/**
 * rally_backup_restore_file:
 *
 * Like rally_backup_restore_stream(), reading @file.
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
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (g_seekable_can_seek (G_SEEKABLE (stream)))
    return rally_backup_restore_stream (store, G_INPUT_STREAM (stream), flags, counts, cancellable, error);

  /* a pipe, or a remote file that cannot seek: read whole */
  g_clear_object (&stream);
  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  return bytes != NULL &&
         rally_backup_restore (store, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                               flags, counts, cancellable, error);
}
