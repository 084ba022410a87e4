/* fp-cache.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-booking.h"
#include "fp-cache-key.h"
#include "fp-keyring.h"

G_BEGIN_DECLS

#define FP_TYPE_CACHE (fp_cache_get_type ())

G_DECLARE_FINAL_TYPE (FpCache, fp_cache, FP, CACHE, GObject)

/**
 * FpTxnChangeKind:
 * @FP_TXN_CREATED: a new transaction
 * @FP_TXN_UPDATED: a changed transaction (applied like a creation)
 * @FP_TXN_DELETED: a removed transaction (only @id is read)
 *
 * The kinds of entries of the bank's transaction change feed.
 */
typedef enum {
  FP_TXN_CREATED,
  FP_TXN_UPDATED,
  FP_TXN_DELETED,
} FpTxnChangeKind;

/**
 * FpTxnChange:
 * @kind: created, updated or deleted
 * @id: the bank's transaction id
 * @account_id: the account it belongs to
 * @day: the booking day as yyyymmdd (20190315)
 * @minute: minutes since midnight, 0 to 1439
 * @amount_minor: the amount in minor units, negative for refunds
 * @currency: ISO 4217 code
 * @mcc: merchant category code, 0 if unknown
 * @merchant: (nullable): merchant name
 * @city: (nullable): merchant city
 * @state: (nullable): merchant state
 * @zip: (nullable): merchant postcode
 * @use_chip: (nullable): how the card was used
 * @errors: (nullable): the processor's errors, if any
 * @is_fraud: whether the bank flagged it as fraud
 * @category: (nullable): the bank's kind of item (the API's `category`:
 *   card, salary, rent, …)
 * @merchant_name: (nullable): the merchant's name as the bank gives it
 *   (`merchant.name`), or the description of the bank's own items
 * @card_id: (nullable): the card used
 * @txn_state: booked, pending or declined, from fp_txn_state_from_feed();
 *   a change with @errors is stored as declined whatever @txn_state says
 *
 * One entry of a page of the change feed; the strings are borrowed. The
 * fields after @category were added later: zero-filled they mean "booked,
 * no name, no card".
 */
typedef struct {
  FpTxnChangeKind kind;
  const char *id;
  const char *account_id;
  gint32 day;
  gint32 minute;
  gint64 amount_minor;
  const char *currency;
  gint32 mcc;
  const char *merchant;
  const char *city;
  const char *state;
  const char *zip;
  const char *use_chip;
  const char *errors;
  gboolean is_fraud;
  const char *category;
  const char *merchant_name;
  const char *card_id;
  FpTxnState txn_state;
} FpTxnChange;

/**
 * FpCachedTxn:
 * @category_override: (nullable): the category id (fp_category_get_id())
 *   the customer chose for it, from the local `txn_annotations`
 * @note: (nullable): the customer's note on it
 * @display_name: what to call the merchant, never a bare number
 *   (fp_merchant_display_name())
 *
 * A transaction read from the cache; the other fields as in #FpTxnChange,
 * owned.
 */
typedef struct {
  char *id;
  char *account_id;
  gint32 day;
  gint32 minute;
  gint64 amount_minor;
  char *currency;
  gint32 mcc;
  char *merchant;
  char *city;
  char *state;
  char *zip;
  char *use_chip;
  char *errors;
  gboolean is_fraud;
  char *category;
  char *merchant_name;
  char *card_id;
  FpTxnState txn_state;
  char *category_override;
  char *note;
  char *display_name;
} FpCachedTxn;

/**
 * FpTxnFilter:
 * @merchant: (nullable): a substring of the merchant's name, id or city,
 *   case-insensitive
 * @account_id: (nullable): only this account
 * @category: (nullable): only this category
 * @day_from: first day (yyyymmdd, inclusive), 0 for no bound
 * @day_to: last day (yyyymmdd, inclusive), 0 for no bound
 * @use_amount_min: whether @amount_min applies
 * @amount_min: smallest amount in minor units (inclusive)
 * @use_amount_max: whether @amount_max applies
 * @amount_max: largest amount in minor units (inclusive)
 *
 * Which transactions a list or count covers; a zeroed filter covers all.
 */
typedef struct {
  const char *merchant;
  const char *account_id;
  const char *category;
  gint32 day_from;
  gint32 day_to;
  gboolean use_amount_min;
  gint64 amount_min;
  gboolean use_amount_max;
  gint64 amount_max;
} FpTxnFilter;

/**
 * FpAccountTotals:
 * @account_id: the account
 * @currency: the currency of the sums
 * @count: number of transactions
 * @sum_minor: their sum in minor units
 */
typedef struct {
  char *account_id;
  char *currency;
  gint64 count;
  gint64 sum_minor;
} FpAccountTotals;

/**
 * FpMonthlyTotal:
 * @account_id: the account
 * @month: yyyymm
 * @category: the category ("" when uncategorised)
 * @currency: the currency of the total
 * @total_minor: sum of the amounts in minor units
 * @count: number of transactions
 *
 * One row of the rollup the dashboard reads.
 */
typedef struct {
  char *account_id;
  gint32 month;
  char *category;
  char *currency;
  gint64 total_minor;
  gint64 count;
} FpMonthlyTotal;

/**
 * FpCacheCatalogue:
 * @FP_CACHE_ACCOUNTS: accounts
 * @FP_CACHE_BALANCES: balances (id: the account id)
 * @FP_CACHE_CARDS: cards (last four digits only: longer digit runs are refused)
 * @FP_CACHE_OFFERS: offers
 * @FP_CACHE_CONSENTS: consents as the bank reports them
 * @FP_CACHE_MARKET_DATA: market and ESG data
 * @FP_CACHE_MODELS: on-device models
 * @FP_CACHE_HOLDINGS: the investment accounts' holdings (id: the holding)
 *
 * Catalogue-like resources kept as JSON text keyed by id. The resource name
 * for cursors and ETags is fp_cache_catalogue_to_resource().
 */
typedef enum {
  FP_CACHE_ACCOUNTS,
  FP_CACHE_BALANCES,
  FP_CACHE_CARDS,
  FP_CACHE_OFFERS,
  FP_CACHE_CONSENTS,
  FP_CACHE_MARKET_DATA,
  FP_CACHE_MODELS,
  FP_CACHE_HOLDINGS,
} FpCacheCatalogue;

/**
 * FpCacheDerived:
 * @FP_CACHE_INSIGHTS: computed insights
 * @FP_CACHE_RANKINGS: personalised rankings of offers
 *
 * Data computed from the customer's data, dropped at once when the consent
 * to personalise is withdrawn (fp_cache_clear_derived()).
 */
typedef enum {
  FP_CACHE_INSIGHTS,
  FP_CACHE_RANKINGS,
} FpCacheDerived;

/**
 * FpOutboxState:
 * @FP_OUTBOX_PENDING: not delivered yet
 * @FP_OUTBOX_DELIVERED: the bank accepted it
 * @FP_OUTBOX_FAILED: the bank refused it for good
 */
typedef enum {
  FP_OUTBOX_PENDING,
  FP_OUTBOX_DELIVERED,
  FP_OUTBOX_FAILED,
} FpOutboxState;

/**
 * FpOutboxItem:
 * @id: local sequence number (delivery order)
 * @created: when it was queued, unix seconds
 * @method: HTTP method
 * @path: API path
 * @body: (nullable): request body
 * @idempotency_key: the Idempotency-Key header
 * @state: delivery state
 * @attempts: delivery attempts so far
 * @last_error: (nullable): the last delivery error, for developers
 */
typedef struct {
  gint64 id;
  gint64 created;
  char *method;
  char *path;
  char *body;
  char *idempotency_key;
  FpOutboxState state;
  gint64 attempts;
  char *last_error;
} FpOutboxItem;

/**
 * FpCacheExportFunc:
 * @table: the table name
 * @n_columns: number of columns
 * @names: (array length=n_columns): column names
 * @values: (array length=n_columns): values as text, %NULL for SQL NULL
 * @user_data: data given to fp_cache_export()
 *
 * Receives one row of the export.
 *
 * Returns: %TRUE to continue, %FALSE to stop (fp_cache_export() then fails
 *   with %G_IO_ERROR_CANCELLED)
 */
typedef gboolean (*FpCacheExportFunc) (const char        *table,
                                       guint              n_columns,
                                       const char *const *names,
                                       const char *const *values,
                                       gpointer           user_data);

char       *fp_cache_get_default_dir            (void);
char       *fp_cache_dir_to_cache_id            (const char         *dir);
gboolean    fp_cache_dir_exists                 (const char         *dir);

FpCache    *fp_cache_open                       (const char         *dir,
                                                 const FpCacheKey   *key,
                                                 GError            **error);
FpCache    *fp_cache_open_with_keyring          (const char         *dir,
                                                 FpKeyringFlags      flags,
                                                 GCancellable       *cancellable,
                                                 GError            **error);
void        fp_cache_open_with_keyring_async    (const char         *dir,
                                                 FpKeyringFlags      flags,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
FpCache    *fp_cache_open_with_keyring_finish   (GAsyncResult       *result,
                                                 GError            **error);
void        fp_cache_remove_stale_ephemeral     (const char         *parent_dir);
FpCache    *fp_cache_new_ephemeral              (const char         *parent_dir,
                                                 GError            **error);
void        fp_cache_close                      (FpCache            *self);
gboolean    fp_cache_destroy                    (const char         *dir,
                                                 GError            **error);
gboolean    fp_cache_erase                      (const char         *dir,
                                                 GCancellable       *cancellable,
                                                 GError            **error);

const char *fp_cache_get_dir                    (FpCache            *self);
const char *fp_cache_get_path                   (FpCache            *self);
gboolean    fp_cache_is_ephemeral               (FpCache            *self);
int         fp_cache_get_schema_version         (FpCache            *self);
const char *fp_cache_get_cipher_version         (FpCache            *self);
const char *fp_cache_get_journal_mode           (FpCache            *self);
int         fp_cache_get_latest_schema_version  (void);

gboolean    fp_cache_apply_changes              (FpCache            *self,
                                                 const char         *resource,
                                                 const FpTxnChange  *changes,
                                                 gsize               n_changes,
                                                 const char         *new_cursor,
                                                 GError            **error);
char       *fp_cache_get_cursor                 (FpCache            *self,
                                                 const char         *resource,
                                                 GError            **error);
char       *fp_cache_get_etag                   (FpCache            *self,
                                                 const char         *resource,
                                                 GError            **error);
gboolean    fp_cache_get_last_synced            (FpCache            *self,
                                                 const char         *resource,
                                                 gint64             *out_unix_time,
                                                 GError            **error);

GPtrArray  *fp_cache_list_transactions          (FpCache            *self,
                                                 const FpTxnFilter  *filter,
                                                 guint               offset,
                                                 guint               limit,
                                                 GError            **error);
gboolean    fp_cache_count_transactions         (FpCache            *self,
                                                 const FpTxnFilter  *filter,
                                                 guint64            *out_count,
                                                 GError            **error);
GPtrArray  *fp_cache_counts_and_sums_per_account (FpCache           *self,
                                                 GError            **error);
GPtrArray  *fp_cache_list_monthly_totals        (FpCache            *self,
                                                 const char         *account_id,
                                                 gint32              month_from,
                                                 gint32              month_to,
                                                 GError            **error);
gboolean    fp_cache_rebuild_rollups            (FpCache            *self,
                                                 GError            **error);

const char *fp_cache_catalogue_to_resource      (FpCacheCatalogue    catalogue);
gboolean    fp_cache_replace_catalogue          (FpCache            *self,
                                                 FpCacheCatalogue    catalogue,
                                                 const char *const  *ids,
                                                 const char *const  *jsons,
                                                 gsize               n_items,
                                                 const char         *etag,
                                                 GError            **error);
gboolean    fp_cache_upsert_catalogue_item      (FpCache            *self,
                                                 FpCacheCatalogue    catalogue,
                                                 const char         *id,
                                                 const char         *json,
                                                 GError            **error);
char       *fp_cache_get_catalogue_item         (FpCache            *self,
                                                 FpCacheCatalogue    catalogue,
                                                 const char         *id,
                                                 GError            **error);
GPtrArray  *fp_cache_list_catalogue             (FpCache            *self,
                                                 FpCacheCatalogue    catalogue,
                                                 GError            **error);
GPtrArray  *fp_cache_list_catalogue_ids         (FpCache            *self,
                                                 FpCacheCatalogue    catalogue,
                                                 GError            **error);

gboolean    fp_cache_put_derived                (FpCache            *self,
                                                 FpCacheDerived      kind,
                                                 const char         *key,
                                                 const char         *json,
                                                 GError            **error);
char       *fp_cache_get_derived                (FpCache            *self,
                                                 FpCacheDerived      kind,
                                                 const char         *key,
                                                 GError            **error);
gboolean    fp_cache_clear_derived              (FpCache            *self,
                                                 GError            **error);

gint64      fp_cache_outbox_enqueue             (FpCache            *self,
                                                 const char         *method,
                                                 const char         *path,
                                                 const char         *body,
                                                 const char         *idempotency_key,
                                                 GError            **error);
GPtrArray  *fp_cache_outbox_list_pending        (FpCache            *self,
                                                 GError            **error);
gboolean    fp_cache_outbox_mark                (FpCache            *self,
                                                 gint64              id,
                                                 FpOutboxState       state,
                                                 const char         *last_error,
                                                 GError            **error);
gboolean    fp_cache_append_consent_history     (FpCache            *self,
                                                 const char         *consent_id,
                                                 const char         *purpose,
                                                 const char         *action,
                                                 gint64              at_unix_time,
                                                 const char         *receipt,
                                                 GError            **error);

gboolean    fp_cache_export                     (FpCache            *self,
                                                 FpCacheExportFunc   func,
                                                 gpointer            user_data,
                                                 GError            **error);

void        fp_cached_txn_free                  (FpCachedTxn        *txn);
FpCategory  fp_cached_txn_get_category          (const FpCachedTxn  *txn);
gboolean    fp_cached_txn_is_online             (const FpCachedTxn  *txn);
void        fp_account_totals_free              (FpAccountTotals    *totals);
void        fp_monthly_total_free               (FpMonthlyTotal     *total);
void        fp_outbox_item_free                 (FpOutboxItem       *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpCachedTxn, fp_cached_txn_free)

G_END_DECLS
