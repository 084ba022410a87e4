/* fp-aws-sigv4.c
 *
 * AWS Signature Version 4, the four tasks of the specification: the
 * canonical request, the string to sign, the signing key and the
 * signature. GChecksum and GHmac do the cryptography.
 *
 * Two details matter for Bedrock. The canonical URI of every service but
 * S3 encodes each path segment twice: the wire path (already encoded
 * once, `…-v1%3A0`) is encoded again (`…-v1%253A0`). And header values are
 * trimmed with inner runs of spaces collapsed to one, quotes or not.
 *
 * The same code checks signatures in the sandbox's Bedrock stand-in: it
 * rebuilds the canonical request from what it received and compares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-aws"

#include "config.h"

#include <string.h>

#include "fp-aws-error.h"
#include "fp-aws-sigv4.h"

#define MAX_HEADER_NAME 128

void
fp_aws_signature_clear (FpAwsSignature *signature)
{
  g_clear_pointer (&signature->canonical_request, g_free);
  g_clear_pointer (&signature->string_to_sign, g_free);
  g_clear_pointer (&signature->signed_headers, g_free);
  g_clear_pointer (&signature->signature, g_free);
  g_clear_pointer (&signature->authorization, g_free);
}

void
fp_aws_authorization_clear (FpAwsAuthorization *auth)
{
  g_clear_pointer (&auth->access_key_id, g_free);
  g_clear_pointer (&auth->date, g_free);
  g_clear_pointer (&auth->region, g_free);
  g_clear_pointer (&auth->service, g_free);
  g_clear_pointer (&auth->signed_headers, g_strfreev);
  g_clear_pointer (&auth->signature, g_free);
}

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '~';
}

/**
 * fp_aws_uri_encode:
 * @text: bytes to encode
 * @keep_slash: leave `/` as it is (paths)
 *
 * SigV4's URI encoding: every byte but the unreserved characters of RFC
 * 3986 (A–Z, a–z, 0–9, `-`, `_`, `.`, `~`) becomes `%XX` with upper-case
 * hex digits.
 *
 * Returns: (transfer full): the encoded text
 */
char *
fp_aws_uri_encode (const char *text,
                   gboolean    keep_slash)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (is_unreserved (*p) || (keep_slash && *p == '/'))
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * fp_aws_sigv4_canonical_uri:
 * @path: the path as sent, percent-encoded once
 * @error: a #GError
 *
 * The canonical URI of a non-S3 service: the wire path encoded once more.
 * Paths with dot segments, controls or non-ASCII bytes are refused rather
 * than normalized.
 *
 * Returns: (transfer full) (nullable): the canonical URI
 */
char *
fp_aws_sigv4_canonical_uri (const char  *path,
                            GError     **error)
{
  g_auto(GStrv) segments = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (*path == '\0')
    return g_strdup ("/");
  if (*path != '/')
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID, "The path must start with /");
      return NULL;
    }
  for (const guchar *p = (const guchar *) path; *p != '\0'; p++)
    if (*p < 0x21 || *p > 0x7e)
      {
        g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID,
                             "The path must be printable ASCII, percent-encoded");
        return NULL;
      }
  segments = g_strsplit (path, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    if (strcmp (segments[i], ".") == 0 || strcmp (segments[i], "..") == 0)
      {
        g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID,
                             "The path must not have dot segments");
        return NULL;
      }
  return fp_aws_uri_encode (path, TRUE);
}

typedef struct {
  char *key;
  char *value;
} QueryPair;

static int
query_pair_compare (gconstpointer a,
                    gconstpointer b)
{
  const QueryPair *x = a;
  const QueryPair *y = b;
  int c = strcmp (x->key, y->key);

  return c != 0 ? c : strcmp (x->value, y->value);
}

/* Decodes %XX escapes only; '+' stays '+'. */
static char *
strict_unescape (const char  *text,
                 gsize        len,
                 GError     **error)
{
  g_autofree char *part = g_strndup (text, len);
  char *out = g_uri_unescape_string (part, NULL);

  if (out == NULL)
    g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID,
                         "The query has a malformed percent escape");
  return out;
}

/**
 * fp_aws_sigv4_canonical_query:
 * @query: (nullable): the query as sent, without `?`
 * @error: a #GError
 *
 * The canonical query string: each name and value decoded and encoded
 * again the SigV4 way, sorted by name, then value.
 *
 * Returns: (transfer full) (nullable): the canonical query, maybe empty
 */
char *
fp_aws_sigv4_canonical_query (const char  *query,
                              GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GArray) pairs = NULL;
  GString *out;

  if (query == NULL || *query == '\0')
    return g_strdup ("");

  pairs = g_array_new (FALSE, TRUE, sizeof (QueryPair));
  parts = g_strsplit (query, "&", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      QueryPair pair;

      if (parts[i][0] == '\0')
        continue;
      key = strict_unescape (parts[i], eq != NULL ? (gsize) (eq - parts[i]) : strlen (parts[i]), error);
      value = eq != NULL ? strict_unescape (eq + 1, strlen (eq + 1), error) : g_strdup ("");
      if (key == NULL || value == NULL)
        {
          for (guint j = 0; j < pairs->len; j++)
            {
              g_free (g_array_index (pairs, QueryPair, j).key);
              g_free (g_array_index (pairs, QueryPair, j).value);
            }
          return NULL;
        }
      pair.key = fp_aws_uri_encode (key, FALSE);
      pair.value = fp_aws_uri_encode (value, FALSE);
      g_array_append_val (pairs, pair);
    }
  g_array_sort (pairs, query_pair_compare);

  out = g_string_new (NULL);
  for (guint i = 0; i < pairs->len; i++)
    {
      QueryPair *pair = &g_array_index (pairs, QueryPair, i);

      if (i > 0)
        g_string_append_c (out, '&');
      g_string_append_printf (out, "%s=%s", pair->key, pair->value);
      g_free (pair->key);
      g_free (pair->value);
    }
  return g_string_free (out, FALSE);
}

static gboolean
header_name_ok (const char *name)
{
  gsize len = strlen (name);

  if (len == 0 || len > MAX_HEADER_NAME)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || strchr ("!#$%&'*+-.^_`|~", *p) != NULL))
      return FALSE;
  return TRUE;
}

/* Trimmed, with runs of spaces and tabs made one space. */
static gboolean
canonical_value (const char *value,
                 GString    *out)
{
  gboolean space = FALSE;
  gsize start = out->len;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\r' || *p == '\n')
        return FALSE;
      if (*p == ' ' || *p == '\t')
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > start)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return TRUE;
}

typedef struct {
  char    *name;
  GString *value;
} CanonHeader;

static int
canon_header_compare (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (((const CanonHeader *) a)->name, ((const CanonHeader *) b)->name);
}

static void
canon_headers_free (GArray *headers)
{
  for (guint i = 0; i < headers->len; i++)
    {
      CanonHeader *h = &g_array_index (headers, CanonHeader, i);

      g_free (h->name);
      g_string_free (h->value, TRUE);
    }
  g_array_unref (headers);
}

static char *
sha256_hex (const guint8 *data,
            gsize         len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data != NULL ? data : (const guint8 *) "", len);
}

/**
 * fp_aws_sigv4_canonical_request:
 * @request: the request
 * @out_signed_headers: (out) (optional) (transfer full): the signed header
 *   list
 * @error: a #GError
 *
 * Task 1 of SigV4. Every header of @request is signed; a name given twice
 * has its values joined with commas in order.
 *
 * Returns: (transfer full) (nullable): the canonical request
 */
char *
fp_aws_sigv4_canonical_request (const FpAwsRequest  *request,
                                char               **out_signed_headers,
                                GError             **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *query = NULL;
  g_autofree char *payload_hash = NULL;
  GArray *headers;
  GString *out;
  GString *signed_list;

  g_return_val_if_fail (request != NULL && request->method != NULL && request->path != NULL, NULL);
  g_return_val_if_fail (request->headers != NULL, NULL);

  for (const char *p = request->method; *p != '\0'; p++)
    if (!g_ascii_isupper (*p))
      {
        g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID, "The method must be upper case");
        return NULL;
      }
  uri = fp_aws_sigv4_canonical_uri (request->path, error);
  if (uri == NULL)
    return NULL;
  query = fp_aws_sigv4_canonical_query (request->query, error);
  if (query == NULL)
    return NULL;

  headers = g_array_new (FALSE, TRUE, sizeof (CanonHeader));
  for (guint i = 0; request->headers[i] != NULL; i += 2)
    {
      const char *value = request->headers[i + 1];
      g_autofree char *name = NULL;
      CanonHeader *found = NULL;

      if (value == NULL || !header_name_ok (request->headers[i]))
        {
          canon_headers_free (headers);
          g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID, "A header name is malformed");
          return NULL;
        }
      name = g_ascii_strdown (request->headers[i], -1);
      for (guint j = 0; j < headers->len && found == NULL; j++)
        if (strcmp (g_array_index (headers, CanonHeader, j).name, name) == 0)
          found = &g_array_index (headers, CanonHeader, j);
      if (found == NULL)
        {
          CanonHeader h = { g_steal_pointer (&name), g_string_new (NULL) };

          g_array_append_val (headers, h);
          found = &g_array_index (headers, CanonHeader, headers->len - 1);
        }
      else
        g_string_append_c (found->value, ',');
      if (!canonical_value (value, found->value))
        {
          canon_headers_free (headers);
          g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID, "A header value has a line break");
          return NULL;
        }
    }
  g_array_sort (headers, canon_header_compare);

  out = g_string_new (NULL);
  signed_list = g_string_new (NULL);
  g_string_append_printf (out, "%s\n%s\n%s\n", request->method, uri, query);
  for (guint i = 0; i < headers->len; i++)
    {
      CanonHeader *h = &g_array_index (headers, CanonHeader, i);

      g_string_append_printf (out, "%s:%s\n", h->name, h->value->str);
      if (i > 0)
        g_string_append_c (signed_list, ';');
      g_string_append (signed_list, h->name);
    }
  canon_headers_free (headers);

  payload_hash = sha256_hex (request->payload, request->payload_len);
  g_string_append_printf (out, "\n%s\n%s", signed_list->str, payload_hash);

  if (out_signed_headers != NULL)
    *out_signed_headers = g_string_free (signed_list, FALSE);
  else
    g_string_free (signed_list, TRUE);
  return g_string_free (out, FALSE);
}

static void
hmac_sha256 (const guint8 *key,
             gsize         key_len,
             const char   *data,
             guint8        out[32])
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_len);
  gsize len = 32;

  g_hmac_update (hmac, (const guchar *) data, (gssize) strlen (data));
  g_hmac_get_digest (hmac, out, &len);
  g_assert (len == 32);
}

/**
 * fp_aws_sigv4_signing_key:
 * @secret_access_key: the secret
 * @date: `YYYYMMDD`
 * @region: the region
 * @service: the service (`bedrock`)
 * @out_key: (out caller-allocates): the 32-byte key
 *
 * Task 3's key: HMAC-SHA256 chained over date, region, service and
 * `aws4_request`, starting from `AWS4` and the secret.
 */
void
fp_aws_sigv4_signing_key (const char *secret_access_key,
                          const char *date,
                          const char *region,
                          const char *service,
                          guint8      out_key[32])
{
  g_autofree char *start = g_strconcat ("AWS4", secret_access_key, NULL);
  guint8 k_date[32], k_region[32], k_service[32];

  hmac_sha256 ((const guint8 *) start, strlen (start), date, k_date);
  hmac_sha256 (k_date, 32, region, k_region);
  hmac_sha256 (k_region, 32, service, k_service);
  hmac_sha256 (k_service, 32, "aws4_request", out_key);

  memset (start, 0, strlen (start));
  memset (k_date, 0, sizeof k_date);
  memset (k_region, 0, sizeof k_region);
  memset (k_service, 0, sizeof k_service);
}

static const char *
header_value (const char * const *headers,
              const char         *name)
{
  for (guint i = 0; headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    if (g_ascii_strcasecmp (headers[i], name) == 0)
      return headers[i + 1];
  return NULL;
}

static gboolean
scope_part_ok (const char *part)
{
  if (part == NULL || *part == '\0' || strlen (part) > 64)
    return FALSE;
  for (const char *p = part; *p != '\0'; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_'))
      return FALSE;
  return TRUE;
}

/**
 * fp_aws_sigv4_sign:
 * @request: the request; its headers must include `host` and `x-amz-date`
 *   equal to @amz_date (and `x-amz-security-token` with a session token)
 * @credentials: the credentials
 * @region: the region (`us-east-1`)
 * @service: the signing name (`bedrock`)
 * @amz_date: `YYYYMMDDTHHMMSSZ`
 * @out: (out caller-allocates): every step of the signature
 * @error: a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
fp_aws_sigv4_sign (const FpAwsRequest     *request,
                   const FpAwsCredentials *credentials,
                   const char             *region,
                   const char             *service,
                   const char             *amz_date,
                   FpAwsSignature         *out,
                   GError                **error)
{
  g_autofree char *date = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *creq_hash = NULL;
  const char *header_date;
  guint8 key[32], mac[32];
  gint64 unix_time;

  g_return_val_if_fail (request != NULL && credentials != NULL && out != NULL, FALSE);
  g_return_val_if_fail (region != NULL && service != NULL && amz_date != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!fp_aws_sigv4_parse_date (amz_date, &unix_time))
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID, "X-Amz-Date must be YYYYMMDDTHHMMSSZ");
      return FALSE;
    }
  if (!scope_part_ok (region) || !scope_part_ok (service))
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID, "The region or service is malformed");
      return FALSE;
    }
  if (credentials->access_key_id == NULL || credentials->secret_access_key == NULL
      || *credentials->access_key_id == '\0' || strchr (credentials->access_key_id, '/') != NULL)
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_CREDENTIALS, "The credentials are incomplete");
      return FALSE;
    }
  header_date = header_value (request->headers, "x-amz-date");
  if (header_value (request->headers, "host") == NULL || header_date == NULL
      || strcmp (header_date, amz_date) != 0)
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID,
                           "Host and X-Amz-Date must be among the signed headers");
      return FALSE;
    }
  if (credentials->session_token != NULL
      && g_strcmp0 (header_value (request->headers, "x-amz-security-token"),
                    credentials->session_token) != 0)
    {
      g_set_error_literal (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID,
                           "Temporary credentials sign X-Amz-Security-Token");
      return FALSE;
    }

  out->canonical_request = fp_aws_sigv4_canonical_request (request, &out->signed_headers, error);
  if (out->canonical_request == NULL)
    return FALSE;

  date = g_strndup (amz_date, 8);
  scope = g_strdup_printf ("%s/%s/%s/aws4_request", date, region, service);
  creq_hash = sha256_hex ((const guint8 *) out->canonical_request, strlen (out->canonical_request));
  out->string_to_sign = g_strdup_printf ("%s\n%s\n%s\n%s", FP_AWS_SIGV4_ALGORITHM, amz_date, scope,
                                         creq_hash);

  fp_aws_sigv4_signing_key (credentials->secret_access_key, date, region, service, key);
  hmac_sha256 (key, sizeof key, out->string_to_sign, mac);
  memset (key, 0, sizeof key);
  {
    GString *hex = g_string_sized_new (64);

    for (guint i = 0; i < 32; i++)
      g_string_append_printf (hex, "%02x", mac[i]);
    out->signature = g_string_free (hex, FALSE);
  }
  out->authorization = g_strdup_printf ("%s Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                                        FP_AWS_SIGV4_ALGORITHM, credentials->access_key_id, scope,
                                        out->signed_headers, out->signature);
  return TRUE;
}

/**
 * fp_aws_sigv4_format_date:
 * @time: a time
 *
 * Returns: (transfer full): `YYYYMMDDTHHMMSSZ` in UTC
 */
char *
fp_aws_sigv4_format_date (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
}

/**
 * fp_aws_sigv4_parse_date:
 * @amz_date: `YYYYMMDDTHHMMSSZ`
 * @out_unix: (out): seconds since the epoch
 *
 * Returns: whether @amz_date is exactly of that form and a real time
 */
gboolean
fp_aws_sigv4_parse_date (const char *amz_date,
                         gint64     *out_unix)
{
  g_autoptr(GDateTime) time = NULL;
  int v[6];
  static const int offsets[6] = { 0, 4, 6, 9, 11, 13 };
  static const int widths[6] = { 4, 2, 2, 2, 2, 2 };

  if (amz_date == NULL || strlen (amz_date) != 16 || amz_date[8] != 'T' || amz_date[15] != 'Z')
    return FALSE;
  for (guint i = 0; i < 6; i++)
    {
      v[i] = 0;
      for (int j = 0; j < widths[i]; j++)
        {
          char c = amz_date[offsets[i] + j];

          if (!g_ascii_isdigit (c))
            return FALSE;
          v[i] = v[i] * 10 + (c - '0');
        }
    }
  if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 59)
    return FALSE;
  time = g_date_time_new_utc (v[0], v[1], v[2], v[3], v[4], v[5]);
  if (time == NULL || g_date_time_get_day_of_month (time) != v[2])
    return FALSE;
  *out_unix = g_date_time_to_unix (time);
  return TRUE;
}

static gboolean
is_lower_hex (const char *text,
              gsize       len)
{
  if (strlen (text) != len)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]) && !(text[i] >= 'a' && text[i] <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
bad_authorization (GError    **error,
                   const char *what)
{
  g_set_error (error, FP_AWS_ERROR, FP_AWS_ERROR_SIGNATURE, "Authorization header: %s", what);
  return FALSE;
}

/**
 * fp_aws_sigv4_parse_authorization:
 * @header: the Authorization header's value
 * @out: (out caller-allocates): its parts
 * @error: a #GError
 *
 * Takes `AWS4-HMAC-SHA256 Credential=…/DATE/REGION/SERVICE/aws4_request,
 * SignedHeaders=a;b, Signature=HEX` apart, strictly: each part once, the
 * scope ending in `aws4_request`, `host` and `x-amz-date` among the signed
 * headers.
 *
 * Returns: %TRUE when well formed
 */
gboolean
fp_aws_sigv4_parse_authorization (const char          *header,
                                  FpAwsAuthorization  *out,
                                  GError             **error)
{
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) scope = NULL;
  const char *credential = NULL, *signed_headers = NULL, *signature = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (header == NULL || !g_str_has_prefix (header, FP_AWS_SIGV4_ALGORITHM " "))
    return bad_authorization (error, "not AWS4-HMAC-SHA256");
  if (strlen (header) > 4096)
    return bad_authorization (error, "too long");

  parts = g_strsplit (header + strlen (FP_AWS_SIGV4_ALGORITHM) + 1, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);
      const char **slot;

      if (g_str_has_prefix (p, "Credential="))
        slot = &credential;
      else if (g_str_has_prefix (p, "SignedHeaders="))
        slot = &signed_headers;
      else if (g_str_has_prefix (p, "Signature="))
        slot = &signature;
      else
        return bad_authorization (error, "unknown part");
      if (*slot != NULL)
        return bad_authorization (error, "a part given twice");
      *slot = strchr (p, '=') + 1;
    }
  if (credential == NULL || signed_headers == NULL || signature == NULL)
    return bad_authorization (error, "a part is missing");

  scope = g_strsplit (credential, "/", -1);
  if (g_strv_length (scope) != 5 || strcmp (scope[4], "aws4_request") != 0 || *scope[0] == '\0'
      || !is_lower_hex (scope[1], 8) || !scope_part_ok (scope[2]) || !scope_part_ok (scope[3]))
    return bad_authorization (error, "malformed credential scope");
  for (guint i = 0; i < 8; i++)
    if (!g_ascii_isdigit (scope[1][i]))
      return bad_authorization (error, "malformed credential date");
  if (!is_lower_hex (signature, 64))
    return bad_authorization (error, "malformed signature");

  out->signed_headers = g_strsplit (signed_headers, ";", -1);
  for (guint i = 0; out->signed_headers[i] != NULL; i++)
    {
      const char *h = out->signed_headers[i];

      if (!header_name_ok (h))
        goto bad_headers;
      for (const char *p = h; *p != '\0'; p++)
        if (g_ascii_isupper (*p))
          goto bad_headers;
      if (i > 0 && strcmp (out->signed_headers[i - 1], h) >= 0)
        goto bad_headers;
    }
  if (!g_strv_contains ((const char * const *) out->signed_headers, "host")
      || !g_strv_contains ((const char * const *) out->signed_headers, "x-amz-date"))
    goto bad_headers;

  out->access_key_id = g_strdup (scope[0]);
  out->date = g_strdup (scope[1]);
  out->region = g_strdup (scope[2]);
  out->service = g_strdup (scope[3]);
  out->signature = g_strdup (signature);
  return TRUE;

bad_headers:
  fp_aws_authorization_clear (out);
  return bad_authorization (error, "malformed SignedHeaders");
}

/**
 * fp_aws_sigv4_equal:
 * @a: a signature
 * @b: another
 *
 * Compares in time independent of where they differ.
 *
 * Returns: whether they are equal
 */
gboolean
fp_aws_sigv4_equal (const char *a,
                    const char *b)
{
  gsize len;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;
  len = strlen (a);
  if (len != strlen (b))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}
