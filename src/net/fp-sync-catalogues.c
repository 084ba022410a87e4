/* fp-sync-catalogues.c
 *
 * The sync engine's catalogue phase: accounts, cards, products and the
 * other lists, the market data and the models, with ETags where the bank
 * gives them (see fp-sync-engine.c).
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

/* Catalogues */

typedef struct {
  FpCacheCatalogue catalogue;
  const char      *path;
  const char      *array;      /* NULL: the document is one item */
  const char      *id_member;
} ListSpec;

static const ListSpec list_specs[] = {
  { FP_CACHE_ACCOUNTS, "v1/accounts", "accounts", "accountId" },
  { FP_CACHE_BALANCES, "v1/balances", "accounts", "accountId" },
  { FP_CACHE_CARDS,    "v1/cards",    "cards",    "cardId" },
  { FP_CACHE_OFFERS,   "v1/offers",   "offers",   "offerId" },
  { FP_CACHE_CONSENTS, "v1/consents", "consents", "consentId" },
  { FP_CACHE_HOLDINGS, "v1/holdings", "holdings", "holdingId" },
};

typedef struct {
  const char *id;
  const char *path;
} DocSpec;

static const DocSpec market_docs[] = {
  { "indices", "v1/market-data/indices" },
  { "capital-market-assumptions", "v1/market-data/capital-market-assumptions" },
  { "inflation", "v1/market-data/inflation" },
  { "funds", "v1/market-data/funds" },
};

static const DocSpec model_docs[] = {
  { "index", "v1/models" },
  { "segments", "v1/models/segments" },
  { "health-score", "v1/models/health-score" },
  { "credit-line", "v1/models/credit-line" },
};

gboolean
_fp_sync_schema_error (GError     **error,
                       const char  *where)
{
  g_debug ("reply violates the contract at %s", where);
  g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                       _("The bank sent data the app does not understand. Nothing was changed."));
  return FALSE;
}

static gboolean
sync_list (FpSyncEngine   *self,
           FpHttpClient   *http,
           const ListSpec *spec,
           GCancellable   *cancellable,
           GError        **error)
{
  const char *resource = fp_cache_catalogue_to_resource (spec->catalogue);
  g_autofree char *old_etag = fp_cache_get_etag (self->cache, resource, NULL);
  g_autofree char *etag = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) jsons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local = NULL;
  gboolean not_modified = FALSE;
  JsonNode *array;
  JsonArray *a;

  root = fp_http_client_get_json (http, spec->path, old_etag, FP_HTTP_MAX_CATALOGUE_BYTES,
                                  &etag, &not_modified, cancellable, &local);
  if (root == NULL && not_modified)
    {
      g_debug ("%s not modified", resource);
      return TRUE;
    }
  if (root == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return _fp_sync_schema_error (error, spec->path);
  array = json_object_get_member (json_node_get_object (root), spec->array);
  if (array == NULL || !JSON_NODE_HOLDS_ARRAY (array))
    return _fp_sync_schema_error (error, spec->path);
  a = json_node_get_array (array);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *item = json_array_get_element (a, i);
      JsonNode *id;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return _fp_sync_schema_error (error, spec->path);
      id = json_object_get_member (json_node_get_object (item), spec->id_member);
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING
          || *json_node_get_string (id) == '\0'
          || g_hash_table_contains (seen, json_node_get_string (id)))
        return _fp_sync_schema_error (error, spec->path);
      g_hash_table_add (seen, (gpointer) json_node_get_string (id));
      g_ptr_array_add (ids, (gpointer) json_node_get_string (id));
      /* json-glib 1.6 writes 1e-08 as "1e-08.0": stored as JSON. */
      g_ptr_array_add (jsons, fp_json_fix_exponents (json_to_string (item, FALSE)));
    }
  return fp_cache_replace_catalogue (self->cache, spec->catalogue,
                                     (const char * const *) ids->pdata,
                                     (const char * const *) jsons->pdata,
                                     ids->len, etag, error);
}

/* A catalogue of whole documents (market data, models): each has its own
 * ETag; the cache keeps them joined by newlines. */
static gboolean
sync_docs (FpSyncEngine     *self,
           FpHttpClient     *http,
           FpCacheCatalogue  catalogue,
           const DocSpec    *docs,
           guint             n_docs,
           GCancellable     *cancellable,
           GError          **error)
{
  const char *resource = fp_cache_catalogue_to_resource (catalogue);
  g_autofree char *old_joined = fp_cache_get_etag (self->cache, resource, NULL);
  g_auto(GStrv) old_etags = old_joined != NULL ? g_strsplit (old_joined, "\n", -1) : NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) jsons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) joined = g_string_new (NULL);
  gboolean changed = FALSE;

  if (old_etags != NULL && g_strv_length (old_etags) != n_docs)
    g_clear_pointer (&old_etags, g_strfreev);

  for (guint i = 0; i < n_docs; i++)
    {
      const char *old = old_etags != NULL && *old_etags[i] != '\0' ? old_etags[i] : NULL;
      g_autofree char *etag = NULL;
      g_autoptr(JsonNode) root = NULL;
      gboolean not_modified = FALSE;
      char *text;

      root = fp_http_client_get_json (http, docs[i].path, old, FP_HTTP_MAX_CATALOGUE_BYTES,
                                      &etag, &not_modified, cancellable, error);
      if (root == NULL && !not_modified)
        return FALSE;
      if (not_modified)
        {
          text = fp_cache_get_catalogue_item (self->cache, catalogue, docs[i].id, NULL);
          if (text == NULL)
            {
              /* The cache lost it: ask again without the ETag. */
              g_clear_pointer (&etag, g_free);
              root = fp_http_client_get_json (http, docs[i].path, NULL, FP_HTTP_MAX_CATALOGUE_BYTES,
                                              &etag, NULL, cancellable, error);
              if (root == NULL)
                return FALSE;
            }
        }
      if (root != NULL)
        {
          if (!JSON_NODE_HOLDS_OBJECT (root))
            return _fp_sync_schema_error (error, docs[i].path);
          text = fp_json_fix_exponents (json_to_string (root, FALSE));
          changed = TRUE;
        }
      g_ptr_array_add (ids, (gpointer) docs[i].id);
      g_ptr_array_add (jsons, text);
      if (i > 0)
        g_string_append_c (joined, '\n');
      if (etag != NULL && strchr (etag, '\n') == NULL)
        g_string_append (joined, etag);
    }
  if (!changed)
    return TRUE;
  return fp_cache_replace_catalogue (self->cache, catalogue,
                                     (const char * const *) ids->pdata,
                                     (const char * const *) jsons->pdata,
                                     ids->len, joined->str, error);
}

gboolean
_fp_sync_engine_sync_catalogues (FpSyncEngine  *self,
                                 FpHttpClient  *http,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_specs); i++)
    if (!sync_list (self, http, &list_specs[i], cancellable, error))
      return FALSE;
  if (!sync_docs (self, http, FP_CACHE_MARKET_DATA, market_docs, G_N_ELEMENTS (market_docs),
                  cancellable, error))
    return FALSE;
  return sync_docs (self, http, FP_CACHE_MODELS, model_docs, G_N_ELEMENTS (model_docs),
                    cancellable, error);
}
