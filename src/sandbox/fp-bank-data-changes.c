/* fp-bank-data-changes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changes to an FpBankData at run time, through the building API of
 * fp-bank-data-private.h, and the stable names of its enumerations.
 */

#define G_LOG_DOMAIN "fp-bank-data"

#include "config.h"

#include "fp-bank-data-private.h"

/* Changes at run time */

static gint32
minutes_from_seconds (gint64 seconds)
{
  gint64 m = seconds >= 0 ? seconds / 60 : -((-seconds + 59) / 60);

  return (gint32) CLAMP (m, G_MININT32, G_MAXINT32);
}

guint32
fp_bank_data_add_transaction (FpBankData               *self,
                              const FpBankTransaction  *txn,
                              GError                  **error)
{
  FpBankTxnRecord r = { 0 };
  const FpBankAccount *a;
  guint32 id;

  g_return_val_if_fail (self != NULL, FP_BANK_NO_ID);
  g_return_val_if_fail (txn != NULL, FP_BANK_NO_ID);
  g_return_val_if_fail (error == NULL || *error == NULL, FP_BANK_NO_ID);

  fp_bank_data_seal (self);
  a = fp_bank_data_get_account (self, txn->account);
  if (a == NULL)
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_NOT_FOUND,
                   "No account %u", txn->account);
      return FP_BANK_NO_ID;
    }
  if (txn->card != FP_BANK_NO_ID)
    {
      const FpBankCard *card = fp_bank_data_get_card (self, txn->card);

      if (card == NULL || card->customer != a->customer)
        {
          g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_NOT_FOUND,
                       "No card %u of the account's customer", txn->card);
          return FP_BANK_NO_ID;
        }
    }
  if (fp_bank_data_get_n_transactions (self) >= FP_BANK_MAX_TRANSACTIONS)
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
                   "The sandbox holds at most %u transactions", FP_BANK_MAX_TRANSACTIONS);
      return FP_BANK_NO_ID;
    }
  if (txn->mcc > 9999 || (guint) txn->category > FP_BANK_CATEGORY_INVESTMENT ||
      (guint) txn->use_chip > FP_BANK_USE_CHIP_ONLINE)
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_INVALID,
                   "Invalid MCC, category or use of chip");
      return FP_BANK_NO_ID;
    }

  r.amount = txn->amount;
  r.merchant = txn->merchant_id;
  r.minutes = minutes_from_seconds (txn->booked_at);
  r.account = txn->account;
  r.card = txn->card;
  r.city = fp_bank_data_intern (self, txn->merchant_city);
  r.state = fp_bank_data_intern (self, txn->merchant_state);
  r.zip = fp_bank_data_intern (self, txn->merchant_zip);
  r.text = fp_bank_data_intern (self, txn->card == FP_BANK_NO_ID ? txn->description : txn->errors);
  r.mcc = txn->mcc;
  r.use_chip = txn->use_chip;
  r.category = txn->category;
  r.is_fraud = txn->is_fraud ? 1 : 0;

  id = fp_bank_data_append_record (self, &r);
  fp_bank_data_push_change (self, FP_BANK_CHANGE_CREATED, id, r.minutes);

  return id;
}

gboolean
fp_bank_data_update_transaction (FpBankData  *self,
                                 guint32      id,
                                 gint64       amount,
                                 const char  *description,
                                 gint64       booked_at,
                                 GError     **error)
{
  FpBankTxnRecord *r;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fp_bank_data_seal (self);
  r = fp_bank_data_get_record (self, id);
  if (r == NULL || r->is_deleted)
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_NOT_FOUND,
                   "No transaction %u", id);
      return FALSE;
    }

  fp_bank_data_set_record_amount (self, id, amount);
  r = fp_bank_data_get_record (self, id);
  if (r->card == FP_BANK_NO_ID && description != NULL)
    r->text = fp_bank_data_intern (self, description);
  r->minutes = minutes_from_seconds (booked_at);
  fp_bank_data_push_change (self, FP_BANK_CHANGE_UPDATED, id, r->minutes);

  return TRUE;
}

gboolean
fp_bank_data_delete_transaction (FpBankData  *self,
                                 guint32      id,
                                 GError     **error)
{
  FpBankTxnRecord *r;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fp_bank_data_seal (self);
  r = fp_bank_data_get_record (self, id);
  if (r == NULL || r->is_deleted)
    {
      g_set_error (error, FP_BANK_DATA_ERROR, FP_BANK_DATA_ERROR_NOT_FOUND,
                   "No transaction %u", id);
      return FALSE;
    }

  fp_bank_data_set_record_deleted (self, id);
  fp_bank_data_push_change (self, FP_BANK_CHANGE_DELETED, id, r->minutes);

  return TRUE;
}

/* Names */

const char *
fp_bank_account_kind_to_string (FpBankAccountKind kind)
{
  switch (kind)
    {
    case FP_BANK_ACCOUNT_CURRENT: return "current";
    case FP_BANK_ACCOUNT_SAVINGS: return "savings";
    case FP_BANK_ACCOUNT_CREDIT_CARD: return "credit_card";
    case FP_BANK_ACCOUNT_LOAN: return "loan";
    case FP_BANK_ACCOUNT_INVESTMENT: return "investment";
    default: g_return_val_if_reached ("current");
    }
}

const char *
fp_bank_use_chip_to_string (FpBankUseChip use_chip)
{
  switch (use_chip)
    {
    case FP_BANK_USE_CHIP_NONE: return "none";
    case FP_BANK_USE_CHIP_SWIPE: return "swipe";
    case FP_BANK_USE_CHIP_CHIP: return "chip";
    case FP_BANK_USE_CHIP_ONLINE: return "online";
    default: g_return_val_if_reached ("none");
    }
}

const char *
fp_bank_category_to_string (FpBankCategory category)
{
  switch (category)
    {
    case FP_BANK_CATEGORY_CARD: return "card";
    case FP_BANK_CATEGORY_SUBSCRIPTION: return "subscription";
    case FP_BANK_CATEGORY_SALARY: return "salary";
    case FP_BANK_CATEGORY_RENT: return "rent";
    case FP_BANK_CATEGORY_UTILITIES: return "utilities";
    case FP_BANK_CATEGORY_CARD_REPAYMENT: return "card_repayment";
    case FP_BANK_CATEGORY_TRANSFER: return "transfer";
    case FP_BANK_CATEGORY_SAVINGS: return "savings";
    case FP_BANK_CATEGORY_LOAN_PAYMENT: return "loan_payment";
    case FP_BANK_CATEGORY_INTEREST: return "interest";
    case FP_BANK_CATEGORY_INVESTMENT: return "investment";
    default: g_return_val_if_reached ("card");
    }
}

const char *
fp_bank_change_kind_to_string (FpBankChangeKind kind)
{
  switch (kind)
    {
    case FP_BANK_CHANGE_CREATED: return "created";
    case FP_BANK_CHANGE_UPDATED: return "updated";
    case FP_BANK_CHANGE_DELETED: return "deleted";
    default: g_return_val_if_reached ("created");
    }
}
