/* rally-import.h
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

#include "rally-store.h"
#include "rally-studio-csv.h"

G_BEGIN_DECLS

#define RALLY_IMPORT_ERROR (rally_import_error_quark ())

/**
 * RallyImportError:
 * @RALLY_IMPORT_ERROR_REJECTED_ROWS: the file has rows that could not be read and
 *   %RALLY_IMPORT_SKIP_REJECTED was not given
 * @RALLY_IMPORT_ERROR_NO_CHALLENGE: videos need a challenge and none was given
 * @RALLY_IMPORT_ERROR_NOT_FOUND: the campaign or challenge does not exist
 * @RALLY_IMPORT_ERROR_NOTHING: the file holds no row to import
 */
typedef enum
{
  RALLY_IMPORT_ERROR_REJECTED_ROWS,
  RALLY_IMPORT_ERROR_NO_CHALLENGE,
  RALLY_IMPORT_ERROR_NOT_FOUND,
  RALLY_IMPORT_ERROR_NOTHING,
} RallyImportError;

/**
 * RallyImportFlags:
 * @RALLY_IMPORT_SKIP_REJECTED: import the readable rows of a file with rejected rows
 * @RALLY_IMPORT_OWN_VIDEOS: a content export's videos are the account's own, not a
 *   challenge's (challenge_id is then ignored)
 */
typedef enum
{
  RALLY_IMPORT_DEFAULT        = 0,
  RALLY_IMPORT_SKIP_REJECTED  = 1 << 0,
  RALLY_IMPORT_OWN_VIDEOS     = 1 << 1,
} RallyImportFlags;

/* The account that holds videos imported as the account's own while no account was
 * ever synced through the Display API. */
#define RALLY_IMPORT_STUDIO_ACCOUNT "studio"

/* What an import did, row by row. */
typedef struct
{
  guint inserted;
  guint updated;
  guint unchanged;
} RallyImportCounts;

GQuark      rally_import_error_quark              (void);
gboolean    rally_import_studio_csv               (RallyStore                 *store,
                                                   const RallyStudioCsvResult *result,
                                                   gint64                      campaign_id,
                                                   gint64                      challenge_id,
                                                   RallyImportFlags            flags,
                                                   RallyImportCounts          *counts,
                                                   GError                    **error);
gint64      rally_import_find_campaign            (RallyStore                 *store,
                                                   const char                 *name);
GPtrArray  *rally_import_query_campaign_snapshots (RallyStore                 *store,
                                                   gint64                      campaign_id,
                                                   gint64                      from,
                                                   gint64                      to);

G_END_DECLS
