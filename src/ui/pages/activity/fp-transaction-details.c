/* fp-transaction-details.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The details of one transaction, opened from its Activity row: the
 * merchant by the name a person recognizes, the amount (struck through
 * for a declined attempt), when, its state, the account and card (the
 * last four digits once), where, the merchant category code, how it was
 * paid. The customer changes the category (one of ours) and writes a
 * note: both are saved at once on this computer (fp_cache_set_txn_*) and
 * the list shows them. For a payment the bank flagged, "This was me" and
 * "Not me"; for the card, "Freeze card": each is kept and queued for the
 * bank in one database transaction (fp_cache_report_txn(),
 * fp_cache_request_card_freeze()), then the window's refresh action
 * delivers it at once when online. The dialog says where each stands.
 *
 * Everything is read through the store (fp_cache_get_txn_details()); the
 * catalogue entries of the account and card are named by
 * fp_bank_account_label() and fp_bank_card_label().
 */

#define G_LOG_DOMAIN "fp-transaction-details"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-bank-names.h"
#include "fp-cache-annotations.h"
#include "fp-categories.h"
#include "fp-merchant-names.h"
#include "fp-transaction-details.h"
#include "fp-transaction-row.h"
#include "fp-ui-util.h"

struct _FpTransactionDetails
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toasts;
  GtkImage        *category_image;
  GtkLabel        *merchant_label;
  GtkLabel        *amount_label;
  GtkLabel        *state_label;
  AdwComboRow     *category_row;
  GtkStringList   *category_list;
  AdwEntryRow     *note_row;
  AdwPreferencesGroup *alert_group;
  AdwActionRow    *verdict_row;
  GtkButton       *mine_button;
  GtkButton       *not_mine_button;
  AdwActionRow    *when_row;
  AdwActionRow    *status_row;
  AdwActionRow    *account_row;
  AdwActionRow    *card_row;
  GtkButton       *freeze_button;
  AdwActionRow    *place_row;
  AdwActionRow    *mcc_row;
  AdwActionRow    *flags_row;

  /* Owned references */
  FpCache         *cache;
  char            *transaction_id;
  FpTxnDetails    *details;

  gboolean         filling;
  gboolean         card_frozen;     /* what the card is, or was last asked to be */
};

G_DEFINE_FINAL_TYPE (FpTransactionDetails, fp_transaction_details, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
toast (FpTransactionDetails *self,
       const char           *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

/* Tells the window to sync now: the outbox is delivered first. */
static void
send_now (FpTransactionDetails *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.refresh", NULL);
}

static char *
delivery_text (FpDeliveryState  delivery,
               const char      *reason)
{
  switch (delivery)
    {
    case FP_DELIVERY_WAITING:
      if (reason != NULL)
        /* TRANSLATORS: %s says why, such as "This computer is offline." */
        return g_strdup_printf (_("Waiting to be sent to your bank. %s"), reason);
      return g_strdup (_("Waiting to be sent to your bank."));
    case FP_DELIVERY_DELIVERED:
    case FP_DELIVERY_CONFIRMED:
      return g_strdup (_("Your bank has it."));
    case FP_DELIVERY_FAILED:
      return g_strdup (reason != NULL ? reason : _("Your bank refused it."));
    case FP_DELIVERY_NONE:
    default:
      return NULL;
    }
}

static char *
format_when (gint32 day,
             gint32 minute)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *date_text = NULL;

  if (day > 0)
    date = g_date_time_new_utc (day / 10000, (day / 100) % 100, day % 100,
                                CLAMP (minute, 0, 1439) / 60, CLAMP (minute, 0, 1439) % 60, 0);
  if (date == NULL)
    return g_strdup ("");
  /* TRANSLATORS: the day of a transaction, see g_date_time_format() */
  date_text = g_date_time_format (date, _("%A, %-d %B %Y"));
  /* TRANSLATORS: a day and a time of day, such as "Tuesday, 12 March 2019 at 14:32" */
  return g_strdup_printf (_("%s at %02d:%02d"), date_text, CLAMP (minute, 0, 1439) / 60,
                          CLAMP (minute, 0, 1439) % 60);
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  gboolean shown = text != NULL && *text != '\0';

  adw_action_row_set_subtitle (row, shown ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (row), shown);
}

static void
set_struck (GtkLabel *label,
            gboolean  struck)
{
  g_autoptr(PangoAttrList) attrs = NULL;

  if (struck)
    {
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
    }
  gtk_label_set_attributes (label, attrs);
}

static void
fill_status (FpTransactionDetails *self)
{
  const FpCachedTxn *txn = self->details->txn;
  g_autofree char *text = NULL;

  switch (txn->txn_state)
    {
    case FP_TXN_STATE_DECLINED:
      if (txn->errors != NULL && *txn->errors != '\0')
        /* TRANSLATORS: %s is the bank's reason, such as "Insufficient Balance" */
        text = g_strdup_printf (_("Declined (%s). No money moved; it is not in your totals."), txn->errors);
      else
        text = g_strdup (_("Declined. No money moved; it is not in your totals."));
      gtk_label_set_label (self->state_label, _("Declined"));
      break;
    case FP_TXN_STATE_PENDING:
      text = g_strdup (_("Pending: not booked yet."));
      gtk_label_set_label (self->state_label, _("Pending"));
      break;
    case FP_TXN_STATE_BOOKED:
    default:
      text = g_strdup (_("Booked"));
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), txn->txn_state != FP_TXN_STATE_BOOKED);
  if (txn->txn_state == FP_TXN_STATE_DECLINED)
    gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "error");
  set_subtitle (self->status_row, text);
}

static void
fill_card (FpTransactionDetails *self)
{
  const FpTxnDetails *d = self->details;
  const FpCardRequest *request = d->card_request;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  g_autofree char *delivery = NULL;
  gboolean bank_frozen;

  if (d->txn->card_id == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->card_row), FALSE);
      return;
    }

  label = fp_bank_card_label (d->card_json);
  bank_frozen = fp_bank_card_is_frozen (d->card_json);
  self->card_frozen = bank_frozen;

  /* A request the bank has not answered with the card's state yet. */
  if (request != NULL && request->frozen != bank_frozen && request->delivery != FP_DELIVERY_FAILED)
    {
      self->card_frozen = request->frozen;
      delivery = delivery_text (request->delivery, request->reason);
      text = g_strdup_printf ("%s · %s %s", label,
                              request->frozen ? _("Freeze asked.") : _("Unfreeze asked."),
                              delivery != NULL ? delivery : "");
    }
  else if (request != NULL && request->delivery == FP_DELIVERY_FAILED)
    {
      delivery = delivery_text (request->delivery, request->reason);
      text = g_strdup_printf ("%s · %s %s", label, bank_frozen ? _("Frozen.") : "", delivery);
    }
  else if (bank_frozen)
    /* TRANSLATORS: a card, such as "Visa ··1234 · Frozen" */
    text = g_strdup_printf (_("%s · Frozen"), label);
  else
    text = g_steal_pointer (&label);

  set_subtitle (self->card_row, g_strstrip (text));
  gtk_button_set_label (self->freeze_button, self->card_frozen ? _("Un_freeze Card") : _("_Freeze Card"));
}

static void
fill_alert (FpTransactionDetails *self)
{
  const FpTxnDetails *d = self->details;
  g_autofree char *delivery = NULL;
  g_autofree char *text = NULL;
  const char *answer = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->alert_group),
                          d->txn->is_fraud || d->verdict != FP_TXN_VERDICT_NONE);
  if (d->verdict == FP_TXN_VERDICT_MINE)
    answer = _("You said this was you.");
  else if (d->verdict == FP_TXN_VERDICT_NOT_MINE)
    answer = _("You said this was not you.");

  delivery = delivery_text (d->verdict_delivery, d->verdict_reason);
  if (answer != NULL)
    text = g_strdup_printf ("%s %s", answer, delivery != NULL ? delivery : "");
  set_subtitle (self->verdict_row, text != NULL ? g_strstrip (text) : NULL);
}

static void
fill (FpTransactionDetails *self)
{
  const FpTxnDetails *d = self->details;
  const FpCachedTxn *txn = d->txn;
  g_autofree char *amount = fp_activity_format_amount (txn->amount_minor, txn->currency);
  g_autofree char *when = format_when (txn->day, txn->minute);
  g_autofree char *account = fp_bank_account_label (d->account_json, d->card_json);
  g_autofree char *place = NULL;
  g_autofree char *mcc = NULL;
  g_autoptr(GString) flags = g_string_new (NULL);

  self->filling = TRUE;

  gtk_image_set_from_icon_name (self->category_image, fp_activity_category_icon_name (fp_category_get_id (d->category)));
  gtk_label_set_label (self->merchant_label, txn->display_name);
  gtk_label_set_label (self->amount_label, amount);
  set_struck (self->amount_label, txn->txn_state == FP_TXN_STATE_DECLINED);
  if (txn->amount_minor > 0 && txn->txn_state != FP_TXN_STATE_DECLINED)
    gtk_widget_add_css_class (GTK_WIDGET (self->amount_label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->amount_label), "success");
  fill_status (self);

  adw_combo_row_set_selected (self->category_row, (guint) d->category);
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), txn->note != NULL ? txn->note : "");

  set_subtitle (self->when_row, when);
  set_subtitle (self->account_row, account);
  fill_card (self);

  if (fp_merchant_text_is_name (txn->city) && g_strcmp0 (txn->city, "ONLINE") != 0)
    {
      if (fp_merchant_text_is_name (txn->state))
        /* TRANSLATORS: a city and its state or country, such as "Boise, ID" */
        place = g_strdup_printf (_("%s, %s"), txn->city, txn->state);
      else
        place = g_strdup (txn->city);
      if (txn->zip != NULL && *txn->zip != '\0')
        {
          char *with_zip = g_strdup_printf ("%s %s", place, txn->zip);

          g_free (place);
          place = with_zip;
        }
    }
  set_subtitle (self->place_row, place);

  if (txn->mcc > 0)
    /* TRANSLATORS: a merchant category code and its category, such as "5411 · Groceries" */
    mcc = g_strdup_printf (_("%04d · %s"), txn->mcc, fp_category_get_display_name (fp_category_for_mcc ((guint) txn->mcc)));
  set_subtitle (self->mcc_row, mcc);

  if (fp_cached_txn_is_online (txn))
    g_string_append (flags, _("Online, card not present"));
  else if (g_strcmp0 (txn->use_chip, "chip") == 0)
    g_string_append (flags, _("Card chip"));
  else if (g_strcmp0 (txn->use_chip, "swipe") == 0)
    g_string_append (flags, _("Card swiped"));
  if (txn->is_fraud)
    g_string_append_printf (flags, "%s%s", flags->len > 0 ? " · " : "", _("Flagged as possible fraud"));
  set_subtitle (self->flags_row, flags->str);

  fill_alert (self);

  self->filling = FALSE;
}

/* Callbacks */

static void
category_selected_cb (FpTransactionDetails *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->category_row);
  FpCategory natural;
  const char *id = NULL;

  if (self->filling || self->details == NULL || selected >= FP_N_CATEGORIES)
    return;

  /* The merchant code's own category is no choice to keep. */
  natural = fp_category_for_transaction (self->details->txn->category,
                                         self->details->txn->mcc > 0 ? (guint) self->details->txn->mcc : 0);
  if ((FpCategory) selected != natural)
    id = fp_category_get_id ((FpCategory) selected);

  if (!fp_cache_set_txn_category (self->cache, self->transaction_id, id, &error))
    {
      toast (self, error->message);
      fp_transaction_details_reload (self);
      return;
    }
  fp_transaction_details_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static gboolean
save_note (FpTransactionDetails *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = NULL;
  const char *text;

  if (self->details == NULL)
    return TRUE;
  text = gtk_editable_get_text (GTK_EDITABLE (self->note_row));
  stripped = g_strstrip (g_strdup (text));
  if (g_strcmp0 (*stripped != '\0' ? stripped : NULL, self->details->txn->note) == 0)
    return TRUE;

  if (!fp_cache_set_txn_note (self->cache, self->transaction_id, text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->note_row), "error");
      toast (self, error->message);
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->note_row), "error");
  fp_transaction_details_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

static void
note_apply_cb (FpTransactionDetails *self)
{
  if (save_note (self))
    toast (self, _("Note saved"));
}

static void
report (FpTransactionDetails *self,
        FpTxnVerdict          verdict)
{
  g_autoptr(GError) error = NULL;

  if (fp_cache_report_txn (self->cache, self->transaction_id, verdict, &error) < 0)
    {
      toast (self, error->message);
      return;
    }
  send_now (self);
  fp_transaction_details_reload (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
mine_clicked_cb (FpTransactionDetails *self)
{
  report (self, FP_TXN_VERDICT_MINE);
}

static void
not_mine_clicked_cb (FpTransactionDetails *self)
{
  report (self, FP_TXN_VERDICT_NOT_MINE);
}

static void
freeze_clicked_cb (FpTransactionDetails *self)
{
  g_autoptr(GError) error = NULL;

  if (self->details == NULL || self->details->txn->card_id == NULL)
    return;
  if (fp_cache_request_card_freeze (self->cache, self->details->txn->card_id, !self->card_frozen, &error) < 0)
    {
      toast (self, error->message);
      return;
    }
  send_now (self);
  fp_transaction_details_reload (self);
}

static gboolean
fp_transaction_details_close_request (GtkWindow *window)
{
  FpTransactionDetails *self = FP_TRANSACTION_DETAILS (window);

  /* A note typed but not applied is kept too. */
  save_note (self);

  return GTK_WINDOW_CLASS (fp_transaction_details_parent_class)->close_request (window);
}

/* GObject */

static void
fp_transaction_details_dispose (GObject *object)
{
  FpTransactionDetails *self = FP_TRANSACTION_DETAILS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_TRANSACTION_DETAILS);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (fp_transaction_details_parent_class)->dispose (object);
}

static void
fp_transaction_details_finalize (GObject *object)
{
  FpTransactionDetails *self = FP_TRANSACTION_DETAILS (object);

  g_clear_pointer (&self->transaction_id, g_free);
  g_clear_pointer (&self->details, fp_txn_details_free);

  G_OBJECT_CLASS (fp_transaction_details_parent_class)->finalize (object);
}

static void
fp_transaction_details_class_init (FpTransactionDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fp_transaction_details_dispose;
  object_class->finalize = fp_transaction_details_finalize;
  window_class->close_request = fp_transaction_details_close_request;

  /**
   * FpTransactionDetails::changed:
   *
   * The customer changed the transaction's category, note or answer: the
   * list shows it after a reload.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-transaction-details.ui");
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, toasts);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, category_image);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, merchant_label);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, amount_label);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, state_label);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, category_row);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, category_list);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, note_row);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, alert_group);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, mine_button);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, not_mine_button);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, when_row);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, status_row);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, account_row);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, card_row);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, freeze_button);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, place_row);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, mcc_row);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionDetails, flags_row);
  gtk_widget_class_bind_template_callback (widget_class, category_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, note_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, mine_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, not_mine_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, freeze_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fp_transaction_details_init (FpTransactionDetails *self)
{
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  for (guint i = 0; i < FP_N_CATEGORIES; i++)
    gtk_string_list_append (self->category_list, fp_category_get_display_name ((FpCategory) i));
  self->filling = FALSE;
}

/**
 * fp_transaction_details_new:
 * @cache: the cache the transaction is in
 * @transaction_id: the bank's id of the transaction
 * @error: a #GError
 *
 * Returns: (transfer none) (nullable): the details window, not shown yet
 *   (like every window, owned by GTK's list of windows: close it or
 *   gtk_window_destroy() it), or %NULL when the transaction cannot be
 *   read (it went with a sync)
 */
FpTransactionDetails *
fp_transaction_details_new (FpCache     *cache,
                            const char  *transaction_id,
                            GError     **error)
{
  g_autoptr(FpTxnDetails) details = NULL;
  FpTransactionDetails *self;

  g_return_val_if_fail (FP_IS_CACHE (cache), NULL);
  g_return_val_if_fail (transaction_id != NULL, NULL);

  details = fp_cache_get_txn_details (cache, transaction_id, error);
  if (details == NULL)
    return NULL;

  self = g_object_new (FP_TYPE_TRANSACTION_DETAILS, NULL);
  self->cache = g_object_ref (cache);
  self->transaction_id = g_strdup (transaction_id);
  self->details = g_steal_pointer (&details);
  fill (self);
  return self;
}

const char *
fp_transaction_details_get_transaction_id (FpTransactionDetails *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION_DETAILS (self), NULL);

  return self->transaction_id;
}

/**
 * fp_transaction_details_reload:
 * @self: a #FpTransactionDetails
 *
 * Reads the transaction again (after a change here, or a sync).
 */
void
fp_transaction_details_reload (FpTransactionDetails *self)
{
  g_autoptr(GError) error = NULL;
  FpTxnDetails *details;

  g_return_if_fail (FP_IS_TRANSACTION_DETAILS (self));

  details = fp_cache_get_txn_details (self->cache, self->transaction_id, &error);
  if (details == NULL)
    {
      g_debug ("The transaction could not be read again: %s", error->message);
      return;
    }
  g_clear_pointer (&self->details, fp_txn_details_free);
  self->details = details;
  fill (self);
}
