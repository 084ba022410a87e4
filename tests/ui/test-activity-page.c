/* test-activity-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Activity page over an ephemeral cache filled with a few thousand
 * generated transactions (activity-test-rows.c): search and its empty
 * states, what a row shows, and the details of a transaction: what it
 * shows, the category and note saved at once, the answer to an alert and
 * a card freeze queued. The screenshots are saved in
 * G_TEST_BUILDDIR/activity-screenshots.
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

#include "activity-test-rows.h"

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
  gint64 deadline = fp_ui_test_deadline (20);

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
    gint64 deadline = fp_ui_test_deadline (20);

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
  gint64 deadline = fp_ui_test_deadline (20);

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
  int status;

  fp_ui_test_init (&argc, &argv);
  activity_rows_setup ();

  g_test_add_func ("/activity/search-and-empty-states", test_search_and_empty_states);
  g_test_add_func ("/activity/row-shows-transaction", test_row_shows_transaction);
  g_test_add_func ("/activity/details", test_details);
  g_test_add_func ("/activity/screenshots", test_screenshots);

  status = g_test_run ();

  activity_rows_teardown ();
  return status;
}
