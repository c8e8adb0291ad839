/* rally-import-dialog.h
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

#include "rally-backup.h"
#include "rally-context.h"
#include "rally-store.h"
#include "rally-studio-csv.h"

G_BEGIN_DECLS

#define RALLY_TYPE_IMPORT_DIALOG (rally_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RallyImportDialog, rally_import_dialog, RALLY, IMPORT_DIALOG, AdwWindow)

RallyImportDialog *rally_import_dialog_new   (GtkWindow            *parent,
                                              RallyStore           *store,
                                              const char           *file_name,
                                              RallyStudioCsvResult *result);

/* The whole flow, from a window: choose a file (or take a dropped one), then
 * preview a TikTok Studio CSV or confirm restoring a JSON backup; the outcome
 * comes as a toast on @window. */
void               rally_import_choose_file  (GtkWindow            *window,
                                              RallyContext         *context);
void               rally_import_open_file    (GtkWindow            *window,
                                              RallyStore           *store,
                                              GFile                *file);
void               rally_import_open_file_in_context (GtkWindow    *window,
                                                      RallyContext *context,
                                                      GFile        *file);
void               rally_export_choose_file  (GtkWindow            *window,
                                              RallyContext         *context);
char              *rally_import_describe_restore (const RallyBackupCounts *counts);

G_END_DECLS
