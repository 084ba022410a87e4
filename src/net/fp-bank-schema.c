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
#include "fp-http-policy.h"
#include "fp-money.h"
#include "fp-net-error.h"
#include "fp-net-private.h"

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

/* The contract's Transaction.status; the state comes from core's one
 * rule, fp_txn_state_from_feed(), once the errors are known. */
static gboolean
is_status (const char *status)
{
  return g_strcmp0 (status, "Booked") == 0 || g_strcmp0 (status, "Pending") == 0 ||
         g_strcmp0 (status, "Declined") == 0;
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
  const char *status = get_string (t, "status", TRUE, &ok);
  JsonNode *merchant = member (t, "merchant");
  JsonNode *errors = member (t, "errors");
  guint n_errors = 0;

  c->account_id = get_string (t, "accountId", TRUE, &ok);
  c->card_id = get_string (t, "cardId", FALSE, &ok);
  c->category = get_string (t, "category", FALSE, &ok);
  c->use_chip = get_string (t, "channel", FALSE, &ok);
  if (!ok || g_strcmp0 (id, change_id) != 0 || !is_status (status))
    return FALSE;
  if (!fp_bank_parse_time (when, &c->day, &c->minute))
    return FALSE;
  if (!fp_bank_parse_money (member (t, "amount"), &c->amount_minor, &c->currency))
    return FALSE;
  if (!get_bool (t, "isFraud", &c->is_fraud))
    return FALSE;
  c->merchant = description;
  c->merchant_name = description;

  if (merchant != NULL)
    {
      JsonObject *m;
      const char *mcc;
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (merchant))
        return FALSE;
      m = json_node_get_object (merchant);
      mcc = get_string (m, "merchantCategoryCode", FALSE, &ok);
      name = get_string (m, "name", FALSE, &ok);
      if (name != NULL)
        c->merchant_name = name;
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
      n_errors = json_array_get_length (a);
      c->errors = joined->str;
      g_ptr_array_add (strings, g_string_free (joined, FALSE));
    }
  c->txn_state = fp_txn_state_from_feed (status, n_errors);
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

/* The change feed without json-glib
 *
 * A page of 1000 changes is ~450 KB of JSON; json-glib 1.6 reads ~42 MB/s
 * and allocates a node and a hash table per value, which made parsing the
 * feed the bottleneck of a first sync. This reader is strict RFC 8259
 * JSON into one flat array of nodes (no allocation per value), strings
 * unescaped in place in one copy of the body, then the same contract walk
 * as fp_feed_page_parse(): members looked up by name, unknown members
 * ignored, null only where a member is optional. The strict JSON rule
 * (_fp_json_check_reply()) runs first, as on the json-glib path: no name
 * twice in an object, no NUL, numbers in range, nesting bounded. */

typedef enum {
  J_NULL,
  J_BOOL,
  J_INT,
  J_NUMBER,   /* not an integer, or outside gint64 */
  J_STRING,
  J_ARRAY,
  J_OBJECT,
} JType;

typedef struct {
  JType       type;
  guint32     next;     /* next sibling, 0 for none */
  guint32     child;    /* first child of an array or object, 0 for none */
  const char *key;      /* member name inside an object */
  const char *str;
  gint64      num;      /* J_INT value, J_BOOL 0/1 */
} JNode;

typedef struct {
  char   *p;
  char   *end;
  GArray *nodes;   /* of JNode; node 0 is the root */
} JReader;

static inline void
skip_ws (JReader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* At the opening quote; unescapes in place and NUL-terminates. */
static const char *
read_string (JReader *r)
{
  char *in = r->p + 1;
  char *out = in;
  char *start = in;

  for (;;)
    {
      unsigned char c;

      if (in >= r->end)
        return NULL;
      c = (unsigned char) *in;
      if (c == '"')
        break;
      if (c < 0x20)
        return NULL;
      if (c != '\\')
        {
          *out++ = *in++;
          continue;
        }
      if (in + 1 >= r->end)
        return NULL;
      switch (in[1])
        {
        case '"': *out++ = '"'; in += 2; break;
        case '\\': *out++ = '\\'; in += 2; break;
        case '/': *out++ = '/'; in += 2; break;
        case 'b': *out++ = '\b'; in += 2; break;
        case 'f': *out++ = '\f'; in += 2; break;
        case 'n': *out++ = '\n'; in += 2; break;
        case 'r': *out++ = '\r'; in += 2; break;
        case 't': *out++ = '\t'; in += 2; break;
        case 'u':
          {
            gunichar u;
            int hi, lo;

            if (r->end - in < 6 || (hi = hex4 (in + 2)) < 0)
              return NULL;
            in += 6;
            if (hi >= 0xd800 && hi <= 0xdbff)
              {
                if (r->end - in < 6 || in[0] != '\\' || in[1] != 'u'
                    || (lo = hex4 (in + 2)) < 0xdc00 || lo > 0xdfff)
                  return NULL;
                in += 6;
                u = 0x10000 + (((gunichar) hi - 0xd800) << 10) + ((gunichar) lo - 0xdc00);
              }
            else if ((hi >= 0xdc00 && hi <= 0xdfff) || hi == 0)
              return NULL;
            else
              u = (gunichar) hi;
            /* Never longer than the escape it replaces. */
            out += g_unichar_to_utf8 (u, out);
            break;
          }
        default:
          return NULL;
        }
    }
  *out = '\0';
  r->p = in + 1;
  return start;
}

static gboolean
read_number (JReader *r,
             JNode   *node)
{
  const char *p = r->p;
  gboolean negative = FALSE, integer = TRUE, overflow = FALSE;
  guint64 value = 0;

  if (p < r->end && *p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (p >= r->end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0')
    p++;
  else
    while (p < r->end && g_ascii_isdigit (*p))
      {
        if (value > (G_MAXUINT64 - 9) / 10)
          overflow = TRUE;
        else
          value = value * 10 + (guint64) (*p - '0');
        p++;
      }
  if (p < r->end && *p == '.')
    {
      integer = FALSE;
      p++;
      if (p >= r->end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < r->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < r->end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      p++;
      if (p < r->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= r->end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < r->end && g_ascii_isdigit (*p))
        p++;
    }
  r->p = (char *) p;
  if (integer && !overflow && value <= (guint64) G_MAXINT64)
    {
      node->type = J_INT;
      node->num = negative ? -(gint64) value : (gint64) value;
    }
  else
    node->type = J_NUMBER;
  return TRUE;
}

static gboolean
literal (JReader    *r,
         const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (r->end - r->p) < n || memcmp (r->p, word, n) != 0)
    return FALSE;
  r->p += n;
  return TRUE;
}

/* Reads one value into a new node; returns its index, or 0 on error (the
 * root is read by the caller at index 0). */
static gboolean read_value (JReader *r, guint32 index, guint depth);

static guint32
new_node (JReader *r)
{
  JNode node = { 0 };

  g_array_append_val (r->nodes, node);
  return r->nodes->len - 1;
}

#define NODE(r, i) (&g_array_index ((r)->nodes, JNode, (i)))

static gboolean
read_container (JReader *r,
                guint32  index,
                guint    depth,
                gboolean object)
{
  char close = object ? '}' : ']';
  guint32 prev = 0;

  if (depth > FP_JSON_MAX_DEPTH)
    return FALSE;
  NODE (r, index)->type = object ? J_OBJECT : J_ARRAY;
  r->p++;
  skip_ws (r);
  if (r->p < r->end && *r->p == close)
    {
      r->p++;
      return TRUE;
    }
  for (;;)
    {
      const char *key = NULL;
      guint32 child;

      skip_ws (r);
      if (object)
        {
          if (r->p >= r->end || *r->p != '"' || (key = read_string (r)) == NULL)
            return FALSE;
          skip_ws (r);
          if (r->p >= r->end || *r->p != ':')
            return FALSE;
          r->p++;
          skip_ws (r);
        }
      child = new_node (r);
      NODE (r, child)->key = key;
      if (!read_value (r, child, depth + 1))
        return FALSE;
      if (prev == 0)
        NODE (r, index)->child = child;
      else
        NODE (r, prev)->next = child;
      prev = child;
      skip_ws (r);
      if (r->p >= r->end)
        return FALSE;
      if (*r->p == close)
        {
          r->p++;
          return TRUE;
        }
      if (*r->p != ',')
        return FALSE;
      r->p++;
    }
}

static gboolean
read_value (JReader *r,
            guint32  index,
            guint    depth)
{
  if (r->p >= r->end)
    return FALSE;
  switch (*r->p)
    {
    case '{':
      return read_container (r, index, depth, TRUE);
    case '[':
      return read_container (r, index, depth, FALSE);
    case '"':
      {
        const char *s = read_string (r);

        if (s == NULL)
          return FALSE;
        NODE (r, index)->type = J_STRING;
        NODE (r, index)->str = s;
        return TRUE;
      }
    case 't':
      NODE (r, index)->type = J_BOOL;
      NODE (r, index)->num = 1;
      return literal (r, "true");
    case 'f':
      NODE (r, index)->type = J_BOOL;
      return literal (r, "false");
    case 'n':
      NODE (r, index)->type = J_NULL;
      return literal (r, "null");
    default:
      return read_number (r, NODE (r, index));
    }
}

/* The member @name of object @o (there is at most one), or NULL. */
static const JNode *
j_member (const JReader *r,
          const JNode   *o,
          const char    *name)
{
  if (o == NULL || o->type != J_OBJECT)
    return NULL;
  for (guint32 i = o->child; i != 0; i = NODE (r, i)->next)
    if (strcmp (NODE (r, i)->key, name) == 0)
      return NODE (r, i);
  return NULL;
}

static const char *
j_string (const JReader *r,
          const JNode   *o,
          const char    *name,
          gboolean       required,
          gboolean      *ok)
{
  const JNode *n = j_member (r, o, name);

  if (n == NULL || n->type == J_NULL)
    {
      if (required)
        *ok = FALSE;
      return NULL;
    }
  if (n->type != J_STRING)
    {
      *ok = FALSE;
      return NULL;
    }
  return n->str;
}

static gboolean
j_int (const JReader *r,
       const JNode   *o,
       const char    *name,
       gint64        *out)
{
  const JNode *n = j_member (r, o, name);

  if (n == NULL || n->type != J_INT)
    return FALSE;
  *out = n->num;
  return TRUE;
}

static gboolean
j_bool (const JReader *r,
        const JNode   *o,
        const char    *name,
        gboolean      *out)
{
  const JNode *n = j_member (r, o, name);

  if (n == NULL || n->type != J_BOOL)
    return FALSE;
  *out = n->num != 0;
  return TRUE;
}

/* As parse_transaction(), on the reader's nodes. */
static gboolean
j_transaction (const JReader *r,
               const JNode   *t,
               const char    *change_id,
               FpTxnChange   *c,
               GPtrArray     *strings)
{
  gboolean ok = TRUE;
  const char *id = j_string (r, t, "transactionId", TRUE, &ok);
  const char *when = j_string (r, t, "bookingDateTime", TRUE, &ok);
  const char *description = j_string (r, t, "description", FALSE, &ok);
  const char *status = j_string (r, t, "status", TRUE, &ok);
  const JNode *merchant = j_member (r, t, "merchant");
  const JNode *errors = j_member (r, t, "errors");
  const JNode *money = j_member (r, t, "amount");
  const char *amount, *currency;
  guint n_errors = 0;

  c->account_id = j_string (r, t, "accountId", TRUE, &ok);
  c->card_id = j_string (r, t, "cardId", FALSE, &ok);
  c->category = j_string (r, t, "category", FALSE, &ok);
  c->use_chip = j_string (r, t, "channel", FALSE, &ok);
  if (!ok || g_strcmp0 (id, change_id) != 0 || !is_status (status))
    return FALSE;
  if (!fp_bank_parse_time (when, &c->day, &c->minute))
    return FALSE;

  /* fp_bank_parse_money() */
  if (money == NULL || money->type != J_OBJECT)
    return FALSE;
  amount = j_string (r, money, "amount", TRUE, &ok);
  currency = j_string (r, money, "currency", TRUE, &ok);
  if (!ok || strlen (currency) != 3)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_isupper (currency[i]))
      return FALSE;
  if (!fp_money_parse (amount, &c->amount_minor, NULL))
    return FALSE;
  c->currency = currency;

  if (!j_bool (r, t, "isFraud", &c->is_fraud))
    return FALSE;
  c->merchant = description;
  c->merchant_name = description;

  if (merchant != NULL)
    {
      const char *mcc;
      const char *name;

      if (merchant->type != J_OBJECT)
        return FALSE;
      mcc = j_string (r, merchant, "merchantCategoryCode", FALSE, &ok);
      name = j_string (r, merchant, "name", FALSE, &ok);
      if (name != NULL)
        c->merchant_name = name;
      c->merchant = j_string (r, merchant, "merchantId", FALSE, &ok);
      c->city = j_string (r, merchant, "city", FALSE, &ok);
      c->state = j_string (r, merchant, "state", FALSE, &ok);
      c->zip = j_string (r, merchant, "postCode", FALSE, &ok);
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
      GString *joined;

      if (errors->type != J_ARRAY)
        return FALSE;
      joined = g_string_new (NULL);
      for (guint32 i = errors->child; i != 0; i = NODE (r, i)->next)
        {
          const JNode *e = NODE (r, i);

          if (e->type != J_STRING)
            {
              g_string_free (joined, TRUE);
              return FALSE;
            }
          if (i != errors->child)
            g_string_append_c (joined, ',');
          g_string_append (joined, e->str);
          n_errors++;
        }
      c->errors = joined->str;
      g_ptr_array_add (strings, g_string_free (joined, FALSE));
    }
  c->txn_state = fp_txn_state_from_feed (status, n_errors);
  return TRUE;
}

static gboolean
malformed (GError **error)
{
  g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED,
                       _("The bank sent a damaged answer. Nothing was changed."));
  return FALSE;
}

gboolean
_fp_feed_page_parse_bytes (const char  *data,
                           gsize        len,
                           gsize        max_bytes,
                           FpFeedPage  *page,
                           GError     **error)
{
  g_autoptr(GArray) nodes = NULL;
  JReader r;
  char *copy;
  const JNode *o, *changes;
  gboolean ok = TRUE;
  gint64 prev = -1;
  guint i = 0;

  g_return_val_if_fail (page != NULL && page->changes != NULL && page->strings != NULL, FALSE);

  /* The guards of fp_json_parse_guarded(), with its messages: no member
   * name twice, so the lookups below find the one there is. */
  if (!_fp_json_check_reply (data, len, max_bytes, error))
    return FALSE;

  /* The strings of the page live in this copy. */
  copy = g_malloc (len + 1);
  memcpy (copy, data, len);
  copy[len] = '\0';
  g_ptr_array_add (page->strings, copy);

  nodes = g_array_sized_new (FALSE, TRUE, sizeof (JNode), (guint) MIN (len / 12 + 16, 1 << 20));
  r.p = copy;
  r.end = copy + len;
  r.nodes = nodes;
  new_node (&r);
  skip_ws (&r);
  if (!read_value (&r, 0, 1))
    return malformed (error);
  skip_ws (&r);
  if (r.p != r.end)
    return malformed (error);

  /* fp_feed_page_parse() */
  o = NODE (&r, 0);
  if (o->type != J_OBJECT)
    return schema_error (error, "/");
  page->next_cursor = j_string (&r, o, "nextCursor", TRUE, &ok);
  if (!ok || *page->next_cursor == '\0' || strlen (page->next_cursor) > 1024)
    return schema_error (error, "/nextCursor");
  if (!j_bool (&r, o, "hasMore", &page->has_more))
    return schema_error (error, "/hasMore");
  if (!j_int (&r, o, "latestSeq", &page->latest_seq) || page->latest_seq < 0)
    return schema_error (error, "/latestSeq");
  changes = j_member (&r, o, "changes");
  if (changes == NULL || changes->type != J_ARRAY)
    return schema_error (error, "/changes");

  for (guint32 ci = changes->child; ci != 0; ci = NODE (&r, ci)->next, i++)
    {
      const JNode *co = NODE (&r, ci);
      const JNode *txn;
      const char *kind, *id;
      gint64 seq;
      FpTxnChange c = { 0 };

      if (co->type != J_OBJECT)
        return schema_error (error, "/changes/i");
      if (!j_int (&r, co, "seq", &seq) || seq <= prev || seq > page->latest_seq)
        return schema_error (error, "/changes/i/seq");
      prev = seq;
      if (i == 0)
        page->first_seq = seq;
      page->last_seq = seq;
      kind = j_string (&r, co, "change", TRUE, &ok);
      id = j_string (&r, co, "transactionId", TRUE, &ok);
      if (!ok || *id == '\0')
        return schema_error (error, "/changes/i/transactionId");
      c.id = id;
      txn = j_member (&r, co, "transaction");
      if (g_strcmp0 (kind, "deleted") == 0)
        c.kind = FP_TXN_DELETED;
      else if (g_strcmp0 (kind, "created") == 0 || g_strcmp0 (kind, "updated") == 0)
        {
          c.kind = g_str_equal (kind, "created") ? FP_TXN_CREATED : FP_TXN_UPDATED;
          if (txn == NULL)
            continue;
          if (txn->type != J_OBJECT || !j_transaction (&r, txn, id, &c, page->strings))
            return schema_error (error, "/changes/i/transaction");
        }
      else
        return schema_error (error, "/changes/i/change");
      g_array_append_val (page->changes, c);
    }
  return TRUE;
}
