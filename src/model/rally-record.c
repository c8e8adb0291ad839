/* rally-record.c
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

/* The base of every stored record (campaign, challenge, video, snapshot, planned post):
 * the row id and the times it was stored, plus the property code the records share.
 * Each subclass lists its properties with the offsets of their fields; the get_property,
 * set_property and finalize below work from that table, so a record's own file holds
 * only its fields, their defaults and its typed accessors. */

#define G_LOG_DOMAIN "RallyRecord"

#include "config.h"

#include "rally-record-private.h"

typedef struct
{
  gint64 id;
  gint64 created_at;
  gint64 updated_at;
  gint64 version;
  char  *changed_by;
} RallyRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (RallyRecord, rally_record, G_TYPE_OBJECT)

#define PRIV(self) ((RallyRecordPrivate *) rally_record_get_instance_private (self))

enum {
  PROP_0,
  PROP_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_VERSION,
  PROP_CHANGED_BY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a ? a : empty, b ? b : empty);
}

/* The field that stores @pspec, a property installed by _rally_record_class_install_fields(). */
static gpointer
field_of (GObject    *object,
          GParamSpec *pspec)
{
  RallyRecordClass *klass = g_type_class_peek (pspec->owner_type);

  g_assert (pspec->param_id < klass->n_fields);

  return G_STRUCT_MEMBER_P (object, klass->field_offsets[pspec->param_id]);
}

static void
get_field (GObject    *object,
           guint       prop_id,
           GValue     *value,
           GParamSpec *pspec)
{
  gpointer field = field_of (object, pspec);

  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_INT64:
      g_value_set_int64 (value, *(gint64 *) field);
      break;

    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) field);
      break;

    case G_TYPE_ENUM:
      g_value_set_enum (value, *(int *) field);
      break;

    case G_TYPE_STRING:
      g_value_set_string (value, *(char **) field);
      break;

    case G_TYPE_BOXED:
      g_assert (pspec->value_type == G_TYPE_STRV);
      g_value_set_boxed (value, *(char ***) field);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_field (GObject      *object,
           guint         prop_id,
           const GValue *value,
           GParamSpec   *pspec)
{
  gpointer field = field_of (object, pspec);

  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_INT64:
      _rally_record_set_int64 (object, field, g_value_get_int64 (value), pspec);
      break;

    case G_TYPE_BOOLEAN:
      _rally_record_set_boolean (object, field, g_value_get_boolean (value), pspec);
      break;

    case G_TYPE_ENUM:
      _rally_record_set_enum (object, field, g_value_get_enum (value), pspec);
      break;

    case G_TYPE_STRING:
      _rally_record_set_string (object, field, g_value_get_string (value), pspec);
      break;

    case G_TYPE_BOXED:
      g_assert (pspec->value_type == G_TYPE_STRV);
      _rally_record_set_strv (object, field, g_value_get_boxed (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
free_fields (GObject          *object,
             RallyRecordClass *klass)
{
  for (guint i = 1; i < klass->n_fields; i++)
    {
      gpointer field = G_STRUCT_MEMBER_P (object, klass->field_offsets[i]);

      if (klass->fields[i]->value_type == G_TYPE_STRING)
        g_clear_pointer ((char **) field, g_free);
      else if (klass->fields[i]->value_type == G_TYPE_STRV)
        g_clear_pointer ((char ***) field, g_strfreev);
    }
}

static void
rally_record_finalize (GObject *object)
{
  /* The fields of every class between the concrete type and RallyRecord */
  for (RallyRecordClass *klass = RALLY_RECORD_GET_CLASS (object);
       G_TYPE_FROM_CLASS (klass) != RALLY_TYPE_RECORD;
       klass = g_type_class_peek_parent (klass))
    free_fields (object, klass);
  g_clear_pointer (&PRIV (RALLY_RECORD (object))->changed_by, g_free);

  G_OBJECT_CLASS (rally_record_parent_class)->finalize (object);
}

static void
rally_record_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RallyRecord *self = RALLY_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, rally_record_get_id (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, rally_record_get_created_at (self));
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, rally_record_get_updated_at (self));
      break;

    case PROP_VERSION:
      g_value_set_int64 (value, rally_record_get_version (self));
      break;

    case PROP_CHANGED_BY:
      g_value_set_string (value, rally_record_get_changed_by (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_record_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RallyRecord *self = RALLY_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      rally_record_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CREATED_AT:
      rally_record_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_UPDATED_AT:
      rally_record_set_updated_at (self, g_value_get_int64 (value));
      break;

    case PROP_VERSION:
      rally_record_set_version (self, g_value_get_int64 (value));
      break;

    case PROP_CHANGED_BY:
      rally_record_set_changed_by (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rally_record_class_init (RallyRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rally_record_finalize;
  object_class->get_property = rally_record_get_property;
  object_class->set_property = rally_record_set_property;

  /* The row id in the store, 0 until the record is stored */
  properties [PROP_ID] = _rally_record_int64_param ("id");
  /* When the record was first stored, UTC unix seconds */
  properties [PROP_CREATED_AT] = _rally_record_int64_param ("created-at");
  /* When the record was last stored, UTC unix seconds */
  properties [PROP_UPDATED_AT] = _rally_record_int64_param ("updated-at");
  /* The stored row's version, raised by every save: a save of a record whose version is
   * no longer the stored one is refused (someone else saved it meanwhile); 0 until stored */
  properties [PROP_VERSION] = _rally_record_int64_param ("version");
  /* Who saved it last: the server's login role of a team workspace, or the name of the
   * computer's user; "" when unknown */
  properties [PROP_CHANGED_BY] = _rally_record_string_param ("changed-by", "");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rally_record_init (RallyRecord *self)
{
  PRIV (self)->changed_by = g_strdup ("");
}

GParamSpec *
_rally_record_int64_param (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0, RALLY_RECORD_PARAM_FLAGS);
}

GParamSpec *
_rally_record_string_param (const char *name,
                            const char *default_value)
{
  g_return_val_if_fail (default_value != NULL, NULL);

  return g_param_spec_string (name, NULL, NULL, default_value, RALLY_RECORD_PARAM_FLAGS);
}

GParamSpec *
_rally_record_enum_param (const char *name,
                          GType       enum_type,
                          int         default_value)
{
  return g_param_spec_enum (name, NULL, NULL, enum_type, default_value, RALLY_RECORD_PARAM_FLAGS);
}

/**
 * _rally_record_class_install_fields:
 * @klass: the class of a record subclass, in its class_init
 * @n_pspecs: the length of @pspecs and @offsets
 * @pspecs: the subclass's properties, indexed by property id (the first one %NULL)
 * @offsets: the offset of each property's field in the instance struct
 *
 * Installs @pspecs and lets RallyRecord get, set and free their fields.
 */
void
_rally_record_class_install_fields (RallyRecordClass  *klass,
                                    guint              n_pspecs,
                                    GParamSpec       **pspecs,
                                    const gsize       *offsets)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_return_if_fail (RALLY_IS_RECORD_CLASS (klass));
  g_return_if_fail (n_pspecs > 0 && pspecs[0] == NULL);
  /* A property left out of the table would point into RallyRecord itself */
  for (guint i = 1; i < n_pspecs; i++)
    g_return_if_fail (offsets[i] >= sizeof (RallyRecord));

  klass->fields = pspecs;
  klass->field_offsets = offsets;
  klass->n_fields = n_pspecs;
  object_class->get_property = get_field;
  object_class->set_property = set_field;
  g_object_class_install_properties (object_class, n_pspecs, pspecs);
}

/* Called from the init of a final record type: gives each of its fields the default of
 * its property, a copy for a string (whose default is never %NULL) and an empty array
 * for a string array. */
void
_rally_record_init_fields (gpointer record)
{
  RallyRecordClass *klass = RALLY_RECORD_GET_CLASS (record);

  for (guint i = 1; i < klass->n_fields; i++)
    {
      const GValue *value = g_param_spec_get_default_value (klass->fields[i]);
      gpointer field = G_STRUCT_MEMBER_P (record, klass->field_offsets[i]);

      switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
        {
        case G_TYPE_INT64:
          *(gint64 *) field = g_value_get_int64 (value);
          break;

        case G_TYPE_BOOLEAN:
          *(gboolean *) field = g_value_get_boolean (value);
          break;

        case G_TYPE_ENUM:
          *(int *) field = g_value_get_enum (value);
          break;

        case G_TYPE_STRING:
          *(char **) field = g_strdup (g_value_get_string (value));
          break;

        case G_TYPE_BOXED:
          g_assert (G_VALUE_TYPE (value) == G_TYPE_STRV);
          *(char ***) field = g_new0 (char *, 1);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

void
_rally_record_set_int64 (gpointer    record,
                         gint64     *field,
                         gint64      value,
                         GParamSpec *pspec)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (record, pspec);
}

void
_rally_record_set_enum (gpointer    record,
                        gpointer    field,
                        int         value,
                        GParamSpec *pspec)
{
  if (*(int *) field == value)
    return;

  *(int *) field = value;
  g_object_notify_by_pspec (record, pspec);
}

void
_rally_record_set_boolean (gpointer    record,
                           gboolean   *field,
                           gboolean    value,
                           GParamSpec *pspec)
{
  value = !!value;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (record, pspec);
}

/* A %NULL @value stores "". */
void
_rally_record_set_string (gpointer     record,
                          char       **field,
                          const char  *value,
                          GParamSpec  *pspec)
{
  if (value == NULL)
    value = "";

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (record, pspec);
}

/* A %NULL @value stores an empty array. */
void
_rally_record_set_strv (gpointer             record,
                        char              ***field,
                        const char * const  *value,
                        GParamSpec          *pspec)
{
  if (strv_equal ((const char * const *) *field, value))
    return;

  g_strfreev (*field);
  *field = value != NULL ? g_strdupv ((char **) value) : g_new0 (char *, 1);
  g_object_notify_by_pspec (record, pspec);
}

/**
 * rally_record_copy:
 * @self: a #RallyRecord
 *
 * Copies every read-write property, the base's and the subclass's: the records own
 * only strings, string arrays and scalars, and their setters duplicate what they keep,
 * so this is a deep copy.
 *
 * Returns: (transfer full) (type RallyRecord): a copy of @self, of the same type and
 *   with the same id, to edit in a form
 */
gpointer
rally_record_copy (RallyRecord *self)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;
  GObject *copy;

  g_return_val_if_fail (RALLY_IS_RECORD (self), NULL);

  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE)
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (self), pspecs[i]->name, &value);
      g_object_set_property (copy, pspecs[i]->name, &value);
    }

  return copy;
}

gint64
rally_record_get_id (RallyRecord *self)
{
  g_return_val_if_fail (RALLY_IS_RECORD (self), 0);

  return PRIV (self)->id;
}

void
rally_record_set_id (RallyRecord *self,
                     gint64       id)
{
  g_return_if_fail (RALLY_IS_RECORD (self));

  _rally_record_set_int64 (self, &PRIV (self)->id, id, properties [PROP_ID]);
}

gint64
rally_record_get_created_at (RallyRecord *self)
{
  g_return_val_if_fail (RALLY_IS_RECORD (self), 0);

  return PRIV (self)->created_at;
}

void
rally_record_set_created_at (RallyRecord *self,
                             gint64       created_at)
{
  g_return_if_fail (RALLY_IS_RECORD (self));

  _rally_record_set_int64 (self, &PRIV (self)->created_at, created_at,
                           properties [PROP_CREATED_AT]);
}

gint64
rally_record_get_updated_at (RallyRecord *self)
{
  g_return_val_if_fail (RALLY_IS_RECORD (self), 0);

  return PRIV (self)->updated_at;
}

void
rally_record_set_updated_at (RallyRecord *self,
                             gint64       updated_at)
{
  g_return_if_fail (RALLY_IS_RECORD (self));

  _rally_record_set_int64 (self, &PRIV (self)->updated_at, updated_at,
                           properties [PROP_UPDATED_AT]);
}

gint64
rally_record_get_version (RallyRecord *self)
{
  g_return_val_if_fail (RALLY_IS_RECORD (self), 0);

  return PRIV (self)->version;
}

void
rally_record_set_version (RallyRecord *self,
                          gint64       version)
{
  g_return_if_fail (RALLY_IS_RECORD (self));

  _rally_record_set_int64 (self, &PRIV (self)->version, version, properties [PROP_VERSION]);
}

/* Returns: (not nullable): who saved the record last, "" when unknown */
const char *
rally_record_get_changed_by (RallyRecord *self)
{
  g_return_val_if_fail (RALLY_IS_RECORD (self), NULL);

  return PRIV (self)->changed_by;
}

void
rally_record_set_changed_by (RallyRecord *self,
                             const char  *changed_by)
{
  g_return_if_fail (RALLY_IS_RECORD (self));

  _rally_record_set_string (self, &PRIV (self)->changed_by, changed_by, properties [PROP_CHANGED_BY]);
}
