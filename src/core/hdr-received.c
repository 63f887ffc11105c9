/* hdr-received.c: one Received header field parsed into a hop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 5321 section 4.4 gives the shape: clauses "from", "by", "via", "with",
 * "id", "for", then ";" and the date.  Real writers differ in what they put
 * in the comments after the "from" host:
 *
 *   Postfix, Sendmail   from HELO (RDNS [IP])          "unknown" when no rDNS
 *   Sendmail            from HELO (RDNS [IP] (may be forged))
 *   Exim                from RDNS ([IP] helo=HELO)     helo= left out when equal
 *                       from [IP] (helo=HELO)          no rDNS
 *   qmail, IronPort     from RDNS (HELO name) (IP)     "unknown" when no rDNS
 *   ZMailer             from RDNS ([IP]:port "EHLO name" rhost-flags-...)
 *   Exchange            from HELO (IP)                 bare IPv6, no brackets
 *   Gmail               from HELO (RDNS. [IP])
 *
 * The parser is a tokenizer (words, comments, semicolons) followed by one
 * reader per clause and a reader for the comments of the "from" clause.  It
 * never fails: what it cannot read it leaves NULL, and a value with nothing
 * readable keeps its raw text and a parse_error.
 */

#define G_LOG_DOMAIN "hdr-received"

#include "config.h"

#include <string.h>

#include "hdr-received-private.h"

/* Maximum length of a value that is parsed, in bytes.  Real Received fields
 * stay far below it.  A longer value is parsed only up to here, which bounds
 * the work of a hostile value, and its raw text is still kept whole. */
#define MAX_PARSED_LENGTH 16384

/* Texts up to this length, in bytes, are tokenized without allocating the
 * table of matching parentheses on the heap. */
#define SHORT_TEXT_LENGTH 1024

/* A trailing date without ";" has at most this many tokens:
 * "Tue, 25 Feb 2020 10:11:12.988 +0000 (UTC) UTC m=+1.2". */
#define MAX_DATE_TOKENS 12

typedef enum
{
  TOKEN_WORD,
  TOKEN_COMMENT,    /* text is the content without the outer parentheses */
  TOKEN_SEMICOLON,
} TokenKind;

/* Allocated with its text in one block, so g_free() frees both. */
typedef struct
{
  TokenKind  kind;
  char      *text;
} Token;

typedef enum
{
  CLAUSE_FROM,
  CLAUSE_BY,
  CLAUSE_VIA,
  CLAUSE_WITH,
  CLAUSE_ID,
  CLAUSE_FOR,
  N_CLAUSES
} ClauseKind;

static const char * const clause_names[N_CLAUSES] = {
  "from", "by", "via", "with", "id", "for",
};

/* What the comments of the "from" clause record about the client. */
typedef struct
{
  char     *bracket_ip;     /* [ip] in a comment: the address the writer saw */
  char     *bracket_zone;
  gboolean  bracket_mapped;
  char     *bare_ip;        /* (ip) without brackets: Exchange, qmail */
  char     *bare_zone;
  gboolean  bare_mapped;
  char     *rdns;           /* the name written before [ip] */
  char     *helo;           /* helo=x, (HELO x), "EHLO x" */
  gboolean  has_helo_key;   /* Exim's helo= */
  gboolean  has_helo_word;  /* qmail's, IronPort's and ZMailer's HELO/EHLO */
} FromInfo;

static const struct
{
  HdrHopFlags  flag;
  const char  *name;
} flag_names[] = {
  { HDR_HOP_FLAG_LINK_LOCAL, "link_local" },
  { HDR_HOP_FLAG_UNKNOWN_ZONE, "unknown_zone" },
  { HDR_HOP_FLAG_OBSOLETE_ZONE, "obsolete_zone" },
  { HDR_HOP_FLAG_TWO_DIGIT_YEAR, "two_digit_year" },
  { HDR_HOP_FLAG_NO_ZONE, "no_zone" },
  { HDR_HOP_FLAG_MAY_BE_FORGED, "may_be_forged" },
  { HDR_HOP_FLAG_IPV4_MAPPED, "ipv4_mapped" },
  { HDR_HOP_FLAG_PRIVATE_IP, "private_ip" },
  { HDR_HOP_FLAG_LOOPBACK, "loopback" },
  { HDR_HOP_FLAG_LOCAL_SUBMISSION, "local_submission" },
  { HDR_HOP_FLAG_AUTHENTICATED, "authenticated" },
  { HDR_HOP_FLAG_CLOCK_SKEW, "clock_skew" },
  { HDR_HOP_FLAG_FUTURE_DATE, "future_date" },
};

static Token *
token_new (TokenKind   kind,
           const char *text,
           gsize       len)
{
  Token *token = g_malloc (sizeof (Token) + len + 1);

  token->kind = kind;
  token->text = (char *) (token + 1);
  memcpy (token->text, text, len);
  token->text[len] = '\0';

  return token;
}

static void
from_info_clear (FromInfo *info)
{
  g_assert (info != NULL);

  g_clear_pointer (&info->bracket_ip, g_free);
  g_clear_pointer (&info->bracket_zone, g_free);
  g_clear_pointer (&info->bare_ip, g_free);
  g_clear_pointer (&info->bare_zone, g_free);
  g_clear_pointer (&info->rdns, g_free);
  g_clear_pointer (&info->helo, g_free);
}

/* ------------------------------------------------------------------------
 * Host names
 * ------------------------------------------------------------------------ */

/* A name that can be a host's reverse DNS name as a writer records it:
 * "IDENT:nobody@localhost" and "host." are cleaned, "unknown" and IP
 * literals are not names. */
static char *
clean_host_name (const char *word)
{
  g_autofree char *name = NULL;
  HdrIpAddress address;
  const char *at;
  gsize len;

  g_assert (word != NULL);

  if (g_ascii_strncasecmp (word, "IDENT:", 6) == 0)
    word += 6;

  at = strrchr (word, '@');
  if (at != NULL)
    word = at + 1;

  name = g_strdup (word);
  len = strlen (name);
  while (len > 0 && (name[len - 1] == '.' || name[len - 1] == ','))
    name[--len] = '\0';

  if (len == 0 || g_ascii_strcasecmp (name, "unknown") == 0)
    return NULL;

  if (strpbrk (name, "=/:[]\"<>?!'`") != NULL)
    return NULL;

  if (_hdr_ip_parse_literal (name, &address))
    return NULL;

  return g_steal_pointer (&name);
}

static gboolean
is_localhost_name (const char *name)
{
  return name != NULL &&
         (g_ascii_strcasecmp (name, "localhost") == 0 ||
          g_ascii_strcasecmp (name, "localhost.localdomain") == 0);
}

/* ------------------------------------------------------------------------
 * Tokenizer
 * ------------------------------------------------------------------------ */

/* Fills @close_of, @len entries, with the offset of the ")" that closes
 * each "(" of @text, or -1 when it is never closed.  @open_stack, @len
 * entries too, is scratch space.  One pass, so the work on a hostile value
 * stays linear. */
static void
match_parentheses (const char *text,
                   gsize       len,
                   gint32     *close_of,
                   gint32     *open_stack)
{
  gsize n_open = 0;

  g_assert (text != NULL);
  g_assert (len <= G_MAXINT32);

  for (gsize i = 0; i < len; i++)
    {
      close_of[i] = -1;

      if (text[i] == '\\' && i + 1 < len)
        {
          close_of[++i] = -1;
        }
      else if (text[i] == '(')
        {
          open_stack[n_open++] = i;
        }
      else if (text[i] == ')' && n_open > 0)
        {
          close_of[open_stack[--n_open]] = i;
        }
    }
}

/* The end of one word starting at @p: angle addresses, bracketed literals
 * and quoted strings are read whole, even with spaces or ';' inside. */
static const char *
find_word_end (const char *p)
{
  g_assert (p != NULL);

  while (*p != '\0' && !g_ascii_isspace (*p) && *p != '(' && *p != ')' && *p != ';')
    {
      const char *close = NULL;

      if (*p == '<')
        close = strchr (p + 1, '>');
      else if (*p == '[')
        close = strchr (p + 1, ']');
      else if (*p == '"')
        close = strchr (p + 1, '"');

      p = close != NULL ? close + 1 : p + 1;
    }

  return p;
}

static GPtrArray *
tokenize (const char *text)
{
  GPtrArray *tokens;
  gint32 short_table[2 * SHORT_TEXT_LENGTH];
  g_autofree gint32 *long_table = NULL;
  gint32 *close_of;
  gsize len;
  gsize i = 0;

  g_assert (text != NULL);

  tokens = g_ptr_array_new_with_free_func (g_free);
  len = strlen (text);

  if (len <= SHORT_TEXT_LENGTH)
    close_of = short_table;
  else
    close_of = long_table = g_new (gint32, 2 * len);
  match_parentheses (text, len, close_of, close_of + len);

  while (i < len)
    {
      Token *token;
      const char *end;

      if (g_ascii_isspace (text[i]) || text[i] == ')')
        {
          /* A stray ")" closes nothing; it is ignored like space. */
          i++;
          continue;
        }

      if (text[i] == ';')
        {
          token = token_new (TOKEN_SEMICOLON, ";", 1);
          g_ptr_array_add (tokens, token);
          i++;
          continue;
        }

      if (text[i] == '(')
        {
          if (close_of[i] < 0)
            {
              /* An unclosed "(" would swallow the rest, date included:
               * read on as if it were not there. */
              i++;
              continue;
            }

          token = token_new (TOKEN_COMMENT, text + i + 1, close_of[i] - i - 1);
          g_ptr_array_add (tokens, token);
          i = close_of[i] + 1;
          continue;
        }

      end = find_word_end (text + i);
      token = token_new (TOKEN_WORD, text + i, end - (text + i));
      g_ptr_array_add (tokens, token);
      i = end - text;
    }

  return tokens;
}

static Token *
token_at (GPtrArray *tokens,
          guint      i)
{
  g_assert (tokens != NULL);

  return i < tokens->len ? g_ptr_array_index (tokens, i) : NULL;
}

static int
clause_from_word (const Token *token)
{
  g_assert (token != NULL);

  /* Every keyword has two to four letters. */
  if (token->kind != TOKEN_WORD || strnlen (token->text, 5) > 4)
    return -1;

  for (guint i = 0; i < N_CLAUSES; i++)
    {
      if (g_ascii_strcasecmp (token->text, clause_names[i]) == 0)
        return i;
    }

  return -1;
}

/* Tokens from @start to @end, written back as text (comments re-wrapped). */
static char *
tokens_to_text (GPtrArray *tokens,
                guint      start,
                guint      end)
{
  GString *out = g_string_new (NULL);

  g_assert (tokens != NULL);

  for (guint i = start; i < end && i < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);

      if (out->len > 0)
        g_string_append_c (out, ' ');

      if (token->kind == TOKEN_COMMENT)
        g_string_append_printf (out, "(%s)", token->text);
      else
        g_string_append (out, token->text);
    }

  return g_string_free (out, FALSE);
}

/* Unfolds and collapses white space: the value as one line. */
static char *
collapse_space (const char *value)
{
  char *out;
  gsize out_len = 0;
  gboolean space = FALSE;

  g_assert (value != NULL);

  /* The result is never longer than @value. */
  out = g_malloc (strlen (value) + 1);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }

      if (space && out_len > 0)
        out[out_len++] = ' ';
      space = FALSE;
      out[out_len++] = *p;
    }

  out[out_len] = '\0';

  return out;
}

/* Replaces every comma of @text, and with @semicolons every semicolon,
 * with a space: g_strdelimit() without its strchr() call per character. */
static void
replace_separators (char     *text,
                    gboolean  semicolons)
{
  g_assert (text != NULL);

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == ',' || (semicolons && *p == ';'))
        *p = ' ';
    }
}

/* ------------------------------------------------------------------------
 * Comment reader
 * ------------------------------------------------------------------------ */

static void read_from_comment (const char *content,
                               FromInfo   *info,
                               guint       depth);

/* "(rdns [ip])": the first bracketed address of the "from" comments is the
 * one the writer saw, and the word before it the rDNS name it found. */
static void
note_bracket_ip (FromInfo   *info,
                 GPtrArray  *tokens,
                 guint       i)
{
  Token *token = g_ptr_array_index (tokens, i);
  Token *before = i > 0 ? g_ptr_array_index (tokens, i - 1) : NULL;
  g_autofree char *zone = NULL;
  gboolean mapped = FALSE;
  char *ip;

  g_assert (info != NULL);
  g_assert (tokens != NULL);

  if (info->bracket_ip != NULL)
    return;

  ip = _hdr_ip_canonicalize_full (token->text, &zone, &mapped);
  if (ip == NULL)
    return;

  info->bracket_ip = ip;
  info->bracket_zone = g_steal_pointer (&zone);
  info->bracket_mapped = mapped;

  if (before != NULL && before->kind == TOKEN_WORD && info->rdns == NULL)
    info->rdns = clean_host_name (before->text);
}

static void
note_bare_ip (FromInfo   *info,
              const char *word)
{
  g_autofree char *candidate = NULL;
  g_autofree char *zone = NULL;
  gboolean mapped = FALSE;
  const char *at;
  char *ip;

  g_assert (info != NULL);
  g_assert (word != NULL);

  /* qmail with an identd reply or a login: "(user@192.0.2.1 with login)".
   * The client's identd chooses the user part, so the address written last
   * wins. */
  at = strrchr (word, '@');
  candidate = g_strdup (at != NULL ? at + 1 : word);
  replace_separators (candidate, TRUE);

  ip = _hdr_ip_canonicalize_full (candidate, &zone, &mapped);
  if (ip == NULL)
    return;

  g_free (info->bare_ip);
  g_free (info->bare_zone);
  info->bare_ip = ip;
  info->bare_zone = g_steal_pointer (&zone);
  info->bare_mapped = mapped;
}

static gboolean
is_helo_verb (const char *word)
{
  g_assert (word != NULL);

  return g_ascii_strcasecmp (word, "HELO") == 0 ||
         g_ascii_strcasecmp (word, "EHLO") == 0 ||
         g_ascii_strcasecmp (word, "LHLO") == 0;
}

static void
read_from_comment (const char *content,
                   FromInfo   *info,
                   guint       depth)
{
  g_autoptr(GPtrArray) tokens = NULL;

  g_assert (content != NULL);
  g_assert (info != NULL);

  if (depth > 8)
    return;

  tokens = tokenize (content);

  for (guint i = 0; i < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);
      const char *word = token->text;

      if (token->kind == TOKEN_COMMENT)
        {
          read_from_comment (word, info, depth + 1);
        }
      else if (token->kind != TOKEN_WORD)
        {
          continue;
        }
      else if (word[0] == '[')
        {
          note_bracket_ip (info, tokens, i);
        }
      else if (g_ascii_strncasecmp (word, "helo=", 5) == 0)
        {
          info->has_helo_key = TRUE;
          if (info->helo == NULL && word[5] != '\0')
            info->helo = g_strdup (word + 5);

          /* What follows the client's own words is not read for an address. */
          break;
        }
      else if (is_helo_verb (word))
        {
          Token *next = token_at (tokens, i + 1);

          info->has_helo_word = TRUE;
          if (next != NULL && next->kind == TOKEN_WORD && info->helo == NULL)
            info->helo = g_strdup (next->text);

          /* qmail writes the HELO text as sent, spaces and all: nothing
           * after it in this comment is the writer's. */
          break;
        }
      else if (word[0] == '"')
        {
          g_autofree char *inner = g_strndup (word + 1, strlen (word) - 1);

          if (g_str_has_suffix (inner, "\""))
            inner[strlen (inner) - 1] = '\0';
          read_from_comment (inner, info, depth + 1);
        }
      else
        {
          note_bare_ip (info, word);
        }
    }
}

/* Flags the comments of the whole value show: authentication, local
 * submission, "may be forged". */
static HdrHopFlags
scan_comment_phrases (const char *content)
{
  g_autofree char *lower = NULL;
  HdrHopFlags flags = HDR_HOP_FLAG_NONE;

  g_assert (content != NULL);

  lower = g_ascii_strdown (content, -1);

  if (strstr (lower, "may be forged") != NULL)
    flags |= HDR_HOP_FLAG_MAY_BE_FORGED;

  /* Postfix "(Authenticated sender: x)", Sendmail "(authenticated bits=0)"
   * and "(authenticated as x)", SquirrelMail "(... authenticated user x)",
   * qmail's SMTP AUTH patch "(user@ip with login)". */
  if ((strstr (lower, "authenticated") != NULL &&
       strstr (lower, "not authenticated") == NULL &&
       strstr (lower, "unauthenticated") == NULL) ||
      g_str_has_suffix (lower, " with login") ||
      g_str_has_suffix (lower, " with plain") ||
      g_str_has_suffix (lower, " with cram-md5"))
    flags |= HDR_HOP_FLAG_AUTHENTICATED;

  /* qmail "(qmail 123 invoked by uid 89)", Postfix pickup "(Postfix, from
   * userid 1000)", Sendmail submission "(from user@localhost)" and its
   * version comment "(8.15.2/8.15.2/Submit)". */
  if (strstr (lower, "invoked by uid") != NULL ||
      strstr (lower, "invoked by alias") != NULL ||
      strstr (lower, "from userid") != NULL ||
      g_str_has_prefix (lower, "from ") ||
      g_str_has_suffix (lower, "/submit"))
    flags |= HDR_HOP_FLAG_LOCAL_SUBMISSION;

  return flags;
}

/* ------------------------------------------------------------------------
 * Clause readers
 * ------------------------------------------------------------------------ */

static const char *
first_word (GPtrArray *clause)
{
  Token *token;

  if (clause == NULL || clause->len == 0)
    return NULL;

  token = g_ptr_array_index (clause, 0);

  return token->kind == TOKEN_WORD ? token->text : NULL;
}

/* "with" protocols that mean an authenticated client: RFC 3848 ESMTPA and
 * ESMTPSA, RFC 6531 UTF8SMTPA and UTF8SMTPSA, and the non-standard SMTPSA
 * and ASMTP some servers write.  LMTPA is a delivery, not a submission.
 * MAPI is Exchange's own submission by a logged-in Outlook user. */
static gboolean
is_authenticated_protocol (const char *protocol)
{
  g_autofree char *upper = NULL;
  const char *p;
  gsize len;

  if (protocol == NULL)
    return FALSE;

  upper = g_ascii_strup (protocol, -1);
  if (g_str_equal (upper, "ASMTP") || g_str_equal (upper, "MAPI"))
    return TRUE;

  p = upper;
  if (g_str_has_prefix (p, "UTF8"))
    p += 4;
  if (*p == 'E')
    p++;
  if (!g_str_has_prefix (p, "SMTP"))
    return FALSE;
  p += 4;

  len = strlen (p);

  return (len == 1 && p[0] == 'A') || (len == 2 && p[0] == 'S' && p[1] == 'A');
}

static gboolean
is_local_protocol (const char *protocol)
{
  return protocol != NULL &&
         (g_ascii_strcasecmp (protocol, "local") == 0 ||
          g_ascii_strncasecmp (protocol, "local-", 6) == 0);
}

/* Exim writes the protocol in lower case ("with esmtps") and names itself
 * in a comment; its "from" host is the verified rDNS name, not the HELO. */
static gboolean
looks_like_exim (const char *value,
                 const char *protocol,
                 FromInfo   *info)
{
  g_assert (value != NULL);
  g_assert (info != NULL);

  if (info->has_helo_key || strstr (value, "(Exim ") != NULL)
    return TRUE;

  if (protocol == NULL)
    return FALSE;

  for (const char *p = protocol; *p != '\0'; p++)
    {
      if (g_ascii_isupper (*p))
        return FALSE;
    }

  return g_str_has_prefix (protocol, "esmtp") || g_str_has_prefix (protocol, "smtp");
}

static void
set_from_ip (HdrHop     *hop,
             char       *ip,
             char       *zone,
             gboolean    mapped)
{
  g_assert (hop != NULL);

  hop->from_ip = ip;
  hop->zone = zone;

  if (mapped)
    hop->flags |= HDR_HOP_FLAG_IPV4_MAPPED;
  if (ip != NULL)
    hop->flags |= _hdr_ip_classify (ip);
}

static void
read_from_clause (HdrHop     *hop,
                  GPtrArray  *clause,
                  const char *value,
                  const char *protocol)
{
  FromInfo info = { 0 };
  const char *host = NULL;
  g_autofree char *host_ip = NULL;
  g_autofree char *host_zone = NULL;
  g_autofree char *literal_ip = NULL;
  g_autofree char *literal_zone = NULL;
  gboolean host_mapped = FALSE;
  gboolean literal_mapped = FALSE;
  gboolean exim;

  g_assert (hop != NULL);
  g_assert (clause != NULL);

  host = first_word (clause);
  if (host != NULL)
    host_ip = _hdr_ip_canonicalize_full (host, &host_zone, &host_mapped);

  for (guint i = 0; i < clause->len; i++)
    {
      Token *token = g_ptr_array_index (clause, i);

      if (token->kind == TOKEN_COMMENT)
        read_from_comment (token->text, &info, 0);
      else if (i > 0 && token->text[0] == '[' && literal_ip == NULL)
        /* fetchmail: "from host [192.0.2.1] by localhost" */
        literal_ip = _hdr_ip_canonicalize_full (token->text, &literal_zone, &literal_mapped);
    }

  /* The address the writer saw: a bracketed one in the comments, else a
   * bare one there (Exchange, qmail), else one written as the host itself
   * (Exim without rDNS "from [ip] (helo=x)", PowerMTA, fetchmail). */
  if (info.bracket_ip != NULL)
    set_from_ip (hop, g_steal_pointer (&info.bracket_ip), g_steal_pointer (&info.bracket_zone),
                 info.bracket_mapped);
  else if (info.bare_ip != NULL)
    set_from_ip (hop, g_steal_pointer (&info.bare_ip), g_steal_pointer (&info.bare_zone),
                 info.bare_mapped);
  else if (literal_ip != NULL)
    set_from_ip (hop, g_steal_pointer (&literal_ip), g_steal_pointer (&literal_zone),
                 literal_mapped);
  else if (host_ip != NULL)
    set_from_ip (hop, g_strdup (host_ip), g_steal_pointer (&host_zone), host_mapped);

  /* Exim's "from alice by host with local": the name of a local user. */
  exim = looks_like_exim (value, protocol, &info) && !is_local_protocol (protocol);

  if (host != NULL && host_ip == NULL && (exim || info.has_helo_word))
    {
      /* Exim, qmail, IronPort, ZMailer: the host is the rDNS name. */
      hop->from_rdns = clean_host_name (host);
      if (info.helo != NULL)
        hop->from_helo = g_steal_pointer (&info.helo);
      else if (exim && !info.has_helo_word)
        hop->from_helo = g_strdup (host);
    }
  else
    {
      hop->from_rdns = g_steal_pointer (&info.rdns);
      if (info.helo != NULL)
        hop->from_helo = g_steal_pointer (&info.helo);
      else if (host != NULL && !(exim && host_ip != NULL))
        hop->from_helo = g_strdup (host);
    }

  if (hop->from_ip == NULL &&
      (is_localhost_name (host) || is_localhost_name (hop->from_rdns)))
    hop->flags |= HDR_HOP_FLAG_LOOPBACK;

  from_info_clear (&info);
}

static void
read_by_clause (HdrHop    *hop,
                GPtrArray *clause)
{
  const char *host = first_word (clause);

  g_assert (hop != NULL);

  if (host != NULL)
    hop->by = g_strdup (host);
}

/* Words up to the first comment after the first word: "ESMTPS",
 * "Microsoft SMTP Server", "Frontend Transport". */
static char *
read_phrase (GPtrArray *clause)
{
  GString *out = g_string_new (NULL);

  g_assert (clause != NULL);

  for (guint i = 0; i < clause->len; i++)
    {
      Token *token = g_ptr_array_index (clause, i);

      if (token->kind != TOKEN_WORD)
        {
          if (out->len > 0)
            break;
          continue;
        }

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, token->text);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static gboolean
looks_like_address (const char *word)
{
  g_assert (word != NULL);

  return strchr (word, '@') != NULL || (word[0] == '<' && word[1] != '\0');
}

/* "for <a@example.org>", "for <a@example.org>, <b@example.org>",
 * "for a@example.org b@example.org"; stops at a later "from" (IBM writes
 * "for <rcpt> from <sender>"). */
static void
read_for_clause (HdrHop    *hop,
                 GPtrArray *clause)
{
  g_assert (hop != NULL);
  g_assert (clause != NULL);

  for (guint i = 0; i < clause->len; i++)
    {
      Token *token = g_ptr_array_index (clause, i);
      g_autofree char *address = NULL;
      char *start;
      gsize len;

      if (token->kind != TOKEN_WORD)
        continue;
      if (g_ascii_strcasecmp (token->text, "from") == 0)
        break;
      if (!looks_like_address (token->text))
        continue;

      address = g_strdup (token->text);
      replace_separators (address, FALSE);
      g_strstrip (address);
      start = address;
      if (*start == '<')
        start++;
      len = strlen (start);
      if (len > 0 && start[len - 1] == '>')
        start[--len] = '\0';
      if (g_ascii_strncasecmp (start, "rfc822;", 7) == 0)
        start += 7;

      if (*start != '\0')
        g_ptr_array_add (hop->for_addresses, g_strdup (start));
    }
}

/* ------------------------------------------------------------------------
 * The value as a whole
 * ------------------------------------------------------------------------ */

/* Splits @tokens into clauses.  A clause keyword counts the first time it
 * appears; a repeated one is an ordinary word of the clause it sits in
 * ("by churchill by uid 64011", "with ESMTP with STARTTLS").  Returns the
 * index of the last keyword, or -1 when there is none. */
static int
split_clauses (GPtrArray *tokens,
               guint      end,
               GPtrArray *clauses[N_CLAUSES],
               GPtrArray *loose)
{
  int current = -1;
  int last_keyword = -1;

  g_assert (tokens != NULL);
  g_assert (loose != NULL);

  for (guint i = 0; i < end; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);
      int kind = clause_from_word (token);

      if (token->kind == TOKEN_SEMICOLON)
        continue;

      if (kind >= 0 && clauses[kind] == NULL)
        {
          clauses[kind] = g_ptr_array_new ();
          current = kind;
          last_keyword = i;
          continue;
        }

      g_ptr_array_add (current >= 0 ? clauses[current] : loose, token);
    }

  return last_keyword;
}

static void
free_clauses (GPtrArray *clauses[N_CLAUSES])
{
  for (guint i = 0; i < N_CLAUSES; i++)
    g_clear_pointer (&clauses[i], g_ptr_array_unref);
}

static int
find_last_semicolon (GPtrArray *tokens)
{
  g_assert (tokens != NULL);

  for (int i = (int) tokens->len - 1; i >= 0; i--)
    {
      Token *token = g_ptr_array_index (tokens, i);

      if (token->kind == TOKEN_SEMICOLON)
        return i;
    }

  return -1;
}

/* With no ";" the date may still close the value (SendGrid, Go programs).
 * It is looked for only after the first word of the last clause, so that
 * nothing in the "from" clause is ever taken for a date, or in the whole
 * value when it has no clause at all.  Returns the token where the date
 * starts, or -1. */
static int
find_trailing_date (HdrHop    *hop,
                    GPtrArray *tokens)
{
  GPtrArray *clauses[N_CLAUSES] = { NULL };
  g_autoptr(GPtrArray) loose = g_ptr_array_new ();
  int last_keyword;
  guint start = 0;
  int found = -1;

  g_assert (hop != NULL);
  g_assert (tokens != NULL);

  last_keyword = split_clauses (tokens, tokens->len, clauses, loose);

  if (last_keyword >= 0)
    {
      Token *keyword = g_ptr_array_index (tokens, last_keyword);

      if (clause_from_word (keyword) == CLAUSE_FROM)
        {
          free_clauses (clauses);
          return -1;
        }

      /* Skip the keyword and its first word. */
      start = last_keyword + 1;
      while (start < tokens->len && ((Token *) g_ptr_array_index (tokens, start))->kind != TOKEN_WORD)
        start++;
      start++;
    }

  free_clauses (clauses);

  if (tokens->len > MAX_DATE_TOKENS && start < tokens->len - MAX_DATE_TOKENS)
    start = tokens->len - MAX_DATE_TOKENS;

  for (guint i = start; i < tokens->len && found < 0; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);
      g_autofree char *text = NULL;
      HdrHopFlags flags = HDR_HOP_FLAG_NONE;
      GDateTime *date;

      if (token->kind != TOKEN_WORD)
        continue;

      text = tokens_to_text (tokens, i, tokens->len);
      date = _hdr_received_parse_date (text, TRUE, &flags);
      if (date != NULL)
        {
          hop->date = date;
          hop->flags |= flags;
          found = i;
        }
    }

  return found;
}

static void
scan_all_comments (HdrHop    *hop,
                   GPtrArray *tokens,
                   guint      end)
{
  g_assert (hop != NULL);
  g_assert (tokens != NULL);

  for (guint i = 0; i < end && i < tokens->len; i++)
    {
      Token *token = g_ptr_array_index (tokens, i);

      if (token->kind == TOKEN_COMMENT)
        hop->flags |= scan_comment_phrases (token->text);
    }
}

static gboolean
hop_has_fields (const HdrHop *hop)
{
  g_assert (hop != NULL);

  return hop->from_helo != NULL || hop->from_rdns != NULL || hop->from_ip != NULL ||
         hop->by != NULL || hop->via != NULL || hop->with != NULL || hop->id != NULL ||
         hop->for_addresses->len > 0 || hop->date != NULL ||
         (hop->flags & HDR_HOP_FLAG_LOCAL_SUBMISSION) != 0;
}

static void
read_clauses (HdrHop     *hop,
              GPtrArray  *tokens,
              guint       end,
              const char *value)
{
  GPtrArray *clauses[N_CLAUSES] = { NULL };
  g_autoptr(GPtrArray) loose = g_ptr_array_new ();
  g_autofree char *protocol = NULL;

  g_assert (hop != NULL);
  g_assert (tokens != NULL);

  split_clauses (tokens, end, clauses, loose);

  if (clauses[CLAUSE_WITH] != NULL)
    {
      hop->with = read_phrase (clauses[CLAUSE_WITH]);
      protocol = g_strdup (first_word (clauses[CLAUSE_WITH]));
    }

  if (clauses[CLAUSE_FROM] != NULL)
    read_from_clause (hop, clauses[CLAUSE_FROM], value, protocol);
  if (clauses[CLAUSE_BY] != NULL)
    read_by_clause (hop, clauses[CLAUSE_BY]);
  if (clauses[CLAUSE_VIA] != NULL)
    hop->via = read_phrase (clauses[CLAUSE_VIA]);
  if (clauses[CLAUSE_ID] != NULL)
    hop->id = g_strdup (first_word (clauses[CLAUSE_ID]));
  if (clauses[CLAUSE_FOR] != NULL)
    read_for_clause (hop, clauses[CLAUSE_FOR]);

  if (is_authenticated_protocol (protocol))
    hop->flags |= HDR_HOP_FLAG_AUTHENTICATED;
  if (is_local_protocol (protocol))
    hop->flags |= HDR_HOP_FLAG_LOCAL_SUBMISSION;

  scan_all_comments (hop, tokens, end);

  free_clauses (clauses);
}

HdrHop *
hdr_hop_parse (const char *value)
{
  g_autoptr(HdrHop) hop = NULL;
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *line = NULL;
  int semicolon;
  guint end;

  hop = g_new0 (HdrHop, 1);
  hop->raw = g_strdup (value != NULL ? value : "");
  hop->for_addresses = g_ptr_array_new_with_free_func (g_free);

  line = collapse_space (hop->raw);
  if (strlen (line) > MAX_PARSED_LENGTH)
    {
      char *cut = g_utf8_find_prev_char (line, line + MAX_PARSED_LENGTH + 1);

      if (cut != NULL)
        *cut = '\0';
    }

  if (line[0] == '\0')
    {
      hop->parse_error = g_strdup ("empty value");
      return g_steal_pointer (&hop);
    }

  tokens = tokenize (line);
  end = tokens->len;

  /* RFC 5322 section 3.6.7: the date follows the last ";". */
  semicolon = find_last_semicolon (tokens);
  if (semicolon >= 0)
    {
      g_autofree char *date_text = tokens_to_text (tokens, semicolon + 1, tokens->len);
      HdrHopFlags flags = HDR_HOP_FLAG_NONE;

      hop->date = _hdr_received_parse_date (date_text, FALSE, &flags);
      if (hop->date != NULL)
        {
          hop->flags |= flags;
          end = semicolon;
        }
    }
  else
    {
      int date_start = find_trailing_date (hop, tokens);

      if (date_start >= 0)
        end = date_start;
    }

  read_clauses (hop, tokens, end, line);

  if (!hop_has_fields (hop))
    hop->parse_error = g_strdup ("no from, by, via, with, id or for clause and no date");

  return g_steal_pointer (&hop);
}

void
hdr_hop_free (HdrHop *hop)
{
  if (hop == NULL)
    return;

  g_free (hop->raw);
  g_free (hop->from_helo);
  g_free (hop->from_rdns);
  g_free (hop->from_ip);
  g_free (hop->zone);
  g_free (hop->by);
  g_free (hop->via);
  g_free (hop->with);
  g_free (hop->id);
  g_clear_pointer (&hop->for_addresses, g_ptr_array_unref);
  g_clear_pointer (&hop->date, g_date_time_unref);
  g_free (hop->parse_error);
  g_free (hop);
}

const char *
hdr_hop_flag_to_string (HdrHopFlags flag)
{
  for (guint i = 0; i < G_N_ELEMENTS (flag_names); i++)
    {
      if (flag_names[i].flag == flag)
        return flag_names[i].name;
    }

  return NULL;
}
