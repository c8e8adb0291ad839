/* rally-context.c
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

#define G_LOG_DOMAIN "RallyContext"

#include "config.h"

#include "rally-context.h"

/* What a page, editor or dialog is handed instead of reaching up to the application
 * or its window: the workspace store, the one reader of its figures, its sync, the
 * settings and where toasts go. The application builds one when the store opens and
 * sends its toasts to the window in front. */

struct _RallyContext
{
  GObject              parent_instance;

  RallyStore          *store;
  RallyFiguresReader  *reader;
  RallySyncController *sync_controller;
  GSettings           *settings;

  RallyToastFunc       toast_func;
  gpointer             toast_data;
  GDestroyNotify       toast_destroy;
};

G_DEFINE_FINAL_TYPE (RallyContext, rally_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_READER,
  PROP_SYNC_CONTROLLER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
clear_toast_func (RallyContext *self)
{
  if (self->toast_destroy != NULL)
    self->toast_destroy (self->toast_data);
  self->toast_func = NULL;
  self->toast_data = NULL;
  self->toast_destroy = NULL;
}

static void
rally_context_dispose (GObject *object)
{
  RallyContext *self = RALLY_CONTEXT (object);

  clear_toast_func (self);
  g_clear_object (&self->sync_controller);
  g_clear_object (&self->settings);
  g_clear_object (&self->reader);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (rally_context_parent_class)->dispose (object);
}

static void
rally_context_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RallyContext *self = RALLY_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_READER:
      g_value_set_object (value, self->reader);
      break;
    case PROP_SYNC_CONTROLLER:
      g_value_set_object (value, self->sync_controller);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_context_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RallyContext *self = RALLY_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_READER:
      self->reader = g_value_dup_object (value);
      break;
    case PROP_SYNC_CONTROLLER:
      self->sync_controller = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_context_constructed (GObject *object)
{
  RallyContext *self = RALLY_CONTEXT (object);

  G_OBJECT_CLASS (rally_context_parent_class)->constructed (object);

  /* a context of its own (a dialog's, a test's) reads its store's figures itself */
  if (self->reader == NULL && self->store != NULL)
    self->reader = rally_figures_reader_new (self->store);
}

static void
rally_context_class_init (RallyContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rally_context_constructed;
  object_class->dispose = rally_context_dispose;
  object_class->get_property = rally_context_get_property;
  object_class->set_property = rally_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, RALLY_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READER] =
    g_param_spec_object ("reader", NULL, NULL, RALLY_TYPE_FIGURES_READER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_CONTROLLER] =
    g_param_spec_object ("sync-controller", NULL, NULL, RALLY_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rally_context_init (RallyContext *self)
{
}

/**
 * rally_context_new:
 * @store: the workspace
 * @reader: (nullable): the reader of @store's figures; %NULL for a new one
 * @sync_controller: (nullable): its sync
 * @settings: (nullable): the application's settings
 *
 * Returns: (transfer full): a new context, whose toasts go nowhere until a window
 *   calls rally_context_set_toast_func()
 */
RallyContext *
rally_context_new (RallyStore          *store,
                   RallyFiguresReader  *reader,
                   RallySyncController *sync_controller,
                   GSettings           *settings)
{
  g_return_val_if_fail (RALLY_IS_STORE (store), NULL);

  return g_object_new (RALLY_TYPE_CONTEXT,
                       "store", store,
                       "reader", reader,
                       "sync-controller", sync_controller,
                       "settings", settings,
                       NULL);
}

/**
 * rally_context_get_store:
 *
 * Returns: (transfer none): the workspace store
 */
RallyStore *
rally_context_get_store (RallyContext *self)
{
  g_return_val_if_fail (RALLY_IS_CONTEXT (self), NULL);

  return self->store;
}

/**
 * rally_context_get_reader:
 *
 * Returns: (transfer none): the reader of the store's figures
 */
RallyFiguresReader *
rally_context_get_reader (RallyContext *self)
{
  g_return_val_if_fail (RALLY_IS_CONTEXT (self), NULL);

  return self->reader;
}

/**
 * rally_context_get_sync_controller:
 *
 * Returns: (transfer none) (nullable): the workspace's sync
 */
RallySyncController *
rally_context_get_sync_controller (RallyContext *self)
{
  g_return_val_if_fail (RALLY_IS_CONTEXT (self), NULL);

  return self->sync_controller;
}

/**
 * rally_context_get_settings:
 *
 * Returns: (transfer none) (nullable): the application's settings
 */
GSettings *
rally_context_get_settings (RallyContext *self)
{
  g_return_val_if_fail (RALLY_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * rally_context_set_toast_func:
 * @func: (nullable): where toasts go from now on
 *
 * The window's toast overlay, usually. @destroy frees @user_data when replaced.
 */
void
rally_context_set_toast_func (RallyContext   *self,
                              RallyToastFunc  func,
                              gpointer        user_data,
                              GDestroyNotify  destroy)
{
  g_return_if_fail (RALLY_IS_CONTEXT (self));

  clear_toast_func (self);
  self->toast_func = func;
  self->toast_data = user_data;
  self->toast_destroy = destroy;
}

/**
 * rally_context_add_toast:
 * @toast: (transfer full): a toast
 *
 * Shows @toast where the window put the context's toasts; with no window, drops it.
 */
void
rally_context_add_toast (RallyContext *self,
                         AdwToast     *toast)
{
  g_return_if_fail (ADW_IS_TOAST (toast));

  if (self != NULL && self->toast_func != NULL)
    self->toast_func (toast, self->toast_data);
  else
    g_object_unref (toast);
}
