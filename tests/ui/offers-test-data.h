/* offers-test-data.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Offers page's tests share: the bank's catalogue from a real
 * sync of the sandbox bank (on a thread of the test), copied into caches
 * that hold one of the synthetic customers (tests/fp-dashboard-test-
 * customers.h), the consents set as the Privacy page sets them, and walks
 * over widget trees.
 */

#pragma once

#include <string.h>

#include <json-glib/json-glib.h>

#include "fp-cache-consent.h"
#include "fp-dashboard-test-customers.h"
#include "fp-sync-engine.h"
#include "net-test-sandbox.h"

/* A cache with what the bank publishes to all: offers with the pricing
 * grid, funds, assumptions, the credit line model, holdings. */
static inline FpCache *
offers_test_sync_bank (const char *tmp_dir)
{
  TestSandbox *sandbox = test_sandbox_start (1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSyncEngine) engine = NULL;
  FpCache *bank = fp_cache_new_ephemeral (tmp_dir, &error);

  g_assert_no_error (error);
  engine = fp_sync_engine_new (bank, sandbox->url);
  fp_sync_engine_set_demo (engine, TRUE);
  fp_sync_engine_set_use_keyring (engine, FALSE);
  g_assert_true (fp_sync_engine_run (engine, NULL, &error));
  g_assert_no_error (error);
  test_sandbox_stop (sandbox);
  return bank;
}

static inline void
offers_test_copy_catalogue (FpCache          *from,
                            FpCache          *to,
                            FpCacheCatalogue  catalogue,
                            const char       *id_member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jsons = fp_cache_list_catalogue (from, catalogue, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < jsons->len; i++)
    {
      g_autoptr(JsonParser) p = json_parser_new ();

      g_assert_true (json_parser_load_from_data (p, g_ptr_array_index (jsons, i), -1, NULL));
      g_ptr_array_add (ids, g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (p)),
                                                                     id_member)));
    }
  g_assert_true (fp_cache_replace_catalogue (to, catalogue, (const char * const *) ids->pdata,
                                             (const char * const *) jsons->pdata, ids->len, NULL, &error));
  g_assert_no_error (error);
}

static inline void
offers_test_copy_docs (FpCache            *from,
                       FpCache            *to,
                       FpCacheCatalogue    catalogue,
                       const char * const *ids)
{
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *json = fp_cache_get_catalogue_item (from, catalogue, ids[i], &error);

      g_assert_no_error (error);
      g_assert_true (fp_cache_upsert_catalogue_item (to, catalogue, ids[i], json, &error));
      g_assert_no_error (error);
    }
}

/* @customer's history and the bank's catalogue in @cache. */
static inline void
offers_test_fill (FpCache        *cache,
                  FpCache        *bank,
                  FpTestCustomer  customer)
{
  static const char * const market[] = { "funds", "capital-market-assumptions", "inflation", NULL };
  static const char * const models[] = { "credit-line", NULL };

  fp_test_fill_customer (cache, customer);
  offers_test_copy_catalogue (bank, cache, FP_CACHE_OFFERS, "offerId");
  offers_test_copy_docs (bank, cache, FP_CACHE_MARKET_DATA, market);
  offers_test_copy_docs (bank, cache, FP_CACHE_MODELS, models);
}

/* Walks @root depth first; @func returns FALSE to stop. */
static inline gboolean
offers_test_walk (GtkWidget *root,
                  gboolean (*func) (GtkWidget *, gpointer),
                  gpointer   data)
{
  if (!func (root, data))
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (!offers_test_walk (c, func, data))
      return FALSE;
  return TRUE;
}
