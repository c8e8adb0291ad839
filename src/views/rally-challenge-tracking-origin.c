/* rally-challenge-tracking-origin.c
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

/* Organic and seeded in the tracking view: the split read off the main thread, what
 * a video's origin reads as, the filter of the videos, and the menu that marks one
 * video by hand ("origin.set" with the video's id and "seeded", "organic" or
 * "roster"), which the view and the window of the whole table both carry. */

#define G_LOG_DOMAIN "RallyChallengeTracking"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-challenge-tracking-private.h"
#include "rally-store-origins.h"
#include "rally-toast.h"

/* On the reader's thread and connection. */
static gpointer
read_split (RallyStore    *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree RallyOriginSplit *split = g_new0 (RallyOriginSplit, 1);

  if (!rally_store_get_origin_split (store, *(gint64 *) data, split))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The organic and seeded videos could not be read"));
      return NULL;
    }

  return g_steal_pointer (&split);
}

/**
 * _rally_challenge_tracking_read_split_async:
 *
 * Reads rally_store_get_origin_split() of @challenge_id with @reader; the result
 * is a #RallyOriginSplit to free with g_free().
 */
void
_rally_challenge_tracking_read_split_async (RallyFiguresReader  *reader,
                                            gint64               challenge_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  rally_figures_reader_run_async (reader, read_split, g_memdup2 (&challenge_id, sizeof challenge_id), g_free,
                                  g_free, cancellable, callback, user_data);
}

/**
 * _rally_challenge_tracking_origin_text:
 *
 * Returns: what @video's origin reads as in the table: "Seeded", "Organic, by hand"
 */
const char *
_rally_challenge_tracking_origin_text (RallyVideo *video)
{
  gboolean seeded = rally_video_get_origin (video) != RALLY_VIDEO_ORIGIN_ORGANIC;

  if (rally_video_get_origin_manual (video))
    return seeded ? _("Seeded, by hand") : _("Organic, by hand");

  return seeded ? _("Seeded") : _("Organic");
}

static void
append_choice (GMenu      *menu,
               const char *label,
               gint64      id,
               const char *origin)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target (item, "origin.set", "(xs)", id, origin);
  g_menu_append_item (menu, item);
}

/**
 * _rally_challenge_tracking_origin_menu:
 * @video: a video
 *
 * Returns: (transfer full): the choices of @video's origin
 */
GMenuModel *
_rally_challenge_tracking_origin_menu (RallyVideo *video)
{
  GMenu *menu = g_menu_new ();
  gint64 id = rally_video_get_id (video);

  append_choice (menu, _("Mark as _Seeded"), id, "seeded");
  append_choice (menu, _("Mark as _Organic"), id, "organic");
  if (rally_video_get_origin_manual (video))
    append_choice (menu, _("_Follow the Partner Roster"), id, "roster");

  return G_MENU_MODEL (menu);
}

static void
set_origin_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  RallyChallengeTracking *self = user_data;
  RallyStore *store = rally_challenge_tracking_get_store (self);
  g_autoptr(GError) error = NULL;
  const char *origin;
  gint64 id;
  gboolean ok;

  if (store == NULL)
    return;

  g_variant_get (parameter, "(x&s)", &id, &origin);
  if (g_strcmp0 (origin, "roster") == 0)
    ok = rally_store_reset_video_origin (store, id, &error);
  else
    ok = rally_store_set_video_origin (store, id, g_strcmp0 (origin, "seeded") == 0 ? RALLY_VIDEO_ORIGIN_PARTNER
                                                                                   : RALLY_VIDEO_ORIGIN_ORGANIC,
                                       &error);
  if (!ok)
    {
      /* Translators: %s says why */
      g_autofree char *text = g_strdup_printf (_("The origin could not be changed: %s"), error->message);

      rally_toast_show_near (GTK_WIDGET (self), adw_toast_new (text));
    }
}

/**
 * _rally_challenge_tracking_origin_actions:
 *
 * Returns: (transfer full): the "origin" actions of @self, to insert as "origin"
 */
GActionGroup *
_rally_challenge_tracking_origin_actions (RallyChallengeTracking *self)
{
  GSimpleActionGroup *group = g_simple_action_group_new ();
  const GActionEntry entries[] = {
    { "set", set_origin_cb, "(xs)", NULL, NULL, { 0 } },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);

  return G_ACTION_GROUP (group);
}
