/* fp-cache-conversation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The assistant's conversation in the local-only `assistant_messages`
 * table: it exists nowhere else, so syncs never touch it; it is in
 * "Download my data" like every table, and goes with the cache on erase.
 */

#define G_LOG_DOMAIN "fp-cache-conversation"

#include "config.h"

#include <string.h>

#include "fp-cache-conversation.h"
#include "fp-cache-private.h"
#include "fp-store-error.h"

/**
 * fp_conversation_message_free:
 * @message: (nullable): a message
 */
void
fp_conversation_message_free (FpConversationMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->role);
  g_free (message->text);
  g_free (message->source);
  g_strfreev (message->facts);
  g_free (message);
}

/* Facts as `key=value` lines; keys are a-z, 0-9, '_' and '.', values one
 * line each. */
static gboolean
facts_to_text (const char * const *facts,
               char              **out)
{
  g_autoptr(GString) text = g_string_new (NULL);

  *out = NULL;
  if (facts == NULL)
    return TRUE;
  for (guint i = 0; facts[i] != NULL; i += 2)
    {
      if (facts[i + 1] == NULL || *facts[i] == '\0' || strlen (facts[i]) > 64
          || strpbrk (facts[i + 1], "\n\r") != NULL || !g_utf8_validate (facts[i + 1], -1, NULL))
        return FALSE;
      for (const char *p = facts[i]; *p; p++)
        if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '.'))
          return FALSE;
      g_string_append_printf (text, "%s=%s\n", facts[i], facts[i + 1]);
    }
  *out = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

static GStrv
facts_from_text (const char *text)
{
  g_autoptr(GStrvBuilder) b = NULL;
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return NULL;
  b = g_strv_builder_new ();
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq = strchr (lines[i], '=');

      if (eq == NULL)
        continue;
      *eq = '\0';
      g_strv_builder_add (b, lines[i]);
      g_strv_builder_add (b, eq + 1);
    }
  return g_strv_builder_end (b);
}

static gboolean
step_done (FpCache       *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return _fp_cache_set_error (error, self->db, rc, what);
  return TRUE;
}

/**
 * fp_cache_add_assistant_message:
 * @self: a #FpCache
 * @role: `user` or `assistant`
 * @text: the message (UTF-8, at most %FP_CACHE_MESSAGE_MAX_TEXT bytes)
 * @source: (nullable): who wrote an answer
 * @facts: (nullable) (array zero-terminated=1): the facts of an answer,
 *   keys and values alternating
 * @error: return location for a #FpStoreError
 *
 * Adds a message at the end of the conversation, and forgets the oldest
 * beyond %FP_CACHE_CONVERSATION_MAX.
 *
 * Returns: the message's id, or 0 on error
 */
gint64
fp_cache_add_assistant_message (FpCache             *self,
                                const char          *role,
                                const char          *text,
                                const char          *source,
                                const char * const  *facts,
                                GError             **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *facts_text = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (FP_IS_CACHE (self), 0);
  g_return_val_if_fail (role != NULL && text != NULL, 0);

  if ((strcmp (role, "user") != 0 && strcmp (role, "assistant") != 0)
      || strlen (text) > FP_CACHE_MESSAGE_MAX_TEXT || !g_utf8_validate (text, -1, NULL)
      || (source != NULL && (strlen (source) > 300 || !g_utf8_validate (source, -1, NULL)))
      || !facts_to_text (facts, &facts_text))
    {
      g_set_error_literal (error, FP_STORE_ERROR, FP_STORE_ERROR_INVALID,
                           "a conversation message needs a role, short UTF-8 text and key=value facts");
      return 0;
    }

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error) || !_fp_cache_begin (self, error))
    return 0;
  if (!(stmt = _fp_cache_prepare (self,
                                  "INSERT INTO assistant_messages (role, text, source, facts, created) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5)",
                                  error)))
    goto fail;
  sqlite3_bind_text (stmt, 1, role, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  if (source != NULL)
    sqlite3_bind_text (stmt, 3, source, -1, SQLITE_STATIC);
  if (facts_text != NULL)
    sqlite3_bind_text (stmt, 4, facts_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  if (!step_done (self, stmt, "add message", error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  if (!(stmt = _fp_cache_prepare (self,
                                  "DELETE FROM assistant_messages WHERE id <= "
                                  "(SELECT id FROM assistant_messages ORDER BY id DESC LIMIT 1 OFFSET ?1)",
                                  error)))
    goto fail;
  sqlite3_bind_int (stmt, 1, FP_CACHE_CONVERSATION_MAX);
  if (!step_done (self, stmt, "trim conversation", error))
    goto fail;
  if (!_fp_cache_commit (self, error))
    return 0;
  return id;

fail:
  _fp_cache_rollback (self);
  return 0;
}

/**
 * fp_cache_list_assistant_messages:
 * @self: a #FpCache
 * @error: return location for a #FpStoreError
 *
 * Returns: (transfer container) (element-type FpConversationMessage) (nullable):
 *   the conversation, the oldest first; %NULL on error
 */
GPtrArray *
fp_cache_list_assistant_messages (FpCache  *self,
                                  GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FP_IS_CACHE (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  if (!_fp_cache_check_open (self, error)
      || !(stmt = _fp_cache_prepare (self,
                                     "SELECT id, role, text, source, facts, created FROM assistant_messages "
                                     "ORDER BY id",
                                     error)))
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_conversation_message_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpConversationMessage *m = g_new0 (FpConversationMessage, 1);

      m->id = sqlite3_column_int64 (stmt, 0);
      m->role = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      m->text = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      m->source = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      m->facts = facts_from_text ((const char *) sqlite3_column_text (stmt, 4));
      m->created = sqlite3_column_int64 (stmt, 5);
      if (m->role == NULL)
        m->role = g_strdup ("user");
      if (m->text == NULL)
        m->text = g_strdup ("");
      g_ptr_array_add (list, m);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _fp_cache_set_error (error, self->db, rc, "list messages");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * fp_cache_clear_conversation:
 * @self: a #FpCache
 * @error: return location for a #FpStoreError
 *
 * Forgets the whole conversation ("Clear conversation").
 *
 * Returns: %TRUE on success
 */
gboolean
fp_cache_clear_conversation (FpCache  *self,
                             GError  **error)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (FP_IS_CACHE (self), FALSE);

  locker = g_mutex_locker_new (&self->lock);
  return _fp_cache_check_open (self, error) && _fp_cache_exec (self, "DELETE FROM assistant_messages;", error);
}
