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
  GObject          *loaded;       /* a copy of the record as the editor loaded it */
  const char       *table;
  gint64            id;
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

static gpointer
load (RallyConflictBanner *self)
{
  if (RALLY_IS_CAMPAIGN (self->loaded))
    return rally_store_get_campaign (self->store, self->id);
  if (RALLY_IS_CHALLENGE (self->loaded))
    return rally_store_get_challenge (self->store, self->id);
  return rally_store_get_planned_post (self->store, self->id);
}

/* Whether two records of one type differ in anything but their updated-at, version
 * and author: a backup restoring the very same record is no conflict. */
static gboolean
records_differ (GObject *a,
                GObject *b)
{
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n_pspecs);
  gboolean differ = FALSE;

  for (guint i = 0; i < n_pspecs && !differ; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READABLE) == 0 || g_str_equal (pspecs[i]->name, "updated-at") ||
          g_str_equal (pspecs[i]->name, "version") || g_str_equal (pspecs[i]->name, "changed-by"))
        continue;
      g_value_init (&va, pspecs[i]->value_type);
      g_value_init (&vb, pspecs[i]->value_type);
      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);
      if (G_VALUE_HOLDS (&va, G_TYPE_STRV))
        differ = !g_strv_equal (g_value_get_boxed (&va) ? g_value_get_boxed (&va) : (const char *[]) { NULL },
                                g_value_get_boxed (&vb) ? g_value_get_boxed (&vb) : (const char *[]) { NULL });
      else
        differ = g_param_values_cmp (pspecs[i], &va, &vb) != 0;
    }

  return differ;
}

static void
store_changed_cb (RallyConflictBanner *self,
                  const char          *table,
                  gint64               id)
{
  g_autoptr(GObject) stored = NULL;

  if (table != NULL && (g_strcmp0 (table, self->table) != 0 || (id != 0 && id != self->id)))
    return;

  stored = load (self);
  if (stored == NULL)
    set_state (self, RALLY_RECORD_DELETED);
  else if (records_differ (stored, self->loaded))
    set_state (self, RALLY_RECORD_CHANGED);
}

static void
stop (RallyConflictBanner *self)
{
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->loaded);
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
 * @record: the #RallyCampaign, #RallyChallenge or #RallyPlannedPost as the editor
 *   loaded it; one not yet saved (id 0) is not watched
 * @changed_text: what to say when it was saved by something else meanwhile
 * @deleted_text: what to say when it was deleted meanwhile
 */
void
rally_conflict_banner_watch (RallyConflictBanner *self,
                             RallyStore          *store,
                             GObject             *record,
                             const char          *changed_text,
                             const char          *deleted_text)
{
  g_return_if_fail (RALLY_IS_CONFLICT_BANNER (self));
  g_return_if_fail (RALLY_IS_STORE (store));
  g_return_if_fail (RALLY_IS_CAMPAIGN (record) || RALLY_IS_CHALLENGE (record) || RALLY_IS_PLANNED_POST (record));

  stop (self);
  self->id = rally_record_get_id (RALLY_RECORD (record));
  if (self->id == 0)
    return;

  self->store = g_object_ref (store);
  self->loaded = rally_record_copy (RALLY_RECORD (record));
  if (RALLY_IS_CAMPAIGN (record))
    self->table = "campaigns";
  else if (RALLY_IS_CHALLENGE (record))
    self->table = "challenges";
  else
    self->table = "planned_posts";
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
