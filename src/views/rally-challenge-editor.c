/* rally-challenge-editor.c
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

/* The window that drafts a new hashtag challenge or edits one.
 *
 * It works on its own copy of the challenge, so Cancel loses nothing of the stored
 * record. Every change re-reads the form into the copy, checks it, shows each
 * problem under its field, refreshes the preview and enables saving only when the
 * copy can be saved. "Save Draft" needs only a valid, unused hashtag; "Schedule" also
 * needs dates and a brief, and the safeguarding checklist when minors can take part.
 * The store's own validation has the last word, and its message goes under the
 * field it concerns. On success the window emits ::saved and closes. Reading and
 * checking the form, and its messages, are in rally-challenge-editor-form.c. */

#define G_LOG_DOMAIN "RallyChallengeEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-a11y.h"
#include "rally-brief.h"
#include "rally-challenge-editor-private.h"
#include "rally-challenge-text.h"
#include "rally-conflict-dialog.h"
#include "rally-format.h"
#include "rally-narrow-bar.h"
#include "rally-regions.h"
#include "rally-spin-digits.h"

G_DEFINE_FINAL_TYPE (RallyChallengeEditor, rally_challenge_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (RallyChallengeEditor *self);

/* ---------------------------------------------------------------- refreshing */

static void
update_date_button (GtkMenuButton *button,
                    gint64         date)
{
  g_autofree char *text = date != 0 ? rally_format_date (date) : NULL;

  gtk_menu_button_set_label (button, text != NULL ? text : _("Not Set"));
}

static void
update_preview (RallyChallengeEditor *self)
{
  g_autoptr(RallyBrief) brief = rally_brief_new_for_challenge (self->challenge);

  /* While the hashtag is invalid the copy holds none: preview what was typed. */
  if (*brief->hashtag == '\0')
    {
      const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->hashtag_row));

      g_free (brief->hashtag);
      brief->hashtag = g_strstrip (g_strdup (typed[0] == '#' ? typed + 1 : typed));
    }

  rally_challenge_preview_set_brief (self->preview, brief);
}

static void
refresh (RallyChallengeEditor *self)
{
  gboolean form_ok;

  if (self->filling)
    return;

  _rally_challenge_editor_read_form (self);
  form_ok = _rally_challenge_editor_check_form (self);

  gtk_revealer_set_reveal_child (self->safeguarding_revealer,
                                 rally_audience_includes_minors (rally_challenge_get_audience (self->challenge)));
  update_date_button (self->start_button, rally_challenge_get_start_date (self->challenge));
  update_date_button (self->end_button, rally_challenge_get_end_date (self->challenge));
  update_preview (self);

  self->can_save = form_ok && self->store != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save-draft", self->can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.schedule", self->can_save);
  if (self->can_save)
    _rally_challenge_editor_show_banner (self, NULL);
}

/* ---------------------------------------------------------------- saving */

/* Names what scheduling still needs, or NULL when nothing is missing. */
static char *
describe_missing (RallyChallenge *challenge)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *brief = g_strstrip (g_strdup (rally_challenge_get_brief (challenge)));
  g_autofree char *list = NULL;

  if (rally_challenge_get_start_date (challenge) == 0)
    g_ptr_array_add (missing, _("a start date"));
  if (rally_challenge_get_end_date (challenge) == 0)
    g_ptr_array_add (missing, _("an end date"));
  if (*brief == '\0')
    g_ptr_array_add (missing, _("a brief"));

  if (missing->len == 0)
    return NULL;

  if (missing->len == 1)
    list = g_strdup (g_ptr_array_index (missing, 0));
  else
    {
      const char *last = g_ptr_array_index (missing, missing->len - 1);
      g_autofree char *head = NULL;

      g_ptr_array_set_size (missing, missing->len - 1);
      g_ptr_array_add (missing, NULL);
      /* Translators: separates the missing things, "a start date, an end date" */
      head = g_strjoinv (_(", "), (char **) missing->pdata);
      /* Translators: the last of the missing things, "a start date, an end date and a brief" */
      list = g_strdup_printf (_("%s and %s"), head, last);
    }

  /* Translators: %s lists what is missing, "a start date and a brief" */
  return g_strdup_printf (_("To schedule, add %s. You can save a draft now."), list);
}

/* A number typed into a spin button counts only once committed: do it before saving,
 * in case Save is clicked straight from the field. */
static void
commit_spin_buttons (RallyChallengeEditor *self)
{
  gtk_spin_button_update (self->goal_videos_spin);
  gtk_spin_button_update (self->goal_views_spin);
  gtk_spin_button_update (self->pledge_spin);
  gtk_spin_button_update (self->cap_spin);
}

static void
save (RallyChallengeEditor *self,
      RallyChallengeStatus  status)
{
  g_autoptr(RallyChallenge) copy = NULL;
  g_autoptr(GError) error = NULL;

  commit_spin_buttons (self);
  refresh (self);
  if (!self->can_save)
    return;

  copy = rally_record_copy (RALLY_RECORD (self->challenge));
  rally_challenge_set_status (copy, status);
  /* Deleted meanwhile: what was typed comes back as a new challenge, as the banner says. */
  if (rally_conflict_banner_get_state (self->conflict_banner) == RALLY_RECORD_DELETED)
    rally_record_set_id (RALLY_RECORD (copy), 0);

  if (!rally_store_save_challenge (self->store, copy, &error))
    {
      if (rally_conflict_dialog_offer (GTK_WINDOW (self), self->store, RALLY_RECORD (copy),
                                       RALLY_RECORD (self->challenge),
                                       status == RALLY_CHALLENGE_STATUS_DRAFT ? "editor.save-draft" : "editor.schedule",
                                       error))
        return;
      _rally_challenge_editor_show_save_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, copy);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  save (RALLY_CHALLENGE_EDITOR (widget), RALLY_CHALLENGE_STATUS_DRAFT);
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RallyChallengeEditor *self = RALLY_CHALLENGE_EDITOR (widget);
  g_autofree char *missing = NULL;

  commit_spin_buttons (self);
  refresh (self);
  missing = describe_missing (self->challenge);
  if (missing != NULL)
    {
      _rally_challenge_editor_show_banner (self, missing);
      return;
    }

  save (self, RALLY_CHALLENGE_STATUS_SCHEDULED);
}

/* ---------------------------------------------------------------- dates */

static gint64
calendar_get_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) local = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) utc = g_date_time_new_utc (g_date_time_get_year (local),
                                                  g_date_time_get_month (local),
                                                  g_date_time_get_day_of_month (local), 0, 0, 0);

  return g_date_time_to_unix (utc);
}

static void
calendar_show_day (GtkCalendar *calendar,
                   gint64       date)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (date == 0)
    {
      local = g_date_time_new_now_local ();
    }
  else
    {
      utc = g_date_time_new_from_unix_utc (date);
      local = g_date_time_new_local (g_date_time_get_year (utc), g_date_time_get_month (utc),
                                     g_date_time_get_day_of_month (utc), 12, 0, 0);
    }
  gtk_calendar_select_day (calendar, local);
}

static void
start_day_selected_cb (RallyChallengeEditor *self)
{
  if (self->filling)
    return;

  rally_challenge_set_start_date (self->challenge, calendar_get_day (self->start_calendar));
  gtk_menu_button_popdown (self->start_button);
  refresh (self);
}

static void
end_day_selected_cb (RallyChallengeEditor *self)
{
  if (self->filling)
    return;

  rally_challenge_set_end_date (self->challenge, calendar_get_day (self->end_calendar));
  gtk_menu_button_popdown (self->end_button);
  refresh (self);
}

static void
start_clear_cb (RallyChallengeEditor *self)
{
  rally_challenge_set_start_date (self->challenge, 0);
  gtk_menu_button_popdown (self->start_button);
  refresh (self);
}

static void
end_clear_cb (RallyChallengeEditor *self)
{
  rally_challenge_set_end_date (self->challenge, 0);
  gtk_menu_button_popdown (self->end_button);
  refresh (self);
}

/* ---------------------------------------------------------------- filling the form */

static void
field_changed_cb (RallyChallengeEditor *self)
{
  refresh (self);
}

/* Enter in a one-line field saves, as the main button would: a draft stays a draft,
 * a scheduled challenge stays scheduled. */
static void
entry_activated_cb (RallyChallengeEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self),
                              self->stored_status == RALLY_CHALLENGE_STATUS_DRAFT
                                ? "editor.save-draft" : "editor.schedule",
                              NULL);
}

/* Spin buttons show major units with the currency's decimals: 2 for $, 0 for ¥. */
static void
set_money_digits (RallyChallengeEditor *self,
                  const char           *currency)
{
  guint digits = rally_currency_get_decimals (currency);
  double step = digits == 0 ? 1 : 0.5;

  gtk_spin_button_set_digits (self->pledge_spin, digits);
  gtk_spin_button_set_digits (self->cap_spin, digits);
  gtk_spin_button_set_increments (self->pledge_spin, step, step * 20);
}

static void
currency_changed_cb (RallyChallengeEditor *self)
{
  const char *currency = _rally_challenge_editor_selected_currency (self);
  double pledge = gtk_spin_button_get_value (self->pledge_spin);
  double cap = gtk_spin_button_get_value (self->cap_spin);

  /* While the form is being filled, fill_currencies() sets the decimals itself. */
  if (self->filling)
    return;

  /* Keep the amounts as typed: only the number of decimals changes. */
  self->filling = TRUE;
  set_money_digits (self, currency);
  gtk_spin_button_set_value (self->pledge_spin, pledge);
  gtk_spin_button_set_value (self->cap_spin, cap);
  self->filling = FALSE;
  refresh (self);
}

static void
text_view_set_text (GtkTextView *view,
                    const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static void
fill_campaigns (RallyChallengeEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) campaigns = self->store != NULL ? rally_store_list_campaigns (self->store) : NULL;
  gint64 none = 0;
  guint selected = 0;

  g_array_set_size (self->campaign_ids, 0);
  gtk_string_list_append (names, C_("campaign", "None"));
  g_array_append_val (self->campaign_ids, none);

  for (guint i = 0; campaigns != NULL && i < g_list_model_get_n_items (campaigns); i++)
    {
      g_autoptr(RallyCampaign) campaign = g_list_model_get_item (campaigns, i);
      gint64 id = rally_campaign_get_id (campaign);

      gtk_string_list_append (names, rally_campaign_get_name (campaign));
      g_array_append_val (self->campaign_ids, id);
      if (id == rally_challenge_get_campaign_id (self->challenge))
        selected = self->campaign_ids->len - 1;
    }

  adw_combo_row_set_model (self->campaign_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->campaign_row, selected);
}

static void
fill_currencies (RallyChallengeEditor *self)
{
  const char *currency = rally_challenge_get_currency (self->challenge);
  guint position;

  self->currencies = gtk_string_list_new (rally_currency_get_common ());
  /* A stored currency outside the usual list stays choosable. */
  if (!g_strv_contains (rally_currency_get_common (), currency))
    gtk_string_list_append (self->currencies, currency);

  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (self->currencies));
  for (position = 0; position < g_list_model_get_n_items (G_LIST_MODEL (self->currencies)); position++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (self->currencies, position), currency) == 0)
        break;
    }
  adw_combo_row_set_selected (self->currency_row, position);
  set_money_digits (self, currency);
}

static void
fill_form (RallyChallengeEditor *self)
{
  RallyChallenge *c = self->challenge;
  double scale = _rally_challenge_editor_money_scale (rally_challenge_get_currency (c));
  g_autofree char *regions = rally_regions_join (rally_challenge_get_regions (c));
  g_autofree char *partners = _rally_challenge_editor_join_partners (rally_challenge_get_partners (c));

  self->filling = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->hashtag_row), rally_challenge_get_hashtag (c));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), rally_challenge_get_title (c));
  text_view_set_text (self->brief_view, rally_challenge_get_brief (c));
  text_view_set_text (self->cta_view, rally_challenge_get_call_to_action (c));
  text_view_set_text (self->rules_view, rally_challenge_get_rules (c));
  text_view_set_text (self->sound_view, rally_challenge_get_sound_notes (c));
  calendar_show_day (self->start_calendar, rally_challenge_get_start_date (c));
  calendar_show_day (self->end_calendar, rally_challenge_get_end_date (c));
  gtk_spin_button_set_value (self->goal_videos_spin, (double) rally_challenge_get_goal_videos (c));
  gtk_spin_button_set_value (self->goal_views_spin, (double) rally_challenge_get_goal_views (c));
  text_view_set_text (self->regions_view, regions);
  gtk_editable_set_text (GTK_EDITABLE (self->sponsor_row), rally_challenge_get_sponsor (c));
  fill_currencies (self);
  gtk_spin_button_set_value (self->pledge_spin, (double) rally_challenge_get_pledge_per_video (c) / scale);
  gtk_spin_button_set_value (self->cap_spin, (double) rally_challenge_get_pledge_cap (c) / scale);
  fill_campaigns (self);
  adw_combo_row_set_selected (self->audience_row, rally_challenge_get_audience (c));
  text_view_set_text (self->consent_view, rally_challenge_get_consent_wording (c));
  gtk_switch_set_active (self->no_personal_data_switch, rally_challenge_get_no_personal_data (c));
  text_view_set_text (self->moderation_view, rally_challenge_get_moderation_plan (c));
  text_view_set_text (self->reporting_view, rally_challenge_get_reporting_route (c));
  text_view_set_text (self->partners_view, partners);

  self->filling = FALSE;
}

static void
set_titles (RallyChallengeEditor *self)
{
  gboolean is_new = rally_challenge_get_id (self->challenge) == 0;
  const char *title = is_new ? _("New Challenge") : _("Edit Challenge");

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);

  /* Editing a challenge that has left draft: saving keeps it scheduled. */
  if (self->stored_status != RALLY_CHALLENGE_STATUS_DRAFT)
    {
      gtk_button_set_label (self->schedule_button, _("_Save"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->schedule_button),
                                   _("Save the changes; the challenge stays scheduled"));
      gtk_button_set_label (self->draft_button, _("Move to _Drafts"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->draft_button),
                                   _("Save the changes and take the challenge back to draft"));
      gtk_button_set_label (self->draft_icon_button, _("Move to _Drafts"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->draft_icon_button), _("Move to Drafts"));
    }
}

/* ---------------------------------------------------------------- class */

static void
rally_challenge_editor_map (GtkWidget *widget)
{
  RallyChallengeEditor *self = RALLY_CHALLENGE_EDITOR (widget);

  GTK_WIDGET_CLASS (rally_challenge_editor_parent_class)->map (widget);

  /* Ready to type the hashtag at once. */
  gtk_widget_grab_focus (GTK_WIDGET (self->hashtag_row));
}

static void
rally_challenge_editor_dispose (GObject *object)
{
  RallyChallengeEditor *self = RALLY_CHALLENGE_EDITOR (object);

  g_clear_object (&self->store);
  g_clear_object (&self->challenge);
  g_clear_object (&self->currencies);
  g_clear_pointer (&self->campaign_ids, g_array_unref);

  G_OBJECT_CLASS (rally_challenge_editor_parent_class)->dispose (object);
}

static void
rally_challenge_editor_class_init (RallyChallengeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_challenge_editor_dispose;
  widget_class->map = rally_challenge_editor_map;

  /**
   * RallyChallengeEditor::saved:
   * @challenge: the challenge as stored
   *
   * Emitted when the challenge was saved, just before the window closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, RALLY_TYPE_CHALLENGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-challenge-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, audience_row);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, conflict_banner);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, brief_view);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, campaign_row);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, cap_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, consent_view);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, cta_view);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, dates_message);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, draft_button);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, draft_icon_button);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, draft_squeezer);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, narrow_bar);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, narrow_schedule_button);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, end_button);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, end_calendar);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, end_clear_button);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, goal_videos_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, goal_views_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, hashtag_message);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, hashtag_row);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, moderation_view);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, no_personal_data_switch);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, partners_message);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, partners_view);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, pledge_message);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, pledge_spin);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, preview);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, reflow_box);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, regions_message);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, regions_row);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, regions_view);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, reporting_view);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, rules_view);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, safeguarding_revealer);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, sound_view);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, sponsor_row);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, start_button);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, start_clear_button);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengeEditor, window_title);

  gtk_widget_class_install_action (widget_class, "editor.save-draft", NULL, save_draft_action);
  gtk_widget_class_install_action (widget_class, "editor.schedule", NULL, schedule_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save-draft", NULL);

  g_type_ensure (RALLY_TYPE_CHALLENGE_PREVIEW);
  g_type_ensure (RALLY_TYPE_CONFLICT_BANNER);
  g_type_ensure (RALLY_TYPE_REFLOW_BOX);
}

/* ---------------------------------------------------------------- scrolling */

static void
pointer_moved_cb (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  RallyChallengeEditor     *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

/* A spin button takes the mouse wheel: scrolling the form past the pledge would change
 * the amount. Unless the spin button has the focus (the person is editing it), the
 * wheel scrolls the form instead. */
static gboolean
scroll_cb (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           RallyChallengeEditor     *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->scrolled_window),
                                       self->pointer_x, self->pointer_y, GTK_PICK_DEFAULT);
  GtkWidget *spin = picked != NULL ? gtk_widget_get_ancestor (picked, GTK_TYPE_SPIN_BUTTON) : NULL;
  GtkAdjustment *adjustment;
  double step;

  if (spin == NULL || gtk_widget_has_focus (gtk_widget_get_first_child (spin)) ||
      gtk_widget_has_focus (spin))
    return FALSE;

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  step = pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);

  return TRUE;
}

/* Beside the form, the preview stays in view as the form scrolls. */
static void
scrolled_cb (GtkAdjustment        *adjustment,
             RallyChallengeEditor *self)
{
  rally_reflow_box_set_end_offset (self->reflow_box, (int) gtk_adjustment_get_value (adjustment));
}

static void
guard_spin_buttons (RallyChallengeEditor *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  g_signal_connect (motion, "motion", G_CALLBACK (pointer_moved_cb), self);
  g_signal_connect (motion, "enter", G_CALLBACK (pointer_moved_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), motion);

  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scrolled_window), scroll);

  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->scrolled_window), "value-changed",
                    G_CALLBACK (scrolled_cb), self);

  /* Goals and money read "30,000", not "30000", as in the campaign editor. */
  rally_spin_button_group_digits (self->goal_videos_spin);
  rally_spin_button_group_digits (self->goal_views_spin);
  rally_spin_button_group_digits (self->pledge_spin);
  rally_spin_button_group_digits (self->cap_spin);
}

/* Signals are connected here rather than in the template, so that
 * gtk4-builder-tool can validate the .ui file without our symbols. */
static void
connect_signals (RallyChallengeEditor *self)
{
  GtkWidget *entries[] = {
    GTK_WIDGET (self->hashtag_row), GTK_WIDGET (self->title_row), GTK_WIDGET (self->sponsor_row),
  };
  GtkSpinButton *spins[] = { self->goal_videos_spin, self->goal_views_spin, self->pledge_spin, self->cap_spin };
  GtkTextView *views[] = { self->brief_view, self->cta_view, self->rules_view, self->sound_view,
                           self->consent_view, self->moderation_view, self->reporting_view,
                           self->partners_view, self->regions_view };

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (field_changed_cb), self);
      g_signal_connect_swapped (entries[i], "entry-activated", G_CALLBACK (entry_activated_cb), self);
    }
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_signal_connect_swapped (spins[i], "value-changed", G_CALLBACK (field_changed_cb), self);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_signal_connect_swapped (gtk_text_view_get_buffer (views[i]), "changed", G_CALLBACK (field_changed_cb), self);

  g_signal_connect_swapped (self->campaign_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->audience_row, "notify::selected", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->currency_row, "notify::selected", G_CALLBACK (currency_changed_cb), self);
  g_signal_connect_swapped (self->no_personal_data_switch, "notify::active", G_CALLBACK (field_changed_cb), self);
  g_signal_connect_swapped (self->start_calendar, "day-selected", G_CALLBACK (start_day_selected_cb), self);
  g_signal_connect_swapped (self->end_calendar, "day-selected", G_CALLBACK (end_day_selected_cb), self);
  g_signal_connect_swapped (self->start_clear_button, "clicked", G_CALLBACK (start_clear_cb), self);
  g_signal_connect_swapped (self->end_clear_button, "clicked", G_CALLBACK (end_clear_cb), self);
}

static void
rally_challenge_editor_init (RallyChallengeEditor *self)
{
  self->filling = TRUE;   /* until the form holds the challenge */
  gtk_widget_init_template (GTK_WIDGET (self));
  rally_a11y_tidy_names (GTK_WIDGET (self));
  self->campaign_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  connect_signals (self);
  /* A narrow header has room for Cancel and the title only: Save Draft and
   * Schedule move to a bar at the bottom, still labelled. */
  rally_narrow_bar_follow (self->draft_squeezer, gtk_widget_get_parent (GTK_WIDGET (self->draft_button)), self->narrow_bar);
  g_object_bind_property (self->schedule_button, "label", self->narrow_schedule_button, "label", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->schedule_button, "tooltip-text", self->narrow_schedule_button, "tooltip-text",
                          G_BINDING_SYNC_CREATE);
  guard_spin_buttons (self);
}

/**
 * rally_challenge_editor_new:
 * @store: (nullable): where to save; without it nothing can be saved
 * @challenge: (nullable): the challenge to edit, or %NULL for a new one
 * @campaign_id: for a new challenge, the campaign it belongs to, or 0
 *
 * The editor works on a copy of @challenge: @challenge itself never changes.
 *
 * Returns: (transfer floating): a new editor window
 */
RallyChallengeEditor *
rally_challenge_editor_new (RallyStore     *store,
                            RallyChallenge *challenge,
                            gint64          campaign_id)
{
  RallyChallengeEditor *self;

  g_return_val_if_fail (store == NULL || RALLY_IS_STORE (store), NULL);
  g_return_val_if_fail (challenge == NULL || RALLY_IS_CHALLENGE (challenge), NULL);

  self = g_object_new (RALLY_TYPE_CHALLENGE_EDITOR, NULL);
  g_set_object (&self->store, store);
  if (challenge != NULL)
    {
      self->challenge = rally_record_copy (RALLY_RECORD (challenge));
      if (store != NULL)
        rally_conflict_banner_watch (self->conflict_banner, store, G_OBJECT (challenge),
                                     _("This challenge was changed elsewhere since you opened it. Saving lets you "
                                       "keep theirs or yours, or compare the two."),
                                     _("This challenge was deleted elsewhere since you opened it. Saving adds "
                                       "what you see here as a new challenge."));
    }
  else
    {
      self->challenge = rally_challenge_new ();
      rally_challenge_set_campaign_id (self->challenge, campaign_id);
    }
  self->stored_status = rally_challenge_get_status (self->challenge);

  set_titles (self);
  fill_form (self);
  refresh (self);

  return self;
}

/**
 * rally_challenge_editor_get_challenge:
 *
 * Returns: (transfer none): the working copy, with what the form holds
 */
RallyChallenge *
rally_challenge_editor_get_challenge (RallyChallengeEditor *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE_EDITOR (self), NULL);

  return self->challenge;
}

/**
 * rally_challenge_editor_get_can_save:
 *
 * Returns: %TRUE when "Save Draft" is enabled: the hashtag is valid and unused and
 *   no field shows an error
 */
gboolean
rally_challenge_editor_get_can_save (RallyChallengeEditor *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE_EDITOR (self), FALSE);

  return self->can_save;
}
