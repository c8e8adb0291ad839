/* rally-account-card.c
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

/* RallyAccountCard: the charity's own TikTok account as the Display API last
 * described it — followers, likes, videos, the views of the synced videos, where the
 * figures come from and when, and the most viewed own videos — and what the TikTok
 * Studio overview exports imported for it (views, likes, comments, shares, profile
 * views over the days imported, the latest followers). Hidden until an account has
 * been synced or an overview imported; follows the store. */

#define G_LOG_DOMAIN "RallyAccountCard"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-account-card.h"
#include "rally-format.h"
#include "rally-store-account.h"
#include "rally-tooltip.h"

#define TOP_VIDEOS 5

struct _RallyAccountCard
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GtkFlowBox          *figures;
  GtkLabel            *provenance_label;
  GtkBox              *studio_box;
  GtkFlowBox          *studio_figures;
  GtkLabel            *studio_label;
  GtkListBox          *top_list;

  RallyFiguresReader  *reader;     /* reads the account off the main thread */
  GCancellable        *loading;    /* the newest read, until it arrives */
  gboolean             has_account;
};

G_DEFINE_FINAL_TYPE (RallyAccountCard, rally_account_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HAS_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
remove_all (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (parent))
        gtk_flow_box_remove (GTK_FLOW_BOX (parent), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
    }
}

/* A figure: the number large, what it counts below; "—" when TikTok did not say
 * (a scope not granted). */
static void
add_figure (GtkFlowBox       *figures,
            const char       *caption,
            gint64            value,
            const char       *tooltip)
{
  g_autofree char *text = value >= 0 ? rally_format_abbrev ((double) value) : g_strdup ("—");
  g_autofree char *exact = value >= 0 ? rally_format_integer (value) : g_strdup (_("not shared by TikTok"));
  g_autofree char *full_tooltip = g_strdup_printf ("%s: %s\n%s", caption, exact, tooltip);
  g_autofree char *name = g_strdup_printf ("%s: %s", caption, exact);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number = gtk_label_new (text);
  GtkWidget *label = gtk_label_new (caption);

  gtk_widget_add_css_class (number, "title-2");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), label);
  rally_tooltip_set_text (box, full_tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_flow_box_append (figures, box);
}

static GtkWidget *
video_row (const RallyFetchedVideo *video)
{
  g_autofree char *views = rally_format_integer (video->views);
  g_autofree char *date = video->create_time > 0 ? rally_format_date (video->create_time) : NULL;
  g_autofree char *escaped = g_markup_escape_text (video->title != NULL && *video->title != '\0'
                                                   ? video->title : _("Untitled video"), -1);
  /* Translators: %s is a number of views, e.g. "48,211 views" */
  g_autofree char *suffix_text = g_strdup_printf (ngettext ("%s view", "%s views", (gulong) MIN (video->views, G_MAXLONG)),
                                                  views);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *suffix = gtk_label_new (suffix_text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (date != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);
  gtk_widget_add_css_class (suffix, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  return row;
}

static void
set_has_account (RallyAccountCard *self,
                 gboolean          has_account)
{
  gtk_widget_set_visible (GTK_WIDGET (self), has_account);
  if (self->has_account == has_account)
    return;
  self->has_account = has_account;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ACCOUNT]);
}

static void
show_account (RallyAccountCard   *self,
              const RallyAccount *account)
{
  g_autofree char *description = NULL;
  g_autofree char *when = rally_format_date (account->fetched_at);
  g_autofree char *stored = rally_format_integer (account->stored);
  g_autofree char *provenance = NULL;

  if (account->username[0] != '\0' && account->display_name[0] != '\0')
    description = g_strdup_printf ("%s · @%s", account->display_name, account->username);
  else
    description = g_strdup (account->username[0] != '\0' ? account->username : account->display_name);
  adw_preferences_group_set_description (self->group, description);

  remove_all (GTK_WIDGET (self->figures));
  add_figure (self->figures, _("Followers"), account->followers, _("From the account's profile."));
  add_figure (self->figures, _("Likes"), account->likes, _("Likes on all the account's videos, from its profile."));
  add_figure (self->figures, _("Videos"), account->videos, _("Public videos, from the account's profile."));
  add_figure (self->figures, _("Views of synced videos"), account->stored > 0 ? account->views : -1,
              _("Sum of the views of the account's videos stored in Rally."));

  /* Translators: "Updated Wed 25 Nov 2026 from the TikTok Display API · 214 videos synced" */
  provenance = g_strdup_printf (ngettext ("Updated %s from the TikTok Display API · %s video synced",
                                          "Updated %s from the TikTok Display API · %s videos synced",
                                          (gulong) MIN (account->stored, G_MAXLONG)),
                                when, stored);
  gtk_label_set_text (self->provenance_label, provenance);
}

static void
show_top_videos (RallyAccountCard *self,
                 GPtrArray        *top)
{
  remove_all (GTK_WIDGET (self->top_list));
  for (guint i = 0; top != NULL && i < top->len; i++)
    gtk_list_box_append (self->top_list, video_row (g_ptr_array_index (top, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->top_list), top != NULL && top->len > 0);
}

static void
show_display_api (RallyAccountCard   *self,
                  const RallyAccount *account,
                  GPtrArray          *top)
{
  /* an account never synced holds only videos imported from TikTok Studio */
  gboolean synced = account != NULL && account->fetched_at > 0;

  if (synced)
    show_account (self, account);
  else
    adw_preferences_group_set_description (self->group, _("From your TikTok Studio exports"));
  show_top_videos (self, top);
  gtk_widget_set_visible (GTK_WIDGET (self->figures), synced);
  gtk_widget_set_visible (GTK_WIDGET (self->provenance_label), synced);
}

/* The overview exports' figures, summed over the days imported. */
static void
show_studio (RallyAccountCard         *self,
             const RallyStudioSummary *summary)
{
  g_autofree char *first = rally_format_date (summary->first_day);
  g_autofree char *last = rally_format_date (summary->last_day);
  g_autofree char *imported = rally_format_date (summary->fetched_at);
  g_autofree char *span = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->studio_box), summary->days > 0);
  if (summary->days == 0)
    return;

  /* Translators: a span of days, "1 Jun 2024 – 30 Jun 2024" */
  span = g_strdup_printf (_("%s – %s"), first, last);
  remove_all (GTK_WIDGET (self->studio_figures));
  add_figure (self->studio_figures, _("Views"), summary->views, _("Sum of the daily video views in the TikTok Studio exports."));
  add_figure (self->studio_figures, _("Likes"), summary->likes, _("Sum of the daily likes in the TikTok Studio exports."));
  add_figure (self->studio_figures, _("Comments"), summary->comments, _("Sum of the daily comments in the TikTok Studio exports."));
  add_figure (self->studio_figures, _("Shares"), summary->shares, _("Sum of the daily shares in the TikTok Studio exports."));
  add_figure (self->studio_figures, _("Profile views"), summary->profile_views,
              _("Sum of the daily profile views in the TikTok Studio exports."));
  if (summary->followers >= 0)
    add_figure (self->studio_figures, _("Followers"), summary->followers,
                _("Followers on the latest day of the TikTok Studio exports."));

  /* Translators: "From TikTok Studio exports: 1 Jun 2024 – 30 Jun 2024 (30 days) · imported Sat 5 Dec 2026" */
  text = g_strdup_printf (ngettext ("From TikTok Studio exports: %s (%u day) · imported %s",
                                    "From TikTok Studio exports: %s (%u days) · imported %s", summary->days),
                          span, summary->days, imported);
  gtk_label_set_text (self->studio_label, text);
}

/* What the reader read for the card. */
typedef struct
{
  RallyAccount      *account;
  GPtrArray         *top;       /* RallyFetchedVideo, the account's most viewed */
  RallyStudioSummary summary;
} AccountRead;

static void
account_read_free (gpointer data)
{
  AccountRead *read = data;

  g_clear_pointer (&read->account, rally_account_free);
  g_clear_pointer (&read->top, g_ptr_array_unref);
  g_free (read);
}

/* Runs on the reader's thread. */
static gpointer
read_account (RallyStore    *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  AccountRead *read = g_new0 (AccountRead, 1);
  g_autoptr(GError) local_error = NULL;

  read->account = rally_store_get_account (store, &local_error);
  if (local_error != NULL)
    g_warning ("Could not read the TikTok account: %s", local_error->message);
  g_clear_error (&local_error);
  if (read->account != NULL)
    read->top = rally_store_query_account_videos (store, read->account->open_id, TOP_VIDEOS, &local_error);
  if (local_error != NULL)
    g_warning ("Could not list the account's videos: %s", local_error->message);
  g_clear_error (&local_error);
  if (!rally_store_get_studio_summary (store, 0, &read->summary, &local_error))
    {
      g_warning ("Could not read the TikTok Studio figures: %s", local_error->message);
      read->summary = (RallyStudioSummary) { 0 };
    }
  return read;
}

static void
account_read_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RallyAccountCard) self = user_data;
  g_autoptr(GError) error = NULL;
  AccountRead *read;

  read = rally_figures_reader_run_finish (RALLY_FIGURES_READER (source_object), result, &error);
  /* a newer read started meanwhile: what it reads is shown */
  if (g_task_get_cancellable (G_TASK (result)) != self->loading)
    {
      g_clear_pointer (&read, account_read_free);
      return;
    }
  g_clear_object (&self->loading);
  if (read == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the TikTok account: %s", error->message);
      return;
    }

  show_display_api (self, read->account, read->top);
  show_studio (self, &read->summary);
  set_has_account (self, read->account != NULL || read->summary.days > 0);
  account_read_free (read);
}

static void
reload (RallyAccountCard *self)
{
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->reader == NULL)
    return;

  self->loading = g_cancellable_new ();
  rally_figures_reader_run_async (self->reader, read_account, NULL, NULL, account_read_free, self->loading,
                                  account_read_cb, g_object_ref (self));
}

static void
drop_reader (RallyAccountCard *self)
{
  if (self->reader != NULL)
    g_signal_handlers_disconnect_by_data (self->reader, self);
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->reader);
}

static void
rally_account_card_dispose (GObject *object)
{
  RallyAccountCard *self = RALLY_ACCOUNT_CARD (object);

  drop_reader (self);

  G_OBJECT_CLASS (rally_account_card_parent_class)->dispose (object);
}

static void
rally_account_card_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RallyAccountCard *self = RALLY_ACCOUNT_CARD (object);

  switch (prop_id)
    {
    case PROP_HAS_ACCOUNT:
      g_value_set_boolean (value, self->has_account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_account_card_class_init (RallyAccountCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rally_account_card_dispose;
  object_class->get_property = rally_account_card_get_property;

  /**
   * RallyAccountCard:has-account:
   *
   * Whether an account has been synced or its TikTok Studio overview imported
   * (the card is shown).
   */
  properties[PROP_HAS_ACCOUNT] = g_param_spec_boolean ("has-account", NULL, NULL, FALSE,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                       G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rallyapp/Rally/ui/rally-account-card.ui");
  gtk_widget_class_bind_template_child (widget_class, RallyAccountCard, figures);
  gtk_widget_class_bind_template_child (widget_class, RallyAccountCard, group);
  gtk_widget_class_bind_template_child (widget_class, RallyAccountCard, provenance_label);
  gtk_widget_class_bind_template_child (widget_class, RallyAccountCard, studio_box);
  gtk_widget_class_bind_template_child (widget_class, RallyAccountCard, studio_figures);
  gtk_widget_class_bind_template_child (widget_class, RallyAccountCard, studio_label);
  gtk_widget_class_bind_template_child (widget_class, RallyAccountCard, top_list);
}

static void
rally_account_card_init (RallyAccountCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rally_account_card_set_reader:
 * @self: a #RallyAccountCard
 * @reader: the reader of the workspace's figures
 *
 * Shows the account of @reader's store, read on its thread, and reads it again
 * after each burst of the store's changes.
 */
void
rally_account_card_set_reader (RallyAccountCard   *self,
                               RallyFiguresReader *reader)
{
  g_return_if_fail (RALLY_IS_ACCOUNT_CARD (self));
  g_return_if_fail (RALLY_IS_FIGURES_READER (reader));

  if (self->reader == reader)
    return;

  drop_reader (self);
  self->reader = g_object_ref (reader);
  g_signal_connect_object (reader, "changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
  reload (self);
}

gboolean
rally_account_card_get_has_account (RallyAccountCard *self)
{
  g_return_val_if_fail (RALLY_IS_ACCOUNT_CARD (self), FALSE);

  return self->has_account;
}

/**
 * rally_account_card_is_loaded:
 * @self: a #RallyAccountCard
 *
 * Returns: whether the card shows the newest account it asked its reader for
 */
gboolean
rally_account_card_is_loaded (RallyAccountCard *self)
{
  g_return_val_if_fail (RALLY_IS_ACCOUNT_CARD (self), FALSE);

  return self->reader != NULL && self->loading == NULL;
}
