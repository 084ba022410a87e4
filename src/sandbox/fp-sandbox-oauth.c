/* fp-sandbox-oauth.c
 *
 * The authorization server's state: authorization codes bound to a PKCE
 * challenge, opaque access and refresh tokens (refresh tokens rotate on every
 * use; presenting a used one revokes the whole family, RFC 6819 5.2.2.3 and
 * the OAuth 2.0 Security BCP), and RFC 8628 device grants.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-oauth"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "fp-sandbox-oauth.h"
#include "fp-sandbox-store.h"

/* A shared key for the documented one-time codes: this is a test bank. */
#define OTP_KEY "finpersona-sandbox-otp"

/* RFC 8628 6.1: a user code of consonants only, easy to type. */
#define USER_CODE_ALPHABET "BCDFGHJKLMNPQRSTVWXZ"

typedef struct {
  guint   customer;
  char   *redirect_uri;
  char   *challenge;
  char   *scope;
  gint64  expires;
  gboolean used;
  guint   family;          /* the family issued by this code, 0 if none yet */
} AuthCode;

typedef struct {
  guint   customer;
  char   *scope;
  gint64  expires;
  guint   family;
} AccessToken;

typedef struct {
  guint   customer;
  char   *scope;
  gint64  expires;
  guint   family;
  gboolean used;
} RefreshToken;

typedef enum {
  DEVICE_PENDING,
  DEVICE_APPROVED,
  DEVICE_DENIED,
  DEVICE_CONSUMED,
} DeviceState;

typedef struct {
  char        *user_code;
  char        *scope;
  gint64       expires;
  gint64       interval;
  gint64       last_poll;
  DeviceState  state;
  guint        customer;
} DeviceCode;

/* Access and refresh tokens are kept by their SHA-256, in memory and on
 * disk: the tokens themselves are only ever in the client's hands. */
struct _FpSandboxOAuth {
  FpBankData          *data;          /* borrowed */
  FpSandboxStore      *store;         /* borrowed, NULL: memory only */
  FpSandboxOAuthTimes  times;
  GHashTable          *codes;          /* code → AuthCode */
  GHashTable          *access;         /* SHA-256 of the token → AccessToken */
  GHashTable          *refresh;        /* SHA-256 of the token → RefreshToken */
  GHashTable          *revoked_families; /* family → TRUE */
  GHashTable          *devices;        /* device_code → DeviceCode */
  GHashTable          *user_codes;     /* user_code → device_code (borrowed) */
  guint                next_family;
  guint                forced_slow_downs; /* test hook: pending polls to answer slow_down */
  guint64              n_slow_downs;
};

static void
auth_code_free (gpointer data)
{
  AuthCode *c = data;

  g_free (c->redirect_uri);
  g_free (c->challenge);
  g_free (c->scope);
  g_free (c);
}

static void
access_token_free (gpointer data)
{
  AccessToken *t = data;

  g_free (t->scope);
  g_free (t);
}

static void
refresh_token_free (gpointer data)
{
  RefreshToken *t = data;

  g_free (t->scope);
  g_free (t);
}

static void
device_code_free (gpointer data)
{
  DeviceCode *d = data;

  g_free (d->user_code);
  g_free (d->scope);
  g_free (d);
}

/* Public helpers */

static char *
base64url_encode (const guchar *data,
                  gsize         len)
{
  char *text = g_base64_encode (data, len);
  char *w = text;

  for (const char *r = text; *r; r++)
    {
      if (*r == '+')
        *w++ = '-';
      else if (*r == '/')
        *w++ = '_';
      else if (*r != '=')
        *w++ = *r;
    }
  *w = '\0';
  return text;
}

static gboolean
is_unreserved (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.' || c == '_' || c == '~';
}

/**
 * fp_sandbox_pkce_s256:
 * @verifier: a PKCE code verifier
 *
 * Returns: BASE64URL(SHA256(ASCII(verifier))), RFC 7636 4.2.
 */
char *
fp_sandbox_pkce_s256 (const char *verifier)
{
  g_autoptr(GChecksum) sum = NULL;
  guint8 digest[32];
  gsize len = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sum, digest, &len);
  return base64url_encode (digest, len);
}

/**
 * fp_sandbox_pkce_verifier_is_valid:
 *
 * Returns: whether @verifier has 43 to 128 unreserved characters (RFC 7636 4.1).
 */
gboolean
fp_sandbox_pkce_verifier_is_valid (const char *verifier)
{
  gsize len;

  if (verifier == NULL)
    return FALSE;
  len = strlen (verifier);
  if (len < 43 || len > 128)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!is_unreserved (verifier[i]))
      return FALSE;
  return TRUE;
}

/**
 * fp_sandbox_pkce_challenge_is_valid:
 *
 * Returns: whether @challenge looks like an S256 challenge: 43 base64url
 *   characters without padding.
 */
gboolean
fp_sandbox_pkce_challenge_is_valid (const char *challenge)
{
  if (challenge == NULL || strlen (challenge) != 43)
    return FALSE;
  for (const char *p = challenge; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/**
 * fp_sandbox_redirect_uri_is_loopback:
 *
 * RFC 8252 7.3: a native app's redirect URI is `http` on a loopback IP
 * literal (`127.0.0.1` or `[::1]`) with any port. `localhost` is refused
 * (RFC 8252 8.3: it may resolve elsewhere), as are user info, fragments
 * and every other scheme.
 */
gboolean
fp_sandbox_redirect_uri_is_loopback (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;

  if (uri == NULL || strlen (uri) > 2048)
    return FALSE;
  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return FALSE;
  if (g_strcmp0 (g_uri_get_scheme (parsed), "http") != 0)
    return FALSE;
  if (g_uri_get_userinfo (parsed) != NULL || g_uri_get_fragment (parsed) != NULL)
    return FALSE;
  host = g_uri_get_host (parsed);
  if (host == NULL)
    return FALSE;
  return strcmp (host, "127.0.0.1") == 0 || strcmp (host, "::1") == 0;
}

/**
 * fp_sandbox_one_time_code:
 * @username: the user name as typed
 *
 * The sandbox's documented second factor: the first four bytes of
 * HMAC-SHA256(key "finpersona-sandbox-otp", user name), read big-endian,
 * masked to 31 bits, modulo 10^6, written as six digits (the dynamic
 * truncation of RFC 4226 without the offset, and with a fixed counter).
 */
char *
fp_sandbox_one_time_code (const char *username)
{
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize len = sizeof digest;
  guint32 value;

  g_return_val_if_fail (username != NULL, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) OTP_KEY, strlen (OTP_KEY));
  g_hmac_update (hmac, (const guchar *) username, strlen (username));
  g_hmac_get_digest (hmac, digest, &len);
  value = ((guint32) (digest[0] & 0x7f) << 24) | ((guint32) digest[1] << 16)
          | ((guint32) digest[2] << 8) | digest[3];
  return g_strdup_printf ("%06u", value % 1000000u);
}

/* The kernel's CSPRNG; tokens must not be predictable from earlier ones,
 * which GLib's Mersenne Twister does not promise. */
static void
system_random (guchar *bytes,
               gsize   n_bytes)
{
  gsize done = 0;

  while (done < n_bytes)
    {
      gssize got = getrandom (bytes + done, n_bytes - done, 0);

      if (got < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom() failed: %s", g_strerror (errno));
        }
      done += (gsize) got;
    }
}

/**
 * fp_sandbox_random_token:
 * @n_bytes: entropy in bytes
 *
 * Returns: @n_bytes from the system's random source (getrandom), base64url
 *   without padding.
 */
char *
fp_sandbox_random_token (gsize n_bytes)
{
  g_autofree guchar *bytes = g_malloc (n_bytes);
  char *token;

  system_random (bytes, n_bytes);
  token = base64url_encode (bytes, n_bytes);
  memset (bytes, 0, n_bytes);
  return token;
}

/* The state machine */

FpSandboxOAuth *
fp_sandbox_oauth_new (FpBankData                *data,
                      const FpSandboxOAuthTimes *times)
{
  FpSandboxOAuth *oauth;

  g_return_val_if_fail (times != NULL, NULL);

  oauth = g_new0 (FpSandboxOAuth, 1);
  oauth->data = data;
  oauth->times = *times;
  oauth->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, auth_code_free);
  oauth->access = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, access_token_free);
  oauth->refresh = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, refresh_token_free);
  oauth->revoked_families = g_hash_table_new (NULL, NULL);
  oauth->devices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, device_code_free);
  oauth->user_codes = g_hash_table_new (g_str_hash, g_str_equal);
  oauth->next_family = 1;
  return oauth;
}

void
fp_sandbox_oauth_free (FpSandboxOAuth *oauth)
{
  if (oauth == NULL)
    return;
  g_hash_table_unref (oauth->codes);
  g_hash_table_unref (oauth->access);
  g_hash_table_unref (oauth->refresh);
  g_hash_table_unref (oauth->revoked_families);
  g_hash_table_unref (oauth->user_codes);
  g_hash_table_unref (oauth->devices);
  g_free (oauth);
}

/**
 * fp_sandbox_oauth_set_store:
 * @store: (transfer none) (nullable): the sandbox's state; it must
 *   outlive @oauth
 *
 * From now on tokens, rotations and revocations are saved in @store.
 * Authorization codes and device grants live minutes and stay in memory.
 */
void
fp_sandbox_oauth_set_store (FpSandboxOAuth *oauth,
                            FpSandboxStore *store)
{
  gint64 next;

  g_return_if_fail (oauth != NULL);

  oauth->store = store;
  if (store != NULL && fp_sandbox_store_get_int (store, "next_family", &next))
    oauth->next_family = MAX (oauth->next_family, (guint) CLAMP (next, 1, G_MAXUINT));
}

/* A token saved earlier, by its hash; @kind is "access" or "refresh". */
void
fp_sandbox_oauth_load_token (FpSandboxOAuth *oauth,
                             const char     *hash,
                             const char     *kind,
                             guint           customer,
                             const char     *scope,
                             gint64          expires,
                             guint           family,
                             gboolean        used)
{
  g_return_if_fail (oauth != NULL);

  if (g_strcmp0 (kind, "access") == 0)
    {
      AccessToken *a = g_new0 (AccessToken, 1);

      a->customer = customer;
      a->scope = g_strdup (scope);
      a->expires = expires;
      a->family = family;
      g_hash_table_replace (oauth->access, g_strdup (hash), a);
    }
  else
    {
      RefreshToken *r = g_new0 (RefreshToken, 1);

      r->customer = customer;
      r->scope = g_strdup (scope);
      r->expires = expires;
      r->family = family;
      r->used = used;
      g_hash_table_replace (oauth->refresh, g_strdup (hash), r);
    }
  oauth->next_family = MAX (oauth->next_family, family + 1);
}

void
fp_sandbox_oauth_load_revoked_family (FpSandboxOAuth *oauth,
                                      guint           family)
{
  g_return_if_fail (oauth != NULL);

  g_hash_table_add (oauth->revoked_families, GUINT_TO_POINTER (family));
}

void
fp_sandbox_tokens_clear (FpSandboxTokens *tokens)
{
  g_clear_pointer (&tokens->access_token, g_free);
  g_clear_pointer (&tokens->refresh_token, g_free);
  g_clear_pointer (&tokens->scope, g_free);
}

void
fp_sandbox_device_grant_clear (FpSandboxDeviceGrant *grant)
{
  g_clear_pointer (&grant->device_code, g_free);
  g_clear_pointer (&grant->user_code, g_free);
}

gint
fp_sandbox_oauth_customer_for_username (FpSandboxOAuth *oauth,
                                        const char     *username)
{
  const FpBankCustomer *customer;

  g_return_val_if_fail (oauth != NULL, -1);

  if (username == NULL || oauth->data == NULL)
    return -1;
  customer = fp_bank_data_find_customer (oauth->data, username);
  return customer != NULL ? (gint) customer->id : -1;
}

static gboolean
constant_time_equal (const char *a,
                     const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  guchar diff = la != lb;

  for (gsize i = 0; i < la && i < lb; i++)
    diff |= (guchar) (a[i] ^ b[i]);
  return diff == 0;
}

gint
fp_sandbox_oauth_check_credentials (FpSandboxOAuth *oauth,
                                    const char     *username,
                                    const char     *password,
                                    const char     *one_time_code)
{
  g_autofree char *expected = NULL;
  gint customer;

  g_return_val_if_fail (oauth != NULL, -1);

  customer = fp_sandbox_oauth_customer_for_username (oauth, username);
  if (customer < 0 || password == NULL || one_time_code == NULL)
    return -1;
  expected = fp_sandbox_one_time_code (username);
  if (!constant_time_equal (password, FP_SANDBOX_PASSWORD)
      || !constant_time_equal (one_time_code, expected))
    return -1;
  return customer;
}

char *
fp_sandbox_oauth_issue_code (FpSandboxOAuth *oauth,
                             guint           customer,
                             const char     *redirect_uri,
                             const char     *code_challenge,
                             const char     *scope,
                             gint64          now)
{
  AuthCode *c;
  char *code;

  g_return_val_if_fail (oauth != NULL, NULL);

  c = g_new0 (AuthCode, 1);
  c->customer = customer;
  c->redirect_uri = g_strdup (redirect_uri);
  c->challenge = g_strdup (code_challenge);
  c->scope = g_strdup (scope);
  c->expires = now + oauth->times.code_ttl;
  code = fp_sandbox_random_token (32);
  g_hash_table_insert (oauth->codes, g_strdup (code), c);
  return code;
}

static char *
token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

static void
save_token (FpSandboxOAuth *oauth,
            const char     *token,
            const char     *kind,
            guint           customer,
            const char     *scope,
            gint64          expires,
            guint           family,
            gboolean        used)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;

  if (oauth->store == NULL)
    return;
  hash = token_hash (token);
  if (!fp_sandbox_store_put_token (oauth->store, hash, kind, customer, scope, expires, family, used, &error) ||
      !fp_sandbox_store_set_int (oauth->store, "next_family", oauth->next_family, &error))
    g_warning ("Could not save a token: %s", error->message);
}

static void
issue_tokens (FpSandboxOAuth  *oauth,
              guint            customer,
              const char      *scope,
              guint            family,
              gint64           now,
              FpSandboxTokens *out)
{
  AccessToken *a = g_new0 (AccessToken, 1);
  RefreshToken *r = g_new0 (RefreshToken, 1);

  a->customer = customer;
  a->scope = g_strdup (scope);
  a->expires = now + oauth->times.access_token_ttl;
  a->family = family;
  r->customer = customer;
  r->scope = g_strdup (scope);
  r->expires = now + oauth->times.refresh_token_ttl;
  r->family = family;

  out->access_token = fp_sandbox_random_token (32);
  out->refresh_token = fp_sandbox_random_token (32);
  out->scope = g_strdup (scope);
  out->expires_in = oauth->times.access_token_ttl;
  save_token (oauth, out->access_token, "access", customer, scope, a->expires, family, FALSE);
  save_token (oauth, out->refresh_token, "refresh", customer, scope, r->expires, family, FALSE);
  g_hash_table_insert (oauth->access, token_hash (out->access_token), a);
  g_hash_table_insert (oauth->refresh, token_hash (out->refresh_token), r);
}

static void
revoke_family (FpSandboxOAuth *oauth,
               guint           family)
{
  g_autoptr(GError) error = NULL;

  if (family == 0)
    return;
  g_hash_table_add (oauth->revoked_families, GUINT_TO_POINTER (family));
  if (oauth->store != NULL && !fp_sandbox_store_revoke_family (oauth->store, family, &error))
    g_warning ("Could not save a revocation: %s", error->message);
}

static gboolean
family_revoked (FpSandboxOAuth *oauth,
                guint           family)
{
  return g_hash_table_contains (oauth->revoked_families, GUINT_TO_POINTER (family));
}

#define FAIL(code, description) \
  G_STMT_START { *error_code = (code); *error_description = (description); return FALSE; } G_STMT_END

gboolean
fp_sandbox_oauth_exchange_code (FpSandboxOAuth   *oauth,
                                const char       *code,
                                const char       *redirect_uri,
                                const char       *code_verifier,
                                gint64            now,
                                FpSandboxTokens  *out,
                                const char      **error_code,
                                const char      **error_description)
{
  AuthCode *c;
  g_autofree char *challenge = NULL;

  g_return_val_if_fail (oauth != NULL, FALSE);

  if (code == NULL)
    FAIL ("invalid_request", "code is required");
  if (code_verifier == NULL)
    FAIL ("invalid_request", "code_verifier is required");
  if (redirect_uri == NULL)
    FAIL ("invalid_request", "redirect_uri is required");
  c = g_hash_table_lookup (oauth->codes, code);
  if (c == NULL)
    FAIL ("invalid_grant", "unknown authorization code");
  if (c->used)
    {
      /* RFC 6749 4.1.2: a code used twice revokes what it issued. */
      revoke_family (oauth, c->family);
      FAIL ("invalid_grant", "authorization code already used");
    }
  if (now >= c->expires)
    FAIL ("invalid_grant", "authorization code expired");
  if (strcmp (c->redirect_uri, redirect_uri) != 0)
    FAIL ("invalid_grant", "redirect_uri does not match the authorization request");
  if (!fp_sandbox_pkce_verifier_is_valid (code_verifier))
    FAIL ("invalid_grant", "code_verifier is malformed");
  challenge = fp_sandbox_pkce_s256 (code_verifier);
  if (!constant_time_equal (challenge, c->challenge))
    {
      /* A wrong verifier burns the code: it may have been stolen. */
      c->used = TRUE;
      FAIL ("invalid_grant", "code_verifier does not match the code_challenge");
    }

  c->used = TRUE;
  c->family = oauth->next_family++;
  issue_tokens (oauth, c->customer, c->scope, c->family, now, out);
  return TRUE;
}

gboolean
fp_sandbox_oauth_refresh (FpSandboxOAuth   *oauth,
                          const char       *refresh_token,
                          gint64            now,
                          FpSandboxTokens  *out,
                          const char      **error_code,
                          const char      **error_description)
{
  RefreshToken *r;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (oauth != NULL, FALSE);

  if (refresh_token == NULL)
    FAIL ("invalid_request", "refresh_token is required");
  hash = token_hash (refresh_token);
  r = g_hash_table_lookup (oauth->refresh, hash);
  if (r == NULL)
    FAIL ("invalid_grant", "unknown refresh token");
  if (family_revoked (oauth, r->family))
    FAIL ("invalid_grant", "refresh token revoked");
  if (r->used)
    {
      /* Reuse of a rotated refresh token: someone holds a copy. */
      revoke_family (oauth, r->family);
      FAIL ("invalid_grant", "refresh token reused; the session is revoked");
    }
  if (now >= r->expires)
    FAIL ("invalid_grant", "refresh token expired");

  r->used = TRUE;
  save_token (oauth, refresh_token, "refresh", r->customer, r->scope, r->expires, r->family, TRUE);
  issue_tokens (oauth, r->customer, r->scope, r->family, now, out);
  return TRUE;
}

static char *
new_user_code (void)
{
  char code[10];
  guchar bytes[9];
  gsize n = strlen (USER_CODE_ALPHABET);

  /* 256 is not a multiple of 20: the bias is 1.6%, fine for a code that
   * lives minutes and is rate limited by the polling interval. */
  system_random (bytes, sizeof bytes);
  for (guint i = 0; i < 9; i++)
    code[i] = i == 4 ? '-' : USER_CODE_ALPHABET[bytes[i] % n];
  code[9] = '\0';
  return g_strdup (code);
}

void
fp_sandbox_oauth_device_authorize (FpSandboxOAuth       *oauth,
                                   const char           *scope,
                                   gint64                now,
                                   FpSandboxDeviceGrant *out)
{
  DeviceCode *d;
  gpointer key = NULL;

  g_return_if_fail (oauth != NULL);
  g_return_if_fail (out != NULL);

  d = g_new0 (DeviceCode, 1);
  do
    {
      g_free (d->user_code);
      d->user_code = new_user_code ();
    }
  while (g_hash_table_contains (oauth->user_codes, d->user_code));
  d->scope = g_strdup (scope);
  d->expires = now + oauth->times.device_code_ttl;
  d->interval = oauth->times.device_interval;
  d->last_poll = G_MININT64;
  d->state = DEVICE_PENDING;

  out->device_code = fp_sandbox_random_token (32);
  out->user_code = g_strdup (d->user_code);
  out->expires_in = oauth->times.device_code_ttl;
  out->interval = d->interval;
  g_hash_table_insert (oauth->devices, g_strdup (out->device_code), d);
  /* The user code points at the key owned by the devices table. */
  g_hash_table_lookup_extended (oauth->devices, out->device_code, &key, NULL);
  g_hash_table_insert (oauth->user_codes, d->user_code, key);
}

static DeviceCode *
lookup_user_code (FpSandboxOAuth *oauth,
                  const char     *user_code)
{
  g_autofree char *normal = NULL;
  const char *device_code;

  if (user_code == NULL)
    return NULL;
  /* Accept lower case and a missing dash, as RFC 8628 6.1 suggests. */
  normal = g_ascii_strup (user_code, -1);
  if (strlen (normal) == 8)
    {
      char *with_dash = g_strdup_printf ("%.4s-%s", normal, normal + 4);

      g_free (normal);
      normal = with_dash;
    }
  device_code = g_hash_table_lookup (oauth->user_codes, normal);
  if (device_code == NULL)
    return NULL;
  return g_hash_table_lookup (oauth->devices, device_code);
}

gboolean
fp_sandbox_oauth_device_exists (FpSandboxOAuth *oauth,
                                const char     *user_code,
                                gint64          now)
{
  DeviceCode *d = lookup_user_code (oauth, user_code);

  return d != NULL && d->state == DEVICE_PENDING && now < d->expires;
}

gboolean
fp_sandbox_oauth_device_decide (FpSandboxOAuth *oauth,
                                const char     *user_code,
                                gint            customer,
                                gboolean        approve,
                                gint64          now)
{
  DeviceCode *d;

  g_return_val_if_fail (oauth != NULL, FALSE);

  d = lookup_user_code (oauth, user_code);
  if (d == NULL || d->state != DEVICE_PENDING || now >= d->expires)
    return FALSE;
  if (approve)
    {
      g_return_val_if_fail (customer >= 0, FALSE);
      d->state = DEVICE_APPROVED;
      d->customer = (guint) customer;
    }
  else
    d->state = DEVICE_DENIED;
  return TRUE;
}

gboolean
fp_sandbox_oauth_device_poll (FpSandboxOAuth   *oauth,
                              const char       *device_code,
                              gint64            now,
                              FpSandboxTokens  *out,
                              const char      **error_code,
                              const char      **error_description)
{
  DeviceCode *d;
  gint64 last;

  g_return_val_if_fail (oauth != NULL, FALSE);

  if (device_code == NULL)
    FAIL ("invalid_request", "device_code is required");
  d = g_hash_table_lookup (oauth->devices, device_code);
  if (d == NULL)
    FAIL ("invalid_grant", "unknown device code");
  if (now >= d->expires)
    FAIL ("expired_token", "the device code has expired");

  last = d->last_poll;
  d->last_poll = now;
  switch (d->state)
    {
    case DEVICE_PENDING:
      if (oauth->forced_slow_downs > 0 || (last != G_MININT64 && now - last < d->interval))
        {
          /* RFC 8628 3.5: slow down adds five seconds to the interval. */
          if (oauth->forced_slow_downs > 0)
            oauth->forced_slow_downs--;
          oauth->n_slow_downs++;
          d->interval += 5;
          FAIL ("slow_down", "polling too fast; add 5 seconds to the interval");
        }
      FAIL ("authorization_pending", "the customer has not decided yet");
    case DEVICE_DENIED:
      FAIL ("access_denied", "the customer denied the request");
    case DEVICE_CONSUMED:
      FAIL ("invalid_grant", "the device code was already used");
    case DEVICE_APPROVED:
      d->state = DEVICE_CONSUMED;
      issue_tokens (oauth, d->customer, d->scope, oauth->next_family++, now, out);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/**
 * fp_sandbox_oauth_force_slow_downs:
 * @oauth: the authorization server
 * @n: how many
 *
 * Test hook: the next @n polls of pending device codes answer slow_down
 * (adding 5 s to the code's interval, as a real one does), whatever their
 * timing.
 */
void
fp_sandbox_oauth_force_slow_downs (FpSandboxOAuth *oauth,
                                   guint           n)
{
  g_return_if_fail (oauth != NULL);
  oauth->forced_slow_downs = n;
}

/**
 * fp_sandbox_oauth_get_n_slow_downs:
 * @oauth: the authorization server
 *
 * Returns: how many polls were answered slow_down, forced ones included
 */
guint64
fp_sandbox_oauth_get_n_slow_downs (FpSandboxOAuth *oauth)
{
  g_return_val_if_fail (oauth != NULL, 0);
  return oauth->n_slow_downs;
}

void
fp_sandbox_oauth_revoke (FpSandboxOAuth *oauth,
                         const char     *token)
{
  AccessToken *a;
  RefreshToken *r;
  g_autofree char *hash = NULL;

  g_return_if_fail (oauth != NULL);

  if (token == NULL)
    return;
  /* RFC 7009 2.1: revoking a refresh token also invalidates the access
   * tokens of the same grant; we revoke the whole family either way. */
  hash = token_hash (token);
  if ((r = g_hash_table_lookup (oauth->refresh, hash)) != NULL)
    revoke_family (oauth, r->family);
  else if ((a = g_hash_table_lookup (oauth->access, hash)) != NULL)
    revoke_family (oauth, a->family);
}

/**
 * fp_sandbox_oauth_introspect:
 * @oauth: the OAuth state
 * @access_token: (nullable): a token
 * @now: the time
 * @scope: (out) (optional): the token's scope
 * @expires: (out): when it expires
 * @issued: (out): when it was issued
 *
 * fp_sandbox_oauth_authenticate() with the times RFC 7662 reports.
 *
 * Returns: the customer, or -1 for a token that is not active
 */
gint
fp_sandbox_oauth_introspect (FpSandboxOAuth *oauth,
                             const char     *access_token,
                             gint64          now,
                             const char    **scope,
                             gint64         *expires,
                             gint64         *issued)
{
  gint customer = fp_sandbox_oauth_authenticate (oauth, access_token, now, scope);
  g_autofree char *hash = NULL;
  AccessToken *a;

  if (customer < 0)
    return -1;
  /* Tokens are kept by their SHA-256 (and so in --state-dir). */
  hash = token_hash (access_token);
  a = g_hash_table_lookup (oauth->access, hash);
  g_assert (a != NULL);
  *expires = a->expires;
  *issued = a->expires - oauth->times.access_token_ttl;
  return customer;
}

gint
fp_sandbox_oauth_authenticate (FpSandboxOAuth *oauth,
                               const char     *access_token,
                               gint64          now,
                               const char    **scope)
{
  AccessToken *a;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (oauth != NULL, -1);

  if (access_token == NULL)
    return -1;
  hash = token_hash (access_token);
  a = g_hash_table_lookup (oauth->access, hash);
  if (a == NULL || now >= a->expires || family_revoked (oauth, a->family))
    return -1;
  if (scope != NULL)
    *scope = a->scope;
  return (gint) a->customer;
}
