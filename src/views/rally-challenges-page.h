/* rally-challenges-page.h
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

#pragma once

#include <adwaita.h>

#include "rally-store.h"

G_BEGIN_DECLS

#define RALLY_TYPE_CHALLENGES_PAGE (rally_challenges_page_get_type ())

G_DECLARE_FINAL_TYPE (RallyChallengesPage, rally_challenges_page, RALLY, CHALLENGES_PAGE, AdwBin)

RallyStore     *rally_challenges_page_get_store              (RallyChallengesPage *self);
void            rally_challenges_page_set_store              (RallyChallengesPage *self,
                                                              RallyStore          *store);
RallyChallenge *rally_challenges_page_get_selected_challenge (RallyChallengesPage *self);
gboolean        rally_challenges_page_select_challenge       (RallyChallengesPage *self,
                                                              gint64               id);
GtkBox         *rally_challenges_page_get_tracking_box       (RallyChallengesPage *self);
GtkWindow      *rally_challenges_page_new_challenge          (RallyChallengesPage *self,
                                                              gint64               campaign_id);
GtkWindow      *rally_challenges_page_edit_challenge         (RallyChallengesPage *self,
                                                              RallyChallenge      *challenge);
gboolean        rally_challenges_page_export_brief_to        (RallyChallengesPage *self,
                                                              const char          *format,
                                                              const char          *path,
                                                              GError             **error);

G_END_DECLS
