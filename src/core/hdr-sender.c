/* hdr-sender.c: the own-account analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scam mail often shows the recipient's own address in From and claims to
 * have been sent from the recipient's account.  This unit finds the
 * recipient's address in what the provider recorded, compares it with
 * the sender fields, and collects the facts that tell a forged From line
 * from mail really sent through the account.
 */

#define G_LOG_DOMAIN "hdr-sender"

#include "config.h"

#include <string.h>

#include "hdr-route-private.h"
#include "hdr-sender.h"

struct _HdrSender
{
  GObject             parent_instance;

  GPtrArray          *recipients;            /* comparable addresses */
  HdrRecipientSource  recipient_source;
  GPtrArray          *from;                  /* comparable From addresses */
  HdrSenderFields     own_address_fields;
  char               *display_name_address;  /* comparable */
  char               *reply_to_elsewhere;    /* comparable */
  char               *message_id_domain;
  gboolean            message_id_unrelated;
  char               *mailer;
  HdrMailerKind       mailer_kind;
  gboolean            has_provider_signature;
};

G_DEFINE_FINAL_TYPE (HdrSender, hdr_sender, G_TYPE_OBJECT)

/* Substrings (lower case) of X-Mailer and User-Agent values.  Libraries
 * that web scripts send with; real people's mail programs name
 * themselves otherwise. */
static const char * const script_mailers[] = {
  "phpmailer", "codeigniter", "swiftmailer", "php/", "python", "perl",
};

/* Desktop mail programs whose support ended years ago (Outlook Express
 * with Windows XP in 2014, Office Outlook 2003 in 2014 and 2007 in 2017,
 * Windows Live Mail in 2017).  Spam programs still copy their names. */
static const char * const discontinued_mailers[] = {
  "outlook express", "office outlook 11", "office outlook 12", "windows live mail",
};

static void
hdr_sender_finalize (GObject *object)
{
  HdrSender *self = (HdrSender *) object;

  g_clear_pointer (&self->recipients, g_ptr_array_unref);
  g_clear_pointer (&self->from, g_ptr_array_unref);
  g_clear_pointer (&self->display_name_address, g_free);
  g_clear_pointer (&self->reply_to_elsewhere, g_free);
  g_clear_pointer (&self->message_id_domain, g_free);
  g_clear_pointer (&self->mailer, g_free);

  G_OBJECT_CLASS (hdr_sender_parent_class)->finalize (object);
}

static void
hdr_sender_class_init (HdrSenderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hdr_sender_finalize;
}

static void
hdr_sender_init (HdrSender *self)
{
  self->recipients = g_ptr_array_new_with_free_func (g_free);
  self->from = g_ptr_array_new_with_free_func (g_free);
}

/* The domain in lower-case ASCII: an internationalised domain name is
 * converted to its punycode form (RFC 5891), so both spellings compare
 * equal.  A trailing root '.' is dropped. */
static char *
comparable_domain (const char *domain)
{
  g_autofree char *lower = NULL;
  g_autofree char *ascii = NULL;
  gsize length;

  g_assert (domain != NULL);

  lower = g_utf8_strdown (domain, -1);
  length = strlen (lower);
  while (length > 0 && lower[length - 1] == '.')
    lower[--length] = '\0';

  ascii = g_hostname_to_ascii (lower);
  if (ascii == NULL)
    return g_steal_pointer (&lower);

  return g_ascii_strdown (ascii, -1);
}

/**
 * hdr_sender_comparable_address:
 * @address: an addr-spec, with or without angle brackets
 *
 * Normalises @address for comparison: the local part in lower case
 * without a "+tag" sub-address (RFC 5233), the domain in lower-case ASCII
 * with internationalised names in punycode.
 *
 * Returns: (transfer full) (nullable): the comparable form, or %NULL when
 *   @address has no '@' or an empty side
 */
char *
hdr_sender_comparable_address (const char *address)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *local_part = NULL;
  g_autofree char *domain = NULL;
  char *at;
  char *plus;

  if (address == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (address));
  if (trimmed[0] == '<' && g_str_has_suffix (trimmed, ">"))
    {
      memmove (trimmed, trimmed + 1, strlen (trimmed));
      trimmed[strlen (trimmed) - 1] = '\0';
    }

  at = strrchr (trimmed, '@');
  if (at == NULL || at == trimmed || at[1] == '\0')
    return NULL;

  *at = '\0';
  local_part = g_utf8_strdown (trimmed, -1);
  plus = strchr (local_part, '+');
  if (plus != NULL && plus != local_part)
    *plus = '\0';

  domain = comparable_domain (at + 1);

  return g_strconcat (local_part, "@", domain, NULL);
}

static const char *
address_domain (const char *comparable)
{
  const char *at = comparable != NULL ? strrchr (comparable, '@') : NULL;

  return at != NULL ? at + 1 : NULL;
}

static void
add_mailbox (GPtrArray       *addresses,
             GPtrArray       *names,
             InternetAddress *address)
{
  if (INTERNET_ADDRESS_IS_GROUP (address))
    {
      InternetAddressList *members = internet_address_group_get_members (INTERNET_ADDRESS_GROUP (address));

      for (int i = 0; members != NULL && i < internet_address_list_length (members); i++)
        add_mailbox (addresses, names, internet_address_list_get_address (members, i));
      return;
    }

  if (INTERNET_ADDRESS_IS_MAILBOX (address))
    {
      const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address));
      char *comparable = hdr_sender_comparable_address (addr);

      if (comparable == NULL)
        return;

      g_ptr_array_add (addresses, comparable);
      if (names != NULL)
        g_ptr_array_add (names, g_strdup (internet_address_get_name (address)));
    }
}

/* Appends the comparable addresses of every field called @name to
 * @addresses, and their display names (or NULL) to @names when given. */
static void
collect_addresses (HdrMessage *message,
                   const char *name,
                   GPtrArray  *addresses,
                   GPtrArray  *names)
{
  GPtrArray *headers = hdr_message_get_headers (message);

  for (guint i = 0; i < headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (headers, i);
      InternetAddressList *list;

      if (header->name == NULL || header->value == NULL ||
          g_ascii_strcasecmp (header->name, name) != 0)
        continue;

      list = internet_address_list_parse (NULL, header->value);
      if (list == NULL)
        continue;

      for (int j = 0; j < internet_address_list_length (list); j++)
        add_mailbox (addresses, names, internet_address_list_get_address (list, j));

      g_object_unref (list);
    }
}

static gboolean
is_address_char (char c)
{
  return c != '\0' && !g_ascii_isspace (c) && strchr ("<>\"'()[],;:", c) == NULL;
}

/* The first "local@domain.tld" written inside a display name, comparable,
 * or NULL. */
static char *
find_address_in_text (const char *text)
{
  const char *at;

  if (text == NULL)
    return NULL;

  for (at = strchr (text, '@'); at != NULL; at = strchr (at + 1, '@'))
    {
      const char *start = at;
      const char *end = at + 1;
      g_autofree char *candidate = NULL;

      while (start > text && is_address_char (start[-1]))
        start--;
      while (is_address_char (*end))
        end++;

      if (start == at || end == at + 1 || memchr (at + 1, '.', end - at - 1) == NULL)
        continue;

      candidate = g_strndup (start, end - start);

      return hdr_sender_comparable_address (candidate);
    }

  return NULL;
}

static guint
find_oldest_trusted_index (HdrRoute *route)
{
  GPtrArray *hops = hdr_route_get_hops (route);
  guint oldest = G_MAXUINT;

  for (guint i = 0; i < hops->len; i++)
    {
      const HdrHop *hop = g_ptr_array_index (hops, i);

      if (hop->trusted && (oldest == G_MAXUINT || hop->header_index > oldest))
        oldest = hop->header_index;
    }

  return oldest;
}

/* The topmost field called @name above @limit, as a comparable address. */
static char *
find_provider_field (HdrMessage *message,
                     const char *name,
                     guint       limit)
{
  GPtrArray *headers = hdr_message_get_headers (message);

  for (guint i = 0; i < headers->len; i++)
    {
      const HdrHeader *header = g_ptr_array_index (headers, i);

      if (header->index >= limit)
        break;

      if (header->name != NULL && g_ascii_strcasecmp (header->name, name) == 0)
        return hdr_sender_comparable_address (header->value);
    }

  return NULL;
}

/*
 * Finds the recipient.  The provider's delivery agent writes Delivered-To
 * and X-Original-To at the top of the message.  They count only above the
 * oldest Received field the provider wrote, because a sender that
 * delivers straight to the provider could put its own copy directly below
 * it.  Next comes the "for" clause of the newest trusted hop that names
 * exactly one address, and last the To field, which the sender wrote.
 */
static void
find_recipients (HdrSender  *self,
                 HdrMessage *message,
                 HdrRoute   *route)
{
  g_autofree char *provider_address = NULL;
  GPtrArray *hops = hdr_route_get_hops (route);
  guint oldest_trusted = find_oldest_trusted_index (route);

  g_assert (HDR_IS_SENDER (self));

  if (oldest_trusted != G_MAXUINT)
    {
      provider_address = find_provider_field (message, "Delivered-To", oldest_trusted);
      self->recipient_source = HDR_RECIPIENT_DELIVERED_TO;

      if (provider_address == NULL)
        {
          provider_address = find_provider_field (message, "X-Original-To", oldest_trusted);
          self->recipient_source = HDR_RECIPIENT_X_ORIGINAL_TO;
        }

      if (provider_address != NULL)
        {
          g_ptr_array_add (self->recipients, g_steal_pointer (&provider_address));
          return;
        }
    }

  for (guint i = hops->len; i > 0; i--)
    {
      const HdrHop *hop = g_ptr_array_index (hops, i - 1);
      char *address;

      if (!hop->trusted || hop->for_addresses->len != 1)
        continue;

      address = hdr_sender_comparable_address (g_ptr_array_index (hop->for_addresses, 0));
      if (address != NULL)
        {
          g_ptr_array_add (self->recipients, address);
          self->recipient_source = HDR_RECIPIENT_RECEIVED_FOR;
          return;
        }
    }

  collect_addresses (message, "To", self->recipients, NULL);
  self->recipient_source = self->recipients->len > 0 ? HDR_RECIPIENT_TO : HDR_RECIPIENT_NONE;
}

static gboolean
contains_address (GPtrArray  *addresses,
                  const char *address)
{
  for (guint i = 0; address != NULL && i < addresses->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (addresses, i), address))
        return TRUE;
    }

  return FALSE;
}

static gboolean
any_address_is_recipient (HdrSender *self,
                          GPtrArray *addresses)
{
  for (guint i = 0; i < addresses->len; i++)
    {
      if (contains_address (self->recipients, g_ptr_array_index (addresses, i)))
        return TRUE;
    }

  return FALSE;
}

/* Two domains belong together when they share a registrable domain or a
 * provider family (hotmail.com and outlook.com). */
static gboolean
domains_are_related (const char *a,
                     const char *b)
{
  g_autofree char *registrable_a = NULL;
  g_autofree char *registrable_b = NULL;
  const HdrProviderFamily *family;

  if (a == NULL || b == NULL)
    return FALSE;

  registrable_a = _hdr_registrable_domain (a);
  registrable_b = _hdr_registrable_domain (b);
  if (registrable_a != NULL && registrable_b != NULL && g_str_equal (registrable_a, registrable_b))
    return TRUE;

  family = _hdr_provider_family_for_host (a);

  return family != NULL && _hdr_provider_family_has_name (family, b);
}

static void
compare_sender_fields (HdrSender  *self,
                       HdrMessage *message)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) sender = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) return_path = g_ptr_array_new_with_free_func (g_free);

  g_assert (HDR_IS_SENDER (self));

  collect_addresses (message, "From", self->from, names);
  collect_addresses (message, "Sender", sender, NULL);
  collect_addresses (message, "Return-Path", return_path, NULL);

  if (any_address_is_recipient (self, self->from))
    self->own_address_fields |= HDR_SENDER_FIELD_FROM;
  if (any_address_is_recipient (self, sender))
    self->own_address_fields |= HDR_SENDER_FIELD_SENDER;
  if (any_address_is_recipient (self, return_path))
    self->own_address_fields |= HDR_SENDER_FIELD_RETURN_PATH;

  /* "you@example.com" <scam@example.net>: the name shows one address and
   * replies go to another. */
  for (guint i = 0; i < names->len && i < self->from->len; i++)
    {
      g_autofree char *name_address = find_address_in_text (g_ptr_array_index (names, i));

      if (name_address == NULL || g_str_equal (name_address, g_ptr_array_index (self->from, i)))
        continue;

      if (self->display_name_address == NULL)
        self->display_name_address = g_strdup (name_address);
      if (contains_address (self->recipients, name_address))
        {
          g_free (self->display_name_address);
          self->display_name_address = g_steal_pointer (&name_address);
          self->own_address_fields |= HDR_SENDER_FIELD_DISPLAY_NAME;
        }
    }
}

/* A Reply-To that leads away from the From address: another domain, or
 * any other address when From shows the recipient's own.  A mailing list
 * that sets Reply-To to its own address is not counted. */
static void
check_reply_to (HdrSender  *self,
                HdrMessage *message,
                HdrRoute   *route)
{
  g_autoptr(GPtrArray) reply_to = g_ptr_array_new_with_free_func (g_free);
  const char *list_id = hdr_route_get_list_id (route);

  g_assert (HDR_IS_SENDER (self));

  collect_addresses (message, "Reply-To", reply_to, NULL);

  if (any_address_is_recipient (self, reply_to))
    self->own_address_fields |= HDR_SENDER_FIELD_REPLY_TO;

  for (guint i = 0; i < reply_to->len; i++)
    {
      const char *address = g_ptr_array_index (reply_to, i);
      const char *domain = address_domain (address);
      gboolean related = FALSE;

      if (contains_address (self->from, address) || contains_address (self->recipients, address))
        continue;

      if (list_id != NULL && domains_are_related (domain, list_id))
        continue;

      for (guint j = 0; j < self->from->len; j++)
        related |= domains_are_related (domain, address_domain (g_ptr_array_index (self->from, j)));

      if (!related || (self->own_address_fields & HDR_SENDER_FIELD_FROM) != 0)
        {
          self->reply_to_elsewhere = g_strdup (address);
          return;
        }
    }
}

/* The right side of "<left@right>", lower case, or NULL. */
static char *
read_message_id_domain (const char *value)
{
  g_autofree char *trimmed = NULL;
  const char *at;
  const char *end;

  if (value == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (value));
  at = strrchr (trimmed, '@');
  if (at == NULL)
    return NULL;

  end = strchr (at, '>');
  if (end == NULL)
    end = at + strlen (at);
  if (end == at + 1)
    return NULL;

  {
    g_autofree char *domain = g_strndup (at + 1, end - at - 1);

    return comparable_domain (g_strstrip (domain));
  }
}

/* The Message-ID is made up by the program that wrote the message,
 * usually from its own domain (RFC 5322 section 3.6.4).  A domain that
 * belongs neither with the From domain nor with its provider family shows
 * that another program wrote the message.  Bulk mail services do this
 * too, so it is a hint, not a proof. */
static void
check_message_id (HdrSender  *self,
                  HdrMessage *message)
{
  const char *from_domain;

  g_assert (HDR_IS_SENDER (self));

  self->message_id_domain = read_message_id_domain (hdr_message_get_header (message, "Message-ID"));
  if (self->message_id_domain == NULL || self->from->len == 0)
    return;

  from_domain = address_domain (g_ptr_array_index (self->from, 0));
  self->message_id_unrelated = !domains_are_related (self->message_id_domain, from_domain);
}

static HdrMailerKind
classify_mailer (const char *mailer)
{
  g_autofree char *lower = g_ascii_strdown (mailer, -1);

  for (guint i = 0; i < G_N_ELEMENTS (script_mailers); i++)
    {
      if (strstr (lower, script_mailers[i]) != NULL)
        return HDR_MAILER_SCRIPT;
    }

  for (guint i = 0; i < G_N_ELEMENTS (discontinued_mailers); i++)
    {
      if (strstr (lower, discontinued_mailers[i]) != NULL)
        return HDR_MAILER_DISCONTINUED;
    }

  return HDR_MAILER_ORDINARY;
}

static void
check_mailer (HdrSender  *self,
              HdrMessage *message)
{
  const char *mailer = hdr_message_get_header (message, "X-Mailer");

  g_assert (HDR_IS_SENDER (self));

  if (mailer == NULL)
    mailer = hdr_message_get_header (message, "User-Agent");
  if (mailer == NULL)
    return;

  self->mailer = g_strstrip (g_strdup (mailer));
  self->mailer_kind = classify_mailer (self->mailer);
}

/* Whether the provider verified a DKIM signature of the recipient's own
 * domain or of its own family.  Mail sent from the recipient's account
 * carries the provider's signature. */
static void
check_provider_signature (HdrSender *self,
                          HdrRoute  *route,
                          HdrAuth   *auth)
{
  GPtrArray *results = hdr_auth_get_results (auth);
  const char *recipient_domain;

  g_assert (HDR_IS_SENDER (self));

  if (self->recipients->len == 0)
    return;

  recipient_domain = address_domain (g_ptr_array_index (self->recipients, 0));

  for (guint i = 0; i < results->len; i++)
    {
      const HdrAuthResult *result = g_ptr_array_index (results, i);
      const char *signer;

      if (!result->trusted || !g_str_equal (result->method, "dkim") ||
          !g_str_equal (result->result, "pass"))
        continue;

      signer = hdr_auth_result_get_property (result, "header.d");
      if (signer == NULL)
        signer = hdr_auth_result_get_property (result, "header.i");
      if (signer != NULL && strchr (signer, '@') != NULL)
        signer = strrchr (signer, '@') + 1;
      if (signer == NULL)
        continue;

      if (domains_are_related (signer, recipient_domain) || hdr_route_is_provider_host (route, signer))
        {
          self->has_provider_signature = TRUE;
          return;
        }
    }
}

/**
 * hdr_sender_new:
 * @message: the message
 * @route: its Received chain
 * @auth: its authentication results, trust already decided
 *
 * Runs the own-account analysis.
 *
 * Returns: (transfer full): a new #HdrSender
 */
HdrSender *
hdr_sender_new (HdrMessage *message,
                HdrRoute   *route,
                HdrAuth    *auth)
{
  g_autoptr(HdrSender) self = NULL;

  g_return_val_if_fail (HDR_IS_MESSAGE (message), NULL);
  g_return_val_if_fail (HDR_IS_ROUTE (route), NULL);
  g_return_val_if_fail (HDR_IS_AUTH (auth), NULL);

  self = g_object_new (HDR_TYPE_SENDER, NULL);

  find_recipients (self, message, route);
  compare_sender_fields (self, message);
  check_reply_to (self, message, route);
  check_message_id (self, message);
  check_mailer (self, message);
  check_provider_signature (self, route, auth);

  return g_steal_pointer (&self);
}

/**
 * hdr_sender_get_recipients:
 *
 * Returns: (transfer none) (element-type utf8): the recipient's comparable
 *   addresses; one, except when they were read from To
 */
GPtrArray *
hdr_sender_get_recipients (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), NULL);

  return self->recipients;
}

HdrRecipientSource
hdr_sender_get_recipient_source (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), HDR_RECIPIENT_NONE);

  return self->recipient_source;
}

/**
 * hdr_sender_get_from_address:
 *
 * Returns: (nullable): the first From address, comparable
 */
const char *
hdr_sender_get_from_address (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), NULL);

  return self->from->len > 0 ? g_ptr_array_index (self->from, 0) : NULL;
}

/**
 * hdr_sender_get_own_address_fields:
 *
 * Returns: the fields that show one of the recipient's addresses
 */
HdrSenderFields
hdr_sender_get_own_address_fields (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), HDR_SENDER_FIELD_NONE);

  return self->own_address_fields;
}

/**
 * hdr_sender_shows_own_address:
 *
 * Returns: %TRUE when From, Sender or the From display name shows the
 *   recipient's own address, so that the message looks as if it came
 *   from the recipient's account
 */
gboolean
hdr_sender_shows_own_address (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), FALSE);

  return (self->own_address_fields &
          (HDR_SENDER_FIELD_FROM | HDR_SENDER_FIELD_SENDER | HDR_SENDER_FIELD_DISPLAY_NAME)) != 0;
}

/**
 * hdr_sender_get_display_name_address:
 *
 * Returns: (nullable): an address written in the From display name that
 *   differs from the real From address, comparable
 */
const char *
hdr_sender_get_display_name_address (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), NULL);

  return self->display_name_address;
}

/**
 * hdr_sender_get_reply_to_elsewhere:
 *
 * Returns: (nullable): the Reply-To address that leads away from the From
 *   address, comparable
 */
const char *
hdr_sender_get_reply_to_elsewhere (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), NULL);

  return self->reply_to_elsewhere;
}

const char *
hdr_sender_get_message_id_domain (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), NULL);

  return self->message_id_domain;
}

/**
 * hdr_sender_message_id_is_unrelated:
 *
 * Returns: %TRUE when the Message-ID domain belongs neither with the From
 *   domain nor with its provider family
 */
gboolean
hdr_sender_message_id_is_unrelated (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), FALSE);

  return self->message_id_unrelated;
}

/**
 * hdr_sender_get_mailer:
 *
 * Returns: (nullable): the X-Mailer value, else the User-Agent value
 */
const char *
hdr_sender_get_mailer (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), NULL);

  return self->mailer;
}

HdrMailerKind
hdr_sender_get_mailer_kind (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), HDR_MAILER_ORDINARY);

  return self->mailer_kind;
}

/**
 * hdr_sender_has_provider_signature:
 *
 * Returns: %TRUE when a trusted "dkim=pass" names the recipient's domain
 *   or the provider's family as signer
 */
gboolean
hdr_sender_has_provider_signature (HdrSender *self)
{
  g_return_val_if_fail (HDR_IS_SENDER (self), FALSE);

  return self->has_provider_signature;
}
