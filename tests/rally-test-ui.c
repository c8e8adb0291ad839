/* rally-test-ui.c
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

/* Helpers shared by the tests that drive widgets. */

#include "config.h"

#include "rally-test-ui.h"

/**
 * rally_test_find_window:
 * @type: a #GtkWindow type
 *
 * Returns: (transfer none) (nullable): a shown window of @type, as a person would see
 *   it on screen, or %NULL
 */
GtkWindow *
rally_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/**
 * rally_test_init_gtk:
 *
 * gtk_init_check(), waiting up to five seconds for the display: on a loaded machine
 * the test display sometimes refuses the first connection (the test then used to end
 * with status 77 and no test run).
 *
 * Returns: %TRUE when GTK has a display
 */
gboolean
rally_test_init_gtk (void)
{
  if (gtk_init_check ())
    return TRUE;

  for (guint attempt = 1; attempt <= 25; attempt++)
    {
      GdkDisplay *display;

      g_usleep (200 * 1000);
      display = gdk_display_open (NULL);
      if (display != NULL)
        {
          g_test_message ("the display answered at attempt %u", attempt);
          gdk_display_manager_set_default_display (gdk_display_manager_get (), display);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * rally_test_find_descendant:
 * @widget: where to start
 * @type: the type to find, %GTK_TYPE_WIDGET for any
 * @name: (nullable): the widget name it must have too, or %NULL
 *
 * Returns: (transfer none) (nullable): the first widget of @type (and @name) in
 *   @widget's tree, depth first, @widget included
 */
GtkWidget *
rally_test_find_descendant (GtkWidget  *widget,
                            GType       type,
                            const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rally_test_find_descendant (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * rally_test_close_app:
 * @app: (inout) (transfer full): the application, cleared
 * @store: (nullable) (transfer none): the application's store
 *
 * Destroys every window, drops @app and runs the main context until @store is gone
 * too (up to five seconds), so that no reply of a background read still reaches the
 * store after the test removes its workspace folder. When something the test leaked
 * still holds @store, its RallyStore::changed handlers are blocked instead, so that
 * no list reads the removed folder.
 *
 * Returns: %TRUE when @store was finalized
 */
gboolean
rally_test_close_app (GtkApplication **app,
                      GObject         *store)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  if (store != NULL)
    g_object_add_weak_pointer (store, (gpointer *) &store);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    g_ptr_array_add (windows, g_list_model_get_item (toplevels, i));
  for (guint i = 0; i < windows->len; i++)
    {
      gtk_window_destroy (g_ptr_array_index (windows, i));
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  g_clear_object (app);

  while (store != NULL && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (store != NULL)
        g_usleep (20000);
    }
  if (store != NULL)
    {
      /* Objects a test leaked still hold it: keep them from reading it again. */
      g_signal_handlers_block_matched (store, G_SIGNAL_MATCH_ID, g_signal_lookup ("changed", G_OBJECT_TYPE (store)),
                                       0, NULL, NULL, NULL);
      g_object_remove_weak_pointer (store, (gpointer *) &store);
      return FALSE;
    }

  return TRUE;
}

/**
 * rally_test_shows_label:
 * @widget: where to look
 * @text: a label's whole text
 *
 * Returns: whether a mapped label under @widget (or @widget itself) reads @text:
 *   what a person sees on screen
 */
gboolean
rally_test_shows_label (GtkWidget  *widget,
                        const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (rally_test_shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

/**
 * rally_test_wait_for_label:
 * @widget: where to look
 * @text: a label's whole text
 * @within_us: how long to wait at most
 *
 * Runs the main loop until @widget shows @text (rally_test_shows_label()), looking
 * every 10 ms.
 *
 * Returns: how long it took in µs, %G_MAXINT64 when it never did
 */
gint64
rally_test_wait_for_label (GtkWidget  *widget,
                           const char *text,
                           gint64      within_us)
{
  gint64 start = g_get_monotonic_time ();

  while (!rally_test_shows_label (widget, text) && g_get_monotonic_time () - start < within_us)
    {
      g_usleep (10000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }

  return rally_test_shows_label (widget, text) ? g_get_monotonic_time () - start : G_MAXINT64;
}
