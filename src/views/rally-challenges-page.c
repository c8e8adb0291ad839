/* rally-challenges-page.c
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

/* The Challenges page: the live list of challenges beside the selected one's detail
 * (an AdwLeaflet that folds to one pane on a phone), or an empty state.
 *
 * The detail shows the challenge's header (hashtag, title, status from its dates,
 * dates, pledge sentence), Edit, Export Brief and Delete, then `tracking_box`, where
 * the tracking view (totals, forecast, top videos) is inserted by its own code,
 * following the page's `selected-challenge`. Deleting is a soft delete undone from
 * the toast. New and edited challenges go through RallyChallengeEditor. */

#define G_LOG_DOMAIN "RallyChallengesPage"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-brief.h"
#include "rally-brief-pdf.h"
#include "rally-challenge-editor.h"
#include "rally-challenge-text.h"
#include "rally-challenge-tracking.h"
#include "rally-challenges-page.h"
#include "rally-context.h"
#include "rally-report-dialog.h"
#include "rally-role.h"
#include "rally-model.h"

struct _RallyChallengesPage
{
  AdwBin              parent_instance;

  /* Template children */
  GtkButton          *back_button;
  GtkLabel           *brief_label;
  GtkLabel           *count_label;
  GtkLabel           *dates_label;
  AdwStatusPage      *empty_page;
  GtkLabel           *hashtag_label;
  AdwLeaflet         *leaflet;
  GtkListView        *list_view;
  GtkLabel           *pledge_label;
  GtkStack           *stack;
  GtkLabel           *status_label;
  GtkLabel           *title_label;
  GtkBox             *tracking_box;

  /* Totals, forecast and top videos of the selected challenge, under its header */
  RallyChallengeTracking *tracking;

  /* Owned */
  RallyContext       *context;   /* where toasts go */
  RallyStore         *store;
  GListModel         *challenges;
  GtkSingleSelection *selection;
  RallyChallenge     *selected;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RallyChallengesPage, rally_challenges_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CONTEXT,
  PROP_SELECTED_CHALLENGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *status_classes[] = { "status-draft", "status-scheduled", "status-live", "status-ended" };

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
set_status_badge (GtkLabel       *label,
                  RallyChallenge *challenge)
{
  RallyChallengeStatus status = rally_challenge_get_status_at (challenge, now_seconds ());

  gtk_label_set_text (label, rally_challenge_status_to_text (status));
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), status_classes[i]);
  if (status < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (GTK_WIDGET (label), status_classes[status]);
}

static void
show_toast (RallyChallengesPage *self,
            AdwToast            *toast)
{
  rally_context_add_toast (self->context, toast);
}

static void
show_message (RallyChallengesPage *self,
              const char          *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  show_toast (self, toast);
}

/* ---------------------------------------------------------------- list rows */

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *hashtag = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *dates = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (hashtag), 0);
  gtk_label_set_ellipsize (GTK_LABEL (hashtag), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (hashtag, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (dates), 0);
  gtk_label_set_ellipsize (GTK_LABEL (dates), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (dates, "dim-label");
  gtk_widget_add_css_class (dates, "caption");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "status-badge");

  gtk_box_append (GTK_BOX (text), hashtag);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), dates);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_item_set_child (item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  RallyChallenge *challenge = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkWidget *hashtag = gtk_widget_get_first_child (text);
  GtkWidget *title = gtk_widget_get_next_sibling (hashtag);
  GtkWidget *dates = gtk_widget_get_next_sibling (title);
  GtkWidget *badge = gtk_widget_get_next_sibling (text);
  g_autofree char *tag = g_strconcat ("#", rally_challenge_get_hashtag (challenge), NULL);
  g_autofree char *when = rally_challenge_dates_text (challenge);
  const char *title_text = rally_challenge_get_title (challenge);

  gtk_label_set_text (GTK_LABEL (hashtag), tag);
  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_widget_set_visible (title, title_text != NULL && *title_text != '\0');
  gtk_label_set_text (GTK_LABEL (dates), when != NULL ? when : _("No dates yet"));
  set_status_badge (GTK_LABEL (badge), challenge);
}

/* ---------------------------------------------------------------- detail */

static void
update_detail (RallyChallengesPage *self)
{
  RallyChallenge *c = self->selected;
  g_autofree char *tag = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *pledge = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "challenges.edit", c != NULL && rally_role_may_edit (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "challenges.delete", c != NULL && rally_role_may_edit (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "challenges.export-brief", c != NULL);
  if (c == NULL)
    return;

  tag = g_strconcat ("#", rally_challenge_get_hashtag (c), NULL);
  dates = rally_challenge_dates_text (c);
  pledge = rally_challenge_pledge_sentence (c);

  gtk_label_set_text (self->hashtag_label, tag);
  gtk_label_set_text (self->title_label, rally_challenge_get_title (c));
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), *rally_challenge_get_title (c) != '\0');
  set_status_badge (self->status_label, c);
  gtk_label_set_text (self->dates_label, dates != NULL ? dates : _("No dates yet"));
  gtk_label_set_text (self->pledge_label, pledge != NULL ? pledge : "");
  gtk_widget_set_visible (GTK_WIDGET (self->pledge_label), pledge != NULL);
  gtk_label_set_text (self->brief_label, rally_challenge_get_brief (c));
  gtk_widget_set_visible (GTK_WIDGET (self->brief_label), *rally_challenge_get_brief (c) != '\0');
}

static void
update_count (RallyChallengesPage *self)
{
  guint n = self->challenges != NULL ? g_list_model_get_n_items (self->challenges) : 0;
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Challenge", "%u Challenges", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
set_selected (RallyChallengesPage *self,
              RallyChallenge      *challenge)
{
  if (self->selected == challenge)
    return;

  g_set_object (&self->selected, challenge);
  update_detail (self);

  /* A fresh object for the same record (after an edit) notifies too, so views refresh. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_CHALLENGE]);
}

static void
selection_changed_cb (RallyChallengesPage *self)
{
  set_selected (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
items_changed_cb (RallyChallengesPage *self)
{
  update_count (self);
  /* The store replaces an updated row with a new object at the same position. */
  selection_changed_cb (self);
}

static void
list_activate_cb (RallyChallengesPage *self,
                  guint                position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (RallyChallengesPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---------------------------------------------------------------- editor */

static void
editor_saved_cb (RallyChallengesPage *self,
                 RallyChallenge      *challenge)
{
  g_autofree char *message = NULL;

  rally_challenges_page_select_challenge (self, rally_challenge_get_id (challenge));

  if (rally_challenge_get_status (challenge) == RALLY_CHALLENGE_STATUS_DRAFT)
    /* Translators: %s is a hashtag without '#' */
    message = g_strdup_printf (_("#%s saved as a draft"), rally_challenge_get_hashtag (challenge));
  else
    /* Translators: %s is a hashtag without '#' */
    message = g_strdup_printf (_("#%s saved"), rally_challenge_get_hashtag (challenge));
  show_message (self, message);
}

static GtkWindow *
open_editor (RallyChallengesPage *self,
             RallyChallenge      *challenge,
             gint64               campaign_id)
{
  RallyChallengeEditor *editor = rally_challenge_editor_new (self->store, challenge, campaign_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));

  return GTK_WINDOW (editor);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  RallyChallengesPage *self = RALLY_CHALLENGES_PAGE (widget);

  if (self->selected != NULL)
    rally_challenges_page_edit_challenge (self, self->selected);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  RallyChallengesPage *self = RALLY_CHALLENGES_PAGE (widget);

  if (self->selected != NULL && self->context != NULL)
    rally_report_dialog_present (widget, self->context, FALSE, rally_challenge_get_id (self->selected),
                                 g_variant_get_string (param, NULL));
}

/* ---------------------------------------------------------------- delete */

typedef struct
{
  RallyStore          *store;
  RallyChallengesPage *page;   /* weak */
  gint64               id;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  if (undo->page != NULL)
    g_object_remove_weak_pointer (G_OBJECT (undo->page), (gpointer *) &undo->page);
  g_clear_object (&undo->store);
  g_free (undo);
}

static void
undo_delete_cb (AdwToast *toast,
                gpointer  user_data)
{
  UndoData *undo = user_data;
  RallyChallengesPage *self = undo->page;
  g_autoptr(GError) error = NULL;

  if (!rally_store_undelete_challenge (undo->store, undo->id, &error))
    {
      if (self != NULL)
        show_message (self, error->message);
      return;
    }

  if (self != NULL)
    rally_challenges_page_select_challenge (self, undo->id);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RallyChallengesPage *self = RALLY_CHALLENGES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  UndoData *undo;
  AdwToast *toast;

  if (self->selected == NULL || self->store == NULL)
    return;

  undo = g_new0 (UndoData, 1);
  undo->store = g_object_ref (self->store);
  undo->id = rally_challenge_get_id (self->selected);
  undo->page = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &undo->page);
  /* Translators: %s is a hashtag without '#' */
  title = g_strdup_printf (_("#%s deleted"), rally_challenge_get_hashtag (self->selected));

  /* The store keeps deleted rows until purged: Undo brings this one back whole. */
  if (!rally_store_delete_challenge (self->store, undo->id, &error))
    {
      undo_data_free (undo);
      show_message (self, error->message);
      return;
    }

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "undo", undo, undo_data_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_delete_cb), undo);
  show_toast (self, toast);
}

/* ---------------------------------------------------------------- export */

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  RallyChallengesPage *self = user_data;
  const char *format = g_object_get_data (G_OBJECT (dialog), "format");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);

  if (path == NULL && file != NULL)
    message = g_strdup (_("The brief can only be saved to a local folder"));
  else if (path != NULL && rally_challenges_page_export_brief_to (self, format, path, &error))
    {
      g_autofree char *name = g_filename_display_name (path);

      /* Translators: %s is where the file went */
      message = g_strdup_printf (_("Brief saved to %s"), name);
    }
  else if (error != NULL)
    /* Translators: %s says why */
    message = g_strdup_printf (_("Could not save the brief: %s"), error->message);

  if (message != NULL)
    show_message (self, message);

  g_clear_object (&self->chooser);
}

static void
export_brief_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  RallyChallengesPage *self = RALLY_CHALLENGES_PAGE (widget);
  const char *format = g_variant_get_string (param, NULL);
  gboolean pdf = g_strcmp0 (format, "pdf") == 0;
  g_autoptr(RallyBrief) brief = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->selected == NULL)
    return;

  brief = rally_brief_new_for_challenge (self->selected);
  name = rally_brief_suggest_filename (brief, pdf ? "pdf" : "md");

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (pdf ? _("Export Brief as PDF") : _("Export Brief as Markdown"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, pdf ? _("PDF documents") : _("Markdown documents"));
  if (pdf)
    gtk_file_filter_add_mime_type (filter, "application/pdf");
  else
    {
      gtk_file_filter_add_suffix (filter, "md");
      gtk_file_filter_add_mime_type (filter, "text/markdown");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "format", (gpointer) (pdf ? "pdf" : "md"));
  g_signal_connect (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---------------------------------------------------------------- class */

static void
rally_challenges_page_dispose (GObject *object)
{
  RallyChallengesPage *self = RALLY_CHALLENGES_PAGE (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->challenges != NULL)
    g_signal_handlers_disconnect_by_data (self->challenges, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selected);
  g_clear_object (&self->selection);
  g_clear_object (&self->context);
  g_clear_object (&self->challenges);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rally_challenges_page_parent_class)->dispose (object);
}

static void
rally_challenges_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RallyChallengesPage *self = RALLY_CHALLENGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SELECTED_CHALLENGE:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_challenges_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RallyChallengesPage *self = RALLY_CHALLENGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      rally_challenges_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_CONTEXT:
      g_set_object (&self->context, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_challenges_page_class_init (RallyChallengesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_challenges_page_dispose;
  object_class->get_property = rally_challenges_page_get_property;
  object_class->set_property = rally_challenges_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RALLY_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Where the page's toasts go; the store still comes through RallyChallengesPage:store */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RALLY_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /**
   * RallyChallengesPage:selected-challenge:
   *
   * The challenge whose detail is shown, or %NULL. After an edit it becomes the
   * newly loaded object for the same record, and notifies.
   */
  properties[PROP_SELECTED_CHALLENGE] =
    g_param_spec_object ("selected-challenge", NULL, NULL, RALLY_TYPE_CHALLENGE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/rally-challenges-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, brief_label);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, dates_label);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, hashtag_label);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, pledge_label);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RallyChallengesPage, tracking_box);

  gtk_widget_class_install_action (widget_class, "challenges.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "challenges.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "challenges.export-brief", "s", export_brief_action);
  gtk_widget_class_install_action (widget_class, "challenges.export-report", "s", export_report_action);
}

static void
rally_challenges_page_init (RallyChallengesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  /* Connected here, not in the template, so gtk4-builder-tool can validate the .ui. */
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_clicked_cb), self);

  update_count (self);
  update_detail (self);
}

/* ---------------------------------------------------------------- public */

RallyStore *
rally_challenges_page_get_store (RallyChallengesPage *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGES_PAGE (self), NULL);

  return self->store;
}

/**
 * rally_challenges_page_set_store:
 * @store: (nullable): the workspace to show
 */
void
rally_challenges_page_set_store (RallyChallengesPage *self,
                                 RallyStore          *store)
{
  g_return_if_fail (RALLY_IS_CHALLENGES_PAGE (self));
  g_return_if_fail (store == NULL || RALLY_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->challenges != NULL)
    g_signal_handlers_disconnect_by_data (self->challenges, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->challenges);
  g_set_object (&self->store, store);

  if (self->tracking == NULL)
    {
      self->tracking = RALLY_CHALLENGE_TRACKING (rally_challenge_tracking_new ());
      gtk_box_append (self->tracking_box, GTK_WIDGET (self->tracking));
      g_object_bind_property (self, "selected-challenge", self->tracking, "challenge",
                              G_BINDING_SYNC_CREATE);
    }
  /* the figures from the context's reader when it reads this store */
  if (store != NULL && self->context != NULL && rally_context_get_store (self->context) == store)
    rally_challenge_tracking_set_reader (self->tracking, rally_context_get_reader (self->context));
  else
    rally_challenge_tracking_set_store (self->tracking, store);

  if (store != NULL)
    {
      self->challenges = rally_store_list_challenges (store, 0);
      self->selection = gtk_single_selection_new (g_object_ref (self->challenges));
      gtk_single_selection_set_autoselect (self->selection, TRUE);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
      g_signal_connect_swapped (self->challenges, "items-changed", G_CALLBACK (items_changed_cb), self);
      g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
    }

  update_count (self);
  selection_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * rally_challenges_page_get_selected_challenge:
 *
 * Returns: (transfer none) (nullable): the challenge shown in the detail
 */
RallyChallenge *
rally_challenges_page_get_selected_challenge (RallyChallengesPage *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGES_PAGE (self), NULL);

  return self->selected;
}

/**
 * rally_challenges_page_select_challenge:
 * @id: a challenge id
 *
 * Returns: %TRUE when the challenge is in the list and now selected
 */
gboolean
rally_challenges_page_select_challenge (RallyChallengesPage *self,
                                        gint64               id)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGES_PAGE (self), FALSE);

  for (guint i = 0; self->challenges != NULL && i < g_list_model_get_n_items (self->challenges); i++)
    {
      g_autoptr(RallyChallenge) challenge = g_list_model_get_item (self->challenges, i);

      if (rally_challenge_get_id (challenge) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          selection_changed_cb (self);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * rally_challenges_page_get_tracking_box:
 *
 * Returns: (transfer none): the empty box below the challenge's header, where the
 *   tracking view goes
 */
GtkBox *
rally_challenges_page_get_tracking_box (RallyChallengesPage *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGES_PAGE (self), NULL);

  return self->tracking_box;
}

/**
 * rally_challenges_page_new_challenge:
 * @campaign_id: the campaign the challenge belongs to, or 0
 *
 * Opens the editor on a new challenge.
 *
 * Returns: (transfer none): the editor window
 */
GtkWindow *
rally_challenges_page_new_challenge (RallyChallengesPage *self,
                                     gint64               campaign_id)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGES_PAGE (self), NULL);

  return open_editor (self, NULL, campaign_id);
}

/**
 * rally_challenges_page_edit_challenge:
 *
 * Opens the editor on a copy of @challenge.
 *
 * Returns: (transfer none): the editor window
 */
GtkWindow *
rally_challenges_page_edit_challenge (RallyChallengesPage *self,
                                      RallyChallenge      *challenge)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGES_PAGE (self), NULL);
  g_return_val_if_fail (RALLY_IS_CHALLENGE (challenge), NULL);

  return open_editor (self, challenge, 0);
}

/**
 * rally_challenges_page_export_brief_to:
 * @format: "pdf" or "md"
 * @path: the file to write
 *
 * Writes the selected challenge's creator brief, as the Export Brief menu does
 * after the file chooser. PDF paper follows the locale.
 *
 * Returns: %TRUE on success
 */
gboolean
rally_challenges_page_export_brief_to (RallyChallengesPage  *self,
                                       const char           *format,
                                       const char           *path,
                                       GError              **error)
{
  g_autoptr(RallyBrief) brief = NULL;

  g_return_val_if_fail (RALLY_IS_CHALLENGES_PAGE (self), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->selected == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No challenge is selected"));
      return FALSE;
    }

  brief = rally_brief_new_for_challenge (self->selected);
  if (g_strcmp0 (format, "pdf") == 0)
    return rally_brief_write_pdf (brief, path, rally_paper_for_locale (), error);

  return rally_brief_write_markdown (brief, path, error);
}
