/* fp-pinned-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which certificates the client trusts. By default GIO's (the system's
 * anchors, through glib-networking and GnuTLS). Two additions, both made
 * by giving the SoupSession a GTlsDatabase, never through
 * `accept-certificate` (which the client does not connect, so nothing GIO
 * rejects is ever accepted):
 *
 *  - FP_TEST_CA_FILE=PEM, for tests: the anchors of that file instead of
 *    the system's, so that a sandbox bank with a certificate made at test
 *    time can be reached over https;
 *  - pinning: when the GSettings key `bank-pin-sha256` holds pins and the
 *    address is the configured bank's (`bank-api-url`), a chain that GIO
 *    verified is refused all the same unless one of its certificates has
 *    a SubjectPublicKeyInfo whose SHA-256, in base64, is a pin (the
 *    `pin-sha256` of RFC 7469).
 */

#define G_LOG_DOMAIN "fp-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "fp-endpoint.h"
#include "fp-net-error.h"
#include "fp-pinned-database.h"

#define SETTINGS_SCHEMA "io.github.finpersona.FinPersona"

struct _FpPinnedDatabase {
  GTlsDatabase  parent_instance;

  GTlsDatabase *inner;
  GStrv         pins;
  guint         n_mismatches;   /* atomic */
};

G_DEFINE_FINAL_TYPE (FpPinnedDatabase, fp_pinned_database, G_TYPE_TLS_DATABASE)

/**
 * fp_tls_certificate_spki_sha256:
 * @certificate: a certificate
 *
 * Returns: (transfer full) (nullable): the base64 SHA-256 of the
 *   certificate's DER SubjectPublicKeyInfo, %NULL if it cannot be read
 */
char *
fp_tls_certificate_spki_sha256 (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_pubkey_t key = NULL;
  gnutls_datum_t spki = { NULL, 0 };
  char *pin = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der != NULL && gnutls_x509_crt_init (&crt) == GNUTLS_E_SUCCESS)
    {
      gnutls_datum_t in = { der->data, der->len };

      if (gnutls_x509_crt_import (crt, &in, GNUTLS_X509_FMT_DER) == GNUTLS_E_SUCCESS
          && gnutls_pubkey_init (&key) == GNUTLS_E_SUCCESS
          && gnutls_pubkey_import_x509 (key, crt, 0) == GNUTLS_E_SUCCESS
          && gnutls_pubkey_export2 (key, GNUTLS_X509_FMT_DER, &spki) == GNUTLS_E_SUCCESS)
        {
          guint8 digest[32];
          gsize len = sizeof digest;
          g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

          g_checksum_update (sum, spki.data, spki.size);
          g_checksum_get_digest (sum, digest, &len);
          pin = g_base64_encode (digest, len);
        }
    }
  gnutls_free (spki.data);
  if (key != NULL)
    gnutls_pubkey_deinit (key);
  if (crt != NULL)
    gnutls_x509_crt_deinit (crt);
  return pin;
}

static gboolean
chain_matches (FpPinnedDatabase *self,
               GTlsCertificate  *chain)
{
  for (GTlsCertificate *c = chain; c != NULL; c = g_tls_certificate_get_issuer (c))
    {
      g_autofree char *pin = fp_tls_certificate_spki_sha256 (c);

      if (pin != NULL && g_strv_contains ((const char * const *) self->pins, pin))
        return TRUE;
    }
  return FALSE;
}

static GTlsCertificateFlags
fp_pinned_database_verify_chain (GTlsDatabase             *database,
                                 GTlsCertificate          *chain,
                                 const char               *purpose,
                                 GSocketConnectable       *identity,
                                 GTlsInteraction          *interaction,
                                 GTlsDatabaseVerifyFlags   flags,
                                 GCancellable             *cancellable,
                                 GError                  **error)
{
  FpPinnedDatabase *self = FP_PINNED_DATABASE (database);
  GTlsCertificateFlags result;

  result = g_tls_database_verify_chain (self->inner, chain, purpose, identity, interaction,
                                        flags, cancellable, error);
  /* Only ever more refusals: what GIO rejected stays rejected. */
  if (result == 0 && (error == NULL || *error == NULL) && !chain_matches (self, chain))
    {
      g_atomic_int_inc (&self->n_mismatches);
      g_debug ("the bank's certificate is valid but matches none of the pinned keys");
      result = G_TLS_CERTIFICATE_GENERIC_ERROR;
    }
  return result;
}

static char *
fp_pinned_database_create_certificate_handle (GTlsDatabase    *database,
                                              GTlsCertificate *certificate)
{
  return g_tls_database_create_certificate_handle (FP_PINNED_DATABASE (database)->inner,
                                                   certificate);
}

static GTlsCertificate *
fp_pinned_database_lookup_certificate_for_handle (GTlsDatabase             *database,
                                                  const char               *handle,
                                                  GTlsInteraction          *interaction,
                                                  GTlsDatabaseLookupFlags   flags,
                                                  GCancellable             *cancellable,
                                                  GError                  **error)
{
  return g_tls_database_lookup_certificate_for_handle (FP_PINNED_DATABASE (database)->inner,
                                                       handle, interaction, flags,
                                                       cancellable, error);
}

static GTlsCertificate *
fp_pinned_database_lookup_certificate_issuer (GTlsDatabase             *database,
                                              GTlsCertificate          *certificate,
                                              GTlsInteraction          *interaction,
                                              GTlsDatabaseLookupFlags   flags,
                                              GCancellable             *cancellable,
                                              GError                  **error)
{
  return g_tls_database_lookup_certificate_issuer (FP_PINNED_DATABASE (database)->inner,
                                                   certificate, interaction, flags,
                                                   cancellable, error);
}

static GList *
fp_pinned_database_lookup_certificates_issued_by (GTlsDatabase             *database,
                                                  GByteArray               *issuer_raw_dn,
                                                  GTlsInteraction          *interaction,
                                                  GTlsDatabaseLookupFlags   flags,
                                                  GCancellable             *cancellable,
                                                  GError                  **error)
{
  return g_tls_database_lookup_certificates_issued_by (FP_PINNED_DATABASE (database)->inner,
                                                       issuer_raw_dn, interaction, flags,
                                                       cancellable, error);
}

static void
fp_pinned_database_finalize (GObject *object)
{
  FpPinnedDatabase *self = FP_PINNED_DATABASE (object);

  g_clear_object (&self->inner);
  g_clear_pointer (&self->pins, g_strfreev);
  G_OBJECT_CLASS (fp_pinned_database_parent_class)->finalize (object);
}

static void
fp_pinned_database_class_init (FpPinnedDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->finalize = fp_pinned_database_finalize;
  database_class->verify_chain = fp_pinned_database_verify_chain;
  database_class->create_certificate_handle = fp_pinned_database_create_certificate_handle;
  database_class->lookup_certificate_for_handle = fp_pinned_database_lookup_certificate_for_handle;
  database_class->lookup_certificate_issuer = fp_pinned_database_lookup_certificate_issuer;
  database_class->lookup_certificates_issued_by = fp_pinned_database_lookup_certificates_issued_by;
}

static void
fp_pinned_database_init (FpPinnedDatabase *self)
{
}

/**
 * fp_pinned_database_new:
 * @inner: the database that verifies chains (anchors, dates, host name)
 * @pins: (array zero-terminated=1): base64 SHA-256 of SubjectPublicKeyInfos
 *
 * Returns: (transfer full): a database that accepts what @inner accepts
 *   and has one of @pins in the chain
 */
FpPinnedDatabase *
fp_pinned_database_new (GTlsDatabase       *inner,
                        const char * const *pins)
{
  FpPinnedDatabase *self;

  g_return_val_if_fail (G_IS_TLS_DATABASE (inner), NULL);
  g_return_val_if_fail (pins != NULL, NULL);

  self = g_object_new (FP_TYPE_PINNED_DATABASE, NULL);
  self->inner = g_object_ref (inner);
  self->pins = g_strdupv ((char **) pins);
  return self;
}

/**
 * fp_pinned_database_get_n_mismatches:
 * @self: a database
 *
 * Returns: how many valid chains it refused for their keys
 */
guint
fp_pinned_database_get_n_mismatches (FpPinnedDatabase *self)
{
  g_return_val_if_fail (FP_IS_PINNED_DATABASE (self), 0);
  return (guint) g_atomic_int_get (&self->n_mismatches);
}

static gboolean
same_origin (const char *a,
             const char *b)
{
  g_autoptr(GUri) ua = g_uri_parse (a, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) ub = g_uri_parse (b, G_URI_FLAGS_NONE, NULL);

  return ua != NULL && ub != NULL
         && g_ascii_strcasecmp (g_uri_get_scheme (ua), g_uri_get_scheme (ub)) == 0
         && g_ascii_strcasecmp (g_uri_get_host (ua), g_uri_get_host (ub)) == 0
         && g_uri_get_port (ua) == g_uri_get_port (ub);
}

/* The pins of the configured bank, if @base_url is its address. */
static GStrv
pins_for (const char *base_url)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *bank = NULL;
  g_autofree char *normal = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  if (source == NULL
      || (schema = g_settings_schema_source_lookup (source, SETTINGS_SCHEMA, TRUE)) == NULL
      || !g_settings_schema_has_key (schema, "bank-pin-sha256")
      || !g_settings_schema_has_key (schema, "bank-api-url"))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  bank = g_settings_get_string (settings, "bank-api-url");
  normal = *bank != '\0' ? fp_endpoint_normalize (bank, NULL) : NULL;
  if (normal == NULL || !same_origin (normal, base_url))
    return NULL;
  return g_settings_get_strv (settings, "bank-pin-sha256");
}

/**
 * fp_tls_database_for_bank:
 * @base_url: the address the client talks to
 * @error: a #GError
 *
 * The certificate database for a client of @base_url: %NULL for GIO's
 * default; the anchors of `FP_TEST_CA_FILE` when set (tests); wrapped in
 * a #FpPinnedDatabase when @base_url is the configured bank's and the
 * `bank-pin-sha256` setting holds pins.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL (with
 *   @error set when the test anchors cannot be read, or pins are set and
 *   there is nothing to verify with)
 */
GTlsDatabase *
fp_tls_database_for_bank (const char  *base_url,
                          GError     **error)
{
  g_autoptr(GTlsDatabase) inner = NULL;
  g_auto(GStrv) pins = NULL;
  const char *ca_file = g_getenv ("FP_TEST_CA_FILE");

  g_return_val_if_fail (base_url != NULL, NULL);

  if (ca_file != NULL && *ca_file != '\0')
    {
      inner = g_tls_file_database_new (ca_file, error);
      if (inner == NULL)
        return NULL;
    }

  pins = pins_for (base_url);
  if (pins == NULL || pins[0] == NULL)
    return g_steal_pointer (&inner);

  if (inner == NULL)
    inner = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  if (inner == NULL)
    {
      /* Never fall back to no pinning. */
      g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_UNAVAILABLE,
                           "no TLS backend to verify the pinned bank with");
      return NULL;
    }
  return G_TLS_DATABASE (fp_pinned_database_new (inner, (const char * const *) pins));
}

/**
 * fp_tls_set_refused_error:
 * @error: a #GError
 * @database: (nullable): the database the connection used
 * @mismatches_before: fp_pinned_database_get_n_mismatches() of @database
 *   before the connection, 0 if it is no #FpPinnedDatabase
 *
 * The error for a certificate the TLS layer refused
 * (%G_TLS_ERROR_BAD_CERTIFICATE): %FP_NET_ERROR_PIN_MISMATCH when the
 * pinned database refused a valid chain meanwhile, else
 * %FP_NET_ERROR_UNTRUSTED.
 */
void
fp_tls_set_refused_error (GError       **error,
                          GTlsDatabase  *database,
                          guint          mismatches_before)
{
  if (database != NULL && FP_IS_PINNED_DATABASE (database)
      && fp_pinned_database_get_n_mismatches (FP_PINNED_DATABASE (database)) != mismatches_before)
    g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_PIN_MISMATCH,
                         _("The bank’s certificate is not the one this app was set up to trust. "
                           "Nothing was sent; someone may be intercepting the connection."));
  else
    g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_UNTRUSTED,
                         _("The bank’s certificate is not trusted. Nothing was sent; "
                           "check the bank’s address, or the network you are on."));
}
