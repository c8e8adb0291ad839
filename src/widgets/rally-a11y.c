/* rally-a11y.c
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

#define G_LOG_DOMAIN "RallyA11y"

#include "config.h"

#include <glib/gi18n.h>

#include "rally-a11y.h"

/* GTK 4.8 names controls in three ways a screen reader reads badly, and this walk mends them:
 *
 * - A button with a mnemonic label ("_Cancel") keeps the raw text as its accessible label
 *   *and* is labelled by its label child ("Cancel"): the name reads "_Cancel Cancel", or
 *   "Cancel Cancel" when a .ui gives it an accessible label. The label child alone names it,
 *   so the button's own label is dropped, again each time the label changes.
 * - A button showing only an icon with no accessible label falls back to its child's type
 *   name ("GtkImage", as libadwaita's password peek button); its tooltip names it.
 * - A search entry without a label is called "GtkSearchEntry"; its placeholder names it.
 * - A menu is called "GtkPopoverMenu"; the tooltip of its menu button names it. */

static void
drop_own_label (GtkWidget *button)
{
  if (gtk_button_get_use_underline (GTK_BUTTON (button))
      && gtk_button_get_label (GTK_BUTTON (button)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
button_label_changed_cb (GtkWidget  *button,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  drop_own_label (button);
}

/* Names WIDGET by the tooltip of SOURCE, when SOURCE has one. */
static void
name_by_tooltip (GtkWidget *widget,
                 GtkWidget *source)
{
  const char *tooltip = gtk_widget_get_tooltip_text (source);

  if (tooltip != NULL && *tooltip != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                    -1);
}

static void
name_search_entry (GtkWidget *entry)
{
  g_autofree char *placeholder = NULL;

  g_object_get (entry, "placeholder-text", &placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  placeholder != NULL && *placeholder != '\0' ? placeholder : _("Search"),
                                  -1);
}

static void
tidy_one (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    {
      if (gtk_button_get_use_underline (GTK_BUTTON (widget)))
        {
          drop_own_label (widget);
          if (g_signal_handler_find (widget, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                     button_label_changed_cb, NULL) == 0)
            g_signal_connect_after (widget, "notify::label", G_CALLBACK (button_label_changed_cb), NULL);
        }
      else if (gtk_button_get_label (GTK_BUTTON (widget)) == NULL
               && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))))
        name_by_tooltip (widget, widget);
    }
  else if (GTK_IS_SEARCH_ENTRY (widget))
    name_search_entry (widget);
  else if (GTK_IS_MENU_BUTTON (widget)
           && GTK_IS_POPOVER_MENU (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget))))
    name_by_tooltip (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget))), widget);
}

/* Mends the accessible names of ROOT and every widget inside it (see above). Call it once the
 * widgets exist: after gtk_widget_init_template (), or on a library's window before showing it. */
void
rally_a11y_tidy_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  tidy_one (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rally_a11y_tidy_names (child);
}

/* Names BUTTON with LABEL alone, for a mnemonic button whose short text ("_Cancel") needs
 * more words to be understood out of sight ("Cancel Sync"): the label child no longer names
 * it, so the name is not followed by the text. Call it after rally_a11y_tidy_names (). */
void
rally_a11y_keep_own_label (GtkWidget  *button,
                           const char *label)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  g_signal_handlers_disconnect_by_func (button, button_label_changed_cb, NULL);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
