/* rally-challenge-preview.c
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

/* The challenge as creators will see it: a card with the hashtag big, the title, the
 * dates, what to do, the call to action and the donation pledge. It shows a RallyBrief,
 * the same text the exported creator brief prints, so the preview cannot drift from
 * the export. Empty fields hide; an empty hashtag shows a dimmed placeholder. */

#define G_LOG_DOMAIN "RallyChallengePreview"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-challenge-preview.h"

struct _RallyChallengePreview
{
  AdwBin     parent_instance;

  GtkWidget *hashtag_label;
  GtkWidget *title_label;
  GtkWidget *dates_label;
  GtkWidget *brief_label;
  GtkWidget *cta_label;
  GtkWidget *pledge_box;
  GtkWidget *pledge_label;
  GtkWidget *sponsor_label;
};

G_DEFINE_FINAL_TYPE (RallyChallengePreview, rally_challenge_preview, ADW_TYPE_BIN)

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return TRUE;

  copy = g_strstrip (g_strdup (text));
  return *copy == '\0';
}

static void
show_text (GtkWidget  *label,
           const char *text)
{
  gboolean visible = !is_blank (text);

  gtk_label_set_text (GTK_LABEL (label), visible ? text : "");
  gtk_widget_set_visible (label, visible);
}

/* The hashtag is what creators copy: keep it on one line as long as it can be. */
static void
set_hashtag_size (RallyChallengePreview *self,
                  glong                  n_chars)
{
  GtkWidget *label = self->hashtag_label;

  gtk_widget_remove_css_class (label, "hashtag-long");
  gtk_widget_remove_css_class (label, "hashtag-very-long");
  if (n_chars > 24)
    gtk_widget_add_css_class (label, "hashtag-very-long");
  else if (n_chars > 14)
    gtk_widget_add_css_class (label, "hashtag-long");
}

static GtkWidget *
add_label (GtkBox     *box,
           const char *style_class,
           gboolean    selectable)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);
  gtk_box_append (box, label);

  return label;
}

static GtkWidget *
build_pledge_box (RallyChallengePreview *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-favorite-symbolic");
  GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (box, "preview-pledge");
  gtk_widget_add_css_class (icon, "accent");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_box_append (GTK_BOX (box), text_box);

  self->pledge_label = add_label (GTK_BOX (text_box), "heading", FALSE);

  return box;
}

static void
rally_challenge_preview_class_init (RallyChallengePreviewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "challengepreview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
rally_challenge_preview_init (RallyChallengePreview *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkBox *box = GTK_BOX (card);
  g_autoptr(PangoAttrList) attrs = NULL;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "preview-card");
  gtk_widget_set_valign (card, GTK_ALIGN_START);

  self->hashtag_label = add_label (box, "title-1", TRUE);
  /* a hashtag breaks between characters, never with a hyphen: "#ActForClimat-e"
   * reads as a different tag (set_hashtag_size scales long ones down first) */
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (GTK_LABEL (self->hashtag_label), attrs);
  gtk_widget_add_css_class (self->hashtag_label, "hashtag");
  gtk_widget_add_css_class (self->hashtag_label, "accent");
  self->title_label = add_label (box, "title-4", FALSE);
  self->dates_label = add_label (box, "dim-label", FALSE);
  gtk_widget_add_css_class (self->dates_label, "caption");
  self->brief_label = add_label (box, "body", FALSE);
  gtk_widget_set_margin_top (self->brief_label, 6);
  self->cta_label = add_label (box, "heading", FALSE);
  self->pledge_box = build_pledge_box (self);
  gtk_widget_set_margin_top (self->pledge_box, 6);
  gtk_box_append (box, self->pledge_box);
  self->sponsor_label = add_label (box, "dim-label", FALSE);
  gtk_widget_add_css_class (self->sponsor_label, "caption");

  adw_bin_set_child (ADW_BIN (self), card);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview"),
                                  -1);

  rally_challenge_preview_set_brief (self, NULL);
}

GtkWidget *
rally_challenge_preview_new (void)
{
  return g_object_new (RALLY_TYPE_CHALLENGE_PREVIEW, NULL);
}

/**
 * rally_challenge_preview_set_brief:
 * @brief: (nullable): what to show; %NULL shows an empty challenge
 */
void
rally_challenge_preview_set_brief (RallyChallengePreview *self,
                                   const RallyBrief      *brief)
{
  g_autofree char *tag = NULL;
  g_autofree char *sponsor = NULL;
  gboolean has_tag;

  g_return_if_fail (RALLY_IS_CHALLENGE_PREVIEW (self));

  has_tag = brief != NULL && !is_blank (brief->hashtag);
  /* Translators: shown in the preview until a hashtag is typed */
  tag = g_strconcat ("#", has_tag ? brief->hashtag : _("YourHashtag"), NULL);
  gtk_label_set_text (GTK_LABEL (self->hashtag_label), tag);
  set_hashtag_size (self, g_utf8_strlen (tag, -1));
  if (has_tag)
    gtk_widget_remove_css_class (self->hashtag_label, "dim-label");
  else
    gtk_widget_add_css_class (self->hashtag_label, "dim-label");

  show_text (self->title_label, brief != NULL ? brief->title : NULL);
  show_text (self->dates_label, brief != NULL ? brief->dates : NULL);
  show_text (self->brief_label, brief != NULL ? brief->brief : NULL);
  show_text (self->cta_label, brief != NULL ? brief->call_to_action : NULL);
  show_text (self->pledge_label, brief != NULL ? brief->pledge_sentence : NULL);
  gtk_widget_set_visible (self->pledge_box, gtk_widget_get_visible (self->pledge_label));

  /* The pledge sentence names the sponsor already; say it only when there is no pledge. */
  if (brief != NULL && !is_blank (brief->sponsor) && is_blank (brief->pledge_sentence))
    /* Translators: %s is a sponsor's name */
    sponsor = g_strdup_printf (_("Supported by %s"), brief->sponsor);
  show_text (self->sponsor_label, sponsor);
}

/**
 * rally_challenge_preview_get_hashtag_text:
 *
 * Returns: the hashtag as shown, with its '#'
 */
const char *
rally_challenge_preview_get_hashtag_text (RallyChallengePreview *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE_PREVIEW (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->hashtag_label));
}

/**
 * rally_challenge_preview_get_pledge_text:
 *
 * Returns: the pledge sentence as shown, or "" when hidden
 */
const char *
rally_challenge_preview_get_pledge_text (RallyChallengePreview *self)
{
  g_return_val_if_fail (RALLY_IS_CHALLENGE_PREVIEW (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->pledge_label));
}
