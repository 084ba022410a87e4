/* fp-transaction-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Activity list's model: every transaction of the cache that matches
 * a filter, newest first, without ever holding them all. It knows only the
 * count; an item asked for belongs to a page of
 * FP_TRANSACTION_MODEL_PAGE_SIZE rows, which is created at once with
 * placeholders and read from the cache in a worker thread. The page's
 * items are filled in place when it arrives (FpTransaction:loaded), so the
 * list never waits for the database. At most FP_TRANSACTION_MODEL_MAX_PAGES
 * pages are kept, the least recently used go first.
 *
 * One page is read at a time, the one asked for last first: when the list
 * is dragged across a million rows, the pages it passed and no longer
 * shows are evicted before they are read. A page next to one that is held
 * is read with a keyset seek from its neighbour's edge row
 * (fp-cache-activity.c), so scrolling costs the same at row 999,000 as at
 * the top; only a jump far from every held page uses an OFFSET.
 *
 * A new filter is counted in a worker thread too; the items stay as they
 * were until the count arrives, then all change at once.
 */

#define G_LOG_DOMAIN "fp-transaction-model"

#include "config.h"

#include <string.h>

#include "fp-cache-activity.h"
#include "fp-transaction-model.h"

typedef struct
{
  guint      index;
  GPtrArray *items;    /* FpTransaction */
  guint64    stamp;
  gboolean   loaded;
} Page;

struct _FpTransactionModel
{
  GObject       parent_instance;

  /* Owned references */
  FpCache      *cache;
  GCancellable *cancellable;
  GHashTable   *pages;          /* index → Page */
  GError       *error;

  FpTxnFilter   filter;         /* the filter of the current items */
  FpTxnFilter   pending;        /* the filter being counted */
  GQueue        wanted;         /* page indexes to read, latest last */
  guint64       stamp;
  guint         n_items;
  guint         generation;     /* bumped whenever the items change */
  guint         count_generation;
  guint         n_fetches;
  gboolean      fetching;
  gboolean      counting;
};

typedef enum {
  FETCH_OFFSET,     /* no neighbour held: OFFSET from the top */
  FETCH_AFTER,      /* seek after the last row of a page above */
  FETCH_BEFORE,     /* seek before the first row of the page below */
} FetchKind;

typedef struct
{
  FpCache     *cache;
  FpTxnFilter  filter;
  guint        generation;
  guint        index;
  FetchKind    kind;
  FpTxnKey     key;           /* the id is owned */
  guint        skip;
  guint        limit;
  guint64      count;
} Job;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FpTransactionModel, fp_transaction_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CACHE,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_fetch (FpTransactionModel *self);

/* ------------------------------------------------------------------ */
/* Filters                                                             */
/* ------------------------------------------------------------------ */

static void
filter_clear (FpTxnFilter *filter)
{
  g_free ((char *) filter->merchant);
  g_free ((char *) filter->account_id);
  g_free ((char *) filter->category);
  memset (filter, 0, sizeof *filter);
}

static void
filter_copy (FpTxnFilter       *dest,
             const FpTxnFilter *src)
{
  FpTxnFilter copy = { 0 };

  if (src != NULL)
    {
      copy = *src;
      copy.merchant = src->merchant != NULL && *src->merchant != '\0' ? g_strdup (src->merchant) : NULL;
      copy.account_id = g_strdup (src->account_id);
      copy.category = g_strdup (src->category);
    }
  filter_clear (dest);
  *dest = copy;
}

/**
 * fp_txn_filter_is_empty:
 * @filter: (nullable): a filter
 *
 * Returns: whether @filter lets every transaction through
 */
gboolean
fp_txn_filter_is_empty (const FpTxnFilter *filter)
{
  return filter == NULL ||
         ((filter->merchant == NULL || *filter->merchant == '\0') &&
          filter->account_id == NULL && filter->category == NULL &&
          filter->day_from <= 0 && filter->day_to <= 0 &&
          !filter->use_amount_min && !filter->use_amount_max);
}

/* ------------------------------------------------------------------ */
/* Jobs in worker threads                                              */
/* ------------------------------------------------------------------ */

static Job *
job_new (FpTransactionModel *self,
         const FpTxnFilter  *filter)
{
  Job *job = g_new0 (Job, 1);

  job->cache = g_object_ref (self->cache);
  filter_copy (&job->filter, filter);
  return job;
}

static void
job_free (Job *job)
{
  g_clear_object (&job->cache);
  filter_clear (&job->filter);
  g_free ((char *) job->key.id);
  g_free (job);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static GWeakRef *
weak_ref_new (FpTransactionModel *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static void
count_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  if (!fp_cache_count_transactions (job->cache, &job->filter, &job->count, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  GPtrArray *rows;

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (job->kind)
    {
    case FETCH_OFFSET:
      rows = fp_cache_list_transactions (job->cache, &job->filter, job->skip, job->limit, &error);
      break;

    case FETCH_AFTER:
      rows = fp_cache_list_transactions_after (job->cache, &job->filter, &job->key,
                                               job->skip, job->limit, &error);
      break;

    case FETCH_BEFORE:
      rows = fp_cache_list_transactions_before (job->cache, &job->filter, &job->key,
                                                job->limit, &error);
      break;

    default:
      g_assert_not_reached ();
    }
  if (rows == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

/* ------------------------------------------------------------------ */
/* Pages                                                               */
/* ------------------------------------------------------------------ */

static void
page_free (Page *page)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static void
clear_pages (FpTransactionModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->wanted);
}

static void
evict_pages (FpTransactionModel *self)
{
  while (g_hash_table_size (self->pages) > FP_TRANSACTION_MODEL_MAX_PAGES)
    {
      GHashTableIter iter;
      Page *page, *oldest = NULL;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &page))
        if (oldest == NULL || page->stamp < oldest->stamp)
          oldest = page;

      g_queue_remove (&self->wanted, GUINT_TO_POINTER (oldest->index));
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
}

static Page *
ensure_page (FpTransactionModel *self,
             guint               index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  guint first, n;

  if (page != NULL)
    return page;

  first = index * FP_TRANSACTION_MODEL_PAGE_SIZE;
  n = MIN (FP_TRANSACTION_MODEL_PAGE_SIZE, self->n_items - first);

  page = g_new0 (Page, 1);
  page->index = index;
  page->items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (page->items, fp_transaction_new_placeholder (first + i));

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  page->stamp = ++self->stamp;
  evict_pages (self);

  g_queue_push_tail (&self->wanted, GUINT_TO_POINTER (index));
  schedule_fetch (self);
  return page;
}

static void
fill_page (Page      *page,
           GPtrArray *rows)
{
  for (guint i = 0; i < page->items->len; i++)
    {
      FpCachedTxn *txn = rows != NULL && i < rows->len ? g_steal_pointer (&rows->pdata[i]) : NULL;

      fp_transaction_fill (g_ptr_array_index (page->items, i), txn);
    }
  page->loaded = TRUE;
}

static void
fetch_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(FpTransactionModel) self = g_weak_ref_get (ref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));
  Page *page;
  gboolean short_page;

  weak_ref_free (ref);
  rows = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL)
    return;

  /* A fetch of items replaced meanwhile no longer counts as the one in
   * flight: apply_count() let the next one start. */
  if (job->generation == self->generation)
    self->fetching = FALSE;

  if (job->generation != self->generation ||
      !(page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (job->index))) ||
      page->loaded)
    {
      schedule_fetch (self);
      return;
    }

  if (rows == NULL)
    g_debug ("Could not read page %u: %s", job->index, error->message);

  self->n_fetches++;
  short_page = rows != NULL && rows->len < page->items->len;
  fill_page (page, rows);

  /* Rows disappeared since the count (a sync removed some): count again. */
  if (short_page)
    fp_transaction_model_reload (self);
  else
    schedule_fetch (self);
}

/* The first or last row of a page that is held and loaded. */
static const FpCachedTxn *
page_edge (FpTransactionModel *self,
           guint               index,
           gboolean            last)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));

  if (page == NULL || !page->loaded || page->items->len == 0)
    return NULL;

  return fp_transaction_get_txn (g_ptr_array_index (page->items, last ? page->items->len - 1 : 0));
}

/* Picks the cheapest way to read @page: a seek from a neighbour the list
 * holds (scrolling down or up), else a seek from the nearest page above
 * plus a skip of the rows in between, else an offset from the top. */
static void
plan_fetch (FpTransactionModel *self,
            Page               *page,
            Job                *job)
{
  const FpCachedTxn *edge = NULL;
  guint above = 0;
  GHashTableIter iter;
  Page *other;

  job->kind = FETCH_OFFSET;
  job->skip = page->index * FP_TRANSACTION_MODEL_PAGE_SIZE;

  if (page->items->len == FP_TRANSACTION_MODEL_PAGE_SIZE &&
      (edge = page_edge (self, page->index + 1, FALSE)) != NULL)
    {
      job->kind = FETCH_BEFORE;
      job->skip = 0;
    }
  else
    {
      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &other))
        {
          const FpCachedTxn *last;

          if (other->index < page->index && other->index + 1 > above &&
              (last = page_edge (self, other->index, TRUE)) != NULL)
            {
              above = other->index + 1;
              edge = last;
            }
        }
      if (edge != NULL)
        {
          job->kind = FETCH_AFTER;
          job->skip = (page->index - above) * FP_TRANSACTION_MODEL_PAGE_SIZE;
        }
    }

  if (edge != NULL)
    {
      job->key.day = edge->day;
      job->key.minute = edge->minute;
      job->key.id = g_strdup (edge->id);
    }
}

static void
schedule_fetch (FpTransactionModel *self)
{
  g_autoptr(GTask) task = NULL;
  Page *page = NULL;
  Job *job;

  if (self->fetching || self->cache == NULL)
    return;

  while (page == NULL && !g_queue_is_empty (&self->wanted))
    {
      guint index = GPOINTER_TO_UINT (g_queue_pop_tail (&self->wanted));

      page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
      if (page != NULL && page->loaded)
        page = NULL;
    }
  if (page == NULL)
    return;

  job = job_new (self, &self->filter);
  job->generation = self->generation;
  job->index = page->index;
  job->limit = page->items->len;
  plan_fetch (self, page, job);

  self->fetching = TRUE;
  task = g_task_new (NULL, self->cancellable, fetch_cb, weak_ref_new (self));
  g_task_set_source_tag (task, schedule_fetch);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, fetch_thread);
}

/* ------------------------------------------------------------------ */
/* Counting                                                            */
/* ------------------------------------------------------------------ */

static void
apply_count (FpTransactionModel *self,
             const FpTxnFilter  *filter,
             guint64             count,
             GError             *error)
{
  guint old_n = self->n_items;

  filter_copy (&self->filter, filter);
  g_clear_error (&self->error);
  self->error = error;
  self->generation++;
  self->fetching = FALSE;
  clear_pages (self);
  self->n_items = (guint) MIN (count, G_MAXUINT);
  self->counting = FALSE;

  if (old_n > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
count_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(FpTransactionModel) self = g_weak_ref_get (ref);
  Job *job = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  weak_ref_free (ref);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    job->count = 0;
  if (self == NULL || job->generation != self->count_generation)
    {
      g_clear_error (&error);
      return;
    }

  if (error != NULL)
    g_debug ("Could not count transactions: %s", error->message);
  apply_count (self, &job->filter, job->count, error);
}

static void
start_count (FpTransactionModel *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  self->count_generation++;

  if (self->cache == NULL)
    {
      apply_count (self, &self->pending, 0, NULL);
      return;
    }

  if (!self->counting)
    {
      self->counting = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  job = job_new (self, &self->pending);
  job->generation = self->count_generation;
  task = g_task_new (NULL, self->cancellable, count_cb, weak_ref_new (self));
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, count_thread);
}

/* ------------------------------------------------------------------ */
/* GListModel                                                          */
/* ------------------------------------------------------------------ */

static GType
fp_transaction_model_get_item_type (GListModel *model)
{
  return FP_TYPE_TRANSACTION;
}

static guint
fp_transaction_model_get_n_items (GListModel *model)
{
  return FP_TRANSACTION_MODEL (model)->n_items;
}

static gpointer
fp_transaction_model_get_item (GListModel *model,
                               guint       position)
{
  FpTransactionModel *self = FP_TRANSACTION_MODEL (model);
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = ensure_page (self, position / FP_TRANSACTION_MODEL_PAGE_SIZE);
  page->stamp = ++self->stamp;
  return g_object_ref (g_ptr_array_index (page->items, position % FP_TRANSACTION_MODEL_PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = fp_transaction_model_get_item_type;
  iface->get_n_items = fp_transaction_model_get_n_items;
  iface->get_item = fp_transaction_model_get_item;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
fp_transaction_model_dispose (GObject *object)
{
  FpTransactionModel *self = FP_TRANSACTION_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  if (self->pages != NULL)
    clear_pages (self);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (fp_transaction_model_parent_class)->dispose (object);
}

static void
fp_transaction_model_finalize (GObject *object)
{
  FpTransactionModel *self = FP_TRANSACTION_MODEL (object);

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  filter_clear (&self->filter);
  filter_clear (&self->pending);

  G_OBJECT_CLASS (fp_transaction_model_parent_class)->finalize (object);
}

static void
fp_transaction_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FpTransactionModel *self = FP_TRANSACTION_MODEL (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->counting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_transaction_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FpTransactionModel *self = FP_TRANSACTION_MODEL (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      fp_transaction_model_set_cache (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_transaction_model_class_init (FpTransactionModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fp_transaction_model_dispose;
  object_class->finalize = fp_transaction_model_finalize;
  object_class->get_property = fp_transaction_model_get_property;
  object_class->set_property = fp_transaction_model_set_property;

  /**
   * FpTransactionModel:cache:
   *
   * The cache the transactions are read from; %NULL for an empty list.
   */
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, FP_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpTransactionModel:n-items:
   *
   * How many transactions match the current filter.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpTransactionModel:loading:
   *
   * Whether a new filter (or cache) is being counted; the items still
   * show the previous one meanwhile.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fp_transaction_model_init (FpTransactionModel *self)
{
  self->cancellable = g_cancellable_new ();
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  g_queue_init (&self->wanted);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

/**
 * fp_transaction_model_new:
 * @cache: (nullable): the cache to read from
 *
 * Creates a model of every transaction of @cache. It is empty until the
 * first count arrives from its worker thread (FpTransactionModel:loading).
 *
 * Returns: (transfer full): a new model
 */
FpTransactionModel *
fp_transaction_model_new (FpCache *cache)
{
  g_return_val_if_fail (cache == NULL || FP_IS_CACHE (cache), NULL);

  return g_object_new (FP_TYPE_TRANSACTION_MODEL, "cache", cache, NULL);
}

/**
 * fp_transaction_model_get_cache:
 * @self: a #FpTransactionModel
 *
 * Returns: (nullable) (transfer none): the cache
 */
FpCache *
fp_transaction_model_get_cache (FpTransactionModel *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION_MODEL (self), NULL);

  return self->cache;
}

/**
 * fp_transaction_model_set_cache:
 * @self: a #FpTransactionModel
 * @cache: (nullable): the cache to read from
 *
 * Reads from @cache from now on, with the same filter.
 */
void
fp_transaction_model_set_cache (FpTransactionModel *self,
                                FpCache            *cache)
{
  g_return_if_fail (FP_IS_TRANSACTION_MODEL (self));
  g_return_if_fail (cache == NULL || FP_IS_CACHE (cache));

  if (!g_set_object (&self->cache, cache))
    return;

  start_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

/**
 * fp_transaction_model_get_filter:
 * @self: a #FpTransactionModel
 *
 * Returns: (transfer none): the filter of the current items
 */
const FpTxnFilter *
fp_transaction_model_get_filter (FpTransactionModel *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION_MODEL (self), NULL);

  return &self->filter;
}

/**
 * fp_transaction_model_set_filter:
 * @self: a #FpTransactionModel
 * @filter: (nullable): which transactions to list; %NULL for all
 *
 * Counts the transactions that match @filter (copied) in a worker thread,
 * then replaces every item.
 */
void
fp_transaction_model_set_filter (FpTransactionModel *self,
                                 const FpTxnFilter  *filter)
{
  g_return_if_fail (FP_IS_TRANSACTION_MODEL (self));

  filter_copy (&self->pending, filter);
  start_count (self);
}

/**
 * fp_transaction_model_reload:
 * @self: a #FpTransactionModel
 *
 * Counts and reads again, for example after a sync changed the cache.
 */
void
fp_transaction_model_reload (FpTransactionModel *self)
{
  g_return_if_fail (FP_IS_TRANSACTION_MODEL (self));

  start_count (self);
}

/**
 * fp_transaction_model_get_loading:
 * @self: a #FpTransactionModel
 *
 * Returns: whether a count is under way
 */
gboolean
fp_transaction_model_get_loading (FpTransactionModel *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION_MODEL (self), FALSE);

  return self->counting;
}

/**
 * fp_transaction_model_get_error:
 * @self: a #FpTransactionModel
 *
 * Returns: (nullable) (transfer none): why the last count failed, if it did
 */
const GError *
fp_transaction_model_get_error (FpTransactionModel *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION_MODEL (self), NULL);

  return self->error;
}

/**
 * fp_transaction_model_get_n_pages:
 * @self: a #FpTransactionModel
 *
 * Returns: how many pages are held in memory (at most
 *   %FP_TRANSACTION_MODEL_MAX_PAGES)
 */
guint
fp_transaction_model_get_n_pages (FpTransactionModel *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION_MODEL (self), 0);

  return g_hash_table_size (self->pages);
}

/**
 * fp_transaction_model_get_n_fetches:
 * @self: a #FpTransactionModel
 *
 * Returns: how many pages have been read from the cache so far
 */
guint
fp_transaction_model_get_n_fetches (FpTransactionModel *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION_MODEL (self), 0);

  return self->n_fetches;
}
