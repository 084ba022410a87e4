/* fp-bank-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Transactions are kept in one array of 48-byte records with interned
 * strings; each customer has its own change feed, an array whose entry i
 * has seq i + 1, so a cursor is an index and paging is a slice.
 */

#define G_LOG_DOMAIN "fp-bank-data"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fp-bank-data-private.h"
#include "fp-clock.h"

typedef struct {
  FpBankCustomer  pub;
  GArray         *accounts;   /* guint32 */
  GArray         *cards;      /* guint32 */
  GArray         *feed;       /* FpBankChange */
} CustomerRecord;

typedef struct {
  FpBankCard   pub;
  const char  *number;
  const char  *cvv;
} CardRecord;

typedef struct {
  FpBankAccount  pub;
  GArray        *holdings;    /* guint32, NULL when none */
} AccountRecord;

typedef struct {
  guint32           customer;
  guint32           txn;
  gint32            minutes;
  FpBankChangeKind  kind;
} PendingChange;

struct _FpBankData
{
  GStringChunk   *chunk;
  GHashTable     *interned;        /* const char * → id */
  GPtrArray      *strings;         /* id → const char * */
  GArray         *customers;       /* CustomerRecord */
  GHashTable     *by_username;     /* const char * → id + 1 */
  GArray         *cards;           /* CardRecord */
  GArray         *accounts;        /* AccountRecord */
  GArray         *holdings;        /* FpBankHolding */
  GArray         *txns;            /* FpBankTxnRecord */
  GArray         *pending;         /* PendingChange, until sealed */
  gboolean        sealed;
  gpointer        import_info;
  GDestroyNotify  import_info_destroy;

  /* Live data */
  gint32                  last_day;
  FpBankAdvanceFunc       advance;
  gpointer                advance_data;
  GDestroyNotify          advance_destroy;
  FpBankMerchantNameFunc  merchant_name;
};

G_DEFINE_QUARK (fp-bank-data-error-quark, fp_bank_data_error)

FpBankData *
fp_bank_data_new (void)
{
  FpBankData *self = g_new0 (FpBankData, 1);

  self->chunk = g_string_chunk_new (64 * 1024);
  self->interned = g_hash_table_new (g_str_hash, g_str_equal);
  self->strings = g_ptr_array_new ();
  g_ptr_array_add (self->strings, (gpointer) "");
  self->customers = g_array_new (FALSE, TRUE, sizeof (CustomerRecord));
  self->by_username = g_hash_table_new (g_str_hash, g_str_equal);
  self->cards = g_array_new (FALSE, TRUE, sizeof (CardRecord));
  self->accounts = g_array_new (FALSE, TRUE, sizeof (AccountRecord));
  self->holdings = g_array_new (FALSE, TRUE, sizeof (FpBankHolding));
  self->txns = g_array_new (FALSE, TRUE, sizeof (FpBankTxnRecord));
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  self->last_day = G_MININT32;

  return self;
}

void
fp_bank_data_free (FpBankData *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->customers->len; i++)
    {
      CustomerRecord *c = &g_array_index (self->customers, CustomerRecord, i);

      g_array_unref (c->accounts);
      g_array_unref (c->cards);
      g_array_unref (c->feed);
    }
  for (guint i = 0; i < self->accounts->len; i++)
    {
      AccountRecord *a = &g_array_index (self->accounts, AccountRecord, i);

      if (a->holdings != NULL)
        g_array_unref (a->holdings);
    }
  if (self->import_info != NULL && self->import_info_destroy != NULL)
    self->import_info_destroy (self->import_info);
  if (self->advance_data != NULL && self->advance_destroy != NULL)
    self->advance_destroy (self->advance_data);

  g_array_unref (self->customers);
  g_hash_table_unref (self->by_username);
  g_array_unref (self->cards);
  g_array_unref (self->accounts);
  g_array_unref (self->holdings);
  g_array_unref (self->txns);
  g_array_unref (self->pending);
  g_hash_table_unref (self->interned);
  g_ptr_array_unref (self->strings);
  g_string_chunk_free (self->chunk);
  g_free (self);
}

/* Strings */

guint32
fp_bank_data_intern (FpBankData *self,
                     const char *text)
{
  gpointer value;
  const char *copy;
  guint32 id;

  g_return_val_if_fail (self != NULL, 0);

  if (text == NULL || *text == '\0')
    return 0;

  if (g_hash_table_lookup_extended (self->interned, text, NULL, &value))
    return GPOINTER_TO_UINT (value);

  copy = g_string_chunk_insert (self->chunk, text);
  id = self->strings->len;
  g_ptr_array_add (self->strings, (gpointer) copy);
  g_hash_table_insert (self->interned, (gpointer) copy, GUINT_TO_POINTER (id));

  return id;
}

const char *
fp_bank_data_intern_static (FpBankData *self,
                            const char *text)
{
  return fp_bank_data_string (self, fp_bank_data_intern (self, text));
}

const char *
fp_bank_data_string (FpBankData *self,
                     guint32     id)
{
  g_return_val_if_fail (self != NULL, "");

  if (id >= self->strings->len)
    return "";

  return g_ptr_array_index (self->strings, id);
}

/* Building */

FpBankCustomer *
fp_bank_data_append_customer (FpBankData *self,
                              const char *username)
{
  CustomerRecord c = { 0 };
  CustomerRecord *stored;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);

  c.pub.id = self->customers->len;
  c.pub.username = fp_bank_data_intern_static (self, username);
  c.pub.person = c.pub.gender = c.pub.address = c.pub.apartment = "";
  c.pub.city = c.pub.state = c.pub.zipcode = c.pub.latitude = c.pub.longitude = "";
  c.accounts = g_array_new (FALSE, FALSE, sizeof (guint32));
  c.cards = g_array_new (FALSE, FALSE, sizeof (guint32));
  c.feed = g_array_new (FALSE, FALSE, sizeof (FpBankChange));
  g_array_append_val (self->customers, c);

  stored = &g_array_index (self->customers, CustomerRecord, c.pub.id);
  if (!g_hash_table_contains (self->by_username, stored->pub.username))
    g_hash_table_insert (self->by_username, (gpointer) stored->pub.username,
                         GUINT_TO_POINTER (c.pub.id + 1));

  return &stored->pub;
}

static CustomerRecord *
get_customer_record (FpBankData *self,
                     guint32     id)
{
  if (id >= self->customers->len)
    return NULL;

  return &g_array_index (self->customers, CustomerRecord, id);
}

FpBankCard *
fp_bank_data_append_card (FpBankData *self,
                          guint32     customer,
                          const char *number,
                          const char *cvv)
{
  CardRecord r = { 0 };
  CustomerRecord *c;
  gsize len;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (number != NULL && cvv != NULL, NULL);

  c = get_customer_record (self, customer);
  g_return_val_if_fail (c != NULL, NULL);

  r.pub.id = self->cards->len;
  r.pub.customer = customer;
  r.pub.account = FP_BANK_NO_ID;
  r.pub.brand = r.pub.card_type = "";
  len = strlen (number);
  memcpy (r.pub.last_four, number + (len > 4 ? len - 4 : 0), MIN (len, 4));
  r.number = g_string_chunk_insert (self->chunk, number);
  r.cvv = g_string_chunk_insert (self->chunk, cvv);
  g_array_append_val (self->cards, r);
  g_array_append_val (c->cards, r.pub.id);

  return &g_array_index (self->cards, CardRecord, r.pub.id).pub;
}

FpBankAccount *
fp_bank_data_append_account (FpBankData        *self,
                             guint32            customer,
                             FpBankAccountKind  kind)
{
  AccountRecord r = { 0 };
  CustomerRecord *c;

  g_return_val_if_fail (self != NULL, NULL);

  c = get_customer_record (self, customer);
  g_return_val_if_fail (c != NULL, NULL);

  r.pub.id = self->accounts->len;
  r.pub.customer = customer;
  r.pub.kind = kind;
  r.pub.name = "";
  r.pub.currency = "USD";
  r.pub.card = FP_BANK_NO_ID;
  g_array_append_val (self->accounts, r);
  g_array_append_val (c->accounts, r.pub.id);

  return &g_array_index (self->accounts, AccountRecord, r.pub.id).pub;
}

static AccountRecord *
get_account_record (FpBankData *self,
                    guint32     id)
{
  if (id >= self->accounts->len)
    return NULL;

  return &g_array_index (self->accounts, AccountRecord, id);
}

FpBankHolding *
fp_bank_data_append_holding (FpBankData *self,
                             guint32     account)
{
  FpBankHolding h = { 0 };
  AccountRecord *a;

  g_return_val_if_fail (self != NULL, NULL);

  a = get_account_record (self, account);
  g_return_val_if_fail (a != NULL, NULL);

  h.id = self->holdings->len;
  h.account = account;
  h.name = h.isin = h.asset_class = "";
  g_array_append_val (self->holdings, h);
  if (a->holdings == NULL)
    a->holdings = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (a->holdings, h.id);

  return &g_array_index (self->holdings, FpBankHolding, h.id);
}

/* Adds @amount of a transaction to its account's sums; a declined attempt
 * counts in the feed's figures but moves no balance. */
static void
account_add (AccountRecord *a,
             gint64         amount,
             gint           count,
             gboolean       declined)
{
  a->pub.n_transactions += count;
  a->pub.transactions_sum += amount;
  if (!declined)
    a->pub.booked_sum += amount;
  if (a->pub.kind != FP_BANK_ACCOUNT_INVESTMENT)
    a->pub.balance = a->pub.opening_balance + a->pub.booked_sum;
}

guint32
fp_bank_data_append_record (FpBankData            *self,
                            const FpBankTxnRecord *record)
{
  AccountRecord *a;
  guint32 id;

  g_return_val_if_fail (self != NULL, FP_BANK_NO_ID);
  g_return_val_if_fail (record != NULL, FP_BANK_NO_ID);

  a = get_account_record (self, record->account);
  g_return_val_if_fail (a != NULL, FP_BANK_NO_ID);

  id = self->txns->len;
  g_array_append_vals (self->txns, record, 1);
  if (!record->is_deleted)
    account_add (a, record->amount, 1, fp_bank_txn_record_is_declined (record));

  return id;
}

FpBankTxnRecord *
fp_bank_data_get_record (FpBankData *self,
                         guint32     id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (id >= self->txns->len)
    return NULL;

  return &g_array_index (self->txns, FpBankTxnRecord, id);
}

void
fp_bank_data_set_record_amount (FpBankData *self,
                                guint32     id,
                                gint64      amount)
{
  FpBankTxnRecord *r = fp_bank_data_get_record (self, id);

  g_return_if_fail (r != NULL);

  if (!r->is_deleted)
    account_add (get_account_record (self, r->account), amount - r->amount, 0,
                 fp_bank_txn_record_is_declined (r));
  r->amount = amount;
}

void
fp_bank_data_set_record_deleted (FpBankData *self,
                                 guint32     id)
{
  FpBankTxnRecord *r = fp_bank_data_get_record (self, id);

  g_return_if_fail (r != NULL);

  if (r->is_deleted)
    return;
  r->is_deleted = TRUE;
  account_add (get_account_record (self, r->account), -r->amount, -1,
               fp_bank_txn_record_is_declined (r));
}

void
fp_bank_data_set_opening_balance (FpBankData *self,
                                  guint32     account,
                                  gint64      opening_balance)
{
  AccountRecord *a;

  g_return_if_fail (self != NULL);

  a = get_account_record (self, account);
  g_return_if_fail (a != NULL);

  a->pub.opening_balance = opening_balance;
  account_add (a, 0, 0, FALSE);
}

void
fp_bank_data_revalue_investment (FpBankData *self,
                                 guint32     account)
{
  AccountRecord *a;
  gint64 value = 0;

  g_return_if_fail (self != NULL);

  a = get_account_record (self, account);
  g_return_if_fail (a != NULL);

  for (guint i = 0; a->holdings != NULL && i < a->holdings->len; i++)
    {
      guint32 h = g_array_index (a->holdings, guint32, i);

      value += g_array_index (self->holdings, FpBankHolding, h).market_value;
    }
  a->pub.balance = value;
}

static guint32
record_customer (FpBankData            *self,
                 const FpBankTxnRecord *r)
{
  return get_account_record (self, r->account)->pub.customer;
}

static void
append_change (FpBankData       *self,
               guint32           customer,
               FpBankChangeKind  kind,
               guint32           txn)
{
  CustomerRecord *c = get_customer_record (self, customer);
  FpBankChange change;

  change.seq = (guint64) c->feed->len + 1;
  change.txn = txn;
  change.kind = kind;
  g_array_append_val (c->feed, change);
}

void
fp_bank_data_push_change (FpBankData       *self,
                          FpBankChangeKind  kind,
                          guint32           txn,
                          gint32            minutes)
{
  FpBankTxnRecord *r;

  g_return_if_fail (self != NULL);

  r = fp_bank_data_get_record (self, txn);
  g_return_if_fail (r != NULL);

  if (self->sealed)
    {
      append_change (self, record_customer (self, r), kind, txn);
      return;
    }

  {
    PendingChange p = { record_customer (self, r), txn, minutes, kind };

    g_array_append_val (self->pending, p);
  }
}

static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const PendingChange *pa = a;
  const PendingChange *pb = b;

  if (pa->customer != pb->customer)
    return pa->customer < pb->customer ? -1 : 1;
  if (pa->minutes != pb->minutes)
    return pa->minutes < pb->minutes ? -1 : 1;
  if (pa->txn != pb->txn)
    return pa->txn < pb->txn ? -1 : 1;
  if (pa->kind != pb->kind)
    return pa->kind < pb->kind ? -1 : 1;
  return 0;
}

void
fp_bank_data_seal (FpBankData *self)
{
  g_return_if_fail (self != NULL);

  if (self->sealed)
    return;

  /* The keys are unique, so the order is total and qsort's instability
   * cannot show. */
  if (self->pending->len > 1)
    qsort (self->pending->data, self->pending->len, sizeof (PendingChange),
           compare_pending);
  for (guint i = 0; i < self->pending->len; i++)
    {
      const PendingChange *p = &g_array_index (self->pending, PendingChange, i);

      append_change (self, p->customer, p->kind, p->txn);
    }
  g_array_set_size (self->pending, 0);
  self->sealed = TRUE;
}

const char *
fp_bank_data_get_card_number (FpBankData *self,
                              guint32     card)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (card < self->cards->len, NULL);

  return g_array_index (self->cards, CardRecord, card).number;
}

const char *
fp_bank_data_get_card_cvv (FpBankData *self,
                           guint32     card)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (card < self->cards->len, NULL);

  return g_array_index (self->cards, CardRecord, card).cvv;
}

void
fp_bank_data_set_import_info (FpBankData     *self,
                              gpointer        info,
                              GDestroyNotify  destroy)
{
  g_return_if_fail (self != NULL);

  if (self->import_info != NULL && self->import_info_destroy != NULL)
    self->import_info_destroy (self->import_info);
  self->import_info = info;
  self->import_info_destroy = destroy;
}

gpointer
fp_bank_data_get_import_info (FpBankData *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->import_info;
}

/* Living data */

void
fp_bank_data_set_live (FpBankData        *self,
                       gint32             last_day,
                       FpBankAdvanceFunc  advance,
                       gpointer           user_data,
                       GDestroyNotify     destroy)
{
  g_return_if_fail (self != NULL);

  if (self->advance_data != NULL && self->advance_destroy != NULL)
    self->advance_destroy (self->advance_data);
  self->last_day = last_day;
  self->advance = advance;
  self->advance_data = user_data;
  self->advance_destroy = destroy;
}

void
fp_bank_data_set_merchant_namer (FpBankData             *self,
                                 FpBankMerchantNameFunc  name)
{
  g_return_if_fail (self != NULL);

  self->merchant_name = name;
}

gint32
fp_bank_data_get_last_day (FpBankData *self)
{
  g_return_val_if_fail (self != NULL, G_MININT32);

  return self->advance != NULL ? self->last_day : G_MININT32;
}

gboolean
fp_bank_data_advance (FpBankData  *self,
                      gint32       today,
                      guint       *n_changes,
                      GError     **error)
{
  guint64 before = 0, after = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_changes != NULL)
    *n_changes = 0;
  if (self->advance == NULL || today <= self->last_day)
    return TRUE;

  fp_bank_data_seal (self);
  for (guint i = 0; i < self->customers->len; i++)
    before += g_array_index (self->customers, CustomerRecord, i).feed->len;
  if (!self->advance (self, today, self->advance_data, error))
    return FALSE;
  self->last_day = today;
  for (guint i = 0; i < self->customers->len; i++)
    after += g_array_index (self->customers, CustomerRecord, i).feed->len;
  if (n_changes != NULL)
    *n_changes = (guint) MIN (after - before, G_MAXUINT);
  return TRUE;
}

gboolean
fp_bank_data_get_merchant_name (FpBankData *self,
                                gint64      merchant_id,
                                guint       mcc,
                                char       *buffer,
                                gsize       size)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (buffer != NULL && size > 0, FALSE);

  buffer[0] = '\0';
  return self->merchant_name != NULL && self->merchant_name (merchant_id, mcc, buffer, size);
}

FpBankCustomer *
fp_bank_data_get_customer_mutable (FpBankData *self,
                                   guint32     id)
{
  CustomerRecord *c;

  g_return_val_if_fail (self != NULL, NULL);

  c = get_customer_record (self, id);
  return c != NULL ? &c->pub : NULL;
}

FpBankHolding *
fp_bank_data_get_holding_mutable (FpBankData *self,
                                  guint32     id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (id >= self->holdings->len)
    return NULL;
  return &g_array_index (self->holdings, FpBankHolding, id);
}

/* Calendar */

guint
fp_bank_days_in_month (gint  year,
                       guint month)
{
  static const guint8 days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  g_return_val_if_fail (month >= 1 && month <= 12, 30);

  return month == 2 && leap ? 29 : days[month - 1];
}

/* Reading */

guint
fp_bank_data_get_n_customers (FpBankData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->customers->len;
}

const FpBankCustomer *
fp_bank_data_get_customer (FpBankData *self,
                           guint32     id)
{
  CustomerRecord *c;

  g_return_val_if_fail (self != NULL, NULL);

  c = get_customer_record (self, id);
  return c != NULL ? &c->pub : NULL;
}

const FpBankCustomer *
fp_bank_data_find_customer (FpBankData *self,
                            const char *username)
{
  gpointer value;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);

  value = g_hash_table_lookup (self->by_username, username);
  if (value == NULL)
    return NULL;

  return fp_bank_data_get_customer (self, GPOINTER_TO_UINT (value) - 1);
}

const guint32 *
fp_bank_data_get_customer_accounts (FpBankData *self,
                                    guint32     customer,
                                    guint      *n_out)
{
  CustomerRecord *c;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_out != NULL, NULL);

  c = get_customer_record (self, customer);
  *n_out = c != NULL ? c->accounts->len : 0;
  return c != NULL && c->accounts->len > 0 ? &g_array_index (c->accounts, guint32, 0) : NULL;
}

const guint32 *
fp_bank_data_get_customer_cards (FpBankData *self,
                                 guint32     customer,
                                 guint      *n_out)
{
  CustomerRecord *c;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_out != NULL, NULL);

  c = get_customer_record (self, customer);
  *n_out = c != NULL ? c->cards->len : 0;
  return c != NULL && c->cards->len > 0 ? &g_array_index (c->cards, guint32, 0) : NULL;
}

guint
fp_bank_data_get_n_accounts (FpBankData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->accounts->len;
}

const FpBankAccount *
fp_bank_data_get_account (FpBankData *self,
                          guint32     id)
{
  AccountRecord *a;

  g_return_val_if_fail (self != NULL, NULL);

  a = get_account_record (self, id);
  return a != NULL ? &a->pub : NULL;
}

guint
fp_bank_data_get_n_cards (FpBankData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->cards->len;
}

const FpBankCard *
fp_bank_data_get_card (FpBankData *self,
                       guint32     id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (id >= self->cards->len)
    return NULL;

  return &g_array_index (self->cards, CardRecord, id).pub;
}

const guint32 *
fp_bank_data_get_account_holdings (FpBankData *self,
                                   guint32     account,
                                   guint      *n_out)
{
  AccountRecord *a;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_out != NULL, NULL);

  a = get_account_record (self, account);
  if (a == NULL || a->holdings == NULL)
    {
      *n_out = 0;
      return NULL;
    }
  *n_out = a->holdings->len;
  return &g_array_index (a->holdings, guint32, 0);
}

const FpBankHolding *
fp_bank_data_get_holding (FpBankData *self,
                          guint32     id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (id >= self->holdings->len)
    return NULL;

  return &g_array_index (self->holdings, FpBankHolding, id);
}

guint
fp_bank_data_get_n_transactions (FpBankData *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->txns->len;
}

gboolean
fp_bank_data_get_transaction (FpBankData        *self,
                              guint32            id,
                              FpBankTransaction *out)
{
  const FpBankTxnRecord *r;
  gint32 days;
  gint year;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  r = fp_bank_data_get_record (self, id);
  if (r == NULL)
    return FALSE;

  memset (out, 0, sizeof *out);
  out->id = id;
  out->account = r->account;
  out->customer = record_customer (self, r);
  out->booked_at = (gint64) r->minutes * 60;
  days = r->minutes >= 0 ? r->minutes / 1440 : -((-r->minutes + 1439) / 1440);
  fp_clock_civil_from_day (days, &year, &out->month, &out->day);
  out->year = (guint) year;
  out->hour = (guint) ((r->minutes - days * 1440) / 60);
  out->minute = (guint) ((r->minutes - days * 1440) % 60);
  out->amount = r->amount;
  out->category = r->category;
  out->card = r->card;
  out->mcc = r->mcc;
  out->merchant_id = r->merchant;
  out->merchant_city = fp_bank_data_string (self, r->city);
  out->merchant_state = fp_bank_data_string (self, r->state);
  out->merchant_zip = fp_bank_data_string (self, r->zip);
  out->use_chip = r->use_chip;
  if (r->card == FP_BANK_NO_ID)
    {
      out->description = fp_bank_data_string (self, r->text);
      out->errors = "";
    }
  else
    {
      out->description = NULL;
      out->errors = fp_bank_data_string (self, r->text);
    }
  out->is_declined = fp_bank_txn_record_is_declined (r);
  out->is_fraud = r->is_fraud;
  out->is_deleted = r->is_deleted;

  return TRUE;
}

guint64
fp_bank_data_get_latest_seq (FpBankData *self,
                             guint32     customer)
{
  CustomerRecord *c;

  g_return_val_if_fail (self != NULL, 0);

  c = get_customer_record (self, customer);
  return c != NULL ? c->feed->len : 0;
}

const FpBankChange *
fp_bank_data_get_changes (FpBankData *self,
                          guint32     customer,
                          guint64     after_seq,
                          guint       limit,
                          guint      *n_out)
{
  CustomerRecord *c;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_out != NULL, NULL);

  *n_out = 0;
  c = get_customer_record (self, customer);
  if (c == NULL || after_seq >= c->feed->len || limit == 0)
    return NULL;

  *n_out = (guint) MIN ((guint64) limit, c->feed->len - after_seq);
  return &g_array_index (c->feed, FpBankChange, after_seq);
}
