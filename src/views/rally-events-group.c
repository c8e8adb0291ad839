/* rally-events-group.c
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

/* RallyEventsGroup: the events of one challenge (or campaign) beside it, in the order
 * of their days, each with Edit and Delete; Add Event opens RallyEventEditor on a new
 * one. The list is the store's live list, so what the editor saves shows at once.
 * Delete is for good in the store: the toast's Undo saves the event again. */

#define G_LOG_DOMAIN "RallyEventsGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-date-utils.h"
#include "rally-event-editor.h"
#include "rally-role.h"
#include "rally-events-group.h"
#include "rally-store-events.h"
#include "rally-toast.h"

struct _RallyEventsGroup
{
  AdwBin      parent_instance;

  /* Template children */
  GtkButton  *add_button;
  GtkListBox *list_box;

  /* Owned */
  RallyStore *store;
  GListModel *events;
  gint64      challenge_id;
  gint64      campaign_id;
  gint64      default_day;   /* the first day a new event gets */
};

G_DEFINE_FINAL_TYPE (RallyEventsGroup, rally_events_group, ADW_TYPE_BIN)

/* ---------------------------------------------------------------- toasts */

static void
show_toast (RallyEventsGroup *self,
            AdwToast         *toast)
{
  rally_toast_show_near (GTK_WIDGET (self), toast);
}

static void
show_message (RallyEventsGroup *self,
              const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  show_toast (self, toast);
}

/* ---------------------------------------------------------------- rows */

static char *
describe_event (RallyEvent *event)
{
  g_autofree char *when = rally_event_describe_when (event);
  g_autofree char *note = g_strstrip (g_strdup (rally_event_get_note (event)));

  if (*note == '\0')
    /* Translators: "Sat 9 May 2020 · AR effect released" */
    return g_strdup_printf (_("%s · %s"), when, rally_event_kind_to_text (rally_event_get_kind (event)));

  /* Translators: "Sat 9 May 2020 · AR effect released", then the note on its own line */
  return g_strdup_printf (_("%s · %s\n%s"), when, rally_event_kind_to_text (rally_event_get_kind (event)), note);
}

static GtkWidget *
row_button (const char *icon,
            const char *action,
            gint64      id,
            const char *tooltip,
            const char *accessible)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);

  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RallyEvent *event = item;
  const char *title = rally_event_get_title (event);
  gint64 id = rally_event_get_id (event);
  g_autofree char *subtitle = describe_event (event);
  /* Translators: %s is an event's title */
  g_autofree char *edit = g_strdup_printf (_("Edit “%s”"), title);
  /* Translators: %s is an event's title */
  g_autofree char *delete = g_strdup_printf (_("Delete “%s”"), title);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("document-edit-symbolic", "events.edit", id, _("Edit Event"), edit));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("user-trash-symbolic", "events.delete", id, _("Delete Event"), delete));
  g_object_set_data (G_OBJECT (row), "event-id", GINT_TO_POINTER (id));

  return row;
}

static void
bind_events (RallyEventsGroup *self)
{
  g_clear_object (&self->events);
  if (self->store != NULL && self->challenge_id != 0)
    self->events = rally_store_list_challenge_events (self->store, self->challenge_id);
  else if (self->store != NULL && self->campaign_id != 0)
    self->events = rally_store_list_campaign_events (self->store, self->campaign_id);

  gtk_list_box_bind_model (self->list_box, self->events, create_row, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.add", self->events != NULL && rally_role_may_edit (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.edit", rally_role_may_edit (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.delete", rally_role_may_edit (self->store));
}

/* ---------------------------------------------------------------- actions */

static GtkWindow *
open_editor (RallyEventsGroup *self,
             RallyEvent       *event)
{
  RallyEventEditor *editor = rally_event_editor_new (self->store, event);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));

  return GTK_WINDOW (editor);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  rally_events_group_add_event (RALLY_EVENTS_GROUP (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  rally_events_group_edit_event (RALLY_EVENTS_GROUP (widget), g_variant_get_int64 (param));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  rally_events_group_delete_event (RALLY_EVENTS_GROUP (widget), g_variant_get_int64 (param));
}

typedef struct
{
  RallyStore *store;
  RallyEvent *event;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *undo = data;

  g_clear_object (&undo->store);
  g_clear_object (&undo->event);
  g_free (undo);
}

/* The event comes back whole, under a new id. */
static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  g_autoptr(GError) error = NULL;

  rally_record_set_id (RALLY_RECORD (undo->event), 0);
  if (!rally_store_save_event (undo->store, undo->event, &error))
    g_warning ("Could not bring the event back: %s", error->message);
}

/* ---------------------------------------------------------------- class */

static void
rally_events_group_dispose (GObject *object)
{
  RallyEventsGroup *self = RALLY_EVENTS_GROUP (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  g_clear_object (&self->events);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rally_events_group_parent_class)->dispose (object);
}

static void
rally_events_group_class_init (RallyEventsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_events_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-events-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyEventsGroup, add_button);
  gtk_widget_class_bind_template_child (widget_class, RallyEventsGroup, list_box);

  gtk_widget_class_install_action (widget_class, "events.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "events.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "events.delete", "x", delete_action);
}

static void
rally_events_group_init (RallyEventsGroup *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No events yet: add the launch, a partner joining or a promoted week"));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->list_box, placeholder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.add", FALSE);
}

/* ---------------------------------------------------------------- public */

GtkWidget *
rally_events_group_new (void)
{
  return g_object_new (RALLY_TYPE_EVENTS_GROUP, NULL);
}

/**
 * rally_events_group_set_store:
 * @store: (nullable): the workspace
 */
void
rally_events_group_set_store (RallyEventsGroup *self,
                              RallyStore       *store)
{
  g_return_if_fail (RALLY_IS_EVENTS_GROUP (self));
  g_return_if_fail (store == NULL || RALLY_IS_STORE (store));

  if (g_set_object (&self->store, store))
    bind_events (self);
}

/**
 * rally_events_group_set_owner:
 * @challenge_id: the challenge whose events to show, or 0
 * @campaign_id: else the campaign, or 0 for none
 * @default_day: the first day of a new event (its start date), or 0 for today
 */
void
rally_events_group_set_owner (RallyEventsGroup *self,
                              gint64            challenge_id,
                              gint64            campaign_id,
                              gint64            default_day)
{
  g_return_if_fail (RALLY_IS_EVENTS_GROUP (self));

  self->default_day = default_day;
  if (self->challenge_id == challenge_id && self->campaign_id == campaign_id)
    return;

  self->challenge_id = challenge_id;
  self->campaign_id = challenge_id != 0 ? 0 : campaign_id;
  bind_events (self);
}

/**
 * rally_events_group_get_events:
 *
 * Returns: (transfer none) (nullable): the events on show, a live list of #RallyEvent
 */
GListModel *
rally_events_group_get_events (RallyEventsGroup *self)
{
  g_return_val_if_fail (RALLY_IS_EVENTS_GROUP (self), NULL);

  return self->events;
}

/**
 * rally_events_group_add_event:
 *
 * Opens the editor on a new event of the owner.
 *
 * Returns: (transfer none) (nullable): the editor window
 */
GtkWindow *
rally_events_group_add_event (RallyEventsGroup *self)
{
  g_autoptr(RallyEvent) event = NULL;
  gint64 day;

  g_return_val_if_fail (RALLY_IS_EVENTS_GROUP (self), NULL);

  if (self->events == NULL)
    return NULL;

  event = rally_event_new ();
  day = self->default_day != 0 ? self->default_day : rally_day_today_local ();

  rally_event_set_challenge_id (event, self->challenge_id);
  rally_event_set_campaign_id (event, self->campaign_id);
  rally_event_set_first_day (event, day);
  rally_event_set_last_day (event, day);

  return open_editor (self, event);
}

/**
 * rally_events_group_edit_event:
 * @id: an event
 *
 * Returns: (transfer none) (nullable): the editor window, or %NULL when the event is gone
 */
GtkWindow *
rally_events_group_edit_event (RallyEventsGroup *self,
                               gint64            id)
{
  g_autoptr(RallyEvent) event = NULL;

  g_return_val_if_fail (RALLY_IS_EVENTS_GROUP (self), NULL);

  if (self->store == NULL || (event = rally_store_get_event (self->store, id)) == NULL)
    {
      show_message (self, _("The event no longer exists"));
      return NULL;
    }

  return open_editor (self, event);
}

/**
 * rally_events_group_delete_event:
 * @id: an event
 *
 * Deletes the event and offers Undo in a toast.
 *
 * Returns: %TRUE when it was deleted
 */
gboolean
rally_events_group_delete_event (RallyEventsGroup *self,
                                 gint64            id)
{
  g_autoptr(RallyEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;
  Undo *undo;

  g_return_val_if_fail (RALLY_IS_EVENTS_GROUP (self), FALSE);

  if (self->store == NULL || (event = rally_store_get_event (self->store, id)) == NULL)
    return FALSE;

  if (!rally_store_delete_event (self->store, id, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }

  /* Translators: %s is an event's title */
  title = g_strdup_printf (_("“%s” deleted"), rally_event_get_title (event));
  undo = g_new0 (Undo, 1);
  undo->store = g_object_ref (self->store);
  undo->event = g_steal_pointer (&event);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "undo", undo, undo_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), undo);
  show_toast (self, toast);

  return TRUE;
}
