/* fp-transaction.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One item of the Activity list. It starts as a placeholder for its
 * position while its page is read from the cache, and is filled in once
 * (FpTransaction:loaded turns TRUE), so that the list's rows update in
 * place instead of being rebuilt.
 */

#define G_LOG_DOMAIN "fp-transaction"

#include "config.h"

#include "fp-transaction.h"

struct _FpTransaction
{
  GObject  parent_instance;

  FpCachedTxn   *txn;
  guint    position;
  gboolean loaded;
};

G_DEFINE_FINAL_TYPE (FpTransaction, fp_transaction, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
fp_transaction_finalize (GObject *object)
{
  FpTransaction *self = FP_TRANSACTION (object);

  g_clear_pointer (&self->txn, fp_cached_txn_free);

  G_OBJECT_CLASS (fp_transaction_parent_class)->finalize (object);
}

static void
fp_transaction_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FpTransaction *self = FP_TRANSACTION (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_transaction_class_init (FpTransactionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fp_transaction_finalize;
  object_class->get_property = fp_transaction_get_property;

  /**
   * FpTransaction:position:
   *
   * The position in the list it was created for.
   */
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * FpTransaction:loaded:
   *
   * Whether its row has been read from the cache. A loaded item without a
   * transaction stands for a row that disappeared in between (the list
   * reloads then).
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fp_transaction_init (FpTransaction *self)
{
}

/**
 * fp_transaction_new_placeholder:
 * @position: its position in the list
 *
 * Returns: (transfer full): an item that is not loaded yet
 */
FpTransaction *
fp_transaction_new_placeholder (guint position)
{
  FpTransaction *self = g_object_new (FP_TYPE_TRANSACTION, NULL);

  self->position = position;
  return self;
}

/**
 * fp_transaction_get_position:
 * @self: a #FpTransaction
 *
 * Returns: the position it was created for
 */
guint
fp_transaction_get_position (FpTransaction *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION (self), 0);

  return self->position;
}

/**
 * fp_transaction_get_loaded:
 * @self: a #FpTransaction
 *
 * Returns: whether it has been read from the cache
 */
gboolean
fp_transaction_get_loaded (FpTransaction *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION (self), FALSE);

  return self->loaded;
}

/**
 * fp_transaction_get_txn:
 * @self: a #FpTransaction
 *
 * Returns: (nullable) (transfer none): the transaction, %NULL until loaded
 */
const FpCachedTxn *
fp_transaction_get_txn (FpTransaction *self)
{
  g_return_val_if_fail (FP_IS_TRANSACTION (self), NULL);

  return self->txn;
}

/**
 * fp_transaction_fill:
 * @self: a #FpTransaction that is not loaded yet
 * @txn: (transfer full) (nullable): its row, %NULL if there is none
 *
 * Fills the placeholder in and notifies FpTransaction:loaded.
 */
void
fp_transaction_fill (FpTransaction *self,
                     FpCachedTxn         *txn)
{
  g_return_if_fail (FP_IS_TRANSACTION (self));
  g_return_if_fail (!self->loaded);

  self->txn = txn;
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}
