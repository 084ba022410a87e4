/* fp-transaction-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the Activity list: the category's icon, the merchant by the
 * name a person recognizes (fp_merchant_display_name(), never a number),
 * the category (the customer's, when they chose one) and account, the
 * amount (tabular figures, credits in the success color) and the time; a
 * warning icon for rows the bank flagged as fraud; declined attempts say
 * so and their amount is struck through (they moved no money), pending
 * ones say so too; and above the first row of each day, the day. A row
 * shows a placeholder until its item is loaded, then updates in place.
 */

#define G_LOG_DOMAIN "fp-transaction-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-categories.h"
#include "fp-merchant-names.h"
#include "fp-money.h"
#include "fp-transaction-row.h"
#include "fp-ui-util.h"

struct _FpTransactionRow
{
  AdwBin         parent_instance;

  /* Template widgets */
  GtkLabel      *day_label;
  GtkImage      *category_image;
  GtkLabel      *merchant_label;
  GtkLabel      *details_label;
  GtkImage      *fraud_image;
  GtkLabel      *amount_label;
  GtkLabel      *date_label;

  /* Owned references */
  FpTransaction *item;
  FpTransaction *previous;
  GHashTable    *account_names;

  gulong         loaded_id;
  gulong         previous_loaded_id;
  gboolean       compact;
};

G_DEFINE_FINAL_TYPE (FpTransactionRow, fp_transaction_row, ADW_TYPE_BIN)

static const struct {
  const char *id;
  const char *icon_name;
} category_icons[] = {
  { "dining", "emoji-food-symbolic" },
  { "groceries", "emoji-nature-symbolic" },
  { "transport", "emoji-travel-symbolic" },
  { "travel", "airplane-mode-symbolic" },
  { "shopping", "emoji-objects-symbolic" },
  { "entertainment", "applications-games-symbolic" },
  { "health", "emoji-body-symbolic" },
  { "utilities", "media-flash-symbolic" },
  { "housing", "user-home-symbolic" },
  { "education", "applications-science-symbolic" },
  { "services", "applications-engineering-symbolic" },
  { "insurance", "security-high-symbolic" },
  { "government", "emoji-flags-symbolic" },
  { "giving", "emblem-favorite-symbolic" },
  { "cash", "emoji-symbols-symbolic" },
  { "fees", "x-office-spreadsheet-symbolic" },
  { "transfers", "mail-send-receive-symbolic" },
  { "income", "starred-symbolic" },
  { "other", "view-more-symbolic" },
};

/**
 * fp_activity_category_icon_name:
 * @category_id: (nullable): a category id (fp_category_get_id())
 *
 * Returns: a symbolic icon of adwaita-icon-theme for the category
 */
const char *
fp_activity_category_icon_name (const char *category_id)
{
  for (guint i = 0; category_id != NULL && i < G_N_ELEMENTS (category_icons); i++)
    if (g_str_equal (category_icons[i].id, category_id))
      return category_icons[i].icon_name;

  return "view-more-symbolic";
}

/**
 * fp_activity_format_amount:
 * @amount_minor: an amount in minor units
 * @currency: (nullable): its currency
 *
 * Formats an amount with an explicit sign: a true minus (U+2212) for
 * money that left, a plus for money that came in.
 *
 * Returns: (transfer full): the text
 */
char *
fp_activity_format_amount (gint64      amount_minor,
                           const char *currency)
{
  g_autofree char *text = NULL;

  if (amount_minor == 0)
    return fp_money_format (0, currency);

  /* G_MININT64 has no positive counterpart; no bank books that much. */
  text = fp_money_format (amount_minor < 0 ? -MAX (amount_minor, -G_MAXINT64) : amount_minor, currency);
  return g_strconcat (amount_minor < 0 ? "−" : "+", text, NULL);
}

/**
 * fp_activity_format_day:
 * @day: a day as yyyymmdd
 *
 * Returns: (transfer full): the day for people, such as "12 Mar 2019"
 */
char *
fp_activity_format_day (gint32 day)
{
  g_autoptr(GDateTime) date = NULL;

  if (day > 0)
    date = g_date_time_new_utc (day / 10000, (day / 100) % 100, day % 100, 0, 0, 0);
  if (date == NULL)
    return g_strdup ("");

  /* TRANSLATORS: the day of a transaction, see g_date_time_format() */
  return g_date_time_format (date, _("%-d %b %Y"));
}

/* A heading above the first row of each day; it needs the row above. */
static void
update_day (FpTransactionRow *self)
{
  const FpCachedTxn *txn = self->item != NULL ? fp_transaction_get_txn (self->item) : NULL;
  const FpCachedTxn *above = self->previous != NULL ? fp_transaction_get_txn (self->previous) : NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;
  gboolean first_of_day;

  first_of_day = txn != NULL &&
                 (self->previous == NULL || (above != NULL && above->day != txn->day));
  if (first_of_day)
    date = g_date_time_new_utc (txn->day / 10000, (txn->day / 100) % 100, txn->day % 100, 0, 0, 0);
  if (date != NULL)
    /* TRANSLATORS: the heading over a day's transactions, see g_date_time_format() */
    text = g_date_time_format (date, _("%A, %-d %B %Y"));

  gtk_label_set_label (self->day_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->day_label), text != NULL);
}

static const char *
account_name (FpTransactionRow *self,
              const char       *account_id)
{
  const char *name = NULL;

  if (self->account_names != NULL && account_id != NULL)
    name = g_hash_table_lookup (self->account_names, account_id);

  return name != NULL ? name : account_id;
}

/* The amount of an attempt that moved no money, struck through. */
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

/* The row's name, also on the list's row around it: GTK 4.8 reads the
 * list item (which has no name of its own), not the widget inside. */
static void
set_accessible_label (FpTransactionRow *self,
                      const char       *text)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (parent != NULL && !GTK_IS_LIST_BOX_ROW (parent))
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
update (FpTransactionRow *self)
{
  const FpCachedTxn *txn = self->item != NULL ? fp_transaction_get_txn (self->item) : NULL;
  g_autofree char *amount = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;
  g_autofree char *details = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *computed_name = NULL;
  g_autofree char *described = NULL;
  const char *category = _("Uncategorised");
  const char *merchant;
  const char *account;
  const char *state = NULL;
  gboolean has_category = FALSE;
  FpCategory id = FP_CATEGORY_OTHER;

  update_day (self);

  if (txn == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "fp-placeholder");
      gtk_image_set_from_icon_name (self->category_image, "content-loading-symbolic");
      gtk_label_set_label (self->merchant_label, "");
      gtk_label_set_label (self->details_label, "");
      gtk_label_set_label (self->amount_label, "");
      gtk_label_set_label (self->date_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->fraud_image), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->amount_label), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (self->amount_label), "dim-label");
      set_struck (self->amount_label, FALSE);
      set_accessible_label (self, _("Loading"));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self), "fp-placeholder");

  /* The customer's category, else card payments by their merchant's
   * code and the bank's items by kind. */
  id = fp_cached_txn_get_category (txn);
  has_category = id != FP_CATEGORY_OTHER;
  if (has_category)
    category = fp_category_get_display_name (id);

  /* The store names rows as it reads them; a row made elsewhere is named
   * by the same rule. */
  merchant = txn->display_name;
  if (merchant == NULL)
    merchant = computed_name = fp_merchant_display_name (txn->merchant_name, txn->merchant, txn->category,
                                                         (guint) CLAMP (txn->mcc, 0, 9999), txn->city,
                                                         fp_cached_txn_is_online (txn));
  account = account_name (self, txn->account_id);
  if (txn->txn_state == FP_TXN_STATE_DECLINED)
    state = _("Declined");
  else if (txn->txn_state == FP_TXN_STATE_PENDING)
    state = _("Pending");
  if (state != NULL)
    /* TRANSLATORS: a transaction's state and its category, such as
     * "Declined · Groceries" */
    described = g_strdup_printf (_("%s · %s"), state, category);
  amount = fp_activity_format_amount (txn->amount_minor, txn->currency);
  day = fp_activity_format_day (txn->day);
  /* The day is the heading above; the row says when in the day. */
  time = g_strdup_printf ("%02d:%02d", CLAMP (txn->minute, 0, 1439) / 60, CLAMP (txn->minute, 0, 1439) % 60);

  if (self->compact || account == NULL)
    details = g_strdup (described != NULL ? described : category);
  else
    /* TRANSLATORS: category and account of a transaction */
    details = g_strdup_printf (_("%s · %s"), described != NULL ? described : category, account);

  gtk_image_set_from_icon_name (self->category_image,
                                fp_activity_category_icon_name (has_category ? fp_category_get_id (id) : NULL));
  gtk_label_set_label (self->merchant_label, merchant);
  gtk_label_set_label (self->details_label, details);
  gtk_label_set_label (self->amount_label, amount);
  gtk_label_set_label (self->date_label, time);
  gtk_widget_set_visible (GTK_WIDGET (self->fraud_image), txn->is_fraud);
  if (txn->amount_minor > 0 && txn->txn_state != FP_TXN_STATE_DECLINED)
    gtk_widget_add_css_class (GTK_WIDGET (self->amount_label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->amount_label), "success");
  set_struck (self->amount_label, txn->txn_state == FP_TXN_STATE_DECLINED);
  if (txn->txn_state == FP_TXN_STATE_DECLINED)
    gtk_widget_add_css_class (GTK_WIDGET (self->amount_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->amount_label), "dim-label");

  if (txn->txn_state == FP_TXN_STATE_DECLINED)
    /* TRANSLATORS: what a screen reader says for a declined attempt:
     * merchant, category, account, amount, day */
    accessible = g_strdup_printf (_("%s, %s, %s, %s, %s, declined: no money moved"),
                                  merchant, category, account != NULL ? account : "", amount, day);
  else if (txn->is_fraud)
    /* TRANSLATORS: what a screen reader says for a row: merchant, category,
     * account, amount, day */
    accessible = g_strdup_printf (_("%s, %s, %s, %s, %s, flagged as possible fraud"),
                                  merchant, category, account != NULL ? account : "", amount, day);
  else
    accessible = g_strdup_printf (_("%s, %s, %s, %s, %s"),
                                  merchant, category, account != NULL ? account : "", amount, day);
  set_accessible_label (self, accessible);
}

static void
loaded_cb (FpTransaction    *item,
           GParamSpec       *pspec,
           FpTransactionRow *self)
{
  update (self);
}

static void
previous_loaded_cb (FpTransaction    *item,
                    GParamSpec       *pspec,
                    FpTransactionRow *self)
{
  update_day (self);
}

static void
fp_transaction_row_dispose (GObject *object)
{
  FpTransactionRow *self = FP_TRANSACTION_ROW (object);

  fp_transaction_row_set_item (self, NULL, NULL, NULL);
  /* AdwBin keeps its own pointer to the child: release it first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_TRANSACTION_ROW);

  G_OBJECT_CLASS (fp_transaction_row_parent_class)->dispose (object);
}

static void
fp_transaction_row_class_init (FpTransactionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_transaction_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/finpersona/FinPersona/ui/fp-transaction-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FpTransactionRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionRow, category_image);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionRow, merchant_label);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionRow, fraud_image);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionRow, amount_label);
  gtk_widget_class_bind_template_child (widget_class, FpTransactionRow, date_label);
  gtk_widget_class_set_css_name (widget_class, "fptransactionrow");
}

static void
fp_transaction_row_init (FpTransactionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  fp_ui_fix_accessible_names (GTK_WIDGET (self));
  update (self);
}

/**
 * fp_transaction_row_new:
 *
 * Returns: (transfer floating): a new row without an item
 */
GtkWidget *
fp_transaction_row_new (void)
{
  return g_object_new (FP_TYPE_TRANSACTION_ROW, NULL);
}

/**
 * fp_transaction_row_get_item:
 * @self: a #FpTransactionRow
 *
 * Returns: (nullable) (transfer none): the item shown
 */
FpTransaction *
fp_transaction_row_get_item (FpTransactionRow *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION_ROW (self), NULL);

  return self->item;
}

/**
 * fp_transaction_row_set_item:
 * @self: a #FpTransactionRow
 * @item: (nullable): the item to show
 * @previous: (nullable): the item above it, %NULL for the first one
 * @account_names: (nullable): account id → name to show
 *
 * Shows @item, and follows it when it is a placeholder still loading. The
 * row is headed by its day when @previous is of another day.
 */
void
fp_transaction_row_set_item (FpTransactionRow *self,
                             FpTransaction    *item,
                             FpTransaction    *previous,
                             GHashTable       *account_names)
{
  g_return_if_fail (FP_IS_TRANSACTION_ROW (self));
  g_return_if_fail (item == NULL || FP_IS_TRANSACTION (item));
  g_return_if_fail (previous == NULL || FP_IS_TRANSACTION (previous));

  if (self->item != NULL)
    g_clear_signal_handler (&self->loaded_id, self->item);
  if (self->previous != NULL)
    g_clear_signal_handler (&self->previous_loaded_id, self->previous);
  g_clear_object (&self->item);
  g_clear_object (&self->previous);
  g_clear_pointer (&self->account_names, g_hash_table_unref);

  if (item != NULL)
    {
      self->item = g_object_ref (item);
      if (!fp_transaction_get_loaded (item))
        self->loaded_id = g_signal_connect (item, "notify::loaded", G_CALLBACK (loaded_cb), self);
    }
  if (previous != NULL)
    {
      self->previous = g_object_ref (previous);
      if (!fp_transaction_get_loaded (previous))
        self->previous_loaded_id = g_signal_connect (previous, "notify::loaded",
                                                     G_CALLBACK (previous_loaded_cb), self);
    }
  if (account_names != NULL)
    self->account_names = g_hash_table_ref (account_names);

  if (self->merchant_label != NULL)
    update (self);
}

/**
 * fp_transaction_row_set_compact:
 * @self: a #FpTransactionRow
 * @compact: whether to leave the account out, for narrow windows
 */
void
fp_transaction_row_set_compact (FpTransactionRow *self,
                                gboolean          compact)
{
  g_return_if_fail (FP_IS_TRANSACTION_ROW (self));

  compact = !!compact;
  if (self->compact == compact)
    return;

  self->compact = compact;
  update (self);
}

/**
 * fp_transaction_row_get_amount_text:
 * @self: a #FpTransactionRow
 *
 * Returns: the amount as shown
 */
const char *
fp_transaction_row_get_amount_text (FpTransactionRow *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION_ROW (self), NULL);

  return gtk_label_get_label (self->amount_label);
}
