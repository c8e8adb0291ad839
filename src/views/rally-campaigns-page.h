/* rally-campaigns-page.h
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

#include "rally-month-view.h"
#include "rally-store.h"

G_BEGIN_DECLS

#define RALLY_TYPE_CAMPAIGNS_PAGE (rally_campaigns_page_get_type ())

G_DECLARE_FINAL_TYPE (RallyCampaignsPage, rally_campaigns_page, RALLY, CAMPAIGNS_PAGE, AdwBin)

void            rally_campaigns_page_set_store         (RallyCampaignsPage *self,
                                                        RallyStore         *store);
RallyStore     *rally_campaigns_page_get_store         (RallyCampaignsPage *self);
void            rally_campaigns_page_select_campaign   (RallyCampaignsPage *self,
                                                        gint64              campaign_id);
gint64          rally_campaigns_page_get_selected_id   (RallyCampaignsPage *self);
void            rally_campaigns_page_show_calendar     (RallyCampaignsPage *self);
void            rally_campaigns_page_new_item          (RallyCampaignsPage *self);
void            rally_campaigns_page_set_narrow        (RallyCampaignsPage *self,
                                                        gboolean            narrow);
RallyMonthView *rally_campaigns_page_get_month_view    (RallyCampaignsPage *self);
GListModel     *rally_campaigns_page_get_visible_model (RallyCampaignsPage *self);
AdwToast       *rally_campaigns_page_get_undo_toast    (RallyCampaignsPage *self);
void            rally_campaigns_page_set_undo_timeout  (RallyCampaignsPage *self,
                                                        guint               seconds);
void            rally_campaigns_page_move_post         (RallyCampaignsPage *self,
                                                        gint64              post_id,
                                                        gint64              day);

G_END_DECLS
