/* fp-proxy-audit.c
 *
 * The audit trail: one JSON line per request, to stderr or to a file
 * (--audit-file, appended). A line says who asked (a keyed hash of the
 * bank's subject, HMAC-SHA256 with a key of the operator's, cut to 128
 * bits: the same customer gets the same hash across requests and
 * instances that share the key, and nobody without the key can tell who
 * it is), which template, how many model tokens went in and out, how long
 * it took and how it ended. Never a token, a fact, a question, an answer,
 * an IP address or the subject itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-proxy"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fp-proxy-audit.h"

struct _FpProxyAudit {
  FILE   *file;       /* NULL: stderr */
  guint8  key[32];
};

/**
 * fp_proxy_audit_new:
 * @path: (nullable): a file to append to, %NULL for stderr
 * @key: the key of the customer hash
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the audit log
 */
FpProxyAudit *
fp_proxy_audit_new (const char    *path,
                    const guint8   key[32],
                    GError       **error)
{
  FpProxyAudit *audit;
  FILE *file = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  if (path != NULL)
    {
      file = fopen (path, "ae");
      if (file == NULL)
        {
          int saved = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       "Cannot open the audit file: %s", g_strerror (saved));
          return NULL;
        }
      setvbuf (file, NULL, _IOLBF, 0);
    }
  audit = g_new0 (FpProxyAudit, 1);
  audit->file = file;
  memcpy (audit->key, key, sizeof audit->key);
  return audit;
}

void
fp_proxy_audit_free (FpProxyAudit *audit)
{
  if (audit == NULL)
    return;
  if (audit->file != NULL)
    fclose (audit->file);
  memset (audit->key, 0, sizeof audit->key);
  g_free (audit);
}

/**
 * fp_proxy_audit_customer_hash:
 * @audit: the audit log
 * @subject: the bank's subject for the customer
 *
 * Returns: (transfer full): 32 hex digits of HMAC-SHA256(key, subject)
 */
char *
fp_proxy_audit_customer_hash (FpProxyAudit *audit,
                              const char   *subject)
{
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize len = sizeof digest;
  GString *hex = g_string_sized_new (32);

  g_return_val_if_fail (audit != NULL && subject != NULL, NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, audit->key, sizeof audit->key);
  g_hmac_update (hmac, (const guchar *) subject, -1);
  g_hmac_get_digest (hmac, digest, &len);
  for (guint i = 0; i < 16; i++)
    g_string_append_printf (hex, "%02x", digest[i]);
  return g_string_free (hex, FALSE);
}

static void
kv_string (GString    *out,
           const char *key,
           const char *value)
{
  g_string_append_printf (out, ",\"%s\":", key);
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  /* Every value here is ours (ids, hex, fixed words, validated template
   * names); escape all the same. */
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * fp_proxy_audit_format:
 * @record: the record
 * @now_us: the time, microseconds of real time
 *
 * Returns: (transfer full): the line, without its newline
 */
char *
fp_proxy_audit_format (const FpProxyAuditRecord *record,
                       gint64                    now_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (now_us / G_USEC_PER_SEC);
  g_autofree char *stamp = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
  GString *out = g_string_new ("{\"audit\":\"finpersona-genai-proxy\"");

  g_return_val_if_fail (record != NULL, NULL);

  kv_string (out, "time", stamp);
  kv_string (out, "request", record->request_id);
  kv_string (out, "customer", record->customer);
  kv_string (out, "template", record->template_name);
  kv_string (out, "route", record->route);
  g_string_append_printf (out, ",\"status\":%u", record->status);
  kv_string (out, "outcome", record->outcome);
  g_string_append_printf (out, ",\"tokensIn\":%" G_GINT64_FORMAT ",\"tokensOut\":%" G_GINT64_FORMAT
                          ",\"latencyMs\":%" G_GINT64_FORMAT ",\"attempts\":%u,\"streamed\":%s}",
                          record->tokens_in, record->tokens_out, record->latency_ms,
                          record->attempts, record->streamed ? "true" : "false");
  return g_string_free (out, FALSE);
}

void
fp_proxy_audit_write (FpProxyAudit             *audit,
                      const FpProxyAuditRecord *record)
{
  g_autofree char *line = NULL;

  g_return_if_fail (audit != NULL && record != NULL);

  line = fp_proxy_audit_format (record, g_get_real_time ());
  fprintf (audit->file != NULL ? audit->file : stderr, "%s\n", line);
  if (audit->file == NULL)
    fflush (stderr);
}
