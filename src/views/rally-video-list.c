/* rally-video-list.c
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

/* RallyVideoList: a challenge's videos in any order, as a GListModel for a table of
 * a hundred thousand rows. A worker thread, on its own connection, runs the ordered
 * query for ids only; a row is loaded from the store when the view asks for it and
 * kept in a cache. While a new order is being read, the old one stays on show. The
 * list re-reads itself when the store's videos change. */

#define G_LOG_DOMAIN "RallyVideoList"

#include "config.h"

#include "rally-figures-reader.h"
#include "rally-store.h"
#include "rally-video-list.h"

struct _RallyVideoList
{
  GObject           parent_instance;

  RallyStore       *store;
  RallyFiguresReader *reader;     /* reads the order off the main thread */
  GArray           *ids;          /* gint64, in list order */
  GHashTable       *cache;        /* id → RallyVideo */
  gint64            challenge_id;
  RallyVideoColumn  column;
  gboolean          descending;
  GCancellable     *loading;
  gboolean          reload_pending; /* the videos changed: the reader reads them next */
};

typedef struct
{
  gint64            challenge_id;
  RallyVideoColumn  column;
  gboolean          descending;
} Query;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RallyVideoList, rally_video_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* On the reader's thread and connection. */
static gpointer
read_ids (RallyStore    *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Query *query = data;

  return rally_store_query_video_ids (store, query->challenge_id, query->column, query->descending, 0, error);
}

static void
ids_read_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RallyVideoList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = rally_figures_reader_run_finish (RALLY_FIGURES_READER (source_object), result, &error);
  gboolean current = g_task_get_cancellable (G_TASK (result)) == self->loading;
  guint removed;

  if (current)
    g_clear_object (&self->loading);

  if (ids == NULL)
    {
      if (current && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the videos: %s", error->message);
      return;
    }
  if (!current)
    return;

  removed = self->ids->len;
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&ids);
  g_hash_table_remove_all (self->cache);
  if (removed > 0 || self->ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->ids->len);
}

static void
reload (RallyVideoList *self)
{
  Query *query;

  self->reload_pending = FALSE;
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);

  query = g_new0 (Query, 1);
  query->challenge_id = self->challenge_id;
  query->column = self->column;
  query->descending = self->descending;
  self->loading = g_cancellable_new ();

  rally_figures_reader_run_async (self->reader, read_ids, query, g_free, (GDestroyNotify) g_array_unref,
                                  self->loading, ids_read_cb, g_object_ref (self));
}

/* The reader has read the store again after a burst of changes: the order too. */
static void
figures_changed_cb (RallyVideoList *self)
{
  if (self->reload_pending)
    reload (self);
}

static void
store_changed_cb (RallyVideoList *self,
                  const char     *table)
{
  if (self->challenge_id == 0 || (table != NULL && g_strcmp0 (table, "videos") != 0))
    return;

  self->reload_pending = TRUE;
}

static GType
rally_video_list_get_item_type (GListModel *model)
{
  return RALLY_TYPE_VIDEO;
}

static guint
rally_video_list_get_n_items (GListModel *model)
{
  return RALLY_VIDEO_LIST (model)->ids->len;
}

static gpointer
rally_video_list_get_item (GListModel *model,
                           guint       position)
{
  RallyVideoList *self = RALLY_VIDEO_LIST (model);
  RallyVideo *video;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  video = g_hash_table_lookup (self->cache, &id);
  if (video == NULL)
    {
      video = rally_store_get_video (self->store, id);
      /* Deleted since the ids were read: an empty row until the re-read lands. */
      if (video == NULL)
        video = g_object_new (RALLY_TYPE_VIDEO, "id", id, NULL);
      g_hash_table_insert (self->cache, g_memdup2 (&id, sizeof id), video);
    }

  return g_object_ref (video);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = rally_video_list_get_item_type;
  iface->get_n_items = rally_video_list_get_n_items;
  iface->get_item = rally_video_list_get_item;
}

static void
rally_video_list_dispose (GObject *object)
{
  RallyVideoList *self = RALLY_VIDEO_LIST (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  g_clear_object (&self->reader);
  g_hash_table_remove_all (self->cache);

  G_OBJECT_CLASS (rally_video_list_parent_class)->dispose (object);
}

static void
rally_video_list_finalize (GObject *object)
{
  RallyVideoList *self = RALLY_VIDEO_LIST (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  G_OBJECT_CLASS (rally_video_list_parent_class)->finalize (object);
}

static void
rally_video_list_class_init (RallyVideoListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rally_video_list_dispose;
  object_class->finalize = rally_video_list_finalize;
}

static void
rally_video_list_init (RallyVideoList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/**
 * rally_video_list_new:
 * @reader: the reader of the workspace's figures, which reads the order
 *
 * Returns: (transfer full): an empty list; give it a query with
 *   rally_video_list_set_query()
 */
RallyVideoList *
rally_video_list_new (RallyFiguresReader *reader)
{
  RallyVideoList *self;

  g_return_val_if_fail (RALLY_IS_FIGURES_READER (reader), NULL);

  self = g_object_new (RALLY_TYPE_VIDEO_LIST, NULL);
  self->reader = g_object_ref (reader);
  self->store = g_object_ref (rally_figures_reader_get_store (reader));
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (reader, "changed", G_CALLBACK (figures_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * rally_video_list_set_query:
 * @self: a #RallyVideoList
 * @challenge_id: a challenge, or 0 for an empty list
 * @column: the order
 * @descending: largest (or last) first
 *
 * Reads the new order in the background; the list changes when it is read.
 */
void
rally_video_list_set_query (RallyVideoList   *self,
                            gint64            challenge_id,
                            RallyVideoColumn  column,
                            gboolean          descending)
{
  g_return_if_fail (RALLY_IS_VIDEO_LIST (self));
  g_return_if_fail (column <= RALLY_VIDEO_COLUMN_LAST);

  if (challenge_id != self->challenge_id && self->ids->len > 0)
    {
      /* Another challenge: none of the previous one's rows stays on show. */
      guint removed = self->ids->len;

      g_array_set_size (self->ids, 0);
      g_hash_table_remove_all (self->cache);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
    }

  self->challenge_id = challenge_id;
  self->column = column;
  self->descending = descending;

  if (challenge_id == 0)
    {
      self->reload_pending = FALSE;
      if (self->loading != NULL)
        g_cancellable_cancel (self->loading);
      g_clear_object (&self->loading);
      return;
    }

  reload (self);
}

/**
 * rally_video_list_is_loading:
 *
 * Returns: %TRUE while an order is being read
 */
gboolean
rally_video_list_is_loading (RallyVideoList *self)
{
  g_return_val_if_fail (RALLY_IS_VIDEO_LIST (self), FALSE);

  return self->loading != NULL;
}
