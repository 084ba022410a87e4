/* fp-sandbox-resources.c
 *
 * The customer's own resources: profile, accounts, balances, holdings,
 * cards and the transaction change feed. Every lookup goes through the
 * customer of the access token; an id of somebody else's resource is
 * answered exactly like an id that does not exist (404), so nothing tells
 * one customer about another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-resources"

#include "config.h"

#include <string.h>

#include "fp-sandbox-private.h"

#define FEED_DEFAULT_LIMIT 500
#define FEED_MAX_LIMIT     1000

/* The bank */

FpSandboxBank *
fp_sandbox_bank_new (FpBankData *data)
{
  FpSandboxBank *bank = g_new0 (FpSandboxBank, 1);

  bank->data = data;
  bank->customers = g_hash_table_new_full (NULL, NULL, NULL, fp_sandbox_customer_state_free);
  bank->next_id = 1;
  fp_sandbox_catalogue_build (bank);
  return bank;
}

void
fp_sandbox_bank_free (FpSandboxBank *bank)
{
  if (bank == NULL)
    return;
  g_hash_table_unref (bank->customers);
  g_string_free (bank->offers, TRUE);
  g_string_free (bank->indices, TRUE);
  g_string_free (bank->assumptions, TRUE);
  g_string_free (bank->inflation, TRUE);
  g_string_free (bank->models, TRUE);
  g_string_free (bank->model_segments, TRUE);
  g_string_free (bank->model_health, TRUE);
  fp_bank_data_free (bank->data);
  g_free (bank);
}

FpSandboxCustomerState *
fp_sandbox_bank_customer (FpSandboxBank *bank,
                          guint          customer)
{
  FpSandboxCustomerState *state = g_hash_table_lookup (bank->customers, GUINT_TO_POINTER (customer));

  if (state == NULL)
    {
      state = g_new0 (FpSandboxCustomerState, 1);
      state->consents = g_ptr_array_new ();
      state->history = g_ptr_array_new ();
      state->feedback = g_ptr_array_new ();
      state->privacy = g_ptr_array_new ();
      state->verdicts = g_ptr_array_new_with_free_func (fp_sandbox_verdict_free);
      state->frozen_cards = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (bank->customers, GUINT_TO_POINTER (customer), state);
    }
  return state;
}

char *
fp_sandbox_bank_new_id (FpSandboxBank *bank,
                        const char    *prefix)
{
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT, prefix, bank->next_id++);
}

gboolean
fp_sandbox_card_is_frozen (FpSandboxBank    *bank,
                           const FpBankCard *card)
{
  FpSandboxCustomerState *state = g_hash_table_lookup (bank->customers, GUINT_TO_POINTER (card->customer));

  return state != NULL && g_hash_table_contains (state->frozen_cards, GUINT_TO_POINTER (card->id + 1));
}

/**
 * fp_sandbox_bank_catch_up:
 *
 * The bank lives in the present: before its data is read, every day up to
 * the bank's today is booked (nothing happens for imported data).
 */
void
fp_sandbox_bank_catch_up (FpSandboxRequest *req)
{
  FpBankData *data = req->self->bank->data;
  gint32 today = fp_sandbox_server_today (req->self);
  g_autoptr(GError) error = NULL;
  guint n_changes = 0;

  if (fp_bank_data_get_last_day (data) == G_MININT32 || today <= fp_bank_data_get_last_day (data))
    return;
  if (!fp_bank_data_advance (data, today, &n_changes, &error))
    g_warning ("Could not book the days up to today: %s", error->message);
  else
    g_debug ("Booked the days up to day %d: %u changes", today, n_changes);
}

/* Helpers shared by the resource files */

FpSandboxResponse *
fp_sandbox_method_not_allowed (void)
{
  return fp_sandbox_problem (SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed",
                             "Method not allowed", NULL, FP_SANDBOX_PTR_BODY, NULL);
}

FpSandboxResponse *
fp_sandbox_invalid (const char *pointer,
                    const char *detail)
{
  return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-request", "Invalid request",
                             detail, FP_SANDBOX_PTR_BODY, pointer);
}

/**
 * fp_sandbox_check_members:
 *
 * Strict input: a member that the contract does not name is an error.
 */
gboolean
fp_sandbox_check_members (JsonObject          *object,
                          const char * const  *allowed,
                          FpSandboxResponse  **problem)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *pointer = g_strconcat ("/", (const char *) l->data, NULL);

          *problem = fp_sandbox_invalid (pointer, "Unknown member.");
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_id (const char *text,
          const char *prefix,
          guint32    *out)
{
  guint64 value;
  char *end = NULL;
  gsize plen = strlen (prefix);

  if (text == NULL || strncmp (text, prefix, plen) != 0 || !g_ascii_isdigit (text[plen]))
    return FALSE;
  if (text[plen] == '0' && text[plen + 1] != '\0')
    return FALSE;
  value = g_ascii_strtoull (text + plen, &end, 10);
  if (end == NULL || *end != '\0' || value >= G_MAXUINT32)
    return FALSE;
  *out = (guint32) value;
  return TRUE;
}

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
write_timestamp (FpJsonWriter *w,
                 const char   *key,
                 gint64        unix_seconds)
{
  g_autofree char *text = fp_json_format_timestamp (unix_seconds);

  fp_json_kv_string (w, key, text);
}

/* Customer */

void
fp_sandbox_write_customer (FpJsonWriter         *w,
                           const FpBankCustomer *c)
{
  fp_json_begin_object (w);
  write_id (w, "customerId", "cus_", c->id);
  fp_json_kv_string (w, "username", c->username);
  fp_json_kv_string (w, "name", c->person);
  fp_json_kv_int (w, "currentAge", c->current_age);
  fp_json_kv_int (w, "retirementAge", c->retirement_age);
  fp_json_kv_int (w, "birthYear", c->birth_year);
  fp_json_kv_int (w, "birthMonth", c->birth_month);
  fp_json_kv_string (w, "gender", c->gender);
  fp_json_key (w, "address");
  fp_json_begin_object (w);
  fp_json_kv_string (w, "addressLine", c->address);
  fp_json_kv_string (w, "apartment", c->apartment);
  fp_json_kv_string (w, "townName", c->city);
  fp_json_kv_string (w, "countrySubDivision", c->state);
  fp_json_kv_string (w, "postCode", c->zipcode);
  fp_json_kv_string (w, "country", "US");
  fp_json_end_object (w);
  write_money (w, "perCapitaIncome", c->per_capita_income, "USD");
  write_money (w, "yearlyIncome", c->yearly_income, "USD");
  write_money (w, "totalDebt", c->total_debt, "USD");
  fp_json_kv_int (w, "ficoScore", c->fico_score);
  fp_json_kv_int (w, "numCreditCards", c->num_credit_cards);
  fp_json_end_object (w);
}

static FpSandboxResponse *
get_customer (FpSandboxRequest *req)
{
  const FpBankCustomer *c = fp_bank_data_get_customer (req->self->bank->data, (guint32) req->customer);
  GString *out = g_string_new (NULL);
  FpJsonWriter w;

  fp_json_writer_init (&w, out);
  fp_sandbox_write_customer (&w, c);
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}

/* Accounts */

static const char *
account_sub_type (FpBankAccountKind kind)
{
  switch (kind)
    {
    case FP_BANK_ACCOUNT_CURRENT:
      return "CurrentAccount";
    case FP_BANK_ACCOUNT_SAVINGS:
      return "Savings";
    case FP_BANK_ACCOUNT_CREDIT_CARD:
      return "CreditCard";
    case FP_BANK_ACCOUNT_LOAN:
      return "Loan";
    case FP_BANK_ACCOUNT_INVESTMENT:
      return "Investment";
    default:
      g_return_val_if_reached ("CurrentAccount");
    }
}

void
fp_sandbox_write_account (FpJsonWriter        *w,
                          FpBankData          *data,
                          const FpBankAccount *a)
{
  char masked[16];

  fp_json_begin_object (w);
  write_id (w, "accountId", "acc_", a->id);
  fp_json_kv_string (w, "status", "Enabled");
  fp_json_kv_string (w, "currency", a->currency);
  fp_json_kv_string (w, "accountType", "Personal");
  fp_json_kv_string (w, "accountSubType", account_sub_type (a->kind));
  fp_json_kv_string (w, "kind", fp_bank_account_kind_to_string (a->kind));
  fp_json_kv_string (w, "nickname", a->name);
  g_snprintf (masked, sizeof masked, "****%s", a->last_four);
  fp_json_kv_string (w, "maskedIdentification", masked);
  write_money (w, "openingBalance", a->opening_balance, a->currency);
  if (a->kind == FP_BANK_ACCOUNT_CREDIT_CARD)
    write_money (w, "creditLimit", a->credit_limit, a->currency);
  if (a->card != FP_BANK_NO_ID)
    write_id (w, "cardId", "crd_", a->card);
  if (a->kind == FP_BANK_ACCOUNT_SAVINGS || a->kind == FP_BANK_ACCOUNT_LOAN)
    fp_json_kv_int (w, "interestRateBps", a->interest_bps);
  if (a->kind == FP_BANK_ACCOUNT_LOAN)
    {
      fp_json_key (w, "loan");
      fp_json_begin_object (w);
      write_money (w, "principal", a->loan_principal, a->currency);
      fp_json_kv_int (w, "termMonths", a->loan_term_months);
      write_money (w, "monthlyPayment", a->loan_payment, a->currency);
      fp_json_end_object (w);
    }
  fp_json_kv_int (w, "transactionCount", a->n_transactions);
  fp_json_end_object (w);
}

static const FpBankAccount *
own_account (FpSandboxRequest *req,
             const char       *id_text)
{
  const FpBankAccount *a;
  guint32 id;

  if (!parse_id (id_text, "acc_", &id))
    return NULL;
  a = fp_bank_data_get_account (req->self->bank->data, id);
  if (a == NULL || a->customer != (guint32) req->customer)
    return NULL;
  return a;
}

static void
write_balances (FpJsonWriter        *w,
                const FpBankAccount *a,
                gint64               now)
{
  fp_json_begin_object (w);
  write_id (w, "accountId", "acc_", a->id);
  fp_json_key (w, "balances");
  fp_json_begin_array (w);

  fp_json_begin_object (w);
  fp_json_kv_string (w, "type", "InterimBooked");
  fp_json_kv_string (w, "creditDebitIndicator", a->balance < 0 ? "Debit" : "Credit");
  write_money (w, "amount", a->balance, a->currency);
  write_timestamp (w, "dateTime", now);
  fp_json_end_object (w);

  fp_json_begin_object (w);
  fp_json_kv_string (w, "type", "InterimAvailable");
  fp_json_kv_string (w, "creditDebitIndicator",
                     a->balance + a->credit_limit < 0 ? "Debit" : "Credit");
  write_money (w, "amount", a->kind == FP_BANK_ACCOUNT_CREDIT_CARD
                            ? a->balance + a->credit_limit : a->balance, a->currency);
  write_timestamp (w, "dateTime", now);
  if (a->kind == FP_BANK_ACCOUNT_CREDIT_CARD)
    {
      fp_json_key (w, "creditLine");
      fp_json_begin_object (w);
      fp_json_kv_bool (w, "included", TRUE);
      fp_json_kv_string (w, "type", "Credit");
      write_money (w, "amount", a->credit_limit, a->currency);
      fp_json_end_object (w);
    }
  fp_json_end_object (w);

  fp_json_end_array (w);
  fp_json_end_object (w);
}

static void
write_holdings (FpJsonWriter        *w,
                FpBankData          *data,
                const FpBankAccount *a)
{
  const guint32 *ids;
  guint n = 0;

  ids = fp_bank_data_get_account_holdings (data, a->id, &n);
  fp_json_begin_object (w);
  write_id (w, "accountId", "acc_", a->id);
  fp_json_key (w, "holdings");
  fp_json_begin_array (w);
  for (guint i = 0; i < n; i++)
    {
      const FpBankHolding *h = fp_bank_data_get_holding (data, ids[i]);
      char qty[48];
      guint64 q = h->quantity_milli < 0 ? (guint64) 0 - (guint64) h->quantity_milli
                                        : (guint64) h->quantity_milli;

      g_snprintf (qty, sizeof qty, "%s%" G_GUINT64_FORMAT ".%03u",
                  h->quantity_milli < 0 ? "-" : "", q / 1000, (guint) (q % 1000));
      fp_json_begin_object (w);
      write_id (w, "holdingId", "hld_", h->id);
      fp_json_kv_string (w, "name", h->name);
      fp_json_kv_string (w, "isin", h->isin);
      fp_json_kv_string (w, "assetClass", h->asset_class);
      fp_json_kv_string (w, "quantity", qty);
      write_money (w, "unitPrice", h->unit_price, a->currency);
      write_money (w, "marketValue", h->market_value, a->currency);
      write_money (w, "costBasis", h->cost_basis, a->currency);
      fp_json_end_object (w);
    }
  fp_json_end_array (w);
  fp_json_end_object (w);
}

static FpSandboxResponse *
handle_accounts (FpSandboxRequest *req)
{
  FpBankData *data = req->self->bank->data;
  GString *out;
  FpJsonWriter w;
  const FpBankAccount *a;

  if (strcmp (req->method, "GET") != 0)
    return fp_sandbox_method_not_allowed ();

  if (req->n_segments == 2)
    {
      const guint32 *ids;
      guint n = 0;

      req->route = "/v1/accounts";
      ids = fp_bank_data_get_customer_accounts (data, (guint32) req->customer, &n);
      out = g_string_new (NULL);
      fp_json_writer_init (&w, out);
      fp_json_begin_object (&w);
      fp_json_key (&w, "accounts");
      fp_json_begin_array (&w);
      for (guint i = 0; i < n; i++)
        fp_sandbox_write_account (&w, data, fp_bank_data_get_account (data, ids[i]));
      fp_json_end_array (&w);
      fp_json_end_object (&w);
      return fp_sandbox_json_response (SOUP_STATUS_OK, out);
    }

  req->route = "/v1/accounts/{accountId}";
  a = own_account (req, req->segments[2]);
  if (a == NULL || req->n_segments > 4)
    return fp_sandbox_not_found ();

  out = g_string_new (NULL);
  fp_json_writer_init (&w, out);
  if (req->n_segments == 3)
    fp_sandbox_write_account (&w, data, a);
  else if (strcmp (req->segments[3], "balances") == 0)
    {
      req->route = "/v1/accounts/{accountId}/balances";
      write_balances (&w, a, req->now);
    }
  else if (strcmp (req->segments[3], "holdings") == 0)
    {
      req->route = "/v1/accounts/{accountId}/holdings";
      write_holdings (&w, data, a);
    }
  else
    {
      g_string_free (out, TRUE);
      return fp_sandbox_not_found ();
    }
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}

static FpSandboxResponse *
handle_balances (FpSandboxRequest *req)
{
  FpBankData *data = req->self->bank->data;
  const guint32 *ids;
  guint n = 0;
  GString *out;
  FpJsonWriter w;

  if (strcmp (req->method, "GET") != 0)
    return fp_sandbox_method_not_allowed ();
  if (req->n_segments != 2)
    return fp_sandbox_not_found ();
  req->route = "/v1/balances";
  ids = fp_bank_data_get_customer_accounts (data, (guint32) req->customer, &n);
  out = g_string_new (NULL);
  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_key (&w, "accounts");
  fp_json_begin_array (&w);
  for (guint i = 0; i < n; i++)
    write_balances (&w, fp_bank_data_get_account (data, ids[i]), req->now);
  fp_json_end_array (&w);
  fp_json_end_object (&w);
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}

/* Cards: the last four digits only, never the number or the CVV. */

void
fp_sandbox_write_card (FpJsonWriter     *w,
                       const FpBankCard *c,
                       gboolean          frozen)
{
  char text[32];

  fp_json_begin_object (w);
  write_id (w, "cardId", "crd_", c->id);
  write_id (w, "accountId", "acc_", c->account);
  fp_json_kv_string (w, "brand", c->brand);
  fp_json_kv_string (w, "cardType", c->card_type);
  fp_json_kv_string (w, "lastFour", c->last_four);
  g_snprintf (text, sizeof text, "**** **** **** %s", c->last_four);
  fp_json_kv_string (w, "maskedPan", text);
  fp_json_kv_int (w, "expiryMonth", c->expires_month);
  fp_json_kv_int (w, "expiryYear", c->expires_year);
  fp_json_kv_bool (w, "hasChip", c->has_chip);
  fp_json_kv_int (w, "cardsIssued", c->cards_issued);
  write_money (w, "creditLimit", c->credit_limit, "USD");
  g_snprintf (text, sizeof text, "%04u-%02u", c->open_year, c->open_month);
  fp_json_kv_string (w, "openedMonth", text);
  fp_json_kv_int (w, "yearPinLastChanged", c->year_pin_last_changed);
  fp_json_kv_bool (w, "onDarkWeb", c->on_dark_web);
  fp_json_kv_bool (w, "frozen", frozen);
  fp_json_end_object (w);
}

static FpSandboxResponse *
handle_cards (FpSandboxRequest *req)
{
  FpSandboxBank *bank = req->self->bank;
  FpBankData *data = bank->data;
  GString *out;
  FpJsonWriter w;

  if (req->n_segments == 4)
    {
      const FpBankCard *c;
      guint32 id;

      req->route = strcmp (req->segments[3], "freeze") == 0 ? "/v1/cards/{cardId}/freeze"
                   : strcmp (req->segments[3], "unfreeze") == 0 ? "/v1/cards/{cardId}/unfreeze" : NULL;
      if (req->route == NULL)
        return fp_sandbox_not_found ();
      if (strcmp (req->method, "POST") != 0)
        return fp_sandbox_method_not_allowed ();
      if (!parse_id (req->segments[2], "crd_", &id)
          || (c = fp_bank_data_get_card (data, id)) == NULL
          || c->customer != (guint32) req->customer)
        return fp_sandbox_not_found ();
      return fp_sandbox_handle_card_control (req, c);
    }

  if (strcmp (req->method, "GET") != 0)
    return fp_sandbox_method_not_allowed ();

  if (req->n_segments == 2)
    {
      const guint32 *ids;
      guint n = 0;

      req->route = "/v1/cards";
      ids = fp_bank_data_get_customer_cards (data, (guint32) req->customer, &n);
      out = g_string_new (NULL);
      fp_json_writer_init (&w, out);
      fp_json_begin_object (&w);
      fp_json_key (&w, "cards");
      fp_json_begin_array (&w);
      for (guint i = 0; i < n; i++)
        {
          const FpBankCard *c = fp_bank_data_get_card (data, ids[i]);

          fp_sandbox_write_card (&w, c, fp_sandbox_card_is_frozen (bank, c));
        }
      fp_json_end_array (&w);
      fp_json_end_object (&w);
      return fp_sandbox_json_response (SOUP_STATUS_OK, out);
    }
  if (req->n_segments == 3)
    {
      const FpBankCard *c;
      guint32 id;

      req->route = "/v1/cards/{cardId}";
      if (!parse_id (req->segments[2], "crd_", &id)
          || (c = fp_bank_data_get_card (data, id)) == NULL
          || c->customer != (guint32) req->customer)
        return fp_sandbox_not_found ();
      out = g_string_new (NULL);
      fp_json_writer_init (&w, out);
      fp_sandbox_write_card (&w, c, fp_sandbox_card_is_frozen (bank, c));
      return fp_sandbox_json_response (SOUP_STATUS_OK, out);
    }
  return fp_sandbox_not_found ();
}

/* Transactions */

static void
write_transaction (FpJsonWriter            *w,
                   FpBankData              *data,
                   const FpBankTransaction *t)
{
  const FpBankAccount *a = fp_bank_data_get_account (data, t->account);
  const char *currency = a != NULL ? a->currency : "USD";
  char text[32];

  fp_json_begin_object (w);
  write_id (w, "transactionId", "txn_", t->id);
  write_id (w, "accountId", "acc_", t->account);
  if (t->card != FP_BANK_NO_ID)
    write_id (w, "cardId", "crd_", t->card);
  g_snprintf (text, sizeof text, "%04u-%02u-%02uT%02u:%02u:00Z",
              t->year, t->month, t->day, t->hour, t->minute);
  fp_json_kv_string (w, "bookingDateTime", text);
  /* Booked means booked: an attempt with errors was declined. */
  fp_json_kv_string (w, "status", t->is_declined ? "Declined" : "Booked");
  fp_json_kv_string (w, "creditDebitIndicator", t->amount < 0 ? "Debit" : "Credit");
  write_money (w, "amount", t->amount, currency);
  fp_json_kv_string (w, "category", fp_bank_category_to_string (t->category));
  if (t->description != NULL)
    fp_json_kv_string (w, "description", t->description);
  if (t->mcc != 0 || t->merchant_id != 0)
    {
      gsize zip_len = strlen (t->merchant_zip);

      char name[64];

      fp_json_key (w, "merchant");
      fp_json_begin_object (w);
      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, t->merchant_id);
      fp_json_kv_string (w, "merchantId", text);
      if (fp_bank_data_get_merchant_name (data, t->merchant_id, t->mcc, name, sizeof name))
        fp_json_kv_string (w, "name", name);
      g_snprintf (text, sizeof text, "%04u", t->mcc);
      fp_json_kv_string (w, "merchantCategoryCode", text);
      fp_json_kv_string (w, "city", t->merchant_city);
      fp_json_kv_string (w, "state", t->merchant_state);
      /* TabFormer writes zips like 91750.0. */
      if (zip_len > 2 && strcmp (t->merchant_zip + zip_len - 2, ".0") == 0)
        zip_len -= 2;
      g_snprintf (text, sizeof text, "%.*s", (int) MIN (zip_len, 16), t->merchant_zip);
      fp_json_kv_string (w, "postCode", text);
      fp_json_kv_bool (w, "online", strcmp (t->merchant_city, "ONLINE") == 0);
      fp_json_end_object (w);
    }
  if (t->use_chip != FP_BANK_USE_CHIP_NONE)
    fp_json_kv_string (w, "channel", fp_bank_use_chip_to_string (t->use_chip));
  if (t->errors != NULL && t->errors[0] != '\0')
    {
      g_auto(GStrv) errors = g_strsplit (t->errors, ",", -1);

      fp_json_key (w, "errors");
      fp_json_begin_array (w);
      for (guint i = 0; errors[i] != NULL; i++)
        fp_json_string (w, errors[i]);
      fp_json_end_array (w);
    }
  fp_json_kv_bool (w, "isFraud", t->is_fraud);
  fp_json_end_object (w);
}

static char *
encode_cursor (guint   customer,
               guint64 seq)
{
  char raw[64];
  char *text;
  char *p;

  g_snprintf (raw, sizeof raw, "fp1:%u:%" G_GUINT64_FORMAT, customer, seq);
  text = g_base64_encode ((const guchar *) raw, strlen (raw));
  /* base64url without padding */
  for (p = text; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  return text;
}

static gboolean
decode_cursor (const char *cursor,
               guint       customer,
               guint64    *seq)
{
  g_autofree char *std = NULL;
  g_autofree guchar *raw = NULL;
  g_autofree char *text = NULL;
  g_autofree char *prefix = NULL;
  gsize len = strlen (cursor), n = 0;
  char *end = NULL;

  if (len == 0 || len > 64)
    return FALSE;
  std = g_malloc (len + 4);
  for (gsize i = 0; i < len; i++)
    {
      char c = cursor[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return FALSE;
      std[i] = c;
    }
  while (len % 4 != 0)
    std[len++] = '=';
  std[len] = '\0';
  raw = g_base64_decode (std, &n);
  text = g_strndup ((const char *) raw, n);
  prefix = g_strdup_printf ("fp1:%u:", customer);
  if (!g_str_has_prefix (text, prefix) || !g_ascii_isdigit (text[strlen (prefix)]))
    return FALSE;
  *seq = g_ascii_strtoull (text + strlen (prefix), &end, 10);
  return end != NULL && *end == '\0';
}

static gboolean
parse_limit (const char *text,
             guint      *limit)
{
  guint64 value;
  char *end = NULL;

  if (text == NULL)
    {
      *limit = FEED_DEFAULT_LIMIT;
      return TRUE;
    }
  if (!g_ascii_isdigit (text[0]) || strlen (text) > 5)
    return FALSE;
  value = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || value < 1 || value > FEED_MAX_LIMIT)
    return FALSE;
  *limit = (guint) value;
  return TRUE;
}

static FpSandboxResponse *
get_feed (FpSandboxRequest *req)
{
  FpBankData *data = req->self->bank->data;
  guint customer = (guint) req->customer;
  const char *cursor = req->query != NULL ? g_hash_table_lookup (req->query, "cursor") : NULL;
  const char *limit_text = req->query != NULL ? g_hash_table_lookup (req->query, "limit") : NULL;
  guint64 after = 0, latest;
  guint limit, n = 0;
  const FpBankChange *changes;
  g_autofree char *next = NULL;
  GString *out;
  FpJsonWriter w;

  if (req->query != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, req->query);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (strcmp (key, "cursor") != 0 && strcmp (key, "limit") != 0)
          return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-request", "Invalid request",
                                     "Unknown query parameter.", FP_SANDBOX_PTR_QUERY, key);
    }
  if (!parse_limit (limit_text, &limit))
    return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-request", "Invalid request",
                               "limit must be an integer from 1 to 1000.",
                               FP_SANDBOX_PTR_QUERY, "limit");
  if (cursor != NULL && !decode_cursor (cursor, customer, &after))
    return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-cursor", "Invalid cursor",
                               "The cursor was not issued for this customer by this feed.",
                               FP_SANDBOX_PTR_QUERY, "cursor");

  latest = fp_bank_data_get_latest_seq (data, customer);
  if (after > latest)
    return fp_sandbox_problem (SOUP_STATUS_BAD_REQUEST, "invalid-cursor", "Invalid cursor",
                               "The cursor is ahead of the feed.",
                               FP_SANDBOX_PTR_QUERY, "cursor");
  changes = fp_bank_data_get_changes (data, customer, after, limit, &n);

  out = g_string_sized_new (256 + (gsize) n * 420);
  fp_json_writer_init (&w, out);
  fp_json_begin_object (&w);
  fp_json_key (&w, "changes");
  fp_json_begin_array (&w);
  for (guint i = 0; i < n; i++)
    {
      FpBankTransaction t;

      fp_json_begin_object (&w);
      fp_json_kv_int (&w, "seq", (gint64) changes[i].seq);
      fp_json_kv_string (&w, "change", fp_bank_change_kind_to_string (changes[i].kind));
      write_id (&w, "transactionId", "txn_", changes[i].txn);
      if (changes[i].kind != FP_BANK_CHANGE_DELETED
          && fp_bank_data_get_transaction (data, changes[i].txn, &t)
          && !t.is_deleted)
        {
          fp_json_key (&w, "transaction");
          write_transaction (&w, data, &t);
        }
      fp_json_end_object (&w);
      after = changes[i].seq;
    }
  fp_json_end_array (&w);
  next = encode_cursor (customer, after);
  fp_json_kv_string (&w, "nextCursor", next);
  fp_json_kv_bool (&w, "hasMore", after < latest);
  fp_json_kv_int (&w, "latestSeq", (gint64) latest);
  fp_json_end_object (&w);
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}

static FpSandboxResponse *
handle_transactions (FpSandboxRequest *req)
{
  FpBankData *data = req->self->bank->data;
  FpBankTransaction t;
  guint32 id;
  GString *out;
  FpJsonWriter w;

  if (req->n_segments == 4)
    {
      if (strcmp (req->segments[3], "verdict") != 0)
        return fp_sandbox_not_found ();
      req->route = "/v1/transactions/{transactionId}/verdict";
      if (strcmp (req->method, "GET") != 0 && strcmp (req->method, "POST") != 0)
        return fp_sandbox_method_not_allowed ();
      if (!parse_id (req->segments[2], "txn_", &id)
          || !fp_bank_data_get_transaction (data, id, &t)
          || t.customer != (guint32) req->customer
          || t.is_deleted)
        return fp_sandbox_not_found ();
      return fp_sandbox_handle_verdict (req, &t);
    }
  if (strcmp (req->method, "GET") != 0)
    return fp_sandbox_method_not_allowed ();
  if (req->n_segments == 2)
    {
      req->route = "/v1/transactions";
      return get_feed (req);
    }
  if (req->n_segments != 3)
    return fp_sandbox_not_found ();
  req->route = "/v1/transactions/{transactionId}";
  if (!parse_id (req->segments[2], "txn_", &id)
      || !fp_bank_data_get_transaction (data, id, &t)
      || t.customer != (guint32) req->customer
      || t.is_deleted)
    return fp_sandbox_not_found ();
  out = g_string_new (NULL);
  fp_json_writer_init (&w, out);
  write_transaction (&w, data, &t);
  return fp_sandbox_json_response (SOUP_STATUS_OK, out);
}

FpSandboxResponse *
fp_sandbox_handle_resource (FpSandboxRequest *req)
{
  const char *what;

  if (req->n_segments < 2)
    return fp_sandbox_not_found ();
  what = req->segments[1];

  if (strcmp (what, "customer") == 0 || strcmp (what, "accounts") == 0 ||
      strcmp (what, "balances") == 0 || strcmp (what, "cards") == 0 ||
      strcmp (what, "transactions") == 0 || strcmp (what, "privacy") == 0)
    fp_sandbox_bank_catch_up (req);

  if (strcmp (what, "customer") == 0 && req->n_segments == 2)
    {
      req->route = "/v1/customer";
      if (strcmp (req->method, "GET") != 0)
        return fp_sandbox_method_not_allowed ();
      return get_customer (req);
    }
  if (strcmp (what, "accounts") == 0)
    return handle_accounts (req);
  if (strcmp (what, "balances") == 0)
    return handle_balances (req);
  if (strcmp (what, "cards") == 0)
    return handle_cards (req);
  if (strcmp (what, "transactions") == 0)
    return handle_transactions (req);
  if (strcmp (what, "offers") == 0 || strcmp (what, "market-data") == 0
      || strcmp (what, "models") == 0)
    return fp_sandbox_handle_catalogue (req);
  if (strcmp (what, "consents") == 0)
    return fp_sandbox_handle_consents (req);
  if (strcmp (what, "feedback") == 0)
    return fp_sandbox_handle_feedback (req);
  if (strcmp (what, "privacy") == 0)
    return fp_sandbox_handle_privacy (req);
  if (strcmp (what, "loan-applications") == 0)
    return fp_sandbox_handle_loan_applications (req);
  if (strcmp (what, "holdings") == 0)
    return fp_sandbox_handle_holdings (req);
  return fp_sandbox_not_found ();
}
