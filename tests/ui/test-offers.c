/* test-offers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Offers page with the bank's real catalogue (a sync of the sandbox
 * bank) and the synthetic saver and in-debt customers: its states; what
 * each consent allows (the bank's order without personalization, nothing
 * "made for you" without marketing, the switches offered); feedback that
 * re-ranks at once, is queued for the bank only with the consent to
 * marketing, and a dismissal that survives closing the page and the cache;
 * a loan's schedule equal to core's and to the closed form; amounts typed
 * in English and German; the credit line of each card and its what-if;
 * narrow and wide layouts; an accessible name on every control; and
 * screenshots of the list and of a loan at 360×640 and 1280×800, light and
 * dark (tests/ui/offers-screenshots).
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include <glib/gstdio.h>

#include "fp-cache-offers.h"
#include "fp-credit-line-card.h"
#include "fp-format.h"
#include "fp-money-entry.h"
#include "fp-offers-page-private.h"
#include "fp-schedule-row.h"
#include "fp-store.h"
#include "fp-ui-test.h"
#include "offers-test-data.h"

static char *tmp_dir;
static char *shot_dir;
static FpCache *bank;

static const guint8 key_bytes[FP_CACHE_KEY_SIZE] = {
  0x17, 0x2c, 0x9a, 0x4e, 0x61, 0xd0, 0x35, 0x8b, 0xf2, 0x04, 0x7e, 0xa9, 0x13, 0xc6, 0x58, 0xbd,
  0x2f, 0x90, 0x6a, 0xe1, 0x47, 0x3c, 0xd8, 0x05, 0xb2, 0x69, 0x1e, 0xf7, 0x84, 0x3a, 0xc5, 0x0d,
};

typedef struct {
  GtkWidget    *window;
  FpOffersPage *page;
  gboolean      updated;
} Shown;

static void
updated_cb (FpOffersPage *page,
            Shown        *shown)
{
  shown->updated = TRUE;
}

static FpCache *
new_cache (int customer)
{
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_new_ephemeral (tmp_dir, &error);

  g_assert_no_error (error);
  if (customer >= 0)
    offers_test_fill (cache, bank, (FpTestCustomer) customer);
  return cache;
}

static FpConsentPolicy *
policy_with (gboolean personalization,
             gboolean marketing)
{
  FpConsentPolicy *policy = fp_consent_policy_new ("test-device");

  if (personalization)
    fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, g_get_real_time ());
  if (marketing)
    fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, g_get_real_time ());
  return policy;
}

static void
wait_updated (Shown *shown)
{
  shown->updated = FALSE;
  fp_ui_test_wait (&shown->updated);
}

static void
show (Shown           *shown,
      FpCache         *cache,
      FpConsentPolicy *policy,
      int              width,
      int              height)
{
  gint64 deadline = fp_ui_test_deadline (10);

  shown->updated = FALSE;
  shown->window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (shown->window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (shown->window), width, height);
  shown->page = FP_OFFERS_PAGE (fp_offers_page_new ());
  fp_offers_page_set_narrow (shown->page, width < 720);
  g_signal_connect (shown->page, "updated", G_CALLBACK (updated_cb), shown);
  gtk_window_set_child (GTK_WINDOW (shown->window), GTK_WIDGET (shown->page));
  fp_offers_page_set_consent_policy (shown->page, policy);
  fp_offers_page_set_cache (shown->page, cache);
  gtk_window_present (GTK_WINDOW (shown->window));
  if (cache != NULL)
    fp_ui_test_wait (&shown->updated);
  while (gtk_widget_get_width (shown->window) <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (shown->page)))
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
  fp_ui_test_spin (300);
}

static void
hide (Shown *shown)
{
  gtk_window_destroy (GTK_WINDOW (shown->window));
  fp_ui_test_spin (50);
}

static int
position_of (const FpOfferRanking *ranking,
             const char           *offer_id)
{
  for (guint i = 0; i < ranking->n_offers; i++)
    if (g_str_equal (ranking->offers[i].offer->offer_id, offer_id))
      return (int) i;
  return -1;
}

static void
test_states (void)
{
  g_autoptr(FpCache) no_catalogue = new_cache (-1);
  g_autoptr(FpCache) cache = new_cache (FP_TEST_SAVER);
  Shown shown;

  /* Before the first sync: no cache. */
  show (&shown, NULL, NULL, 1280, 800);
  g_assert_cmpstr (fp_offers_page_get_state (shown.page), ==, "empty");
  hide (&shown);

  /* A cache without the bank's catalogue yet. */
  fp_test_fill_customer (no_catalogue, FP_TEST_SAVER);
  show (&shown, no_catalogue, NULL, 1280, 800);
  g_assert_cmpstr (fp_offers_page_get_state (shown.page), ==, "empty");

  /* The catalogue arrives: a spinner while it loads, then the offers. */
  fp_offers_page_set_cache (shown.page, cache);
  g_assert_cmpstr (fp_offers_page_get_state (shown.page), ==, "loading");
  wait_updated (&shown);
  g_assert_cmpstr (fp_offers_page_get_state (shown.page), ==, "content");
  g_assert_cmpuint (fp_offers_page_get_ranking (shown.page)->n_offers, ==, 7);
  hide (&shown);
  fp_cache_close (no_catalogue);
  fp_cache_close (cache);
}

static guint
made_for_you (const FpOfferRanking *ranking)
{
  guint n = 0;

  for (guint i = 0; i < ranking->n_offers; i++)
    n += ranking->offers[i].made_for_you;
  return n;
}

static void
test_consents (void)
{
  g_autoptr(FpCache) cache = new_cache (FP_TEST_IN_DEBT);
  g_autoptr(FpConsentPolicy) policy = policy_with (FALSE, FALSE);
  const FpOfferRanking *ranking;
  FpLoanView *loan;
  Shown shown;

  /* Nothing given: the bank's order, no factor, the loan priced without
   * the cash flow, and both switches offered. */
  show (&shown, cache, policy, 1280, 800);
  ranking = fp_offers_page_get_ranking (shown.page);
  g_assert_false (ranking->ranked);
  for (guint i = 0; i < ranking->n_offers; i++)
    {
      g_assert_cmpuint (ranking->offers[i].n_factors, ==, 0);
      if (i > 0)
        g_assert_cmpuint (ranking->offers[i - 1].offer->display_order, <, ranking->offers[i].offer->display_order);
    }
  g_assert_cmpuint (made_for_you (ranking), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fp_offers_page_get_consent_card (shown.page))));
  g_assert_true (fp_offers_page_show_offer (shown.page, "loan-personal"));
  g_assert_cmpuint (fp_offer_why_get_n_factors (fp_offer_detail_get_why (fp_offers_page_get_detail (shown.page))), ==, 0);
  loan = fp_offers_page_get_loan_view (shown.page);
  g_assert_nonnull (fp_loan_view_get_fit (loan));
  g_assert_false (fp_loan_view_get_fit (loan)->affordability_checked);

  /* Personalization: ranked with factors, still nothing "made for you". */
  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_GRANTED, g_get_real_time ());
  wait_updated (&shown);
  ranking = fp_offers_page_get_ranking (shown.page);
  g_assert_true (ranking->ranked);
  g_assert_cmpuint (made_for_you (ranking), ==, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fp_offers_page_get_consent_card (shown.page))));
  g_assert_true (fp_loan_view_get_fit (loan)->affordability_checked);
  {
    FpOfferWhy *why = fp_offer_detail_get_why (fp_offers_page_get_detail (shown.page));

    g_assert_cmpuint (fp_offer_why_get_n_factors (why), >, 0);
    g_assert_cmpuint (fp_offer_why_get_n_factors (why), <=, FP_OFFER_TOP_FACTORS);
  }

  /* Marketing too: offers with a positive score are made for you, and
   * nothing is missing any more. */
  fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_GRANTED, g_get_real_time ());
  wait_updated (&shown);
  ranking = fp_offers_page_get_ranking (shown.page);
  g_assert_cmpuint (made_for_you (ranking), >, 0);
  for (guint i = 0; i < ranking->n_offers; i++)
    g_assert_cmpint (ranking->offers[i].made_for_you, ==, ranking->offers[i].score > 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fp_offers_page_get_consent_card (shown.page))));

  /* Withdrawn: unranked again at once. */
  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_REVOKED, g_get_real_time ());
  wait_updated (&shown);
  g_assert_false (fp_offers_page_get_ranking (shown.page)->ranked);
  hide (&shown);
  fp_cache_close (cache);
}

static guint
feedback_items (FpCache *cache)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = fp_cache_outbox_list_pending (cache, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    n += g_str_equal (((FpOutboxItem *) g_ptr_array_index (items, i))->path, "v1/feedback");
  return n;
}

static void
give (Shown           *shown,
      const char      *offer_id,
      FpOfferReaction  reaction,
      guint32          reasons)
{
  FpOfferRow *row = fp_offers_page_find_row (shown->page, offer_id);

  g_assert_nonnull (row);
  fp_feedback_buttons_give (fp_offer_row_get_feedback (row), reaction, reasons);
  wait_updated (shown);
}

static void
test_feedback (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "feedback", NULL);
  g_autoptr(FpCacheKey) key = fp_cache_key_new_from_bytes (key_bytes, sizeof key_bytes);
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE, TRUE);
  g_autoptr(GError) error = NULL;
  FpCache *cache = fp_cache_open (dir, key, &error);
  const FpOfferRanking *ranking;
  const char *last;
  int before;
  Shown shown;

  g_assert_no_error (error);
  offers_test_fill (cache, bank, FP_TEST_SAVER);
  show (&shown, cache, policy, 1280, 800);
  ranking = fp_offers_page_get_ranking (shown.page);
  g_assert_cmpuint (ranking->n_offers, ==, 7);
  last = ranking->offers[ranking->n_offers - 1].offer->offer_id;
  before = position_of (ranking, last);

  /* Interested: the offer moves up at once, and one item waits for the bank. */
  give (&shown, last, FP_OFFER_INTERESTED, 0);
  ranking = fp_offers_page_get_ranking (shown.page);
  g_assert_cmpint (position_of (ranking, last), <, before);
  g_assert_cmpuint (feedback_items (cache), ==, 1);

  /* Not for me, with a reason: it moves down; hidden: it is gone. */
  give (&shown, "portfolio-growth", FP_OFFER_NOT_FOR_ME, FP_OFFER_REASON_TOO_RISKY);
  g_assert_cmpint (position_of (fp_offers_page_get_ranking (shown.page), "portfolio-growth"), ==,
                   (int) fp_offers_page_get_ranking (shown.page)->n_offers - 1);
  g_assert_true (fp_offers_page_show_offer (shown.page, "savings-goal"));
  fp_feedback_buttons_give (fp_offer_detail_get_feedback (fp_offers_page_get_detail (shown.page)),
                            FP_OFFER_DISMISSED, FP_OFFER_REASON_NOT_NEEDED_NOW);
  wait_updated (&shown);
  ranking = fp_offers_page_get_ranking (shown.page);
  g_assert_cmpint (position_of (ranking, "savings-goal"), ==, -1);
  g_assert_cmpuint (ranking->n_dismissed, ==, 1);
  g_assert_null (fp_offers_page_find_row (shown.page, "savings-goal"));
  g_assert_false (fp_offers_page_shows_detail (shown.page));
  g_assert_cmpuint (feedback_items (cache), ==, 3);

  /* Without the consent to marketing the answer stays on this computer. */
  fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, FP_CONSENT_REVOKED, g_get_real_time ());
  wait_updated (&shown);
  give (&shown, "loan-personal", FP_OFFER_NOT_FOR_ME, 0);
  g_assert_cmpuint (feedback_items (cache), ==, 3);

  /* The page and the cache closed and opened again: still hidden. */
  hide (&shown);
  fp_cache_close (cache);
  g_object_unref (cache);
  cache = fp_cache_open (dir, key, &error);
  g_assert_no_error (error);
  show (&shown, cache, policy, 1280, 800);
  ranking = fp_offers_page_get_ranking (shown.page);
  g_assert_cmpint (position_of (ranking, "savings-goal"), ==, -1);
  g_assert_cmpuint (ranking->n_dismissed, ==, 1);
  g_assert_cmpuint (ranking->n_offers, ==, 6);
  hide (&shown);
  fp_cache_close (cache);
  g_object_unref (cache);
}

/* Half up, as fp-loan.h promises for the instalment. */
static gint64
closed_form_payment (gint64 principal,
                     guint  n,
                     gint32 rate_bps)
{
  long double r = rate_bps / 120000.0L;
  long double p = rate_bps == 0 ? (long double) principal / n : principal * r / (1.0L - powl (1.0L + r, -(long double) n));

  return (gint64) floorl (p + 0.5L);
}

static void
test_schedule (void)
{
  g_autoptr(FpCache) cache = new_cache (FP_TEST_SAVER);
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE, FALSE);
  FpLoanView *view;
  const FpLoanFit *fit;
  GListModel *rows;
  Shown shown;

  show (&shown, cache, policy, 1280, 800);
  g_assert_true (fp_offers_page_show_offer (shown.page, "loan-personal"));
  view = fp_offers_page_get_loan_view (shown.page);
  fp_loan_view_set_request (view, FP_LOAN_FIT_AMOUNT, FP_LOAN_PURPOSE_CAR, 1234567);
  fit = fp_loan_view_get_fit (view);
  g_assert_nonnull (fit);
  g_assert_cmpuint (fit->n_structures, >=, 2);

  for (guint k = 0; k < fit->n_structures; k++)
    {
      const FpLoanSchedule *s = fit->structures[k].schedule;
      g_autoptr(FpLoanSchedule) core = NULL;
      gint64 balance = s->terms.principal_minor, principal_sum = 0, interest_sum = 0;
      g_autoptr(GError) error = NULL;

      fp_loan_view_choose (view, k);
      g_assert_cmpuint (fp_loan_view_get_chosen (view), ==, k);
      rows = fp_loan_schedule_card_get_model (fp_loan_view_get_schedule_card (view));
      core = fp_loan_schedule_new (&s->terms, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (rows), ==, core->n_instalments);
      g_assert_cmpint (s->terms.principal_minor, ==, 1234567);

      /* The payment is the closed form to the cent. */
      g_assert_cmpint (core->payment_minor, ==, closed_form_payment (s->terms.principal_minor, s->terms.term_months,
                                                                     s->terms.rate_bps));
      for (guint i = 0; i < core->n_instalments; i++)
        {
          g_autoptr(FpScheduleRow) row = g_list_model_get_item (rows, i);
          const FpLoanInstalment *shown_i = fp_schedule_row_get_instalment (row);
          const FpLoanInstalment *core_i = &core->instalments[i];
          g_autofree char *text = fp_schedule_row_format (row, FP_SCHEDULE_BALANCE);
          g_autofree char *expected = fp_format_money (core_i->balance_minor, "USD", FP_FORMAT_NONE);

          /* The UI's rows are core's, to the cent, and shown by fp-format. */
          g_assert_cmpint (shown_i->payment_minor, ==, core_i->payment_minor);
          g_assert_cmpint (shown_i->interest_minor, ==, core_i->interest_minor);
          g_assert_cmpint (shown_i->principal_minor, ==, core_i->principal_minor);
          g_assert_cmpint (shown_i->fee_minor, ==, core_i->fee_minor);
          g_assert_cmpint (shown_i->balance_minor, ==, core_i->balance_minor);
          g_assert_cmpstr (text, ==, expected);

          /* And each row holds together on its own. */
          g_assert_cmpint (shown_i->interest_minor + shown_i->principal_minor, ==, shown_i->payment_minor);
          balance -= shown_i->principal_minor;
          g_assert_cmpint (shown_i->balance_minor, ==, balance);
          principal_sum += shown_i->principal_minor;
          interest_sum += shown_i->interest_minor;
        }
      g_assert_cmpint (principal_sum, ==, 1234567);
      g_assert_cmpint (balance, ==, 0);
      g_assert_cmpint (interest_sum, ==, s->total_interest_minor);
    }
  hide (&shown);
  fp_cache_close (cache);
}

static void
test_money_entry (void)
{
  static const struct {
    const char *locale;
    const char *text;
    gint64      minor;   /* -1: refused */
  } cases[] = {
    { "en_US.UTF-8", "15,000.50", 1500050 },
    { "en_US.UTF-8", "$15,000", 1500000 },
    { "en_US.UTF-8", "15000.5", 1500050 },
    { "en_US.UTF-8", "USD 1,234,567.89", 123456789 },
    { "en_US.UTF-8", "1.234", -1 },
    { "en_US.UTF-8", "12,34", -1 },
    { "en_US.UTF-8", "-400", -1 },
    { "en_US.UTF-8", "\342\210\222400", -1 },
    { "en_US.UTF-8", "4OO", -1 },
    { "en_US.UTF-8", "EUR 5", -1 },
    { "en_US.UTF-8", "5 USD", 500 },
    { "en_US.UTF-8", "1 5", -1 },
    { "en_US.UTF-8", "15 000", 1500000 },
    { "en_US.UTF-8", "", -1 },
    { "de_DE.UTF-8", "15.000,50", 1500050 },
    { "de_DE.UTF-8", "15.000,50 $", 1500050 },
    { "de_DE.UTF-8", "400,5", 40050 },
    { "de_DE.UTF-8", "1500.50", 150050 },
    { "de_DE.UTF-8", "1.50.000", -1 },
    { "de_DE.UTF-8", "1,234,5", -1 },
    { "C.UTF-8", "15,000.50", 1500050 },
  };
  locale_t old = uselocale ((locale_t) 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      locale_t loc = newlocale (LC_ALL_MASK, cases[i].locale, (locale_t) 0);
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;
      gboolean ok;

      g_assert_true (loc != (locale_t) 0);
      uselocale (loc);
      ok = fp_money_entry_parse (cases[i].text, "USD", &minor, &error);
      uselocale (old);
      freelocale (loc);
      if (ok != (cases[i].minor >= 0) || (ok && minor != cases[i].minor))
        g_error ("%s: “%s” read as %s %" G_GINT64_FORMAT, cases[i].locale, cases[i].text,
                 ok ? "ok" : "refused", minor);
      if (!ok)
        g_assert_nonnull (error);
    }

  /* The entry shows what it holds in the locale, and reads it back. */
  {
    GtkWidget *entry = g_object_ref_sink (fp_money_entry_new ());
    GtkSpinButton *spin = fp_money_entry_get_spin_button (FP_MONEY_ENTRY (entry));
    gint64 back = 0;

    fp_money_entry_set_range (FP_MONEY_ENTRY (entry), 100000, 5000000, 10000);
    fp_money_entry_set_value_minor (FP_MONEY_ENTRY (entry), 1234500);
    g_assert_cmpint (fp_money_entry_get_value_minor (FP_MONEY_ENTRY (entry)), ==, 1234500);
    g_assert_true (fp_money_entry_parse (gtk_editable_get_text (GTK_EDITABLE (spin)), "USD", &back, NULL));
    g_assert_cmpint (back, ==, 1234500);
    gtk_editable_set_text (GTK_EDITABLE (spin), "20,000.10");
    gtk_spin_button_update (spin);
    g_assert_cmpint (fp_money_entry_get_value_minor (FP_MONEY_ENTRY (entry)), ==, 2000010);
    gtk_editable_set_text (GTK_EDITABLE (spin), "twenty");
    gtk_spin_button_update (spin);
    g_assert_cmpint (fp_money_entry_get_value_minor (FP_MONEY_ENTRY (entry)), ==, 2000010);
    g_object_unref (entry);
  }
}

static void
test_credit_line (void)
{
  g_autoptr(FpCache) cache = new_cache (FP_TEST_IN_DEBT);
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE, FALSE);
  FpCreditLineView *view;
  FpCreditLineCard *card;
  const FpCreditLineResult *now, *what_if;
  Shown shown;

  show (&shown, cache, policy, 1280, 800);
  g_assert_true (fp_offers_page_show_offer (shown.page, "credit-line-adaptive"));
  view = fp_offers_page_get_credit_line_view (shown.page);
  /* The in-debt customer has one card: $7,820.35 owed of $8,000.00. */
  g_assert_cmpuint (fp_credit_line_view_get_n_cards (view), ==, 1);
  card = FP_CREDIT_LINE_CARD (fp_credit_line_view_get_card (view, 0));
  g_assert_cmpstr (fp_card_get_title (FP_CARD (card)), ==, "Rewards Card");
  now = fp_credit_line_card_get_result (card);
  g_assert_cmpfloat_with_epsilon (now->factors[FP_CREDIT_UTILIZATION].value, 782035.0 / 800000.0, 1e-12);
  /* Utilization is the behaviour that holds it back most. */
  g_assert_cmpint (now->factors[FP_CREDIT_UTILIZATION].limit_effect_minor, <=, 0);
  g_assert_cmpuint (now->n_next_steps, >, 0);

  /* What if the card were used at 5 % and every payment on time: the
   * model's own answer for those inputs, and not worse. */
  fp_credit_line_card_set_what_if (card, 0.05, 1.0);
  what_if = fp_credit_line_card_get_what_if (card);
  g_assert_nonnull (what_if);
  g_assert_cmpint (what_if->limit_minor, >=, now->limit_minor);
  g_assert_cmpint (what_if->apr_bps, <=, now->apr_bps);
  g_assert_cmpfloat (what_if->score, >, now->score);
  {
    FpOffersData *data = fp_offers_page_get_data (shown.page);
    FpCreditLineInputs inputs;
    g_autoptr(FpCreditLineResult) expected = NULL;
    const FpAccountSnapshot *a = NULL;

    for (guint i = 0; i < data->dashboard->input->accounts->len; i++)
      if (g_array_index (data->dashboard->input->accounts, FpAccountSnapshot, i).kind == FP_ACCOUNT_CREDIT_CARD)
        a = &g_array_index (data->dashboard->input->accounts, FpAccountSnapshot, i);
    g_assert_nonnull (a);
    fp_credit_line_inputs_for_card (&inputs, data->dashboard->dashboard, a);
    inputs.values[FP_CREDIT_UTILIZATION] = 0.05;
    inputs.values[FP_CREDIT_ON_TIME] = 1.0;
    expected = fp_credit_line_evaluate (&data->credit_model, &inputs, NULL);
    g_assert_cmpint (what_if->limit_minor, ==, expected->limit_minor);
    g_assert_cmpint (what_if->apr_bps, ==, expected->apr_bps);
  }
  g_assert_nonnull (strstr (fp_credit_line_card_get_what_if_text (card), "limit"));

  /* Without personalization nothing of the customer's is read. */
  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, FP_CONSENT_REVOKED, g_get_real_time ());
  wait_updated (&shown);
  g_assert_cmpuint (fp_credit_line_view_get_n_cards (view), ==, 0);
  hide (&shown);
  fp_cache_close (cache);
}

static void
test_narrow_wide (void)
{
  g_autoptr(FpCache) cache = new_cache (FP_TEST_SAVER);
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE, TRUE);
  Shown shown;
  int min_width, natural;

  /* Narrow: the list, then the details instead of it, and back. */
  show (&shown, cache, policy, 360, 640);
  g_assert_true (fp_offers_page_get_folded (shown.page));
  gtk_widget_measure (GTK_WIDGET (shown.page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &natural, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);
  g_assert_false (fp_offers_page_shows_detail (shown.page));
  g_assert_true (fp_offers_page_show_offer (shown.page, "loan-personal"));
  fp_ui_test_spin (400);
  g_assert_true (fp_offers_page_shows_detail (shown.page));
  gtk_widget_measure (GTK_WIDGET (shown.page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &natural, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (shown.window), ==, 360);
  /* The keyboard follows: into the details, and back to the offer's row. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (shown.window)),
                                         GTK_WIDGET (fp_offers_page_get_detail (shown.page))));
  fp_offers_page_show_list (shown.page);
  fp_ui_test_spin (400);
  g_assert_false (fp_offers_page_shows_detail (shown.page));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (shown.window)) ==
                 fp_offer_row_get_details_button (fp_offers_page_find_row (shown.page, "loan-personal")));
  hide (&shown);

  /* Wide: both side by side. */
  show (&shown, cache, policy, 1280, 800);
  g_assert_false (fp_offers_page_get_folded (shown.page));
  g_assert_true (fp_offers_page_show_offer (shown.page, "loan-personal"));
  fp_ui_test_spin (200);
  g_assert_true (fp_offers_page_shows_detail (shown.page));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fp_offers_page_find_row (shown.page, "loan-personal"))));
  hide (&shown);
  fp_cache_close (cache);
}

typedef struct {
  GPtrArray *unnamed;
} NameCheck;

static gboolean
has_name (GtkWidget *w)
{
  const char *label = NULL;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return TRUE;
  if (GTK_IS_BUTTON (w))
    label = gtk_button_get_label (GTK_BUTTON (w));
  else if (GTK_IS_MENU_BUTTON (w))
    label = gtk_menu_button_get_label (GTK_MENU_BUTTON (w));
  else if (GTK_IS_CHECK_BUTTON (w))
    label = gtk_check_button_get_label (GTK_CHECK_BUTTON (w));
  if (label != NULL && *label != '\0')
    return TRUE;
  /* A button around a label (FpFigure) is named by its text. */
  return (GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w)) && gtk_widget_get_first_child (w) != NULL &&
         gtk_test_accessible_has_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static gboolean
check_name_cb (GtkWidget *w,
               gpointer   data)
{
  NameCheck *check = data;

  if (!gtk_widget_get_visible (w))
    return TRUE;
  if ((GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w) || GTK_IS_CHECK_BUTTON (w) || GTK_IS_SCALE (w) ||
       GTK_IS_SPIN_BUTTON (w) || GTK_IS_SWITCH (w)) && !has_name (w))
    {
      /* A menu button's inner toggle is named by the menu button. */
      if (GTK_IS_TOGGLE_BUTTON (w) && GTK_IS_MENU_BUTTON (gtk_widget_get_parent (w)))
        return TRUE;
      /* The steps of a spin button are the spin button's (named). */
      if (GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (w)))
        return TRUE;
      /* A switch of a consent row is named by its row. */
      if (GTK_IS_SWITCH (w))
        return TRUE;
      g_ptr_array_add (check->unnamed, (gpointer) G_OBJECT_TYPE_NAME (w));
      g_test_message ("no accessible name: a %s in a %s", G_OBJECT_TYPE_NAME (w),
                      G_OBJECT_TYPE_NAME (gtk_widget_get_parent (w)));
    }
  return TRUE;
}

static void
test_accessible_names (void)
{
  g_autoptr(FpCache) cache = new_cache (FP_TEST_IN_DEBT);
  g_autoptr(FpConsentPolicy) policy = policy_with (TRUE, FALSE);
  NameCheck check = { g_ptr_array_new () };
  const char *offers[] = { "loan-personal", "credit-line-adaptive", "ecoinvest" };
  Shown shown;

  show (&shown, cache, policy, 1280, 800);
  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      g_assert_true (fp_offers_page_show_offer (shown.page, offers[i]));
      fp_ui_test_spin (100);
      offers_test_walk (GTK_WIDGET (shown.page), check_name_cb, &check);
    }
  if (check.unnamed->len > 0)
    g_error ("%u controls without an accessible name, the first a %s", check.unnamed->len,
             (const char *) g_ptr_array_index (check.unnamed, 0));

  /* Named in context. */
  {
    GtkWidget *details = fp_offer_row_get_details_button (fp_offers_page_find_row (shown.page, "loan-personal"));
    char *problem = gtk_test_accessible_check_property (GTK_ACCESSIBLE (details), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                        "Details of Personal Loan");

    if (problem != NULL)
      g_error ("%s", problem);
  }
  g_ptr_array_unref (check.unnamed);
  hide (&shown);
  fp_cache_close (cache);
}

/* Renders @widget (the window, or a whole scrolled content over the
 * window's background color) into a PNG, as src/ui/fp-screenshot.c does. */
static void
save_shot (GtkWidget     *window,
           GtkWidget     *widget,
           const GdkRGBA *background,
           const char    *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (shot_dir, file, NULL);

  fp_ui_test_save_png (window, widget, background, path);
}

static void
test_screenshots (void)
{
  static const struct { const char *name; int customer; gboolean personalization, marketing; } states[] = {
    { "in-debt", FP_TEST_IN_DEBT, TRUE, TRUE },
    { "saver", FP_TEST_SAVER, TRUE, TRUE },
    { "no-consent", FP_TEST_SAVER, FALSE, FALSE },
  };
  static const struct { int width, height; const char *name; } sizes[] = {
    { 360, 640, "360x640" },
    { 1280, 800, "1280x800" },
  };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    {
      g_autoptr(FpCache) cache = new_cache (states[s].customer);
      g_autoptr(FpConsentPolicy) policy = policy_with (states[s].personalization, states[s].marketing);

      for (guint dark = 0; dark < 2; dark++)
        {
          adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
          for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
            {
              const char *look = dark ? "dark" : "light";
              g_autofree char *list = g_strdup_printf ("offers-%s-%s-%s", states[s].name, sizes[z].name, look);
              g_autofree char *loan = g_strdup_printf ("loan-%s-%s-%s", states[s].name, sizes[z].name, look);
              g_autofree char *line = g_strdup_printf ("credit-line-%s-%s-%s", states[s].name, sizes[z].name, look);
              FpLoanView *view;
              Shown shown;

              show (&shown, cache, policy, sizes[z].width, sizes[z].height);
              save_shot (shown.window, shown.window, NULL, list);

              g_assert_true (fp_offers_page_show_offer (shown.page, "loan-personal"));
              view = fp_offers_page_get_loan_view (shown.page);
              fp_loan_view_set_request (view, FP_LOAN_FIT_AMOUNT, FP_LOAN_PURPOSE_CAR, 1500000);
              fp_ui_test_spin (500);
              save_shot (shown.window, shown.window, NULL, loan);
              {
                g_autofree char *full = g_strconcat (loan, "-full", NULL);
                GdkRGBA bg;

                gdk_rgba_parse (&bg, dark ? "#242424" : "#fafafa");
                save_shot (shown.window, GTK_WIDGET (fp_offers_page_get_detail (shown.page)), &bg, full);
              }

              if (states[s].personalization)
                {
                  g_assert_true (fp_offers_page_show_offer (shown.page, "credit-line-adaptive"));
                  fp_ui_test_spin (500);
                  save_shot (shown.window, shown.window, NULL, line);
                  {
                    g_autofree char *full = g_strconcat (line, "-full", NULL);
                    GdkRGBA bg;

                    gdk_rgba_parse (&bg, dark ? "#242424" : "#fafafa");
                    save_shot (shown.window, GTK_WIDGET (fp_offers_page_get_detail (shown.page)), &bg, full);
                  }
                }
              hide (&shown);
            }
        }
      fp_cache_close (cache);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  /* Accessible properties are kept only with an accessibility backend;
   * the test one keeps them without a bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  fp_ui_test_init (&argc, &argv);
  /* The test customers' "today" (tests/fp-dashboard-test-customers.h). */
  g_setenv ("FP_TODAY", "2026-11-15", TRUE);

  tmp_dir = g_dir_make_tmp ("fp-offers-test-XXXXXX", &error);
  g_assert_no_error (error);
  shot_dir = g_test_build_filename (G_TEST_BUILT, "ui", "offers-screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (shot_dir, 0755), ==, 0);
  bank = offers_test_sync_bank (tmp_dir);

  g_test_add_func ("/offers/states", test_states);
  g_test_add_func ("/offers/consents", test_consents);
  g_test_add_func ("/offers/feedback-rerank-dismiss-restart", test_feedback);
  g_test_add_func ("/offers/schedule-equals-core", test_schedule);
  g_test_add_func ("/offers/money-entry", test_money_entry);
  g_test_add_func ("/offers/credit-line-per-card", test_credit_line);
  g_test_add_func ("/offers/narrow-wide", test_narrow_wide);
  g_test_add_func ("/offers/accessible-names", test_accessible_names);
  g_test_add_func ("/offers/screenshots", test_screenshots);

  ret = g_test_run ();
  fp_cache_close (bank);
  g_object_unref (bank);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  g_free (shot_dir);
  return ret;
}
