/* rally-campaign-editor.c
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

#define G_LOG_DOMAIN "RallyCampaignEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-a11y.h"
#include "rally-campaign-editor.h"
#include "rally-conflict-banner.h"
#include "rally-conflict-dialog.h"
#include "rally-color-swatch.h"
#include "rally-date-utils.h"
#include "rally-events-group.h"
#include "rally-model.h"
#include "rally-money.h"
#include "rally-narrow-bar.h"
#include "rally-spin-digits.h"

/* The form that creates or edits a campaign. It edits a copy, validates it with
 * rally_campaign_validate() on every change, shows the message under the field it
 * concerns and keeps Save insensitive until the copy is valid. Save writes the copy
 * to the store and emits ::saved. */

struct _RallyCampaignEditor
{
  AdwWindow       parent_instance;

  /* Template children */
  AdwWindowTitle *window_title;
  RallyConflictBanner *conflict_banner;
  RallyEventsGroup *events_group;
  GtkWidget      *save_button;
  AdwSqueezer    *save_squeezer;
  GtkActionBar   *narrow_bar;
  GtkLabel       *save_error_label;
  AdwEntryRow    *name_row;
  GtkTextView    *cause_view;
  AdwComboRow    *status_row;
  GtkLabel       *name_error;
  GtkMenuButton  *start_button;
  GtkMenuButton  *end_button;
  GtkCalendar    *start_calendar;
  GtkCalendar    *end_calendar;
  GtkWidget      *start_clear_button;
  GtkWidget      *end_clear_button;
  GtkLabel       *dates_error;
  GtkSpinButton  *goal_views_spin;
  GtkSpinButton  *goal_videos_spin;
  GtkSpinButton  *goal_donations_spin;
  GtkSpinButton  *budget_spin;
  AdwComboRow    *currency_row;
  GtkLabel       *goals_error;
  GtkFlowBox     *color_box;
  GtkLabel       *color_error;
  GtkTextView    *description_view;
  GtkTextView    *notes_view;
  GtkLabel       *text_error;

  /* Owned */
  RallyStore     *store;
  RallyCampaign  *campaign;      /* the copy being edited */
  GtkStringList  *currencies;
  GError         *error;         /* the validation failure, NULL when valid */
  char           *color;
  gint64          start_day;
  gint64          end_day;
  gboolean        loading;
  gboolean        name_touched;
};

G_DEFINE_FINAL_TYPE (RallyCampaignEditor, rally_campaign_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* libadwaita's palette: blue, green, yellow, orange, red, purple, brown, and a dark grey */
static const struct { const char *color; const char *name; } preset_colors[] = {
  { "#3584e4", N_("Blue") },
  { "#2ec27e", N_("Green") },
  { "#f5c211", N_("Yellow") },
  { "#ff7800", N_("Orange") },
  { "#e01b24", N_("Red") },
  { "#9141ac", N_("Purple") },
  { "#986a44", N_("Brown") },
  { "#5e5c64", N_("Grey") },
};

/* Auxiliary methods */

static char *
get_text_view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
get_currency (RallyCampaignEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->currency_row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return "USD";
  return gtk_string_list_get_string (self->currencies, selected);
}

static void
update_date_button (GtkMenuButton *button,
                    gint64         day)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *label = NULL;

  if (day == 0)
    {
      gtk_menu_button_set_label (button, _("Not Set"));
      return;
    }

  dt = g_date_time_new_from_unix_utc (day);
  /* Translators: a date in a form, see the strftime manual */
  label = g_date_time_format (dt, _("%-d %b %Y"));
  gtk_menu_button_set_label (button, label);
}

static void
select_calendar_day (GtkCalendar *calendar,
                     gint64       day)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (day == 0)
    day = rally_day_today_local ();
  rally_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_local (y, m, d, 0, 0, 0);
  gtk_calendar_select_day (calendar, dt);
}

static gint64
get_calendar_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);

  return rally_day_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                             g_date_time_get_day_of_month (dt));
}

/* Copy the form into self->campaign */
static void
read_form (RallyCampaignEditor *self)
{
  RallyCampaign *c = self->campaign;
  const char *currency = get_currency (self);
  g_autofree char *description = get_text_view_text (self->description_view);
  g_autofree char *cause = get_text_view_text (self->cause_view);
  g_autofree char *notes = get_text_view_text (self->notes_view);
  guint status = adw_combo_row_get_selected (self->status_row);

  rally_campaign_set_name (c, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  rally_campaign_set_cause (c, g_strstrip (g_strdelimit (cause, "\r\n\t", ' ')));
  rally_campaign_set_status (c, status == GTK_INVALID_LIST_POSITION ? RALLY_CAMPAIGN_STATUS_PLANNED : status);
  rally_campaign_set_start_date (c, self->start_day);
  rally_campaign_set_end_date (c, self->end_day);
  rally_campaign_set_goal_views (c, (gint64) gtk_spin_button_get_value (self->goal_views_spin));
  rally_campaign_set_goal_videos (c, (gint64) gtk_spin_button_get_value (self->goal_videos_spin));
  rally_campaign_set_goal_donations (c, rally_money_to_minor (gtk_spin_button_get_value (self->goal_donations_spin), currency));
  rally_campaign_set_budget (c, rally_money_to_minor (gtk_spin_button_get_value (self->budget_spin), currency));
  rally_campaign_set_currency (c, currency);
  rally_campaign_set_color (c, self->color);
  rally_campaign_set_description (c, description);
  rally_campaign_set_notes (c, notes);
}

/* Which label shows a validation error: the one under the field it is about */
static GtkLabel *
label_for_error (RallyCampaignEditor *self,
                 const GError        *error)
{
  RallyCampaign *c = self->campaign;

  if (error->domain != RALLY_MODEL_ERROR)
    return self->name_error;

  switch ((RallyModelError) error->code)
    {
    case RALLY_MODEL_ERROR_DATES_ORDER:
      return self->dates_error;
    case RALLY_MODEL_ERROR_NEGATIVE_GOAL:
    case RALLY_MODEL_ERROR_NEGATIVE_AMOUNT:
    case RALLY_MODEL_ERROR_CURRENCY:
      return self->goals_error;
    case RALLY_MODEL_ERROR_COLOR:
      return self->color_error;
    case RALLY_MODEL_ERROR_TOO_LONG:
    case RALLY_MODEL_ERROR_INVALID_TEXT:
      /* Name and cause sit above; description and notes below */
      if (g_utf8_strlen (rally_campaign_get_description (c), -1) > RALLY_TEXT_MAX_CHARS ||
          g_utf8_strlen (rally_campaign_get_notes (c), -1) > RALLY_TEXT_MAX_CHARS ||
          !g_utf8_validate (rally_campaign_get_description (c), -1, NULL) ||
          !g_utf8_validate (rally_campaign_get_notes (c), -1, NULL))
        return self->text_error;
      return self->name_error;
    default:
      return self->name_error;
    }
}

static void
show_validation (RallyCampaignEditor *self)
{
  GtkLabel *labels[] = { self->name_error, self->dates_error, self->goals_error,
                         self->color_error, self->text_error };
  GtkLabel *target = NULL;

  /* An empty name is only worth a message once the person has typed in the field */
  if (self->error != NULL &&
      !(g_error_matches (self->error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_REQUIRED) && !self->name_touched))
    target = label_for_error (self, self->error);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      gtk_widget_set_visible (GTK_WIDGET (labels[i]), labels[i] == target);
      if (labels[i] == target)
        gtk_label_set_label (labels[i], self->error->message);
    }

  if (target == self->name_error && g_error_matches (self->error, RALLY_MODEL_ERROR, RALLY_MODEL_ERROR_REQUIRED))
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
validate (RallyCampaignEditor *self)
{
  g_clear_error (&self->error);
  read_form (self);
  rally_campaign_validate (self->campaign, &self->error);

  show_validation (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->error == NULL);
}

static void
add_color_toggle (RallyCampaignEditor *self,
                  const char          *color,
                  const char          *name,
                  GtkToggleButton     *group)
{
  GtkWidget *toggle = gtk_toggle_button_new ();
  GtkWidget *swatch = rally_color_swatch_new (color);

  gtk_widget_set_size_request (swatch, 20, 20);
  gtk_button_set_child (GTK_BUTTON (toggle), swatch);
  gtk_widget_add_css_class (toggle, "campaign-color-toggle");
  gtk_widget_add_css_class (toggle, "flat");
  gtk_widget_set_tooltip_text (toggle, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (toggle), "rally-color", g_strdup (color), g_free);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), group);
  gtk_flow_box_append (self->color_box, toggle);
}

static GtkToggleButton *
find_color_toggle (RallyCampaignEditor *self,
                   const char          *color)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->color_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (g_ascii_strcasecmp (g_object_get_data (G_OBJECT (toggle), "rally-color"), color) == 0)
        return GTK_TOGGLE_BUTTON (toggle);
    }

  return NULL;
}

static void color_toggled_cb (GtkToggleButton *toggle, RallyCampaignEditor *self);

static void
build_color_toggles (RallyCampaignEditor *self,
                     const char          *current)
{
  GtkToggleButton *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (preset_colors); i++)
    {
      add_color_toggle (self, preset_colors[i].color, _(preset_colors[i].name), first);
      if (first == NULL)
        first = find_color_toggle (self, preset_colors[0].color);
    }

  /* A colour from elsewhere (a backup, the sample) stays choosable */
  if (find_color_toggle (self, current) == NULL)
    add_color_toggle (self, current, _("Current Colour"), first);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->color_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_signal_connect (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)), "toggled",
                      G_CALLBACK (color_toggled_cb), self);
}

static void
load_campaign (RallyCampaignEditor *self)
{
  RallyCampaign *c = self->campaign;
  const char *currency = rally_campaign_get_currency (c);
  guint position;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), rally_campaign_get_name (c));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->cause_view), rally_campaign_get_cause (c), -1);
  adw_combo_row_set_selected (self->status_row, rally_campaign_get_status (c));
  rally_campaign_editor_set_dates (self, rally_campaign_get_start_date (c), rally_campaign_get_end_date (c));
  gtk_spin_button_set_value (self->goal_views_spin, rally_campaign_get_goal_views (c));
  gtk_spin_button_set_value (self->goal_videos_spin, rally_campaign_get_goal_videos (c));
  gtk_spin_button_set_value (self->goal_donations_spin, rally_money_to_major (rally_campaign_get_goal_donations (c), currency));
  gtk_spin_button_set_value (self->budget_spin, rally_money_to_major (rally_campaign_get_budget (c), currency));

  position = 0;
  while (position < g_list_model_get_n_items (G_LIST_MODEL (self->currencies)) &&
         g_strcmp0 (gtk_string_list_get_string (self->currencies, position), currency) != 0)
    position++;
  if (position == g_list_model_get_n_items (G_LIST_MODEL (self->currencies)))
    gtk_string_list_append (self->currencies, currency);
  adw_combo_row_set_selected (self->currency_row, position);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), rally_campaign_get_description (c), -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), rally_campaign_get_notes (c), -1);
  build_color_toggles (self, rally_campaign_get_color (c));
  rally_campaign_editor_set_color (self, rally_campaign_get_color (c));
  self->loading = FALSE;
}

/* Signal callbacks */

static void
field_changed_cb (RallyCampaignEditor *self)
{
  if (self->loading || self->campaign == NULL)
    return;

  if (gtk_editable_get_text (GTK_EDITABLE (self->name_row))[0] != '\0')
    self->name_touched = TRUE;
  validate (self);
}

static void
name_focus_left_cb (RallyCampaignEditor *self)
{
  if (self->campaign == NULL)
    return;
  self->name_touched = TRUE;
  validate (self);
}

static void
color_toggled_cb (GtkToggleButton     *toggle,
                  RallyCampaignEditor *self)
{
  if (!gtk_toggle_button_get_active (toggle))
    return;

  g_free (self->color);
  self->color = g_strdup (g_object_get_data (G_OBJECT (toggle), "rally-color"));
  field_changed_cb (self);
}

static void
start_day_selected_cb (RallyCampaignEditor *self)
{
  if (self->loading)
    return;
  rally_campaign_editor_set_dates (self, get_calendar_day (self->start_calendar), self->end_day);
  gtk_menu_button_popdown (self->start_button);
}

static void
end_day_selected_cb (RallyCampaignEditor *self)
{
  if (self->loading)
    return;
  rally_campaign_editor_set_dates (self, self->start_day, get_calendar_day (self->end_calendar));
  gtk_menu_button_popdown (self->end_button);
}

static void
start_cleared_cb (RallyCampaignEditor *self)
{
  rally_campaign_editor_set_dates (self, 0, self->end_day);
  gtk_menu_button_popdown (self->start_button);
}

static void
end_cleared_cb (RallyCampaignEditor *self)
{
  rally_campaign_editor_set_dates (self, self->start_day, 0);
  gtk_menu_button_popdown (self->end_button);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RallyCampaignEditor *self = RALLY_CAMPAIGN_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  self->name_touched = TRUE;
  validate (self);
  if (self->error != NULL)
    return;

  /* Deleted meanwhile: what was typed comes back as a new campaign, as the banner says. */
  if (rally_conflict_banner_get_state (self->conflict_banner) == RALLY_RECORD_DELETED)
    rally_record_set_id (RALLY_RECORD (self->campaign), 0);

  if (!rally_store_save_campaign (self->store, self->campaign, &error))
    {
      if (rally_conflict_dialog_offer (GTK_WINDOW (self), self->store, RALLY_RECORD (self->campaign),
                                       RALLY_RECORD (self->campaign), "editor.save", error))
        return;

      /* Translators: %s says why, e.g. "the disk is full" */
      g_autofree char *message = g_strdup_printf (_("Could not save the campaign: %s"), error->message);

      gtk_label_set_label (self->save_error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->save_error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->campaign);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
connect_signals (RallyCampaignEditor *self)
{
  GtkSpinButton *spins[] = { self->goal_views_spin, self->goal_videos_spin,
                             self->goal_donations_spin, self->budget_spin };

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->cause_view), "changed", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->currency_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      rally_spin_button_group_digits (spins[i]);
      g_signal_connect_swapped (spins[i], "value-changed", G_CALLBACK (field_changed_cb), self);
    }
  g_signal_connect_swapped (self->start_calendar, "day-selected", G_CALLBACK (start_day_selected_cb), self);
  g_signal_connect_swapped (self->end_calendar, "day-selected", G_CALLBACK (end_day_selected_cb), self);
  g_signal_connect_swapped (self->start_clear_button, "clicked", G_CALLBACK (start_cleared_cb), self);
  g_signal_connect_swapped (self->end_clear_button, "clicked", G_CALLBACK (end_cleared_cb), self);
}

/* GObject overrides */

static void
rally_campaign_editor_dispose (GObject *object)
{
  RallyCampaignEditor *self = RALLY_CAMPAIGN_EDITOR (object);

  /* Focus leaves the fields while the window goes: nothing more to validate */
  g_clear_object (&self->campaign);
  gtk_widget_dispose_template (GTK_WIDGET (self), RALLY_TYPE_CAMPAIGN_EDITOR);

  G_OBJECT_CLASS (rally_campaign_editor_parent_class)->dispose (object);
}

static void
rally_campaign_editor_finalize (GObject *object)
{
  RallyCampaignEditor *self = RALLY_CAMPAIGN_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->campaign);
  g_clear_object (&self->currencies);
  g_clear_error (&self->error);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (rally_campaign_editor_parent_class)->finalize (object);
}

static void
rally_campaign_editor_class_init (RallyCampaignEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_campaign_editor_dispose;
  object_class->finalize = rally_campaign_editor_finalize;

  /**
   * RallyCampaignEditor::saved:
   * @campaign: the campaign as stored, with its id
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, RALLY_TYPE_CAMPAIGN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-campaign-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, budget_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, cause_view);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, color_box);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, color_error);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, dates_error);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, end_button);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, end_calendar);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, goal_donations_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, goal_videos_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, goal_views_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, goals_error);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, save_squeezer);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, narrow_bar);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, save_error_label);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, conflict_banner);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, start_button);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, text_error);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, events_group);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, start_clear_button);
  gtk_widget_class_bind_template_child (widget_class, RallyCampaignEditor, end_clear_button);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (RALLY_TYPE_CONFLICT_BANNER);
  g_type_ensure (RALLY_TYPE_EVENTS_GROUP);
}

static void
rally_campaign_editor_init (RallyCampaignEditor *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  rally_a11y_tidy_names (GTK_WIDGET (self));
  rally_narrow_bar_follow (self->save_squeezer, self->save_button, self->narrow_bar);

  self->currencies = gtk_string_list_new ((const char * const *) rally_money_common_currencies ());
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (self->currencies));

  connect_signals (self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->notes_view), "changed",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (name_focus_left_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->name_row), focus);
}

/* Public API */

/**
 * rally_campaign_editor_new:
 * @store: where to save
 * @campaign: (nullable): the campaign to edit, or %NULL for a new one
 *
 * Returns: (transfer full): a new form; present it transient for the main window
 */
RallyCampaignEditor *
rally_campaign_editor_new (RallyStore    *store,
                           RallyCampaign *campaign)
{
  RallyCampaignEditor *self;

  g_return_val_if_fail (RALLY_IS_STORE (store), NULL);
  g_return_val_if_fail (campaign == NULL || RALLY_IS_CAMPAIGN (campaign), NULL);

  self = g_object_new (RALLY_TYPE_CAMPAIGN_EDITOR, NULL);
  self->store = g_object_ref (store);
  if (campaign != NULL)
    {
      self->campaign = rally_record_copy (RALLY_RECORD (campaign));
      self->name_touched = TRUE;
      rally_conflict_banner_watch (self->conflict_banner, store, G_OBJECT (campaign),
                                   _("This campaign was changed elsewhere since you opened it. Saving lets you "
                                     "keep theirs or yours, or compare the two."),
                                   _("This campaign was deleted elsewhere since you opened it. Saving adds "
                                     "what you see here as a new campaign."));
      adw_window_title_set_title (self->window_title, _("Edit Campaign"));
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Campaign"));
      /* A stored campaign's events, saved as they are added, as beside a challenge */
      rally_events_group_set_store (self->events_group, store);
      rally_events_group_set_owner (self->events_group, 0, rally_campaign_get_id (campaign),
                                    rally_campaign_get_start_date (campaign));
      gtk_widget_set_visible (GTK_WIDGET (self->events_group), rally_campaign_get_id (campaign) != 0);
    }
  else
    {
      self->campaign = rally_campaign_new ();
    }

  load_campaign (self);
  validate (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));

  return self;
}

gboolean
rally_campaign_editor_is_valid (RallyCampaignEditor *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN_EDITOR (self), FALSE);

  return self->error == NULL;
}

/**
 * rally_campaign_editor_get_error:
 *
 * Returns: (nullable): why the form cannot be saved, %NULL when it can
 */
const char *
rally_campaign_editor_get_error (RallyCampaignEditor *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN_EDITOR (self), NULL);

  return self->error != NULL ? self->error->message : NULL;
}

/**
 * rally_campaign_editor_get_campaign:
 *
 * Returns: (transfer none): the campaign as the form currently reads
 */
RallyCampaign *
rally_campaign_editor_get_campaign (RallyCampaignEditor *self)
{
  g_return_val_if_fail (RALLY_IS_CAMPAIGN_EDITOR (self), NULL);

  return self->campaign;
}

/**
 * rally_campaign_editor_set_dates:
 * @start_day: the first day (see rally-date-utils.h), 0 for none
 * @end_day: the last day, 0 for none
 *
 * What picking days in the two calendars does.
 */
void
rally_campaign_editor_set_dates (RallyCampaignEditor *self,
                                 gint64               start_day,
                                 gint64               end_day)
{
  gboolean was_loading;

  g_return_if_fail (RALLY_IS_CAMPAIGN_EDITOR (self));

  self->start_day = start_day;
  self->end_day = end_day;
  update_date_button (self->start_button, start_day);
  update_date_button (self->end_button, end_day);

  was_loading = self->loading;
  self->loading = TRUE;
  select_calendar_day (self->start_calendar, start_day);
  select_calendar_day (self->end_calendar, end_day != 0 ? end_day : start_day);
  self->loading = was_loading;

  field_changed_cb (self);
}

/**
 * rally_campaign_editor_set_color:
 * @color: a "#rrggbb" colour
 *
 * What clicking a colour does; a colour outside the presets is accepted too.
 */
void
rally_campaign_editor_set_color (RallyCampaignEditor *self,
                                 const char          *color)
{
  GtkToggleButton *toggle;

  g_return_if_fail (RALLY_IS_CAMPAIGN_EDITOR (self));
  g_return_if_fail (color != NULL);

  g_free (self->color);
  self->color = g_strdup (color);
  toggle = find_color_toggle (self, color);
  if (toggle != NULL)
    gtk_toggle_button_set_active (toggle, TRUE);
  field_changed_cb (self);
}
