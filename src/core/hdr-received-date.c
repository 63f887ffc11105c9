/* hdr-received-date.c: the date at the end of a Received field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shapes read here:
 *   RFC 5322 section 3.3   "Tue, 25 Feb 2020 10:11:12 +0100"
 *   RFC 5322 section 4.3   day name without comma, two- and three-digit years,
 *                          zone names (UT, GMT, EST ... PDT), military letters
 *   fractions of seconds   "Mon, 06 Nov 2023 13:17:14.988 +0000"
 *   ISO 8601               "2020-11-25 18:40:11.452917838 +0000 UTC m=+2345.678",
 *                          "2020-11-25T18:40:11Z" (Go's time.Time String() adds
 *                          the zone name and the monotonic clock reading)
 *   asctime                "Tue May 10 12:26:40 2005"
 * Comments in parentheses are dropped first.
 */

#define G_LOG_DOMAIN "hdr-received-date"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hdr-received-private.h"

typedef struct
{
  int      year;
  int      month;
  int      day;
  int      hour;
  int      minute;
  double   seconds;
  int      offset;      /* seconds east of UTC */
  gboolean have_zone;
} DateParts;

typedef struct
{
  const char *name;
  int         hours;
} ZoneName;

/* RFC 5322 section 4.3 obs-zone.  "UTC" is not in the list but means the
 * same as "UT"; it is read the same way. */
static const ZoneName obsolete_zones[] = {
  { "UT", 0 }, { "UTC", 0 }, { "GMT", 0 }, { "Z", 0 },
  { "EST", -5 }, { "EDT", -4 },
  { "CST", -6 }, { "CDT", -5 },
  { "MST", -7 }, { "MDT", -6 },
  { "PST", -8 }, { "PDT", -7 },
};

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
};

static const char * const day_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

static char *
strip_comments (const char *text)
{
  GString *out;
  int depth = 0;

  g_assert (text != NULL);

  out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && depth > 0 && p[1] != '\0')
        p++;
      else if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_word_separator (char c)
{
  return c == ' ' || c == ',' || c == '\t' || c == '\r' || c == '\n';
}

/* Splits @text in place at spaces, commas, tabs and line breaks.  Returns
 * the words, pointers into @text, as a NULL-terminated array to free with
 * g_free(). */
static char **
split_words_in_place (char *text)
{
  char **words;
  guint n_words = 0;
  guint max_words;

  g_assert (text != NULL);

  /* Words and separators alternate, so there are at most half as many
   * words as bytes, rounded up. */
  max_words = strlen (text) / 2 + 1;
  words = g_new (char *, max_words + 1);

  for (char *p = text; *p != '\0';)
    {
      if (is_word_separator (*p))
        {
          *p++ = '\0';
          continue;
        }

      words[n_words++] = p;
      while (*p != '\0' && !is_word_separator (*p))
        p++;
    }

  words[n_words] = NULL;

  return words;
}

static gboolean
is_all_digits (const char *word)
{
  g_assert (word != NULL);

  if (*word == '\0')
    return FALSE;

  for (const char *p = word; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_all_alpha (const char *word)
{
  g_assert (word != NULL);

  if (*word == '\0')
    return FALSE;

  for (const char *p = word; *p != '\0'; p++)
    {
      if (!g_ascii_isalpha (*p))
        return FALSE;
    }

  return TRUE;
}

/* "Feb", "feb", "February" -> 2; 0 when not a month. */
static int
month_from_word (const char *word)
{
  gsize len;

  g_assert (word != NULL);

  len = strlen (word);
  if (len < 3 || !is_all_alpha (word))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    {
      if (len <= strlen (month_names[i]) &&
          g_ascii_strncasecmp (word, month_names[i], len) == 0)
        return i + 1;
    }

  return 0;
}

static gboolean
is_day_name (const char *word)
{
  gsize len;

  g_assert (word != NULL);

  len = strlen (word);
  if (len < 3 || !is_all_alpha (word))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (day_names); i++)
    {
      if (len <= strlen (day_names[i]) &&
          g_ascii_strncasecmp (word, day_names[i], len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Reads "hh:mm", "hh:mm:ss" or "hh:mm:ss.fraction" at the start of @text.
 * Returns where reading stopped, or NULL when there is no time. */
static const char *
read_time (const char *text,
           DateParts  *parts)
{
  const char *p = text;
  int hour = 0;
  int minute = 0;
  double seconds = 0;

  g_assert (text != NULL);
  g_assert (parts != NULL);

  if (!g_ascii_isdigit (p[0]))
    return NULL;
  hour = p[0] - '0';
  p++;
  if (g_ascii_isdigit (p[0]))
    hour = hour * 10 + (*p++ - '0');
  if (*p != ':' || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]))
    return NULL;
  minute = (p[1] - '0') * 10 + (p[2] - '0');
  p += 3;

  if (*p == ':' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
    {
      seconds = (p[1] - '0') * 10 + (p[2] - '0');
      p += 3;

      if (*p == '.' && g_ascii_isdigit (p[1]))
        {
          double scale = 0.1;

          for (p++; g_ascii_isdigit (*p); p++)
            {
              seconds += (*p - '0') * scale;
              scale /= 10;
            }
        }
    }

  if (hour > 23 || minute > 59 || seconds >= 61)
    return NULL;

  /* A leap second cannot be represented; keep it inside the minute. */
  if (seconds >= 60)
    seconds = 59.999999;

  parts->hour = hour;
  parts->minute = minute;
  parts->seconds = seconds;

  return p;
}

/* "+0100", "-0800", "+01:00" at the start of @text; returns the offset in
 * seconds through @offset and TRUE when the whole @text was a numeric zone. */
static gboolean
read_numeric_zone (const char *text,
                   int        *offset)
{
  int sign;
  int hours;
  int minutes;

  g_assert (text != NULL);
  g_assert (offset != NULL);

  if (text[0] != '+' && text[0] != '-')
    return FALSE;
  sign = text[0] == '-' ? -1 : 1;

  if (!g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[2]))
    return FALSE;
  hours = (text[1] - '0') * 10 + (text[2] - '0');

  text += 3;
  if (*text == ':')
    text++;
  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) || text[2] != '\0')
    return FALSE;
  minutes = (text[0] - '0') * 10 + (text[1] - '0');

  if (hours > 23 || minutes > 59)
    return FALSE;

  *offset = sign * (hours * 3600 + minutes * 60);

  return TRUE;
}

/* A zone written as a name.  Returns FALSE when @word cannot be a zone name
 * at all; otherwise sets the offset and the flags RFC 5322 section 4.3 requires: known obsolete names are read, military letters and other names are
 * taken as +0000 and flagged unknown. */
static gboolean
read_zone_name (const char  *word,
                gboolean     iso,
                int         *offset,
                HdrHopFlags *flags)
{
  gsize len;

  g_assert (word != NULL);
  g_assert (offset != NULL);
  g_assert (flags != NULL);

  len = strlen (word);
  if (len == 0 || len > 5 || !is_all_alpha (word))
    return FALSE;

  /* In ISO 8601 "Z" is the normal way to write UTC. */
  if (iso && g_ascii_strcasecmp (word, "Z") == 0)
    {
      *offset = 0;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (obsolete_zones); i++)
    {
      if (g_ascii_strcasecmp (word, obsolete_zones[i].name) == 0)
        {
          *offset = obsolete_zones[i].hours * 3600;
          *flags |= HDR_HOP_FLAG_OBSOLETE_ZONE;
          return TRUE;
        }
    }

  *offset = 0;
  *flags |= HDR_HOP_FLAG_UNKNOWN_ZONE;

  if (len == 1)
    *flags |= HDR_HOP_FLAG_OBSOLETE_ZONE;

  return TRUE;
}

/* Words that may follow a complete date without being part of it: a zone
 * name after a numeric zone ("+0000 UTC") and Go's monotonic clock reading
 * ("m=+2345.678901234"). */
static gboolean
is_ignorable_suffix (const char *word)
{
  g_assert (word != NULL);

  if (g_str_has_prefix (word, "m=+") || g_str_has_prefix (word, "m=-"))
    return TRUE;

  return strlen (word) <= 5 && is_all_alpha (word);
}

/* The zone part: numeric, a name, or nothing.  Advances *pos. */
static void
read_zone (GStrv        words,
           guint       *pos,
           gboolean     iso,
           DateParts   *parts,
           HdrHopFlags *flags)
{
  const char *word;

  g_assert (words != NULL);
  g_assert (pos != NULL);
  g_assert (parts != NULL);
  g_assert (flags != NULL);

  if (parts->have_zone)
    return;

  word = words[*pos];
  if (word == NULL)
    return;

  if (read_numeric_zone (word, &parts->offset))
    {
      parts->have_zone = TRUE;
      (*pos)++;
      return;
    }

  if (read_zone_name (word, iso, &parts->offset, flags))
    {
      parts->have_zone = TRUE;
      (*pos)++;
    }
}

/* The zone glued to an ISO time: "18:40:11Z", "18:40:11+01:00". */
static gboolean
read_attached_zone (const char  *rest,
                    DateParts   *parts)
{
  g_assert (rest != NULL);
  g_assert (parts != NULL);

  if (*rest == '\0')
    return TRUE;

  if ((rest[0] == 'Z' || rest[0] == 'z') && rest[1] == '\0')
    {
      parts->offset = 0;
      parts->have_zone = TRUE;
      return TRUE;
    }

  if (read_numeric_zone (rest, &parts->offset))
    {
      parts->have_zone = TRUE;
      return TRUE;
    }

  return FALSE;
}

static int
complete_year (const char  *word,
               HdrHopFlags *flags)
{
  gsize len;
  int year;

  g_assert (word != NULL);
  g_assert (flags != NULL);

  if (!is_all_digits (word))
    return -1;

  len = strlen (word);
  year = atoi (word);

  /* RFC 5322 section 4.3: a two-digit year below 50 is 20xx, otherwise
   * 19xx; a three-digit year has 1900 added. */
  if (len == 2)
    {
      *flags |= HDR_HOP_FLAG_TWO_DIGIT_YEAR;
      return year < 50 ? 2000 + year : 1900 + year;
    }

  if (len == 3)
    {
      *flags |= HDR_HOP_FLAG_TWO_DIGIT_YEAR;
      return 1900 + year;
    }

  if (len == 4)
    return year;

  return -1;
}

/* "25 Feb 2020 10:11:12 +0100" (day name already skipped). */
static gboolean
read_rfc5322 (GStrv        words,
              guint       *pos,
              DateParts   *parts,
              HdrHopFlags *flags)
{
  const char *rest;

  g_assert (words != NULL);
  g_assert (pos != NULL);

  if (words[*pos] == NULL || !is_all_digits (words[*pos]) || strlen (words[*pos]) > 2)
    return FALSE;
  parts->day = atoi (words[*pos]);
  (*pos)++;

  if (words[*pos] == NULL || (parts->month = month_from_word (words[*pos])) == 0)
    return FALSE;
  (*pos)++;

  if (words[*pos] == NULL || (parts->year = complete_year (words[*pos], flags)) < 0)
    return FALSE;
  (*pos)++;

  if (words[*pos] == NULL || (rest = read_time (words[*pos], parts)) == NULL || *rest != '\0')
    return FALSE;
  (*pos)++;

  read_zone (words, pos, FALSE, parts, flags);

  return TRUE;
}

/* "May 10 12:26:40 2005", optionally with a zone before or after the year. */
static gboolean
read_asctime (GStrv        words,
              guint       *pos,
              DateParts   *parts,
              HdrHopFlags *flags)
{
  const char *rest;

  g_assert (words != NULL);
  g_assert (pos != NULL);

  if (words[*pos] == NULL || (parts->month = month_from_word (words[*pos])) == 0)
    return FALSE;
  (*pos)++;

  if (words[*pos] == NULL || !is_all_digits (words[*pos]) || strlen (words[*pos]) > 2)
    return FALSE;
  parts->day = atoi (words[*pos]);
  (*pos)++;

  if (words[*pos] == NULL || (rest = read_time (words[*pos], parts)) == NULL || *rest != '\0')
    return FALSE;
  (*pos)++;

  read_zone (words, pos, FALSE, parts, flags);

  if (words[*pos] == NULL || (parts->year = complete_year (words[*pos], flags)) < 0)
    return FALSE;
  (*pos)++;

  read_zone (words, pos, FALSE, parts, flags);

  return TRUE;
}

/* "2020-11-25 18:40:11.45 +0000", "2020-11-25T18:40:11Z". */
static gboolean
read_iso (GStrv        words,
          guint       *pos,
          DateParts   *parts,
          HdrHopFlags *flags)
{
  const char *word;
  const char *rest;

  g_assert (words != NULL);
  g_assert (pos != NULL);

  word = words[*pos];
  if (word == NULL || strlen (word) < 10)
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      gboolean dash = (i == 4 || i == 7);

      if (dash ? word[i] != '-' : !g_ascii_isdigit (word[i]))
        return FALSE;
    }

  parts->year = atoi (word);
  parts->month = atoi (word + 5);
  parts->day = atoi (word + 8);

  if (word[10] == 'T' || word[10] == 't')
    {
      rest = read_time (word + 11, parts);
      if (rest == NULL || !read_attached_zone (rest, parts))
        return FALSE;
      (*pos)++;
    }
  else if (word[10] == '\0')
    {
      (*pos)++;
      if (words[*pos] == NULL || (rest = read_time (words[*pos], parts)) == NULL ||
          !read_attached_zone (rest, parts))
        return FALSE;
      (*pos)++;
    }
  else
    {
      return FALSE;
    }

  read_zone (words, pos, TRUE, parts, flags);

  return TRUE;
}

static GDateTime *
parts_to_utc (const DateParts *parts)
{
  g_autoptr(GDateTime) fields_as_utc = NULL;

  g_assert (parts != NULL);

  if (parts->month < 1 || parts->month > 12 || parts->day < 1 || parts->day > 31)
    return NULL;

  /* The fields read as UTC, then moved by the zone offset.  This is the
   * instant that g_time_zone_new_offset() and g_date_time_to_utc() give,
   * without building a time zone for every date. */
  fields_as_utc = g_date_time_new_utc (parts->year, parts->month, parts->day,
                                       parts->hour, parts->minute, parts->seconds);
  if (fields_as_utc == NULL)
    return NULL;

  if (parts->offset == 0)
    return g_steal_pointer (&fields_as_utc);

  return g_date_time_add_seconds (fields_as_utc, -parts->offset);
}

GDateTime *
_hdr_received_parse_date (const char  *text,
                          gboolean     strict,
                          HdrHopFlags *flags)
{
  g_autofree char *clean = NULL;
  g_autofree char **words = NULL;
  DateParts parts = { 0 };
  HdrHopFlags found = HDR_HOP_FLAG_NONE;
  guint pos = 0;
  gboolean ok;
  GDateTime *date;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (flags != NULL, NULL);

  clean = strip_comments (text);
  words = split_words_in_place (clean);
  if (words[0] == NULL)
    return NULL;

  if (is_day_name (words[pos]) && month_from_word (words[pos]) == 0)
    pos++;

  if (words[pos] == NULL)
    return NULL;

  if (g_ascii_isdigit (words[pos][0]) && strchr (words[pos], '-') != NULL)
    ok = read_iso (words, &pos, &parts, &found);
  else if (g_ascii_isdigit (words[pos][0]))
    ok = read_rfc5322 (words, &pos, &parts, &found);
  else
    ok = read_asctime (words, &pos, &parts, &found);

  if (!ok)
    return NULL;

  /* A zone name after a numeric zone, Go's "m=+..." */
  if (strict)
    {
      for (; words[pos] != NULL; pos++)
        {
          if (!parts.have_zone || !is_ignorable_suffix (words[pos]))
            return NULL;
        }
    }

  if (!parts.have_zone)
    {
      parts.offset = 0;
      found |= HDR_HOP_FLAG_NO_ZONE;
    }

  date = parts_to_utc (&parts);
  if (date == NULL)
    return NULL;

  *flags |= found;

  return date;
}
