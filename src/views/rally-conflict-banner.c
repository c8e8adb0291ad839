/* rally-conflict-banner.c
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

/* RallyConflictBanner: the line at the top of an editor saying that the record
 * being edited was changed or deleted underneath it (another window, another
 * program, a restored backup). It follows RallyStore::changed, so what other
 * programs write reaches it through the store's watch of other writers. The
 * editor keeps what the person typed; it asks the banner's state when saving. */

#define G_LOG_DOMAIN "RallyConflictBanner"

#include "config.h"

#include "rally-conflict-banner.h"

struct _RallyConflictBanner
{
  AdwBin            parent_instance;

  GtkRevealer      *revealer;
  GtkLabel         *label;

  RallyStore       *store;
  char             *table;
  gint64            id;
  gint64            updated_at;   /* as the editor loaded it */
  char             *changed_text;
  char             *deleted_text;
  RallyRecordState  state;
};

G_DEFINE_FINAL_TYPE (RallyConflictBanner, rally_conflict_banner, ADW_TYPE_BIN)

static void
set_state (RallyConflictBanner *self,
           RallyRecordState     state)
{
  /* Once deleted, a record that comes back (Undo) is still not the one loaded. */
  if (state == self->state || self->state == RALLY_RECORD_DELETED)
    return;

  self->state = state;
  gtk_label_set_text (self->label, state == RALLY_RECORD_DELETED ? self->deleted_text : self->changed_text);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static void
store_changed_cb (RallyConflictBanner *self,
                  const char          *table,
                  gint64               id)
{
  gint64 updated_at;

  if (table != NULL && (g_strcmp0 (table, self->table) != 0 || (id != 0 && id != self->id)))
    return;

  updated_at = rally_store_get_updated_at (self->store, self->table, self->id);
  if (updated_at == 0)
    set_state (self, RALLY_RECORD_DELETED);
  else if (updated_at != self->updated_at)
    set_state (self, RALLY_RECORD_CHANGED);
}

static void
stop (RallyConflictBanner *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
}

static void
rally_conflict_banner_dispose (GObject *object)
{
  stop (RALLY_CONFLICT_BANNER (object));

  G_OBJECT_CLASS (rally_conflict_banner_parent_class)->dispose (object);
}

static void
rally_conflict_banner_finalize (GObject *object)
{
  RallyConflictBanner *self = RALLY_CONFLICT_BANNER (object);

  g_free (self->table);
  g_free (self->changed_text);
  g_free (self->deleted_text);

  G_OBJECT_CLASS (rally_conflict_banner_parent_class)->finalize (object);
}

static void
rally_conflict_banner_class_init (RallyConflictBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rally_conflict_banner_dispose;
  object_class->finalize = rally_conflict_banner_finalize;
}

static void
rally_conflict_banner_init (RallyConflictBanner *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "editor-banner");

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (self->revealer, GTK_WIDGET (self->label));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
}

/**
 * rally_conflict_banner_watch:
 * @store: the workspace
 * @table: "campaigns", "challenges" or "planned_posts"
 * @id: the record being edited; 0 (a new record) watches nothing
 * @updated_at: its updated-at as the editor loaded it
 * @changed_text: what to say when it was saved by something else meanwhile
 * @deleted_text: what to say when it was deleted meanwhile
 */
void
rally_conflict_banner_watch (RallyConflictBanner *self,
                             RallyStore          *store,
                             const char          *table,
                             gint64               id,
                             gint64               updated_at,
                             const char          *changed_text,
                             const char          *deleted_text)
{
  g_return_if_fail (RALLY_IS_CONFLICT_BANNER (self));
  g_return_if_fail (RALLY_IS_STORE (store));

  stop (self);
  if (id == 0)
    return;

  self->store = g_object_ref (store);
  g_free (self->table);
  self->table = g_strdup (table);
  self->id = id;
  self->updated_at = updated_at;
  g_free (self->changed_text);
  self->changed_text = g_strdup (changed_text);
  g_free (self->deleted_text);
  self->deleted_text = g_strdup (deleted_text);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
}

RallyRecordState
rally_conflict_banner_get_state (RallyConflictBanner *self)
{
  g_return_val_if_fail (RALLY_IS_CONFLICT_BANNER (self), RALLY_RECORD_UNCHANGED);

  return self->state;
}

/* Returns: what the banner says, "" while the record is unchanged */
const char *
rally_conflict_banner_get_text (RallyConflictBanner *self)
{
  g_return_val_if_fail (RALLY_IS_CONFLICT_BANNER (self), NULL);

  return gtk_label_get_text (self->label);
}
