/* rally-campaigns-page-list.c
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

#define G_LOG_DOMAIN "RallyCampaignsPage"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rally-campaigns-page-private.h"

/* The Campaigns page's list: its rows (name, status and dates, the figures the reader
 * delivered for every campaign at once: a row queries nothing when it binds), and the
 * search, status filter and order. */

/* Campaign rows */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              RallyCampaignsPage       *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *swatch = rally_color_swatch_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *progress = gtk_label_new (NULL);

  gtk_widget_set_valign (swatch, GTK_ALIGN_START);
  gtk_widget_set_margin_top (swatch, 3);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  /* The list keeps its narrowest width beside the calendar: the status, dates
   * and figures wrap rather than lose their end. */
  for (GtkWidget **l = (GtkWidget *[]) { meta, progress, NULL }; *l != NULL; l++)
    {
      gtk_label_set_xalign (GTK_LABEL (*l), 0);
      gtk_label_set_wrap (GTK_LABEL (*l), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (*l), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (*l, "caption");
      gtk_widget_add_css_class (*l, "dim-label");
    }
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), meta);
  gtk_box_append (GTK_BOX (text), progress);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), text);

  g_object_set_data (G_OBJECT (box), "swatch", swatch);
  g_object_set_data (G_OBJECT (box), "name", name);
  g_object_set_data (G_OBJECT (box), "meta", meta);
  g_object_set_data (G_OBJECT (box), "progress", progress);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RallyCampaignsPage       *self)
{
  RallyCampaign *campaign = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  g_autofree char *dates = _rally_campaigns_page_format_dates (campaign);
  g_autofree char *meta = g_strdup_printf ("%s · %s", _rally_campaigns_page_status_name (rally_campaign_get_status (campaign)), dates);
  g_autofree char *progress = _rally_campaigns_page_describe_progress (campaign, _rally_campaigns_page_lookup_figures (self, campaign));
  g_autofree char *a11y = g_strdup_printf ("%s, %s, %s", rally_campaign_get_name (campaign), meta, progress);

  rally_color_swatch_set_color (g_object_get_data (G_OBJECT (box), "swatch"), rally_campaign_get_color (campaign));
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "name"), rally_campaign_get_name (campaign));
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "meta"), meta);
  gtk_label_set_label (g_object_get_data (G_OBJECT (box), "progress"), progress);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_hash_table_add (self->bound_rows, item);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               RallyCampaignsPage       *self)
{
  g_hash_table_remove (self->bound_rows, item);
}

/* New figures: the rows on show say them, with no query of their own. */
void
_rally_campaigns_page_rebind_rows (RallyCampaignsPage *self)
{
  guint n;
  g_autofree gpointer *items = g_hash_table_get_keys_as_array (self->bound_rows, &n);

  for (guint i = 0; i < n; i++)
    bind_row_cb (NULL, items[i], self);
}

/* Filtering and sorting */

gboolean
_rally_campaigns_page_filter_func (gpointer item,
                                   gpointer user_data)
{
  RallyCampaignsPage *self = user_data;
  RallyCampaign *campaign = item;
  RallyCampaignStatus status = rally_campaign_get_status (campaign);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint filter = gtk_drop_down_get_selected (self->status_filter);

  if (filter == FILTER_CURRENT && status == RALLY_CAMPAIGN_STATUS_ARCHIVED)
    return FALSE;
  if (filter >= FILTER_PLANNED && filter <= FILTER_ARCHIVED && status != (RallyCampaignStatus) (filter - FILTER_PLANNED))
    return FALSE;

  if (search[0] != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (search, -1);
      g_autofree char *name = g_utf8_casefold (rally_campaign_get_name (campaign), -1);
      g_autofree char *cause = g_utf8_casefold (rally_campaign_get_cause (campaign), -1);

      return strstr (name, needle) != NULL || strstr (cause, needle) != NULL;
    }

  return TRUE;
}

int
_rally_campaigns_page_sort_func (gconstpointer a,
                                 gconstpointer b,
                                 gpointer      user_data)
{
  RallyCampaignsPage *self = user_data;
  RallyCampaign *ca = (RallyCampaign *) a, *cb = (RallyCampaign *) b;
  int by_name = g_utf8_collate (rally_campaign_get_name (ca), rally_campaign_get_name (cb));
  gint64 sa, sb;

  if (gtk_drop_down_get_selected (self->sort_dropdown) == SORT_NAME)
    return by_name;

  /* Newest start first; campaigns without a start date last */
  sa = rally_campaign_get_start_date (ca);
  sb = rally_campaign_get_start_date (cb);
  if (sa != sb)
    return sa == 0 ? 1 : sb == 0 ? -1 : sa > sb ? -1 : 1;
  return by_name;
}

/* The rows of the campaign list: built once, bound to whichever campaign scrolls in. */
GtkListItemFactory *
_rally_campaigns_page_new_row_factory (RallyCampaignsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);

  return factory;
}
