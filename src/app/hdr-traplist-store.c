/* hdr-traplist-store.c: the trap lists the window uses, loaded and refreshed in the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-traplist-store"

#include "config.h"

#include <glib/gi18n.h>

#include "hdr-traplist-store.h"

#define SCHEMA_ID "io.github.headerinspector.HeaderInspector"

/* The state of one source: its last loaded list, and the load in progress. */
typedef struct
{
  HdrTraplist  *list;
  char         *error;
  GCancellable *cancellable;  /* non-NULL while loading */
  guint64       received;
  guint64       total;
} SourceEntry;

struct _HdrTraplistStore
{
  GObject     parent_instance;

  GSettings  *settings;
  char       *cache_dir;        /* NULL: the XDG cache folder */
  GHashTable *entries;          /* source -> SourceEntry */
  guint       refresh_timeout;  /* hourly refresh while enabled */
};

G_DEFINE_FINAL_TYPE (HdrTraplistStore, hdr_traplist_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
source_entry_free (SourceEntry *entry)
{
  if (entry->cancellable != NULL)
    g_cancellable_cancel (entry->cancellable);
  g_clear_object (&entry->cancellable);
  g_clear_object (&entry->list);
  g_clear_pointer (&entry->error, g_free);
  g_free (entry);
}

/* A load in flight.  It keeps the store alive and names its source, because
 * the source may be removed from the settings before the load ends. */
typedef struct
{
  HdrTraplistStore *store;
  char             *source;
  GCancellable     *cancellable;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_clear_object (&request->store);
  g_clear_pointer (&request->source, g_free);
  g_clear_object (&request->cancellable);
  g_free (request);
}

static void
emit_changed (HdrTraplistStore *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static SourceEntry *
lookup_entry (HdrTraplistStore *self,
              const char       *source)
{
  SourceEntry *entry = g_hash_table_lookup (self->entries, source);

  if (entry == NULL)
    {
      entry = g_new0 (SourceEntry, 1);
      g_hash_table_insert (self->entries, g_strdup (source), entry);
    }

  return entry;
}

static void
on_load_progress (guint64  received,
                  guint64  total,
                  gpointer user_data)
{
  LoadRequest *request = user_data;
  SourceEntry *entry = g_hash_table_lookup (request->store->entries, request->source);

  if (entry == NULL || entry->cancellable != request->cancellable)
    return;

  entry->received = received;
  entry->total = total;
  emit_changed (request->store);
}

static void
on_load_finished (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LoadRequest *request = user_data;
  HdrTraplistStore *self = request->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdrTraplist) list = NULL;
  SourceEntry *entry;

  list = hdr_traplist_load_source_finish (result, &error);
  entry = g_hash_table_lookup (self->entries, request->source);

  /* The source was removed, or a newer load replaced this one. */
  if (entry == NULL || entry->cancellable != request->cancellable)
    {
      load_request_free (request);
      return;
    }

  g_clear_object (&entry->cancellable);
  entry->received = 0;
  entry->total = 0;

  if (list != NULL)
    {
      g_set_object (&entry->list, list);
      g_free (entry->error);
      entry->error = g_strdup (hdr_traplist_get_refresh_error (list));
      g_debug ("Trap list %s loaded: %u entries, %u bad lines", request->source,
               hdr_traplist_get_n_entries (list), hdr_traplist_get_n_bad_lines (list));
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Keep the list loaded before, if any: an older list is better than none. */
      g_free (entry->error);
      entry->error = g_strdup (error->message);
      g_debug ("Trap list %s failed to load: %s", request->source, error->message);
    }

  load_request_free (request);
  emit_changed (self);
}

static void
start_load (HdrTraplistStore *self,
            const char       *source,
            gboolean          force)
{
  HdrTraplistDownloadOptions options;
  SourceEntry *entry = lookup_entry (self, source);
  LoadRequest *request;

  if (entry->cancellable != NULL)
    return;

  hdr_traplist_download_options_init (&options);
  options.force = force;
  options.cache_dir = self->cache_dir;
  /* The preferences add a plain http source only after the user confirms
   * the warning, so every http source in the settings was confirmed. */
  options.allow_http = TRUE;

  entry->cancellable = g_cancellable_new ();
  entry->received = 0;
  entry->total = 0;

  request = g_new0 (LoadRequest, 1);
  request->store = g_object_ref (self);
  request->source = g_strdup (source);
  request->cancellable = g_object_ref (entry->cancellable);

  hdr_traplist_load_source_async (source, &options, on_load_progress, request,
                                  entry->cancellable, on_load_finished, request);
}

/* Drop the entries of sources no longer in the settings. */
static void
prune_entries (HdrTraplistStore  *self,
               const char       **sources)
{
  GHashTableIter iter;
  const char *source;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, (gpointer *)&source, NULL))
    if (!g_strv_contains (sources, source))
      g_hash_table_iter_remove (&iter);
}

/**
 * hdr_traplist_store_refresh:
 * @force: download even the lists checked less than an hour ago
 *
 * Loads every source in the settings on worker threads: local files are
 * read, URLs downloaded (or confirmed unchanged) unless @force is %FALSE
 * and they were checked in the last hour.  Does nothing while trap lists
 * are turned off.
 */
void
hdr_traplist_store_refresh (HdrTraplistStore *self,
                            gboolean          force)
{
  g_auto(GStrv) sources = NULL;

  g_return_if_fail (HDR_IS_TRAPLIST_STORE (self));

  if (!g_settings_get_boolean (self->settings, "traplist-enabled"))
    return;

  sources = g_settings_get_strv (self->settings, "traplist-sources");
  prune_entries (self, (const char **)sources);

  for (guint i = 0; sources[i] != NULL; i++)
    start_load (self, sources[i], force);

  emit_changed (self);
}

/**
 * hdr_traplist_store_cancel:
 *
 * Cancels every load in progress.  The lists loaded before stay in use.
 */
void
hdr_traplist_store_cancel (HdrTraplistStore *self)
{
  GHashTableIter iter;
  SourceEntry *entry;

  g_return_if_fail (HDR_IS_TRAPLIST_STORE (self));

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    {
      if (entry->cancellable == NULL)
        continue;

      g_cancellable_cancel (entry->cancellable);
      g_clear_object (&entry->cancellable);
      entry->received = 0;
      entry->total = 0;
    }

  emit_changed (self);
}

static gboolean
on_refresh_timeout (gpointer user_data)
{
  HdrTraplistStore *self = user_data;

  hdr_traplist_store_refresh (self, FALSE);

  return G_SOURCE_CONTINUE;
}

static void
on_settings_changed (GSettings        *settings,
                     const char       *key,
                     HdrTraplistStore *self)
{
  if (g_strcmp0 (key, "traplist-enabled") != 0 && g_strcmp0 (key, "traplist-sources") != 0)
    return;

  if (!g_settings_get_boolean (settings, "traplist-enabled"))
    {
      hdr_traplist_store_cancel (self);
      return;
    }

  hdr_traplist_store_refresh (self, FALSE);
}

static void
hdr_traplist_store_dispose (GObject *object)
{
  HdrTraplistStore *self = HDR_TRAPLIST_STORE (object);

  g_clear_handle_id (&self->refresh_timeout, g_source_remove);
  if (self->entries != NULL)
    g_hash_table_remove_all (self->entries);

  G_OBJECT_CLASS (hdr_traplist_store_parent_class)->dispose (object);
}

static void
hdr_traplist_store_finalize (GObject *object)
{
  HdrTraplistStore *self = HDR_TRAPLIST_STORE (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->cache_dir, g_free);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (hdr_traplist_store_parent_class)->finalize (object);
}

static void
hdr_traplist_store_class_init (HdrTraplistStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hdr_traplist_store_dispose;
  object_class->finalize = hdr_traplist_store_finalize;

  /**
   * HdrTraplistStore::changed:
   *
   * Emitted when a list was loaded or failed, a load started or made
   * progress, or the sources changed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
hdr_traplist_store_init (HdrTraplistStore *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)source_entry_free);
}

/**
 * hdr_traplist_store_new:
 * @settings: settings of the schema io.github.headerinspector.HeaderInspector
 * @cache_dir: (nullable): the folder of downloaded copies; %NULL for the
 *   XDG cache folder
 *
 * Creates a store that follows the trap-list keys of @settings, loads the
 * lists when they are turned on, and refreshes them every hour.
 */
HdrTraplistStore *
hdr_traplist_store_new (GSettings  *settings,
                        const char *cache_dir)
{
  HdrTraplistStore *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (HDR_TYPE_TRAPLIST_STORE, NULL);
  self->settings = g_object_ref (settings);
  self->cache_dir = g_strdup (cache_dir);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self, 0);
  self->refresh_timeout = g_timeout_add_seconds (HDR_TRAPLIST_REFRESH_INTERVAL,
                                                 on_refresh_timeout, self);
  hdr_traplist_store_refresh (self, FALSE);

  return self;
}

/**
 * hdr_traplist_store_get_default:
 *
 * Returns the process's store, created on first use.  The store is %NULL
 * when the GSettings schema is not installed (a build that is run
 * without it, as the window tests do), and trap lists are then off.
 *
 * Returns: (transfer none) (nullable): the store
 */
HdrTraplistStore *
hdr_traplist_store_get_default (void)
{
  static HdrTraplistStore *store;
  static gboolean looked_up;
  GSettingsSchemaSource *schemas;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (looked_up)
    return store;

  looked_up = TRUE;
  schemas = g_settings_schema_source_get_default ();
  if (schemas != NULL)
    schema = g_settings_schema_source_lookup (schemas, SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("Schema %s is not installed; trap lists are off", SCHEMA_ID);
      return NULL;
    }

  settings = g_settings_new_full (schema, NULL, NULL);
  store = hdr_traplist_store_new (settings, NULL);

  return store;
}

GSettings *
hdr_traplist_store_get_settings (HdrTraplistStore *self)
{
  g_return_val_if_fail (HDR_IS_TRAPLIST_STORE (self), NULL);

  return self->settings;
}

/**
 * hdr_traplist_store_dup_lists:
 *
 * Returns: (transfer full) (nullable) (element-type HdrTraplist): the
 *   loaded lists of the sources in the settings, or %NULL when trap lists
 *   are off or none is loaded yet
 */
GPtrArray *
hdr_traplist_store_dup_lists (HdrTraplistStore *self)
{
  g_autoptr(GPtrArray) lists = NULL;
  g_auto(GStrv) sources = NULL;

  g_return_val_if_fail (HDR_IS_TRAPLIST_STORE (self), NULL);

  if (!g_settings_get_boolean (self->settings, "traplist-enabled"))
    return NULL;

  lists = g_ptr_array_new_with_free_func (g_object_unref);
  sources = g_settings_get_strv (self->settings, "traplist-sources");
  for (guint i = 0; sources[i] != NULL; i++)
    {
      SourceEntry *entry = g_hash_table_lookup (self->entries, sources[i]);

      if (entry != NULL && entry->list != NULL)
        g_ptr_array_add (lists, g_object_ref (entry->list));
    }

  if (lists->len == 0)
    return NULL;

  return g_steal_pointer (&lists);
}

/**
 * hdr_traplist_store_is_loading:
 * @received: (out) (optional): bytes downloaded so far by all loads
 * @total: (out) (optional): bytes expected by all loads, 0 when unknown
 *
 * Returns: whether any load is in progress
 */
gboolean
hdr_traplist_store_is_loading (HdrTraplistStore *self,
                               guint64          *received,
                               guint64          *total)
{
  GHashTableIter iter;
  SourceEntry *entry;
  gboolean loading = FALSE;
  guint64 received_sum = 0;
  guint64 total_sum = 0;

  g_return_val_if_fail (HDR_IS_TRAPLIST_STORE (self), FALSE);

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&entry))
    {
      if (entry->cancellable == NULL)
        continue;

      loading = TRUE;
      received_sum += entry->received;
      total_sum += entry->total;
    }

  if (received != NULL)
    *received = received_sum;
  if (total != NULL)
    *total = total_sum;

  return loading;
}

/**
 * hdr_traplist_store_get_list:
 *
 * Returns: (transfer none) (nullable): the last list loaded from @source
 */
HdrTraplist *
hdr_traplist_store_get_list (HdrTraplistStore *self,
                             const char       *source)
{
  SourceEntry *entry;

  g_return_val_if_fail (HDR_IS_TRAPLIST_STORE (self), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  entry = g_hash_table_lookup (self->entries, source);

  return entry != NULL ? entry->list : NULL;
}

/**
 * hdr_traplist_store_get_error:
 *
 * Returns: (nullable): why the last load of @source failed, as a sentence
 */
const char *
hdr_traplist_store_get_error (HdrTraplistStore *self,
                              const char       *source)
{
  SourceEntry *entry;

  g_return_val_if_fail (HDR_IS_TRAPLIST_STORE (self), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  entry = g_hash_table_lookup (self->entries, source);

  return entry != NULL ? entry->error : NULL;
}

gboolean
hdr_traplist_store_is_source_loading (HdrTraplistStore *self,
                                      const char       *source)
{
  SourceEntry *entry;

  g_return_val_if_fail (HDR_IS_TRAPLIST_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  entry = g_hash_table_lookup (self->entries, source);

  return entry != NULL && entry->cancellable != NULL;
}
