/* test-tls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client over https (issue 15), against sandbox banks serving
 * certificates made here with openssl: one issued by a test CA that the
 * client is told to trust (FP_TEST_CA_FILE), one self-signed. The client
 * syncs with the first; refuses the second as "not trusted"; with the
 * bank's key pinned (GSettings `bank-pin-sha256`, the pin computed by
 * openssl, not by the code under test) it syncs with the right pin and
 * refuses a wrong one, and a pin never makes an untrusted certificate
 * acceptable.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fp-http-client.h"
#include "fp-net-error.h"
#include "fp-pinned-database.h"
#include "fp-sync-engine.h"
#include "net-test-sandbox.h"

static char *tmp;

static gboolean
shell (const char  *script,
       char       **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "/bin/sh", "-ec", script, NULL };
  int status = 0;

  if (!g_spawn_sync (tmp, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, &err,
                     &status, &error))
    g_error ("%s: %s", script, error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_test_message ("%s\n%s", script, err);
      return FALSE;
    }
  return TRUE;
}

/* The pin of a certificate, as openssl computes it: base64 of the SHA-256
 * of the DER SubjectPublicKeyInfo. */
static char *
openssl_pin (const char *pem)
{
  g_autofree char *script = g_strdup_printf ("openssl x509 -in %s -pubkey -noout"
                                             " | openssl pkey -pubin -outform der"
                                             " | openssl dgst -sha256 -binary | base64", pem);
  char *out = NULL;

  g_assert_true (shell (script, &out));
  return g_strstrip (out);
}

static gboolean
make_certificates (void)
{
  return shell ("printf 'subjectAltName=IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n"
                "basicConstraints=critical,CA:FALSE\\n' > server.ext\n"
                "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
                " -keyout ca.key -out ca.pem -days 2 -subj '/CN=FinPersona test CA'"
                " -addext basicConstraints=critical,CA:TRUE"
                " -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null\n"
                "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
                " -keyout bank.key -out bank.csr -subj '/CN=127.0.0.1' 2>/dev/null\n"
                "openssl x509 -req -in bank.csr -CA ca.pem -CAkey ca.key -CAcreateserial"
                " -days 2 -extfile server.ext -out bank.pem 2>/dev/null\n"
                "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
                " -keyout rogue.key -out rogue.pem -days 2 -subj '/CN=127.0.0.1'"
                " -addext subjectAltName=IP:127.0.0.1 2>/dev/null\n", NULL);
}

static void
set_pins (const char *bank_url,
          const char *pin)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.finpersona.FinPersona");
  const char *pins[] = { pin, NULL };

  g_settings_set_string (settings, "bank-api-url", bank_url != NULL ? bank_url : "");
  g_settings_set_strv (settings, "bank-pin-sha256", pin != NULL ? pins : NULL);
}

/* One full sync (sign-in included) into a new cache. */
static gboolean
sync_with (const char  *url,
           GError     **error)
{
  g_autofree char *dir = g_build_filename (tmp, "cache-XXXXXX", NULL);
  g_autoptr(FpCacheKey) key = fp_cache_key_new_random (NULL);
  g_autoptr(FpCache) cache = NULL;
  g_autoptr(FpSyncEngine) engine = NULL;
  gboolean ok;

  g_assert_nonnull (g_mkdtemp (dir));
  cache = fp_cache_open (dir, key, NULL);
  g_assert_nonnull (cache);
  engine = fp_sync_engine_new (cache, url);
  fp_sync_engine_set_demo (engine, TRUE);
  fp_sync_engine_set_retry (engine, 1, 1, 1);
  ok = fp_sync_engine_run (engine, NULL, error);
  if (ok)
    {
      guint64 count = 0;

      g_assert_true (fp_cache_count_transactions (cache, NULL, &count, NULL));
      g_assert_cmpuint (count, >, 100);
    }
  fp_cache_destroy (dir, NULL);
  g_rmdir (dir);
  return ok;
}

static void
test_tls (void)
{
  g_autofree char *ca = g_build_filename (tmp, "ca.pem", NULL);
  g_autofree char *bank_pem = g_build_filename (tmp, "bank.pem", NULL);
  g_autofree char *bank_key = g_build_filename (tmp, "bank.key", NULL);
  g_autofree char *rogue_pem = g_build_filename (tmp, "rogue.pem", NULL);
  g_autofree char *rogue_key = g_build_filename (tmp, "rogue.key", NULL);
  g_autofree char *bank_pin = NULL;
  g_autofree char *rogue_pin = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  TestSandbox *bank, *rogue;
  GError *error = NULL;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed (build-aux/debian-packages.txt)");
      return;
    }
  g_assert_true (make_certificates ());
  bank_pin = openssl_pin (bank_pem);
  rogue_pin = openssl_pin (rogue_pem);
  g_assert_cmpstr (bank_pin, !=, rogue_pin);

  /* What the client computes is what openssl computes. */
  {
    g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_file (bank_pem, &error);
    g_autofree char *pin = NULL;

    g_assert_no_error (error);
    pin = fp_tls_certificate_spki_sha256 (cert);
    g_assert_cmpstr (pin, ==, bank_pin);
  }

  g_setenv ("FP_TEST_CA_FILE", ca, TRUE);
  bank = test_sandbox_start_full (1, NULL, bank_pem, bank_key);
  rogue = test_sandbox_start_full (1, NULL, rogue_pem, rogue_key);
  g_assert_true (g_str_has_prefix (bank->url, "https://127.0.0.1:"));

  /* Trusted (the test CA): a whole sync over https. */
  set_pins (NULL, NULL);
  g_assert_true (sync_with (bank->url, &error));
  g_assert_no_error (error);

  /* Self-signed: refused, and said so; not "could not be reached". */
  g_assert_false (sync_with (rogue->url, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (error->message, "certificate is not trusted"));
  g_clear_error (&error);

  /* Pinned to the bank's own key: syncs. */
  set_pins (bank->url, bank_pin);
  g_assert_true (sync_with (bank->url, &error));
  g_assert_no_error (error);

  /* Pinned to another key: a valid certificate, refused all the same. */
  set_pins (bank->url, rogue_pin);
  g_assert_false (sync_with (bank->url, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_PIN_MISMATCH);
  g_clear_error (&error);

  /* A pin never makes an untrusted certificate acceptable. */
  set_pins (rogue->url, rogue_pin);
  g_assert_false (sync_with (rogue->url, &error));
  g_assert_error (error, FP_NET_ERROR, FP_NET_ERROR_UNTRUSTED);
  g_clear_error (&error);

  /* Pins belong to the configured bank's address only. */
  set_pins (rogue->url, rogue_pin);
  g_assert_true (sync_with (bank->url, &error));
  g_assert_no_error (error);

  set_pins (NULL, NULL);
  g_unsetenv ("FP_TEST_CA_FILE");
  test_sandbox_stop (rogue);
  test_sandbox_stop (bank);
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        rm_rf (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp = g_dir_make_tmp ("fp-tls-XXXXXX", NULL);

  g_test_add_func ("/net/tls/trust-and-pinning", test_tls);

  status = g_test_run ();
  rm_rf (tmp);
  g_free (tmp);
  return status;
}
