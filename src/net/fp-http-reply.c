/* fp-http-reply.c
 *
 * What the bank answers, read strictly: a reply freed, JSON parsed behind
 * the size cap and the strict JSON rule (fp_json_parse_guarded()), and
 * RFC 7807 problems turned into errors with a sentence for the customer
 * (fp_http_problem_to_error()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-http-client.h"
#include "fp-net-error.h"
#include "fp-net-private.h"

void
fp_http_reply_free (FpHttpReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_free (reply->etag);
  g_free (reply->content_type);
  g_free (reply);
}

/* Guarded parsing */

/**
 * fp_json_parse_guarded:
 * @data: bytes from the network
 * @len: their length
 * @max_bytes: the cap for this kind of reply
 * @error: a #GError
 *
 * _fp_json_check_reply(), then json-glib.
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
fp_json_parse_guarded (const char  *data,
                       gsize        len,
                       gsize        max_bytes,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (!_fp_json_check_reply (data, len, max_bytes, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local))
    {
      g_debug ("reply is not JSON: %s", local->message);
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED,
                           _("The bank sent a damaged answer. Nothing was changed."));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, FP_NET_ERROR, FP_NET_ERROR_MALFORMED,
                           _("The bank sent an empty answer. Nothing was changed."));
      return NULL;
    }
  return json_node_ref (root);
}

/* Problems (RFC 7807) */

static const char *
object_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = o != NULL ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

/**
 * fp_http_problem_to_error:
 * @status: the HTTP status
 * @content_type: (nullable): the reply's media type
 * @body: (nullable): the reply's body
 *
 * Makes an error for a non-2xx reply: the message is one sentence for the
 * customer chosen by status; the problem's type and title (never its
 * detail, which may name the customer) go to g_debug().
 *
 * Returns: (transfer full): a new #GError in %FP_NET_ERROR
 */
GError *
fp_http_problem_to_error (guint       status,
                          const char *content_type,
                          GBytes     *body)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o = NULL;
  const char *type = NULL;
  const char *title = NULL;
  FpNetError code;
  const char *message;

  if (body != NULL && content_type != NULL
      && (g_str_equal (content_type, "application/problem+json")
          || g_str_equal (content_type, "application/json")))
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (body, &len);

      root = fp_json_parse_guarded (data, len, FP_HTTP_MAX_PROBLEM_BYTES, NULL);
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          o = json_node_get_object (root);
          type = object_string (o, "type");
          title = object_string (o, "title");
          if (type == NULL)
            type = object_string (o, "error");    /* RFC 6749 5.2 */
        }
    }
  g_debug ("bank error: HTTP %u, type %s, title %s", status,
           type != NULL ? type : "(none)", title != NULL ? title : "(none)");

  switch (status)
    {
    case 401:
      code = FP_NET_ERROR_UNAUTHORIZED;
      message = _("Your sign-in has expired or was withdrawn. Please sign in again.");
      break;
    case 403:
      code = FP_NET_ERROR_PROBLEM;
      message = _("The bank did not allow the app to see this information.");
      break;
    case 404:
      code = FP_NET_ERROR_PROBLEM;
      message = _("The bank does not know this item.");
      break;
    case 409:
      code = FP_NET_ERROR_PROBLEM;
      message = _("The bank is still working on an earlier copy of this request.");
      break;
    case 429:
      code = FP_NET_ERROR_RATE_LIMITED;
      message = _("The bank asked the app to slow down. It will try again shortly.");
      break;
    default:
      if (status >= 500)
        {
          code = FP_NET_ERROR_SERVER;
          message = _("The bank is having trouble right now. The app will try again later.");
        }
      else
        {
          code = FP_NET_ERROR_PROBLEM;
          message = _("The bank did not accept the request.");
        }
      break;
    }
  return g_error_new_literal (FP_NET_ERROR, code, message);
}
