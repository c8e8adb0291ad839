/* rally-move-dialog.c
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

/* "Move to Team Server…": copies the open local workspace into a team workspace on a
 * PostgreSQL server, as `rally import BACKUP --workspace URI` does. The copy runs in a
 * GTask thread on connections of its own (the window's store is never touched off the
 * main thread): the local workspace is written as a backup to a temporary file, then
 * restored on the server in one transaction, so a failure leaves the server as it was.
 * A team workspace that already holds data is replaced only after the user says so.
 * Afterwards the dialog offers to open the team workspace (app.open-workspace). */

#define G_LOG_DOMAIN "RallyMoveDialog"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "rally-backup.h"
#include "rally-move-dialog.h"
#include "rally-workspace-location.h"

struct _RallyMoveDialog
{
  AdwWindow     parent_instance;

  char         *local;        /* the local workspace's folder */
  char         *uri;          /* the team workspace moved to */
  GCancellable *cancellable;

  GtkStack     *stack;
  AdwEntryRow  *address;
  GtkLabel     *error_label;
  GtkButton    *move_button;
  GtkLabel     *progress_label;
  GtkWidget    *spinner;
};

G_DEFINE_FINAL_TYPE (RallyMoveDialog, rally_move_dialog, ADW_TYPE_WINDOW)

#define MOVE_ERROR_NOT_EMPTY 1

typedef struct
{
  char     *local;
  char     *uri;
  gboolean  replace;
} MoveJob;

static void
move_job_free (MoveJob *job)
{
  g_free (job->local);
  g_free (job->uri);
  g_free (job);
}

/* In the thread: the whole move, on connections of its own. */
static gboolean
move_workspace (MoveJob       *job,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(RallyStore) server = NULL;
  g_autoptr(RallyStore) local = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean ok;

  server = rally_store_open (job->uri, error);
  if (server == NULL)
    return FALSE;
  if (!job->replace && !rally_backup_store_is_blank (server))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "not empty");
      return FALSE;
    }

  local = rally_store_open (job->local, error);
  if (local == NULL)
    return FALSE;
  file = g_file_new_tmp ("rally-move-XXXXXX.json", &io, error);
  if (file == NULL)
    return FALSE;
  g_io_stream_close (G_IO_STREAM (io), NULL, NULL);

  ok = rally_backup_export_file (local, file, NULL, cancellable, error) &&
       rally_backup_restore_file (server, file, job->replace ? RALLY_BACKUP_RESTORE_REPLACE
                                                             : RALLY_BACKUP_RESTORE_DEFAULT,
                                  NULL, cancellable, error);
  g_file_delete (file, NULL, NULL);
  return ok;
}

static void
move_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (move_workspace (data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
show_form (RallyMoveDialog *self,
           const char      *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_grab_focus (GTK_WIDGET (self->address));
}

static void run_move (RallyMoveDialog *self,
                      gboolean         replace);

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RallyMoveDialog  *self)
{
  if (g_strcmp0 (response, "replace") == 0)
    run_move (self, TRUE);
  else
    show_form (self, _("Nothing was moved: the team workspace already holds data."));
}

static void
ask_replace (RallyMoveDialog *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Replace the Team Workspace?"),
                                                       _("The team workspace on this server already holds "
                                                         "campaigns or other data. Replacing it deletes them "
                                                         "for everyone who uses it, and puts this computer’s "
                                                         "workspace in their place.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
move_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RallyMoveDialog *self = RALLY_MOVE_DIALOG (source);
  g_autoptr(GError) error = NULL;
  gboolean moved = g_task_propagate_boolean (G_TASK (result), &error);

  /* closed while it ran: the widgets are gone, and the server was left as it was */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->move_button), TRUE);
  if (moved)
    {
      gtk_stack_set_visible_child_name (self->stack, "done");
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      ask_replace (self);
      return;
    }
  show_form (self, error->message);
}

static void
run_move (RallyMoveDialog *self,
          gboolean         replace)
{
  g_autoptr(GTask) task = NULL;
  MoveJob *job = g_new0 (MoveJob, 1);

  job->local = g_strdup (self->local);
  job->uri = g_strdup (self->uri);
  job->replace = replace;
  gtk_label_set_text (self->progress_label, replace ? _("Replacing the team workspace with this computer’s…")
                                                    : _("Copying this computer’s workspace to the team server…"));
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (GTK_WIDGET (self->move_button), FALSE);

  task = g_task_new (self, self->cancellable, move_done_cb, NULL);
  g_task_set_source_tag (task, run_move);
  g_task_set_task_data (task, job, (GDestroyNotify) move_job_free);
  g_task_run_in_thread (task, move_thread);
}

/**
 * rally_move_dialog_start:
 *
 * Moves the workspace to the address in the entry, as the Move button does.
 */
void
rally_move_dialog_start (RallyMoveDialog *self)
{
  g_autofree char *uri = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address))));
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RALLY_IS_MOVE_DIALOG (self));

  if (!rally_workspace_location_is_server (uri))
    {
      show_form (self, _("Enter the team server’s address, such as postgresql://maria@db.example.org/rally."));
      return;
    }
  if (!rally_workspace_location_check (uri, &error))
    {
      show_form (self, error->message);
      return;
    }
  g_free (self->uri);
  self->uri = g_steal_pointer (&uri);
  run_move (self, FALSE);
}

static void
move_clicked_cb (RallyMoveDialog *self)
{
  rally_move_dialog_start (self);
}

void
rally_move_dialog_set_uri (RallyMoveDialog *self,
                           const char      *uri)
{
  g_return_if_fail (RALLY_IS_MOVE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->address), uri != NULL ? uri : "");
}

static void
open_clicked_cb (RallyMoveDialog *self)
{
  GApplication *app = g_application_get_default ();

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "open-workspace"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "open-workspace", g_variant_new_string (self->uri));
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
make_button (const char *mnemonic,
             const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  return button;
}

static GtkWidget *
make_form (RallyMoveDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *intro = gtk_label_new (_("Everything in this computer’s workspace — campaigns, challenges, videos "
                                      "and figures — is copied to a team workspace on a PostgreSQL server, "
                                      "where your team can open it. This computer’s workspace stays as it is."));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *hint = gtk_label_new (_("A password can be kept in ~/.pgpass instead of the address."));

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (box), intro);

  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  self->address = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->address), _("Server Address"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->address), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Team server address"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->address), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("A PostgreSQL address, such as postgresql://maria@db.example.org/rally"), -1);
  adw_entry_row_set_activates_default (self->address, TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->address));
  gtk_box_append (GTK_BOX (box), list);

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), hint);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_label_set_selectable (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What went wrong"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  self->move_button = GTK_BUTTON (make_button (_("_Move to Team Server"), "suggested-action"));
  g_signal_connect_swapped (self->move_button, "clicked", G_CALLBACK (move_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->move_button));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->move_button));

  return box;
}

static GtkWidget *
make_progress (RallyMoveDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  self->spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), TRUE);
  gtk_widget_set_size_request (self->spinner, 32, 32);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Moving the workspace"), -1);
  gtk_box_append (GTK_BOX (box), self->spinner);
  self->progress_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->progress_label, TRUE);
  gtk_label_set_justify (self->progress_label, GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_label));
  return box;
}

static GtkWidget *
make_done (RallyMoveDialog *self)
{
  GtkWidget *page = adw_status_page_new ();
  GtkWidget *open = make_button (_("_Open Team Workspace"), "suggested-action");

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), _("Moved to the Team Server"));
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("Your team can now open the workspace with the same address. "
                                     "This computer’s workspace was left as it is."));
  g_signal_connect_swapped (open, "clicked", G_CALLBACK (open_clicked_cb), self);
  adw_status_page_set_child (ADW_STATUS_PAGE (page), open);
  return page;
}

static void
rally_move_dialog_dispose (GObject *object)
{
  RallyMoveDialog *self = RALLY_MOVE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (rally_move_dialog_parent_class)->dispose (object);
}

static void
rally_move_dialog_finalize (GObject *object)
{
  RallyMoveDialog *self = RALLY_MOVE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->local);
  g_free (self->uri);
  G_OBJECT_CLASS (rally_move_dialog_parent_class)->finalize (object);
}

static void
rally_move_dialog_class_init (RallyMoveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rally_move_dialog_dispose;
  object_class->finalize = rally_move_dialog_finalize;
}

static void
rally_move_dialog_init (RallyMoveDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *clamp = adw_clamp_new ();

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Move to Team Server"));
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 460);
  gtk_box_append (GTK_BOX (content), adw_header_bar_new ());

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_named (self->stack, make_form (self), "form");
  gtk_stack_add_named (self->stack, make_progress (self), "progress");
  gtk_stack_add_named (self->stack, make_done (self), "done");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 480);
  gtk_widget_set_margin_top (clamp, 18);
  gtk_widget_set_margin_bottom (clamp, 18);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (content), clamp);
  adw_window_set_content (ADW_WINDOW (self), content);
}

/**
 * rally_move_dialog_new:
 * @parent: the window
 * @store: the open local workspace
 *
 * Returns: (transfer floating): the dialog, to present
 */
GtkWidget *
rally_move_dialog_new (GtkWindow  *parent,
                       RallyStore *store)
{
  RallyMoveDialog *self = g_object_new (RALLY_TYPE_MOVE_DIALOG, "modal", TRUE, "transient-for", parent, NULL);

  self->local = g_strdup (rally_store_get_data_dir (store));
  gtk_widget_grab_focus (GTK_WIDGET (self->address));
  return GTK_WIDGET (self);
}
