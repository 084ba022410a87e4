/* fp-time-machine-page-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Time Machine page and its data: what it reads from the cache (the
 * starting point, the bank's market data, the kept scenarios; see
 * fp-time-machine-loader.c) and the scenarios the customer keeps or
 * forgets. See fp-time-machine-page.c for the whole.
 */

#define G_LOG_DOMAIN "fp-time-machine-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "fp-cache-scenarios.h"
#include "fp-consent.h"
#include "fp-format.h"
#include "fp-insights.h"
#include "fp-money.h"
#include "fp-saved-scenario-card.h"
#include "fp-scenario-json.h"
#include "fp-time-machine-format.h"
#include "fp-time-machine-page-private.h"
#include "fp-time-machine-scenario.h"

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

/* ------------------------------------------------------------------ */
/* Kept scenarios                                                      */
/* ------------------------------------------------------------------ */

void
_fp_time_machine_page_update_keep_action (FpTimeMachinePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "time-machine.keep-scenario",
                                 self->saved->len < FP_TIME_MACHINE_MAX_SAVED && self->scenario_result != NULL);
}

static void
forget_saved_cb (FpSavedScenarioCard *card,
                 FpTimeMachinePage   *self)
{
  FpKeptScenario *saved = g_object_get_data (G_OBJECT (card), "fp-kept");

  if (saved->id != NULL && self->cache != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!fp_cache_delete_scenario (self->cache, saved->id, &error))
        g_warning ("Could not forget a saved scenario: %s", error->message);
    }
  fp_scenario_comparison_remove (self->comparison, saved->card);
  g_ptr_array_remove (self->saved, saved);
  _fp_time_machine_page_update_keep_action (self);
}

/* Shows a kept scenario (its result in) as a card; takes @saved. */
static void
add_saved_card (FpTimeMachinePage *self,
                FpKeptScenario    *saved)
{
  saved->card = fp_saved_scenario_card_new (saved->number, &saved->scenario, saved->result);
  g_object_set_data (G_OBJECT (saved->card), "fp-kept", saved);
  g_signal_connect (saved->card, "forget", G_CALLBACK (forget_saved_cb), self);
  g_ptr_array_add (self->saved, saved);
  fp_scenario_comparison_add (self->comparison, saved->card);
  _fp_time_machine_page_update_keep_action (self);
}

static void
clear_saved (FpTimeMachinePage *self)
{
  while (self->saved->len > 0)
    {
      FpKeptScenario *saved = g_ptr_array_index (self->saved, self->saved->len - 1);

      fp_scenario_comparison_remove (self->comparison, saved->card);
      g_ptr_array_remove_index (self->saved, self->saved->len - 1);
    }
  _fp_time_machine_page_update_keep_action (self);
}

static void
keep_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  FpTimeMachinePage *self = FP_TIME_MACHINE_PAGE (widget);
  FpSimulationResult *r = self->scenario_result;
  FpKeptScenario *saved;

  if (r == NULL || self->saved->len >= FP_TIME_MACHINE_MAX_SAVED)
    return;

  saved = g_new0 (FpKeptScenario, 1);
  saved->scenario = self->shown;
  saved->result = fp_simulation_result_ref (r);
  saved->number = ++self->n_kept;

  /* Kept in the cache's local-only table, so that it survives a restart;
   * one small row, written at once. */
  if (self->cache != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uuid = g_uuid_string_random ();
      /* Marked when built from the customer's accounts: shown only while
       * the consent to personalization lasts. */
      g_autofree char *id = g_strconcat (self->start_source == FP_START_FROM_ACCOUNTS
                                         ? FP_TIME_MACHINE_ACCOUNTS_PREFIX : "hand-",
                                         uuid, NULL);
      g_autofree char *name = g_strdup_printf (_("Scenario %u"), saved->number);
      g_autofree char *json = fp_scenario_to_json (&saved->scenario);

      if (fp_cache_save_scenario (self->cache, id, name, json, &error))
        saved->id = g_steal_pointer (&id);
      else
        g_warning ("Could not save a scenario: %s", error->message);
    }

  add_saved_card (self, saved);
}

/* ------------------------------------------------------------------ */
/* The cache: starting point, market data, kept scenarios              */
/* ------------------------------------------------------------------ */

void
_fp_time_machine_page_update_captions (FpTimeMachinePage *self)
{
  g_autofree char *returns = NULL;

  fp_starting_point_set_source (self->starting_point, self->start_source, self->start.as_of_day,
                                self->start.n_debts);

  if (self->market.have_assets)
    {
      gint y = 0, m = 0, d = 0;
      g_autofree char *date = NULL;
      g_autofree char *shares = fp_format_percent (self->market.equity_return, 1, FP_FORMAT_NONE);
      g_autofree char *bonds = fp_format_percent (self->market.bond_return, 1, FP_FORMAT_NONE);

      if (sscanf (self->market.assets_as_of, "%4d-%2d-%2d", &y, &m, &d) == 3)
        date = fp_time_machine_format_day (fp_day_from_date (y, m, d));
      /* Translators: "of 31 October 2026 (shares 6.5%, bonds 3.3% a year)" */
      returns = g_strdup_printf (_("Returns: your bank’s assumptions of %s (shares %s, bonds %s a year)."),
                                 date != NULL ? date : self->market.assets_as_of, shares, bonds);
    }
  else
    {
      g_autofree char *shares = fp_format_percent (FP_TIME_MACHINE_EQUITY_RETURN, 1, FP_FORMAT_NONE);
      g_autofree char *bonds = fp_format_percent (FP_TIME_MACHINE_BOND_RETURN, 1, FP_FORMAT_NONE);

      /* Translators: "(shares 6.5%, bonds 3.3% a year)" */
      returns = g_strdup_printf (_("Returns: FinPersona’s built-in long-run assumptions (shares %s, bonds %s a year)."),
                                 shares, bonds);
    }
  set_label (self->returns_label, returns);
}

static void
apply_start (FpTimeMachinePage *self)
{
  const FpAccountsStart *sp = &self->start;

  self->loading = TRUE;
  g_strlcpy (self->currency, sp->currency, sizeof self->currency);
  fp_starting_point_set_from_accounts (self->starting_point, sp->cash_minor, sp->investments_minor,
                                       sp->income_minor, sp->spending_minor, sp->debt_minor);
  self->loading = FALSE;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  FpTimeMachinePage *self = FP_TIME_MACHINE_PAGE (source);
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(GError) error = NULL;
  FpTimeMachineLoad *result;
  FpStartSource before = self->start_source;

  if (cancellable != self->load_cancellable)
    return;

  result = fp_time_machine_load_finish (res, &error);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The Time Machine could not read the cache: %s", error->message);
      return;
    }

  self->market = result->market;

  clear_saved (self);
  self->n_kept = 0;
  while (result->saved->len > 0)
    {
      FpKeptScenario *saved = g_ptr_array_steal_index (result->saved, 0);

      saved->number = ++self->n_kept;
      add_saved_card (self, saved);
    }

  self->start_source = result->source;
  if (result->source == FP_START_FROM_ACCOUNTS)
    {
      self->start = result->start;
      apply_start (self);
      /* The example household's changes and life events are not the
       * customer's: start from their own future, unchanged. */
      if (before != FP_START_FROM_ACCOUNTS)
        {
          FpChangeValues changes;

          self->loading = TRUE;
          fp_life_events_clear (self->life_events);
          _fp_time_machine_page_update_add_action (self);
          fp_change_editor_get_values (self->change_editor, &changes);
          changes.spending_change = 0;
          changes.extra_savings = 0;
          fp_change_editor_set_values (self->change_editor, &changes);
          self->loading = FALSE;
        }
    }
  else
    {
      memset (&self->start, 0, sizeof self->start);
      g_strlcpy (self->currency, result->currency, sizeof self->currency);
      /* Take the customer's figures out of the editor. */
      if (before == FP_START_FROM_ACCOUNTS)
        {
          _fp_time_machine_page_update_captions (self);
          fp_time_machine_page_load_example (self, 1);
        }
    }

  _fp_time_machine_page_update_captions (self);
  fp_life_events_update (self->life_events, self->currency, _fp_time_machine_page_has_loan (self));
  self->n_loads++;
  fp_time_machine_load_free (result);
  _fp_time_machine_page_recompute (self);
}

/**
 * fp_time_machine_page_refresh:
 * @self: a #FpTimeMachinePage
 *
 * Reads the starting point, the bank's market data and the saved
 * scenarios from the cache again, in a worker thread; the window calls
 * it (as `page.refresh`) after every sync.
 */
void
fp_time_machine_page_refresh (FpTimeMachinePage *self)
{
  g_return_if_fail (FP_IS_TIME_MACHINE_PAGE (self));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (self->cache == NULL)
    {
      FpStartSource before = self->start_source;
      g_autofree char *currency = fp_money_locale_currency ();

      memset (&self->market, 0, sizeof self->market);
      memset (&self->start, 0, sizeof self->start);
      g_strlcpy (self->currency, currency, sizeof self->currency);
      self->start_source = FP_START_BY_HAND;
      clear_saved (self);
      _fp_time_machine_page_update_captions (self);
      if (before == FP_START_FROM_ACCOUNTS)
        fp_time_machine_page_load_example (self, 1);
      else
        _fp_time_machine_page_recompute (self);
      self->n_loads++;
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  fp_time_machine_load_async (self, self->cache,
                              self->policy != NULL &&
                              fp_consent_policy_allows (self->policy, FP_PURPOSE_PERSONALIZATION),
                              FP_TIME_MACHINE_MAX_SAVED, self->load_cancellable, load_done_cb,
                              g_object_ref (self->load_cancellable));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fp_time_machine_page_refresh (FP_TIME_MACHINE_PAGE (widget));
}

/**
 * _fp_time_machine_page_class_init_data:
 * @widget_class: the page's class
 *
 * Installs what this file handles: keeping a scenario, and `page.refresh`
 * (what the window activates on every page after a sync).
 */
void
_fp_time_machine_page_class_init_data (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "time-machine.keep-scenario", NULL, keep_scenario_action);
  gtk_widget_class_install_action (widget_class, "page.refresh", NULL, refresh_action);
}
