/* rally-event-editor.c
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

/* The window that adds or edits one event of a challenge's or a campaign's timeline:
 * what happened, a title, one day or a period, a note. It works on a copy; every
 * change is checked by the model (rally_event_validate()) and its message shown
 * under the fields, Save enabled only when the copy can be saved. The store has the
 * last word: its message shows in the same place and nothing typed is lost. */

#define G_LOG_DOMAIN "RallyEventEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-a11y.h"
#include "rally-conflict-dialog.h"
#include "rally-date-utils.h"
#include "rally-event-editor.h"
#include "rally-field-message.h"
#include "rally-format.h"
#include "rally-store-events.h"

struct _RallyEventEditor
{
  AdwWindow       parent_instance;

  /* Template children */
  GtkMenuButton  *first_button;
  GtkCalendar    *first_calendar;
  AdwActionRow   *first_row;
  AdwComboRow    *kind_row;
  GtkMenuButton  *last_button;
  GtkCalendar    *last_calendar;
  AdwActionRow   *last_row;
  GtkLabel       *message_label;
  GtkTextView    *note_view;
  GtkSwitch      *period_switch;
  AdwEntryRow    *title_row;
  AdwWindowTitle *window_title;

  /* Owned */
  RallyStore     *store;
  RallyEvent     *event;     /* the working copy */
  gboolean        filling;   /* the form is being filled from the copy */
};

G_DEFINE_FINAL_TYPE (RallyEventEditor, rally_event_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const kind_names[] = {
  [RALLY_EVENT_KIND_LAUNCH] = N_("Launch"),
  [RALLY_EVENT_KIND_PARTNER_JOINED] = N_("Partner joined"),
  [RALLY_EVENT_KIND_CELEBRITY_JOINED] = N_("Celebrity joined"),
  [RALLY_EVENT_KIND_PRESS_COVERAGE] = N_("Press coverage"),
  [RALLY_EVENT_KIND_AR_EFFECT_RELEASED] = N_("AR effect released"),
  [RALLY_EVENT_KIND_PROMOTED_HASHTAG] = N_("Promoted hashtag"),
  [RALLY_EVENT_KIND_OTHER] = N_("Other"),
};

/* ---------------------------------------------------------------- days */

static gint64
calendar_get_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  return rally_day_from_ymd (g_date_time_get_year (date), g_date_time_get_month (date),
                             g_date_time_get_day_of_month (date));
}

static void
calendar_set_day (GtkCalendar *calendar,
                  gint64       day)
{
  g_autoptr(GDateTime) date = NULL;
  int year, month, mday;

  rally_day_to_ymd (day != 0 ? day : rally_day_today_local (), &year, &month, &mday);
  date = g_date_time_new_local (year, month, mday, 12, 0, 0);
  gtk_calendar_select_day (calendar, date);
}

static void
update_day_button (GtkMenuButton *button,
                   gint64         day)
{
  g_autofree char *text = day != 0 ? rally_format_date (day) : NULL;

  gtk_menu_button_set_label (button, text != NULL ? text : _("Not Set"));
}

/* ---------------------------------------------------------------- checking */

static void
set_message (RallyEventEditor *self,
             const char       *text,
             gboolean          is_error)
{
  rally_field_message_set (self->message_label, text, is_error);
}

static void
read_form (RallyEventEditor *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *note = rally_text_view_dup_text (self->note_view);
  guint kind = adw_combo_row_get_selected (self->kind_row);

  rally_event_set_title (self->event, title);
  rally_event_set_note (self->event, note);
  if (kind < G_N_ELEMENTS (kind_names))
    rally_event_set_kind (self->event, (RallyEventKind) kind);
  /* One day: the last day is the first */
  if (!gtk_switch_get_active (self->period_switch))
    rally_event_set_last_day (self->event, rally_event_get_first_day (self->event));
}

static void
refresh (RallyEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  gboolean period = gtk_switch_get_active (self->period_switch);
  gboolean ok;

  if (self->filling)
    return;

  read_form (self);
  gtk_widget_set_visible (GTK_WIDGET (self->last_row), period);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->first_row), period ? _("First Day") : _("Day"));
  update_day_button (self->first_button, rally_event_get_first_day (self->event));
  update_day_button (self->last_button, rally_event_get_last_day (self->event));

  ok = rally_event_validate (self->event, &error);
  if (ok)
    set_message (self, NULL, FALSE);
  else if (g_error_matches (error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_REQUIRED) &&
           *rally_event_get_title (self->event) == '\0')
    /* Nothing typed yet is not a mistake: say what to type. */
    set_message (self, _("Give the event a short title for the chart, such as “Launch” or “Effect released”"), FALSE);
  else
    set_message (self, error->message, TRUE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "event.save", ok && self->store != NULL);
}

/* ---------------------------------------------------------------- saving */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RallyEventEditor *self = RALLY_EVENT_EDITOR (widget);
  g_autoptr(RallyEvent) copy = NULL;
  g_autoptr(GError) error = NULL;

  refresh (self);
  if (self->store == NULL)
    return;

  copy = rally_record_copy (RALLY_RECORD (self->event));
  if (!rally_store_save_event (self->store, copy, &error))
    {
      if (rally_conflict_dialog_offer (GTK_WINDOW (self), self->store, RALLY_RECORD (copy),
                                       RALLY_RECORD (self->event), "event.save", error))
        return;

      /* Translators: %s says why, "The challenge of the event no longer exists" */
      g_autofree char *text = g_strdup_printf (_("The event could not be saved: %s"), error->message);

      set_message (self, text, TRUE);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, copy);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------- the form */

static void
field_changed_cb (RallyEventEditor *self)
{
  refresh (self);
}

static void
first_day_selected_cb (RallyEventEditor *self)
{
  gint64 day;

  if (self->filling)
    return;

  day = calendar_get_day (self->first_calendar);
  rally_event_set_first_day (self->event, day);
  /* A period that would end before it starts moves its end along. */
  if (rally_event_get_last_day (self->event) < day)
    {
      rally_event_set_last_day (self->event, day);
      self->filling = TRUE;
      calendar_set_day (self->last_calendar, day);
      self->filling = FALSE;
    }
  gtk_menu_button_popdown (self->first_button);
  refresh (self);
}

static void
last_day_selected_cb (RallyEventEditor *self)
{
  if (self->filling)
    return;

  rally_event_set_last_day (self->event, calendar_get_day (self->last_calendar));
  gtk_menu_button_popdown (self->last_button);
  refresh (self);
}

/* A promoted hashtag runs for days: choosing it offers the last day at once. */
static void
kind_changed_cb (RallyEventEditor *self)
{
  if (!self->filling && adw_combo_row_get_selected (self->kind_row) == RALLY_EVENT_KIND_PROMOTED_HASHTAG)
    gtk_switch_set_active (self->period_switch, TRUE);
  refresh (self);
}

static void
title_activated_cb (RallyEventEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "event.save", NULL);
}

static void
fill_form (RallyEventEditor *self)
{
  RallyEvent *event = self->event;
  gboolean is_new = rally_event_get_id (event) == 0;
  const char *title = is_new ? _("New Event") : _("Edit Event");
  GtkTextBuffer *note = gtk_text_view_get_buffer (self->note_view);

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), rally_event_get_title (event));
  adw_combo_row_set_selected (self->kind_row, rally_event_get_kind (event));
  gtk_switch_set_active (self->period_switch, rally_event_is_period (event));
  calendar_set_day (self->first_calendar, rally_event_get_first_day (event));
  calendar_set_day (self->last_calendar, rally_event_get_last_day (event));
  gtk_text_buffer_set_text (note, rally_event_get_note (event), -1);
  self->filling = FALSE;
}

static void
connect_signals (RallyEventEditor *self)
{
  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->title_row, "entry-activated", G_CALLBACK (title_activated_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->period_switch, "notify::active", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->first_calendar, "day-selected", G_CALLBACK (first_day_selected_cb), self);
  g_signal_connect_swapped (self->last_calendar, "day-selected", G_CALLBACK (last_day_selected_cb), self);
}

/* ---------------------------------------------------------------- class */

static void
rally_event_editor_map (GtkWidget *widget)
{
  RallyEventEditor *self = RALLY_EVENT_EDITOR (widget);

  GTK_WIDGET_CLASS (rally_event_editor_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
rally_event_editor_dispose (GObject *object)
{
  RallyEventEditor *self = RALLY_EVENT_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (rally_event_editor_parent_class)->dispose (object);
}

static void
rally_event_editor_class_init (RallyEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_event_editor_dispose;
  widget_class->map = rally_event_editor_map;

  /**
   * RallyEventEditor::saved:
   * @event: the event as stored
   *
   * Emitted when the event was saved, just before the window closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, RALLY_TYPE_EVENT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-event-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, first_button);
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, first_calendar);
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, first_row);
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, last_button);
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, last_calendar);
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, last_row);
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, note_view);
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, period_switch);
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, RallyEventEditor, window_title);

  gtk_widget_class_install_action (widget_class, "event.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "event.save", NULL);
}

static void
rally_event_editor_init (RallyEventEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  self->filling = TRUE;   /* until the form holds the event */
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    gtk_string_list_append (kinds, _(kind_names[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  rally_a11y_tidy_names (GTK_WIDGET (self));
  connect_signals (self);
}

/* ---------------------------------------------------------------- public */

/**
 * rally_event_editor_new:
 * @store: (nullable): where to save; without it nothing can be saved
 * @event: the event to edit, or a new one (id 0) with its challenge or campaign
 *   and its first day set
 *
 * The editor works on a copy of @event: @event itself never changes.
 *
 * Returns: (transfer floating): a new editor window
 */
RallyEventEditor *
rally_event_editor_new (RallyStore *store,
                        RallyEvent *event)
{
  RallyEventEditor *self;

  g_return_val_if_fail (store == NULL || RALLY_IS_STORE (store), NULL);
  g_return_val_if_fail (RALLY_IS_EVENT (event), NULL);

  self = g_object_new (RALLY_TYPE_EVENT_EDITOR, NULL);
  g_set_object (&self->store, store);
  self->event = rally_record_copy (RALLY_RECORD (event));
  fill_form (self);
  refresh (self);

  return self;
}

/**
 * rally_event_editor_get_event:
 *
 * Returns: (transfer none): the working copy, with what the form holds
 */
RallyEvent *
rally_event_editor_get_event (RallyEventEditor *self)
{
  g_return_val_if_fail (RALLY_IS_EVENT_EDITOR (self), NULL);

  return self->event;
}

/**
 * rally_event_editor_get_message:
 *
 * Returns: the message under the fields, or "" when there is none
 */
const char *
rally_event_editor_get_message (RallyEventEditor *self)
{
  g_return_val_if_fail (RALLY_IS_EVENT_EDITOR (self), NULL);

  return gtk_label_get_text (self->message_label);
}

/**
 * rally_event_kind_to_text:
 *
 * Returns: what happened, as a sentence fragment: "Partner joined"
 */
const char *
rally_event_kind_to_text (RallyEventKind kind)
{
  if (kind >= G_N_ELEMENTS (kind_names))
    kind = RALLY_EVENT_KIND_OTHER;

  return _(kind_names[kind]);
}

/**
 * rally_event_describe_when:
 *
 * Returns: the day of @event, "Sat 6 Jun 2020", or its period, "1 May – 7 May 2020"
 */
char *
rally_event_describe_when (RallyEvent *event)
{
  g_return_val_if_fail (RALLY_IS_EVENT (event), NULL);

  if (rally_event_is_period (event))
    return rally_format_day_range (rally_event_get_first_day (event), rally_event_get_last_day (event));

  return rally_format_date (rally_event_get_first_day (event));
}
