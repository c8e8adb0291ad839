/* rally-store-records.c
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

/* Records in the store: saving, soft deleting and loading campaigns, challenges and
 * posts (videos and snapshots are in rally-store-videos.c). Columns map to properties
 * of the same name, so one pair of functions binds and reads every record type. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-store-private.h"

static const RallyColumn campaign_columns[] = {
  { "name" }, { "cause" }, { "description" }, { "status" }, { "start_date" }, { "end_date" },
  { "goal_views" }, { "goal_videos" }, { "goal_donations" }, { "budget" }, { "currency" },
  { "color" }, { "notes" },
  { NULL }
};

static const RallyColumn challenge_columns[] = {
  { "campaign_id", RALLY_COLUMN_NULL_IF_ZERO }, { "hashtag" }, { "title" }, { "brief" },
  { "call_to_action" }, { "rules" }, { "sound_notes" }, { "start_date" }, { "end_date" },
  { "goal_videos" }, { "goal_views" }, { "regions" }, { "pledge_per_video" }, { "pledge_cap" },
  { "currency" }, { "sponsor" }, { "status" }, { "audience" }, { "consent_wording" },
  { "no_personal_data" }, { "moderation_plan" }, { "reporting_route" }, { "partners" },
  { NULL }
};

static const RallyColumn planned_post_columns[] = {
  { "scheduled_at" }, { "channel" }, { "caption" }, { "status" },
  { "challenge_id", RALLY_COLUMN_NULL_IF_ZERO }, { "campaign_id", RALLY_COLUMN_NULL_IF_ZERO },
  { NULL }
};

static const RallyColumn video_columns[] = {
  { "challenge_id" }, { "tiktok_id" }, { "creator" }, { "region" }, { "posted_at" },
  { "description" }, { "views" }, { "likes" }, { "comments" }, { "shares" }, { "origin" },
  { "origin_manual" },
  { NULL }
};

static const RallyColumn snapshot_columns[] = {
  { "challenge_id", RALLY_COLUMN_NULL_IF_ZERO }, { "taken_at" }, { "videos" }, { "views" },
  { "likes" }, { "comments" }, { "shares" }, { "creators" }, { "source" }, { "fetched_at" },
  { NULL }
};

const RallyTable rally_table_campaigns = { "campaigns", rally_campaign_get_type, campaign_columns, TRUE, TRUE };
const RallyTable rally_table_challenges = { "challenges", rally_challenge_get_type, challenge_columns, TRUE, TRUE };
const RallyTable rally_table_planned_posts = { "planned_posts", rally_planned_post_get_type, planned_post_columns, TRUE, TRUE };
const RallyTable rally_table_videos = { "videos", rally_video_get_type, video_columns, FALSE, FALSE };
const RallyTable rally_table_snapshots = { "snapshots", rally_snapshot_get_type, snapshot_columns, FALSE, FALSE };

/* Auxiliary methods */

static GParamSpec *
column_pspec (GObject    *record,
              const char *column)
{
  g_autofree char *property = g_strdelimit (g_strdup (column), "_", '-');
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record), property);

  g_assert (pspec != NULL);

  return pspec;
}

static void
read_column (GObject      *record,
             GParamSpec   *pspec,
             RallyDbStmt *stmt,
             int           col)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GType type = pspec->value_type;
  const char *text;

  g_value_init (&value, type);

  if (type == G_TYPE_INT64)
    g_value_set_int64 (&value, rally_db_stmt_column_int64 (stmt, col));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (&value, rally_db_stmt_column_int64 (stmt, col) != 0);
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      int v = rally_db_stmt_column_int64 (stmt, col);

      /* A value this version does not know reads as the default, never as garbage. */
      if (g_enum_get_value (klass, v) == NULL)
        v = G_PARAM_SPEC_ENUM (pspec)->default_value;
      g_value_set_enum (&value, v);
    }
  else if (type == G_TYPE_STRING)
    {
      text = rally_db_stmt_column_text (stmt, col);
      g_value_set_string (&value, text != NULL ? text : "");
    }
  else if (type == G_TYPE_STRV)
    {
      text = rally_db_stmt_column_text (stmt, col);
      if (text != NULL && text[0] != '\0')
        g_value_take_boxed (&value, g_strsplit (text, ",", -1));
    }
  else
    g_assert_not_reached ();

  g_object_set_property (record, pspec->name, &value);
}

void
_rally_store_bind_column (RallyDbStmt       *stmt,
                          int                param,
                          GObject           *record,
                          const RallyColumn *column)
{
  GParamSpec *pspec = column_pspec (record, column->name);
  g_auto(GValue) value = G_VALUE_INIT;
  GType type = pspec->value_type;

  g_value_init (&value, type);
  g_object_get_property (record, pspec->name, &value);

  if (type == G_TYPE_INT64)
    {
      gint64 v = g_value_get_int64 (&value);

      if (v == 0 && (column->flags & RALLY_COLUMN_NULL_IF_ZERO) != 0)
        rally_db_stmt_bind_null (stmt, param);
      else
        rally_db_stmt_bind_int64 (stmt, param, v);
    }
  else if (type == G_TYPE_BOOLEAN)
    rally_db_stmt_bind_int64 (stmt, param, g_value_get_boolean (&value) ? 1 : 0);
  else if (G_TYPE_IS_ENUM (type))
    rally_db_stmt_bind_int64 (stmt, param, g_value_get_enum (&value));
  else if (type == G_TYPE_STRING)
    rally_db_stmt_bind_text (stmt, param, g_value_get_string (&value), -1);
  else if (type == G_TYPE_STRV)
    {
      g_autofree char *joined = g_strjoinv (",", g_value_get_boxed (&value));

      rally_db_stmt_bind_text (stmt, param, joined, -1);
    }
  else
    g_assert_not_reached ();
}

/* SELECT id, created_at, updated_at, columns… FROM table: the columns of read_row(). */
char *
_rally_store_select_sql (const RallyTable *table,
                         const char       *where)
{
  GString *sql = g_string_new ("SELECT id, created_at, updated_at");

  for (const RallyColumn *c = table->columns; c->name != NULL; c++)
    g_string_append_printf (sql, ", %s", c->name);
  if (table->versioned)
    g_string_append (sql, ", row_version, changed_by");
  g_string_append_printf (sql, " FROM %s %s", table->name, where);

  return g_string_free (sql, FALSE);
}

void
_rally_store_read_row (GObject      *record,
                       const RallyTable *table,
                       RallyDbStmt *stmt)
{
  int col = 3;

  g_object_freeze_notify (record);
  g_object_set (record,
                "id", (gint64) rally_db_stmt_column_int64 (stmt, 0),
                "created-at", (gint64) rally_db_stmt_column_int64 (stmt, 1),
                "updated-at", (gint64) rally_db_stmt_column_int64 (stmt, 2),
                NULL);
  for (const RallyColumn *c = table->columns; c->name != NULL; c++)
    read_column (record, column_pspec (record, c->name), stmt, col++);
  if (table->versioned)
    {
      rally_record_set_version (RALLY_RECORD (record), rally_db_stmt_column_int64 (stmt, col));
      rally_record_set_changed_by (RALLY_RECORD (record), rally_db_stmt_column_text (stmt, col + 1));
    }
  g_object_thaw_notify (record);
}

static RallyDbStmt *
prepare_select_by_id (RallyStore       *self,
                      const RallyTable *table)
{
  g_autofree char *sql = _rally_store_select_sql (table, table->soft_delete ? "WHERE id = ?1 AND deleted_at IS NULL"
                                                               : "WHERE id = ?1");
  g_autoptr(GError) error = NULL;
  RallyDbStmt *stmt = _rally_store_stmt (self, sql, &error);

  if (stmt == NULL)
    g_warning ("Could not read %s: %s", table->name, error->message);

  return stmt;
}

/* Reads row @id into @record (an existing object, notified only where values changed).
 * Returns FALSE when the row is gone. */
gboolean
_rally_store_reload_record (RallyStore       *self,
                            const RallyTable *table,
                            gpointer          record)
{
  RallyDbStmt *stmt = prepare_select_by_id (self, table);
  gint64 id = 0;
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;

  g_object_get (record, "id", &id, NULL);
  rally_db_stmt_bind_int64 (stmt, 1, id);
  if (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    {
      _rally_store_read_row (record, table, stmt);
      found = TRUE;
    }
  rally_db_stmt_reset (stmt);

  return found;
}

gpointer
_rally_store_load_record (RallyStore       *self,
                          const RallyTable *table,
                          gint64            id)
{
  g_autoptr(GObject) record = g_object_new (table->get_type (), "id", id, NULL);

  if (id <= 0 || !_rally_store_reload_record (self, table, record))
    return NULL;

  return g_steal_pointer (&record);
}

static char *
write_sql (const RallyTable *table,
           gboolean          insert,
           const char       *extra_column)
{
  GString *sql = g_string_new (NULL);
  int param = 4;

  /* Parameters: ?1 id, ?2 created_at, ?3 updated_at, ?4… the columns, then extra, then
   * for a versioned table who saves it and (an update) the version it was loaded at. */
  if (insert)
    {
      GString *values = g_string_new ("?2, ?3");

      g_string_printf (sql, "INSERT INTO %s (created_at, updated_at", table->name);
      for (const RallyColumn *c = table->columns; c->name != NULL; c++)
        {
          g_string_append_printf (sql, ", %s", c->name);
          g_string_append_printf (values, ", ?%d", param++);
        }
      if (extra_column != NULL)
        {
          g_string_append_printf (sql, ", %s", extra_column);
          g_string_append_printf (values, ", ?%d", param++);
        }
      if (table->versioned)
        {
          g_string_append (sql, ", changed_by");
          g_string_append_printf (values, ", ?%d", param++);
        }
      g_string_append_printf (sql, ") VALUES (%s)", values->str);
      g_string_free (values, TRUE);
    }
  else
    {
      g_string_printf (sql, "UPDATE %s SET created_at = created_at, updated_at = ?3", table->name);
      for (const RallyColumn *c = table->columns; c->name != NULL; c++)
        g_string_append_printf (sql, ", %s = ?%d", c->name, param++);
      if (extra_column != NULL)
        g_string_append_printf (sql, ", %s = ?%d", extra_column, param++);
      if (table->versioned)
        {
          /* Only over the version the record was loaded at (?N + 1) */
          g_string_append_printf (sql, ", row_version = row_version + 1, changed_by = ?%d", param);
          g_string_append_printf (sql, " WHERE id = ?1 AND row_version = ?%d", param + 1);
        }
      else
        g_string_append (sql, " WHERE id = ?1");
      if (table->soft_delete)
        g_string_append (sql, " AND deleted_at IS NULL");
    }

  return g_string_free (sql, FALSE);
}

/* Who saves: the name of the computer's user (on a server, a trigger of migration 12
 * writes the login role instead). */
const char *
_rally_store_user_name (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || name[0] == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();

  return name;
}

/* Gives @record the version and author of row @id as just written. */
static gboolean
read_version (RallyStore        *self,
              const RallyTable  *table,
              GObject           *record,
              gint64             id,
              GError           **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT row_version, changed_by FROM %s WHERE id = ?1", table->name);
  RallyDbStmt *stmt = _rally_store_stmt (self, sql, error);
  RallyDbStep step;

  if (stmt == NULL)
    return FALSE;

  rally_db_stmt_bind_int64 (stmt, 1, id);
  step = rally_db_stmt_step (stmt, error);
  if (step == RALLY_DB_ROW)
    {
      rally_record_set_version (RALLY_RECORD (record), rally_db_stmt_column_int64 (stmt, 0));
      rally_record_set_changed_by (RALLY_RECORD (record), rally_db_stmt_column_text (stmt, 1));
    }
  else if (step == RALLY_DB_DONE)
    g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_FOUND,
                 _("The record was deleted meanwhile; it could not be saved"));
  rally_db_stmt_reset (stmt);

  return step == RALLY_DB_ROW;
}

/* An update of row @id changed nothing: the row is gone (NOT_FOUND), or it holds a
 * newer version than the one the record was loaded at (CONFLICT, naming who saved it
 * and when). */
static void
set_not_saved_error (RallyStore        *self,
                     const RallyTable  *table,
                     gint64             id,
                     GError           **error)
{
  g_autoptr(GObject) stored = table->versioned ? _rally_store_load_record (self, table, id) : NULL;
  g_autofree char *change = NULL;

  if (stored == NULL)
    {
      g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_FOUND,
                   _("The record was deleted meanwhile; it could not be saved"));
      return;
    }

  change = rally_store_describe_change (RALLY_RECORD (stored));
  /* Translators: %s is e.g. "Ann changed this campaign at 14:02" */
  g_set_error (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CONFLICT,
               _("%s; your version was not saved over it"), change);
}

/**
 * rally_store_describe_change:
 * @record: a campaign, challenge, planned post or event as stored
 *
 * Returns: (transfer full): who saved @record last and when, e.g. "Ann changed this
 *   campaign at 14:02" (with the day when it was not today)
 */
char *
rally_store_describe_change (RallyRecord *record)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = NULL;
  const char *who;

  g_return_val_if_fail (RALLY_IS_RECORD (record), NULL);

  when = g_date_time_new_from_unix_local (rally_record_get_updated_at (record));
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    /* Translators: the time of a change made today, see the strftime manual */
    time = g_date_time_format (when, _("%H:%M"));
  else
    /* Translators: the day and time of an earlier change, see the strftime manual */
    time = g_date_time_format (when, _("%-d %b %Y, %H:%M"));

  who = rally_record_get_changed_by (record);
  if (who[0] == '\0')
    who = _("Someone");

  /* Translators: the first %s is who (a name), the second when (a time) */
  if (RALLY_IS_CAMPAIGN (record))
    return g_strdup_printf (_("%s changed this campaign at %s"), who, time);
  if (RALLY_IS_CHALLENGE (record))
    return g_strdup_printf (_("%s changed this challenge at %s"), who, time);
  if (RALLY_IS_PLANNED_POST (record))
    return g_strdup_printf (_("%s changed this post at %s"), who, time);
  return g_strdup_printf (_("%s changed this event at %s"), who, time);
}

/* Inserts (id 0) or updates @record inside the current transaction. An update of a
 * versioned record changes the row only at the version @record was loaded at, and
 * raises it. */
gboolean
_rally_store_write_record (RallyStore       *self,
              const RallyTable *table,
              GObject          *record,
              const char       *extra_column,
              const char       *extra_value,
              GError          **error)
{
  g_autofree char *sql = NULL;
  gint64 id = 0, created_at = 0, updated_at = 0, now = _rally_store_now ();
  RallyDbStmt *stmt;
  int param = 4;

  g_object_get (record, "id", &id, "created-at", &created_at, "updated-at", &updated_at, NULL);

  sql = write_sql (table, id == 0, extra_column);
  stmt = _rally_store_stmt (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  /* An insert keeps given times (an import restores them); an update is "now". */
  created_at = id == 0 && created_at > 0 ? created_at : now;
  updated_at = id == 0 && updated_at > 0 ? updated_at : now;

  rally_db_stmt_bind_int64 (stmt, 1, id);
  rally_db_stmt_bind_int64 (stmt, 2, created_at);
  rally_db_stmt_bind_int64 (stmt, 3, updated_at);
  for (const RallyColumn *c = table->columns; c->name != NULL; c++)
    _rally_store_bind_column (stmt, param++, record, c);
  if (extra_column != NULL)
    rally_db_stmt_bind_text (stmt, param++, extra_value, -1);
  if (table->versioned)
    {
      rally_db_stmt_bind_text (stmt, param++, _rally_store_user_name (), -1);
      if (id != 0)
        rally_db_stmt_bind_int64 (stmt, param++, rally_record_get_version (RALLY_RECORD (record)));
    }

  if (!_rally_store_stmt_done (self, stmt, error))
    return FALSE;

  if (id != 0 && rally_db_changes (self->conn) == 0)
    {
      set_not_saved_error (self, table, id, error);
      return FALSE;
    }

  if (id == 0)
    g_object_set (record,
                  "id", rally_db_last_insert_id (self->conn),
                  "created-at", created_at,
                  NULL);
  g_object_set (record, "updated-at", updated_at, NULL);
  g_object_get (record, "id", &id, NULL);
  if (table->versioned && !read_version (self, table, record, id, error))
    return FALSE;
  _rally_store_queue_change (self, table->name, id);

  return TRUE;
}

/* Runs _rally_store_write_record() in its own transaction. On failure the record keeps its id. */
gboolean
_rally_store_save_record (RallyStore       *self,
                          const RallyTable *table,
                          GObject          *record,
                          const char       *extra_column,
                          const char       *extra_value,
                          GError          **error)
{
  gint64 id = 0;

  g_object_get (record, "id", &id, NULL);

  if (!_rally_store_begin (self, error))
    return FALSE;

  if (!_rally_store_write_record (self, table, record, extra_column, extra_value, error) ||
      !_rally_store_commit (self, error))
    {
      _rally_store_rollback (self);
      g_object_set (record, "id", id, NULL);
      return FALSE;
    }

  return TRUE;
}

/* Runs @sql with ?1 = @id and ?2 = @stamp; returns the number of rows changed, or -1. */
static int
run_id_statement (RallyStore  *self,
                  const char  *sql,
                  gint64       id,
                  gint64       stamp,
                  GError     **error)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, sql, error);

  if (stmt == NULL)
    return -1;

  rally_db_stmt_bind_int64 (stmt, 1, id);
  if (strstr (sql, "?2") != NULL)
    rally_db_stmt_bind_int64 (stmt, 2, stamp);

  if (!_rally_store_stmt_done (self, stmt, error))
    return -1;

  return rally_db_changes (self->conn);
}

static gboolean
row_exists (RallyStore *self,
            const char *sql,
            gint64      id)
{
  RallyDbStmt *stmt = _rally_store_stmt (self, sql, NULL);
  gboolean exists = FALSE;

  if (stmt == NULL)
    return FALSE;

  rally_db_stmt_bind_int64 (stmt, 1, id);
  exists = rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW;
  rally_db_stmt_reset (stmt);

  return exists;
}

void
_rally_store_set_not_found (GError     **error,
                            const char  *message)
{
  g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_FOUND, message);
}

/* One statement changing one row (?1 = id, ?2 = value) in its own transaction; no row
 * changed is NOT_FOUND with @not_found. Queues a change of @table for the live lists. */
gboolean
_rally_store_update_one_row (RallyStore  *self,
                             const char  *table,
                             const char  *sql,
                             gint64       id,
                             gint64       value,
                             const char  *not_found,
                             GError     **error)
{
  int changed;

  if (!_rally_store_begin (self, error))
    return FALSE;

  changed = run_id_statement (self, sql, id, value, error);
  if (changed <= 0)
    {
      if (changed == 0)
        _rally_store_set_not_found (error, not_found);
      _rally_store_rollback (self);
      return FALSE;
    }

  _rally_store_queue_change (self, table, id);

  return _rally_store_commit (self, error);
}

/* For the store's other files: @sql changes the one row @id (?1) of @table, as
 * update_one_row() runs it. */
gboolean
_rally_store_change_one_row (RallyStore  *self,
                             const char  *table,
                             const char  *sql,
                             gint64       id,
                             const char  *not_found,
                             GError     **error)
{
  return _rally_store_update_one_row (self, table, sql, id, 0, not_found, error);
}

/* Campaigns */

/**
 * rally_store_save_campaign:
 * @self: a #RallyStore
 * @campaign: the campaign; id 0 inserts it and sets its id
 * @error: return location for a %RALLY_MODEL_ERROR or %RALLY_STORE_ERROR
 *
 * Validates and saves @campaign in one transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_save_campaign (RallyStore     *self,
                           RallyCampaign  *campaign,
                           GError        **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (RALLY_IS_CAMPAIGN (campaign), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rally_campaign_validate (campaign, error))
    return FALSE;

  return _rally_store_save_record (self, &rally_table_campaigns, G_OBJECT (campaign), NULL, NULL, error);
}

/**
 * rally_store_delete_campaign:
 * @self: a #RallyStore
 * @id: the campaign to delete
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Deletes the campaign with its challenges and planned posts, in a way
 * rally_store_undelete_campaign() can undo exactly.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_delete_campaign (RallyStore  *self,
                             gint64       id,
                             GError     **error)
{
  gint64 stamp = _rally_store_now ();
  int changed;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  if (!_rally_store_begin (self, error))
    return FALSE;

  changed = run_id_statement (self, "UPDATE campaigns SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                              id, stamp, error);
  if (changed == 0)
    _rally_store_set_not_found (error, _("The campaign does not exist or was already deleted"));
  if (changed <= 0 ||
      run_id_statement (self, "UPDATE challenges SET deleted_at = ?2, deleted_with = ?1"
                              " WHERE campaign_id = ?1 AND deleted_at IS NULL", id, stamp, error) < 0 ||
      run_id_statement (self, "UPDATE planned_posts SET deleted_at = ?2, deleted_with = ?1"
                              " WHERE campaign_id = ?1 AND deleted_at IS NULL", id, stamp, error) < 0)
    {
      _rally_store_rollback (self);
      return FALSE;
    }

  _rally_store_queue_change (self, "campaigns", id);
  _rally_store_queue_change (self, "challenges", 0);
  _rally_store_queue_change (self, "planned_posts", 0);

  return _rally_store_commit (self, error);
}

static void
set_hashtag_taken_on_undo (GError **error)
{
  g_clear_error (error);
  g_set_error_literal (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_TAKEN,
                       _("Cannot undo: another challenge now uses the same hashtag"));
}

/**
 * rally_store_undelete_campaign:
 * @self: a #RallyStore
 * @id: a campaign deleted by rally_store_delete_campaign()
 * @error: return location for a %RALLY_STORE_ERROR, or %RALLY_MODEL_ERROR_HASHTAG_TAKEN
 *
 * Brings back the campaign and exactly the challenges and planned posts deleted with it.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_undelete_campaign (RallyStore  *self,
                               gint64       id,
                               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int changed;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  if (!_rally_store_begin (self, error))
    return FALSE;

  changed = run_id_statement (self, "UPDATE campaigns SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                              id, 0, &local_error);
  if (changed == 0)
    _rally_store_set_not_found (&local_error, _("The campaign is not deleted; there is nothing to undo"));
  if (changed > 0 &&
      run_id_statement (self, "UPDATE challenges SET deleted_at = NULL, deleted_with = NULL"
                              " WHERE deleted_with = ?1", id, 0, &local_error) < 0 &&
      g_error_matches (local_error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CONSTRAINT))
    set_hashtag_taken_on_undo (&local_error);
  if (local_error == NULL)
    run_id_statement (self, "UPDATE planned_posts SET deleted_at = NULL, deleted_with = NULL"
                            " WHERE deleted_with = ?1", id, 0, &local_error);
  if (local_error != NULL)
    {
      _rally_store_rollback (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  _rally_store_queue_change (self, "campaigns", id);
  _rally_store_queue_change (self, "challenges", 0);
  _rally_store_queue_change (self, "planned_posts", 0);

  return _rally_store_commit (self, error);
}

/**
 * rally_store_get_campaign:
 *
 * Returns: (transfer full) (nullable): a new object for the campaign, or %NULL when
 *   there is none (or it is deleted)
 */
RallyCampaign *
rally_store_get_campaign (RallyStore *self,
                          gint64      id)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return _rally_store_load_record (self, &rally_table_campaigns, id);
}

/* Challenges */

static gboolean
check_campaign_exists (RallyStore  *self,
                       gint64       campaign_id,
                       GError     **error)
{
  if (campaign_id == 0 ||
      row_exists (self, "SELECT 1 FROM campaigns WHERE id = ?1 AND deleted_at IS NULL", campaign_id))
    return TRUE;

  _rally_store_set_not_found (error, _("The campaign it belongs to no longer exists"));
  return FALSE;
}

gboolean
_rally_store_check_challenge_exists (RallyStore  *self,
                                     gint64       challenge_id,
                                     GError     **error)
{
  if (challenge_id == 0 ||
      row_exists (self, "SELECT 1 FROM challenges WHERE id = ?1 AND deleted_at IS NULL", challenge_id))
    return TRUE;

  _rally_store_set_not_found (error, _("The challenge it belongs to no longer exists"));
  return FALSE;
}

/**
 * rally_store_save_challenge:
 * @self: a #RallyStore
 * @challenge: the challenge; id 0 inserts it and sets its id
 * @error: return location for a %RALLY_MODEL_ERROR or %RALLY_STORE_ERROR
 *
 * Validates @challenge, normalizes its hashtag (no '#', NFC) and its partner roster
 * (see rally_partners_normalize()), checks that no other challenge uses the hashtag
 * (%RALLY_MODEL_ERROR_HASHTAG_TAKEN) and saves it. A changed roster gives the
 * challenge's videos their new origin in the same transaction (rally-store-origins.h).
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_save_challenge (RallyStore      *self,
                            RallyChallenge  *challenge,
                            GError         **error)
{
  g_autofree char *hashtag = NULL;
  g_autofree char *key = NULL;
  g_auto(GStrv) partners = NULL;
  gint64 id = rally_challenge_get_id (challenge);

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (RALLY_IS_CHALLENGE (challenge), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rally_challenge_validate (challenge, error) ||
      !rally_hashtag_validate (rally_challenge_get_hashtag (challenge), &hashtag, error) ||
      !(partners = rally_partners_normalize (rally_challenge_get_partners (challenge), error)) ||
      !check_campaign_exists (self, rally_challenge_get_campaign_id (challenge), error))
    return FALSE;

  if (rally_store_hashtag_is_taken (self, hashtag, rally_challenge_get_id (challenge)))
    {
      g_set_error (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_HASHTAG_TAKEN,
                   _("The hashtag “%s” is already used by another challenge"), hashtag);
      return FALSE;
    }

  rally_challenge_set_hashtag (challenge, hashtag);
  rally_challenge_set_partners (challenge, (const char * const *) partners);
  key = rally_hashtag_key (hashtag);

  if (!_rally_store_begin (self, error))
    return FALSE;

  if (!_rally_store_apply_roster (self, challenge, error) ||
      !_rally_store_write_record (self, &rally_table_challenges, G_OBJECT (challenge), "hashtag_key", key, error) ||
      !_rally_store_commit (self, error))
    {
      _rally_store_rollback (self);
      rally_record_set_id (RALLY_RECORD (challenge), id);
      return FALSE;
    }

  return TRUE;
}

/**
 * rally_store_delete_challenge:
 * @self: a #RallyStore
 * @id: the challenge to delete
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Deletes the challenge (its videos and snapshots stay until purged), in a way
 * rally_store_undelete_challenge() can undo.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_delete_challenge (RallyStore  *self,
                              gint64       id,
                              GError     **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  return _rally_store_update_one_row (self, "challenges",
                         "UPDATE challenges SET deleted_at = ?2, deleted_with = NULL"
                         " WHERE id = ?1 AND deleted_at IS NULL", id, _rally_store_now (),
                         _("The challenge does not exist or was already deleted"), error);
}

/**
 * rally_store_undelete_challenge:
 * @self: a #RallyStore
 * @id: a deleted challenge
 * @error: return location for a %RALLY_STORE_ERROR, or %RALLY_MODEL_ERROR_HASHTAG_TAKEN
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_undelete_challenge (RallyStore  *self,
                                gint64       id,
                                GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  int changed;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  if (!_rally_store_begin (self, error))
    return FALSE;

  changed = run_id_statement (self, "UPDATE challenges SET deleted_at = NULL, deleted_with = NULL"
                                    " WHERE id = ?1 AND deleted_at IS NOT NULL", id, 0, &local_error);
  if (changed == 0)
    _rally_store_set_not_found (&local_error, _("The challenge is not deleted; there is nothing to undo"));
  else if (changed < 0 && g_error_matches (local_error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CONSTRAINT))
    set_hashtag_taken_on_undo (&local_error);

  if (local_error != NULL)
    {
      _rally_store_rollback (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  _rally_store_queue_change (self, "challenges", id);

  return _rally_store_commit (self, error);
}

/**
 * rally_store_get_challenge:
 *
 * Returns: (transfer full) (nullable): a new object for the challenge, or %NULL
 */
RallyChallenge *
rally_store_get_challenge (RallyStore *self,
                           gint64      id)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return _rally_store_load_record (self, &rally_table_challenges, id);
}

static gint64
find_challenge_id (RallyStore *self,
                   const char *hashtag,
                   gint64      except_id)
{
  g_autofree char *normalized = NULL;
  g_autofree char *key = NULL;
  RallyDbStmt *stmt;
  gint64 id = 0;

  if (!rally_hashtag_validate (hashtag, &normalized, NULL))
    return 0;

  key = rally_hashtag_key (normalized);
  stmt = _rally_store_stmt (self, "SELECT id FROM challenges WHERE hashtag_key = ?1"
                                     " AND deleted_at IS NULL AND id <> ?2", NULL);
  if (stmt == NULL)
    return 0;

  rally_db_stmt_bind_text (stmt, 1, key, -1);
  rally_db_stmt_bind_int64 (stmt, 2, except_id);
  if (rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW)
    id = rally_db_stmt_column_int64 (stmt, 0);
  rally_db_stmt_reset (stmt);

  return id;
}

/**
 * rally_store_find_challenge:
 * @self: a #RallyStore
 * @hashtag: a hashtag, with or without '#', in any case
 *
 * Returns: (transfer full) (nullable): the challenge using @hashtag, or %NULL
 */
RallyChallenge *
rally_store_find_challenge (RallyStore *self,
                            const char *hashtag)
{
  gint64 id;

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);
  g_return_val_if_fail (hashtag != NULL, NULL);

  id = find_challenge_id (self, hashtag, 0);

  return id != 0 ? rally_store_get_challenge (self, id) : NULL;
}

/**
 * rally_store_hashtag_is_taken:
 * @self: a #RallyStore
 * @hashtag: a hashtag, with or without '#'
 * @except_challenge_id: the challenge being edited (0 for a new one)
 *
 * Compares case-insensitively (Unicode case folding) with every other live challenge.
 *
 * Returns: %TRUE when another challenge uses @hashtag
 */
gboolean
rally_store_hashtag_is_taken (RallyStore *self,
                              const char *hashtag,
                              gint64      except_challenge_id)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (hashtag != NULL, FALSE);

  return find_challenge_id (self, hashtag, except_challenge_id) != 0;
}

/* Planned posts */

/**
 * rally_store_save_planned_post:
 * @self: a #RallyStore
 * @post: the post; id 0 inserts it and sets its id
 * @error: return location for a %RALLY_MODEL_ERROR or %RALLY_STORE_ERROR
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_save_planned_post (RallyStore        *self,
                               RallyPlannedPost  *post,
                               GError           **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (RALLY_IS_PLANNED_POST (post), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rally_planned_post_validate (post, error) ||
      !check_campaign_exists (self, rally_planned_post_get_campaign_id (post), error) ||
      !_rally_store_check_challenge_exists (self, rally_planned_post_get_challenge_id (post), error))
    return FALSE;

  return _rally_store_save_record (self, &rally_table_planned_posts, G_OBJECT (post), NULL, NULL, error);
}

static gboolean
set_post_deleted (RallyStore  *self,
                  gint64       id,
                  gboolean     deleted,
                  GError     **error)
{
  if (deleted)
    return _rally_store_update_one_row (self, "planned_posts",
                           "UPDATE planned_posts SET deleted_at = ?2, deleted_with = NULL"
                           " WHERE id = ?1 AND deleted_at IS NULL", id, _rally_store_now (),
                           _("The planned post does not exist or was already deleted"), error);

  return _rally_store_update_one_row (self, "planned_posts",
                         "UPDATE planned_posts SET deleted_at = NULL, deleted_with = NULL"
                         " WHERE id = ?1 AND deleted_at IS NOT NULL", id, 0,
                         _("The planned post is not deleted; there is nothing to undo"), error);
}

/**
 * rally_store_delete_planned_post:
 *
 * Deletes a planned post, in a way rally_store_undelete_planned_post() can undo.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_delete_planned_post (RallyStore  *self,
                                 gint64       id,
                                 GError     **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  return set_post_deleted (self, id, TRUE, error);
}

/**
 * rally_store_undelete_planned_post:
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_undelete_planned_post (RallyStore  *self,
                                   gint64       id,
                                   GError     **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  return set_post_deleted (self, id, FALSE, error);
}

/**
 * rally_store_get_planned_post:
 *
 * Returns: (transfer full) (nullable): a new object for the post, or %NULL
 */
RallyPlannedPost *
rally_store_get_planned_post (RallyStore *self,
                              gint64      id)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return _rally_store_load_record (self, &rally_table_planned_posts, id);
}

/**
 * rally_store_purge_deleted:
 * @self: a #RallyStore
 * @deleted_before: UTC unix seconds
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Removes for good the records deleted before @deleted_before, with the videos and
 * snapshots of the challenges among them. Their deletion can no longer be undone.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_purge_deleted (RallyStore  *self,
                           gint64       deleted_before,
                           GError     **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  if (!_rally_store_begin (self, error))
    return FALSE;

  /* (an editor cannot delete campaigns: the owner's next purge removes them) */
  if (run_id_statement (self, "DELETE FROM planned_posts WHERE deleted_at < ?1", deleted_before, 0, error) < 0 ||
      run_id_statement (self, "DELETE FROM challenges WHERE deleted_at < ?1", deleted_before, 0, error) < 0 ||
      (rally_store_role_can_delete_campaigns (rally_store_get_role (self)) &&
       run_id_statement (self, "DELETE FROM campaigns WHERE deleted_at < ?1", deleted_before, 0, error) < 0))
    {
      _rally_store_rollback (self);
      return FALSE;
    }

  _rally_store_queue_change (self, NULL, 0);

  return _rally_store_commit (self, error);
}
