/* rally-store-events.c
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

/* Events of a challenge's or a campaign's timeline in the store: saving, deleting and
 * live lists by first day. */

#define G_LOG_DOMAIN "RallyStore"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-event.h"
#include "rally-store-events.h"
#include "rally-store-private.h"

static const RallyColumn event_columns[] = {
  { "challenge_id", RALLY_COLUMN_NULL_IF_ZERO }, { "campaign_id", RALLY_COLUMN_NULL_IF_ZERO },
  { "kind" }, { "title" }, { "note" }, { "first_day" }, { "last_day" },
  { NULL }
};

const RallyTable rally_table_events = { "events", rally_event_get_type, event_columns, FALSE, TRUE };

/* The owner of @event is a live (not deleted) challenge or campaign. */
static gboolean
check_owner (RallyStore  *self,
             RallyEvent  *event,
             GError     **error)
{
  gboolean on_challenge = rally_event_get_challenge_id (event) != 0;
  RallyDbStmt *stmt;
  gboolean found;

  stmt = _rally_store_stmt (self,
                            on_challenge ? "SELECT 1 FROM challenges WHERE id = ?1 AND deleted_at IS NULL"
                                            : "SELECT 1 FROM campaigns WHERE id = ?1 AND deleted_at IS NULL",
                               error);
  if (stmt == NULL)
    return FALSE;

  rally_db_stmt_bind_int64 (stmt, 1, on_challenge ? rally_event_get_challenge_id (event)
                                            : rally_event_get_campaign_id (event));
  found = rally_db_stmt_step (stmt, NULL) == RALLY_DB_ROW;
  rally_db_stmt_reset (stmt);

  if (!found)
    g_set_error_literal (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_FOUND,
                         on_challenge ? _("The challenge of the event no longer exists")
                                      : _("The campaign of the event no longer exists"));

  return found;
}

/**
 * rally_store_save_event:
 * @self: a #RallyStore
 * @event: the event; id 0 inserts it and sets its id
 * @error: return location for a %RALLY_MODEL_ERROR or %RALLY_STORE_ERROR
 *
 * Validates and saves @event in one transaction. On failure the event keeps its id.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_store_save_event (RallyStore  *self,
                        RallyEvent  *event,
                        GError     **error)
{
  gint64 id;

  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);
  g_return_val_if_fail (RALLY_IS_EVENT (event), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!rally_event_validate (event, error))
    return FALSE;

  id = rally_event_get_id (event);
  if (!_rally_store_begin (self, error))
    return FALSE;

  if (!check_owner (self, event, error) ||
      !_rally_store_write_record (self, &rally_table_events, G_OBJECT (event), NULL, NULL, error) ||
      !_rally_store_commit (self, error))
    {
      _rally_store_rollback (self);
      rally_record_set_id (RALLY_RECORD (event), id);
      return FALSE;
    }

  return TRUE;
}

/**
 * rally_store_delete_event:
 * @self: a #RallyStore
 * @id: the event to delete
 * @error: return location for a %RALLY_STORE_ERROR
 *
 * Deletes the event for good.
 *
 * Returns: %TRUE on success; %RALLY_STORE_ERROR_NOT_FOUND when there is no such event
 */
gboolean
rally_store_delete_event (RallyStore  *self,
                          gint64       id,
                          GError     **error)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), FALSE);

  return _rally_store_change_one_row (self, "events", "DELETE FROM events WHERE id = ?1", id,
                                      _("The event does not exist or was already deleted"), error);
}

/**
 * rally_store_get_event:
 *
 * Returns: (transfer full) (nullable): a new object for the event, or %NULL
 */
RallyEvent *
rally_store_get_event (RallyStore *self,
                       gint64      id)
{
  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return _rally_store_load_record (self, &rally_table_events, id);
}

/**
 * rally_store_list_challenge_events:
 * @self: a #RallyStore
 * @challenge_id: a challenge
 *
 * Returns: (transfer full): a live #GListModel of the challenge's #RallyEvent, by
 *   first day (then by id)
 */
GListModel *
rally_store_list_challenge_events (RallyStore *self,
                                   gint64      challenge_id)
{
  gint64 params[] = { challenge_id };

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return _rally_store_list_new (self, &rally_table_events,
                                "SELECT id FROM events WHERE challenge_id = ?1 ORDER BY first_day, id",
                                params, 1);
}

/**
 * rally_store_list_campaign_events:
 * @self: a #RallyStore
 * @campaign_id: a campaign
 *
 * The campaign's own events, not those of its challenges.
 *
 * Returns: (transfer full): a live #GListModel of the campaign's #RallyEvent, by
 *   first day (then by id)
 */
GListModel *
rally_store_list_campaign_events (RallyStore *self,
                                  gint64      campaign_id)
{
  gint64 params[] = { campaign_id };

  g_return_val_if_fail (RALLY_IS_STORE (self), NULL);

  return _rally_store_list_new (self, &rally_table_events,
                                "SELECT id FROM events WHERE campaign_id = ?1 ORDER BY first_day, id",
                                params, 1);
}
