/* test-aws-sigv4.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AWS Signature Version 4 (src/aws/fp-aws-sigv4.c) against the six vectors
 * of the AWS test suite in aws-sigv4/ (canonical request, string to sign
 * and Authorization header, byte for byte), and one Bedrock Converse
 * request whose signature was computed independently by
 * sigv4-converse.py with Python's hmac and hashlib.
 */

#include "config.h"

#include <string.h>

#include "fp-aws-error.h"
#include "fp-aws-sigv4.h"

#define VECTOR_KEY_ID "AKIDEXAMPLE"
#define VECTOR_SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define VECTOR_DATE   "20150830T123600Z"

static char *
read_vector (const char *name,
             const char *ext)
{
  g_autofree char *file = g_strconcat (name, ".", ext, NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "proxy", "aws-sigv4", name, file, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* A .req file: request line, `Name:value` headers, a blank line, the body. */
static void
test_vector (gconstpointer data)
{
  const char *name = data;
  g_autofree char *req = read_vector (name, "req");
  g_autofree char *creq = read_vector (name, "creq");
  g_autofree char *sts = read_vector (name, "sts");
  g_autofree char *authz = read_vector (name, "authz");
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(FpAwsCredentials) credentials = NULL;
  g_auto(FpAwsSignature) signature = { 0 };
  g_auto(GStrv) request_line = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char *token = NULL;
  char *body, *query;
  FpAwsRequest request = { 0 };

  body = strstr (req, "\n\n");
  if (body != NULL)
    {
      *body = '\0';
      body += 2;
    }
  lines = g_strsplit (req, "\n", -1);
  request_line = g_strsplit (lines[0], " ", 3);
  g_assert_cmpstr (request_line[2], ==, "HTTP/1.1");
  query = strchr (request_line[1], '?');
  if (query != NULL)
    *query++ = '\0';
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');

      g_assert_nonnull (colon);
      g_ptr_array_add (headers, g_strndup (lines[i], colon - lines[i]));
      g_ptr_array_add (headers, g_strdup (colon + 1));
      if (g_ascii_strcasecmp (g_ptr_array_index (headers, headers->len - 2), "X-Amz-Security-Token") == 0)
        token = g_ptr_array_index (headers, headers->len - 1);
    }
  g_ptr_array_add (headers, NULL);

  request.method = request_line[0];
  request.path = request_line[1];
  request.query = query;
  request.headers = (const char * const *) headers->pdata;
  request.payload = (const guint8 *) body;
  request.payload_len = body != NULL ? strlen (body) : 0;

  credentials = fp_aws_credentials_new (VECTOR_KEY_ID, VECTOR_SECRET, token, NULL);
  g_assert_true (fp_aws_sigv4_sign (&request, credentials, "us-east-1", "service", VECTOR_DATE,
                                    &signature, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (signature.canonical_request, ==, creq);
  g_assert_cmpstr (signature.string_to_sign, ==, sts);
  g_assert_cmpstr (signature.authorization, ==, authz);
}

static void
test_signing_key (void)
{
  guint8 key[32];
  g_autoptr(GString) hex = g_string_new (NULL);

  /* The suite's README gives the signing key of its scope. */
  fp_aws_sigv4_signing_key (VECTOR_SECRET, "20150830", "us-east-1", "service", key);
  for (guint i = 0; i < 32; i++)
    g_string_append_printf (hex, "%02x", key[i]);
  g_assert_cmpstr (hex->str, ==, "938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75");
}

/* Recorded from `tests/proxy/sigv4-converse.py` (Python hmac/hashlib); the
 * `sigv4-reference` test runs that script against this signature. */
#define CONVERSE_BODY "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}],\"inferenceConfig\":{\"maxTokens\":64}}"
#define CONVERSE_CREQ                                                   \
  "POST\n"                                                              \
  "/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse\n"        \
  "\n"                                                                  \
  "content-type:application/json\n"                                     \
  "host:bedrock-runtime.us-east-1.amazonaws.com\n"                      \
  "x-amz-date:20240307T120000Z\n"                                       \
  "\n"                                                                  \
  "content-type;host;x-amz-date\n"                                      \
  "f5b802cc64a01910fd197a46e9e959f3a5795f7728fa5710fb28f1ec3019f545"
#define CONVERSE_STS                                                    \
  "AWS4-HMAC-SHA256\n"                                                  \
  "20240307T120000Z\n"                                                  \
  "20240307/us-east-1/bedrock/aws4_request\n"                           \
  "1a58e8f86ab233456af9826aed4ae6b68775d7a3a7e6354fe90fa209a872ea39"
#define CONVERSE_SIGNATURE "e5892a4cd91e26213bc0eb362c16b63f013c2f9541030673e222b265e4706fda"

static void
test_converse (void)
{
  const char *headers[] = {
    "Content-Type", "application/json",
    "Host", "bedrock-runtime.us-east-1.amazonaws.com",
    "X-Amz-Date", "20240307T120000Z",
    NULL,
  };
  FpAwsRequest request = {
    .method = "POST",
    .path = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
    .headers = headers,
    .payload = (const guint8 *) CONVERSE_BODY,
    .payload_len = strlen (CONVERSE_BODY),
  };
  g_autoptr(FpAwsCredentials) credentials = fp_aws_credentials_new (VECTOR_KEY_ID, VECTOR_SECRET, NULL, NULL);
  g_auto(FpAwsSignature) signature = { 0 };
  g_auto(FpAwsAuthorization) parsed = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_aws_sigv4_sign (&request, credentials, "us-east-1", "bedrock", "20240307T120000Z",
                                    &signature, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (signature.canonical_request, ==, CONVERSE_CREQ);
  g_assert_cmpstr (signature.string_to_sign, ==, CONVERSE_STS);
  g_assert_cmpstr (signature.signature, ==, CONVERSE_SIGNATURE);
  g_assert_cmpstr (signature.authorization, ==,
                   "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240307/us-east-1/bedrock/aws4_request, "
                   "SignedHeaders=content-type;host;x-amz-date, Signature=" CONVERSE_SIGNATURE);

  /* What the stand-in reads back. */
  g_assert_true (fp_aws_sigv4_parse_authorization (signature.authorization, &parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parsed.access_key_id, ==, VECTOR_KEY_ID);
  g_assert_cmpstr (parsed.date, ==, "20240307");
  g_assert_cmpstr (parsed.region, ==, "us-east-1");
  g_assert_cmpstr (parsed.service, ==, "bedrock");
  g_assert_cmpstr (parsed.signature, ==, CONVERSE_SIGNATURE);
  g_assert_cmpuint (g_strv_length (parsed.signed_headers), ==, 3);
}

static void
test_canonical_uri (void)
{
  static const struct {
    const char *path;
    const char *canonical;
  } good[] = {
    { "", "/" },
    { "/", "/" },
    { "/model/m-v1%3A0/converse-stream", "/model/m-v1%253A0/converse-stream" },
    { "/a~b_c.d-e", "/a~b_c.d-e" },
    { "/x:y", "/x%3Ay" },
  };
  static const char *const bad[] = { "model", "/a b", "/a/../b", "/./a", "/\xc3\xa9" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *c = fp_aws_sigv4_canonical_uri (good[i].path, NULL);

      g_assert_cmpstr (c, ==, good[i].canonical);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *c = fp_aws_sigv4_canonical_uri (bad[i], &error);

      g_assert_null (c);
      g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID);
    }
}

static void
test_canonical_query (void)
{
  g_autofree char *a = fp_aws_sigv4_canonical_query ("b=2&a=1&a=0&c", NULL);
  g_autofree char *b = fp_aws_sigv4_canonical_query ("k=a%2fb&sp=%20x", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *c = fp_aws_sigv4_canonical_query ("k=%zz", &error);

  g_assert_cmpstr (a, ==, "a=0&a=1&b=2&c=");
  g_assert_cmpstr (b, ==, "k=a%2Fb&sp=%20x");
  g_assert_null (c);
  g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_INVALID);
}

static void
test_parse_authorization_refuses (void)
{
  static const char *const bad[] = {
    NULL,
    "",
    "Bearer abc",
    "AWS4-HMAC-SHA256 Credential=AKID/20240307/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date",
    "AWS4-HMAC-SHA256 Credential=AKID/20240307/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, "
    "Signature=E5892A4CD91E26213BC0EB362C16B63F013C2F9541030673E222B265E4706FDA",
    "AWS4-HMAC-SHA256 Credential=AKID/2024037/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, "
    "Signature=" CONVERSE_SIGNATURE,
    "AWS4-HMAC-SHA256 Credential=AKID/20240307/us-east-1/bedrock/aws3_request, SignedHeaders=host;x-amz-date, "
    "Signature=" CONVERSE_SIGNATURE,
    "AWS4-HMAC-SHA256 Credential=AKID/20240307/us-east-1/bedrock/aws4_request, SignedHeaders=x-amz-date, "
    "Signature=" CONVERSE_SIGNATURE,
    "AWS4-HMAC-SHA256 Credential=AKID/20240307/us-east-1/bedrock/aws4_request, SignedHeaders=x-amz-date;host, "
    "Signature=" CONVERSE_SIGNATURE,
    "AWS4-HMAC-SHA256 Credential=AKID/20240307/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, "
    "Signature=" CONVERSE_SIGNATURE ", Signature=" CONVERSE_SIGNATURE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(FpAwsAuthorization) parsed = { 0 };
      g_autoptr(GError) error = NULL;

      if (fp_aws_sigv4_parse_authorization (bad[i], &parsed, &error))
        g_error ("case %u was accepted", i);
      g_assert_error (error, FP_AWS_ERROR, FP_AWS_ERROR_SIGNATURE);
      g_assert_null (parsed.access_key_id);
    }
}

static void
test_sign_refuses (void)
{
  const char *no_date[] = { "Host", "example.amazonaws.com", NULL };
  const char *other_date[] = { "Host", "example.amazonaws.com", "X-Amz-Date", "20150830T123601Z", NULL };
  const char *good[] = { "Host", "example.amazonaws.com", "X-Amz-Date", VECTOR_DATE, NULL };
  g_autoptr(FpAwsCredentials) credentials = fp_aws_credentials_new (VECTOR_KEY_ID, VECTOR_SECRET, NULL, NULL);
  g_autoptr(FpAwsCredentials) temporary = fp_aws_credentials_new (VECTOR_KEY_ID, VECTOR_SECRET, "tok", NULL);
  FpAwsRequest request = { .method = "GET", .path = "/", .headers = no_date };
  g_auto(FpAwsSignature) signature = { 0 };

  g_assert_false (fp_aws_sigv4_sign (&request, credentials, "us-east-1", "service", VECTOR_DATE, &signature, NULL));
  request.headers = other_date;
  g_assert_false (fp_aws_sigv4_sign (&request, credentials, "us-east-1", "service", VECTOR_DATE, &signature, NULL));
  request.headers = good;
  g_assert_false (fp_aws_sigv4_sign (&request, credentials, "us-east-1", "service", "2015-08-30", &signature, NULL));
  g_assert_false (fp_aws_sigv4_sign (&request, credentials, "us east", "service", VECTOR_DATE, &signature, NULL));
  /* A session token must be signed, not added afterwards. */
  g_assert_false (fp_aws_sigv4_sign (&request, temporary, "us-east-1", "service", VECTOR_DATE, &signature, NULL));
  g_assert_true (fp_aws_sigv4_sign (&request, credentials, "us-east-1", "service", VECTOR_DATE, &signature, NULL));
}

static void
test_dates (void)
{
  gint64 t = 0;
  g_autoptr(GDateTime) time = g_date_time_new_utc (2024, 3, 7, 12, 0, 0);
  g_autofree char *text = fp_aws_sigv4_format_date (time);

  g_assert_cmpstr (text, ==, "20240307T120000Z");
  g_assert_true (fp_aws_sigv4_parse_date (text, &t));
  g_assert_cmpint (t, ==, g_date_time_to_unix (time));
  g_assert_false (fp_aws_sigv4_parse_date ("20240230T120000Z", &t));
  g_assert_false (fp_aws_sigv4_parse_date ("20240307T120000", &t));
  g_assert_false (fp_aws_sigv4_parse_date ("2024030xT120000Z", &t));
  g_assert_true (fp_aws_sigv4_equal (CONVERSE_SIGNATURE, CONVERSE_SIGNATURE));
  g_assert_false (fp_aws_sigv4_equal (CONVERSE_SIGNATURE, "e5892a"));
}

int
main (int   argc,
      char *argv[])
{
  static const char *const vectors[] = {
    "get-vanilla",
    "post-vanilla",
    "get-vanilla-query-order-key-case",
    "get-header-value-trim",
    "post-x-www-form-urlencoded",
    "post-sts-header-before",
  };

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autofree char *path = g_strconcat ("/aws/sigv4/vector/", vectors[i], NULL);

      g_test_add_data_func (path, vectors[i], test_vector);
    }
  g_test_add_func ("/aws/sigv4/signing-key", test_signing_key);
  g_test_add_func ("/aws/sigv4/converse", test_converse);
  g_test_add_func ("/aws/sigv4/canonical-uri", test_canonical_uri);
  g_test_add_func ("/aws/sigv4/canonical-query", test_canonical_query);
  g_test_add_func ("/aws/sigv4/parse-authorization-refuses", test_parse_authorization_refuses);
  g_test_add_func ("/aws/sigv4/sign-refuses", test_sign_refuses);
  g_test_add_func ("/aws/sigv4/dates", test_dates);

  return g_test_run ();
}
