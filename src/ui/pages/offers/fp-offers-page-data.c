/* fp-offers-page-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Offers page's data: FpOffersData and the bank's descriptions of the
 * offers, read from the cache in a worker thread (GTask) under the
 * consents of the moment; the ranking, computed on the main thread (it is
 * cheap once the data is loaded); and the customer's feedback, recorded in
 * the store (which alone decides, from the consent to marketing, whether
 * it is queued for the bank) and added to the ranking's input at once, so
 * that the list re-ranks without reading the cache again.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-cache-risk.h"
#include "fp-clock.h"
#include "fp-http-client.h"
#include "fp-ui-util.h"
#include "fp-offers-page-private.h"

/* Whether the holdings were out of their bands when last seen, in the
 * cache's derived data (dropped with the consent to personalization). */
#define DRIFT_KEY "offers-drift-out-of-band"

/* A description is a paragraph; longer ones are not the bank's. */
#define MAX_DESCRIPTION_CHARS 2000
#define MAX_OFFER_BYTES (256 * 1024)

typedef struct {
  FpCache  *cache;
  gboolean  personalization;
  gboolean  marketing;
} Job;

typedef struct {
  FpOffersData *data;
  GHashTable   *descriptions;
  FpRiskAnswers answers;
  gboolean      has_answers;
} JobResult;

static void
job_free (Job *job)
{
  g_clear_object (&job->cache);
  g_free (job);
}

static void
job_result_free (JobResult *r)
{
  g_clear_pointer (&r->data, fp_offers_data_free);
  g_clear_pointer (&r->descriptions, g_hash_table_unref);
  g_free (r);
}

/* The catalogue's descriptions, checked like everything read back: a
 * string of reasonable length, else none. */
static GHashTable *
load_descriptions (FpCache *cache)
{
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) jsons = fp_cache_list_catalogue (cache, FP_CACHE_OFFERS, NULL);

  for (guint i = 0; jsons != NULL && i < jsons->len; i++)
    {
      const char *text = g_ptr_array_index (jsons, i);
      g_autoptr(JsonNode) node = fp_json_parse_guarded (text, strlen (text), MAX_OFFER_BYTES, NULL);
      JsonObject *o = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *id = o != NULL ? json_object_get_member (o, "offerId") : NULL;
      JsonNode *d = o != NULL ? json_object_get_member (o, "description") : NULL;

      if (id == NULL || d == NULL || !JSON_NODE_HOLDS_VALUE (id) || !JSON_NODE_HOLDS_VALUE (d) ||
          json_node_get_value_type (id) != G_TYPE_STRING || json_node_get_value_type (d) != G_TYPE_STRING ||
          g_utf8_strlen (json_node_get_string (d), -1) > MAX_DESCRIPTION_CHARS)
        continue;
      g_hash_table_replace (out, g_strdup (json_node_get_string (id)), g_strdup (json_node_get_string (d)));
    }
  return out;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  JobResult *r;
  FpOffersData *data;

  data = fp_offers_data_load (job->cache, job->personalization, job->marketing, cancellable, &error);
  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  r = g_new0 (JobResult, 1);
  r->data = data;
  r->descriptions = load_descriptions (job->cache);
  /* The questionnaire's answers kept on this computer. */
  if (!fp_cache_get_risk_answers (job->cache, &r->answers, &r->has_answers, &error))
    g_debug ("No risk answers: %s", error->message);
  g_task_return_pointer (task, r, (GDestroyNotify) job_result_free);
}

/* A desktop notification when the holdings leave their bands: once per
 * crossing (the state last seen is kept; coming back inside arms it
 * again), only with the consent to personalization (the holdings are
 * compared only then), never in a kiosk (the next customer would read
 * it). */
static void
drift_notice (FpOffersPage *self)
{
  FpPortfolioView *view;
  const FpRebalance *r;
  g_autofree char *before = NULL;
  GtkRoot *root;
  GtkApplication *app;
  const char *now;

  if (self->cache == NULL || !self->data->personalization || fp_ui_is_kiosk (GTK_WIDGET (self)))
    return;
  view = _fp_offers_page_portfolio_view (self);
  fp_portfolio_view_set_data (view, self->data);
  if ((r = fp_portfolio_view_get_rebalance (view)) == NULL)
    return;
  now = r->out_of_band ? "true" : "false";
  before = fp_cache_get_derived (self->cache, FP_CACHE_RANKINGS, DRIFT_KEY, NULL);
  if (g_strcmp0 (before, now) == 0)
    return;
  if (!fp_cache_put_derived (self->cache, FP_CACHE_RANKINGS, DRIFT_KEY, now, NULL) || !r->out_of_band)
    return;

  self->n_drift_notices++;
  g_debug ("The holdings left their bands: notifying");
  root = gtk_widget_get_root (GTK_WIDGET (self));
  app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
  if (app != NULL)
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Your Investments Left Their Target"));

      g_notification_set_body (notification,
                               /* xgettext:no-c-format */
                               _("A fund is more than 5 percentage points, or 25 % of its target, away from your "
                                 "portfolio’s target. The Offers page shows the trades that bring it back."));
      g_notification_set_default_action_and_target (notification, "app.activate", NULL);
      g_application_send_notification (G_APPLICATION (app), "offers-drift", notification);
    }
}

/**
 * _fp_offers_page_drop_data:
 * @self: the page
 *
 * Forgets the data and everything shown from it; the kind views let go of
 * their borrowed pointers first.
 */
void
_fp_offers_page_drop_data (FpOffersPage *self)
{
  if (self->loan_view != NULL)
    fp_loan_view_set_data (self->loan_view, NULL, NULL);
  if (self->credit_view != NULL)
    fp_credit_line_view_set_data (self->credit_view, NULL);
  if (self->portfolio_view != NULL)
    fp_portfolio_view_set_data (self->portfolio_view, NULL);
  if (self->eco_view != NULL)
    fp_eco_invest_view_set_data (self->eco_view, NULL, 4);
  if (self->wealth_view != NULL)
    fp_wealth_view_set_data (self->wealth_view, NULL);
  fp_offer_detail_set_extra (self->detail, NULL);
  g_clear_pointer (&self->ranking, fp_offer_ranking_free);
  g_clear_pointer (&self->data, fp_offers_data_free);
  g_clear_pointer (&self->descriptions, g_hash_table_unref);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(FpOffersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  JobResult *r = g_task_propagate_pointer (G_TASK (result), &error);

  if (r == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Could not read the offers: %s", error->message);
      adw_status_page_set_description (self->error_page, error->message);
      _fp_offers_page_set_state (self, "error");
      return;
    }

  _fp_offers_page_drop_data (self);
  self->data = g_steal_pointer (&r->data);
  self->descriptions = g_steal_pointer (&r->descriptions);
  if (r->has_answers)
    {
      fp_portfolio_view_set_answers (_fp_offers_page_portfolio_view (self), &r->answers);
      self->risk_answered = TRUE;
    }
  job_result_free (r);
  drift_notice (self);
  self->today = fp_clock_today ();
  g_debug ("Offers read in %" G_GINT64_FORMAT " µs", self->data->load_usec);
  _fp_offers_page_rank (self);
}

/**
 * _fp_offers_page_load:
 * @self: the page
 *
 * Reads the offers again in a worker thread, under the consents of the
 * moment; what is shown stays until the new data is there.
 */
void
_fp_offers_page_load (FpOffersPage *self)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->cache == NULL)
    {
      _fp_offers_page_drop_data (self);
      _fp_offers_page_build (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  if (self->data == NULL)
    _fp_offers_page_set_state (self, "loading");

  job = g_new0 (Job, 1);
  job->cache = g_object_ref (self->cache);
  job->personalization = self->policy != NULL && fp_consent_policy_allows (self->policy, FP_PURPOSE_PERSONALIZATION);
  job->marketing = self->policy != NULL && fp_consent_policy_allows (self->policy, FP_PURPOSE_MARKETING);

  task = g_task_new (self, self->cancellable, loaded_cb, g_object_ref (self));
  g_task_set_source_tag (task, _fp_offers_page_load);
  g_task_set_name (task, "[finpersona] offers");
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * _fp_offers_page_rank:
 * @self: the page
 *
 * Ranks the loaded data with the feedback given so far and shows it.
 */
void
_fp_offers_page_rank (FpOffersPage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->ranking, fp_offer_ranking_free);
  if (self->data != NULL)
    {
      /* Only answers the customer gave rank: not the questionnaire's
       * defaults. */
      const FpRiskProfile *profile = self->portfolio_view != NULL && self->risk_answered
                                     ? fp_portfolio_view_get_profile (self->portfolio_view) : NULL;
      FpEsgValues values = { 0 };

      /* The risk profile once the questionnaire was opened, and whether
       * the customer holds values. */
      if (self->eco_view != NULL)
        fp_eco_invest_view_get_values (self->eco_view, &values);
      self->ranking = fp_offers_data_rank (self->data, profile != NULL ? profile->score : 0,
                                           values.exclude != 0 || values.favour != 0, &error);
      if (self->ranking == NULL)
        {
          g_debug ("Could not rank the offers: %s", error->message);
          adw_status_page_set_description (self->error_page, error->message);
          _fp_offers_page_set_state (self, "error");
          return;
        }
    }
  _fp_offers_page_build (self);
}

static const FpOfferInfo *
find_offer (FpOffersData *data,
            const char   *offer_id)
{
  for (guint i = 0; data != NULL && i < data->offers->len; i++)
    if (g_str_equal (g_array_index (data->offers, FpOfferInfo, i).offer_id, offer_id))
      return &g_array_index (data->offers, FpOfferInfo, i);
  return NULL;
}

static gboolean
rerank_cb (gpointer user_data)
{
  FpOffersPage *self = user_data;

  self->rebuild_id = 0;
  _fp_offers_page_rank (self);
  return G_SOURCE_REMOVE;
}

/**
 * _fp_offers_page_feedback:
 * @self: the page
 * @offer_id: the offer
 * @reaction: what the customer said
 * @reasons: #FpOfferReason flags
 *
 * Records the feedback (the store queues it for the bank only with the
 * consent to marketing) and re-ranks at once.
 */
void
_fp_offers_page_feedback (FpOffersPage    *self,
                          const char      *offer_id,
                          FpOfferReaction  reaction,
                          guint32          reasons)
{
  g_autoptr(GError) error = NULL;
  const FpOfferInfo *offer = find_offer (self->data, offer_id);
  gboolean to_bank = self->policy != NULL && fp_consent_policy_allows (self->policy, FP_PURPOSE_MARKETING);
  FpOfferFeedback feedback;
  gint64 seq;

  if (self->cache == NULL || offer == NULL)
    return;

  seq = fp_cache_add_offer_feedback (self->cache, offer->offer_id, reaction, reasons, self->policy, &error);
  if (seq < 0)
    {
      _fp_offers_page_notice (self, error->message, TRUE);
      return;
    }

  g_debug ("Feedback %s on %s, %s", fp_offer_reaction_to_id (reaction), offer->offer_id,
           to_bank ? "queued for the bank" : "kept on this computer");
  feedback.offer_id = offer->offer_id;
  feedback.reaction = reaction;
  feedback.reasons = reasons;
  feedback.seq = seq;
  g_array_append_val (self->data->feedback, feedback);

  if (reaction == FP_OFFER_DISMISSED)
    _fp_offers_page_notice (self, _("The offer is hidden, also after syncs and restarts."), FALSE);
  else if (to_bank)
    _fp_offers_page_notice (self, _("Thank you. The list changed at once; your bank receives your answer with the next sync."),
                            FALSE);
  else
    _fp_offers_page_notice (self, _("Thank you. The list changed at once; your answer stays on this computer."), FALSE);
  /* What the bank may receive leaves now rather than in a quarter hour. */
  if (to_bank && self->session != NULL)
    fp_session_sync_now (self->session);

  /* The buttons that asked are inside what is rebuilt: after the click. */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rerank_cb, self);
}
