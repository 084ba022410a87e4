/* fp-bank-schema.c
 *
 * Reads the bank's replies against the contract (data/api): anything of
 * the wrong type, missing or out of range rejects the whole reply, so that
 * the cache is never touched by half-understood data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-bank-schema.h"
#include "fp-money.h"
#include "fp-net-error.h"

void
fp_feed_page_init (FpFeedPage *page)
{
  memset (page, 0, sizeof *page);
  page->changes = g_array_new (FALSE, TRUE, sizeof (FpTxnChange));
  page->strings = g_ptr_array_new_with_free_func (g_free);
}

void
fp_feed_page_clear (FpFeedPage *page)
{
  g_clear_pointer (&page->changes, g_array_unref);
  g_clear_pointer (&page->strings, g_ptr_array_unref);
}

static gboolean
schema_error (GError     **error,
              const char  *where)
{
  /* The place, never the value: values may be personal. */
  g_debug ("reply violates the contract at %s", where);
  g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_SCHEMA,
                       _("The bank sent data the app does not understand. Nothing was changed."));
  return FALSE;
}

static JsonNode *
member (JsonObject *o,
        const char *name)
{
  return json_object_get_member (o, name);
}

static const char *
get_string (JsonObject *o,
            const char *name,
            gboolean    required,
            gboolean   *ok)
{
  JsonNode *n = member (o, name);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    {
      if (required)
        *ok = FALSE;
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (n);
}

static gboolean
get_int (JsonObject *o,
         const char *name,
         gint64     *out)
{
  JsonNode *n = member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (n);
  return TRUE;
}

static gboolean
get_bool (JsonObject *o,
          const char *name,
          gboolean   *out)
{
  JsonNode *n = member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (n);
  return TRUE;
}

static gboolean
two_digits (const char *p,
            int        *out)
{
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return FALSE;
  *out = (p[0] - '0') * 10 + (p[1] - '0');
  return TRUE;
}

/**
 * fp_bank_parse_time:
 * @text: an RFC 3339 UTC time, "2024-03-15T08:05:00Z"
 * @out_day: (out): yyyymmdd
 * @out_minute: (out): minutes since midnight
 *
 * Returns: %TRUE if @text is a valid UTC date and time
 */
gboolean
fp_bank_parse_time (const char *text,
                    gint32     *out_day,
                    gint32     *out_minute)
{
  int c, y, mo, d, h, mi, s;

  if (text == NULL || strlen (text) != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T'
      || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return FALSE;
  if (!two_digits (text, &c) || !two_digits (text + 2, &y) || !two_digits (text + 5, &mo)
      || !two_digits (text + 8, &d) || !two_digits (text + 11, &h)
      || !two_digits (text + 14, &mi) || !two_digits (text + 17, &s))
    return FALSE;
  y += c * 100;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) mo, (GDateYear) y) || h > 23 || mi > 59 || s > 60)
    return FALSE;
  *out_day = y * 10000 + mo * 100 + d;
  *out_minute = h * 60 + mi;
  return TRUE;
}

/**
 * fp_bank_parse_money:
 * @node: a money object {"amount": "-12.34", "currency": "USD"}
 * @out_minor: (out): the amount in minor units
 * @out_currency: (out): the currency (borrowed)
 *
 * Returns: %TRUE if @node is a valid money object
 */
gboolean
fp_bank_parse_money (JsonNode    *node,
                     gint64      *out_minor,
                     const char **out_currency)
{
  JsonObject *o;
  gboolean ok = TRUE;
  const char *amount, *currency;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  o = json_node_get_object (node);
  amount = get_string (o, "amount", TRUE, &ok);
  currency = get_string (o, "currency", TRUE, &ok);
  if (!ok || strlen (currency) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_isupper (currency[i]))
      return FALSE;
  if (!fp_money_parse (amount, out_minor, NULL))
    return FALSE;
  *out_currency = currency;
  return TRUE;
}

static gboolean
parse_transaction (JsonObject  *t,
                   const char  *change_id,
                   FpTxnChange *c,
                   GPtrArray   *strings)
{
  gboolean ok = TRUE;
  const char *id = get_string (t, "transactionId", TRUE, &ok);
  const char *when = get_string (t, "bookingDateTime", TRUE, &ok);
  const char *description = get_string (t, "description", FALSE, &ok);
  JsonNode *merchant = member (t, "merchant");
  JsonNode *errors = member (t, "errors");

  c->account_id = get_string (t, "accountId", TRUE, &ok);
  c->category = get_string (t, "category", FALSE, &ok);
  c->use_chip = get_string (t, "channel", FALSE, &ok);
  if (!ok || g_strcmp0 (id, change_id) != 0)
    return FALSE;
  if (!fp_bank_parse_time (when, &c->day, &c->minute))
    return FALSE;
  if (!fp_bank_parse_money (member (t, "amount"), &c->amount_minor, &c->currency))
    return FALSE;
  if (!get_bool (t, "isFraud", &c->is_fraud))
    return FALSE;
  c->merchant = description;

  if (merchant != NULL)
    {
      JsonObject *m;
      const char *mcc;

      if (!JSON_NODE_HOLDS_OBJECT (merchant))
        return FALSE;
      m = json_node_get_object (merchant);
      mcc = get_string (m, "merchantCategoryCode", FALSE, &ok);
      c->merchant = get_string (m, "merchantId", FALSE, &ok);
      c->city = get_string (m, "city", FALSE, &ok);
      c->state = get_string (m, "state", FALSE, &ok);
      c->zip = get_string (m, "postCode", FALSE, &ok);
      if (!ok)
        return FALSE;
      if (mcc != NULL)
        {
          guint64 v;

          if (strlen (mcc) != 4 || !g_ascii_string_to_unsigned (mcc, 10, 0, 9999, &v, NULL))
            return FALSE;
          c->mcc = (gint32) v;
        }
    }

  if (errors != NULL)
    {
      JsonArray *a;
      GString *joined = g_string_new (NULL);

      if (!JSON_NODE_HOLDS_ARRAY (errors))
        {
          g_string_free (joined, TRUE);
          return FALSE;
        }
      a = json_node_get_array (errors);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);

          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
            {
              g_string_free (joined, TRUE);
              return FALSE;
            }
          if (i > 0)
            g_string_append_c (joined, ',');
          g_string_append (joined, json_node_get_string (e));
        }
      c->errors = joined->str;
      g_ptr_array_add (strings, g_string_free (joined, FALSE));
    }
  return TRUE;
}

/**
 * fp_feed_page_parse:
 * @root: a reply of GET /v1/transactions
 * @page: an initialised page
 * @error: a #GError
 *
 * Checks the page against the contract and reads its changes. A "created"
 * or "updated" change without its transaction (deleted later in the feed)
 * is skipped: the later deletion settles it.
 *
 * Returns: %TRUE if the whole page is valid
 */
gboolean
fp_feed_page_parse (JsonNode    *root,
                    FpFeedPage  *page,
                    GError     **error)
{
  JsonObject *o;
  JsonNode *changes;
  JsonArray *a;
  gboolean ok = TRUE;
  gint64 prev = -1;

  g_return_val_if_fail (root != NULL && page != NULL && page->changes != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return schema_error (error, "/");
  o = json_node_get_object (root);
  page->next_cursor = get_string (o, "nextCursor", TRUE, &ok);
  if (!ok || *page->next_cursor == '\0' || strlen (page->next_cursor) > 1024)
    return schema_error (error, "/nextCursor");
  if (!get_bool (o, "hasMore", &page->has_more))
    return schema_error (error, "/hasMore");
  if (!get_int (o, "latestSeq", &page->latest_seq) || page->latest_seq < 0)
    return schema_error (error, "/latestSeq");
  changes = member (o, "changes");
  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes))
    return schema_error (error, "/changes");
  a = json_node_get_array (changes);

  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *n = json_array_get_element (a, i);
      JsonObject *co;
      JsonNode *txn;
      const char *kind, *id;
      gint64 seq;
      FpTxnChange c = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (n))
        return schema_error (error, "/changes/i");
      co = json_node_get_object (n);
      if (!get_int (co, "seq", &seq) || seq <= prev || seq > page->latest_seq)
        return schema_error (error, "/changes/i/seq");
      prev = seq;
      if (i == 0)
        page->first_seq = seq;
      page->last_seq = seq;
      kind = get_string (co, "change", TRUE, &ok);
      id = get_string (co, "transactionId", TRUE, &ok);
      if (!ok || *id == '\0')
        return schema_error (error, "/changes/i/transactionId");
      c.id = id;
      txn = member (co, "transaction");
      if (g_strcmp0 (kind, "deleted") == 0)
        c.kind = FP_TXN_DELETED;
      else if (g_strcmp0 (kind, "created") == 0 || g_strcmp0 (kind, "updated") == 0)
        {
          c.kind = g_str_equal (kind, "created") ? FP_TXN_CREATED : FP_TXN_UPDATED;
          if (txn == NULL)
            continue;
          if (!JSON_NODE_HOLDS_OBJECT (txn)
              || !parse_transaction (json_node_get_object (txn), id, &c, page->strings))
            return schema_error (error, "/changes/i/transaction");
        }
      else
        return schema_error (error, "/changes/i/change");
      g_array_append_val (page->changes, c);
    }
  return TRUE;
}
