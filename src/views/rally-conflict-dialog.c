/* rally-conflict-dialog.c
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

/* RallyConflictDialog: what an editor shows when its Save meets a newer version of
 * its record (RALLY_STORE_ERROR_CONFLICT: someone else saved it while it was open).
 * It says who changed it and when, and offers Keep Theirs (the editor closes without
 * saving), Keep Mine (the editor saves again over the stored version) and Compare
 * (the fields that differ, theirs beside mine, one above the other when narrow). */

#define G_LOG_DOMAIN "RallyConflictDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-conflict-dialog.h"
#include "rally-format.h"
#include "rally-store-events.h"

struct _RallyConflictDialog
{
  AdwWindow    parent_instance;

  GtkLabel    *heading;
  GtkWidget   *compare_button;
  GtkRevealer *compare_revealer;
  GtkBox      *fields_box;

  GtkWindow   *editor;        /* weak: the dialog is its transient child */
  RallyStore  *store;
  RallyRecord *stored;
  RallyRecord *mine;
  RallyRecord *editing;
  char        *save_action;
  guint        n_differing;
};

G_DEFINE_FINAL_TYPE (RallyConflictDialog, rally_conflict_dialog, ADW_TYPE_WINDOW)

/* The fields a person edits, as the editors name them; the others are bookkeeping. */
static const struct { const char *property; const char *label; } field_labels[] = {
  { "name", N_("Name") },
  { "cause", N_("Cause") },
  { "description", N_("Description") },
  { "status", N_("Status") },
  { "start-date", N_("Start") },
  { "end-date", N_("End") },
  { "goal-views", N_("Goal Views") },
  { "goal-videos", N_("Goal Videos") },
  { "goal-donations", N_("Goal Donations") },
  { "budget", N_("Budget") },
  { "currency", N_("Currency") },
  { "color", N_("Colour") },
  { "notes", N_("Notes") },
  { "campaign-id", N_("Campaign") },
  { "challenge-id", N_("Challenge") },
  { "hashtag", N_("Hashtag") },
  { "title", N_("Title") },
  { "brief", N_("Brief") },
  { "call-to-action", N_("Call to Action") },
  { "rules", N_("Rules") },
  { "sound-notes", N_("Sound Notes") },
  { "regions", N_("Regions") },
  { "pledge-per-video", N_("Pledge per Video") },
  { "pledge-cap", N_("Pledge Cap") },
  { "sponsor", N_("Sponsor") },
  { "audience", N_("Audience") },
  { "consent-wording", N_("Consent Wording") },
  { "no-personal-data", N_("No Personal Data") },
  { "moderation-plan", N_("Moderation Plan") },
  { "reporting-route", N_("Reporting Route") },
  { "partners", N_("Partners") },
  { "scheduled-at", N_("Scheduled") },
  { "channel", N_("Channel") },
  { "caption", N_("Caption") },
  { "kind", N_("Kind") },
  { "note", N_("Note") },
  { "first-day", N_("First Day") },
  { "last-day", N_("Last Day") },
};

static const char *
label_of (const char *property)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field_labels[i].property, property))
      return _(field_labels[i].label);

  return NULL;
}

static gboolean
is_money (const char *property)
{
  return g_str_equal (property, "goal-donations") || g_str_equal (property, "budget") ||
         g_str_equal (property, "pledge-per-video") || g_str_equal (property, "pledge-cap");
}

static char *
format_owner (RallyConflictDialog *self,
              const char          *property,
              gint64               id)
{
  g_autoptr(GObject) owner = NULL;

  if (id == 0)
    return g_strdup (_("None"));
  if (g_str_equal (property, "campaign-id"))
    {
      owner = G_OBJECT (rally_store_get_campaign (self->store, id));
      if (owner != NULL)
        return g_strdup (rally_campaign_get_name (RALLY_CAMPAIGN (owner)));
    }
  else
    {
      owner = G_OBJECT (rally_store_get_challenge (self->store, id));
      if (owner != NULL)
        return g_strdup_printf ("#%s", rally_challenge_get_hashtag (RALLY_CHALLENGE (owner)));
    }

  return g_strdup (_("Deleted"));
}

static char *
format_int64 (RallyConflictDialog *self,
              RallyRecord         *record,
              const char          *property,
              gint64               value)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *currency = NULL;

  if (g_str_has_suffix (property, "-id"))
    return format_owner (self, property, value);
  if (g_str_has_suffix (property, "-date") || g_str_has_suffix (property, "-day"))
    return value != 0 ? rally_format_date (value) : g_strdup (_("Not Set"));
  if (g_str_equal (property, "scheduled-at"))
    {
      dt = g_date_time_new_from_unix_local (value);
      /* Translators: a post's day and time, see the strftime manual */
      return dt != NULL ? g_date_time_format (dt, _("%a %-d %b %Y, %H:%M")) : g_strdup ("–");
    }
  if (is_money (property) && g_object_class_find_property (G_OBJECT_GET_CLASS (record), "currency") != NULL)
    {
      g_object_get (record, "currency", &currency, NULL);
      return rally_format_money (value, currency);
    }

  return rally_format_integer (value);
}

/* A field's value as a person reads it */
static char *
format_value (RallyConflictDialog *self,
              RallyRecord         *record,
              GParamSpec          *pspec,
              const GValue        *value)
{
  const char *text;

  if (G_VALUE_HOLDS_INT64 (value))
    return format_int64 (self, record, pspec->name, g_value_get_int64 (value));
  if (G_VALUE_HOLDS_BOOLEAN (value))
    return g_strdup (g_value_get_boolean (value) ? _("Yes") : _("No"));
  if (G_VALUE_HOLDS_ENUM (value))
    {
      GEnumValue *e = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class, g_value_get_enum (value));

      return e != NULL ? g_strdup (e->value_nick) : g_strdup ("–");
    }
  if (G_VALUE_HOLDS (value, G_TYPE_STRV))
    {
      const char * const *strv = g_value_get_boxed (value);

      text = NULL;
      if (strv != NULL && strv[0] != NULL)
        return g_strjoinv (", ", (char **) strv);
    }
  else
    text = g_value_get_string (value);

  return g_strdup (text != NULL && text[0] != '\0' ? text : _("Empty"));
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    return g_strv_equal (g_value_get_boxed (a) ? g_value_get_boxed (a) : (const char *[]) { NULL },
                         g_value_get_boxed (b) ? g_value_get_boxed (b) : (const char *[]) { NULL });

  return g_param_values_cmp (pspec, a, b) == 0;
}

/* One version of a field: "Theirs" or "Yours" above its value */
static GtkWidget *
side_new (const char *caption,
          const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (caption);
  GtkWidget *text = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 30);
  gtk_widget_set_size_request (box, 150, -1);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);

  return box;
}

/* A differing field: its name, then theirs and mine side by side, folding into one
 * column when two do not fit (a flow box of two) */
static void
add_field (RallyConflictDialog *self,
           const char          *label,
           const char          *theirs,
           const char          *mine)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (label);
  GtkWidget *flow = gtk_flow_box_new ();
  g_autofree char *theirs_name = g_strdup_printf (_("%s, theirs"), label);
  g_autofree char *mine_name = g_strdup_printf (_("%s, yours"), label);
  GtkWidget *sides[2];

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 18);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  sides[0] = side_new (_("Theirs"), theirs);
  sides[1] = side_new (_("Yours"), mine);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sides[0]), GTK_ACCESSIBLE_PROPERTY_LABEL, theirs_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sides[1]), GTK_ACCESSIBLE_PROPERTY_LABEL, mine_name, -1);
  for (guint i = 0; i < 2; i++)
    {
      gtk_flow_box_append (GTK_FLOW_BOX (flow), sides[i]);
      /* the values are read, not picked: Tab goes on to the buttons */
      gtk_widget_set_focusable (gtk_widget_get_parent (sides[i]), FALSE);
    }

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), flow);
  gtk_box_append (self->fields_box, box);
}

static void
fill_fields (RallyConflictDialog *self)
{
  guint n_pspecs;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self->stored), &n_pspecs);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) theirs = G_VALUE_INIT;
      g_auto(GValue) mine = G_VALUE_INIT;
      g_autofree char *theirs_text = NULL;
      g_autofree char *mine_text = NULL;
      const char *label = label_of (pspecs[i]->name);

      if (label == NULL || (pspecs[i]->flags & G_PARAM_READABLE) == 0)
        continue;
      g_value_init (&theirs, pspecs[i]->value_type);
      g_value_init (&mine, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (self->stored), pspecs[i]->name, &theirs);
      g_object_get_property (G_OBJECT (self->mine), pspecs[i]->name, &mine);
      if (values_equal (pspecs[i], &theirs, &mine))
        continue;

      theirs_text = format_value (self, self->stored, pspecs[i], &theirs);
      mine_text = format_value (self, self->mine, pspecs[i], &mine);
      add_field (self, label, theirs_text, mine_text);
      self->n_differing++;
    }

  if (self->n_differing == 0)
    {
      GtkWidget *same = gtk_label_new (_("Both versions hold the same values."));

      gtk_label_set_wrap (GTK_LABEL (same), TRUE);
      gtk_label_set_xalign (GTK_LABEL (same), 0);
      gtk_box_append (self->fields_box, same);
    }
}

/* Actions */

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RallyConflictDialog *self = RALLY_CONFLICT_DIALOG (widget);
  GtkWidget *child;

  gtk_revealer_set_reveal_child (self->compare_revealer, TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), gtk_widget_get_width (widget), 560);
  gtk_widget_action_set_enabled (widget, "conflict.compare", FALSE);
  /* its place in the row goes too, so the other two share the width */
  child = gtk_widget_get_parent (self->compare_button);
  gtk_widget_set_visible (child, FALSE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (gtk_widget_get_parent (child)), 2);
}

static void
keep_theirs_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RallyConflictDialog *self = RALLY_CONFLICT_DIALOG (widget);
  GtkWindow *editor = self->editor;

  /* Theirs is what is stored: the editor goes without saving. */
  gtk_window_destroy (GTK_WINDOW (self));
  if (editor != NULL)
    gtk_window_destroy (editor);
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  RallyConflictDialog *self = RALLY_CONFLICT_DIALOG (widget);
  g_autoptr(GtkWindow) editor = self->editor != NULL ? g_object_ref (self->editor) : NULL;
  g_autofree char *save_action = g_strdup (self->save_action);

  /* Saved over the version now stored (another conflict, if any, asks again) */
  rally_record_set_version (self->editing, rally_record_get_version (self->stored));
  gtk_window_destroy (GTK_WINDOW (self));
  if (editor != NULL)
    gtk_widget_activate_action (GTK_WIDGET (editor), save_action, NULL);
}

/* GObject overrides */

static void
rally_conflict_dialog_dispose (GObject *object)
{
  RallyConflictDialog *self = RALLY_CONFLICT_DIALOG (object);

  g_clear_weak_pointer (&self->editor);
  g_clear_object (&self->store);
  g_clear_object (&self->stored);
  g_clear_object (&self->mine);
  g_clear_object (&self->editing);

  G_OBJECT_CLASS (rally_conflict_dialog_parent_class)->dispose (object);
}

static void
rally_conflict_dialog_finalize (GObject *object)
{
  g_free (RALLY_CONFLICT_DIALOG (object)->save_action);

  G_OBJECT_CLASS (rally_conflict_dialog_parent_class)->finalize (object);
}

static void
rally_conflict_dialog_class_init (RallyConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_conflict_dialog_dispose;
  object_class->finalize = rally_conflict_dialog_finalize;

  gtk_widget_class_install_action (widget_class, "conflict.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "conflict.keep-theirs", NULL, keep_theirs_action);
  gtk_widget_class_install_action (widget_class, "conflict.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
button_new (const char *label,
            const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_hexpand (button, TRUE);

  return button;
}

static GtkWidget *
buttons_new (RallyConflictDialog *self)
{
  GtkWidget *flow = gtk_flow_box_new ();
  GtkWidget *buttons[3];

  self->compare_button = button_new (_("_Compare"), "conflict.compare");
  buttons[0] = self->compare_button;
  buttons[1] = button_new (_("Keep _Theirs"), "conflict.keep-theirs");
  buttons[2] = button_new (_("Keep _Mine"), "conflict.keep-mine");
  gtk_widget_add_css_class (buttons[2], "suggested-action");

  /* side by side, one above the other when narrow */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      gtk_widget_set_size_request (buttons[i], 120, -1);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), buttons[i]);
      gtk_widget_set_focusable (gtk_widget_get_parent (buttons[i]), FALSE);
    }

  return flow;
}

static void
rally_conflict_dialog_init (RallyConflictDialog *self)
{
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *explanation = gtk_label_new (_("Keep theirs to drop your changes, keep yours to save them over "
                                            "theirs, or compare the two first."));

  gtk_window_set_title (GTK_WINDOW (self), _("Changed While You Were Editing"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  /* as tall as its question at first; Compare makes room for the fields */
  gtk_window_set_default_size (GTK_WINDOW (self), 560, -1);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("Changed Meanwhile"), NULL));

  self->heading = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->heading, TRUE);
  gtk_label_set_xalign (self->heading, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->heading), "title-4");
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);

  self->fields_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  self->compare_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->compare_revealer, GTK_WIDGET (self->fields_box));

  gtk_widget_set_margin_top (body, 18);
  gtk_widget_set_margin_bottom (body, 18);
  gtk_widget_set_margin_start (body, 12);
  gtk_widget_set_margin_end (body, 12);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->heading));
  gtk_box_append (GTK_BOX (body), explanation);
  gtk_box_append (GTK_BOX (body), buttons_new (self));
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->compare_revealer));
  adw_clamp_set_child (ADW_CLAMP (clamp), body);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), scrolled);
  adw_window_set_content (ADW_WINDOW (self), content);
}

static RallyRecord *
load_stored (RallyStore  *store,
             RallyRecord *mine)
{
  gint64 id = rally_record_get_id (mine);

  if (RALLY_IS_CAMPAIGN (mine))
    return RALLY_RECORD (rally_store_get_campaign (store, id));
  if (RALLY_IS_CHALLENGE (mine))
    return RALLY_RECORD (rally_store_get_challenge (store, id));
  if (RALLY_IS_PLANNED_POST (mine))
    return RALLY_RECORD (rally_store_get_planned_post (store, id));
  if (RALLY_IS_EVENT (mine))
    return RALLY_RECORD (rally_store_get_event (store, id));

  return NULL;
}

/* Public API */

/**
 * rally_conflict_dialog_offer:
 * @editor: the editor whose Save failed
 * @store: where it saves
 * @mine: the record as the editor tried to save it
 * @editing: the record the editor saves from (often @mine), which Keep Mine gives the
 *   stored version before it activates @save_action again
 * @save_action: the editor's action that saved, e.g. "editor.save"
 * @error: why the save failed
 *
 * When @error is %RALLY_STORE_ERROR_CONFLICT, presents the dialog over @editor.
 *
 * Returns: %TRUE when it did; %FALSE for any other error (the caller shows it)
 */
gboolean
rally_conflict_dialog_offer (GtkWindow    *editor,
                             RallyStore   *store,
                             RallyRecord  *mine,
                             RallyRecord  *editing,
                             const char   *save_action,
                             const GError *error)
{
  g_autoptr(RallyRecord) stored = NULL;
  g_autofree char *change = NULL;
  g_autofree char *heading = NULL;
  RallyConflictDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (editor), FALSE);
  g_return_val_if_fail (RALLY_IS_STORE (store), FALSE);
  g_return_val_if_fail (RALLY_IS_RECORD (mine) && RALLY_IS_RECORD (editing), FALSE);
  g_return_val_if_fail (save_action != NULL, FALSE);

  if (!g_error_matches (error, RALLY_STORE_ERROR, RALLY_STORE_ERROR_CONFLICT) ||
      (stored = load_stored (store, mine)) == NULL)
    return FALSE;

  self = g_object_new (RALLY_TYPE_CONFLICT_DIALOG, "transient-for", editor, NULL);
  g_set_weak_pointer (&self->editor, editor);
  self->store = g_object_ref (store);
  self->stored = g_steal_pointer (&stored);
  self->mine = rally_record_copy (mine);
  self->editing = g_object_ref (editing);
  self->save_action = g_strdup (save_action);

  change = rally_store_describe_change (self->stored);
  /* Translators: %s is e.g. "Ann changed this campaign at 14:02" */
  heading = g_strdup_printf (_("%s while you were editing."), change);
  gtk_label_set_label (self->heading, heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, heading, -1);
  fill_fields (self);

  gtk_window_present (GTK_WINDOW (self));

  return TRUE;
}

/* Returns: "Ann changed this campaign at 14:02 while you were editing." */
const char *
rally_conflict_dialog_get_heading (RallyConflictDialog *self)
{
  g_return_val_if_fail (RALLY_IS_CONFLICT_DIALOG (self), NULL);

  return gtk_label_get_label (self->heading);
}

/**
 * rally_conflict_dialog_get_stored:
 *
 * Returns: (transfer none): the record as stored, theirs
 */
RallyRecord *
rally_conflict_dialog_get_stored (RallyConflictDialog *self)
{
  g_return_val_if_fail (RALLY_IS_CONFLICT_DIALOG (self), NULL);

  return self->stored;
}

/* Returns: how many fields Compare shows, theirs beside mine */
guint
rally_conflict_dialog_get_n_differing (RallyConflictDialog *self)
{
  g_return_val_if_fail (RALLY_IS_CONFLICT_DIALOG (self), 0);

  return self->n_differing;
}
