/* hdr-auth-parse.c: tolerant parsers for Authentication-Results (RFC 8601),
 * ARC-Authentication-Results (RFC 8617), Received-SPF (RFC 7208 section 9.1)
 * and DKIM tag lists (RFC 6376 section 3.2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-auth"

#include "config.h"

#include <string.h>

#include "hdr-auth-private.h"

typedef enum
{
  TOKEN_ATOM,
  TOKEN_QUOTED,
  TOKEN_EQUALS,
  TOKEN_SEMICOLON,
  TOKEN_END,
} TokenKind;

/* One lexical token of a field value.  Comments (RFC 5322 CFWS) are not
 * tokens: the first comment before a token is stored with it, because a
 * comment after a result word is the writer's explanation of that result. */
typedef struct
{
  TokenKind  kind;
  char      *text;          /* atom or unquoted string, NULL for '=', ';' and the end */
  char      *comment;       /* first comment directly before this token, or NULL */
  gboolean   space_before;  /* whitespace or a comment separates it from the previous token */
} Token;

/* Method names in use in Authentication-Results fields, Microsoft's
 * compauth included.  A bare "name=" that is one of these starts a new
 * result even where the writer left out the ';' before it. */
static const char * const known_methods[] = {
  "arc", "auth", "bimi", "compauth", "dkim", "dkim-adsp", "dkim-atps", "dmarc",
  "dnswl", "domainkeys", "iprev", "rrvs", "sender-id", "smime", "spf", "vbr",
};

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_clear_pointer (&token->text, g_free);
  g_clear_pointer (&token->comment, g_free);
}

void
_hdr_auth_property_free (HdrAuthProperty *property)
{
  if (property == NULL)
    return;

  g_free (property->name);
  g_free (property->value);
  g_free (property);
}

void
_hdr_auth_result_free (HdrAuthResult *result)
{
  if (result == NULL)
    return;

  g_free (result->header_name);
  g_free (result->authserv_id);
  g_free (result->method);
  g_free (result->method_version);
  g_free (result->result);
  g_free (result->reason);
  g_clear_pointer (&result->properties, g_ptr_array_unref);
  g_free (result);
}

static HdrAuthProperty *
property_new (const char *name,
              const char *value)
{
  HdrAuthProperty *property;

  g_assert (name != NULL);
  g_assert (value != NULL);

  property = g_new0 (HdrAuthProperty, 1);
  property->name = g_strdup (name);
  property->value = g_strdup (value);

  return property;
}

/* Collapses each run of whitespace into one space and trims both ends. */
static char *
collapse_whitespace (const char *text)
{
  GString *out;
  gboolean pending_space = FALSE;

  g_assert (text != NULL);

  out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Reads a comment starting at the '(' under *cursor.  Comments nest and
 * take quoted-pairs (RFC 5322 section 3.2.2).  An unclosed comment ends
 * with the value. */
static char *
read_comment (const char **cursor)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *p = *cursor;
  guint depth = 1;

  g_assert (*p == '(');

  for (p++; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (text, *p);
          continue;
        }

      if (*p == '(')
        depth++;
      else if (*p == ')' && --depth == 0)
        {
          p++;
          break;
        }

      g_string_append_c (text, *p);
    }

  *cursor = p;

  return collapse_whitespace (text->str);
}

/* Reads a quoted-string starting at the '"' under *cursor and returns its
 * content with quoted-pairs resolved.  An unclosed string ends with the value. */
static char *
read_quoted (const char **cursor)
{
  GString *text = g_string_new (NULL);
  const char *p = *cursor;

  g_assert (*p == '"');

  for (p++; *p != '\0' && *p != '"'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      g_string_append_c (text, *p);
    }

  if (*p == '"')
    p++;

  *cursor = p;

  return g_string_free (text, FALSE);
}

static gboolean
is_atom_char (char c)
{
  return c != '\0' && !g_ascii_isspace (c) && strchr ("()\";=", c) == NULL;
}

/* Splits a field value into tokens.  The array always ends with one
 * TOKEN_END, which carries any trailing comment. */
static GArray *
tokenize (const char *value)
{
  GArray *tokens;
  g_autofree char *pending_comment = NULL;
  gboolean space_before = FALSE;
  const char *p = value;

  g_assert (value != NULL);

  tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_array_set_clear_func (tokens, token_clear);

  while (*p != '\0')
    {
      Token token = { 0, };

      if (g_ascii_isspace (*p) || *p == ')')
        {
          /* A stray ')' has no opening comment and is read as a separator. */
          space_before = TRUE;
          p++;
          continue;
        }

      if (*p == '(')
        {
          g_autofree char *comment = read_comment (&p);

          if (pending_comment == NULL)
            pending_comment = g_steal_pointer (&comment);
          space_before = TRUE;
          continue;
        }

      if (*p == '"')
        {
          token.kind = TOKEN_QUOTED;
          token.text = read_quoted (&p);
        }
      else if (*p == '=')
        {
          token.kind = TOKEN_EQUALS;
          p++;
        }
      else if (*p == ';')
        {
          token.kind = TOKEN_SEMICOLON;
          p++;
        }
      else
        {
          const char *start = p;

          while (is_atom_char (*p))
            p++;
          token.kind = TOKEN_ATOM;
          token.text = g_strndup (start, p - start);
        }

      token.comment = g_steal_pointer (&pending_comment);
      token.space_before = space_before;
      space_before = FALSE;
      g_array_append_val (tokens, token);
    }

  {
    Token end = { TOKEN_END, NULL, g_steal_pointer (&pending_comment), TRUE };

    g_array_append_val (tokens, end);
  }

  return tokens;
}

/* Returns the token at pos, or the final TOKEN_END past the end. */
static const Token *
token_at (GArray *tokens,
          guint   pos)
{
  g_assert (tokens->len > 0);

  return &g_array_index (tokens, Token, MIN (pos, tokens->len - 1));
}

static gboolean
token_is (GArray    *tokens,
          guint      pos,
          TokenKind  kind)
{
  return token_at (tokens, pos)->kind == kind;
}

static guint
skip_to_semicolon (GArray *tokens,
                   guint   pos)
{
  while (!token_is (tokens, pos, TOKEN_SEMICOLON) && !token_is (tokens, pos, TOKEN_END))
    pos++;

  return pos;
}

/* A method or result name: RFC 5321 Keyword letters, digits and '-', plus
 * the '_' some writers use. */
static gboolean
is_keyword (const char *text)
{
  if (text == NULL || *text == '\0' || !g_ascii_isalnum (*text))
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_all_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_known_method (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_methods); i++)
    {
      if (g_ascii_strcasecmp (name, known_methods[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Reads the value after a "name=" starting at *pos.  A quoted-string is
 * one value.  Otherwise atoms and '=' that touch each other are joined, so
 * that a base64 "header.b=abc=" keeps its padding.  An empty value (the
 * next token is ';' or the end) reads as "". */
static char *
read_value (GArray *tokens,
            guint  *pos)
{
  const Token *token = token_at (tokens, *pos);
  GString *value;

  if (token->kind == TOKEN_SEMICOLON || token->kind == TOKEN_END)
    return g_strdup ("");

  if (token->kind == TOKEN_QUOTED)
    {
      (*pos)++;
      return g_strdup (token->text);
    }

  value = g_string_new (NULL);

  for (;;)
    {
      if (token->kind == TOKEN_ATOM)
        g_string_append (value, token->text);
      else if (token->kind == TOKEN_EQUALS)
        g_string_append_c (value, '=');
      else
        break;

      (*pos)++;
      token = token_at (tokens, *pos);
      if (token->space_before)
        break;
    }

  return g_string_free (value, FALSE);
}

/* Reads "method[/version]=result" at *pos.  On success stores the lower-case
 * method, version and result and leaves *pos after the result word. */
static gboolean
read_method_spec (GArray  *tokens,
                  guint   *pos,
                  char   **method,
                  char   **method_version,
                  char   **result)
{
  g_autoptr(GString) spec = NULL;
  g_auto(GStrv) parts = NULL;
  const Token *token = token_at (tokens, *pos);

  if (token->kind != TOKEN_ATOM)
    return FALSE;

  /* RFC 8601 section 2.2 allows CFWS around the '/' of "dkim / 1". */
  spec = g_string_new (token->text);
  (*pos)++;
  while (token_is (tokens, *pos, TOKEN_ATOM)
         && (g_str_has_suffix (spec->str, "/")
             || token_at (tokens, *pos)->text[0] == '/'))
    {
      g_string_append (spec, token_at (tokens, *pos)->text);
      (*pos)++;
    }

  parts = g_strsplit (spec->str, "/", 2);
  if (!is_keyword (parts[0]))
    return FALSE;
  if (parts[1] != NULL && !is_all_digits (parts[1]))
    return FALSE;

  if (!token_is (tokens, *pos, TOKEN_EQUALS))
    return FALSE;
  (*pos)++;

  token = token_at (tokens, *pos);
  if (token->kind != TOKEN_ATOM || !is_keyword (token->text))
    return FALSE;
  (*pos)++;

  *method = g_ascii_strdown (parts[0], -1);
  *method_version = g_strdup (parts[1]);
  *result = g_ascii_strdown (token->text, -1);

  return TRUE;
}

/* Reads "name=value" pairs up to the next ';' into result.  The first
 * "reason" goes to *reason, and any other name becomes a property.  With
 * stop_at_method, returns early at a bare known method name, which starts
 * the next result. */
static void
read_properties (GArray         *tokens,
                 guint          *pos,
                 HdrAuthResult  *result,
                 char          **reason,
                 gboolean        stop_at_method)
{
  while (!token_is (tokens, *pos, TOKEN_SEMICOLON) && !token_is (tokens, *pos, TOKEN_END))
    {
      const Token *token = token_at (tokens, *pos);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (token->kind != TOKEN_ATOM || !token_is (tokens, *pos + 1, TOKEN_EQUALS))
        {
          /* Text that is not "name=value" carries nothing to record. */
          (*pos)++;
          continue;
        }

      name = g_ascii_strdown (token->text, -1);
      if (stop_at_method && strchr (name, '.') == NULL && is_known_method (name))
        return;

      *pos += 2;
      value = read_value (tokens, pos);

      if (g_str_equal (name, "reason"))
        {
          if (*reason == NULL)
            *reason = g_steal_pointer (&value);
        }
      else
        {
          g_ptr_array_add (result->properties, property_new (name, value));
        }
    }
}

static HdrAuthResult *
result_new (const char *header_name,
            guint       header_index,
            const char *authserv_id,
            guint       arc_instance)
{
  HdrAuthResult *result = g_new0 (HdrAuthResult, 1);

  result->header_name = g_strdup (header_name);
  result->header_index = header_index;
  result->authserv_id = g_strdup (authserv_id);
  result->arc_instance = arc_instance;
  result->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) _hdr_auth_property_free);

  return result;
}

/* Reads one resinfo (RFC 8601 section 2.2) at *pos and appends it to
 * results.  A malformed resinfo is skipped up to the next ';'. */
static void
read_resinfo (GArray     *tokens,
              guint      *pos,
              const char *header_name,
              guint       header_index,
              const char *authserv_id,
              guint       arc_instance,
              GPtrArray  *results)
{
  g_autofree char *method = NULL;
  g_autofree char *method_version = NULL;
  g_autofree char *result_word = NULL;
  g_autofree char *reason = NULL;
  HdrAuthResult *result;
  guint start = *pos;
  guint after_result;

  if (!read_method_spec (tokens, pos, &method, &method_version, &result_word))
    {
      g_debug ("Skipping malformed result in %s field %u", header_name, header_index);
      *pos = skip_to_semicolon (tokens, MAX (*pos, start + 1));
      return;
    }

  after_result = *pos;
  result = result_new (header_name, header_index, authserv_id, arc_instance);
  result->method = g_steal_pointer (&method);
  result->method_version = g_steal_pointer (&method_version);
  result->result = g_steal_pointer (&result_word);

  /* A comment right after the result word, as in "spf=pass (sender IP is
   * 192.0.2.1)", is the writer's explanation, unless a reason= is given. */
  read_properties (tokens, pos, result, &reason, TRUE);
  if (reason != NULL)
    result->reason = g_steal_pointer (&reason);
  else
    result->reason = g_strdup (token_at (tokens, after_result)->comment);

  g_ptr_array_add (results, result);
}

/* Reads the "i=N;" that starts an ARC-Authentication-Results value
 * (RFC 8617 section 4.1.1).  Returns 0 when it is missing or invalid. */
static guint
read_instance_tag (GArray *tokens,
                   guint  *pos)
{
  const Token *name = token_at (tokens, *pos);
  const Token *number = token_at (tokens, *pos + 2);
  guint64 instance = 0;

  if (name->kind != TOKEN_ATOM
      || g_ascii_strcasecmp (name->text, "i") != 0
      || !token_is (tokens, *pos + 1, TOKEN_EQUALS)
      || number->kind != TOKEN_ATOM
      || !g_ascii_string_to_unsigned (number->text, 10, 1, 50, &instance, NULL))
    return 0;

  *pos += 3;
  if (token_is (tokens, *pos, TOKEN_SEMICOLON))
    (*pos)++;

  return (guint) instance;
}

/*
 * Parses one Authentication-Results value (RFC 8601 section 2.2), or with
 * has_instance an ARC-Authentication-Results value, and appends one
 * HdrAuthResult per resinfo to results.  Accepted beyond the grammar:
 * Microsoft's form without an authserv-id ("spf=pass ...; dkim=..."),
 * properties without a ptype ("action=none"), and a missing ';' before a
 * known method name.
 */
void
_hdr_auth_parse_results (const char *value,
                         const char *header_name,
                         guint       header_index,
                         gboolean    has_instance,
                         GPtrArray  *results)
{
  g_autoptr(GArray) tokens = NULL;
  g_autofree char *authserv_id = NULL;
  guint arc_instance = 0;
  guint pos = 0;

  g_return_if_fail (value != NULL);
  g_return_if_fail (header_name != NULL);
  g_return_if_fail (results != NULL);

  tokens = tokenize (value);

  if (has_instance)
    arc_instance = read_instance_tag (tokens, &pos);

  /* The authserv-id is a token or quoted-string that is not followed by
   * '=', because "name=" already starts a result. */
  if ((token_is (tokens, pos, TOKEN_ATOM) || token_is (tokens, pos, TOKEN_QUOTED))
      && !token_is (tokens, pos + 1, TOKEN_EQUALS))
    {
      authserv_id = g_strdup (token_at (tokens, pos)->text);
      pos++;

      /* The optional authres-version and anything else before the first
       * ';' carry nothing to record. */
      pos = skip_to_semicolon (tokens, pos);
    }

  while (!token_is (tokens, pos, TOKEN_END))
    {
      const Token *token;

      if (token_is (tokens, pos, TOKEN_SEMICOLON))
        {
          pos++;
          continue;
        }

      /* "none" stands for no results at all (RFC 8601 section 2.2). */
      token = token_at (tokens, pos);
      if (token->kind == TOKEN_ATOM
          && g_ascii_strcasecmp (token->text, "none") == 0
          && !token_is (tokens, pos + 1, TOKEN_EQUALS))
        {
          pos++;
          continue;
        }

      read_resinfo (tokens, &pos, header_name, header_index, authserv_id, arc_instance, results);
    }
}

/*
 * Parses one Received-SPF value (RFC 7208 section 9.1): the result word,
 * an optional comment, then "key=value" pairs such as client-ip,
 * envelope-from, helo and receiver.  Appends one "spf" result whose
 * authserv_id is the receiver= value.  A value that does not start with
 * a result word adds nothing.
 */
void
_hdr_auth_parse_received_spf (const char *value,
                              guint       header_index,
                              GPtrArray  *results)
{
  g_autoptr(GArray) tokens = NULL;
  g_autofree char *reason = NULL;
  const Token *first;
  HdrAuthResult *result;
  guint pos = 0;

  g_return_if_fail (value != NULL);
  g_return_if_fail (results != NULL);

  tokens = tokenize (value);
  first = token_at (tokens, 0);
  if (first->kind != TOKEN_ATOM
      || !is_keyword (first->text)
      || token_is (tokens, 1, TOKEN_EQUALS))
    {
      g_debug ("Skipping Received-SPF field %u without a result word", header_index);
      return;
    }

  result = result_new ("Received-SPF", header_index, NULL, 0);
  result->method = g_strdup ("spf");
  result->result = g_ascii_strdown (first->text, -1);

  pos = 1;
  while (!token_is (tokens, pos, TOKEN_END))
    {
      if (token_is (tokens, pos, TOKEN_SEMICOLON))
        pos++;
      else
        read_properties (tokens, &pos, result, &reason, FALSE);
    }

  /* RFC 7208 section 9.1 has no reason= key, but keep one if it is there. */
  if (reason != NULL)
    g_ptr_array_add (result->properties, property_new ("reason", reason));

  result->reason = g_strdup (token_at (tokens, 1)->comment);
  result->authserv_id = g_strdup (hdr_auth_result_get_property (result, "receiver"));

  g_ptr_array_add (results, result);
}

/* Removes all whitespace: tag values may be folded anywhere (RFC 6376
 * section 3.2). */
static char *
strip_whitespace (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/*
 * Parses a tag-list (RFC 6376 section 3.2), as in DKIM-Signature, ARC-Seal
 * and ARC-Message-Signature, into HdrAuthProperty elements in order.  Tag
 * names keep their case because tags are case-sensitive.  Whitespace is
 * removed from values.  An element without '=' or with an empty name is
 * skipped.
 */
GPtrArray *
_hdr_auth_parse_tag_list (const char *value)
{
  GPtrArray *tags;
  g_auto(GStrv) specs = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  tags = g_ptr_array_new_with_free_func ((GDestroyNotify) _hdr_auth_property_free);
  specs = g_strsplit (value, ";", -1);

  for (guint i = 0; specs[i] != NULL; i++)
    {
      const char *equals = strchr (specs[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *tag_value = NULL;

      if (equals == NULL)
        continue;

      name = g_strstrip (g_strndup (specs[i], equals - specs[i]));
      if (*name == '\0')
        continue;

      tag_value = strip_whitespace (equals + 1);
      g_ptr_array_add (tags, property_new (name, tag_value));
    }

  return tags;
}

/* Returns the value of the first tag called name, or NULL. */
const char *
_hdr_auth_tag_list_lookup (GPtrArray  *tags,
                           const char *name)
{
  g_return_val_if_fail (tags != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < tags->len; i++)
    {
      const HdrAuthProperty *tag = g_ptr_array_index (tags, i);

      if (g_str_equal (tag->name, name))
        return tag->value;
    }

  return NULL;
}
