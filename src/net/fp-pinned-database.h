/* fp-pinned-database.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FP_TYPE_PINNED_DATABASE (fp_pinned_database_get_type ())

G_DECLARE_FINAL_TYPE (FpPinnedDatabase, fp_pinned_database, FP, PINNED_DATABASE, GTlsDatabase)

FpPinnedDatabase *fp_pinned_database_new              (GTlsDatabase        *inner,
                                                       const char * const  *pins);
guint             fp_pinned_database_get_n_mismatches (FpPinnedDatabase    *self);

char             *fp_tls_certificate_spki_sha256      (GTlsCertificate     *certificate);

GTlsDatabase     *fp_tls_database_for_bank            (const char          *base_url,
                                                       GError             **error);
void              fp_tls_set_refused_error            (GError             **error,
                                                       GTlsDatabase        *database,
                                                       guint                mismatches_before);

G_END_DECLS
