/* fp-sandbox-holdings.c
 *
 * `GET /v1/holdings`: the holdings of all the customer's investment
 * accounts in one reply, each with its account, at the latest prices, so
 * that a sync fetches them like the balances. The holdings themselves are
 * generated with the accounts (fp-generator.c), in funds of the catalogue's
 * fund universe (matched by ISIN).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-holdings"

#include "config.h"

#include <string.h>

#include "fp-sandbox-private.h"

static void
write_id (FpJsonWriter *w,
          const char   *key,
          const char   *prefix,
          guint32       id)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%s%u", prefix, id);
  fp_json_kv_string (w, key, buf);
}

static void
write_money (FpJsonWriter *w,
             const char   *key,
             gint64        minor,
             const char   *currency)
{
  fp_json_key (w, key);
  fp_json_money (w, minor, currency);
}

static void
write_holding (FpJsonWriter        *w,
               const FpBankAccount *a,
               const FpBankHolding *h)
{
  char qty[48];
  guint64 q = h->quantity_milli < 0 ? (guint64) 0 - (guint64) h->quantity_milli : (guint64) h->quantity_milli;

  g_snprintf (qty, sizeof qty, "%s%" G_GUINT64_FORMAT ".%03u",
              h->quantity_milli < 0 ? "-" : "", q / 1000, (guint) (q % 1000));
  fp_json_begin_object (w);
  write_id (w, "holdingId", "hld_", h->id);
  write_id (w, "accountId", "acc_", a->id);
  fp_json_kv_string (w, "name", h->name);
  fp_json_kv_string (w, "isin", h->isin);
  fp_json_kv_string (w, "assetClass", h->asset_class);
  fp_json_kv_string (w, "quantity", qty);
  write_money (w, "unitPrice", h->unit_price, a->currency);
  write_money (w, "marketValue", h->market_value, a->currency);
  write_money (w, "costBasis", h->cost_basis, a->currency);
  fp_json_end_object (w);
}

/**
 * fp_sandbox_handle_holdings:
 * @req: a request for /v1/holdings
 *
 * Returns: (transfer full): the response
 */
FpSandboxResponse *
fp_sandbox_handle_holdings (FpSandboxRequest *req)
{
  FpBankData *data = req->self->bank->data;
  const guint32 *accounts;
  guint n = 0;
  GString *out;
  FpJsonWriter w;

  if (req->n_segments != 2)
    return fp_sandbox_not_found ();
  req->route = "/v1/holdings";
  if (strcmp (req->method, "GET") != 0)
    return fp_sandbox_method_not_allowed ();

  out = g_string_new (NULL);
  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_key (&w, "holdings");
  fp_json_begin_array (&w);
  accounts = fp_bank_data_get_customer_accounts (data, (guint32) req->customer, &n);
  for (guint i = 0; i < n; i++)
    {
      const FpBankAccount *a = fp_bank_data_get_account (data, accounts[i]);
      const guint32 *ids;
      guint n_ids = 0;

      if (a->kind != FP_BANK_ACCOUNT_INVESTMENT)
        continue;
      ids = fp_bank_data_get_account_holdings (data, a->id, &n_ids);
      for (guint k = 0; k < n_ids; k++)
        write_holding (&w, a, fp_bank_data_get_holding (data, ids[k]));
    }
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}
