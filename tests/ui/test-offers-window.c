/* test-offers-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Offers page driven through the window, with the real session and
 * the demo bank (finpersona-sandbox, started by the session, here with
 * --test-hooks), counted from the outside at the bank's /_sandbox/stats:
 *
 *  - for each state of the consents to personalization and marketing, a
 *    click on "Interested" and a sync: feedback reaches the bank once,
 *    and only with the consent to marketing; without it no write but the
 *    consents leaves the device; nothing is ever applied for;
 *  - a loan application: nothing is sent when the confirmation is
 *    cancelled; confirmed, it is sent once and its decision shown; the
 *    same structure cannot be sent again; when the answer is lost (the
 *    bank cuts the connection after deciding), "Try Again" learns the
 *    decision with the same key and the bank holds one application, not
 *    two.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "fp-offers-page-private.h"
#include "fp-ui-test.h"
#include "fp-window.h"

static char *tmp_dir;

typedef struct {
  FpWindow     *window;
  FpSession    *session;
  FpOffersPage *page;
  guint         synced;
  gboolean      updated;
} Fixture;

static void
synced_cb (FpSession *session,
           Fixture   *f)
{
  f->synced++;
}

static void
updated_cb (FpOffersPage *page,
            Fixture      *f)
{
  f->updated = TRUE;
}

static gboolean
first_sync_done (gpointer data)
{
  Fixture *f = data;

  return f->synced > 0;
}

static gboolean
page_has_content (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (fp_offers_page_get_state (f->page), "content") == 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  AdwViewStack *stack;

  f->session = fp_session_new ("", NULL, FP_SESSION_EPHEMERAL);
  f->window = g_object_new (FP_TYPE_WINDOW, "remember-size", FALSE, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  g_signal_connect (f->session, "synced", G_CALLBACK (synced_cb), f);
  fp_window_set_session (f->window, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
  fp_session_start (f->session);
  fp_ui_test_wait_for (first_sync_done, f, TRUE);

  stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->window), FP_TYPE_WINDOW, "stack"));
  f->page = FP_OFFERS_PAGE (adw_view_stack_get_child_by_name (stack, "offers"));
  g_assert_nonnull (f->page);
  g_signal_connect (f->page, "updated", G_CALLBACK (updated_cb), f);
  g_assert_true (fp_window_show_page (f->window, "offers"));
  fp_ui_test_wait_for (page_has_content, f, TRUE);
  g_assert_true (fp_offers_page_get_session (f->page) == f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  fp_session_shutdown (f->session);
  g_clear_object (&f->session);
  fp_ui_test_spin (50);
}

/* GET or POST a path of the demo bank; a bearer for the API. */
static JsonNode *
bank_request (Fixture    *f,
              const char *method,
              const char *path,
              const char *json)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (fp_session_get_bank_url (f->session), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (g_str_has_prefix (path, "v1/"))
    {
      g_autofree char *token = fp_sync_engine_dup_access_token (fp_session_get_sync_engine (f->session));
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (json != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), <, 300);
  if (g_bytes_get_size (body) == 0)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL));
  return json_node_copy (json_parser_get_root (parser));
}

/* How often the bank was asked @route ("POST /v1/feedback"). */
static gint64
route_count (Fixture    *f,
             const char *route)
{
  g_autoptr(JsonNode) stats = bank_request (f, "GET", "_sandbox/stats", NULL);
  JsonObject *routes = json_object_get_object_member (json_node_get_object (stats), "routes");

  return json_object_get_int_member_with_default (routes, route, 0);
}

/* Writes to the bank other than the consents' own records. */
static gint64
other_writes (Fixture *f)
{
  g_autoptr(JsonNode) stats = bank_request (f, "GET", "_sandbox/stats", NULL);
  JsonObject *routes = json_object_get_object_member (json_node_get_object (stats), "routes");
  g_autoptr(GList) names = json_object_get_members (routes);
  gint64 n = 0;

  for (GList *l = names; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, "POST /v1/") && strstr (l->data, "/v1/consents") == NULL)
      n += json_object_get_int_member (routes, l->data);
  return n;
}

/* The feedback the bank holds, by its own list (a request the client
 * retried with the same key is one record). */
static guint
feedback_at_bank (Fixture *f)
{
  g_autoptr(JsonNode) list = bank_request (f, "GET", "v1/feedback", NULL);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (list), "feedback"));
}

static guint
applications_at_bank (Fixture *f)
{
  g_autoptr(JsonNode) list = bank_request (f, "GET", "v1/loan-applications", NULL);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (list), "applications"));
}

static void
sync_and_wait (Fixture *f)
{
  guint before = f->synced;

  fp_session_sync_now (f->session);
  while (f->synced == before)
    g_main_context_iteration (NULL, TRUE);
}

static void
set_consents (Fixture  *f,
              gboolean  personalization,
              gboolean  marketing)
{
  FpConsentPolicy *policy = fp_session_get_consent_policy (f->session);
  gint64 now = g_get_real_time ();

  f->updated = FALSE;
  fp_consent_policy_set (policy, FP_PURPOSE_PERSONALIZATION, personalization ? FP_CONSENT_GRANTED : FP_CONSENT_REVOKED,
                         now);
  fp_consent_policy_set (policy, FP_PURPOSE_MARKETING, marketing ? FP_CONSENT_GRANTED : FP_CONSENT_REVOKED, now);
  /* The bank learns of the consents with the sync; the page has reloaded. */
  sync_and_wait (f);
  while (fp_offers_page_get_data (f->page) == NULL ||
         fp_offers_page_get_data (f->page)->personalization != personalization ||
         fp_offers_page_get_data (f->page)->marketing != marketing)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
child_of (GtkWidget  *widget,
          GType       type,
          const char *child)
{
  return GTK_WIDGET (gtk_widget_get_template_child (widget, type, child));
}

static void
click (GtkWidget *widget,
       GType      type,
       const char *child)
{
  GtkWidget *button = child_of (widget, type, child);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_widget_get_mapped (button));
  /* What a click ends in (gtk_widget_activate() waits for an animation). */
  g_signal_emit_by_name (button, "clicked");
}

static void
test_consent_gates (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { gboolean personalization, marketing; } states[] = {
    { FALSE, FALSE }, { TRUE, FALSE }, { FALSE, TRUE }, { TRUE, TRUE }, { FALSE, FALSE },
  };
  g_assert_cmpuint (feedback_at_bank (f), ==, 0);
  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    {
      const FpOfferRanking *ranking;
      const char *offer_id;
      gint64 writes_before;
      guint before;
      FpOfferRow *row;

      set_consents (f, states[s].personalization, states[s].marketing);
      ranking = fp_offers_page_get_ranking (f->page);
      g_assert_nonnull (ranking);
      g_assert_cmpint (ranking->ranked, ==, states[s].personalization);
      for (guint i = 0; i < ranking->n_offers; i++)
        if (!states[s].marketing)
          g_assert_false (ranking->offers[i].made_for_you);
      if (!states[s].personalization)
        for (guint i = 1; i < ranking->n_offers; i++)
          g_assert_cmpuint (ranking->offers[i - 1].offer->display_order, <, ranking->offers[i].offer->display_order);

      /* "Interested" on the lowest offer not yet rated, clicked as a
       * customer would. */
      before = feedback_at_bank (f);
      writes_before = other_writes (f);
      offer_id = NULL;
      for (guint i = ranking->n_offers; i > 0 && offer_id == NULL; i--)
        if (!ranking->offers[i - 1].has_feedback)
          offer_id = ranking->offers[i - 1].offer->offer_id;
      g_assert_nonnull (offer_id);
      row = fp_offers_page_find_row (f->page, offer_id);
      f->updated = FALSE;
      click (GTK_WIDGET (fp_offer_row_get_feedback (row)), FP_TYPE_FEEDBACK_BUTTONS, "interested_button");
      fp_ui_test_wait (&f->updated);
      sync_and_wait (f);
      sync_and_wait (f);

      /* Exactly once with the consent to marketing, never without: not
       * even a request. */
      g_assert_cmpuint (feedback_at_bank (f), ==, before + (states[s].marketing ? 1 : 0));
      if (!states[s].marketing)
        g_assert_cmpint (other_writes (f), ==, writes_before);
      g_assert_cmpint (route_count (f, "POST /v1/loan-applications"), ==, 0);
    }
  g_assert_cmpuint (applications_at_bank (f), ==, 0);

  /* Hidden stays hidden across syncs. */
  {
    FpOfferRow *row = fp_offers_page_find_row (f->page, "portfolio-growth");

    g_assert_nonnull (row);
    f->updated = FALSE;
    fp_feedback_buttons_give (fp_offer_row_get_feedback (row), FP_OFFER_DISMISSED, 0);
    fp_ui_test_wait (&f->updated);
    sync_and_wait (f);
    sync_and_wait (f);
    g_assert_null (fp_offers_page_find_row (f->page, "portfolio-growth"));
    g_assert_cmpuint (fp_offers_page_get_ranking (f->page)->n_dismissed, ==, 1);
  }
}

static gboolean
application_settled (gpointer data)
{
  return !fp_loan_application_get_busy (data);
}

static void
test_application_once (Fixture       *f,
                       gconstpointer  data)
{
  FpLoanView *view;
  FpLoanApplication *app;
  const FpLoanDecision *decision;
  GtkWidget *dialog;
  g_autofree char *first_id = NULL;

  /* No consent at all: applying is the customer's own act. */
  g_assert_true (fp_offers_page_show_offer (f->page, "loan-personal"));
  view = fp_offers_page_get_loan_view (f->page);
  fp_loan_view_set_request (view, FP_LOAN_FIT_AMOUNT, FP_LOAN_PURPOSE_CAR, 1000000);
  g_assert_cmpuint (fp_loan_view_get_fit (view)->n_structures, >=, 2);
  fp_loan_view_choose (view, 0);
  app = fp_loan_view_get_application (view);

  /* Cancelled: nothing is sent. */
  click (GTK_WIDGET (app), FP_TYPE_LOAN_APPLICATION, "apply_button");
  dialog = fp_loan_application_get_dialog (app);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "$10,000.00"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  fp_ui_test_spin (300);
  g_assert_null (fp_loan_application_get_decision (app));
  g_assert_cmpint (route_count (f, "POST /v1/loan-applications"), ==, 0);

  /* Confirmed: sent once, decided, shown. */
  click (GTK_WIDGET (app), FP_TYPE_LOAN_APPLICATION, "apply_button");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (fp_loan_application_get_dialog (app)), "apply");
  g_assert_true (fp_loan_application_get_busy (app));
  fp_ui_test_wait_for (application_settled, app, TRUE);
  decision = fp_loan_application_get_decision (app);
  g_assert_nonnull (decision);
  g_assert_cmpint (decision->amount_minor, ==, 1000000);
  if (!decision->approved)
    g_assert_cmpuint (decision->n_reasons, >, 0);
  first_id = g_strdup (decision->application_id);
  g_assert_cmpint (route_count (f, "POST /v1/loan-applications"), ==, 1);
  g_assert_cmpuint (applications_at_bank (f), ==, 1);

  /* The same structure cannot be sent again. */
  g_assert_false (gtk_widget_get_sensitive (child_of (GTK_WIDGET (app), FP_TYPE_LOAN_APPLICATION, "apply_button")));
  fp_loan_application_start (app);
  g_assert_null (fp_loan_application_get_dialog (app));

  /* Another structure, and the answer lost: the bank decides, then cuts
   * the connection, as often as the client retries. */
  fp_loan_view_choose (view, 1);
  g_assert_false (gtk_widget_get_visible (child_of (GTK_WIDGET (app), FP_TYPE_LOAN_APPLICATION, "decision_box")));
  {
    /* The faults hook answers with no body (NULL). */
    JsonNode *reply = bank_request (f, "POST", "_sandbox/faults", "{\"cutRate\":1.0}");

    g_clear_pointer (&reply, json_node_unref);
    click (GTK_WIDGET (app), FP_TYPE_LOAN_APPLICATION, "apply_button");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (fp_loan_application_get_dialog (app)), "apply");
    fp_ui_test_wait_for (application_settled, app, TRUE);
    reply = bank_request (f, "POST", "_sandbox/faults", "{\"cutRate\":0.0}");
    g_clear_pointer (&reply, json_node_unref);
  }
  g_assert_true (gtk_widget_get_visible (child_of (GTK_WIDGET (app), FP_TYPE_LOAN_APPLICATION, "retry_button")));
  g_assert_nonnull (strstr (fp_loan_application_get_status (app), "Try Again"));
  g_assert_cmpuint (applications_at_bank (f), ==, 2);

  /* Try Again: the same key learns the decision; still two applications. */
  click (GTK_WIDGET (app), FP_TYPE_LOAN_APPLICATION, "retry_button");
  fp_ui_test_wait_for (application_settled, app, TRUE);
  decision = fp_loan_application_get_decision (app);
  g_assert_nonnull (decision);
  g_assert_cmpstr (decision->application_id, !=, first_id);
  g_assert_cmpuint (applications_at_bank (f), ==, 2);
  g_assert_cmpuint (feedback_at_bank (f), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wrapper = NULL;
  g_autofree char *script = NULL;
  g_autofree char *sandbox = NULL;
  int ret;

  fp_ui_test_init (&argc, &argv);

  /* The demo bank the session starts, with its test hooks. */
  tmp_dir = g_dir_make_tmp ("fp-offers-window-XXXXXX", &error);
  g_assert_no_error (error);
  sandbox = g_build_filename (g_getenv ("FP_BUILD_ROOT"), "src", "sandbox", "finpersona-sandbox", NULL);
  wrapper = g_build_filename (tmp_dir, "finpersona-sandbox", NULL);
  script = g_strdup_printf ("#!/bin/sh\nexec '%s' --test-hooks \"$@\"\n", sandbox);
  g_assert_true (g_file_set_contents (wrapper, script, -1, &error));
  g_assert_cmpint (g_chmod (wrapper, 0755), ==, 0);
  g_setenv ("FP_SANDBOX_EXECUTABLE", wrapper, TRUE);

  g_test_add ("/offers-window/consent-gates", Fixture, NULL, fixture_set_up, test_consent_gates, fixture_tear_down);
  g_test_add ("/offers-window/application-once", Fixture, NULL, fixture_set_up, test_application_once,
              fixture_tear_down);

  ret = g_test_run ();
  g_unlink (wrapper);
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
