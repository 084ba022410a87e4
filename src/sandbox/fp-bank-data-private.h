/* fp-bank-data-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the generator and the TabFormer importer build an FpBankData, and
 * the compact storage of transactions. Not for the server.
 */

#pragma once

#include "fp-bank-data.h"

G_BEGIN_DECLS

/* A transaction as stored: 48 bytes, strings interned as ids. */
typedef struct {
  gint64   amount;
  gint64   merchant;
  gint32   minutes;      /* booking time: minutes since the Unix epoch, UTC */
  guint32  account;
  guint32  card;         /* FP_BANK_NO_ID for bank-side items */
  guint32  city;         /* string ids, see fp_bank_data_intern() */
  guint32  state;
  guint32  zip;
  guint32  text;         /* errors of card items, description of bank-side items */
  guint32  mcc : 16;
  guint32  use_chip : 2;
  guint32  category : 5;
  guint32  is_fraud : 1;
  guint32  is_deleted : 1;
} FpBankTxnRecord;

/* A card attempt with errors was declined: it moves nothing. The one rule
 * of the sandbox for what is booked (the client's is fp_txn_state_from_feed
 * in core). */
static inline gboolean
fp_bank_txn_record_is_declined (const FpBankTxnRecord *r)
{
  return r->card != FP_BANK_NO_ID && r->text != 0;
}

/* Interned strings: id 0 is "". Ids are stable for the same insertion order. */
guint32            fp_bank_data_intern                 (FpBankData            *self,
                                                        const char            *text);
const char        *fp_bank_data_intern_static          (FpBankData            *self,
                                                        const char            *text);
const char        *fp_bank_data_string                 (FpBankData            *self,
                                                        guint32                id);

/* Appending; the returned pointer is valid until the next append of the
 * same kind. Ids are assigned in order. */
FpBankCustomer    *fp_bank_data_append_customer        (FpBankData            *self,
                                                        const char            *username);
FpBankCard        *fp_bank_data_append_card            (FpBankData            *self,
                                                        guint32                customer,
                                                        const char            *number,
                                                        const char            *cvv);
FpBankAccount     *fp_bank_data_append_account         (FpBankData            *self,
                                                        guint32                customer,
                                                        FpBankAccountKind      kind);
FpBankHolding     *fp_bank_data_append_holding         (FpBankData            *self,
                                                        guint32                account);
/* Appends @record (balance and sums of its account follow) without a
 * change; push the changes with fp_bank_data_push_change(). */
guint32            fp_bank_data_append_record          (FpBankData            *self,
                                                        const FpBankTxnRecord *record);
FpBankTxnRecord   *fp_bank_data_get_record             (FpBankData            *self,
                                                        guint32                id);
/* Changes amount or deleted flag of a stored record, keeping sums right. */
void               fp_bank_data_set_record_amount      (FpBankData            *self,
                                                        guint32                id,
                                                        gint64                 amount);
void               fp_bank_data_set_record_deleted     (FpBankData            *self,
                                                        guint32                id);
void               fp_bank_data_set_opening_balance    (FpBankData            *self,
                                                        guint32                account,
                                                        gint64                 opening_balance);
/* Sets an INVESTMENT account's balance to the value of its holdings. */
void               fp_bank_data_revalue_investment     (FpBankData            *self,
                                                        guint32                account);

/* Queues a change at @minutes (its time); fp_bank_data_seal() orders the
 * queued changes of each customer by (time, transaction, kind) and numbers
 * them. Changes made after sealing are appended directly. */
void               fp_bank_data_push_change            (FpBankData            *self,
                                                        FpBankChangeKind       kind,
                                                        guint32                txn,
                                                        gint32                 minutes);
void               fp_bank_data_seal                   (FpBankData            *self);

/* The full card number and CVV: for the TabFormer exporter only. */
const char        *fp_bank_data_get_card_number        (FpBankData            *self,
                                                        guint32                card);
const char        *fp_bank_data_get_card_cvv           (FpBankData            *self,
                                                        guint32                card);

/* What the importer remembers to write the files back byte for byte. */
void               fp_bank_data_set_import_info        (FpBankData            *self,
                                                        gpointer               info,
                                                        GDestroyNotify         destroy);
gpointer           fp_bank_data_get_import_info        (FpBankData            *self);

/* What makes the data live: @advance books the days after the last one up
 * to @today (fp_bank_data_advance() checks the order and counts), @name
 * names merchants. Both are optional. */
typedef gboolean (*FpBankAdvanceFunc)    (FpBankData  *data,
                                          gint32       today,
                                          gpointer     user_data,
                                          GError     **error);
typedef gboolean (*FpBankMerchantNameFunc) (gint64       merchant_id,
                                            guint        mcc,
                                            char        *buffer,
                                            gsize        size);
void               fp_bank_data_set_live               (FpBankData            *self,
                                                        gint32                 last_day,
                                                        FpBankAdvanceFunc      advance,
                                                        gpointer               user_data,
                                                        GDestroyNotify         destroy);
void               fp_bank_data_set_merchant_namer     (FpBankData            *self,
                                                        FpBankMerchantNameFunc name);
/* For the live bank: ages and holdings change as the days pass. */
FpBankCustomer    *fp_bank_data_get_customer_mutable   (FpBankData            *self,
                                                        guint32                id);
FpBankHolding     *fp_bank_data_get_holding_mutable    (FpBankData            *self,
                                                        guint32                id);

/* Days of a month (proleptic Gregorian); dates are fp-clock.h's days. */
guint              fp_bank_days_in_month               (gint                   year,
                                                        guint                  month);

G_END_DECLS
