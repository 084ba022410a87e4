/* fp-sync-feed.c
 *
 * The sync engine's change-feed phase (see fp-sync-engine.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-bank-schema.h"
#include "fp-cache-private.h"
#include "fp-http-client.h"
#include "fp-http-policy.h"
#include "fp-json-strict.h"
#include "fp-net-error.h"
#include "fp-net-private.h"
#include "fp-oauth-client.h"
#include "fp-sync-engine-private.h"

/* The transaction change feed
 *
 * A fetcher thread with its own HTTP client downloads and checks the next
 * pages (at most FEED_AHEAD ahead) while this thread writes the previous
 * ones: the bank, json-glib and SQLCipher work at the same time. The pages
 * that have arrived (up to FEED_BATCH) are written in ONE database
 * transaction together with the cursor after the last of them, so the
 * cache always holds whole pages with their cursor. The order of writes
 * is the feed's; only what was written counts, so a crash or an error
 * anywhere still resumes from the cache's cursor. */

#define FEED_AHEAD 4
#define FEED_BATCH 4

typedef struct {
  JsonNode   *root;
  FpFeedPage  page;
  GError     *error;
  GHashTable *accounts;   /* borrowed: the accounts the bank listed */
} FetchedPage;

/* Reads a reply of the feed straight into the page (see
 * _fp_feed_page_parse_bytes()); called again for each attempt. A page
 * that books onto an account the bank never listed is refused whole. */
static gboolean
check_feed_page (const char  *data,
                 gsize        len,
                 gpointer     user_data,
                 GError     **error)
{
  FetchedPage *item = user_data;

  fp_feed_page_clear (&item->page);
  fp_feed_page_init (&item->page);
  if (!_fp_feed_page_parse_bytes (data, len, FP_HTTP_MAX_PAGE_BYTES, &item->page, error))
    return FALSE;
  for (guint i = 0; i < item->page.changes->len; i++)
    {
      const FpTxnChange *c = &g_array_index (item->page.changes, FpTxnChange, i);

      if (c->kind != FP_TXN_DELETED && !g_hash_table_contains (item->accounts, c->account_id))
        {
          g_debug ("feed page refused: change %u names an account the bank did not list", i);
          g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                               _("The bank sent transactions of an account it did not list. Nothing was changed."));
          return FALSE;
        }
    }
  return TRUE;
}

static void
fetched_page_free (FetchedPage *f)
{
  fp_feed_page_clear (&f->page);
  g_clear_pointer (&f->root, json_node_unref);
  g_clear_error (&f->error);
  g_free (f);
}

typedef struct {
  char         *base_url;
  char         *access_token;
  char         *cursor;
  guint         page_size;
  guint         max_attempts;
  guint         base_ms;
  guint         cap_ms;
  guint         request_ms;
  gint64        started;       /* the sync's start, monotonic µs */
  gint64        deadline;      /* the sync's deadline so far */
  gint64        sync_ms;
  gint64        per_page_ms;
  GHashTable   *accounts;
  GCancellable *cancellable;
  GMutex        lock;
  GCond         cond;
  GQueue        queue;
  GQueue        garbage;   /* applied pages, freed by the fetcher */
  gboolean      done;
  gboolean      stop;
  guint64       n_requests;
  FpBreaker     breaker;
} Fetcher;

static void
fetcher_push (Fetcher     *f,
              FetchedPage *item,
              gboolean     last)
{
  g_mutex_lock (&f->lock);
  g_queue_push_tail (&f->queue, item);
  if (last)
    f->done = TRUE;
  g_cond_broadcast (&f->cond);
  g_mutex_unlock (&f->lock);
}

static gpointer
fetcher_thread (gpointer data)
{
  Fetcher *f = data;
  g_autoptr(FpHttpClient) http = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = g_strdup (f->cursor);
  gboolean first = TRUE;

  http = fp_http_client_new (f->base_url, &error);
  if (http == NULL)
    {
      FetchedPage *item = g_new0 (FetchedPage, 1);

      item->error = g_steal_pointer (&error);
      fetcher_push (f, item, TRUE);
      return NULL;
    }
  fp_http_client_set_retry (http, f->max_attempts, f->base_ms, f->cap_ms);
  fp_http_client_set_request_timeout (http, f->request_ms);
  fp_http_client_set_deadline (http, f->deadline);
  fp_http_client_set_access_token (http, f->access_token);
  fp_http_client_restore_breaker (http, &f->breaker);

  for (;;)
    {
      FetchedPage *item;
      FpHttpReply *reply;
      g_autofree char *path = NULL;
      gboolean last;

      GQueue garbage = G_QUEUE_INIT;

      g_mutex_lock (&f->lock);
      while (f->queue.length >= FEED_AHEAD && !f->stop)
        g_cond_wait (&f->cond, &f->lock);
      /* Pages were allocated on this thread: freeing them here keeps the
       * writing thread free for the cache. */
      garbage = f->garbage;
      g_queue_init (&f->garbage);
      if (f->stop)
        {
          f->done = TRUE;
          g_cond_broadcast (&f->cond);
          g_mutex_unlock (&f->lock);
          g_queue_clear_full (&garbage, (GDestroyNotify) fetched_page_free);
          break;
        }
      g_mutex_unlock (&f->lock);
      g_queue_clear_full (&garbage, (GDestroyNotify) fetched_page_free);

      if (cursor != NULL)
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

          path = g_strdup_printf ("v1/transactions?limit=%u&cursor=%s", f->page_size, escaped);
        }
      else
        path = g_strdup_printf ("v1/transactions?limit=%u", f->page_size);

      item = g_new0 (FetchedPage, 1);
      item->accounts = f->accounts;
      fp_feed_page_init (&item->page);
      reply = _fp_http_client_get_checked (http, path, FP_HTTP_MAX_PAGE_BYTES, check_feed_page, item,
                                           f->cancellable, &item->error);
      if (reply != NULL && item->page.has_more && item->page.last_seq == 0)
        _fp_sync_schema_error (&item->error, "/hasMore");
      if (reply != NULL && first && item->page.last_seq > 0)
        {
          /* Now the feed's size is known: time for the pages to come,
           * within MAX_SYNC_MS whatever the bank claims. */
          gint64 pages = (item->page.latest_seq - item->page.first_seq) / MAX (f->page_size, 1) + 1;
          gint64 ms = f->sync_ms + f->per_page_ms * MIN (pages, MAX_FEED_PAGES);
          gint64 extended = f->started + MIN (ms, MAX (MAX_SYNC_MS, f->sync_ms)) * 1000;

          if (extended > f->deadline)
            {
              f->deadline = extended;
              fp_http_client_set_deadline (http, extended);
            }
        }
      first = FALSE;
      g_clear_pointer (&reply, fp_http_reply_free);
      last = item->error != NULL || !item->page.has_more;
      if (!last)
        {
          g_free (cursor);
          cursor = g_strdup (item->page.next_cursor);
        }
      fetcher_push (f, item, last);
      if (last)
        break;
    }
  f->n_requests = fp_http_client_get_n_attempts (http);
  fp_http_client_save_breaker (http, &f->breaker);
  return NULL;
}

static void
cancel_cb (GCancellable *parent,
           gpointer      data)
{
  g_cancellable_cancel (data);
}

gboolean
_fp_sync_engine_sync_feed (FpSyncEngine  *self,
                           FpHttpClient  *http,
                           FpOAuthClient *oauth,
                           gint64         started,
                           gint64         deadline,
                           guint64       *out_requests,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(GError) local = NULL;
  Fetcher f = { 0 };
  g_autofree char *refresh = NULL;
  GThread *thread;
  gint64 start_seq = -1;
  gint64 expires = 0;
  gulong cancel_id = 0;
  gboolean ok = FALSE;
  gint64 wait_us = 0, apply_us = 0, t;
  guint n_batches = 0, n_pages = 0;
  GPtrArray *batch;
  GArray *changes;
  gboolean finished = FALSE;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);

  /* The accounts the bank listed (the catalogues come first). */
  accounts = fp_cache_list_catalogue_ids (self->cache, FP_CACHE_ACCOUNTS, error);
  if (accounts == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len; i++)
    g_hash_table_add (known, g_ptr_array_index (accounts, i));

  f.cursor = fp_cache_get_cursor (self->cache, FEED_RESOURCE, &local);
  if (f.cursor == NULL && local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  f.accounts = known;
  f.request_ms = self->request_ms;
  f.started = started;
  f.deadline = deadline;
  f.sync_ms = self->sync_ms;
  f.per_page_ms = self->per_page_ms;
  f.base_url = self->base_url;
  fp_oauth_client_export_tokens (oauth, &f.access_token, &refresh, &expires);
  f.page_size = self->page_size;
  f.max_attempts = self->max_attempts;
  f.base_ms = self->base_ms;
  f.cap_ms = self->cap_ms;
  fp_http_client_save_breaker (http, &f.breaker);
  f.cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (cancel_cb),
                                       g_object_ref (f.cancellable), g_object_unref);
  g_mutex_init (&f.lock);
  g_cond_init (&f.cond);
  g_queue_init (&f.queue);
  g_queue_init (&f.garbage);
  thread = g_thread_new ("fp-sync-fetch", fetcher_thread, &f);

  batch = g_ptr_array_new ();
  changes = g_array_new (FALSE, FALSE, sizeof (FpTxnChange));
  while (!finished)
    {
      FetchedPage *last = NULL;
      GError *fetch_error = NULL;

      /* Take what has arrived, up to FEED_BATCH pages (at least one). */
      t = g_get_monotonic_time ();
      g_mutex_lock (&f.lock);
      while (f.queue.length == 0 && !f.done)
        g_cond_wait (&f.cond, &f.lock);
      while (f.queue.length > 0 && batch->len < FEED_BATCH)
        {
          FetchedPage *item = g_queue_pop_head (&f.queue);

          g_ptr_array_add (batch, item);
          if (item->error != NULL || !item->page.has_more)
            break;
        }
      g_cond_broadcast (&f.cond);
      g_mutex_unlock (&f.lock);
      wait_us += g_get_monotonic_time () - t;

      if (batch->len == 0)
        {
          /* The fetcher stopped without a last page: only on cancel. */
          g_cancellable_set_error_if_cancelled (f.cancellable, error);
          break;
        }

      g_array_set_size (changes, 0);
      for (guint i = 0; i < batch->len; i++)
        {
          FetchedPage *item = g_ptr_array_index (batch, i);

          if (item->error != NULL)
            {
              fetch_error = item->error;
              break;
            }
          g_array_append_vals (changes, item->page.changes->data, item->page.changes->len);
          n_pages++;
          if (start_seq < 0)
            start_seq = item->page.last_seq > 0 ? item->page.first_seq - 1 : item->page.latest_seq;
          last = item;
        }

      /* The pages before an error are good: keep them. */
      if (last != NULL)
        {
          t = g_get_monotonic_time ();
          if (!fp_cache_apply_changes (self->cache, FEED_RESOURCE,
                                       (const FpTxnChange *) (gpointer) changes->data,
                                       changes->len, last->page.next_cursor, error))
            break;
          apply_us += g_get_monotonic_time () - t;
          n_batches++;
          _fp_sync_engine_report_progress (self,
                           (guint64) MAX (0, MAX (last->page.last_seq, start_seq) - start_seq),
                           (guint64) MAX (0, last->page.latest_seq - start_seq));
          if (fetch_error == NULL && !last->page.has_more)
            {
              ok = TRUE;
              finished = TRUE;
            }
        }
      if (fetch_error != NULL)
        {
          g_propagate_error (error, g_error_copy (fetch_error));
          break;
        }

      g_mutex_lock (&f.lock);
      for (guint i = 0; i < batch->len; i++)
        g_queue_push_tail (&f.garbage, g_ptr_array_index (batch, i));
      g_mutex_unlock (&f.lock);
      g_ptr_array_set_size (batch, 0);
    }
  g_ptr_array_foreach (batch, (GFunc) fetched_page_free, NULL);
  g_ptr_array_unref (batch);
  g_array_unref (changes);

  /* A first sync may have deferred the transaction indexes: build them
   * now (also after an error: the pages written are there to be read). */
  t = g_get_monotonic_time ();
  if (!_fp_cache_end_bulk_load (self->cache, ok ? error : NULL))
    ok = FALSE;
  apply_us += g_get_monotonic_time () - t;

  g_debug ("feed: %u pages in %u database transactions; %.2f s writing to the cache, "
           "%.2f s waiting for the bank", n_pages, n_batches, (double) apply_us / G_USEC_PER_SEC, (double) wait_us / G_USEC_PER_SEC);

  /* Stop the fetcher and drop what it fetched ahead. */
  g_mutex_lock (&f.lock);
  f.stop = TRUE;
  g_cond_broadcast (&f.cond);
  g_mutex_unlock (&f.lock);
  if (!ok)
    g_cancellable_cancel (f.cancellable);
  g_thread_join (thread);
  fp_http_client_restore_breaker (http, &f.breaker);
  g_queue_clear_full (&f.queue, (GDestroyNotify) fetched_page_free);
  g_queue_clear_full (&f.garbage, (GDestroyNotify) fetched_page_free);
  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);
  g_object_unref (f.cancellable);
  g_mutex_clear (&f.lock);
  g_cond_clear (&f.cond);
  *out_requests += f.n_requests;
  _fp_sync_wipe_free (&f.access_token);
  _fp_sync_wipe_free (&refresh);
  g_free (f.cursor);
  return ok;
}
