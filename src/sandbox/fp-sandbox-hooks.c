/* fp-sandbox-hooks.c
 *
 * The test-only endpoints under /_sandbox/ (with --test-hooks): the
 * counters, the clock and the faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fp-sandbox-server"

#include "config.h"

#include <string.h>

#include "fp-clock.h"
#include "fp-sandbox-private.h"

FpSandboxResponse *
fp_sandbox_handle_hooks (FpSandboxServer  *self,
                         FpSandboxRequest *req)
{
  if (req->n_segments == 2 && strcmp (req->segments[1], "stats") == 0
      && strcmp (req->method, "GET") == 0)
    {
      GString *out = g_string_new (NULL);
      FpJsonWriter w;
      GHashTableIter iter;
      gpointer key, value;

      fp_json_writer_init (&w, out);
      fp_json_begin_object (&w);
      fp_json_kv_int (&w, "requests", (gint64) self->n_requests);
      fp_json_kv_int (&w, "writesApplied", (gint64) self->n_writes);
      fp_json_kv_int (&w, "genaiRequests", (gint64) self->n_genai);
      fp_json_kv_int (&w, "genaiRejected", (gint64) self->n_genai_rejected);
      fp_json_kv_int (&w, "rateLimited", (gint64) self->n_rate_limited);
      fp_json_kv_int (&w, "verdictsRecorded", (gint64) self->n_verdicts);
      fp_json_kv_int (&w, "cardControlsApplied", (gint64) self->n_card_controls);
      fp_json_kv_int (&w, "deviceSlowDowns", (gint64) fp_sandbox_oauth_get_n_slow_downs (self->oauth));
      {
        g_autofree char *today = fp_clock_format_iso (fp_sandbox_server_today (self));
        gint32 last = fp_bank_data_get_last_day (self->bank->data);
        g_autofree char *booked = last != G_MININT32 ? fp_clock_format_iso (last) : NULL;

        fp_json_kv_string (&w, "today", today);
        if (booked != NULL)
          fp_json_kv_string (&w, "lastBookedDay", booked);
      }
      fp_json_key (&w, "faults");
      fp_json_begin_object (&w);
      fp_json_kv_int (&w, "error", (gint64) self->n_fault_error);
      fp_json_kv_int (&w, "cut", (gint64) self->n_fault_cut);
      fp_json_kv_int (&w, "malformed", (gint64) self->n_fault_malformed);
      fp_json_kv_int (&w, "truncated", (gint64) self->n_fault_truncate);
      fp_json_kv_int (&w, "storm", (gint64) self->n_fault_storm);
      fp_json_end_object (&w);
      fp_json_key (&w, "idempotentReplays");
      fp_json_begin_object (&w);
      g_hash_table_iter_init (&iter, self->replays);
      while (g_hash_table_iter_next (&iter, &key, &value))
        fp_json_kv_int (&w, key, GPOINTER_TO_UINT (value));
      fp_json_end_object (&w);
      fp_json_key (&w, "routes");
      fp_json_begin_object (&w);
      g_hash_table_iter_init (&iter, self->path_counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        fp_json_kv_int (&w, key, GPOINTER_TO_UINT (value));
      fp_json_end_object (&w);
      fp_json_end_object (&w);
      return fp_sandbox_json_response (SOUP_STATUS_OK, out);
    }

  if (req->n_segments == 2 && strcmp (req->method, "POST") == 0
      && (strcmp (req->segments[1], "clock") == 0 || strcmp (req->segments[1], "faults") == 0))
    {
      FpSandboxResponse *problem = fp_sandbox_parse_json_body (req);
      JsonObject *o;

      if (problem != NULL)
        return problem;
      o = json_node_get_object (req->json);
      if (strcmp (req->segments[1], "clock") == 0)
        {
          self->clock_offset += json_object_get_int_member_with_default (o, "advanceSeconds", 0);
          fp_sandbox_state_save (self, NULL, NULL, NULL);
        }
      else
        {
          FpSandboxFaults *f = &self->config.faults;

          f->seed = (guint32) json_object_get_int_member_with_default (o, "seed", f->seed);
          f->error_rate = json_object_get_double_member_with_default (o, "errorRate", 0);
          f->latency_ms = (guint) json_object_get_int_member_with_default (o, "latencyMs", 0);
          f->cut_rate = json_object_get_double_member_with_default (o, "cutRate", 0);
          f->malformed_rate = json_object_get_double_member_with_default (o, "malformedRate", 0);
          f->truncate_rate = json_object_get_double_member_with_default (o, "truncateRate", 0);
          f->storm_rate = json_object_get_double_member_with_default (o, "stormRate", 0);
          f->storm_length = (guint) json_object_get_int_member_with_default (o, "stormLength", 5);
          self->storm_left = 0;
          g_rand_set_seed (self->fault_rand, f->seed);
          fp_sandbox_oauth_force_slow_downs (self->oauth,
                                             (guint) CLAMP (json_object_get_int_member_with_default (o, "deviceSlowDowns", 0),
                                                            0, 100));
        }
      return fp_sandbox_response_new (SOUP_STATUS_NO_CONTENT, "application/json");
    }
  return fp_sandbox_not_found ();
}
