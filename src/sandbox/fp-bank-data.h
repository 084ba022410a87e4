/* fp-bank-data.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sandbox bank's in-memory data: customers (the TabFormer users file),
 * cards, accounts with balances, investment holdings and, per customer, the
 * transaction change feed. Built by the generator (fp-generator.h) or the
 * TabFormer importer (fp-tabformer.h); read by the HTTP server.
 *
 * Ids are dense 0-based integers, stable for the same generator options or
 * the same input files: customer ids are TabFormer user rows, transaction ids
 * are global. Strings are owned by the FpBankData and live as long as it.
 * Money is gint64 minor units in the account's ISO 4217 currency.
 *
 * Pointers returned by the getters stay valid as long as the FpBankData:
 * run-time changes add transactions and feed entries, never customers,
 * accounts, cards or holdings. A page of the feed is valid until the next
 * change.
 *
 * Booked means booked: a card attempt with errors (TabFormer's "Insufficient
 * Balance", "Bad PIN", ...) was declined. It stays in the feed, marked, and
 * moves no balance.
 *
 * Generated data lives in the present: fp_bank_data_advance() books the
 * days between the last booked day and today (see fp-generator.h).
 * Imported data is history and does not move.
 *
 * Not thread-safe: use it from one thread (the server's main context).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_BANK_DATA_ERROR (fp_bank_data_error_quark ())

/**
 * FpBankDataError:
 * @FP_BANK_DATA_ERROR_INVALID: bad input: a bad row in a file, a bad option
 * @FP_BANK_DATA_ERROR_NOT_FOUND: no such customer, account or transaction
 * @FP_BANK_DATA_ERROR_MISSING_FILE: an input file is missing
 */
typedef enum {
  FP_BANK_DATA_ERROR_INVALID,
  FP_BANK_DATA_ERROR_NOT_FOUND,
  FP_BANK_DATA_ERROR_MISSING_FILE,
} FpBankDataError;

/* Returned for "none" wherever an id is optional. */
#define FP_BANK_NO_ID G_MAXUINT32

/* Transactions one FpBankData holds at most (64 bytes each with their feed
 * entry; 1M generated ones peak under 90 MB of RSS). */
#define FP_BANK_MAX_TRANSACTIONS 200000000u

typedef struct _FpBankData FpBankData;

typedef enum {
  FP_BANK_ACCOUNT_CURRENT,
  FP_BANK_ACCOUNT_SAVINGS,
  FP_BANK_ACCOUNT_CREDIT_CARD,
  FP_BANK_ACCOUNT_LOAN,
  FP_BANK_ACCOUNT_INVESTMENT,
} FpBankAccountKind;

/* TabFormer's "Use Chip" column; NONE for bank-side items. */
typedef enum {
  FP_BANK_USE_CHIP_NONE,
  FP_BANK_USE_CHIP_SWIPE,     /* "Swipe Transaction" */
  FP_BANK_USE_CHIP_CHIP,      /* "Chip Transaction" */
  FP_BANK_USE_CHIP_ONLINE,    /* "Online Transaction" */
} FpBankUseChip;

/* What a transaction is; card items are CARD or SUBSCRIPTION. */
typedef enum {
  FP_BANK_CATEGORY_CARD,            /* a card purchase or refund (has an MCC) */
  FP_BANK_CATEGORY_SUBSCRIPTION,    /* a recurring card payment, same merchant and amount monthly */
  FP_BANK_CATEGORY_SALARY,
  FP_BANK_CATEGORY_RENT,
  FP_BANK_CATEGORY_UTILITIES,
  FP_BANK_CATEGORY_CARD_REPAYMENT,  /* both sides: current account and card account */
  FP_BANK_CATEGORY_TRANSFER,        /* to or from other people, loan disbursement */
  FP_BANK_CATEGORY_SAVINGS,         /* both sides: current and savings account */
  FP_BANK_CATEGORY_LOAN_PAYMENT,    /* both sides: current and loan account */
  FP_BANK_CATEGORY_INTEREST,        /* savings interest (credit), loan interest (debit) */
  FP_BANK_CATEGORY_INVESTMENT,      /* both sides: current and investment account */
} FpBankCategory;

typedef enum {
  FP_BANK_CHANGE_CREATED,
  FP_BANK_CHANGE_UPDATED,
  FP_BANK_CHANGE_DELETED,
} FpBankChangeKind;

/**
 * FpBankCustomer:
 *
 * One row of `sd254_users.csv` plus the sign-in name. Person, address and
 * coordinates are PII: serve them only to the customer themself.
 * Money fields are USD minor units (`$59696` is 5969600).
 */
typedef struct {
  guint32      id;                 /* 0-based row of sd254_users.csv */
  const char  *username;           /* sign-in name: "demo" or "user<id>" */
  const char  *person;             /* "Hazel Robinson" */
  guint        current_age;
  guint        retirement_age;
  guint        birth_year;
  guint        birth_month;        /* 1..12 */
  const char  *gender;             /* "Female" / "Male" */
  const char  *address;
  const char  *apartment;          /* "" when none */
  const char  *city;
  const char  *state;              /* two letters */
  const char  *zipcode;            /* as in the file: "91750", "2101" */
  const char  *latitude;           /* as in the file: "34.15" */
  const char  *longitude;          /* as in the file: "-117.76" */
  gint64       per_capita_income;  /* of the zip code */
  gint64       yearly_income;
  gint64       total_debt;
  guint        fico_score;
  guint        num_credit_cards;
} FpBankCustomer;

/**
 * FpBankCard:
 *
 * One row of `sd254_cards.csv` WITHOUT the full card number and CVV: they
 * are kept privately (only the TabFormer exporter reads them) and the
 * server can only ever reach @last_four.
 */
typedef struct {
  guint32      id;                 /* global card id */
  guint32      customer;           /* "User" */
  guint        card_index;         /* "CARD INDEX" within the customer */
  guint32      account;            /* the account its transactions book on */
  const char  *brand;              /* "Visa", "Mastercard", "Amex", "Discover" */
  const char  *card_type;          /* "Debit", "Credit", "Debit (Prepaid)" */
  char         last_four[5];       /* "0444" */
  guint        expires_month;
  guint        expires_year;
  gboolean     has_chip;
  guint        cards_issued;
  gint64       credit_limit;       /* USD minor units */
  guint        open_month;         /* "Acct Open Date" */
  guint        open_year;
  guint        year_pin_last_changed;
  gboolean     on_dark_web;
} FpBankCard;

/**
 * FpBankAccount:
 *
 * @n_transactions and @transactions_sum count every non-deleted
 * transaction of the feed, declined attempts included; @balance is
 * @opening_balance plus @booked_sum, the sum of the booked ones (declined
 * attempts excluded), except for INVESTMENT accounts whose balance is the
 * market value of their holdings (their transactions are the
 * contributions).
 */
typedef struct {
  guint32            id;
  guint32            customer;
  FpBankAccountKind  kind;
  const char        *name;              /* "Everyday Account", "Visa Credit ...0444" */
  char               last_four[5];      /* of the account number */
  const char        *currency;          /* "USD" */
  gint64             opening_balance;
  gint64             balance;
  gint64             credit_limit;      /* CREDIT_CARD: the card's limit, else 0 */
  guint32            card;              /* CREDIT_CARD: its card, else FP_BANK_NO_ID */
  guint              interest_bps;      /* SAVINGS, LOAN: yearly rate in basis points */
  gint64             loan_principal;    /* LOAN: amount borrowed, else 0 */
  guint              loan_term_months;  /* LOAN */
  gint64             loan_payment;      /* LOAN: the monthly instalment */
  guint              n_transactions;    /* non-deleted, declined attempts included */
  gint64             transactions_sum;  /* of the non-deleted amounts */
  gint64             booked_sum;        /* of the non-deleted, not declined amounts */
} FpBankAccount;

/* A position of an INVESTMENT account. */
typedef struct {
  guint32      id;
  guint32      account;
  const char  *name;                /* "Global Equity Index Fund" */
  const char  *isin;                /* "XS0000000001"-style, synthetic */
  const char  *asset_class;         /* "equity", "bond", "money_market", "esg_equity" */
  gint64       quantity_milli;      /* units x 1000 */
  gint64       unit_price;          /* minor units per unit */
  gint64       market_value;        /* quantity_milli * unit_price / 1000, rounded down */
  gint64       cost_basis;          /* sum of the contributions */
} FpBankHolding;

/**
 * FpBankTransaction:
 *
 * A transaction, filled in by fp_bank_data_get_transaction() from the
 * compact storage. Card transactions carry the TabFormer fields; bank-side
 * items carry a @description and @mcc 0.
 */
typedef struct {
  guint32         id;
  guint32         account;
  guint32         customer;
  gint64          booked_at;         /* seconds since the Unix epoch, UTC, whole minutes */
  guint           year, month, day, hour, minute;  /* the same, broken down */
  gint64          amount;            /* minor units; negative = debit (a TabFormer
                                      * purchase of $134.09 is -13409, a refund
                                      * of $-54.00 is +5400) */
  FpBankCategory  category;
  const char     *description;       /* bank-side items; NULL for card items */
  guint32         card;              /* card id, FP_BANK_NO_ID for bank-side items */
  guint           mcc;               /* 0 for bank-side items */
  gint64          merchant_id;       /* TabFormer "Merchant Name"; 0 for bank-side items */
  const char     *merchant_city;     /* "ONLINE" online; "" for bank-side items */
  const char     *merchant_state;    /* "" online; a country name abroad */
  const char     *merchant_zip;      /* as in the file: "91750.0"; "" when none */
  FpBankUseChip   use_chip;
  const char     *errors;            /* "" or "Bad PIN,Insufficient Balance" */
  gboolean        is_declined;       /* a card attempt with errors: booked nowhere */
  gboolean        is_fraud;
  gboolean        is_deleted;        /* deleted by a later DELETED change */
} FpBankTransaction;

/**
 * FpBankChange:
 *
 * One entry of a customer's change feed. @seq starts at 1 and grows by 1;
 * it is the cursor. The transaction is served in its current state (a
 * created entry of a later updated transaction shows the update).
 */
typedef struct {
  guint64           seq;
  guint32           txn;
  FpBankChangeKind  kind;
} FpBankChange;

GQuark             fp_bank_data_error_quark             (void);

FpBankData        *fp_bank_data_new                     (void);
void               fp_bank_data_free                    (FpBankData        *self);

/* Customers */
guint              fp_bank_data_get_n_customers         (FpBankData        *self);
const FpBankCustomer *fp_bank_data_get_customer         (FpBankData        *self,
                                                         guint32            id);
const FpBankCustomer *fp_bank_data_find_customer        (FpBankData        *self,
                                                         const char        *username);

/* The ids of a customer's accounts and cards, in creation order; *n_out is set. */
const guint32     *fp_bank_data_get_customer_accounts   (FpBankData        *self,
                                                         guint32            customer,
                                                         guint             *n_out);
const guint32     *fp_bank_data_get_customer_cards      (FpBankData        *self,
                                                         guint32            customer,
                                                         guint             *n_out);

/* Accounts, cards, holdings: NULL for an unknown id. */
guint              fp_bank_data_get_n_accounts          (FpBankData        *self);
const FpBankAccount *fp_bank_data_get_account           (FpBankData        *self,
                                                         guint32            id);
guint              fp_bank_data_get_n_cards             (FpBankData        *self);
const FpBankCard  *fp_bank_data_get_card                (FpBankData        *self,
                                                         guint32            id);
const guint32     *fp_bank_data_get_account_holdings    (FpBankData        *self,
                                                         guint32            account,
                                                         guint             *n_out);
const FpBankHolding *fp_bank_data_get_holding           (FpBankData        *self,
                                                         guint32            id);

/* Transactions: FALSE for an unknown id. */
guint              fp_bank_data_get_n_transactions      (FpBankData        *self);
gboolean           fp_bank_data_get_transaction         (FpBankData        *self,
                                                         guint32            id,
                                                         FpBankTransaction *out);

/* The change feed: the latest seq of a customer (0 when empty) and up to
 * @limit entries with seq > @after_seq, in seq order. The returned array
 * points into the feed; it is valid until the next change to the data.
 * Returns NULL with *n_out = 0 at the end of the feed. */
guint64            fp_bank_data_get_latest_seq          (FpBankData        *self,
                                                         guint32            customer);
const FpBankChange *fp_bank_data_get_changes            (FpBankData        *self,
                                                         guint32            customer,
                                                         guint64            after_seq,
                                                         guint              limit,
                                                         guint             *n_out);

/* A bank that lives in the present: the last day booked, or G_MININT32
 * for data that does not move (imports). fp_bank_data_advance() books
 * every day after it up to @today (days since 1970-01-01, fp-clock.h):
 * their transactions and the updates that fall due, appended to the feeds
 * with new seqs, balances and holdings following. Booking the days one by
 * one or all at once gives the same data. Returns FALSE with @error set
 * when @today is beyond what the bank can book; *n_changes (nullable) is
 * the number of feed entries added. */
gint32             fp_bank_data_get_last_day            (FpBankData        *self);
gboolean           fp_bank_data_advance                 (FpBankData        *self,
                                                         gint32             today,
                                                         guint             *n_changes,
                                                         GError           **error);

/* The merchant's name, for data that names its merchants (generated
 * data); FALSE for data that has only ids (TabFormer). */
gboolean           fp_bank_data_get_merchant_name       (FpBankData        *self,
                                                         gint64             merchant_id,
                                                         guint              mcc,
                                                         char              *buffer,
                                                         gsize              size);

/* Changes at run time (for tests and a "live" sandbox): each appends to the
 * owner's change feed and keeps the account's balance and sums right.
 * fp_bank_data_add_transaction() takes the fields of @txn except id,
 * customer (from the account), year..minute (from booked_at) and
 * is_deleted; it returns the new id or FP_BANK_NO_ID with @error set.
 * fp_bank_data_update_transaction() changes amount, description and
 * booked_at. */
guint32            fp_bank_data_add_transaction         (FpBankData              *self,
                                                         const FpBankTransaction *txn,
                                                         GError                 **error);
gboolean           fp_bank_data_update_transaction      (FpBankData        *self,
                                                         guint32            id,
                                                         gint64             amount,
                                                         const char        *description,
                                                         gint64             booked_at,
                                                         GError           **error);
gboolean           fp_bank_data_delete_transaction      (FpBankData        *self,
                                                         guint32            id,
                                                         GError           **error);

/* Stable lower-case names for JSON: "current", "savings", "credit_card",
 * "loan", "investment"; "swipe", "chip", "online", "none"; "card",
 * "subscription", "salary", "rent", "utilities", "card_repayment",
 * "transfer", "savings", "loan_payment", "interest", "investment";
 * "created", "updated", "deleted". */
const char        *fp_bank_account_kind_to_string       (FpBankAccountKind  kind);
const char        *fp_bank_use_chip_to_string           (FpBankUseChip      use_chip);
const char        *fp_bank_category_to_string           (FpBankCategory     category);
const char        *fp_bank_change_kind_to_string        (FpBankChangeKind   kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpBankData, fp_bank_data_free)

G_END_DECLS
