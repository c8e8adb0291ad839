/* rally-store-error-dialog.c
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

/* The dialog shown when the workspace database cannot be opened: it says why, and
 * offers to move the file aside (never to delete it) or to quit. */

#define G_LOG_DOMAIN "RallyStoreErrorDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-store-error-dialog.h"
#include "rally-store.h"

static void
describe (const GError  *error,
          const char   **heading,
          const char   **advice)
{
  if (g_error_matches (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NOT_A_DATABASE))
    {
      *heading = _("The Workspace File Is Not a Rally Database");
      *advice = _("Rally has not changed the file. Move it aside to start a new, empty workspace; "
                  "the file is kept under a new name next to it.");
    }
  else if (g_error_matches (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CORRUPT))
    {
      *heading = _("The Workspace Is Damaged");
      *advice = _("Move it aside to start a new, empty workspace. The damaged file is kept under a "
                  "new name, so you can restore a backup or try to recover it later.");
    }
  else if (g_error_matches (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_NEWER_SCHEMA))
    {
      *heading = _("The Workspace Is From a Newer Rally");
      *advice = _("Update Rally to open it. Or move it aside to start a new, empty workspace with "
                  "this version; the file is kept under a new name.");
    }
  else
    {
      *heading = _("The Workspace Could Not Be Opened");
      *advice = _("Check that the disk is available and has free space, then start Rally again. "
                  "Moving the file aside starts a new, empty workspace and keeps the file.");
    }
}

/**
 * rally_store_error_dialog_new:
 * @parent: (nullable): the window to attach to
 * @error: why rally_store_open() failed
 *
 * Returns: (transfer floating): an #AdwMessageDialog with the responses
 *   %RALLY_STORE_ERROR_RESPONSE_MOVE_ASIDE and %RALLY_STORE_ERROR_RESPONSE_QUIT
 */
GtkWidget *
rally_store_error_dialog_new (GtkWindow    *parent,
                              const GError *error)
{
  const char *heading = NULL, *advice = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (error != NULL, NULL);

  describe (error, &heading, &advice);
  body = g_strdup_printf ("%s\n\n%s", error->message, advice);

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    RALLY_STORE_ERROR_RESPONSE_QUIT, _("_Quit"),
                                    RALLY_STORE_ERROR_RESPONSE_MOVE_ASIDE, _("_Move Aside"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              RALLY_STORE_ERROR_RESPONSE_MOVE_ASIDE,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), RALLY_STORE_ERROR_RESPONSE_QUIT);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), RALLY_STORE_ERROR_RESPONSE_QUIT);

  return dialog;
}
