/* rally-challenge-editor-private.h
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

/* What the parts of the challenge editor share: the window
 * (rally-challenge-editor.c) and its form, read into the working copy, checked
 * field by field, with the messages that say why (rally-challenge-editor-form.c). */

#pragma once

#include <adwaita.h>

#include "rally-challenge-editor.h"
#include "rally-challenge-preview.h"
#include "rally-conflict-banner.h"
#include "rally-model.h"
#include "rally-reflow-box.h"

G_BEGIN_DECLS

struct _RallyChallengeEditor
{
  AdwWindow              parent_instance;

  /* Template children */
  AdwComboRow           *audience_row;
  GtkRevealer           *banner_revealer;
  RallyConflictBanner   *conflict_banner;
  GtkLabel              *banner_label;
  GtkTextView           *brief_view;
  AdwComboRow           *campaign_row;
  GtkButton             *cancel_button;
  GtkSpinButton         *cap_spin;
  GtkTextView           *consent_view;
  GtkTextView           *cta_view;
  AdwComboRow           *currency_row;
  GtkLabel              *dates_message;
  GtkButton             *draft_button;
  GtkButton             *draft_icon_button;  /* Save Draft in the bottom bar, when narrow */
  AdwSqueezer           *draft_squeezer;
  GtkActionBar          *narrow_bar;
  GtkButton             *narrow_schedule_button;
  GtkMenuButton         *end_button;
  GtkCalendar           *end_calendar;
  GtkButton             *end_clear_button;
  GtkSpinButton         *goal_videos_spin;
  GtkSpinButton         *goal_views_spin;
  GtkLabel              *hashtag_message;
  AdwEntryRow           *hashtag_row;
  GtkTextView           *moderation_view;
  GtkSwitch             *no_personal_data_switch;
  GtkLabel              *partners_message;
  GtkTextView           *partners_view;
  GtkLabel              *pledge_message;
  GtkSpinButton         *pledge_spin;
  RallyChallengePreview *preview;
  RallyReflowBox        *reflow_box;
  GtkLabel              *regions_message;
  AdwPreferencesRow     *regions_row;
  GtkTextView           *regions_view;
  GtkTextView           *reporting_view;
  GtkScrolledWindow     *scrolled_window;
  GtkTextView           *rules_view;
  GtkRevealer           *safeguarding_revealer;
  GtkButton             *schedule_button;
  GtkTextView           *sound_view;
  AdwEntryRow           *sponsor_row;
  GtkMenuButton         *start_button;
  GtkCalendar           *start_calendar;
  GtkButton             *start_clear_button;
  AdwEntryRow           *title_row;
  AdwWindowTitle        *window_title;

  /* Owned */
  RallyStore            *store;
  RallyChallenge        *challenge;      /* the working copy */
  GArray                *campaign_ids;   /* gint64 per campaign_row position; 0 for None */
  GtkStringList         *currencies;

  RallyChallengeStatus   stored_status;  /* status of the record when the window opened */
  gboolean               filling;        /* the form is being filled from the copy */
  double                 pointer_x;      /* over the scrolled form, for the wheel */
  double                 pointer_y;
  gboolean               can_save;
};

/* rally-challenge-editor-form.c */

void        _rally_challenge_editor_show_banner       (RallyChallengeEditor *self,
                                                       const char           *text);
void        _rally_challenge_editor_show_save_error   (RallyChallengeEditor *self,
                                                       const GError         *error);
double      _rally_challenge_editor_money_scale       (const char           *currency);
const char *_rally_challenge_editor_selected_currency (RallyChallengeEditor *self);
void        _rally_challenge_editor_read_form         (RallyChallengeEditor *self);
gboolean    _rally_challenge_editor_check_form        (RallyChallengeEditor *self);
char       *_rally_challenge_editor_join_partners     (const char * const   *partners);

G_END_DECLS
