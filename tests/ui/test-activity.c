/* test-activity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Activity page and its paged model, over an ephemeral cache filled
 * with a few thousand generated transactions. Expected counts and orders
 * are computed here from the generated rows themselves (sorting and
 * filtering them in C), and compared with both the model and the store.
 * The details of a transaction: what it shows, the category and note
 * saved at once, the answer to an alert and a card freeze queued.
 * The screenshots are saved in G_TEST_BUILDDIR/activity-screenshots.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fp-activity-page.h"
#include "fp-cache-activity.h"
#include "fp-cache-annotations.h"
#include "fp-categories.h"
#include "fp-transaction-details.h"
#include "fp-transaction-row.h"
#include "fp-ui-test.h"

#define N_ROWS 3000

typedef struct {
  char id[16];
  FpTxnChange change;
} Row;

static const struct {
  const char *merchant;
  const char *category;
} merchants[] = {
  { "Corner Bakery", "dining" },
  { "FreshMart", "groceries" },
  { "City Transit", "transport" },
  { "Skyways Airlines", "travel" },
  { "Bookworm & Co", "shopping" },
  { "Cinema Paradiso", "entertainment" },
  { "Green Cross Pharmacy", "health" },
  { "Northern Power", "utilities" },
  { "Harbor Rentals", "housing" },
  { "Evening Classes", "education" },
  { "QuickFix Repairs", "services" },
  { "SafeHome Insurance", "insurance" },
  { "Tax Office", "government" },
  { "Red Cross", "giving" },
  { "ATM Main Street", "cash" },
  { "Account Fee", "fees" },
  { "Payroll ACME Ltd", "income" },
};

static const char * const account_ids[] = { "acc_1", "acc_2", "acc_3" };

static Row *rows;          /* N_ROWS generated rows */
static Row **sorted;       /* the same, in the list's order */
static char *parent_dir;

static guint32
mix (guint32 x)
{
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

/* A merchant code of @category_id's category, so that each row shows
 * the category it was made with; 0 when none maps to it (the bank's code
 * decides then). */
static gint32
mcc_of_category (const char *category_id)
{
  FpCategory category;

  if (!fp_category_from_id (category_id, &category))
    return 0;
  for (guint mcc = 1; mcc < 10000; mcc++)
    if (fp_category_mcc_is_mapped (mcc) && fp_category_for_mcc (mcc) == category)
      return (gint32) mcc;
  return 0;
}

static void
make_rows (void)
{
  GDate date;
  gint32 mccs[G_N_ELEMENTS (merchants)];

  for (guint m = 0; m < G_N_ELEMENTS (merchants); m++)
    mccs[m] = mcc_of_category (merchants[m].category);
  rows = g_new0 (Row, N_ROWS);
  for (guint i = 0; i < N_ROWS; i++)
    {
      Row *r = &rows[i];
      guint32 h = mix (i + 1);
      guint m = h % G_N_ELEMENTS (merchants);
      gboolean credit = g_str_equal (merchants[m].category, "income") || (h >> 8) % 25 == 0;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2019);
      g_date_add_days (&date, (h >> 4) % 365);

      g_snprintf (r->id, sizeof r->id, "tx-%06u", i);
      r->change = (FpTxnChange) {
        .kind = FP_TXN_CREATED,
        .id = r->id,
        .account_id = account_ids[(h >> 12) % G_N_ELEMENTS (account_ids)],
        .day = (gint32) g_date_get_year (&date) * 10000 + (gint32) g_date_get_month (&date) * 100
               + (gint32) g_date_get_day (&date),
        /* Few distinct minutes, so that ties are broken by the id. */
        .minute = (gint32) ((h >> 20) % 6) * 240,
        .amount_minor = credit ? (gint64) (h >> 10) % 300000 + 100 : -((gint64) (h >> 10) % 25000 + 1),
        .currency = "USD",
        .mcc = mccs[m],
        .merchant = merchants[m].merchant,
        .city = "Springfield",
        .is_fraud = (h >> 24) % 150 == 0,
        .category = merchants[m].category,
      };
    }
}

static int
compare_list_order (gconstpointer a,
                    gconstpointer b)
{
  const FpTxnChange *x = &(*(Row * const *) a)->change;
  const FpTxnChange *y = &(*(Row * const *) b)->change;

  if (x->day != y->day)
    return x->day > y->day ? -1 : 1;
  if (x->minute != y->minute)
    return x->minute > y->minute ? -1 : 1;
  return strcmp (x->id, y->id);
}

static void
sort_rows (void)
{
  sorted = g_new (Row *, N_ROWS);
  for (guint i = 0; i < N_ROWS; i++)
    sorted[i] = &rows[i];
  qsort (sorted, N_ROWS, sizeof *sorted, compare_list_order);
}

/* The filter's meaning, written independently of the store's SQL. */
static gboolean
matches (const FpTxnChange *c,
         const FpTxnFilter *f)
{
  if (f->account_id != NULL && !g_str_equal (c->account_id, f->account_id))
    return FALSE;
  /* The category the row shows (the merchant code's, else the bank's). */
  if (f->category != NULL &&
      !g_str_equal (fp_category_get_id (fp_category_for_transaction (c->category, (guint) MAX (c->mcc, 0))),
                    f->category))
    return FALSE;
  if (f->day_from > 0 && c->day < f->day_from)
    return FALSE;
  if (f->day_to > 0 && c->day > f->day_to)
    return FALSE;
  if (f->use_amount_min && c->amount_minor < f->amount_min)
    return FALSE;
  if (f->use_amount_max && c->amount_minor > f->amount_max)
    return FALSE;
  /* The merchant's id, its name from the bank, or its city. */
  if (f->merchant != NULL && *f->merchant != '\0')
    {
      const char *texts[] = { c->merchant, c->merchant_name, c->city };
      g_autofree char *needle = g_ascii_strdown (f->merchant, -1);
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (texts) && !found; i++)
        {
          g_autofree char *haystack = texts[i] != NULL ? g_ascii_strdown (texts[i], -1) : NULL;

          found = haystack != NULL && strstr (haystack, needle) != NULL;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* The rows matching @filter in list order. */
static GPtrArray *
expected_rows (const FpTxnFilter *filter)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < N_ROWS; i++)
    if (filter == NULL || matches (&sorted[i]->change, filter))
      g_ptr_array_add (out, sorted[i]);
  return out;
}

static FpCache *
new_cache (guint n_rows)
{
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_new_ephemeral (parent_dir, &error);
  const char *jsons[] = {
    "{\"accountId\":\"acc_1\",\"status\":\"Enabled\",\"currency\":\"USD\",\"nickname\":\"Everyday\",\"maskedIdentification\":\"****4821\"}",
    "{\"accountId\":\"acc_2\",\"status\":\"Enabled\",\"currency\":\"USD\",\"nickname\":\"Savings\",\"maskedIdentification\":\"****1177\"}",
    "{\"accountId\":\"acc_3\",\"status\":\"Enabled\",\"currency\":\"USD\",\"accountSubType\":\"CreditCard\",\"maskedIdentification\":\"****9035\",\"cardId\":\"crd_1\"}",
  };

  const char *card_ids[] = { "crd_1" };
  const char *cards[] = {
    "{\"cardId\":\"crd_1\",\"accountId\":\"acc_3\",\"brand\":\"Visa\",\"lastFour\":\"9035\",\"frozen\":false}",
  };

  g_assert_no_error (error);
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_ACCOUNTS, account_ids, jsons,
                                             G_N_ELEMENTS (jsons), NULL, &error));
  g_assert_true (fp_cache_replace_catalogue (cache, FP_CACHE_CARDS, card_ids, cards,
                                             G_N_ELEMENTS (cards), NULL, &error));
  g_assert_no_error (error);

  for (guint start = 0; start < n_rows; start += 1000)
    {
      g_autofree FpTxnChange *changes = g_new (FpTxnChange, 1000);
      guint n = MIN (1000, n_rows - start);

      for (guint i = 0; i < n; i++)
        changes[i] = rows[start + i].change;
      g_assert_true (fp_cache_apply_changes (cache, "transactions", changes, n, "c", &error));
      g_assert_no_error (error);
    }

  return cache;
}

static void
wait_counted (FpTransactionModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (fp_transaction_model_get_loading (model))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static FpTransaction *
get_loaded_item (FpTransactionModel *model,
                 guint               position)
{
  FpTransaction *item = g_list_model_get_item (G_LIST_MODEL (model), position);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_nonnull (item);
  while (!fp_transaction_get_loaded (item))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  return item;
}

static guint64
store_count (FpCache           *cache,
             const FpTxnFilter *filter)
{
  g_autoptr(GError) error = NULL;
  guint64 count = 0;

  g_assert_true (fp_cache_count_transactions (cache, filter, &count, &error));
  g_assert_no_error (error);
  return count;
}

static char *
store_id_at (FpCache           *cache,
             const FpTxnFilter *filter,
             guint              offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = fp_cache_list_transactions (cache, filter, offset, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  return g_strdup (((FpCachedTxn *) g_ptr_array_index (page, 0))->id);
}

/* Items at random positions (and both ends) are the rows expected there,
 * and the rows the store returns for that offset. */
static void
check_items (FpTransactionModel *model,
             FpCache            *cache,
             const FpTxnFilter  *filter,
             GPtrArray          *expected)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (n, ==, expected->len);
  g_assert_cmpuint (n, ==, store_count (cache, filter));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));

  for (guint k = 0; k < 40 && n > 0; k++)
    {
      guint position = k == 0 ? 0 : k == 1 ? n - 1 : (guint) g_test_rand_int_range (0, (gint32) n);
      g_autoptr(FpTransaction) item = get_loaded_item (model, position);
      const FpCachedTxn *txn = fp_transaction_get_txn (item);
      const Row *want = g_ptr_array_index (expected, position);
      g_autofree char *store_id = store_id_at (cache, filter, position);

      g_assert_nonnull (txn);
      g_assert_cmpuint (fp_transaction_get_position (item), ==, position);
      g_assert_cmpstr (txn->id, ==, want->id);
      g_assert_cmpstr (txn->id, ==, store_id);
      g_assert_cmpstr (txn->merchant, ==, want->change.merchant);
      g_assert_cmpint (txn->amount_minor, ==, want->change.amount_minor);
      g_assert_cmpint (txn->day, ==, want->change.day);
      g_assert_cmpuint (fp_transaction_model_get_n_pages (model), <=, FP_TRANSACTION_MODEL_MAX_PAGES);
    }
}

static void
test_model_matches_store (void)
{
  FpCache *cache = new_cache (N_ROWS);
  FpTransactionModel *model = fp_transaction_model_new (cache);
  g_autoptr(GPtrArray) all = expected_rows (NULL);
  g_autoptr(FpTransaction) first = NULL;
  g_autoptr(FpTransaction) again = NULL;

  g_assert_true (fp_transaction_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  wait_counted (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == FP_TYPE_TRANSACTION);

  check_items (model, cache, NULL, all);

  /* An item asked for twice while its page is held is the same object. */
  first = get_loaded_item (model, 5);
  again = g_list_model_get_item (G_LIST_MODEL (model), 5);
  g_assert_true (first == again);

  /* Every page read from the cache, scrolling down (each page seeks from
   * the one above), then up from the bottom (each seeks from the one
   * below): the rows are still those expected, and few pages are kept. */
  fp_transaction_model_reload (model);
  wait_counted (model);
  for (guint position = 0; position < N_ROWS; position += FP_TRANSACTION_MODEL_PAGE_SIZE / 2)
    {
      g_autoptr(FpTransaction) item = get_loaded_item (model, position);

      g_assert_cmpstr (fp_transaction_get_txn (item)->id, ==, ((Row *) g_ptr_array_index (all, position))->id);
    }
  g_assert_cmpuint (fp_transaction_model_get_n_pages (model), <=, FP_TRANSACTION_MODEL_MAX_PAGES);

  fp_transaction_model_reload (model);
  wait_counted (model);
  for (guint position = N_ROWS; position-- > 0;)
    {
      g_autoptr(FpTransaction) item = get_loaded_item (model, position);

      g_assert_cmpstr (fp_transaction_get_txn (item)->id, ==, ((Row *) g_ptr_array_index (all, position))->id);
      position -= MIN (position, 37u);
    }
  g_assert_cmpuint (fp_transaction_model_get_n_pages (model), <=, FP_TRANSACTION_MODEL_MAX_PAGES);

  g_assert_finalize_object (model);
  g_assert_finalize_object (cache);
}

static void
test_filters_change_count (void)
{
  FpCache *cache = new_cache (N_ROWS);
  FpTransactionModel *model = fp_transaction_model_new (cache);
  const FpTxnFilter filters[] = {
    { .account_id = "acc_2" },
    { .category = "groceries" },
    { .day_from = 20190301, .day_to = 20190331 },
    { .use_amount_min = TRUE, .amount_min = 0 },
    { .use_amount_min = TRUE, .amount_min = -5000, .use_amount_max = TRUE, .amount_max = -1000 },
    { .merchant = "mart" },
    { .merchant = "BAKERY", .account_id = "acc_1", .day_from = 20190601 },
    { .category = "travel", .use_amount_max = TRUE, .amount_max = -20000 },
    { .merchant = "no such merchant" },
  };

  wait_counted (model);

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(GPtrArray) expected = expected_rows (&filters[i]);

      g_test_message ("filter %u: %u rows expected", i, expected->len);
      fp_transaction_model_set_filter (model, &filters[i]);
      g_assert_true (fp_transaction_model_get_loading (model));
      wait_counted (model);
      check_items (model, cache, &filters[i], expected);

      /* The filter is copied, and reads back. */
      g_assert_cmpint (fp_transaction_model_get_filter (model)->day_from, ==, filters[i].day_from);
    }

  /* The last filter matched nothing; no filter lists all again. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  fp_transaction_model_set_filter (model, NULL);
  wait_counted (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);

  g_assert_finalize_object (model);
  g_assert_finalize_object (cache);
}

/* The store's keyset pages (fp-cache-activity.c) against the offsets of
 * fp_cache_list_transactions() and the expected order, for every filter
 * kind: after a row with and without a skip, and before a row. */
static void
test_keyset_pages_match_offsets (void)
{
  FpCache *cache = new_cache (N_ROWS);
  const FpTxnFilter filters[] = {
    { 0 },
    { .account_id = "acc_3" },
    { .merchant = "mart", .day_to = 20191130 },
    { .category = "dining", .use_amount_max = TRUE, .amount_max = -500 },
  };

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    {
      g_autoptr(GPtrArray) expected = expected_rows (&filters[f]);

      for (guint k = 0; k < 30; k++)
        {
          guint at = (guint) g_test_rand_int_range (0, (gint32) expected->len);
          guint skip = (guint) g_test_rand_int_range (0, 50);
          guint limit = (guint) g_test_rand_int_range (1, 120);
          const Row *row = g_ptr_array_index (expected, at);
          FpTxnKey key = { row->change.day, row->change.minute, row->change.id };
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) after = fp_cache_list_transactions_after (cache, &filters[f], &key, skip, limit, &error);
          g_autoptr(GPtrArray) offset = NULL;
          g_autoptr(GPtrArray) before = NULL;
          guint want_after = at + 1 + skip < expected->len ? MIN (limit, expected->len - at - 1 - skip) : 0;

          g_assert_no_error (error);
          offset = fp_cache_list_transactions (cache, &filters[f], at + 1 + skip, limit, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (after->len, ==, want_after);
          g_assert_cmpuint (offset->len, ==, want_after);
          for (guint i = 0; i < after->len; i++)
            {
              const char *id = ((FpCachedTxn *) g_ptr_array_index (after, i))->id;

              g_assert_cmpstr (id, ==, ((Row *) g_ptr_array_index (expected, at + 1 + skip + i))->id);
              g_assert_cmpstr (id, ==, ((FpCachedTxn *) g_ptr_array_index (offset, i))->id);
            }

          before = fp_cache_list_transactions_before (cache, &filters[f], &key, limit, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (before->len, ==, MIN (limit, at));
          for (guint i = 0; i < before->len; i++)
            g_assert_cmpstr (((FpCachedTxn *) g_ptr_array_index (before, i))->id, ==,
                             ((Row *) g_ptr_array_index (expected, at - before->len + i))->id);
        }
    }

  g_assert_finalize_object (cache);
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static GtkWindow *
show_page (FpActivityPage **out_page,
           int              width,
           int              height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *page = fp_activity_page_new ();

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, page);
  gtk_window_present (window);
  *out_page = FP_ACTIVITY_PAGE (page);
  return window;
}

static const char *
visible_state (FpActivityPage *page)
{
  GtkStack *stack = child (page, FP_TYPE_ACTIVITY_PAGE, "stack");
  GtkStack *results = child (page, FP_TYPE_ACTIVITY_PAGE, "results_stack");

  if (g_str_equal (gtk_stack_get_visible_child_name (stack), "empty"))
    return "empty";
  return gtk_stack_get_visible_child_name (results);
}

static void
wait_filter_applied (FpActivityPage *page,
                     const char     *merchant)
{
  FpTransactionModel *model = fp_activity_page_get_model (page);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_strcmp0 (fp_transaction_model_get_filter (model)->merchant, merchant) != 0 ||
         fp_transaction_model_get_loading (model))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static void
test_search_and_empty_states (void)
{
  FpActivityPage *page;
  GtkWindow *window = show_page (&page, 800, 600);
  FpTransactionModel *model = fp_activity_page_get_model (page);
  GtkEditable *search = child (page, FP_TYPE_ACTIVITY_PAGE, "search_entry");
  GtkLabel *count = child (page, FP_TYPE_ACTIVITY_PAGE, "count_label");
  AdwStatusPage *empty = child (page, FP_TYPE_ACTIVITY_PAGE, "empty_page");
  FpCache *empty_cache = new_cache (0);
  FpCache *cache = new_cache (N_ROWS);
  FpTxnFilter filter = { .merchant = "paradiso" };
  g_autoptr(GPtrArray) expected = expected_rows (&filter);
  g_autofree char *all_text = g_strdup_printf ("%s transactions", "3,000");
  g_autofree char *found_text = NULL;

  /* No cache (signed out): the first-sync state. */
  g_assert_cmpstr (visible_state (page), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_description (empty), ==,
                   "Your transactions appear here after the first sync");

  /* A cache without transactions says the same. */
  fp_activity_page_set_cache (page, empty_cache);
  wait_counted (model);
  g_assert_cmpstr (visible_state (page), ==, "empty");

  /* With transactions: the list and its count. */
  fp_activity_page_set_cache (page, cache);
  wait_counted (model);
  g_assert_cmpstr (visible_state (page), ==, "results");
  g_assert_cmpstr (gtk_label_get_label (count), ==, all_text);

  /* Searching a merchant finds it, case-insensitively. */
  gtk_editable_set_text (search, "paradiso");
  wait_filter_applied (page, "paradiso");
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  found_text = g_strdup_printf ("%u transactions match", expected->len);
  g_assert_cmpstr (gtk_label_get_label (count), ==, found_text);
  {
    g_autoptr(FpTransaction) item = get_loaded_item (model, 0);

    g_assert_cmpstr (fp_transaction_get_txn (item)->merchant, ==, "Cinema Paradiso");
  }

  /* A search that finds nothing offers to clear it; clearing lists all. */
  gtk_editable_set_text (search, "zzz no such shop");
  wait_filter_applied (page, "zzz no such shop");
  g_assert_cmpstr (visible_state (page), ==, "no-results");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "activity.clear-filters", NULL));
  wait_filter_applied (page, NULL);
  g_assert_cmpstr (visible_state (page), ==, "results");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);

  /* The filter popover's widgets: a category and an amount range. */
  {
    GtkDropDown *category = child (page, FP_TYPE_ACTIVITY_PAGE, "category_dropdown");
    GtkEditable *amount_min = child (page, FP_TYPE_ACTIVITY_PAGE, "amount_min_entry");
    GtkEditable *day_to = child (page, FP_TYPE_ACTIVITY_PAGE, "day_to_entry");
    FpTxnFilter by_widgets = {
      .category = "dining", .use_amount_min = TRUE, .amount_min = -1000, .day_to = 20190630,
    };
    g_autoptr(GPtrArray) want = expected_rows (&by_widgets);
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    gtk_drop_down_set_selected (category, FP_CATEGORY_DINING + 1);
    gtk_editable_set_text (amount_min, "−10.00");
    gtk_editable_set_text (day_to, "2019-06-30");
    while (fp_transaction_model_get_filter (model)->day_to != 20190630 ||
           fp_transaction_model_get_loading (model))
      {
        g_main_context_iteration (NULL, FALSE);
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      }
    g_assert_cmpstr (fp_transaction_model_get_filter (model)->category, ==, "dining");
    g_assert_cmpint (fp_transaction_model_get_filter (model)->amount_min, ==, -1000);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, want->len);

    /* A day that is not one is shown as an error and not applied. */
    gtk_editable_set_text (day_to, "2019-02-30");
    fp_ui_test_spin (400);
    wait_counted (model);
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (day_to), "error"));
    g_assert_cmpint (fp_transaction_model_get_filter (model)->day_to, ==, 0);
  }

  /* Signed out again: back to the empty state. */
  fp_activity_page_set_cache (page, NULL);
  g_assert_cmpstr (visible_state (page), ==, "empty");

  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);
  gtk_window_destroy (window);
  fp_ui_test_spin (50);
  g_assert_null (page);
  g_assert_null (model);
  g_assert_finalize_object (cache);
  g_assert_finalize_object (empty_cache);
}

static void
test_row_shows_transaction (void)
{
  FpTransaction *item = fp_transaction_new_placeholder (0);
  GtkWidget *row = g_object_ref_sink (fp_transaction_row_new ());
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  FpCachedTxn *txn = g_new0 (FpCachedTxn, 1);
  GtkWidget *amount, *fraud;

  g_hash_table_insert (names, (gpointer) "acc_1", (gpointer) "Everyday ··4821");
  fp_transaction_row_set_item (FP_TRANSACTION_ROW (row), item, NULL, names);

  /* A placeholder, then filled in place. */
  g_assert_cmpstr (fp_transaction_row_get_amount_text (FP_TRANSACTION_ROW (row)), ==, "");
  txn->id = g_strdup ("tx-1");
  txn->account_id = g_strdup ("acc_1");
  txn->day = 20190312;
  txn->minute = 14 * 60 + 32;
  txn->amount_minor = 123456;
  txn->currency = g_strdup ("USD");
  txn->merchant = g_strdup ("Payroll ACME Ltd");
  txn->category = g_strdup ("income");
  txn->is_fraud = TRUE;
  fp_transaction_fill (item, txn);

  amount = GTK_WIDGET (child (row, FP_TYPE_TRANSACTION_ROW, "amount_label"));
  fraud = GTK_WIDGET (child (row, FP_TYPE_TRANSACTION_ROW, "fraud_image"));
  g_assert_cmpstr (fp_transaction_row_get_amount_text (FP_TRANSACTION_ROW (row)), ==, "+$1,234.56");
  g_assert_true (gtk_widget_has_css_class (amount, "success"));
  g_assert_true (gtk_widget_has_css_class (amount, "numeric"));
  g_assert_true (gtk_widget_get_visible (fraud));
  g_assert_cmpstr (gtk_label_get_label (child (row, FP_TYPE_TRANSACTION_ROW, "details_label")), ==,
                   "Income · Everyday ··4821");
  g_assert_cmpstr (gtk_label_get_label (child (row, FP_TYPE_TRANSACTION_ROW, "date_label")), ==, "14:32");

  /* The first row of a day is headed by it; 12 March 2019 was a Tuesday. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (child (row, FP_TYPE_TRANSACTION_ROW, "day_label"))));
  g_assert_cmpstr (gtk_label_get_label (child (row, FP_TYPE_TRANSACTION_ROW, "day_label")), ==,
                   "Tuesday, 12 March 2019");
  {
    FpTransaction *above = fp_transaction_new_placeholder (0);
    FpCachedTxn *above_txn = g_new0 (FpCachedTxn, 1);

    /* Below a row of the same day, no heading; it waits for that row. */
    fp_transaction_row_set_item (FP_TRANSACTION_ROW (row), item, above, names);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (row, FP_TYPE_TRANSACTION_ROW, "day_label"))));
    above_txn->id = g_strdup ("tx-0");
    above_txn->day = 20190312;
    fp_transaction_fill (above, above_txn);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (child (row, FP_TYPE_TRANSACTION_ROW, "day_label"))));
    fp_transaction_row_set_item (FP_TRANSACTION_ROW (row), item, NULL, names);
    g_assert_finalize_object (above);
  }

  /* Compact rows (narrow windows) leave the account out. */
  fp_transaction_row_set_compact (FP_TRANSACTION_ROW (row), TRUE);
  g_assert_cmpstr (gtk_label_get_label (child (row, FP_TYPE_TRANSACTION_ROW, "details_label")), ==, "Income");

  {
    g_autofree char *day = fp_activity_format_day (20190312);

    g_assert_cmpstr (day, ==, "12 Mar 2019");
  }

  /* Money spent: a true minus, the default color. */
  {
    g_autofree char *text = fp_activity_format_amount (-4250, "USD");

    g_assert_cmpstr (text, ==, "−$42.50");
  }

  /* A declined attempt at a merchant known only by a number: named by its
   * kind and city, said to be declined, its amount struck through. */
  {
    FpTransaction *declined = fp_transaction_new_placeholder (1);
    FpCachedTxn *t = g_new0 (FpCachedTxn, 1);
    PangoAttrList *attrs;

    t->id = g_strdup ("tx-2");
    t->account_id = g_strdup ("acc_1");
    t->day = 20190312;
    t->amount_minor = -89999;
    t->currency = g_strdup ("USD");
    t->mcc = 5411;
    t->merchant = g_strdup ("-792227525922014876");
    t->city = g_strdup ("Boise");
    t->category = g_strdup ("card");
    t->errors = g_strdup ("Insufficient Balance");
    t->txn_state = FP_TXN_STATE_DECLINED;
    fp_transaction_row_set_item (FP_TRANSACTION_ROW (row), declined, NULL, names);
    fp_transaction_fill (declined, t);

    g_assert_cmpstr (gtk_label_get_label (child (row, FP_TYPE_TRANSACTION_ROW, "merchant_label")), ==,
                     "Grocery store in Boise");
    g_assert_cmpstr (gtk_label_get_label (child (row, FP_TYPE_TRANSACTION_ROW, "details_label")), ==,
                     "Declined · Groceries");
    attrs = gtk_label_get_attributes (child (row, FP_TYPE_TRANSACTION_ROW, "amount_label"));
    g_assert_nonnull (attrs);
    g_assert_nonnull (pango_attr_iterator_get (pango_attr_list_get_iterator (attrs), PANGO_ATTR_STRIKETHROUGH));
    fp_transaction_row_set_item (FP_TRANSACTION_ROW (row), NULL, NULL, NULL);
    g_assert_finalize_object (declined);
  }

  fp_transaction_row_set_item (FP_TRANSACTION_ROW (row), NULL, NULL, NULL);
  g_assert_finalize_object (item);
  g_assert_finalize_object (row);
}

static FpCachedTxn *
store_row (FpCache    *cache,
           const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpTxnDetails) details = fp_cache_get_txn_details (cache, id, &error);
  FpCachedTxn *txn;

  g_assert_no_error (error);
  txn = g_steal_pointer (&details->txn);
  return txn;
}

/* The details of a declined attempt and of a flagged payment: what they
 * show, and what the customer changes there reaches the store and the
 * list at once. */
static void
test_details (void)
{
  FpCache *cache = new_cache (N_ROWS);
  FpActivityPage *page = NULL;
  GtkWindow *window = show_page (&page, 1280, 800);
  FpTransactionModel *model = fp_activity_page_get_model (page);
  const char *declined_id = sorted[1]->id;
  const char *flagged_id = sorted[5]->id;
  g_autoptr(GError) error = NULL;
  GtkWindow *details;

  fp_activity_page_set_cache (page, cache);
  wait_counted (model);

  /* A declined attempt. */
  details = fp_activity_page_open_details (page, declined_id);
  g_assert_nonnull (details);
  g_assert_true (gtk_window_get_transient_for (details) == window);
  g_assert_cmpstr (gtk_label_get_label (child (details, FP_TYPE_TRANSACTION_DETAILS, "merchant_label")), ==,
                   "Grocery store in Boise");
  g_assert_cmpstr (gtk_label_get_label (child (details, FP_TYPE_TRANSACTION_DETAILS, "state_label")), ==,
                   "Declined");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (details, FP_TYPE_TRANSACTION_DETAILS, "status_row")), ==,
                   "Declined (Insufficient Balance). No money moved; it is not in your totals.");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (details, FP_TYPE_TRANSACTION_DETAILS, "mcc_row")), ==,
                   "5411 · Groceries");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (details, FP_TYPE_TRANSACTION_DETAILS, "place_row")), ==,
                   "Boise, ID 83702");
  g_assert_false (gtk_widget_get_visible (child (details, FP_TYPE_TRANSACTION_DETAILS, "alert_group")));

  /* A category chosen: kept at once, and the list's row follows. */
  adw_combo_row_set_selected (child (details, FP_TYPE_TRANSACTION_DETAILS, "category_row"), FP_CATEGORY_DINING);
  {
    g_autoptr(FpCachedTxn) txn = store_row (cache, declined_id);

    g_assert_cmpstr (txn->category_override, ==, "dining");
  }
  wait_counted (model);
  {
    g_autoptr(FpTransaction) item = get_loaded_item (model, 1);

    g_assert_cmpstr (fp_transaction_get_txn (item)->id, ==, declined_id);
    g_assert_cmpstr (fp_transaction_get_txn (item)->category_override, ==, "dining");
  }
  /* Back to the merchant's own category: nothing to keep. */
  adw_combo_row_set_selected (child (details, FP_TYPE_TRANSACTION_DETAILS, "category_row"), FP_CATEGORY_GROCERIES);
  {
    g_autoptr(FpCachedTxn) txn = store_row (cache, declined_id);

    g_assert_null (txn->category_override);
  }

  /* A note, applied; another typed and the window closed: kept too. */
  gtk_editable_set_text (child (details, FP_TYPE_TRANSACTION_DETAILS, "note_row"), "Card was blocked at the till");
  g_signal_emit_by_name (child (details, FP_TYPE_TRANSACTION_DETAILS, "note_row"), "apply");
  {
    g_autoptr(FpCachedTxn) txn = store_row (cache, declined_id);

    g_assert_cmpstr (txn->note, ==, "Card was blocked at the till");
  }
  gtk_editable_set_text (child (details, FP_TYPE_TRANSACTION_DETAILS, "note_row"), "Paid cash instead");
  gtk_window_close (details);
  fp_ui_test_spin (50);
  {
    g_autoptr(FpCachedTxn) txn = store_row (cache, declined_id);

    g_assert_cmpstr (txn->note, ==, "Paid cash instead");
  }

  /* A flagged payment: "Not me" and "Freeze card", queued for the bank. */
  details = fp_activity_page_open_details (page, flagged_id);
  g_assert_nonnull (details);
  g_assert_true (gtk_widget_get_visible (child (details, FP_TYPE_TRANSACTION_DETAILS, "alert_group")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (details, FP_TYPE_TRANSACTION_DETAILS, "account_row")), ==,
                   "Credit card ··9035");
  g_signal_emit_by_name (child (details, FP_TYPE_TRANSACTION_DETAILS, "not_mine_button"), "clicked");
  g_signal_emit_by_name (child (details, FP_TYPE_TRANSACTION_DETAILS, "freeze_button"), "clicked");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (details, FP_TYPE_TRANSACTION_DETAILS, "verdict_row")), ==,
                   "You said this was not you. Waiting to be sent to your bank.");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (details, FP_TYPE_TRANSACTION_DETAILS, "card_row")), ==,
                   "Visa ··9035 · Freeze asked. Waiting to be sent to your bank.");
  g_assert_cmpstr (gtk_button_get_label (child (details, FP_TYPE_TRANSACTION_DETAILS, "freeze_button")), ==,
                   "Un_freeze Card");
  {
    g_autoptr(GPtrArray) pending = fp_cache_outbox_list_pending (cache, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pending->len, ==, 2);
  }
  gtk_window_destroy (details);

  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  gtk_window_destroy (window);
  fp_ui_test_spin (50);
  g_assert_null (page);
  g_assert_finalize_object (cache);
}

/* Screenshots: the page in the real window, as reviewers see it. */

static gboolean
save_png (GtkWidget  *window,
          const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  return gdk_texture_save_to_png (texture, path);
}

static void
wait_visible_rows_loaded (FpActivityPage *page)
{
  FpTransactionModel *model = fp_activity_page_get_model (page);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  wait_counted (model);
  fp_ui_test_spin (200);
  while (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0 &&
         fp_transaction_model_get_n_fetches (model) == 0)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  fp_ui_test_spin (300);
}

static gboolean
window_has_size (gpointer window)
{
  return gtk_widget_get_width (window) > 0 && gtk_widget_get_height (window) > 0;
}

/* The page under a header bar in an undecorated window, so that the
 * picture has exactly the size asked for; `narrow` as the window sets it. */
static void
screenshot (FpCache    *cache,
            int         width,
            int         height,
            gboolean    dark,
            const char *name,
            const char *search)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "activity-screenshots", NULL);
  g_autofree char *file = g_strdup_printf ("%s-%dx%d-%s.png", name, width, height, dark ? "dark" : "light");
  g_autofree char *path = g_build_filename (dir, file, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = fp_activity_page_new ();

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Activity", NULL));
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  gtk_window_set_child (window, box);
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, width, height);
  fp_activity_page_set_narrow (FP_ACTIVITY_PAGE (page), width < 720);
  gtk_window_present (window);

  fp_activity_page_set_cache (FP_ACTIVITY_PAGE (page), cache);
  if (search != NULL)
    gtk_editable_set_text (child (page, FP_TYPE_ACTIVITY_PAGE, "search_entry"), search);
  fp_ui_test_spin (400);
  wait_visible_rows_loaded (FP_ACTIVITY_PAGE (page));
  /* A busy machine may take many frames to lay the window out. */
  fp_ui_test_wait_for (window_has_size, window, TRUE);

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, height);
  g_assert_true (save_png (GTK_WIDGET (window), path));
  g_test_message ("saved %s", path);

  /* The filter popover is a surface of its own. */
  if (search == NULL && cache != NULL)
    {
      GtkMenuButton *button = child (page, FP_TYPE_ACTIVITY_PAGE, "filter_button");
      g_autofree char *popover_file = g_strdup_printf ("%s-filters-%dx%d-%s.png", name, width, height,
                                                       dark ? "dark" : "light");
      g_autofree char *popover_path = g_build_filename (dir, popover_file, NULL);

      gtk_menu_button_popup (button);
      fp_ui_test_spin (300);
      g_assert_true (save_png (GTK_WIDGET (gtk_menu_button_get_popover (button)), popover_path));
      gtk_menu_button_popdown (button);
      fp_ui_test_spin (50);
    }

  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  gtk_window_destroy (window);
  fp_ui_test_spin (50);
  g_assert_null (page);
}

/* A transaction's details in a window of exactly that size. */
static void
screenshot_details (FpCache    *cache,
                    const char *id,
                    int         width,
                    int         height,
                    gboolean    dark,
                    const char *name)
{
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "activity-screenshots", NULL);
  g_autofree char *file = g_strdup_printf ("%s-%dx%d-%s.png", name, width, height, dark ? "dark" : "light");
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GError) error = NULL;
  GtkWindow *details = GTK_WINDOW (fp_transaction_details_new (cache, id, &error));

  g_assert_no_error (error);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  gtk_window_set_decorated (details, FALSE);
  gtk_window_set_default_size (details, width, height);
  gtk_window_present (details);
  fp_ui_test_spin (500);
  fp_ui_test_wait_for (window_has_size, details, TRUE);
  /* A window's frame may take some of the default size, as in
   * src/ui/fp-screenshot.c: correct for it. */
  for (guint i = 0; i < 3 && (gtk_widget_get_width (GTK_WIDGET (details)) != width ||
                              gtk_widget_get_height (GTK_WIDGET (details)) != height); i++)
    {
      int w, h;

      gtk_window_get_default_size (details, &w, &h);
      gtk_window_set_default_size (details, w + width - gtk_widget_get_width (GTK_WIDGET (details)),
                                   h + height - gtk_widget_get_height (GTK_WIDGET (details)));
      fp_ui_test_spin (300);
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (details)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (details)), ==, height);
  g_assert_true (save_png (GTK_WIDGET (details), path));
  g_test_message ("saved %s", path);
  gtk_window_destroy (details);
  fp_ui_test_spin (50);
}

static void
test_screenshots (void)
{
  FpCache *cache = new_cache (N_ROWS);
  const int sizes[][2] = { { 360, 640 }, { 1280, 800 } };
  g_autoptr(GError) error = NULL;

  /* A note and an answer, as a customer would have left them. */
  g_assert_true (fp_cache_set_txn_note (cache, sorted[5]->id, "Not at this shop, ever", &error));
  g_assert_cmpint (fp_cache_report_txn (cache, sorted[5]->id, FP_TXN_VERDICT_NOT_MINE, &error), >, 0);
  g_assert_no_error (error);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint dark = 0; dark <= 1; dark++)
      {
        screenshot (cache, sizes[s][0], sizes[s][1], dark, "activity", NULL);
        screenshot_details (cache, sorted[1]->id, sizes[s][0], sizes[s][1], dark, "details-declined");
        screenshot_details (cache, sorted[5]->id, sizes[s][0], sizes[s][1], dark, "details-flagged");
      }

  screenshot (NULL, 1280, 800, FALSE, "activity-empty", NULL);
  screenshot (cache, 360, 640, FALSE, "activity-no-match", "zzz no such shop");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_assert_finalize_object (cache);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  fp_ui_test_init (&argc, &argv);
  make_rows ();
  sort_rows ();
  /* On the first screen of the screenshots: a declined attempt and a
   * payment online at merchants known only by a number (as in TabFormer),
   * one with the bank's name for it, a pending one, and a fraud-flagged
   * payment by card. */
  sorted[1]->change.merchant = "-792227525922014876";
  sorted[1]->change.mcc = 5411;
  sorted[1]->change.city = "Boise";
  sorted[1]->change.state = "ID";
  sorted[1]->change.zip = "83702";
  sorted[1]->change.errors = "Insufficient Balance";
  sorted[1]->change.txn_state = FP_TXN_STATE_DECLINED;
  sorted[1]->change.category = "card";
  sorted[1]->change.amount_minor = -89999;
  sorted[1]->change.use_chip = "chip";
  sorted[2]->change.merchant = "7063484755188710920";
  sorted[2]->change.mcc = 5812;
  sorted[2]->change.city = "ONLINE";
  sorted[2]->change.use_chip = "online";
  sorted[3]->change.merchant = "-77";
  sorted[3]->change.merchant_name = "Green Basket Grocers";
  sorted[4]->change.txn_state = FP_TXN_STATE_PENDING;
  sorted[5]->change.is_fraud = TRUE;
  sorted[5]->change.account_id = "acc_3";
  sorted[5]->change.card_id = "crd_1";
  sorted[5]->change.amount_minor = -26460;
  parent_dir = g_dir_make_tmp ("fp-activity-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/activity/model-matches-store", test_model_matches_store);
  g_test_add_func ("/activity/filters-change-count", test_filters_change_count);
  g_test_add_func ("/activity/keyset-pages-match-offsets", test_keyset_pages_match_offsets);
  g_test_add_func ("/activity/search-and-empty-states", test_search_and_empty_states);
  g_test_add_func ("/activity/row-shows-transaction", test_row_shows_transaction);
  g_test_add_func ("/activity/details", test_details);
  g_test_add_func ("/activity/screenshots", test_screenshots);

  status = g_test_run ();

  g_rmdir (parent_dir);
  g_free (parent_dir);
  g_free (sorted);
  g_free (rows);
  return status;
}
