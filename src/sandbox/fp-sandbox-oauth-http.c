/* fp-sandbox-oauth-http.c
 *
 * The OAuth 2.0 endpoints of the sandbox bank: authorize (code + PKCE S256,
 * loopback redirects), token, device_authorization with its verification
 * page, and revoke. Errors of the token endpoint are RFC 6749 5.2 JSON;
 * errors of authorize go back to a valid redirect URI (RFC 6749 4.1.2.1)
 * or, when the redirect URI itself is bad, are shown as a page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-oauth"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-sandbox-introspect.h"
#include "fp-sandbox-private.h"

#define DEFAULT_SCOPE "accounts offline_access"

static const char *
param (GHashTable *table,
       const char *name)
{
  return table != NULL ? g_hash_table_lookup (table, name) : NULL;
}

static gboolean
scope_ok (const char *scope)
{
  if (scope == NULL)
    return TRUE;
  if (strlen (scope) > 512)
    return FALSE;
  for (const char *p = scope; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == ' ' || *p == '_' || *p == ':' || *p == '.'))
      return FALSE;
  return TRUE;
}

static FpSandboxResponse *
oauth_error (guint       status,
             const char *error,
             const char *description)
{
  FpSandboxResponse *r = fp_sandbox_response_new (status, "application/json");
  FpJsonWriter w;

  fp_json_writer_init (&w, r->body);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "error", error);
  if (description != NULL)
    fp_json_kv_string (&w, "error_description", description);
  fp_json_end_object (&w);
  return r;
}

static FpSandboxResponse *
token_response (const FpSandboxTokens *tokens)
{
  FpSandboxResponse *r = fp_sandbox_response_new (SOUP_STATUS_OK, "application/json");
  FpJsonWriter w;

  fp_json_writer_init (&w, r->body);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "access_token", tokens->access_token);
  fp_json_kv_string (&w, "token_type", "Bearer");
  fp_json_kv_int (&w, "expires_in", tokens->expires_in);
  fp_json_kv_string (&w, "refresh_token", tokens->refresh_token);
  fp_json_kv_string (&w, "scope", tokens->scope);
  fp_json_end_object (&w);
  return r;
}

static char *
append_query (const char *uri,
              const char *first_name,
              ...)
{
  GString *out = g_string_new (uri);
  gboolean has_query = strchr (uri, '?') != NULL;
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        {
          g_string_append_c (out, has_query ? '&' : '?');
          has_query = TRUE;
          g_string_append_uri_escaped (out, name, NULL, FALSE);
          g_string_append_c (out, '=');
          g_string_append_uri_escaped (out, value, NULL, FALSE);
        }
      name = va_arg (args, const char *);
    }
  va_end (args);
  return g_string_free (out, FALSE);
}

static FpSandboxResponse *
redirect (const char *location)
{
  FpSandboxResponse *r = fp_sandbox_response_new (SOUP_STATUS_FOUND, "text/plain");

  r->location = g_strdup (location);
  return r;
}

static FpSandboxResponse *
redirect_error (const char *redirect_uri,
                const char *error,
                const char *description,
                const char *state)
{
  g_autofree char *location = append_query (redirect_uri,
                                            "error", error,
                                            "error_description", description,
                                            "state", state,
                                            NULL);

  return redirect (location);
}

static void
html_begin (GString    *out,
            const char *title)
{
  g_autofree char *t = g_markup_escape_text (title, -1);

  g_string_append_printf (out,
                          "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>%s</title></head><body><main><h1>%s</h1>\n", t, t);
}

static void
html_hidden (GString    *out,
             const char *name,
             const char *value)
{
  g_autofree char *v = NULL;

  if (value == NULL)
    return;
  v = g_markup_escape_text (value, -1);
  g_string_append_printf (out, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n", name, v);
}

static void
html_credentials (GString *out)
{
  g_string_append_printf (out,
                          "<p><label>%s <input name=\"username\" autocomplete=\"username\" required></label></p>\n"
                          "<p><label>%s <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label></p>\n"
                          "<p><label>%s <input name=\"otp\" inputmode=\"numeric\" autocomplete=\"one-time-code\" required></label></p>\n",
                          _("User name"), _("Password"), _("One-time code"));
}

static FpSandboxResponse *
html_page (guint    status,
           GString *out)
{
  FpSandboxResponse *r = fp_sandbox_response_new (status, "text/html; charset=utf-8");

  g_string_append (out, "</main></body></html>\n");
  g_string_free (r->body, TRUE);
  r->body = out;
  return r;
}

static FpSandboxResponse *
html_message (guint       status,
              const char *title,
              const char *message)
{
  GString *out = g_string_new (NULL);
  g_autofree char *m = g_markup_escape_text (message, -1);

  html_begin (out, title);
  g_string_append_printf (out, "<p>%s</p>\n", m);
  return html_page (status, out);
}

/* authorize */

static FpSandboxResponse *
authorize (FpSandboxRequest *req,
           GHashTable       *params,
           gboolean          submitted)
{
  FpSandboxServer *self = req->self;
  const char *client_id = param (params, "client_id");
  const char *redirect_uri = param (params, "redirect_uri");
  const char *response_type = param (params, "response_type");
  const char *challenge = param (params, "code_challenge");
  const char *method = param (params, "code_challenge_method");
  const char *state = param (params, "state");
  const char *scope = param (params, "scope");
  const char *login_hint = param (params, "login_hint");
  gint customer = -1;
  g_autofree char *code = NULL;
  g_autofree char *location = NULL;

  /* Without a valid client and redirect URI nothing may be redirected. */
  if (g_strcmp0 (client_id, FP_SANDBOX_CLIENT_ID) != 0)
    return html_message (SOUP_STATUS_BAD_REQUEST, _("Sign-in failed"),
                         _("The application is not known to the bank."));
  if (!fp_sandbox_redirect_uri_is_loopback (redirect_uri))
    return html_message (SOUP_STATUS_BAD_REQUEST, _("Sign-in failed"),
                         _("The redirect address must be a loopback address (127.0.0.1 or [::1])."));

  if (g_strcmp0 (response_type, "code") != 0)
    return redirect_error (redirect_uri, "unsupported_response_type",
                           "only response_type=code is supported", state);
  if (method == NULL)
    return redirect_error (redirect_uri, "invalid_request",
                           "code_challenge_method=S256 is required", state);
  if (strcmp (method, "S256") != 0)
    return redirect_error (redirect_uri, "invalid_request",
                           "only the S256 code challenge method is supported", state);
  if (!fp_sandbox_pkce_challenge_is_valid (challenge))
    return redirect_error (redirect_uri, "invalid_request",
                           "code_challenge must be 43 base64url characters", state);
  if (!scope_ok (scope))
    return redirect_error (redirect_uri, "invalid_scope", "malformed scope", state);
  if (state != NULL && strlen (state) > 512)
    return redirect_error (redirect_uri, "invalid_request", "state is too long", NULL);

  if (submitted && g_strcmp0 (param (params, "action"), "deny") == 0)
    return redirect_error (redirect_uri, "access_denied", "the customer declined", state);

  if (self->config.demo && g_strcmp0 (login_hint, FP_SANDBOX_DEMO_USERNAME) == 0)
    customer = fp_sandbox_oauth_customer_for_username (self->oauth, FP_SANDBOX_DEMO_USERNAME);
  else if (submitted)
    customer = fp_sandbox_oauth_check_credentials (self->oauth,
                                                   param (params, "username"),
                                                   param (params, "password"),
                                                   param (params, "otp"));

  if (customer < 0)
    {
      GString *out = g_string_new (NULL);
      static const char *const hidden[] = {
        "client_id", "redirect_uri", "response_type", "code_challenge",
        "code_challenge_method", "state", "scope",
      };

      html_begin (out, _("Sign in to the sandbox bank"));
      if (submitted)
        g_string_append_printf (out, "<p role=\"alert\">%s</p>\n",
                                _("The user name, password or one-time code is wrong."));
      g_string_append (out, "<form method=\"post\" action=\"/oauth/authorize\">\n");
      for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
        html_hidden (out, hidden[i], param (params, hidden[i]));
      html_credentials (out);
      g_string_append_printf (out,
                              "<p><button name=\"action\" value=\"approve\">%s</button> "
                              "<button name=\"action\" value=\"deny\">%s</button></p></form>\n",
                              _("Sign in"), _("Cancel"));
      return html_page (submitted ? SOUP_STATUS_UNAUTHORIZED : SOUP_STATUS_OK, out);
    }

  code = fp_sandbox_oauth_issue_code (self->oauth, (guint) customer, redirect_uri, challenge,
                                      scope != NULL ? scope : DEFAULT_SCOPE, req->now);
  location = append_query (redirect_uri, "code", code, "state", state, NULL);
  return redirect (location);
}

/* token */

static FpSandboxResponse *
token (FpSandboxRequest *req,
       GHashTable       *params)
{
  FpSandboxServer *self = req->self;
  const char *grant_type = param (params, "grant_type");
  g_auto(FpSandboxTokens) tokens = { 0 };
  const char *error_code = NULL;
  const char *error_description = NULL;
  gboolean ok;

  if (g_strcmp0 (param (params, "client_id"), FP_SANDBOX_CLIENT_ID) != 0)
    return oauth_error (SOUP_STATUS_UNAUTHORIZED, "invalid_client", "unknown client_id");
  if (grant_type == NULL)
    return oauth_error (SOUP_STATUS_BAD_REQUEST, "invalid_request", "grant_type is required");

  if (strcmp (grant_type, "authorization_code") == 0)
    ok = fp_sandbox_oauth_exchange_code (self->oauth, param (params, "code"),
                                         param (params, "redirect_uri"),
                                         param (params, "code_verifier"), req->now,
                                         &tokens, &error_code, &error_description);
  else if (strcmp (grant_type, "refresh_token") == 0)
    ok = fp_sandbox_oauth_refresh (self->oauth, param (params, "refresh_token"), req->now,
                                   &tokens, &error_code, &error_description);
  else if (strcmp (grant_type, "urn:ietf:params:oauth:grant-type:device_code") == 0)
    ok = fp_sandbox_oauth_device_poll (self->oauth, param (params, "device_code"), req->now,
                                       &tokens, &error_code, &error_description);
  else
    return oauth_error (SOUP_STATUS_BAD_REQUEST, "unsupported_grant_type", NULL);

  if (!ok)
    return oauth_error (SOUP_STATUS_BAD_REQUEST, error_code, error_description);
  return token_response (&tokens);
}

/* device */

static FpSandboxResponse *
device_authorization (FpSandboxRequest *req,
                      GHashTable       *params)
{
  FpSandboxServer *self = req->self;
  const char *scope = param (params, "scope");
  g_auto(FpSandboxDeviceGrant) grant = { 0 };
  g_autofree char *verification = NULL;
  g_autofree char *complete = NULL;
  FpSandboxResponse *r;
  FpJsonWriter w;

  if (g_strcmp0 (param (params, "client_id"), FP_SANDBOX_CLIENT_ID) != 0)
    return oauth_error (SOUP_STATUS_UNAUTHORIZED, "invalid_client", "unknown client_id");
  if (!scope_ok (scope))
    return oauth_error (SOUP_STATUS_BAD_REQUEST, "invalid_scope", "malformed scope");

  fp_sandbox_oauth_device_authorize (self->oauth, scope != NULL ? scope : DEFAULT_SCOPE,
                                     req->now, &grant);
  verification = g_strconcat (self->base_url, "oauth/device", NULL);
  complete = append_query (verification, "user_code", grant.user_code, NULL);

  r = fp_sandbox_response_new (SOUP_STATUS_OK, "application/json");
  fp_json_writer_init (&w, r->body);
  fp_json_begin_object (&w);
  fp_json_kv_string (&w, "device_code", grant.device_code);
  fp_json_kv_string (&w, "user_code", grant.user_code);
  fp_json_kv_string (&w, "verification_uri", verification);
  fp_json_kv_string (&w, "verification_uri_complete", complete);
  fp_json_kv_int (&w, "expires_in", grant.expires_in);
  fp_json_kv_int (&w, "interval", grant.interval);
  fp_json_end_object (&w);
  return r;
}

static FpSandboxResponse *
device_page (FpSandboxRequest *req,
             GHashTable       *params,
             gboolean          submitted)
{
  FpSandboxServer *self = req->self;
  const char *user_code = param (params, "user_code");
  gint customer = -1;
  GString *out;

  if (submitted)
    {
      gboolean deny = g_strcmp0 (param (params, "action"), "deny") == 0;

      if (!fp_sandbox_oauth_device_exists (self->oauth, user_code, req->now))
        return html_message (SOUP_STATUS_BAD_REQUEST, _("Sign-in failed"),
                             _("The code is unknown or has expired."));
      if (deny)
        {
          fp_sandbox_oauth_device_decide (self->oauth, user_code, -1, FALSE, req->now);
          return html_message (SOUP_STATUS_OK, _("Sign-in cancelled"),
                               _("You can close this page."));
        }
      customer = fp_sandbox_oauth_check_credentials (self->oauth,
                                                     param (params, "username"),
                                                     param (params, "password"),
                                                     param (params, "otp"));
      if (customer >= 0)
        {
          fp_sandbox_oauth_device_decide (self->oauth, user_code, customer, TRUE, req->now);
          return html_message (SOUP_STATUS_OK, _("Signed in"),
                               _("You can return to the kiosk now."));
        }
    }

  out = g_string_new (NULL);
  html_begin (out, _("Sign in on another device"));
  if (submitted)
    g_string_append_printf (out, "<p role=\"alert\">%s</p>\n",
                            _("The user name, password or one-time code is wrong."));
  g_string_append (out, "<form method=\"post\" action=\"/oauth/device\">\n");
  {
    g_autofree char *v = g_markup_escape_text (user_code != NULL ? user_code : "", -1);

    g_string_append_printf (out,
                            "<p><label>%s <input name=\"user_code\" value=\"%s\" required></label></p>\n",
                            _("Code shown on the screen"), v);
  }
  html_credentials (out);
  /* A browser checks `required` fields before it submits: cancelling must
   * not ask for the password first. */
  g_string_append_printf (out,
                          "<p><button name=\"action\" value=\"approve\">%s</button> "
                          "<button name=\"action\" value=\"deny\" formnovalidate>%s</button></p></form>\n",
                          _("Sign in"), _("Cancel"));
  return html_page (submitted ? SOUP_STATUS_UNAUTHORIZED : SOUP_STATUS_OK, out);
}

static GHashTable *
form_params (FpSandboxRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autofree char *body = NULL;

  if (g_strcmp0 (type, "application/x-www-form-urlencoded") != 0)
    return NULL;
  body = g_strndup (req->body, req->body_len);
  return soup_form_decode (body);
}

FpSandboxResponse *
fp_sandbox_handle_oauth (FpSandboxRequest *req)
{
  gboolean get = strcmp (req->method, "GET") == 0;
  gboolean post = strcmp (req->method, "POST") == 0;
  const char *what = req->n_segments == 2 ? req->segments[1] : "";
  g_autoptr(GHashTable) form = NULL;

  if (post)
    {
      form = form_params (req);
      if (form == NULL)
        return oauth_error (SOUP_STATUS_BAD_REQUEST, "invalid_request",
                            "the body must be application/x-www-form-urlencoded");
    }

  if (strcmp (what, "authorize") == 0 && (get || post))
    {
      req->route = "/oauth/authorize";
      return authorize (req, get ? req->query : form, post);
    }
  if (strcmp (what, "token") == 0 && post)
    {
      req->route = "/oauth/token";
      return token (req, form);
    }
  if (strcmp (what, "device_authorization") == 0 && post)
    {
      req->route = "/oauth/device_authorization";
      return device_authorization (req, form);
    }
  if (strcmp (what, "device") == 0 && (get || post))
    {
      req->route = "/oauth/device";
      return device_page (req, get ? req->query : form, post);
    }
  if (strcmp (what, "introspect") == 0 && post)
    {
      req->route = "/oauth/introspect";
      return fp_sandbox_handle_introspect (req, form);
    }
  if (strcmp (what, "revoke") == 0 && post)
    {
      req->route = "/oauth/revoke";
      if (g_strcmp0 (param (form, "client_id"), FP_SANDBOX_CLIENT_ID) != 0)
        return oauth_error (SOUP_STATUS_UNAUTHORIZED, "invalid_client", "unknown client_id");
      fp_sandbox_oauth_revoke (req->self->oauth, param (form, "token"));
      return fp_sandbox_response_new (SOUP_STATUS_OK, "text/plain");
    }
  return fp_sandbox_not_found ();
}
