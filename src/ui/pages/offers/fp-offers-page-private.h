/* fp-offers-page-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Inside the Offers page: the instance struct its files share
 * (fp-offers-page.c: properties, layout, the list and the details;
 * fp-offers-page-data.c: loading in a worker thread, ranking, feedback),
 * their functions for each other, and what the widget tests and the
 * screenshot runs look at.
 */

#pragma once

#include "fp-credit-line-view.h"
#include "fp-eco-invest-view.h"
#include "fp-loan-view.h"
#include "fp-offer-detail.h"
#include "fp-offer-row.h"
#include "fp-offers-consent-card.h"
#include "fp-offers-data.h"
#include "fp-offers-page.h"
#include "fp-portfolio-view.h"
#include "fp-wealth-view.h"

G_BEGIN_DECLS

struct _FpOffersPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkStack            *state_stack;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *offline_page;
  AdwStatusPage       *error_page;
  GtkSpinner          *spinner;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkWidget           *separator;
  GtkStack            *detail_pane;
  GtkLabel            *offline_label;
  GtkLabel            *notice_label;
  FpOffersConsentCard *consent_card;
  GtkLabel            *ranking_label;
  GtkBox              *rows_box;
  GtkLabel            *dismissed_label;
  GtkScrolledWindow   *detail_scroller;
  FpOfferDetail       *detail;
  GtkButton           *wealth_button;
  GtkScrolledWindow   *wealth_scroller;
  GtkBox              *wealth_box;
  GtkButton           *wealth_back_button;

  /* Owned references */
  FpCache             *cache;
  FpConsentPolicy     *policy;
  FpSession           *session;
  FpSyncEngine        *engine;
  GCancellable        *cancellable;
  FpOffersData        *data;
  GHashTable          *descriptions;   /* offer id -> the bank's description */
  FpOfferRanking      *ranking;
  FpLoanView          *loan_view;      /* kept across reloads: inputs, applications */
  FpCreditLineView    *credit_view;
  FpPortfolioView     *portfolio_view;
  FpEcoInvestView     *eco_view;
  FpWealthView        *wealth_view;    /* in wealth_box while the page lives */
  gboolean             wealth_shown;
  guint                n_drift_notices;
  gboolean             risk_answered;  /* kept answers, or the customer chose one */

  char                *selected_id;
  gulong               policy_handler;
  guint                rebuild_id;
  gint32               today;
  gboolean             narrow;
};

/* fp-offers-page-data.c */
void        _fp_offers_page_load           (FpOffersPage *self);
void        _fp_offers_page_rank           (FpOffersPage *self);
void        _fp_offers_page_drop_data      (FpOffersPage *self);
void        _fp_offers_page_feedback       (FpOffersPage *self,
                                            const char   *offer_id,
                                            FpOfferReaction reaction,
                                            guint32       reasons);

/* fp-offers-page.c */
FpPortfolioView *_fp_offers_page_portfolio_view (FpOffersPage *self);
void        _fp_offers_page_set_state      (FpOffersPage *self,
                                            const char   *state);
void        _fp_offers_page_build          (FpOffersPage *self);
void        _fp_offers_page_notice         (FpOffersPage *self,
                                            const char   *text,
                                            gboolean      error);
gboolean    _fp_offers_page_offline        (FpOffersPage *self);

/* For tests and screenshots */
const FpOfferRanking *fp_offers_page_get_ranking (FpOffersPage *self);
FpOffersData         *fp_offers_page_get_data    (FpOffersPage *self);
FpOfferRow           *fp_offers_page_find_row    (FpOffersPage *self,
                                                  const char   *offer_id);
FpOfferDetail        *fp_offers_page_get_detail  (FpOffersPage *self);
FpLoanView           *fp_offers_page_get_loan_view (FpOffersPage *self);
FpCreditLineView     *fp_offers_page_get_credit_line_view (FpOffersPage *self);
FpPortfolioView      *fp_offers_page_get_portfolio_view (FpOffersPage *self);
FpEcoInvestView      *fp_offers_page_get_eco_invest_view (FpOffersPage *self);
FpWealthView         *fp_offers_page_get_wealth_view (FpOffersPage *self);
guint                 fp_offers_page_get_drift_notices (FpOffersPage *self);
FpOffersConsentCard  *fp_offers_page_get_consent_card (FpOffersPage *self);
gboolean              fp_offers_page_get_folded  (FpOffersPage *self);
gboolean              fp_offers_page_shows_detail (FpOffersPage *self);

G_END_DECLS
