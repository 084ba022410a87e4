/* fp-test-browser.h: a phone's browser on the sandbox's verification page,
 * as far as a form goes: GET the page, read its first POST form (inputs
 * with their values, `required`, buttons with `formnovalidate`), type into
 * it, and submit it with one of its buttons the way a browser does —
 * refusing, as a browser does, when a required field is empty and the
 * button does not say formnovalidate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>
#include <string.h>

typedef struct {
  guint  status;        /* of the submission; 0 when the browser refused */
  char  *body;
  char  *refusal;       /* why the browser would not submit */
} FpTestBrowserResult;

static inline void
fp_test_browser_result_free (FpTestBrowserResult *r)
{
  g_free (r->body);
  g_free (r->refusal);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpTestBrowserResult, fp_test_browser_result_free)

static inline char *
fp_test_browser_unescape (const char *text)
{
  GString *out = g_string_new (NULL);
  static const char *const from[] = { "&amp;", "&quot;", "&lt;", "&gt;", "&#39;", "&apos;" };
  static const char *const to[] = { "&", "\"", "<", ">", "'", "'" };

  while (*text != '\0')
    {
      gboolean done = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (from) && !done; i++)
        if (g_str_has_prefix (text, from[i]))
          {
            g_string_append (out, to[i]);
            text += strlen (from[i]);
            done = TRUE;
          }
      if (!done)
        g_string_append_c (out, *text++);
    }
  return g_string_free (out, FALSE);
}

/* The attributes of one tag: name → value ("" for a bare attribute). */
static inline GHashTable *
fp_test_browser_attributes (const char *tag)
{
  GHashTable *attrs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GRegex) re = g_regex_new ("([a-zA-Z][a-zA-Z0-9_-]*)(?:=\"([^\"]*)\")?", 0, 0, NULL);
  g_autoptr(GMatchInfo) m = NULL;

  g_regex_match (re, tag, 0, &m);
  while (g_match_info_matches (m))
    {
      g_autofree char *name = g_match_info_fetch (m, 1);
      g_autofree char *value = g_match_info_fetch (m, 2);

      g_hash_table_insert (attrs, g_ascii_strdown (name, -1),
                           fp_test_browser_unescape (value != NULL ? value : ""));
      g_match_info_next (m, NULL);
    }
  return attrs;
}

/* Opens @page_url and submits its POST form with the button whose value is
 * @button, after typing @typed (name, value, …, NULL) into its fields. */
static inline FpTestBrowserResult *
fp_test_browser_submit (const char *page_url,
                        const char *button,
                        ...)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) get = soup_message_new ("GET", page_url);
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GHashTable) typed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GRegex) form_re = g_regex_new ("<form([^>]*)>(.*?)</form>", G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GRegex) control_re = g_regex_new ("<(input|button)([^>]*)>", 0, 0, NULL);
  g_autoptr(GMatchInfo) form = NULL;
  g_autoptr(GMatchInfo) control = NULL;
  g_autoptr(GHashTable) form_attrs = NULL;
  g_autofree char *html = NULL;
  g_autofree char *form_tag = NULL;
  g_autofree char *form_body = NULL;
  g_autofree char *action = NULL;
  g_autoptr(SoupMessage) post = NULL;
  g_autoptr(GBytes) answer = NULL;
  FpTestBrowserResult *result = g_new0 (FpTestBrowserResult, 1);
  gboolean have_button = FALSE, novalidate = FALSE;
  GPtrArray *required = g_ptr_array_new_with_free_func (g_free);
  va_list args;
  const char *name;

  va_start (args, button);
  while ((name = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (typed, (gpointer) name, va_arg (args, char *));
  va_end (args);

  page = soup_session_send_and_read (session, get, NULL, NULL);
  g_assert_nonnull (page);
  g_assert_cmpuint (soup_message_get_status (get), ==, 200);
  html = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));

  /* The first form that posts. */
  g_regex_match (form_re, html, 0, &form);
  while (g_match_info_matches (form))
    {
      g_clear_pointer (&form_tag, g_free);
      form_tag = g_match_info_fetch (form, 1);
      g_clear_pointer (&form_attrs, g_hash_table_unref);
      form_attrs = fp_test_browser_attributes (form_tag);
      if (g_ascii_strcasecmp (g_hash_table_lookup (form_attrs, "method") ?: "", "post") == 0)
        {
          form_body = g_match_info_fetch (form, 2);
          break;
        }
      g_match_info_next (form, NULL);
    }
  g_assert_nonnull (form_body);
  action = g_uri_resolve_relative (page_url, g_hash_table_lookup (form_attrs, "action") ?: "",
                                   G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (action);

  g_regex_match (control_re, form_body, 0, &control);
  while (g_match_info_matches (control))
    {
      g_autofree char *kind = g_match_info_fetch (control, 1);
      g_autofree char *tag = g_match_info_fetch (control, 2);
      g_autoptr(GHashTable) attrs = fp_test_browser_attributes (tag);
      const char *field = g_hash_table_lookup (attrs, "name");
      const char *value = g_hash_table_lookup (attrs, "value") ?: "";

      if (g_str_equal (kind, "button"))
        {
          if (g_strcmp0 (value, button) == 0 && field != NULL)
            {
              have_button = TRUE;
              novalidate = g_hash_table_contains (attrs, "formnovalidate");
              g_hash_table_insert (fields, g_strdup (field), g_strdup (value));
            }
        }
      else if (field != NULL)
        {
          if (g_hash_table_contains (typed, field))
            value = g_hash_table_lookup (typed, field);
          if (g_hash_table_contains (attrs, "required") && *value == '\0')
            g_ptr_array_add (required, g_strdup (field));
          g_hash_table_insert (fields, g_strdup (field), g_strdup (value));
        }
      g_match_info_next (control, NULL);
    }
  g_assert_true (have_button);

  if (required->len > 0 && !novalidate)
    {
      result->refusal = g_strdup_printf ("the field %s is required",
                                         (const char *) g_ptr_array_index (required, 0));
      g_ptr_array_unref (required);
      return result;
    }
  g_ptr_array_unref (required);

  post = soup_message_new_from_encoded_form ("POST", action, soup_form_encode_hash (fields));
  answer = soup_session_send_and_read (session, post, NULL, NULL);
  g_assert_nonnull (answer);
  result->status = soup_message_get_status (post);
  result->body = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  return result;
}
