/* rally-campaigns-page-private.h
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

#include "rally-campaigns-page.h"
#include "rally-color-swatch.h"
#include "rally-context.h"
#include "rally-figures-reader.h"
#include "rally-model.h"

G_BEGIN_DECLS

struct _RallyCampaignsPage
{
  AdwBin              parent_instance;

  /* Template children */
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkWidget          *connect_button;
  GtkWidget          *delete_button;
  GtkWidget          *import_studio_button;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *detail_pane;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_filter;
  GtkDropDown        *sort_dropdown;
  GtkListBox         *nav_list;
  GtkListBoxRow      *calendar_row;
  GtkStack           *list_stack;
  GtkListView        *campaign_list;
  AdwStatusPage      *no_results_page;
  GtkLabel           *detail_title;
  GtkStack           *detail_stack;
  RallyColorSwatch   *color_swatch;
  GtkLabel           *name_label;
  GtkLabel           *meta_label;
  GtkLabel           *status_label;
  GtkButton          *archive_button;
  GtkListBox         *goals_list;
  AdwActionRow       *raised_row;
  GtkLabel           *raised_label;
  GtkLabel           *budget_label;
  GtkListBox         *challenges_list;
  GtkWidget          *description_group;
  GtkLabel           *description_label;
  GtkWidget          *notes_group;
  GtkLabel           *notes_label;
  GtkLabel           *month_label;
  GtkDropDown        *channel_filter;
  RallyMonthView     *month_view;
  GtkBox             *calendar_legend;
  GtkLabel           *calendar_focus_label;

  /* Owned */
  RallyContext       *context;          /* toasts, and the store until it is given */
  RallyStore         *store;
  RallyFiguresReader *reader;           /* what the rows and the detail show */
  GHashTable         *bound_rows;       /* the GtkListItems bound now */
  GHashTable         *reach;            /* challenge id → GArray, for the sparklines */
  gint64              reach_campaign_id;
  gint64              reach_pending_id;
  guint               reach_generation; /* the reader's reload it goes with */
  GCancellable       *reach_cancellable;
  GListModel         *campaigns;        /* the store's live list */
  GtkFilterListModel *filter_model;
  GtkCustomFilter    *filter;
  GtkSortListModel   *sort_model;
  GtkCustomSorter    *sorter;
  GtkSingleSelection *selection;
  GtkStringList      *channels;
  RallyCampaign      *campaign;         /* the campaign shown in the detail pane */
  GActionGroup       *window_actions;   /* the window we added win.* actions to */
  AdwToast           *undo_toast;       /* the last "Campaign deleted" toast */
  gulong              store_changed_id;
  gulong              figures_changed_id;
  guint               undo_timeout;     /* seconds */
};

enum {
  FILTER_CURRENT,
  FILTER_ALL,
  FILTER_PLANNED,
  FILTER_ACTIVE,
  FILTER_COMPLETED,
  FILTER_ARCHIVED,
};

enum {
  SORT_START_DATE,
  SORT_NAME,
};

/* rally-campaigns-page-list.c */
GtkListItemFactory *_rally_campaigns_page_new_row_factory (RallyCampaignsPage *self);
void        _rally_campaigns_page_rebind_rows       (RallyCampaignsPage  *self);
gboolean    _rally_campaigns_page_filter_func       (gpointer             item,
                                                     gpointer             user_data);
int         _rally_campaigns_page_sort_func         (gconstpointer        a,
                                                     gconstpointer        b,
                                                     gpointer             user_data);

/* rally-campaigns-page-detail.c */
char       *_rally_campaigns_page_format_dates      (RallyCampaign       *campaign);
const char *_rally_campaigns_page_status_name       (RallyCampaignStatus  status);
const RallyCampaignFigures *_rally_campaigns_page_lookup_figures (RallyCampaignsPage *self,
                                                                  RallyCampaign      *campaign);
char       *_rally_campaigns_page_describe_progress (RallyCampaign              *campaign,
                                                     const RallyCampaignFigures *stats);
void        _rally_campaigns_page_show_campaign     (RallyCampaignsPage  *self,
                                                     RallyCampaign       *campaign);
void        _rally_campaigns_page_refresh_detail    (RallyCampaignsPage  *self);

/* rally-campaigns-page-calendar.c */
void _rally_campaigns_page_init_calendar   (RallyCampaignsPage *self);
void _rally_campaigns_page_reload_calendar (RallyCampaignsPage *self);
void _rally_campaigns_page_new_post        (RallyCampaignsPage *self,
                                            gint64              day);
void _rally_campaigns_page_add_toast       (RallyCampaignsPage *self,
                                            AdwToast           *toast);
void _rally_campaigns_page_show_error      (RallyCampaignsPage *self,
                                            const char         *what,
                                            const GError       *error);
void _rally_campaigns_page_toast_dismissed_cb (AdwToast      *toast,
                                               RallyStore    *store);
void _rally_campaigns_page_present         (RallyCampaignsPage *self,
                                            GtkWindow          *dialog);

G_END_DECLS
