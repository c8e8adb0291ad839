/* rally-store-list.c
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

/* RallyStoreList: a live GListModel over one table of the store.
 *
 * It keeps only the ordered ids from its query and loads a record when asked for it,
 * keeping it in a cache by id. On RallyStore::changed for its table it re-runs the
 * query and announces the smallest items-changed that covers the difference: the
 * common head and tail of the old and new id sequences stay, and so does every
 * position but the changed row's. Records changed in bulk (id 0) are refreshed in
 * place, so their properties notify, and the rows of those that changed are
 * announced as changed in place. */

#define G_LOG_DOMAIN "RallyStoreList"

#include "config.h"

#include "rally-store-private.h"

#define RALLY_TYPE_STORE_LIST (rally_store_list_get_type ())

G_DECLARE_FINAL_TYPE (RallyStoreList, rally_store_list, RALLY, STORE_LIST, GObject)

struct _RallyStoreList
{
  GObject           parent_instance;

  RallyStore       *store;
  const RallyTable *table;
  char             *ids_sql;
  gint64            params[4];
  guint             n_params;
  GArray           *ids;     /* gint64, in list order */
  GHashTable       *cache;   /* id → record */
  gulong            changed_handler;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RallyStoreList, rally_store_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GArray *
query_ids (RallyStoreList *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  RallyDbStmt *stmt;
  RallyDbStep rc;

  stmt = _rally_store_stmt (self->store, self->ids_sql, &error);
  if (stmt == NULL)
    {
      _rally_store_read_failed ("list", self->table->name, error);
      return ids;
    }

  for (guint i = 0; i < self->n_params; i++)
    rally_db_stmt_bind_int64 (stmt, i + 1, self->params[i]);

  while ((rc = rally_db_stmt_step (stmt, &error)) == RALLY_DB_ROW)
    {
      gint64 id = rally_db_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != RALLY_DB_DONE)
    _rally_store_read_failed ("list", self->table->name, error);
  rally_db_stmt_reset (stmt);

  return ids;
}

/* Positions outside [prefix, n - suffix) are unchanged: same id, and not @changed_id. */
static void
diff_ids (GArray *old_ids,
          GArray *new_ids,
          gint64  changed_id,
          guint  *prefix_out,
          guint  *suffix_out)
{
  guint n_old = old_ids->len, n_new = new_ids->len;
  guint prefix = 0, suffix = 0;

  while (prefix < n_old && prefix < n_new &&
         g_array_index (old_ids, gint64, prefix) == g_array_index (new_ids, gint64, prefix) &&
         g_array_index (old_ids, gint64, prefix) != changed_id)
    prefix++;

  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         g_array_index (old_ids, gint64, n_old - 1 - suffix) == g_array_index (new_ids, gint64, n_new - 1 - suffix) &&
         g_array_index (old_ids, gint64, n_old - 1 - suffix) != changed_id)
    suffix++;

  *prefix_out = prefix;
  *suffix_out = suffix;
}

static void
count_notify_cb (guint *n_notified)
{
  (*n_notified)++;
}

/* Reloads every cached record in place and returns the ids of those that changed
 * (or went away), so that their rows can be announced. */
static GHashTable *
refresh_cache (RallyStoreList *self)
{
  GHashTable *changed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer id, record;

  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, &id, &record))
    {
      guint n_notified = 0;
      gulong handler = g_signal_connect_swapped (record, "notify", G_CALLBACK (count_notify_cb), &n_notified);
      gboolean found = _rally_store_reload_record (self->store, self->table, record);

      /* records notify only what really changed */
      g_signal_handler_disconnect (record, handler);
      if (!found || n_notified > 0)
        g_hash_table_add (changed, g_memdup2 (id, sizeof (gint64)));
      if (!found)
        g_hash_table_iter_remove (&iter);
    }

  return changed;
}

/* Rows kept in place whose record changed: one items-changed per run of them, so a
 * view that drew them draws them again (e.g. a workspace restored underneath). */
static void
announce_changed_rows (RallyStoreList *self,
                       GHashTable     *changed,
                       guint           from,
                       guint           to)
{
  guint start = from;

  for (guint i = from; i <= to; i++)
    {
      if (i < to && g_hash_table_contains (changed, &g_array_index (self->ids, gint64, i)))
        continue;
      if (i > start)
        g_list_model_items_changed (G_LIST_MODEL (self), start, i - start, i - start);
      start = i + 1;
    }
}

static void
reload (RallyStoreList *self,
        gint64          changed_id)
{
  g_autoptr(GArray) old_ids = self->ids;
  g_autoptr(GHashTable) changed = NULL;
  guint prefix, suffix, removed, added;

  if (changed_id != 0)
    g_hash_table_remove (self->cache, &changed_id);
  else
    changed = refresh_cache (self);

  self->ids = query_ids (self);
  diff_ids (old_ids, self->ids, changed_id, &prefix, &suffix);

  removed = old_ids->len - prefix - suffix;
  added = self->ids->len - prefix - suffix;
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);

  if (changed != NULL && g_hash_table_size (changed) > 0)
    {
      announce_changed_rows (self, changed, 0, prefix);
      announce_changed_rows (self, changed, self->ids->len - suffix, self->ids->len);
    }
}

static void
store_changed_cb (RallyStoreList *self,
                  const char     *table,
                  gint64          id,
                  RallyStore     *store)
{
  g_assert (RALLY_IS_STORE_LIST (self));

  if (table != NULL && g_strcmp0 (table, self->table->name) != 0)
    return;

  reload (self, table != NULL ? id : 0);
}

static GType
rally_store_list_get_item_type (GListModel *model)
{
  return RALLY_STORE_LIST (model)->table->get_type ();
}

static guint
rally_store_list_get_n_items (GListModel *model)
{
  return RALLY_STORE_LIST (model)->ids->len;
}

static gpointer
rally_store_list_get_item (GListModel *model,
                           guint       position)
{
  RallyStoreList *self = RALLY_STORE_LIST (model);
  gint64 id;
  GObject *record;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  record = g_hash_table_lookup (self->cache, &id);
  if (record == NULL)
    {
      record = _rally_store_load_record (self->store, self->table, id);
      if (record == NULL)
        {
          /* Deleted by another connection since the last reload: an empty record keeps
           * the list's promise of one item per position until the next change. */
          record = g_object_new (self->table->get_type (), "id", id, NULL);
        }
      g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), record);
    }

  return g_object_ref (record);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rally_store_list_get_item_type;
  iface->get_n_items = rally_store_list_get_n_items;
  iface->get_item = rally_store_list_get_item;
}

static void
rally_store_list_dispose (GObject *object)
{
  RallyStoreList *self = RALLY_STORE_LIST (object);

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (rally_store_list_parent_class)->dispose (object);
}

static void
rally_store_list_finalize (GObject *object)
{
  RallyStoreList *self = RALLY_STORE_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->ids_sql, g_free);

  G_OBJECT_CLASS (rally_store_list_parent_class)->finalize (object);
}

static void
rally_store_list_class_init (RallyStoreListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rally_store_list_dispose;
  object_class->finalize = rally_store_list_finalize;
}

static void
rally_store_list_init (RallyStoreList *self)
{
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

GListModel *
_rally_store_list_new (RallyStore       *store,
                       const RallyTable *table,
                       const char       *ids_sql,
                       const gint64     *params,
                       guint             n_params)
{
  RallyStoreList *self;

  g_return_val_if_fail (RALLY_IS_STORE (store), NULL);
  g_return_val_if_fail (n_params <= G_N_ELEMENTS (self->params), NULL);

  self = g_object_new (RALLY_TYPE_STORE_LIST, NULL);
  self->store = g_object_ref (store);
  self->table = table;
  self->ids_sql = g_strdup (ids_sql);
  self->n_params = n_params;
  for (guint i = 0; i < n_params; i++)
    self->params[i] = params[i];

  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = query_ids (self);
  self->changed_handler = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                                   self, G_CONNECT_SWAPPED);

  return G_LIST_MODEL (self);
}
