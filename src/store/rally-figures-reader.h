/* rally-figures-reader.h
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

#include <gio/gio.h>

#include "rally-figures.h"
#include "rally-store.h"

G_BEGIN_DECLS

#define RALLY_TYPE_FIGURES_READER (rally_figures_reader_get_type ())

G_DECLARE_FINAL_TYPE (RallyFiguresReader, rally_figures_reader, RALLY, FIGURES_READER, GObject)

/**
 * RallyFiguresReadFunc:
 * @store: the reader's own read-only connection to the workspace
 * @data: what the caller gave
 * @cancellable: (nullable): cancelled when the caller lost interest
 * @error: where to put an error
 *
 * Runs on the reader's worker thread.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
typedef gpointer (*RallyFiguresReadFunc) (RallyStore    *store,
                                          gpointer       data,
                                          GCancellable  *cancellable,
                                          GError       **error);

RallyFiguresReader    *rally_figures_reader_new                   (RallyStore          *store);
RallyStore            *rally_figures_reader_get_store             (RallyFiguresReader  *self);
gboolean               rally_figures_reader_is_loaded             (RallyFiguresReader  *self);
RallyCampaignFigures  *rally_figures_reader_lookup_campaign       (RallyFiguresReader  *self,
                                                                   gint64               campaign_id);
RallyChallengeFigures *rally_figures_reader_lookup_challenge      (RallyFiguresReader  *self,
                                                                   gint64               challenge_id);
void                   rally_figures_reader_reload                (RallyFiguresReader  *self);
guint                  rally_figures_reader_get_n_reloads         (RallyFiguresReader  *self);
guint                  rally_figures_reader_get_n_reads           (RallyFiguresReader  *self);

void                   rally_figures_reader_read_challenge_async  (RallyFiguresReader  *self,
                                                                   gint64               challenge_id,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
RallyChallengeFigures *rally_figures_reader_read_challenge_finish (RallyFiguresReader  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);
void                   rally_figures_reader_run_async             (RallyFiguresReader  *self,
                                                                   RallyFiguresReadFunc func,
                                                                   gpointer             data,
                                                                   GDestroyNotify       data_free,
                                                                   GDestroyNotify       result_free,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
gpointer               rally_figures_reader_run_finish            (RallyFiguresReader  *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);

/**
 * RallyFiguresDetail:
 * @RALLY_FIGURES_TOTALS: the totals and the latest snapshot only
 * @RALLY_FIGURES_MEDIAN: also the median engagement (reads every video)
 * @RALLY_FIGURES_REACH: also the reach over time and where it comes from
 */
typedef enum
{
  RALLY_FIGURES_TOTALS = 0,
  RALLY_FIGURES_MEDIAN = 1 << 0,
  RALLY_FIGURES_REACH  = 1 << 1,
} RallyFiguresDetail;

/* What the worker reads, also for a caller that has its own connection already. */
RallyChallengeFigures *rally_figures_read_challenge               (RallyStore          *store,
                                                                   gint64               challenge_id,
                                                                   RallyFiguresDetail   detail,
                                                                   GCancellable        *cancellable);
RallyCampaignFigures  *rally_figures_read_campaign                (RallyStore          *store,
                                                                   RallyCampaign       *campaign,
                                                                   RallyFiguresDetail   detail);

G_END_DECLS
