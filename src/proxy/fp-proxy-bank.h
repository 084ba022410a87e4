/* fp-proxy-bank.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fp-proxy-config.h"

G_BEGIN_DECLS

/**
 * FpProxyPrincipal:
 * @subject: the bank's subject for the customer (`cus_0`); never logged
 * @expires: when the access token expires, seconds since the epoch
 * @names: (array zero-terminated=1): the customer's names, for the PII scan
 * @addresses: (array zero-terminated=1): the customer's addresses (both
 *   empty without @genai_consent: the profile is only read with it)
 * @genai_consent: the bank records an authorised GenAI consent
 *
 * Who asks, as the bank says.
 */
typedef struct {
  char     *subject;
  gint64    expires;
  GStrv     names;
  GStrv     addresses;
  gboolean  genai_consent;
} FpProxyPrincipal;

void              fp_proxy_principal_free (FpProxyPrincipal *principal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpProxyPrincipal, fp_proxy_principal_free)

#define FP_TYPE_PROXY_BANK (fp_proxy_bank_get_type ())

G_DECLARE_FINAL_TYPE (FpProxyBank, fp_proxy_bank, FP, PROXY_BANK, GObject)

FpProxyBank      *fp_proxy_bank_new          (const FpProxyConfig *config,
                                              GError             **error);
void              fp_proxy_bank_check_async  (FpProxyBank         *self,
                                              const char          *access_token,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
FpProxyPrincipal *fp_proxy_bank_check_finish (FpProxyBank         *self,
                                              GAsyncResult        *result,
                                              GError             **error);
guint64           fp_proxy_bank_get_n_calls  (FpProxyBank         *self);

G_END_DECLS
