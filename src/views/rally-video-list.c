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
 * millions of rows that reads only the rows on screen. A worker thread, on its own
 * connection, counts the videos (from the roll-ups); a row is read when the view asks
 * for it, with the page of PAGE_ROWS rows around it, and kept while its page is one of
 * the last MAX_PAGES read. A page next to a page in hand is read from that page's edge
 * row (a keyset seek on the order's index); one far from any, after a jump down the
 * scrollbar, skips rows with OFFSET from the nearer end of the list. A local workspace
 * has no index per sort, so there the worker reads the ordered ids instead and a page
 * is its rows by id. The list re-reads itself when the store's videos change, keeping
 * its length where it can, so the view stays where it was. */

#define G_LOG_DOMAIN "RallyVideoList"

#include "config.h"

#include "rally-figures-reader.h"
#include "rally-store.h"
#include "rally-video-list.h"

#define PAGE_ROWS 100
#define MAX_PAGES 16

typedef struct
{
  gint64            challenge_id;
  RallyVideoColumn  column;
  gboolean          descending;
  RallyVideoShown   shown;
  guint             count;        /* the rows, once counted */
  GArray           *ids;          /* where pages cannot seek: every row's id, in order */
} Query;

static void
query_free (gpointer data)
{
  Query *query = data;

  g_clear_pointer (&query->ids, g_array_unref);
  g_free (query);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Query, query_free)

struct _RallyVideoList
{
  GObject           parent_instance;

  RallyStore       *store;
  RallyFiguresReader *reader;     /* counts the rows off the main thread */
  guint             n_items;
  GArray           *ids;          /* (nullable): the rows' ids, where pages cannot seek */
  GHashTable       *pages;        /* page number → GPtrArray of RallyVideo */
  GQueue            recent;       /* page numbers, the last read first */
  gint64            challenge_id;
  RallyVideoColumn  column;       /* the order and filter of the rows on show */
  gboolean          descending;
  RallyVideoShown   shown;
  Query             next;         /* those asked for, on show once counted */
  GCancellable     *loading;
  gboolean          reload_pending; /* the videos changed: the reader reads them next */
  gboolean          same_rows;      /* the count being read is of the rows on show */
};


static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RallyVideoList, rally_video_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* On the reader's thread and connection. */
static gpointer
count_rows (RallyStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(Query) query = g_memdup2 (data, sizeof (Query));

  if (!rally_store_seeks_video_pages (store))
    {
      query->ids = rally_store_query_video_ids_shown (store, query->challenge_id, query->column, query->descending,
                                                      query->shown, error);
      if (query->ids == NULL)
        return NULL;
      query->count = query->ids->len;
    }
  else if (!rally_store_count_videos_shown (store, query->challenge_id, query->shown, &query->count, error))
    return NULL;

  return g_steal_pointer (&query);
}

static void
forget_pages (RallyVideoList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
}

/* The rows change to @n_items others. Rows of the same list keep their places: the
 * first rows are replaced one for one, so the view's anchor keeps its position. */
static void
replace_rows (RallyVideoList *self,
              guint           n_items,
              gboolean        same_rows)
{
  guint removed = self->n_items;
  guint kept = same_rows ? MIN (removed, n_items) : 0;

  forget_pages (self);
  if (n_items == 0)
    g_clear_pointer (&self->ids, g_array_unref);
  self->n_items = n_items;
  /* the length first, so that the model is as each signal says from the first one on */
  if (removed > kept || n_items > kept)
    g_list_model_items_changed (G_LIST_MODEL (self), kept, removed - kept, n_items - kept);
  if (kept > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, kept, kept);
}

static void
counted_cb (GObject      *source_object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RallyVideoList) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Query) counted = rally_figures_reader_run_finish (RALLY_FIGURES_READER (source_object), result, &error);
  gboolean current = g_task_get_cancellable (G_TASK (result)) == self->loading;

  if (current)
    g_clear_object (&self->loading);

  if (counted == NULL)
    {
      if (current && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the videos: %s", error->message);
      return;
    }
  if (!current)
    return;

  /* the rows on show keep their order until the new one is counted */
  self->column = counted->column;
  self->descending = counted->descending;
  self->shown = counted->shown;
  g_clear_pointer (&self->ids, g_array_unref);
  self->ids = g_steal_pointer (&counted->ids);
  replace_rows (self, counted->count, self->same_rows);
}

static void
reload (RallyVideoList *self,
        gboolean        same_rows)
{
  Query *query;

  self->reload_pending = FALSE;
  /* a new order or filter under way stays one when the store changes meanwhile */
  self->same_rows = same_rows && (self->loading == NULL || self->same_rows);
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);

  query = g_memdup2 (&self->next, sizeof (Query));
  query->challenge_id = self->challenge_id;
  self->loading = g_cancellable_new ();

  rally_figures_reader_run_async (self->reader, count_rows, query, g_free, query_free,
                                  self->loading, counted_cb, g_object_ref (self));
}

/* The reader has read the store again after a burst of changes: the list too. */
static void
figures_changed_cb (RallyVideoList *self)
{
  if (self->reload_pending)
    reload (self, TRUE);
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
  return RALLY_VIDEO_LIST (model)->n_items;
}

static GPtrArray *
lookup_page (RallyVideoList *self,
             guint           page)
{
  return g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
}

/* A page's first or last row, when it is a video of the store (not a stand-in) */
static RallyVideo *
page_edge (GPtrArray *rows,
           gboolean   last)
{
  RallyVideo *video;

  if (rows == NULL || rows->len < PAGE_ROWS)
    return NULL;
  video = g_ptr_array_index (rows, last ? rows->len - 1 : 0);

  return rally_video_get_id (video) != 0 ? video : NULL;
}

/* Where pages cannot seek, the rows of the ids read in the background, one by one */
static GPtrArray *
read_page_by_id (RallyVideoList *self,
                 guint           first,
                 guint           n_rows)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < first + n_rows && i < self->ids->len; i++)
    {
      RallyVideo *video = rally_store_get_video (self->store, g_array_index (self->ids, gint64, i));

      /* deleted since the ids were read: an empty row until the re-read lands */
      g_ptr_array_add (rows, video != NULL ? video : g_object_new (RALLY_TYPE_VIDEO, NULL));
    }

  return rows;
}

static GPtrArray *
read_page (RallyVideoList  *self,
           guint            page,
           guint            n_rows,
           GError         **error)
{
  guint first = page * PAGE_ROWS;
  guint after = self->n_items - first - n_rows;   /* rows below the page */
  RallyVideo *anchor = NULL;
  gboolean backwards = FALSE;
  guint offset = 0;

  if (self->ids != NULL)
    return read_page_by_id (self, first, n_rows);

  /* a seek from a neighbour's edge row, else a walk from the nearer end */
  if (page > 0 && (anchor = page_edge (lookup_page (self, page - 1), TRUE)) != NULL)
    backwards = FALSE;
  else if ((anchor = page_edge (lookup_page (self, page + 1), FALSE)) != NULL)
    backwards = TRUE;
  else
    {
      backwards = after < first;
      offset = MIN (first, after);
    }

  return rally_store_read_video_page (self->store, self->challenge_id, self->column, self->descending, self->shown,
                                      anchor, backwards, offset, n_rows, error);
}

/* Reads @page, with stand-ins for rows gone since the count (until the re-read lands). */
static GPtrArray *
load_page (RallyVideoList *self,
           guint           page)
{
  guint n_rows = MIN (PAGE_ROWS, self->n_items - page * PAGE_ROWS);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = read_page (self, page, n_rows, &error);

  if (rows == NULL)
    {
      /* offline, the window says so itself, and the list is read again once back */
      if (g_error_matches (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_OFFLINE))
        g_debug ("Could not read the videos while offline");
      else
        g_warning ("Could not read the videos: %s", error->message);
      rows = g_ptr_array_new_with_free_func (g_object_unref);
    }
  while (rows->len < n_rows)
    g_ptr_array_add (rows, g_object_new (RALLY_TYPE_VIDEO, NULL));

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
  if (g_queue_get_length (&self->recent) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));

  return rows;
}

static gpointer
rally_video_list_get_item (GListModel *model,
                           guint       position)
{
  RallyVideoList *self = RALLY_VIDEO_LIST (model);
  guint page = position / PAGE_ROWS;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;

  rows = lookup_page (self, page);
  if (rows == NULL)
    rows = load_page (self, page);

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_ROWS));
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
  forget_pages (self);

  G_OBJECT_CLASS (rally_video_list_parent_class)->dispose (object);
}

static void
rally_video_list_finalize (GObject *object)
{
  RallyVideoList *self = RALLY_VIDEO_LIST (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);

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
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
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

  if (challenge_id != self->challenge_id && self->n_items > 0)
    /* Another challenge: none of the previous one's rows stays on show. */
    replace_rows (self, 0, FALSE);

  self->challenge_id = challenge_id;
  self->next.column = column;
  self->next.descending = descending;

  if (challenge_id == 0)
    {
      self->reload_pending = FALSE;
      if (self->loading != NULL)
        g_cancellable_cancel (self->loading);
      g_clear_object (&self->loading);
      return;
    }

  reload (self, FALSE);
}

/**
 * rally_video_list_set_shown:
 * @self: a #RallyVideoList
 * @shown: which videos of the challenge to list
 *
 * Counts the videos shown in the background; the list changes when they are counted.
 */
void
rally_video_list_set_shown (RallyVideoList  *self,
                            RallyVideoShown  shown)
{
  g_return_if_fail (RALLY_IS_VIDEO_LIST (self));
  g_return_if_fail (shown <= RALLY_VIDEO_SHOWN_SEEDED);

  if (shown == self->next.shown)
    return;

  self->next.shown = shown;
  if (self->challenge_id != 0)
    reload (self, FALSE);
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

/**
 * rally_video_list_get_n_read:
 * @self: a #RallyVideoList
 *
 * Returns: how many rows the list holds in memory now: the pages read lately, never
 *   more than a few screens of rows whatever the list's length
 */
guint
rally_video_list_get_n_read (RallyVideoList *self)
{
  GHashTableIter iter;
  gpointer rows;
  guint n = 0;

  g_return_val_if_fail (RALLY_IS_VIDEO_LIST (self), 0);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &rows))
    n += ((GPtrArray *) rows)->len;

  return n;
}
