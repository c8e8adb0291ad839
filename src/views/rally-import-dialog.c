/* rally-import-dialog.c
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

/* Import and export from the window.
 *
 * A TikTok Studio CSV gets a preview first: what kind of export it is, how many
 * rows will be imported and where to, every row that cannot be read (with its
 * line and column) and the columns Rally ignores; "Import" stores the readable
 * rows in one transaction. A list of videos goes into a challenge, a new one (its
 * hashtag and dates taken from the file), or the account's own videos. When Import
 * cannot be pressed, a line says why. A JSON backup gets a confirmation, then is restored in
 * a worker thread on its own connection. Outcomes arrive as toasts.
 */

#define G_LOG_DOMAIN "RallyImportDialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-a11y.h"
#include "rally-backup.h"
#include "rally-format.h"
#include "rally-import-dialog.h"
#include "rally-import.h"
#include "rally-validation.h"

#define MAX_REJECTIONS_SHOWN 200

/* Targets of a content export besides the challenges (whose ids are positive). */
#define TARGET_NEW_CHALLENGE (-1)
#define TARGET_OWN_VIDEOS    (-2)

struct _RallyImportDialog
{
  AdwWindow             parent_instance;

  /* Template children */
  AdwEntryRow          *hashtag_row;
  GtkButton            *import_button;
  AdwActionRow         *kind_row;
  AdwPreferencesGroup  *rejected_group;
  GtkListBox           *rejected_list;
  GtkLabel             *reason_label;
  AdwActionRow         *rows_row;
  AdwComboRow          *target_row;
  AdwPreferencesGroup  *target_group;
  AdwPreferencesGroup  *unknown_group;
  GtkLabel             *unknown_label;

  /* Owned */
  RallyStore           *store;
  RallyContext         *context;   /* where the outcome's toast goes; NULL: the log */
  RallyStudioCsvResult *result;
  GArray               *target_ids;
  char                 *file_name;
  gint64                first_day;  /* when the file's videos were posted, or 0 */
  gint64                last_day;
};

G_DEFINE_FINAL_TYPE (RallyImportDialog, rally_import_dialog, ADW_TYPE_WINDOW)

/* Auxiliary methods */

/* A toast with a "Show" button that activates @action in the window, when given. */
static void
show_result_toast (RallyContext *context,
                   const char   *text,
                   const char   *action)
{
  AdwToast *toast;

  if (context == NULL)
    {
      g_message ("%s", text);
      return;
    }

  toast = adw_toast_new (text);
  if (action != NULL)
    {
      adw_toast_set_button_label (toast, _("_Show"));
      adw_toast_set_detailed_action_name (toast, action);
      adw_toast_set_timeout (toast, 10);
    }
  rally_context_add_toast (context, toast);
}

static void
show_toast (RallyContext *context,
            const char   *text)
{
  show_result_toast (context, text, NULL);
}

static void
add_target (RallyImportDialog *self,
            GtkStringList     *names,
            const char        *name,
            gint64             id)
{
  gtk_string_list_append (names, name);
  g_array_append_val (self->target_ids, id);
}

static gint64
selected_target (RallyImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->target_row);

  return selected < self->target_ids->len ? g_array_index (self->target_ids, gint64, selected) : 0;
}

/* What the chosen target means, under "Import into". */
static void
describe_target (RallyImportDialog *self,
                 gint64             target)
{
  g_autofree char *first = rally_format_date (self->first_day);
  g_autofree char *last = rally_format_date (self->last_day);
  g_autofree char *text = NULL;

  if (self->result->kind == RALLY_STUDIO_CSV_KIND_OVERVIEW)
    text = g_strdup (_("Each day becomes a snapshot of the account or of a campaign"));
  else if (target == TARGET_NEW_CHALLENGE && self->first_day != 0)
    /* Translators: a draft challenge running from the first to the last day the file's videos were posted */
    text = g_strdup_printf (_("A draft challenge from %s to %s, when the videos were posted"), first, last);
  else if (target == TARGET_NEW_CHALLENGE)
    text = g_strdup (_("A draft challenge; the file has no post times for its dates"));
  else if (target == TARGET_OWN_VIDEOS)
    text = g_strdup (_("Kept as your account’s videos, counted for no challenge"));
  else
    text = g_strdup (_("The challenge these videos belong to"));
  adw_preferences_group_set_description (self->target_group, text);
}

static void
add_content_targets (RallyImportDialog *self,
                     GtkStringList     *names,
                     guint              n_challenges)
{
  g_autofree char *hashtag = rally_studio_csv_guess_hashtag (self->result);
  g_autoptr(RallyChallenge) existing = NULL;

  if (!rally_studio_csv_posting_span (self->result, &self->first_day, &self->last_day))
    self->first_day = self->last_day = 0;
  add_target (self, names, _("New challenge"), TARGET_NEW_CHALLENGE);
  add_target (self, names, _("Your account"), TARGET_OWN_VIDEOS);
  gtk_editable_set_text (GTK_EDITABLE (self->hashtag_row), hashtag != NULL ? hashtag : "");

  /* the challenge of the file's hashtag when there is one; with no challenge yet, a
   * new one named after that hashtag, else the account */
  existing = hashtag != NULL ? rally_store_find_challenge (self->store, hashtag) : NULL;
  for (guint i = 0; existing != NULL && i < n_challenges; i++)
    {
      if (g_array_index (self->target_ids, gint64, i) == rally_challenge_get_id (existing))
        adw_combo_row_set_selected (self->target_row, i);
    }
  if (n_challenges == 0)
    adw_combo_row_set_selected (self->target_row, hashtag != NULL ? 0 : 1);
}

static void
fill_targets (RallyImportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gboolean content = self->result->kind == RALLY_STUDIO_CSV_KIND_CONTENT;
  g_autoptr(GListModel) records = content ? rally_store_list_challenges (self->store, 0)
                                          : rally_store_list_campaigns (self->store);
  guint n = g_list_model_get_n_items (records);

  if (!content)
    add_target (self, names, _("The account"), 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (records, i);
      g_autofree char *label = NULL;

      if (content)
        label = g_strdup_printf ("#%s", rally_challenge_get_hashtag (RALLY_CHALLENGE (record)));
      add_target (self, names, content ? label : rally_campaign_get_name (RALLY_CAMPAIGN (record)),
                  content ? rally_challenge_get_id (RALLY_CHALLENGE (record))
                          : rally_campaign_get_id (RALLY_CAMPAIGN (record)));
    }

  adw_combo_row_set_model (self->target_row, G_LIST_MODEL (names));
  if (content)
    add_content_targets (self, names, n);
}

static void
fill_rejections (RallyImportDialog *self)
{
  GPtrArray *rejections = self->result->rejections;
  guint n_rejected = self->result->n_rejected;

  gtk_widget_set_visible (GTK_WIDGET (self->rejected_group), n_rejected > 0);

  for (guint i = 0; i < MIN (rejections->len, MAX_REJECTIONS_SHOWN); i++)
    {
      const RallyStudioCsvRejection *rejection = g_ptr_array_index (rejections, i);
      GtkWidget *row = adw_action_row_new ();

      /* Messages quote the file's text: never read them as markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rejection->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->rejected_list, row);
    }

  if (n_rejected > MAX_REJECTIONS_SHOWN)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (ngettext ("And %u more row", "And %u more rows",
                                                         n_rejected - MAX_REJECTIONS_SHOWN),
                                               n_rejected - MAX_REJECTIONS_SHOWN);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->rejected_list, row);
    }
}

/* Import is pressable, or a line says why not. */
static void
update_confirm (RallyImportDialog *self)
{
  gboolean new_challenge = selected_target (self) == TARGET_NEW_CHALLENGE;
  const char *hashtag = gtk_editable_get_text (GTK_EDITABLE (self->hashtag_row));
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->hashtag_row), new_challenge);
  describe_target (self, selected_target (self));
  if (rally_studio_csv_n_rows (self->result) == 0)
    reason = _("No row of this file can be imported: correct the rows listed below, then open it again.");
  else if (self->target_ids->len == 0)
    reason = _("There is no campaign or challenge to import into.");
  else if (new_challenge && hashtag[0] == '\0')
    reason = _("Type the new challenge’s hashtag: none of the videos’ titles has one.");
  else if (new_challenge && !rally_hashtag_validate (hashtag, NULL, &error))
    reason = error->message;

  gtk_label_set_text (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_button), reason);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.confirm", reason == NULL);
}

static void
fill_summary (RallyImportDialog *self)
{
  guint n = rally_studio_csv_n_rows (self->result);
  g_autofree char *rows = g_strdup_printf (ngettext ("%u row", "%u rows", n), n);
  g_autoptr(GString) unknown = g_string_new (NULL);

  gtk_window_set_title (GTK_WINDOW (self), self->file_name);
  adw_action_row_set_subtitle (self->kind_row,
                               self->result->kind == RALLY_STUDIO_CSV_KIND_CONTENT
                                 ? _("TikTok Studio content export: one row per video")
                                 : _("TikTok Studio overview: one row per day"));
  adw_action_row_set_subtitle (self->rows_row, rows);

  for (guint i = 0; i < self->result->unknown_columns->len; i++)
    g_string_append_printf (unknown, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (self->result->unknown_columns, i));
  gtk_label_set_text (self->unknown_label, unknown->str);
  gtk_widget_set_visible (GTK_WIDGET (self->unknown_group), unknown->len > 0);

  update_confirm (self);
}

/* One count in a list, @format its ngettext() phrase for @n: "1 campaign". */
static void
append_count (GString    *list,
              const char *format,
              guint64     n)
{
  g_autofree char *count = NULL;

  if (n == 0)
    return;
  count = rally_format_integer ((gint64) MIN (n, G_MAXINT64));
  if (list->len > 0)
    /* Translators: between two counts of a list, "2 campaigns, 5 challenges" */
    g_string_append (list, C_("list separator", ", "));
  /* @format is ngettext() of a literal with one %s, which msgfmt -c checks in
   * every translation */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_string_append_printf (list, format, count);
#pragma GCC diagnostic pop
}

/* ngettext() takes an unsigned long, which a count past 2^32 may not fit. */
#define PLURAL_N(n) ((gulong) MIN ((n), G_MAXULONG))

static char *
describe_counts (const RallyImportCounts *counts)
{
  g_autoptr(GString) list = g_string_new (NULL);

  /* Translators: one item of the list in "Imported: %s" */
  append_count (list, ngettext ("%s new row", "%s new rows", counts->inserted), counts->inserted);
  /* Translators: one item of the list in "Imported: %s" */
  append_count (list, ngettext ("%s row updated", "%s rows updated", counts->updated), counts->updated);
  /* Translators: one item of the list in "Imported: %s" */
  append_count (list, ngettext ("%s row already up to date", "%s rows already up to date", counts->unchanged),
                counts->unchanged);

  if (list->len == 0)
    return g_strdup (_("Nothing was imported: the file has no rows Rally can read"));
  /* Translators: %s is a list of counts, "12 new rows, 3 rows updated" */
  return g_strdup_printf (_("Imported: %s"), list->str);
}

/* Actions */

/* Saves the new challenge as a draft: its hashtag as typed, its dates the file's. */
static gint64
create_challenge (RallyImportDialog  *self,
                  GError            **error)
{
  g_autoptr(RallyChallenge) challenge = rally_challenge_new ();

  rally_challenge_set_hashtag (challenge, gtk_editable_get_text (GTK_EDITABLE (self->hashtag_row)));
  rally_challenge_set_start_date (challenge, self->first_day);
  rally_challenge_set_end_date (challenge, self->last_day);
  rally_challenge_set_status (challenge, RALLY_CHALLENGE_STATUS_DRAFT);
  if (!rally_store_save_challenge (self->store, challenge, error))
    return 0;

  return rally_challenge_get_id (challenge);
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RallyImportDialog *self = RALLY_IMPORT_DIALOG (widget);
  gboolean content = self->result->kind == RALLY_STUDIO_CSV_KIND_CONTENT;
  RallyImportFlags flags = RALLY_IMPORT_SKIP_REJECTED;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RallyImportCounts counts = { 0 };
  gint64 target = selected_target (self);
  const char *show = NULL;

  if (target == TARGET_NEW_CHALLENGE && (target = create_challenge (self, &error)) == 0)
    {
      /* the hashtag is taken, say: the dialog stays open to change it */
      gtk_label_set_text (self->reason_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->reason_label), TRUE);
      return;
    }
  if (target == TARGET_OWN_VIDEOS)
    flags |= RALLY_IMPORT_OWN_VIDEOS;

  if (!rally_import_studio_csv (self->store, self->result, content ? 0 : target, content ? target : 0,
                                flags, &counts, &error))
    {
      message = g_strdup_printf (_("Nothing was imported: %s"), error->message);
      show_toast (self->context, message);
    }
  else
    {
      message = describe_counts (&counts);
      /* "Show" opens what was imported: the account on Analytics, or the challenges */
      if (!content ? target == 0 : target == TARGET_OWN_VIDEOS)
        show = "win.show-account";
      else if (content)
        show = "win.show-page::challenges";
      show_result_toast (self->context, message, show);
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* Overrides */

static void
rally_import_dialog_dispose (GObject *object)
{
  RallyImportDialog *self = RALLY_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RALLY_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (rally_import_dialog_parent_class)->dispose (object);
}

static void
rally_import_dialog_finalize (GObject *object)
{
  RallyImportDialog *self = RALLY_IMPORT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->result, rally_studio_csv_result_free);
  g_clear_pointer (&self->target_ids, g_array_unref);
  g_clear_pointer (&self->file_name, g_free);

  G_OBJECT_CLASS (rally_import_dialog_parent_class)->finalize (object);
}

static void
rally_import_dialog_class_init (RallyImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_import_dialog_dispose;
  object_class->finalize = rally_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyImportDialog, hashtag_row);
  gtk_widget_class_bind_template_child (widget_class, RallyImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, RallyImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RallyImportDialog, rejected_group);
  gtk_widget_class_bind_template_child (widget_class, RallyImportDialog, rejected_list);
  gtk_widget_class_bind_template_child (widget_class, RallyImportDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, RallyImportDialog, rows_row);
  gtk_widget_class_bind_template_child (widget_class, RallyImportDialog, target_group);
  gtk_widget_class_bind_template_child (widget_class, RallyImportDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, RallyImportDialog, unknown_group);
  gtk_widget_class_bind_template_child (widget_class, RallyImportDialog, unknown_label);

  gtk_widget_class_install_action (widget_class, "import.confirm", NULL, confirm_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rally_import_dialog_init (RallyImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rally_a11y_tidy_names (GTK_WIDGET (self));

  self->target_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Public API: the preview dialog */

/**
 * rally_import_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the workspace
 * @file_name: the name shown as the title
 * @result: (transfer full): what rally_studio_csv_parse() read
 *
 * Returns: (transfer floating): a new preview dialog
 */
RallyImportDialog *
rally_import_dialog_new (GtkWindow            *parent,
                         RallyStore           *store,
                         const char           *file_name,
                         RallyStudioCsvResult *result)
{
  RallyImportDialog *self;

  g_return_val_if_fail (RALLY_IS_STORE (store), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  self = g_object_new (RALLY_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->result = result;
  self->file_name = g_strdup (file_name);

  fill_targets (self);
  fill_rejections (self);
  fill_summary (self);
  g_signal_connect_swapped (self->target_row, "notify::selected", G_CALLBACK (update_confirm), self);
  g_signal_connect_swapped (self->hashtag_row, "changed", G_CALLBACK (update_confirm), self);

  return self;
}

/* The flow: choosing, loading, restoring, exporting */

typedef struct
{
  GtkWindow  *window;
  RallyContext *context;
  RallyStore *store;
  GFile      *file;
  gboolean    backup;  /* a JSON backup, read a chunk at a time when restored */
  RallyStudioCsvResult *csv;
  gboolean    replace;
  char       *data_dir;
  RallyBackupCounts counts;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->window);
  g_clear_object (&job->context);
  g_clear_object (&job->store);
  g_clear_object (&job->file);
  g_clear_pointer (&job->csv, rally_studio_csv_result_free);
  g_free (job->data_dir);
  g_free (job);
}

static Job *
job_new (GtkWindow    *window,
         RallyContext *context,
         GFile        *file)
{
  Job *job = g_new0 (Job, 1);
  RallyStore *store = rally_context_get_store (context);

  job->window = g_object_ref (window);
  job->context = g_object_ref (context);
  job->store = g_object_ref (store);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->data_dir = g_strdup (rally_store_get_data_dir (store));

  return job;
}

static char *
display_name (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base);
}

static void
show_failure (GtkWindow  *window,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (window, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Restoring a backup, in a worker thread on its own connection */

/**
 * rally_import_describe_restore:
 * @counts: what a restored backup held
 *
 * Returns: (transfer full): the sentence a toast says after a restore, each kind
 *   of record that was restored counted with its own plural
 */
char *
rally_import_describe_restore (const RallyBackupCounts *counts)
{
  g_autoptr(GString) list = g_string_new (NULL);

  g_return_val_if_fail (counts != NULL, NULL);

  /* Translators: one item of the list in "Backup restored: %s" */
  append_count (list, ngettext ("%s campaign", "%s campaigns", PLURAL_N (counts->campaigns)), counts->campaigns);
  /* Translators: one item of the list in "Backup restored: %s" */
  append_count (list, ngettext ("%s challenge", "%s challenges", PLURAL_N (counts->challenges)), counts->challenges);
  /* Translators: one item of the list in "Backup restored: %s" */
  append_count (list, ngettext ("%s planned post", "%s planned posts", PLURAL_N (counts->posts)), counts->posts);
  /* Translators: one item of the list in "Backup restored: %s"; an event on a timeline */
  append_count (list, ngettext ("%s event", "%s events", PLURAL_N (counts->events)), counts->events);
  /* Translators: one item of the list in "Backup restored: %s" */
  append_count (list, ngettext ("%s video", "%s videos", PLURAL_N (counts->videos)), counts->videos);
  /* Translators: one item of the list in "Backup restored: %s"; the totals of a sync */
  append_count (list, ngettext ("%s snapshot", "%s snapshots", PLURAL_N (counts->snapshots)), counts->snapshots);
  /* Translators: one item of the list in "Backup restored: %s" */
  append_count (list, ngettext ("%s own TikTok account", "%s own TikTok accounts", PLURAL_N (counts->accounts)),
                counts->accounts);
  /* Translators: one item of the list in "Backup restored: %s"; videos of the organisation's own account */
  append_count (list, ngettext ("%s own video", "%s own videos", PLURAL_N (counts->account_videos)),
                counts->account_videos);

  if (list->len == 0)
    return g_strdup (_("Backup restored; it held nothing to restore"));
  /* Translators: %s is a list of counts, "2 campaigns, 5 challenges, 1,200 videos" */
  return g_strdup_printf (_("Backup restored: %s"), list->str);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = rally_store_open (job->data_dir, &error);
  if (store == NULL ||
      !rally_backup_restore_file (store, job->file,
                                  job->replace ? RALLY_BACKUP_RESTORE_REPLACE : RALLY_BACKUP_RESTORE_DEFAULT,
                                  &job->counts, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = display_name (job->file);
      g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Restored"), name);

      show_failure (job->window, heading, error->message);
      return;
    }

  /* Another connection wrote the rows: every live list reloads. */
  rally_store_emit_changed (job->store, NULL, 0);
  message = rally_import_describe_restore (&job->counts);
  show_toast (job->context, message);
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job = user_data;

  if (g_strcmp0 (response, "restore") != 0)
    {
      job_free (job);
      return;
    }

  task = g_task_new (NULL, NULL, restore_done_cb, NULL);
  g_task_set_source_tag (task, restore_response_cb);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, restore_thread);
}

static void
confirm_restore (Job *job)
{
  g_autofree char *name = display_name (job->file);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  job->replace = !rally_backup_store_is_blank (job->store);
  body = job->replace
    ? g_strdup_printf (_("Everything in the current workspace will be replaced by the backup “%s”. This cannot be undone."), name)
    : g_strdup_printf (_("The workspace will be filled from the backup “%s”."), name);

  dialog = adw_message_dialog_new (job->window, _("Restore Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", job->replace ? _("_Replace Workspace") : _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              job->replace ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (restore_response_cb), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opening a file, in a worker thread: a CSV export is read in chunks so that a
 * large one is never in memory whole and the window does not freeze; a backup
 * is read whole, as its restore needs. */

#define PREFIX_SIZE 4096

static gboolean
looks_like_json (const char *data,
                 gsize       length)
{
  gsize i = length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;

  return i < length && data[i] == '{';
}

static gboolean
read_prefix (GFile         *file,
             char          *buffer,
             gsize         *length,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, error);

  return in != NULL &&
         g_input_stream_read_all (G_INPUT_STREAM (in), buffer, PREFIX_SIZE, length, cancellable, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  char prefix[PREFIX_SIZE];
  gsize length = 0;

  if (!read_prefix (job->file, prefix, &length, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* a backup is read when it is restored, a chunk at a time: it may be hundreds of MB */
  job->backup = looks_like_json (prefix, length);
  if (!job->backup)
    job->csv = rally_studio_csv_parse_file (job->file, g_date_time_get_year (now), cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
file_opened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Job *job = user_data;
  g_autofree char *name = display_name (job->file);
  g_autoptr(GError) error = NULL;
  RallyImportDialog *dialog;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *heading = NULL;

      if (error->domain == RALLY_STUDIO_CSV_ERROR)
        heading = g_strdup_printf (_("“%s” Cannot Be Imported"), name);
      else
        heading = g_strdup_printf (_("“%s” Cannot Be Read"), name);
      show_failure (job->window, heading, error->message);
      job_free (job);
      return;
    }

  if (job->backup)
    {
      confirm_restore (job);
      return;
    }

  dialog = rally_import_dialog_new (job->window, job->store, name, g_steal_pointer (&job->csv));
  dialog->context = g_object_ref (job->context);
  gtk_window_present (GTK_WINDOW (dialog));
  job_free (job);
}

/**
 * rally_import_open_file_in_context:
 * @window: the window that shows the outcome
 * @context: the workspace, and where the outcome's toast goes
 * @file: a TikTok Studio CSV export or a Rally JSON backup
 *
 * Reads @file, then previews it (CSV) or asks to restore it (JSON).
 */
void
rally_import_open_file_in_context (GtkWindow    *window,
                                   RallyContext *context,
                                   GFile        *file)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (RALLY_IS_CONTEXT (context));
  g_return_if_fail (G_IS_FILE (file));

  job = job_new (window, context, file);
  task = g_task_new (NULL, NULL, file_opened_cb, job);
  g_task_set_source_tag (task, rally_import_open_file_in_context);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, open_thread);
}

/**
 * rally_import_open_file:
 * @window: the window that shows the outcome's dialogs
 * @store: the workspace
 * @file: a TikTok Studio CSV export or a Rally JSON backup
 *
 * Like rally_import_open_file_in_context(), with no window for the outcome's toast.
 */
void
rally_import_open_file (GtkWindow  *window,
                        RallyStore *store,
                        GFile      *file)
{
  g_autoptr(RallyContext) context = NULL;

  g_return_if_fail (RALLY_IS_STORE (store));

  context = rally_context_new (store, NULL, NULL, NULL);
  rally_import_open_file_in_context (window, context, file);
}

static void
import_chosen_cb (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  Job *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        rally_import_open_file_in_context (job->window, job->context, file);
    }

  job_free (job);
  g_object_unref (native);
}

static GtkFileFilter *
new_filter (const char         *name,
            const char * const *patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);

  return filter;
}

/**
 * rally_import_choose_file:
 * @window: the parent window
 * @context: the workspace, and where the outcome's toast goes
 *
 * Asks for a TikTok Studio CSV export or a Rally backup, then opens it.
 */
void
rally_import_choose_file (GtkWindow    *window,
                          RallyContext *context)
{
  static const char * const both[] = { "*.csv", "*.CSV", "*.json", "*.JSON", NULL };
  static const char * const csv[] = { "*.csv", "*.CSV", NULL };
  static const char * const json[] = { "*.json", "*.JSON", NULL };
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) all = NULL;
  g_autoptr(GtkFileFilter) studio = NULL;
  g_autoptr(GtkFileFilter) backups = NULL;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (RALLY_IS_CONTEXT (context));

  native = gtk_file_chooser_native_new (_("Import"), window, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  all = new_filter (_("TikTok Studio exports and Rally backups"), both);
  studio = new_filter (_("TikTok Studio exports (CSV)"), csv);
  backups = new_filter (_("Rally backups (JSON)"), json);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), studio);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), backups);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  g_signal_connect (native, "response", G_CALLBACK (import_chosen_cb), job_new (window, context, NULL));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Exporting a backup, in a worker thread on its own connection */

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(RallyStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = rally_store_open (job->data_dir, &error);
  if (store == NULL || !rally_backup_export_file (store, job->file, &job->counts, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = display_name (job->file);
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    message = g_strdup_printf (_("The backup was not saved: %s"), error->message);
  else
    message = g_strdup_printf (_("Backup saved as “%s”"), name);

  show_toast (job->context, message);
}

static void
export_chosen_cb (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  Job *job = user_data;
  g_autoptr(GTask) task = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);

  if (job->file == NULL)
    {
      job_free (job);
      return;
    }

  task = g_task_new (NULL, NULL, export_done_cb, NULL);
  g_task_set_source_tag (task, export_chosen_cb);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * rally_export_choose_file:
 * @window: the parent window
 * @context: the workspace, and where the outcome's toast goes
 *
 * Asks where to save a backup of the whole workspace, then writes it.
 */
void
rally_export_choose_file (GtkWindow    *window,
                          RallyContext *context)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the file name of a backup; %s is today's date, 2026-11-25 */
  g_autofree char *name = g_strdup_printf (_("rally-backup-%s.json"), date);
  GtkFileChooserNative *native;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (RALLY_IS_CONTEXT (context));

  native = gtk_file_chooser_native_new (_("Export Backup"), window, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  g_signal_connect (native, "response", G_CALLBACK (export_chosen_cb), job_new (window, context, NULL));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
