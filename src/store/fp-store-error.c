/* fp-store-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-store-error.h"

G_DEFINE_QUARK (fp-store-error-quark, fp_store_error)

/**
 * fp_store_error_get_hint:
 * @error: an error of any domain
 *
 * The way forward the customer is offered for a store error, as a
 * translated sentence; %NULL for other domains and for errors that need no
 * action from the customer.
 *
 * Returns: (nullable): a static translated string
 */
const char *
fp_store_error_get_hint (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != FP_STORE_ERROR)
    return NULL;

  switch ((FpStoreError) error->code)
    {
    case FP_STORE_ERROR_NO_SECRET_SERVICE:
      return _("Install or start a keyring service such as GNOME Keyring, then try again. Your bank data stays at the bank until then.");
    case FP_STORE_ERROR_KEYRING_LOCKED:
      return _("Unlock your keyring, then try again.");
    case FP_STORE_ERROR_KEY_MISSING:
    case FP_STORE_ERROR_WRONG_KEY:
      return _("Erase the local copy and download your data from the bank again. Nothing is lost: the bank holds all of it.");
    case FP_STORE_ERROR_CORRUPT:
      return _("Erase the local copy (Start Over from the Bank in the app, or “finpersona --headless erase”) and sync again. Nothing is lost: the bank holds all of it.");
    case FP_STORE_ERROR_NOT_ENCRYPTED:
      return _("This build of FinPersona cannot encrypt its data. Please install an official build.");
    case FP_STORE_ERROR_MIGRATION_FAILED:
      return _("Update FinPersona, or erase the local copy and download your data again.");
    case FP_STORE_ERROR_BUSY:
      return _("Close other FinPersona windows, then try again.");
    case FP_STORE_ERROR_IO:
      return _("Check that your disk has free space, then try again.");
    case FP_STORE_ERROR_INVALID:
    case FP_STORE_ERROR_FAILED:
    default:
      return NULL;
    }
}
