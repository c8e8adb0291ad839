/* rally-report-dialog.c
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

/* "Export Report…" on a campaign or a challenge: a dialog asks for the range (the
 * owner's dates, up to today, filled in), a file chooser for the PDF, then the report
 * is drawn on the figures reader's thread while a toast says so; a toast with an
 * Open button says where it went, or a sentence why it could not be made. */

#define G_LOG_DOMAIN "RallyReportDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-date-utils.h"
#include "rally-report-dialog.h"
#include "rally-report.h"

typedef struct
{
  GtkWidget          *owner;
  RallyContext       *context;
  gboolean            is_campaign;
  gint64              id;
  char               *title;      /* the campaign's name or "#hashtag" */
  char               *path;       /* where to write, or NULL to ask */
  GtkWidget          *from_row;
  GtkWidget          *to_row;
  gint64              from;
  gint64              to;
  char               *organisation;
  char               *logo;
  AdwToast           *progress;   /* shown once the report takes a while */
  guint               progress_id;
  GtkFileChooserNative *chooser;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->owner);
  g_clear_object (&export->context);
  g_clear_object (&export->progress);
  g_clear_object (&export->chooser);
  g_clear_handle_id (&export->progress_id, g_source_remove);
  g_free (export->title);
  g_free (export->path);
  g_free (export->organisation);
  g_free (export->logo);
  g_free (export);
}

static void
toast (Export   *export,
       AdwToast *t)
{
  rally_context_add_toast (export->context, t);
}

/* Writing, on the reader's thread */

typedef struct
{
  RallyReportRequest request;
  char              *path;
} Job;

static gpointer
write_report (RallyStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Job *job = data;
  char *notice = NULL;

  if (!rally_report_write_pdf (store, &job->request, job->path, &notice, error))
    return NULL;
  /* "" for no notice: NULL means failure */
  return notice != NULL ? notice : g_strdup ("");
}

static void
open_cb (AdwToast   *t,
         const char *uri)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri (uri, NULL, &error))
    g_warning ("Could not open %s: %s", uri, error->message);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = rally_figures_reader_run_finish (RALLY_FIGURES_READER (source), result, &error);
  g_autoptr(GFile) file = g_file_new_for_path (export->path);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;
  AdwToast *done;

  g_clear_handle_id (&export->progress_id, g_source_remove);
  if (export->progress != NULL)
    adw_toast_dismiss (export->progress);
  if (notice == NULL)
    {
      /* Translators: %s says why, "Error opening file …: Permission denied" */
      text = g_strdup_printf (_("Could not export the report: %s"), error->message);
      toast (export, adw_toast_new (text));
      export_free (export);
      return;
    }
  /* Translators: %s is the PDF's file name */
  text = g_strdup_printf (_("Report saved as “%s”"), name);
  done = adw_toast_new (text);
  adw_toast_set_button_label (done, _("_Open"));
  g_signal_connect_data (done, "button-clicked", G_CALLBACK (open_cb), g_file_get_uri (file),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  toast (export, done);
  if (*notice != '\0')
    toast (export, adw_toast_new (notice));
  export_free (export);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free ((char *) job->request.organisation);
  g_free ((char *) job->request.logo_path);
  g_free (job->path);
  g_free (job);
}

/* A report made in a blink needs no progress: a toast shown and dismissed at once
 * only flickers. */
static gboolean
show_progress_cb (gpointer user_data)
{
  Export *export = user_data;
  /* Translators: %s is a campaign's name or a challenge's hashtag */
  g_autofree char *text = g_strdup_printf (_("Making the report on %s…"), export->title);

  export->progress_id = 0;
  export->progress = adw_toast_new (text);
  adw_toast_set_timeout (export->progress, 0);
  toast (export, g_object_ref (export->progress));
  return G_SOURCE_REMOVE;
}

static void
start_writing (Export *export)
{
  Job *job = g_new0 (Job, 1);

  job->request.campaign_id = export->is_campaign ? export->id : 0;
  job->request.challenge_id = export->is_campaign ? 0 : export->id;
  job->request.from = export->from;
  job->request.to = export->to;
  job->request.organisation = g_strdup (export->organisation);
  job->request.logo_path = g_strdup (export->logo);
  job->path = g_strdup (export->path);

  export->progress_id = g_timeout_add (700, show_progress_cb, export);
  rally_figures_reader_run_async (rally_context_get_reader (export->context), write_report, job, job_free, g_free,
                                  NULL, written_cb, export);
}

/* The file */

static void
chooser_response_cb (GtkFileChooserNative *chooser,
                     int                   response,
                     Export               *export)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))
                                                          : NULL;

  export->path = file != NULL ? g_file_get_path (file) : NULL;
  if (file != NULL && export->path == NULL)
    toast (export, adw_toast_new (_("Could not export the report: pick a folder on this computer")));
  if (export->path == NULL)
    {
      export_free (export);
      return;
    }
  start_writing (export);
}

static void
ask_for_file (Export *export)
{
  /* Translators: a file name, "Red Nose Day 2020 report.pdf" */
  g_autofree char *name = g_strdup_printf (_("%s report.pdf"), export->title);
  GtkRoot *root = gtk_widget_get_root (export->owner);

  /* "Spring/Summer" is a name, not a folder */
  g_strdelimit (name, "/", '-');
  export->chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (export->chooser), name);
  g_signal_connect (export->chooser, "response", G_CALLBACK (chooser_response_cb), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (export->chooser));
}

/* The range */

static gboolean
read_range (Export *export)
{
  const char *from = gtk_editable_get_text (GTK_EDITABLE (export->from_row));
  const char *to = gtk_editable_get_text (GTK_EDITABLE (export->to_row));

  return rally_day_parse_iso (from, &export->from) && rally_day_parse_iso (to, &export->to) &&
         (export->from == 0 || export->to == 0 || export->from <= export->to);
}

static void
range_changed_cb (AdwMessageDialog *dialog)
{
  Export *export = g_object_get_data (G_OBJECT (dialog), "export");
  gint64 day;
  gboolean from_ok = rally_day_parse_iso (gtk_editable_get_text (GTK_EDITABLE (export->from_row)), &day);
  gboolean to_ok = rally_day_parse_iso (gtk_editable_get_text (GTK_EDITABLE (export->to_row)), &day);
  gboolean ok = read_range (export);

  (from_ok ? gtk_widget_remove_css_class : gtk_widget_add_css_class) (export->from_row, "error");
  (to_ok ? gtk_widget_remove_css_class : gtk_widget_add_css_class) (export->to_row, "error");
  adw_message_dialog_set_body (dialog, ok ? _("The report covers these days, both included.")
                                       : !from_ok || !to_ok ? _("Write each day as YYYY-MM-DD, e.g. 2020-05-31.")
                                       : _("The first day must come on or before the last day."));
  adw_message_dialog_set_response_enabled (dialog, "export", ok);
}

static void
range_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Export           *export)
{
  /* one answer only: closing the dialog after a button must not free @export twice */
  g_signal_handlers_disconnect_by_func (dialog, range_response_cb, export);
  g_signal_handlers_disconnect_by_func (export->from_row, range_changed_cb, dialog);
  g_signal_handlers_disconnect_by_func (export->to_row, range_changed_cb, dialog);
  if (g_strcmp0 (response, "export") != 0 || !read_range (export))
    {
      export_free (export);
      return;
    }
  if (export->path != NULL)
    start_writing (export);
  else
    ask_for_file (export);
}

static GtkWidget *
new_day_row (const char *title,
             gint64      day,
             const char *name)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *text = rally_day_format_iso (day);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_widget_set_name (row, name);
  return row;
}

static void
ask_for_range (Export *export,
               gint64  start,
               gint64  end)
{
  GtkRoot *root = gtk_widget_get_root (export->owner);
  /* Translators: the heading of the report dialog; %s is a campaign's name or a hashtag */
  g_autofree char *heading = g_strdup_printf (_("Export Report on %s"), export->title);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                              _("The report covers these days, both included."));
  GtkWidget *list = gtk_list_box_new ();
  gint64 today = rally_day_today_local ();

  export->from_row = new_day_row (_("_First Day"), start, "report-from");
  export->to_row = new_day_row (_("_Last Day"), end > 0 && end < today ? end : today, "report-to");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), export->from_row);
  gtk_list_box_append (GTK_LIST_BOX (list), export->to_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "export", export);
  g_signal_connect_swapped (export->from_row, "changed", G_CALLBACK (range_changed_cb), dialog);
  g_signal_connect_swapped (export->to_row, "changed", G_CALLBACK (range_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (range_response_cb), export);
  /* a campaign starting after today has no range yet: say so before Export */
  range_changed_cb (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * rally_report_dialog_present:
 * @owner: the page asking
 * @context: the workspace and where toasts go
 * @is_campaign: whether @id is a campaign's, else a challenge's
 * @id: what to report on
 * @path: (nullable): the PDF to write, or %NULL or "" to ask with a file chooser
 *
 * Asks for the range, then writes the report with the organisation's name and logo
 * from the settings.
 */
void
rally_report_dialog_present (GtkWidget    *owner,
                             RallyContext *context,
                             gboolean      is_campaign,
                             gint64        id,
                             const char   *path)
{
  RallyStore *store = rally_context_get_store (context);
  GSettings *settings = rally_context_get_settings (context);
  g_autoptr(RallyCampaign) campaign = is_campaign ? rally_store_get_campaign (store, id) : NULL;
  g_autoptr(RallyChallenge) challenge = is_campaign ? NULL : rally_store_get_challenge (store, id);
  Export *export;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  if (campaign == NULL && challenge == NULL)
    {
      rally_context_add_toast (context, adw_toast_new (_("Could not export the report: it was deleted")));
      return;
    }

  export = g_new0 (Export, 1);
  export->owner = g_object_ref (owner);
  export->context = g_object_ref (context);
  export->is_campaign = is_campaign;
  export->id = id;
  export->path = path != NULL && *path != '\0' ? g_strdup (path) : NULL;
  export->title = campaign != NULL ? g_strdup (rally_campaign_get_name (campaign))
                                   : g_strconcat ("#", rally_challenge_get_hashtag (challenge), NULL);
  export->organisation = settings != NULL ? g_settings_get_string (settings, "organisation-name") : NULL;
  export->logo = settings != NULL ? g_settings_get_string (settings, "organisation-logo") : NULL;
  if (campaign != NULL)
    ask_for_range (export, rally_campaign_get_start_date (campaign), rally_campaign_get_end_date (campaign));
  else
    ask_for_range (export, rally_challenge_get_start_date (challenge), rally_challenge_get_end_date (challenge));
}
