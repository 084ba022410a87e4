/* fp-offers-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Offers page: the bank's offers ranked for the customer on this
 * computer, each opening its details, in an AdwLeaflet (side by side when
 * wide, the list then the details when narrow, with a back button).
 *
 * Consent decides, through core and the store (fp_offers_data_rank(),
 * fp_cache_add_offer_feedback()): without the consent to personalization
 * the bank's order and nothing of the customer's; without the consent to
 * marketing nothing "made for you", feedback kept on this computer and
 * the bank never asked to contact the customer. The page says what each
 * missing consent means and offers its switch (FpOffersConsentCard).
 *
 * Each offer's details (FpOfferDetail) say why it is shown, take feedback
 * and hold what belongs to its kind: the loan's structuring and
 * application (FpLoanView), the credit line per card (FpCreditLineView);
 * the investing offers of issue 12 plug in at extra_for_offer().
 *
 * Loading runs in a worker thread (fp-offers-page-data.c); the window hands
 * the page its cache, consents and session, and activates `page.refresh`
 * after every sync.
 */

#define G_LOG_DOMAIN "fp-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-cache-risk.h"
#include "fp-clock.h"
#include "fp-offers-page-private.h"
#include "fp-ui-util.h"

G_DEFINE_FINAL_TYPE (FpOffersPage, fp_offers_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CACHE,
  PROP_CONSENT_POLICY,
  PROP_SESSION,
  PROP_NARROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_fp_offers_page_set_state (FpOffersPage *self,
                           const char   *state)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  gtk_stack_set_visible_child_name (self->state_stack, state);
}

/* What became of the customer's last action, above the list, until the
 * next one. (Not a toast: libadwaita 1.2 crashes when toasts are added
 * and dismissed in quick succession, as feedback given fast would.) */
void
_fp_offers_page_notice (FpOffersPage *self,
                        const char   *text,
                        gboolean      error)
{
  gtk_label_set_label (self->notice_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->notice_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->notice_label), "error");
}

gboolean
_fp_offers_page_offline (FpOffersPage *self)
{
  return self->engine != NULL && fp_sync_engine_get_state (self->engine) == FP_SYNC_STATE_OFFLINE;
}

static const FpRankedOffer *
find_ranked (FpOffersPage *self,
             const char   *offer_id)
{
  for (guint i = 0; self->ranking != NULL && offer_id != NULL && i < self->ranking->n_offers; i++)
    if (g_str_equal (self->ranking->offers[i].offer->offer_id, offer_id))
      return &self->ranking->offers[i];
  return NULL;
}

static void
feedback_cb (FpFeedbackButtons *feedback,
             const char      *offer_id,
             int              reaction,
             guint            reasons,
             FpOffersPage    *self)
{
  _fp_offers_page_feedback (self, offer_id, (FpOfferReaction) reaction, reasons);
}

static void
details_cb (FpOfferRow   *row,
            const char   *offer_id,
            FpOffersPage *self)
{
  fp_offers_page_show_offer (self, offer_id);
}

/* What belongs to the offer's kind; the views are kept across reloads so
 * that what the customer typed, and an application sent, stay. */
/* The investing views live as long as the page, like the loan's: the
 * answers survive a sync. */
static gboolean
rerank_idle_cb (gpointer user_data)
{
  FpOffersPage *self = user_data;

  self->rebuild_id = 0;
  _fp_offers_page_rank (self);
  return G_SOURCE_REMOVE;
}

/* The ranking weighs the investing offers by the profile: again, after
 * the change (the rows that asked are rebuilt). */
static void
profile_changed_cb (FpPortfolioView *view,
                    guint            score,
                    FpOffersPage    *self)
{
  g_autoptr(GError) error = NULL;
  FpRiskAnswers answers;

  /* Kept on this computer only (the local-only risk_answers table). */
  self->risk_answered = TRUE;
  fp_portfolio_view_get_answers (view, &answers);
  if (self->cache != NULL && !fp_cache_save_risk_answers (self->cache, &answers, &error))
    _fp_offers_page_notice (self, error->message, TRUE);
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add (rerank_idle_cb, self);
}

FpPortfolioView *
_fp_offers_page_portfolio_view (FpOffersPage *self)
{
  if (self->portfolio_view == NULL)
    {
      self->portfolio_view = g_object_ref_sink (FP_PORTFOLIO_VIEW (fp_portfolio_view_new ()));
      g_signal_connect (self->portfolio_view, "profile-changed", G_CALLBACK (profile_changed_cb), self);
    }
  return self->portfolio_view;
}

static GtkWidget *
extra_for_offer (FpOffersPage      *self,
                 const FpOfferInfo *offer)
{
  switch (offer->kind)
    {
    case FP_OFFER_PERSONAL_LOAN:
      if (self->loan_view == NULL)
        self->loan_view = g_object_ref_sink (FP_LOAN_VIEW (fp_loan_view_new ()));
      fp_loan_view_set_narrow (self->loan_view, self->narrow);
      fp_loan_view_set_session (self->loan_view, self->session);
      fp_loan_view_set_data (self->loan_view, self->data, offer);
      return GTK_WIDGET (self->loan_view);
    case FP_OFFER_CREDIT_LINE:
      if (self->credit_view == NULL)
        self->credit_view = g_object_ref_sink (FP_CREDIT_LINE_VIEW (fp_credit_line_view_new ()));
      fp_credit_line_view_set_data (self->credit_view, self->data);
      return GTK_WIDGET (self->credit_view);
    case FP_OFFER_PORTFOLIO:
      fp_portfolio_view_set_offer_id (_fp_offers_page_portfolio_view (self), offer->offer_id);
      fp_portfolio_view_set_data (self->portfolio_view, self->data);
      return GTK_WIDGET (self->portfolio_view);
    case FP_OFFER_ESG_PORTFOLIO:
      {
        const FpRiskProfile *profile;

        /* The profile of the questionnaire, answered in the model
         * portfolio offer (its defaults until then). */
        fp_portfolio_view_set_data (_fp_offers_page_portfolio_view (self), self->data);
        profile = fp_portfolio_view_get_profile (self->portfolio_view);
        if (self->eco_view == NULL)
          self->eco_view = g_object_ref_sink (FP_ECO_INVEST_VIEW (fp_eco_invest_view_new ()));
        fp_eco_invest_view_set_data (self->eco_view, self->data, profile != NULL ? profile->score : 4);
        return GTK_WIDGET (self->eco_view);
      }
    case FP_OFFER_SAVINGS:
    default:
      /* Issue 12: the risk profile, portfolios and EcoInvest go here. */
      return NULL;
    }
}

static void
build_detail (FpOffersPage *self)
{
  const FpRankedOffer *offer = find_ranked (self, self->selected_id);
  GtkWidget *extra;

  if (self->wealth_shown && self->data != NULL)
    {
      fp_wealth_view_set_cache (self->wealth_view, self->cache);
      fp_wealth_view_set_data (self->wealth_view, self->data);
      gtk_widget_set_visible (GTK_WIDGET (self->wealth_back_button), adw_leaflet_get_folded (self->leaflet));
      gtk_stack_set_visible_child_name (self->detail_pane, "wealth");
      return;
    }
  if (offer == NULL)
    {
      fp_offer_detail_set_extra (self->detail, NULL);
      gtk_stack_set_visible_child_name (self->detail_pane, "none");
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
      return;
    }
  fp_offer_detail_set_offer (self->detail, offer, self->ranking,
                             self->descriptions != NULL ? g_hash_table_lookup (self->descriptions, offer->offer->offer_id)
                                                        : NULL,
                             self->today, self->data->marketing);
  extra = extra_for_offer (self, offer->offer);
  if (fp_offer_detail_get_extra (self->detail) != extra)
    fp_offer_detail_set_extra (self->detail, extra);
  fp_offer_detail_set_show_back (self->detail, adw_leaflet_get_folded (self->leaflet));
  gtk_stack_set_visible_child_name (self->detail_pane, "offer");
}

/* The row that holds the keyboard focus, if one does. */
static char *
focused_row (FpOffersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self->rows_box); w = gtk_widget_get_parent (w))
    if (FP_IS_OFFER_ROW (w))
      return g_strdup (fp_offer_row_get_offer_id (FP_OFFER_ROW (w)));
  return NULL;
}

static void
build_list (FpOffersPage *self)
{
  g_autofree char *focused = focused_row (self);
  GtkWidget *child;
  FpOfferRow *focus_row;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))) != NULL)
    gtk_box_remove (self->rows_box, child);

  fp_offers_consent_card_set_state (self->consent_card, self->policy, self->data->personalization,
                                    self->data->marketing);
  gtk_label_set_label (self->ranking_label, self->ranking->explanation);
  for (guint i = 0; i < self->ranking->n_offers; i++)
    {
      GtkWidget *row = fp_offer_row_new (&self->ranking->offers[i], self->ranking->ranked, self->data->marketing);

      g_signal_connect (row, "details", G_CALLBACK (details_cb), self);
      g_signal_connect (fp_offer_row_get_feedback (FP_OFFER_ROW (row)), "feedback", G_CALLBACK (feedback_cb), self);
      gtk_box_append (self->rows_box, row);
    }
  if (self->ranking->n_dismissed > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "You hid %u offer; it stays hidden.",
                                                            "You hid %u offers; they stay hidden.",
                                                            self->ranking->n_dismissed),
                                               self->ranking->n_dismissed);

      gtk_label_set_label (self->dismissed_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->dismissed_label), self->ranking->n_dismissed > 0);

  /* New rows after a sync or a re-ranking keep a keyboard user's place. */
  if (focused != NULL && (focus_row = fp_offers_page_find_row (self, focused)) != NULL)
    gtk_widget_grab_focus (fp_offer_row_get_details_button (focus_row));
}

static void
update_offline (FpOffersPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->offline_label), _fp_offers_page_offline (self));
  if (self->data != NULL && self->data->offers->len == 0)
    _fp_offers_page_set_state (self, _fp_offers_page_offline (self) ? "offline" : "empty");
}

/**
 * _fp_offers_page_build:
 * @self: the page
 *
 * Shows the ranking: the state, the list and the selected offer's details.
 */
void
_fp_offers_page_build (FpOffersPage *self)
{
  if (self->data == NULL || self->ranking == NULL)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box))) != NULL)
        gtk_box_remove (self->rows_box, child);
      fp_offer_detail_set_extra (self->detail, NULL);
      _fp_offers_page_set_state (self, "empty");
      g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
      return;
    }

  build_list (self);
  /* A dismissed offer is gone from the ranking: back to the list. */
  if (find_ranked (self, self->selected_id) == NULL)
    g_clear_pointer (&self->selected_id, g_free);
  build_detail (self);
  _fp_offers_page_set_state (self, "content");
  update_offline (self);
  g_signal_emit (self, signals[SIGNAL_UPDATED], 0);
}

static void
folded_cb (FpOffersPage *self)
{
  fp_offer_detail_set_show_back (self->detail, adw_leaflet_get_folded (self->leaflet));
  gtk_widget_set_visible (GTK_WIDGET (self->wealth_back_button), adw_leaflet_get_folded (self->leaflet));
  if (!adw_leaflet_get_folded (self->leaflet) || (self->selected_id == NULL && !self->wealth_shown))
    return;
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_pane));
}

static void
back_cb (FpOffersPage *self)
{
  fp_offers_page_show_list (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fp_offers_page_refresh (FP_OFFERS_PAGE (widget));
}

static void
policy_changed_cb (FpConsentPolicy *policy,
                   FpPurpose        purpose,
                   FpConsentState   state,
                   FpOffersPage    *self)
{
  if (purpose == FP_PURPOSE_PERSONALIZATION || purpose == FP_PURPOSE_MARKETING)
    fp_offers_page_refresh (self);
}

static void
engine_state_cb (FpOffersPage *self)
{
  update_offline (self);
}

static void
set_engine (FpOffersPage *self,
            FpSyncEngine *engine)
{
  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine != NULL)
    g_signal_connect_object (engine, "notify::state", G_CALLBACK (engine_state_cb), self, G_CONNECT_SWAPPED);
  update_offline (self);
}

static void
session_engine_cb (FpOffersPage *self)
{
  set_engine (self, self->session != NULL ? fp_session_get_sync_engine (self->session) : NULL);
}

/* GObject */

static void
fp_offers_page_dispose (GObject *object)
{
  FpOffersPage *self = FP_OFFERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->policy != NULL)
    g_clear_signal_handler (&self->policy_handler, self->policy);
  g_clear_object (&self->policy);
  set_engine (self, NULL);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->detail != NULL)
    _fp_offers_page_drop_data (self);
  g_clear_object (&self->loan_view);
  g_clear_object (&self->credit_view);
  if (self->portfolio_view != NULL)
    g_signal_handlers_disconnect_by_data (self->portfolio_view, self);
  g_clear_object (&self->portfolio_view);
  g_clear_object (&self->eco_view);
  if (self->wealth_view != NULL)
    g_signal_handlers_disconnect_by_data (self->wealth_view, self);
  self->wealth_view = NULL;
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (fp_offers_page_parent_class)->dispose (object);
}

static void
fp_offers_page_finalize (GObject *object)
{
  FpOffersPage *self = FP_OFFERS_PAGE (object);

  g_clear_pointer (&self->ranking, fp_offer_ranking_free);
  g_clear_pointer (&self->data, fp_offers_data_free);
  g_clear_pointer (&self->descriptions, g_hash_table_unref);
  g_free (self->selected_id);

  G_OBJECT_CLASS (fp_offers_page_parent_class)->finalize (object);
}

static void
fp_offers_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FpOffersPage *self = FP_OFFERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      g_value_set_object (value, self->cache);
      break;
    case PROP_CONSENT_POLICY:
      g_value_set_object (value, self->policy);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_NARROW:
      g_value_set_boolean (value, self->narrow);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_offers_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FpOffersPage *self = FP_OFFERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CACHE:
      fp_offers_page_set_cache (self, g_value_get_object (value));
      break;
    case PROP_CONSENT_POLICY:
      fp_offers_page_set_consent_policy (self, g_value_get_object (value));
      break;
    case PROP_SESSION:
      fp_offers_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_NARROW:
      fp_offers_page_set_narrow (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void wealth_clicked_cb (FpOffersPage *self);
static void wealth_back_cb (FpOffersPage *self);

static void
fp_offers_page_class_init (FpOffersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_offers_page_dispose;
  object_class->finalize = fp_offers_page_finalize;
  object_class->get_property = fp_offers_page_get_property;
  object_class->set_property = fp_offers_page_set_property;

  /**
   * FpOffersPage:cache:
   *
   * The encrypted cache the offers are read from, or %NULL (the empty
   * state).
   */
  properties[PROP_CACHE] =
    g_param_spec_object ("cache", NULL, NULL, FP_TYPE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpOffersPage:consent-policy:
   *
   * The customer's consents; %NULL counts as none.
   */
  properties[PROP_CONSENT_POLICY] =
    g_param_spec_object ("consent-policy", NULL, NULL, FP_TYPE_CONSENT_POLICY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpOffersPage:session:
   *
   * The session: whether the bank can be reached, and the way loan
   * applications are sent. Without one nothing can be applied for.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, FP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FpOffersPage:narrow:
   *
   * Whether the window is narrow: a loan's structures are stacked.
   */
  properties[PROP_NARROW] =
    g_param_spec_boolean ("narrow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpOffersPage::updated:
   *
   * Emitted when the offers shown changed: loaded, re-ranked, or gone.
   */
  signals[SIGNAL_UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (FP_TYPE_OFFERS_CONSENT_CARD);
  g_type_ensure (FP_TYPE_OFFER_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-offers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, offline_page);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, separator);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, consent_card);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, ranking_label);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, rows_box);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, dismissed_label);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, detail);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, wealth_button);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, wealth_scroller);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, wealth_box);
  gtk_widget_class_bind_template_child (widget_class, FpOffersPage, wealth_back_button);
  gtk_widget_class_bind_template_callback (widget_class, wealth_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, wealth_back_cb);

  /* page.refresh is what the window activates on every page after a sync. */
  gtk_widget_class_install_action (widget_class, "offers.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, refresh_action);
}

static void
fp_offers_page_init (FpOffersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  self->today = fp_clock_today ();
  adw_leaflet_page_set_navigatable (adw_leaflet_get_page (self->leaflet, self->separator), FALSE);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self);
  g_signal_connect_swapped (self->detail, "back", G_CALLBACK (back_cb), self);
  self->wealth_view = FP_WEALTH_VIEW (fp_wealth_view_new ());
  gtk_box_append (self->wealth_box, GTK_WIDGET (self->wealth_view));
  g_signal_connect_swapped (self->wealth_view, "changed", G_CALLBACK (_fp_offers_page_load), self);
  g_signal_connect (fp_offer_detail_get_feedback (self->detail), "feedback", G_CALLBACK (feedback_cb), self);
  _fp_offers_page_set_state (self, "empty");
}

GtkWidget *
fp_offers_page_new (void)
{
  return g_object_new (FP_TYPE_OFFERS_PAGE, NULL);
}

/**
 * fp_offers_page_refresh:
 * @self: a #FpOffersPage
 *
 * Reads the offers again (after a sync, or a change of consent).
 */
void
fp_offers_page_refresh (FpOffersPage *self)
{
  g_return_if_fail (FP_IS_OFFERS_PAGE (self));

  _fp_offers_page_load (self);
}

FpCache *
fp_offers_page_get_cache (FpOffersPage *self)
{
  g_return_val_if_fail (FP_IS_OFFERS_PAGE (self), NULL);

  return self->cache;
}

/**
 * fp_offers_page_set_cache:
 * @self: a #FpOffersPage
 * @cache: (nullable): the cache
 */
void
fp_offers_page_set_cache (FpOffersPage *self,
                          FpCache      *cache)
{
  g_return_if_fail (FP_IS_OFFERS_PAGE (self));
  g_return_if_fail (cache == NULL || FP_IS_CACHE (cache));

  if (self->cache == cache)
    return;
  _fp_offers_page_drop_data (self);
  g_set_object (&self->cache, cache);
  g_clear_pointer (&self->selected_id, g_free);
  /* Another cache may be another customer: nothing typed stays. */
  self->risk_answered = FALSE;
  self->wealth_shown = FALSE;
  if (self->wealth_view != NULL)
    fp_wealth_view_reset_form (self->wealth_view);
  if (self->portfolio_view != NULL)
    {
      FpRiskAnswers defaults = { FP_HORIZON_6_TO_10_YEARS, FP_LOSS_HOLD, FP_EXPERIENCE_SOME };

      fp_portfolio_view_set_answers (self->portfolio_view, &defaults);
      fp_portfolio_view_set_contribution (self->portfolio_view, 0);
    }
  if (self->eco_view != NULL)
    {
      FpEsgValues none = { 0 };

      fp_eco_invest_view_set_values (self->eco_view, &none);
    }
  _fp_offers_page_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CACHE]);
}

FpConsentPolicy *
fp_offers_page_get_consent_policy (FpOffersPage *self)
{
  g_return_val_if_fail (FP_IS_OFFERS_PAGE (self), NULL);

  return self->policy;
}

/**
 * fp_offers_page_set_consent_policy:
 * @self: a #FpOffersPage
 * @policy: (nullable): the customer's consents
 *
 * The page follows the consents to personalization and marketing.
 */
void
fp_offers_page_set_consent_policy (FpOffersPage    *self,
                                   FpConsentPolicy *policy)
{
  g_return_if_fail (FP_IS_OFFERS_PAGE (self));
  g_return_if_fail (policy == NULL || FP_IS_CONSENT_POLICY (policy));

  if (self->policy == policy)
    return;
  if (self->policy != NULL)
    g_clear_signal_handler (&self->policy_handler, self->policy);
  g_set_object (&self->policy, policy);
  if (policy != NULL)
    self->policy_handler = g_signal_connect (policy, "changed", G_CALLBACK (policy_changed_cb), self);
  if (self->cache != NULL)
    _fp_offers_page_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONSENT_POLICY]);
}

FpSession *
fp_offers_page_get_session (FpOffersPage *self)
{
  g_return_val_if_fail (FP_IS_OFFERS_PAGE (self), NULL);

  return self->session;
}

/**
 * fp_offers_page_set_session:
 * @self: a #FpOffersPage
 * @session: (nullable): the session
 */
void
fp_offers_page_set_session (FpOffersPage *self,
                            FpSession    *session)
{
  g_return_if_fail (FP_IS_OFFERS_PAGE (self));
  g_return_if_fail (session == NULL || FP_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "notify::sync-engine", G_CALLBACK (session_engine_cb), self,
                             G_CONNECT_SWAPPED);
  session_engine_cb (self);
  if (self->loan_view != NULL)
    fp_loan_view_set_session (self->loan_view, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

gboolean
fp_offers_page_get_narrow (FpOffersPage *self)
{
  g_return_val_if_fail (FP_IS_OFFERS_PAGE (self), FALSE);

  return self->narrow;
}

void
fp_offers_page_set_narrow (FpOffersPage *self,
                           gboolean      narrow)
{
  g_return_if_fail (FP_IS_OFFERS_PAGE (self));

  narrow = !!narrow;
  if (self->narrow == narrow)
    return;
  self->narrow = narrow;
  if (self->loan_view != NULL)
    fp_loan_view_set_narrow (self->loan_view, narrow);
  if (narrow)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->empty_page), "compact");
      gtk_widget_add_css_class (GTK_WIDGET (self->offline_page), "compact");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_page), "compact");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->empty_page), "compact");
      gtk_widget_remove_css_class (GTK_WIDGET (self->offline_page), "compact");
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_page), "compact");
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NARROW]);
}

/**
 * fp_offers_page_get_state:
 * @self: a #FpOffersPage
 *
 * Returns: what the page shows: `empty`, `offline`, `loading`, `error` or
 *   `content`
 */
const char *
fp_offers_page_get_state (FpOffersPage *self)
{
  g_return_val_if_fail (FP_IS_OFFERS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->state_stack);
}

/**
 * fp_offers_page_show_offer:
 * @self: a #FpOffersPage
 * @offer_id: an offer of the list
 *
 * Opens the offer's details (narrow: instead of the list).
 *
 * Returns: whether the offer is in the list
 */
gboolean
fp_offers_page_show_offer (FpOffersPage *self,
                           const char   *offer_id)
{
  g_return_val_if_fail (FP_IS_OFFERS_PAGE (self), FALSE);
  g_return_val_if_fail (offer_id != NULL, FALSE);

  if (find_ranked (self, offer_id) == NULL)
    return FALSE;
  self->wealth_shown = FALSE;
  g_free (self->selected_id);
  self->selected_id = g_strdup (offer_id);
  build_detail (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_pane));
  /* Narrow, the list is gone: the keyboard follows to the details. */
  if (adw_leaflet_get_folded (self->leaflet))
    fp_offer_detail_focus (self->detail);
  return TRUE;
}

/**
 * fp_offers_page_show_wealth:
 * @self: a #FpOffersPage
 *
 * Shows the Holistic Wealth Optimizer in the details.
 *
 * Returns: whether the data to show it is there
 */
gboolean
fp_offers_page_show_wealth (FpOffersPage *self)
{
  g_return_val_if_fail (FP_IS_OFFERS_PAGE (self), FALSE);

  if (self->data == NULL)
    return FALSE;
  self->wealth_shown = TRUE;
  g_clear_pointer (&self->selected_id, g_free);
  build_detail (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->wealth_scroller), 0);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_pane));
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (GTK_WIDGET (self->wealth_back_button));
  return TRUE;
}

static void
wealth_clicked_cb (FpOffersPage *self)
{
  fp_offers_page_show_wealth (self);
}

static void
wealth_back_cb (FpOffersPage *self)
{
  fp_offers_page_show_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->wealth_button));
}

/**
 * fp_offers_page_show_list:
 * @self: a #FpOffersPage
 *
 * Back to the list (narrow windows show one or the other).
 */
void
fp_offers_page_show_list (FpOffersPage *self)
{
  FpOfferRow *row;

  g_return_if_fail (FP_IS_OFFERS_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  /* Back where the customer left the list. */
  if (self->selected_id != NULL && (row = fp_offers_page_find_row (self, self->selected_id)) != NULL)
    gtk_widget_grab_focus (fp_offer_row_get_details_button (row));
}

/* For tests and screenshots */

const FpOfferRanking *
fp_offers_page_get_ranking (FpOffersPage *self)
{
  return self->ranking;
}

FpOffersData *
fp_offers_page_get_data (FpOffersPage *self)
{
  return self->data;
}

FpOfferRow *
fp_offers_page_find_row (FpOffersPage *self,
                         const char   *offer_id)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->rows_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (fp_offer_row_get_offer_id (FP_OFFER_ROW (c)), offer_id) == 0)
      return FP_OFFER_ROW (c);
  return NULL;
}

FpOfferDetail *
fp_offers_page_get_detail (FpOffersPage *self)
{
  return self->detail;
}

FpLoanView *
fp_offers_page_get_loan_view (FpOffersPage *self)
{
  return self->loan_view;
}

FpCreditLineView *
fp_offers_page_get_credit_line_view (FpOffersPage *self)
{
  return self->credit_view;
}

FpPortfolioView *
fp_offers_page_get_portfolio_view (FpOffersPage *self)
{
  return self->portfolio_view;
}

FpEcoInvestView *
fp_offers_page_get_eco_invest_view (FpOffersPage *self)
{
  return self->eco_view;
}

FpWealthView *
fp_offers_page_get_wealth_view (FpOffersPage *self)
{
  return self->wealth_view;
}

/* How many drift notifications this page decided to send. */
guint
fp_offers_page_get_drift_notices (FpOffersPage *self)
{
  return self->n_drift_notices;
}

FpOffersConsentCard *
fp_offers_page_get_consent_card (FpOffersPage *self)
{
  return self->consent_card;
}

gboolean
fp_offers_page_get_folded (FpOffersPage *self)
{
  return adw_leaflet_get_folded (self->leaflet);
}

gboolean
fp_offers_page_shows_detail (FpOffersPage *self)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->detail_pane), "offer") &&
         (!adw_leaflet_get_folded (self->leaflet) ||
          adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->detail_pane));
}
