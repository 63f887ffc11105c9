/* test-auth.c: Authentication-Results, ARC, Received-SPF and DKIM-Signature
 * parsing, and which results are believed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "hdr-auth.h"
#include "hdr-message.h"
#include "hdr-route.h"

static void
header_free (HdrHeader *header)
{
  g_free (header->name);
  g_free (header->value);
  g_free (header->raw);
  g_free (header);
}

static GPtrArray *
headers_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) header_free);
}

/* Appends one field with the next index, as HdrMessage numbers them. */
static void
headers_add (GPtrArray  *headers,
             const char *name,
             const char *value)
{
  HdrHeader *header = g_new0 (HdrHeader, 1);

  header->name = g_strdup (name);
  header->value = g_strdup (value);
  header->raw = g_strdup_printf ("%s: %s", name, value);
  header->index = headers->len;
  header->line = headers->len + 1;
  g_ptr_array_add (headers, header);
}

/* Parses one field without a route, so no result is trusted. */
static HdrAuth *
auth_new_for_field (const char *name,
                    const char *value)
{
  g_autoptr(GPtrArray) headers = headers_new ();

  headers_add (headers, name, value);

  return hdr_auth_new (headers, NULL);
}

static HdrAuthResult *
get_result (HdrAuth *auth,
            guint    position)
{
  GPtrArray *results = hdr_auth_get_results (auth);

  g_assert_cmpuint (position, <, results->len);

  return g_ptr_array_index (results, position);
}

/* Returns the first result of method in the field with header_index. */
static HdrAuthResult *
find_result (HdrAuth    *auth,
             guint       header_index,
             const char *method)
{
  GPtrArray *results = hdr_auth_get_results (auth);

  for (guint i = 0; i < results->len; i++)
    {
      HdrAuthResult *result = g_ptr_array_index (results, i);

      if (result->header_index == header_index && g_str_equal (result->method, method))
        return result;
    }

  g_test_fail_printf ("no %s result in field %u", method, header_index);

  return NULL;
}

typedef struct
{
  HdrMessage *message;
  HdrRoute   *route;
  HdrAuth    *auth;
} Fixture;

static void
fixture_load (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "fixtures", "auth", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GPtrArray *headers;

  fixture->message = hdr_message_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->message);

  headers = hdr_message_get_headers (fixture->message);
  fixture->route = hdr_route_new (headers);
  fixture->auth = hdr_auth_new (headers, fixture->route);
}

static void
fixture_clear (Fixture *fixture)
{
  g_clear_object (&fixture->auth);
  g_clear_object (&fixture->route);
  g_clear_object (&fixture->message);
}

static void
test_auth_result_words (void)
{
  static const char * const words[] = {
    "pass", "fail", "softfail", "neutral", "none", "temperror", "permerror", "policy",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      g_autofree char *value = NULL;
      g_autoptr(HdrAuth) auth = NULL;
      GPtrArray *results;

      value = g_strdup_printf ("mx.example.net; spf=%s smtp.mailfrom=a@example.org;"
                               " dkim=%s header.d=example.org; dmarc=%s header.from=example.org",
                               words[i], words[i], words[i]);
      auth = auth_new_for_field ("Authentication-Results", value);
      results = hdr_auth_get_results (auth);

      g_assert_cmpuint (results->len, ==, 3);
      g_assert_cmpstr (get_result (auth, 0)->method, ==, "spf");
      g_assert_cmpstr (get_result (auth, 0)->result, ==, words[i]);
      g_assert_cmpstr (get_result (auth, 1)->method, ==, "dkim");
      g_assert_cmpstr (get_result (auth, 1)->result, ==, words[i]);
      g_assert_cmpstr (get_result (auth, 2)->method, ==, "dmarc");
      g_assert_cmpstr (get_result (auth, 2)->result, ==, words[i]);
      g_assert_cmpstr (get_result (auth, 2)->authserv_id, ==, "mx.example.net");
      g_assert_cmpstr (get_result (auth, 2)->header_name, ==, "Authentication-Results");
    }
}

static void
test_auth_case_folding (void)
{
  g_autoptr(HdrAuth) auth = NULL;
  HdrAuthResult *result;

  auth = auth_new_for_field ("authentication-results",
                             "MX.Example.NET; SPF=SoftFail Smtp.MailFrom=Bob@Example.ORG");
  result = get_result (auth, 0);

  g_assert_cmpstr (result->authserv_id, ==, "MX.Example.NET");
  g_assert_cmpstr (result->method, ==, "spf");
  g_assert_cmpstr (result->result, ==, "softfail");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "smtp.mailfrom"), ==, "Bob@Example.ORG");
}

static void
test_auth_policy_properties (void)
{
  g_autoptr(HdrAuth) auth = NULL;
  HdrAuthResult *result;

  auth = auth_new_for_field ("Authentication-Results",
                             "mx.example.net; dmarc=fail (p=reject dis=quarantine)"
                             " policy.dmarc=reject policy.published-domain-policy=reject"
                             " header.from=example.org;"
                             " dkim=policy policy.dkim-rules=unsigned-subject header.d=example.org");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 2);

  result = get_result (auth, 0);
  g_assert_cmpstr (result->method, ==, "dmarc");
  g_assert_cmpstr (result->result, ==, "fail");
  g_assert_cmpstr (result->reason, ==, "p=reject dis=quarantine");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "policy.dmarc"), ==, "reject");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "policy.published-domain-policy"), ==,
                   "reject");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "header.from"), ==, "example.org");
  g_assert_cmpuint (result->properties->len, ==, 3);

  result = get_result (auth, 1);
  g_assert_cmpstr (result->method, ==, "dkim");
  g_assert_cmpstr (result->result, ==, "policy");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "policy.dkim-rules"), ==,
                   "unsigned-subject");
}

static void
test_auth_several_fields (void)
{
  g_autoptr(GPtrArray) headers = headers_new ();
  g_autoptr(HdrAuth) auth = NULL;
  GPtrArray *results;

  headers_add (headers, "Authentication-Results", "mx2.example.net; dkim=pass header.d=example.org");
  headers_add (headers, "Received", "from mx1.example.net by mx2.example.net; "
               "Fri, 04 Dec 2026 10:00:00 +0000");
  headers_add (headers, "Authentication-Results",
               "filter.example.com; spf=fail smtp.mailfrom=example.org; dkim=fail header.d=example.org");
  auth = hdr_auth_new (headers, NULL);
  results = hdr_auth_get_results (auth);

  g_assert_cmpuint (results->len, ==, 3);
  g_assert_cmpstr (get_result (auth, 0)->authserv_id, ==, "mx2.example.net");
  g_assert_cmpuint (get_result (auth, 0)->header_index, ==, 0);
  g_assert_cmpstr (get_result (auth, 1)->authserv_id, ==, "filter.example.com");
  g_assert_cmpuint (get_result (auth, 1)->header_index, ==, 2);
  g_assert_cmpstr (get_result (auth, 2)->authserv_id, ==, "filter.example.com");
  g_assert_cmpstr (get_result (auth, 2)->method, ==, "dkim");
  g_assert_cmpstr (get_result (auth, 2)->result, ==, "fail");
}

static void
test_auth_several_dkim (void)
{
  g_autoptr(HdrAuth) auth = NULL;

  auth = auth_new_for_field ("Authentication-Results",
                             "mx.example.net; dkim=fail header.d=example.org;"
                             " dkim=pass header.d=mailer.example.com; dkim=neutral");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 3);
  g_assert_cmpstr (get_result (auth, 0)->result, ==, "fail");
  g_assert_cmpstr (hdr_auth_result_get_property (get_result (auth, 1), "header.d"), ==,
                   "mailer.example.com");
  g_assert_cmpstr (get_result (auth, 2)->result, ==, "neutral");
  g_assert_cmpuint (get_result (auth, 2)->properties->len, ==, 0);
}

static void
test_auth_comments (void)
{
  g_autoptr(HdrAuth) auth = NULL;
  HdrAuthResult *result;

  auth = auth_new_for_field ("Authentication-Results",
                             "(leading) mx.example.net (outer (nested) \\) text) 1 (after version);"
                             " (before) spf (a) = (b) pass (the sender is \\(allowed\\))"
                             " smtp (c) . (d) mailfrom (e) = (f) user@example.org (g) ;"
                             " dkim/1 = fail (bad (nested) signature) header.d=example.org (trailing)");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 2);

  result = get_result (auth, 0);
  g_assert_cmpstr (result->authserv_id, ==, "mx.example.net");
  g_assert_cmpstr (result->method, ==, "spf");
  g_assert_cmpstr (result->result, ==, "pass");
  g_assert_cmpstr (result->reason, ==, "the sender is (allowed)");

  result = get_result (auth, 1);
  g_assert_cmpstr (result->method, ==, "dkim");
  g_assert_cmpstr (result->method_version, ==, "1");
  g_assert_cmpstr (result->result, ==, "fail");
  g_assert_cmpstr (result->reason, ==, "bad (nested) signature");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "header.d"), ==, "example.org");
}

/* CFWS may separate ptype, '.' and property (RFC 8601 section 2.2). */
static void
test_auth_comment_inside_property (void)
{
  g_autoptr(HdrAuth) auth = NULL;

  auth = auth_new_for_field ("Authentication-Results",
                             "mx.example.net; spf=pass smtp.mailfrom=(sender) user@example.org");

  g_assert_cmpstr (hdr_auth_result_get_property (get_result (auth, 0), "smtp.mailfrom"), ==,
                   "user@example.org");
}

static void
test_auth_quoted_reason (void)
{
  g_autoptr(HdrAuth) auth = NULL;
  HdrAuthResult *result;

  auth = auth_new_for_field ("Authentication-Results",
                             "mx.example.net; dkim=fail reason=\"signature verification failed; "
                             "body hash \\\"mismatch\\\"\" (1024-bit key) header.d=example.org;"
                             " dkim=pass (1024-bit key) reason=\"pass (just generated)\";"
                             " spf=fail reason=token-reason smtp.mailfrom=example.org");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 3);

  result = get_result (auth, 0);
  g_assert_cmpstr (result->reason, ==, "signature verification failed; body hash \"mismatch\"");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "header.d"), ==, "example.org");

  result = get_result (auth, 1);
  g_assert_cmpstr (result->reason, ==, "pass (just generated)");

  result = get_result (auth, 2);
  g_assert_cmpstr (result->reason, ==, "token-reason");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "smtp.mailfrom"), ==, "example.org");
}

static void
test_auth_properties (void)
{
  g_autoptr(HdrAuth) auth = NULL;
  HdrAuthResult *result;
  const HdrAuthProperty *property;

  auth = auth_new_for_field ("Authentication-Results",
                             "\"mx.example.net\"; spf=pass"
                             " smtp.mailfrom=\"bounces+4711-ab=example.net@mail.example.org\""
                             " smtp.helo=mail.example.org;"
                             " dkim=pass header.d=example.org header.i=@news.example.org"
                             " header.s=sel1 header.b=AbC/d+Ef==;"
                             " dmarc=pass header.from=example.org policy.dmarc=none");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 3);

  result = get_result (auth, 0);
  g_assert_cmpstr (result->authserv_id, ==, "mx.example.net");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "smtp.mailfrom"), ==,
                   "bounces+4711-ab=example.net@mail.example.org");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "smtp.helo"), ==, "mail.example.org");

  result = get_result (auth, 1);
  g_assert_cmpuint (result->properties->len, ==, 4);
  property = g_ptr_array_index (result->properties, 0);
  g_assert_cmpstr (property->name, ==, "header.d");
  g_assert_cmpstr (property->value, ==, "example.org");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "header.i"), ==, "@news.example.org");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "header.b"), ==, "AbC/d+Ef==");
  g_assert_null (hdr_auth_result_get_property (result, "header.a"));

  result = get_result (auth, 2);
  g_assert_cmpstr (hdr_auth_result_get_property (result, "header.from"), ==, "example.org");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "policy.dmarc"), ==, "none");
}

static void
test_auth_none (void)
{
  g_autoptr(HdrAuth) auth = NULL;
  g_autoptr(HdrAuth) versioned = NULL;

  auth = auth_new_for_field ("Authentication-Results", "mx.example.net; none");
  versioned = auth_new_for_field ("Authentication-Results", "mx.example.net 1; none (no checks)");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 0);
  g_assert_cmpuint (hdr_auth_get_results (versioned)->len, ==, 0);
}

static void
test_auth_version (void)
{
  g_autoptr(HdrAuth) auth = NULL;

  auth = auth_new_for_field ("Authentication-Results", "mx.example.net 1; auth=pass smtp.auth=robin");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 1);
  g_assert_cmpstr (get_result (auth, 0)->authserv_id, ==, "mx.example.net");
  g_assert_cmpstr (get_result (auth, 0)->method, ==, "auth");
  g_assert_cmpstr (hdr_auth_result_get_property (get_result (auth, 0), "smtp.auth"), ==, "robin");
}

static void
test_auth_unknown_method (void)
{
  g_autoptr(HdrAuth) auth = NULL;

  auth = auth_new_for_field ("Authentication-Results",
                             "mx.example.net; x-trust-score=high x.score=9; iprev=pass"
                             " policy.iprev=192.0.2.5");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 2);
  g_assert_cmpstr (get_result (auth, 0)->method, ==, "x-trust-score");
  g_assert_cmpstr (get_result (auth, 0)->result, ==, "high");
  g_assert_cmpstr (hdr_auth_result_get_property (get_result (auth, 0), "x.score"), ==, "9");
  g_assert_cmpstr (get_result (auth, 1)->method, ==, "iprev");
  g_assert_cmpstr (hdr_auth_result_get_property (get_result (auth, 1), "policy.iprev"), ==,
                   "192.0.2.5");
}

static void
test_auth_malformed_resinfo (void)
{
  g_autoptr(HdrAuth) auth = NULL;

  auth = auth_new_for_field ("Authentication-Results",
                             "mx.example.net; spf; dkim=; =pass; d@kim=pass; dmarc pass;"
                             " arc=pass; spf=fail smtp.mailfrom=example.org");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 2);
  g_assert_cmpstr (get_result (auth, 0)->method, ==, "arc");
  g_assert_cmpstr (get_result (auth, 1)->method, ==, "spf");
  g_assert_cmpstr (get_result (auth, 1)->result, ==, "fail");
}

static void
test_auth_missing_semicolon (void)
{
  g_autoptr(HdrAuth) auth = NULL;

  auth = auth_new_for_field ("Authentication-Results",
                             "mx.example.net; spf=pass smtp.mailfrom=example.org dkim=pass header.d=example.org");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 2);
  g_assert_cmpstr (get_result (auth, 1)->method, ==, "dkim");
  g_assert_null (hdr_auth_result_get_property (get_result (auth, 0), "dkim"));
}

static void
test_auth_method_version_spaces (void)
{
  g_autoptr(HdrAuth) auth = NULL;

  auth = auth_new_for_field ("Authentication-Results",
                             "mx.example.net; dkim / 1 = pass header.d=example.org;"
                             " spf/ 2=fail; dmarc /x=pass");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 2);
  g_assert_cmpstr (get_result (auth, 0)->method, ==, "dkim");
  g_assert_cmpstr (get_result (auth, 0)->method_version, ==, "1");
  g_assert_cmpstr (get_result (auth, 0)->result, ==, "pass");
  g_assert_cmpstr (get_result (auth, 1)->method, ==, "spf");
  g_assert_cmpstr (get_result (auth, 1)->method_version, ==, "2");
  g_assert_null (get_result (auth, 0)->reason);
}

static void
test_auth_microsoft_form (void)
{
  g_autoptr(HdrAuth) auth = NULL;
  HdrAuthResult *result;

  auth = auth_new_for_field ("Authentication-Results",
                             "spf=pass (sender IP is 198.51.100.20) smtp.mailfrom=example.org;"
                             " dkim=fail (signature did not verify) header.d=example.org;dmarc=bestguesspass"
                             " action=none header.from=example.org;compauth=pass reason=109");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 4);

  result = get_result (auth, 0);
  g_assert_null (result->authserv_id);
  g_assert_cmpstr (result->method, ==, "spf");
  g_assert_cmpstr (result->reason, ==, "sender IP is 198.51.100.20");

  result = get_result (auth, 1);
  g_assert_cmpstr (result->result, ==, "fail");
  g_assert_cmpstr (result->reason, ==, "signature did not verify");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "header.d"), ==, "example.org");

  result = get_result (auth, 2);
  g_assert_cmpstr (result->method, ==, "dmarc");
  g_assert_cmpstr (result->result, ==, "bestguesspass");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "action"), ==, "none");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "header.from"), ==, "example.org");

  result = get_result (auth, 3);
  g_assert_cmpstr (result->method, ==, "compauth");
  g_assert_cmpstr (result->result, ==, "pass");
  g_assert_cmpstr (result->reason, ==, "109");
}

static void
test_auth_arc_results (void)
{
  g_autoptr(HdrAuth) auth = NULL;
  HdrAuthResult *result;

  auth = auth_new_for_field ("ARC-Authentication-Results",
                             "i=2; mx.example.com 1; spf=pass smtp.mailfrom=example.org;"
                             " arc=fail (48)");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 2);

  result = get_result (auth, 0);
  g_assert_cmpstr (result->header_name, ==, "ARC-Authentication-Results");
  g_assert_cmpuint (result->arc_instance, ==, 2);
  g_assert_cmpstr (result->authserv_id, ==, "mx.example.com");

  result = get_result (auth, 1);
  g_assert_cmpstr (result->method, ==, "arc");
  g_assert_cmpstr (result->result, ==, "fail");
  g_assert_cmpstr (result->reason, ==, "48");
}

static void
test_auth_arc_sets (void)
{
  g_autoptr(GPtrArray) headers = headers_new ();
  g_autoptr(HdrAuth) auth = NULL;
  GPtrArray *sets;
  const HdrArcSet *set;

  headers_add (headers, "ARC-Seal", "i=2; a=rsa-sha256; t=1796378402; cv=Pass;\r\n d=example.net;"
               " s=arc1; b=QUJD\r\n REVG");
  headers_add (headers, "ARC-Message-Signature", "i=2; a=rsa-sha256; d=example.net; s=arc1;"
               " h=from:to; bh=MTIz; b=WllY");
  headers_add (headers, "ARC-Authentication-Results", "i=2; mx.example.net; arc=pass");
  headers_add (headers, "ARC-Seal", "i=1; a=rsa-sha256; cv=none; d=example.org; s=a; b=bHdX");
  headers_add (headers, "ARC-Message-Signature", "i=1; a=rsa-sha256; d=example.org; s=a; b=cTJG");
  headers_add (headers, "ARC-Message-Signature", "i=1; a=rsa-sha256; d=example.org; s=a; b=cTJH");
  headers_add (headers, "ARC-Seal", "i=51; cv=none; d=example.org");
  headers_add (headers, "ARC-Seal", "cv=none; d=example.org");
  auth = hdr_auth_new (headers, NULL);
  sets = hdr_auth_get_arc_sets (auth);

  g_assert_cmpuint (sets->len, ==, 2);

  set = g_ptr_array_index (sets, 0);
  g_assert_cmpuint (set->instance, ==, 1);
  g_assert_true (set->has_seal);
  g_assert_true (set->has_message_signature);
  g_assert_false (set->has_authentication_results);
  g_assert_true (set->has_duplicates);
  g_assert_cmpstr (set->seal_cv, ==, "none");
  g_assert_cmpstr (set->seal_domain, ==, "example.org");
  g_assert_cmpuint (set->seal_header_index, ==, 3);

  set = g_ptr_array_index (sets, 1);
  g_assert_cmpuint (set->instance, ==, 2);
  g_assert_true (set->has_seal);
  g_assert_true (set->has_message_signature);
  g_assert_true (set->has_authentication_results);
  g_assert_false (set->has_duplicates);
  g_assert_cmpstr (set->seal_cv, ==, "pass");
  g_assert_cmpstr (set->seal_domain, ==, "example.net");
  g_assert_cmpuint (set->seal_header_index, ==, 0);
}

static void
test_auth_received_spf (void)
{
  g_autoptr(HdrAuth) auth = NULL;
  HdrAuthResult *result;

  auth = auth_new_for_field ("Received-SPF",
                             "SoftFail (mx.example.net: domain of transitioning"
                             " bob@example.org does not designate 2001:db8::25 as permitted sender)"
                             " receiver=mx.example.net; client-ip=2001:db8::25;"
                             " envelope-from=\"bob@example.org\"; helo=mail.example.org;"
                             " identity=mailfrom;");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 1);

  result = get_result (auth, 0);
  g_assert_cmpstr (result->header_name, ==, "Received-SPF");
  g_assert_cmpstr (result->method, ==, "spf");
  g_assert_cmpstr (result->result, ==, "softfail");
  g_assert_cmpstr (result->authserv_id, ==, "mx.example.net");
  g_assert_cmpstr (result->reason, ==, "mx.example.net: domain of transitioning bob@example.org"
                   " does not designate 2001:db8::25 as permitted sender");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "receiver"), ==, "mx.example.net");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "client-ip"), ==, "2001:db8::25");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "envelope-from"), ==, "bob@example.org");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "helo"), ==, "mail.example.org");
  g_assert_cmpstr (hdr_auth_result_get_property (result, "identity"), ==, "mailfrom");
  g_assert_false (result->trusted);
}

static void
test_auth_received_spf_without_receiver (void)
{
  g_autoptr(HdrAuth) auth = NULL;
  g_autoptr(HdrAuth) no_result = NULL;

  auth = auth_new_for_field ("Received-SPF", "none (no SPF record) client-ip=192.0.2.8;");
  no_result = auth_new_for_field ("Received-SPF", "client-ip=192.0.2.8; helo=example.org");

  g_assert_cmpuint (hdr_auth_get_results (auth)->len, ==, 1);
  g_assert_cmpstr (get_result (auth, 0)->result, ==, "none");
  g_assert_null (get_result (auth, 0)->authserv_id);
  g_assert_cmpstr (get_result (auth, 0)->reason, ==, "no SPF record");
  g_assert_cmpuint (hdr_auth_get_results (no_result)->len, ==, 0);
}

static void
test_auth_dkim_signature (void)
{
  g_autoptr(GPtrArray) headers = headers_new ();
  g_autoptr(HdrAuth) auth = NULL;
  GPtrArray *signatures;
  const HdrDkimSignature *signature;

  headers_add (headers, "DKIM-Signature",
               "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org;\r\n\ts=sel1;"
               " i=news@example.org; h=From:To:Subject:\r\n\t Date: Message-ID;"
               " bh=MTIzNDU2; b=AbCd\r\n\tEfGh");
  headers_add (headers, "DKIM-Signature", "v=1; a=ed25519-sha256; d=mailer.example.com; s=ed");
  headers_add (headers, "DKIM-Signature", "garbage without tags");
  auth = hdr_auth_new (headers, NULL);
  signatures = hdr_auth_get_dkim_signatures (auth);

  g_assert_cmpuint (signatures->len, ==, 3);

  signature = g_ptr_array_index (signatures, 0);
  g_assert_cmpuint (signature->header_index, ==, 0);
  g_assert_cmpstr (signature->domain, ==, "example.org");
  g_assert_cmpstr (signature->selector, ==, "sel1");
  g_assert_cmpstr (signature->identity, ==, "news@example.org");
  g_assert_cmpstr (signature->algorithm, ==, "rsa-sha256");
  g_assert_cmpuint (signature->signed_headers->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (signature->signed_headers, 0), ==, "from");
  g_assert_cmpstr (g_ptr_array_index (signature->signed_headers, 3), ==, "date");
  g_assert_cmpstr (g_ptr_array_index (signature->signed_headers, 4), ==, "message-id");

  signature = g_ptr_array_index (signatures, 1);
  g_assert_cmpstr (signature->domain, ==, "mailer.example.com");
  g_assert_cmpstr (signature->algorithm, ==, "ed25519-sha256");
  g_assert_null (signature->identity);
  g_assert_cmpuint (signature->signed_headers->len, ==, 0);

  signature = g_ptr_array_index (signatures, 2);
  g_assert_null (signature->domain);
  g_assert_null (signature->selector);
}

static void
test_auth_garbage (void)
{
  static const char * const values[] = {
    "", " ", ";", ";;;;", "=", "==;==", "(", "((((", ")", "\"", "\"unterminated",
    "(unclosed comment; spf=pass", "mx.example.net; spf=", "mx.example.net; spf=pass smtp.mailfrom=",
    "mx.example.net; spf=pass smtp.mailfrom", "mx.example.net; =", "mx.example.net; / = /",
    "mx.example.net; dkim/ = pass", "mx.example.net; dkim/x=pass", "i=; ; ;", "i=0; x; y=z",
    "\\", "mx.example.net; spf=pass reason=", "mx.example.net; spf=pass reason=\"",
    "mx.example.net; \xc3\xa9=pass \xc3\xa9.x=\xc3\xa9", "a=b=c=d;e=f",
  };
  static const char * const names[] = {
    "Authentication-Results", "ARC-Authentication-Results", "Received-SPF", "ARC-Seal",
    "ARC-Message-Signature", "DKIM-Signature",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      for (guint j = 0; j < G_N_ELEMENTS (values); j++)
        {
          g_autoptr(HdrAuth) auth = auth_new_for_field (names[i], values[j]);

          g_assert_nonnull (auth);
        }
    }

  /* Random bytes drawn from the characters the parsers treat specially. */
  for (guint round = 0; round < 2000; round++)
    {
      static const char alphabet[] = "ab.@=;()\"\\/ \t1i";
      char value[64];
      guint length = g_test_rand_int_range (0, sizeof value);

      for (guint k = 0; k < length; k++)
        value[k] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
      value[length] = '\0';

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autoptr(HdrAuth) auth = auth_new_for_field (names[i], value);

          g_assert_nonnull (auth);
        }
    }
}

static void
test_auth_without_route (void)
{
  g_autoptr(HdrAuth) auth = NULL;

  auth = auth_new_for_field ("Authentication-Results", "mx.example.net; spf=pass; dkim=pass");

  g_assert_false (get_result (auth, 0)->trusted);
  g_assert_false (get_result (auth, 1)->trusted);
  g_assert_null (hdr_auth_get_summary (auth, "spf"));
  g_assert_null (hdr_auth_get_summary (auth, "dkim"));
}

/* Gmail writes its results just below its own Received field. */
static void
test_trust_below_own_received (void)
{
  Fixture fixture = { 0, };

  fixture_load (&fixture, "below-own-received.eml");

  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (fixture.route), ==, 8);

  /* ARC-Authentication-Results i=1 and Authentication-Results of mx.example.net */
  g_assert_true (find_result (fixture.auth, 3, "dkim")->trusted);
  g_assert_cmpuint (find_result (fixture.auth, 3, "dkim")->arc_instance, ==, 1);
  g_assert_true (find_result (fixture.auth, 7, "spf")->trusted);
  g_assert_true (find_result (fixture.auth, 7, "dkim")->trusted);
  g_assert_true (find_result (fixture.auth, 7, "dmarc")->trusted);

  /* Received-SPF without receiver= below the provider's Received field */
  g_assert_false (find_result (fixture.auth, 6, "spf")->trusted);

  /* Forged below the sender's Received field, with the provider's own ids */
  g_assert_false (find_result (fixture.auth, 9, "dkim")->trusted);
  g_assert_false (find_result (fixture.auth, 9, "dmarc")->trusted);
  g_assert_false (find_result (fixture.auth, 10, "spf")->trusted);

  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "spf"), ==, "pass");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "dkim"), ==, "pass");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "dmarc"), ==, "pass");
  g_assert_null (hdr_auth_get_summary (fixture.auth, "arc"));

  g_assert_cmpuint (hdr_auth_get_dkim_signatures (fixture.auth)->len, ==, 1);
  g_assert_cmpuint (hdr_auth_get_arc_sets (fixture.auth)->len, ==, 1);

  fixture_clear (&fixture);
}

/* A sender that delivers straight to the provider writes its own
 * Authentication-Results with ids that look like the provider's. */
static void
test_trust_forged_same_domain (void)
{
  Fixture fixture = { 0, };

  fixture_load (&fixture, "forged-same-domain.eml");

  g_assert_true (find_result (fixture.auth, 1, "spf")->trusted);
  g_assert_true (find_result (fixture.auth, 1, "dmarc")->trusted);

  /* the provider's bare registrable domain */
  g_assert_true (find_result (fixture.auth, 2, "iprev")->trusted);

  /* another host of the provider's own domain */
  g_assert_false (find_result (fixture.auth, 3, "dkim")->trusted);
  g_assert_false (find_result (fixture.auth, 3, "spf")->trusted);

  /* a look-alike name that ends in another domain */
  g_assert_false (find_result (fixture.auth, 4, "dmarc")->trusted);

  /* no authserv-id, directly below the provider's only Received field */
  g_assert_false (find_result (fixture.auth, 5, "dkim")->trusted);

  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "spf"), ==, "fail");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "dkim"), ==, "none");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "dmarc"), ==, "fail");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "iprev"), ==, "fail");
  g_assert_null (hdr_auth_get_summary (fixture.auth, "arc"));

  fixture_clear (&fixture);
}

/* Microsoft's results have no authserv-id and sit above the Received field
 * of its receiving host. */
static void
test_trust_id_less_above (void)
{
  Fixture fixture = { 0, };
  GPtrArray *sets;

  fixture_load (&fixture, "id-less-above.eml");

  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (fixture.route), ==, 7);

  g_assert_true (find_result (fixture.auth, 4, "spf")->trusted);
  g_assert_true (find_result (fixture.auth, 4, "dkim")->trusted);
  g_assert_true (find_result (fixture.auth, 4, "dmarc")->trusted);
  g_assert_true (find_result (fixture.auth, 4, "compauth")->trusted);

  /* Received-SPF whose receiver= is the trusted receiving host */
  g_assert_true (find_result (fixture.auth, 5, "spf")->trusted);
  g_assert_cmpstr (hdr_auth_result_get_property (find_result (fixture.auth, 5, "spf"), "client-ip"),
                   ==, "198.51.100.20");

  /* mx.example.com is neither a trusted hop nor the bare domain */
  g_assert_false (find_result (fixture.auth, 3, "arc")->trusted);

  /* below the sender's Received field */
  g_assert_false (find_result (fixture.auth, 10, "spf")->trusted);
  g_assert_false (find_result (fixture.auth, 11, "dkim")->trusted);

  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "spf"), ==, "pass");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "dkim"), ==, "pass");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "dmarc"), ==, "pass");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "compauth"), ==, "pass");
  g_assert_null (hdr_auth_get_summary (fixture.auth, "arc"));

  sets = hdr_auth_get_arc_sets (fixture.auth);
  g_assert_cmpuint (sets->len, ==, 2);
  g_assert_cmpstr (((HdrArcSet *) g_ptr_array_index (sets, 0))->seal_cv, ==, "none");
  g_assert_cmpstr (((HdrArcSet *) g_ptr_array_index (sets, 1))->seal_cv, ==, "pass");
  g_assert_true (((HdrArcSet *) g_ptr_array_index (sets, 1))->has_authentication_results);

  fixture_clear (&fixture);
}

/* A fully qualified authserv-id may end with the root's '.'. */
static void
test_trust_trailing_dot (void)
{
  g_autoptr(GPtrArray) headers = headers_new ();
  g_autoptr(HdrRoute) route = NULL;
  g_autoptr(HdrAuth) auth = NULL;

  headers_add (headers, "Authentication-Results", "MX.example.net.; spf=softfail");
  headers_add (headers, "Authentication-Results", "mx.example.net..; spf=pass");
  headers_add (headers, "Received",
               "from mail.example.org (mail.example.org [198.51.100.9]) by mx.example.net"
               " with ESMTPS id 1A2B3C; Fri, 04 Dec 2026 10:00:00 +0000");
  route = hdr_route_new (headers);
  auth = hdr_auth_new (headers, route);

  g_assert_true (get_result (auth, 0)->trusted);
  g_assert_false (get_result (auth, 1)->trusted);
  g_assert_cmpstr (hdr_auth_get_summary (auth, "spf"), ==, "softfail");
}

static void
test_summary_dkim_any_pass (void)
{
  g_autoptr(GPtrArray) headers = headers_new ();
  g_autoptr(HdrRoute) route = NULL;
  g_autoptr(HdrAuth) auth = NULL;

  headers_add (headers, "Authentication-Results",
               "mx.example.net; dkim=fail header.d=example.org; dkim=pass header.d=example.com;"
               " arc=none");
  headers_add (headers, "Authentication-Results", "mx.example.net; dkim=neutral; arc=pass");
  headers_add (headers, "Received",
               "from mail.example.org (mail.example.org [198.51.100.9]) by mx.example.net"
               " with ESMTPS id 1A2B3C; Fri, 04 Dec 2026 10:00:00 +0000");
  route = hdr_route_new (headers);
  auth = hdr_auth_new (headers, route);

  g_assert_true (get_result (auth, 0)->trusted);
  g_assert_cmpstr (hdr_auth_get_summary (auth, "dkim"), ==, "pass");
  g_assert_cmpstr (hdr_auth_get_summary (auth, "arc"), ==, "none");
  g_assert_null (hdr_auth_get_summary (auth, "dmarc"));
}

static void
test_summary_dkim_first_trusted (void)
{
  g_autoptr(GPtrArray) headers = headers_new ();
  g_autoptr(HdrRoute) route = NULL;
  g_autoptr(HdrAuth) auth = NULL;

  headers_add (headers, "Authentication-Results",
               "mx.example.net; dkim=permerror header.d=example.org; dkim=fail header.d=example.com");
  headers_add (headers, "Authentication-Results", "relay.example.net; dkim=pass");
  headers_add (headers, "Received",
               "from mail.example.org (mail.example.org [198.51.100.9]) by mx.example.net"
               " with ESMTPS id 1A2B3C; Fri, 04 Dec 2026 10:00:00 +0000");
  route = hdr_route_new (headers);
  auth = hdr_auth_new (headers, route);

  g_assert_false (get_result (auth, 2)->trusted);
  g_assert_cmpstr (hdr_auth_get_summary (auth, "dkim"), ==, "permerror");
}

/* Without any Received field no hop is trusted, so nothing is believed. */
static void
test_trust_no_received (void)
{
  g_autoptr(GPtrArray) headers = headers_new ();
  g_autoptr(HdrRoute) route = NULL;
  g_autoptr(HdrAuth) auth = NULL;

  headers_add (headers, "Authentication-Results", "spf=pass smtp.mailfrom=example.org");
  headers_add (headers, "Received-SPF", "pass client-ip=192.0.2.1;");
  route = hdr_route_new (headers);
  auth = hdr_auth_new (headers, route);

  g_assert_false (get_result (auth, 0)->trusted);
  g_assert_false (get_result (auth, 1)->trusted);
  g_assert_null (hdr_auth_get_summary (auth, "spf"));
}

/* A message that a Microsoft 365 tenant received from a sender that
 * delivered straight to it, with the sender's forged results and filter
 * fields below Microsoft's receiving hop. */
static void
test_trust_microsoft_family (void)
{
  Fixture fixture = { 0, };

  fixture_load (&fixture, "microsoft-family.eml");

  g_assert_cmpstr (hdr_route_get_provider_family (fixture.route), ==, "microsoft");
  g_assert_cmpstr (hdr_route_get_provider_name (fixture.route), ==, "Microsoft");
  g_assert_true (hdr_route_is_provider_authserv_id (fixture.route, "MX.Microsoft.com."));
  g_assert_false (hdr_route_is_provider_authserv_id (fixture.route, "relay7.outlook.com"));
  g_assert_true (hdr_route_is_provider_host (fixture.route, "relay7.outlook.com"));
  g_assert_false (hdr_route_is_provider_host (fixture.route, "outlook.com.example.org"));

  /* Microsoft's own ARC set, results and Received-SPF above its receiving hop */
  g_assert_true (find_result (fixture.auth, 3, "spf")->trusted);
  g_assert_true (find_result (fixture.auth, 3, "arc")->trusted);
  g_assert_true (find_result (fixture.auth, 5, "dmarc")->trusted);
  g_assert_true (find_result (fixture.auth, 6, "spf")->trusted);

  /* another host of the provider's own registrable domain */
  g_assert_false (find_result (fixture.auth, 8, "dkim")->trusted);
  g_assert_false (find_result (fixture.auth, 8, "dmarc")->trusted);

  /* Microsoft's fixed ids below its receiving hop, and a lower ARC set */
  g_assert_false (find_result (fixture.auth, 11, "dkim")->trusted);
  g_assert_false (find_result (fixture.auth, 12, "spf")->trusted);

  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "spf"), ==, "fail");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "dkim"), ==, "none");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "dmarc"), ==, "fail");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "arc"), ==, "pass");

  fixture_clear (&fixture);
}

static const HdrFilterVerdict *
find_verdict (HdrAuth    *auth,
              guint       header_index,
              const char *name)
{
  GPtrArray *verdicts = hdr_auth_get_filter_verdicts (auth);

  for (guint i = 0; i < verdicts->len; i++)
    {
      const HdrFilterVerdict *verdict = g_ptr_array_index (verdicts, i);

      if (verdict->header_index == header_index && g_str_equal (verdict->name, name))
        return verdict;
    }

  g_test_message ("no %s verdict in field %u", name, header_index);
  g_assert_not_reached ();
}

static void
test_filter_microsoft (void)
{
  Fixture fixture = { 0, };

  fixture_load (&fixture, "microsoft-family.eml");

  /* the sender's copies, above the block Microsoft appended */
  g_assert_false (find_verdict (fixture.auth, 13, "SCL")->trusted);
  g_assert_cmpstr (find_verdict (fixture.auth, 13, "SFV")->value, ==, "SKN");
  g_assert_false (find_verdict (fixture.auth, 14, "BCL")->trusted);

  /* Microsoft's own fields */
  g_assert_true (find_verdict (fixture.auth, 24, "AUTHAS")->trusted);
  g_assert_true (find_verdict (fixture.auth, 25, "CAT")->trusted);
  g_assert_true (find_verdict (fixture.auth, 26, "SCL")->trusted);
  g_assert_true (find_verdict (fixture.auth, 28, "DEST")->trusted);

  g_assert_cmpstr (hdr_auth_get_filter_verdict (fixture.auth, "SCL"), ==, "9");
  g_assert_cmpstr (hdr_auth_get_filter_verdict (fixture.auth, "CAT"), ==, "PHSH");
  g_assert_cmpstr (hdr_auth_get_filter_verdict (fixture.auth, "SFV"), ==, "SPM");
  g_assert_cmpstr (hdr_auth_get_filter_verdict (fixture.auth, "IPV"), ==, "NLI");
  g_assert_cmpstr (hdr_auth_get_filter_verdict (fixture.auth, "CTRY"), ==, "NL");
  g_assert_cmpstr (hdr_auth_get_filter_verdict (fixture.auth, "DIR"), ==, "INB");
  g_assert_cmpstr (hdr_auth_get_filter_verdict (fixture.auth, "BCL"), ==, "6");
  g_assert_cmpstr (hdr_auth_get_filter_verdict (fixture.auth, "AUTHAS"), ==, "Anonymous");
  g_assert_cmpstr (hdr_auth_get_filter_verdict (fixture.auth, "DEST"), ==, "J");
  g_assert_cmpstr (hdr_auth_get_filter_verdict (fixture.auth, "RF"), ==, "JunkEmail");

  /* tags the report does not explain, and an empty CTRY */
  g_assert_null (hdr_auth_get_filter_verdict (fixture.auth, "SFS"));
  g_assert_null (hdr_auth_get_filter_verdict (fixture.auth, "LANG"));
  g_assert_null (hdr_auth_get_filter_verdict (fixture.auth, "OFR"));

  fixture_clear (&fixture);
}

/* Microsoft's filter fields in mail that another provider delivered were
 * written by the sender's side. */
static void
test_filter_other_provider (void)
{
  g_autoptr(GPtrArray) headers = headers_new ();
  g_autoptr(HdrRoute) route = NULL;
  g_autoptr(HdrAuth) auth = NULL;
  GPtrArray *verdicts;

  headers_add (headers, "Received",
               "from mail.example.org (mail.example.org [198.51.100.9]) by mx.example.net"
               " with ESMTPS id 1A2B3C; Fri, 04 Dec 2026 10:00:00 +0000");
  headers_add (headers, "X-MS-Exchange-Organization-SCL", "-1");
  headers_add (headers, "X-Forefront-Antispam-Report", "SCL:1;SFV:NSPM;CAT:NONE;");
  route = hdr_route_new (headers);
  auth = hdr_auth_new (headers, route);
  verdicts = hdr_auth_get_filter_verdicts (auth);

  g_assert_null (hdr_route_get_provider_family (route));
  g_assert_cmpuint (verdicts->len, ==, 4);
  g_assert_false (((HdrFilterVerdict *) g_ptr_array_index (verdicts, 0))->trusted);
  g_assert_false (((HdrFilterVerdict *) g_ptr_array_index (verdicts, 1))->trusted);
  g_assert_null (hdr_auth_get_filter_verdict (auth, "SCL"));
  g_assert_null (hdr_auth_get_filter_verdict (auth, "SFV"));
}

/* An ARC set below the provider's Received field, however high its
 * instance, leaves the provider's own set believed. */
static void
test_trust_arc_forged_instance (void)
{
  g_autoptr(GPtrArray) headers = headers_new ();
  g_autoptr(HdrRoute) route = NULL;
  g_autoptr(HdrAuth) auth = NULL;

  headers_add (headers, "ARC-Seal", "i=2; cv=pass; d=example.net; s=arc; b=QUJD");
  headers_add (headers, "ARC-Authentication-Results", "i=2; mx.example.net; dmarc=fail");
  headers_add (headers, "ARC-Authentication-Results", "i=1; mx.example.net; dmarc=none");
  headers_add (headers, "Received",
               "from mail.example.org (mail.example.org [198.51.100.9]) by mx.example.net"
               " with ESMTPS id 1A2B3C; Fri, 04 Dec 2026 10:00:00 +0000");
  headers_add (headers, "ARC-Seal", "i=50; cv=pass; d=example.net; s=arc; b=QUJD");
  headers_add (headers, "ARC-Authentication-Results", "i=50; mx.example.net; dmarc=pass");
  route = hdr_route_new (headers);
  auth = hdr_auth_new (headers, route);

  g_assert_true (find_result (auth, 1, "dmarc")->trusted);
  g_assert_false (find_result (auth, 2, "dmarc")->trusted);
  g_assert_false (find_result (auth, 5, "dmarc")->trusted);
  g_assert_cmpstr (hdr_auth_get_summary (auth, "dmarc"), ==, "fail");
}

/* Inside Microsoft's appended block only the last copy of a field counts. */
static void
test_filter_last_copy (void)
{
  g_autoptr(GPtrArray) headers = headers_new ();
  g_autoptr(HdrRoute) route = NULL;
  g_autoptr(HdrAuth) auth = NULL;

  headers_add (headers, "Received",
               "from pc-9.dsl.example.org (203.0.113.9) by AB1PR01MB0001.mail.protection.outlook.com"
               " (10.13.1.2) with Microsoft SMTP Server id 15.20.7000.2; Fri, 04 Dec 2026 10:00:00"
               " +0000");
  headers_add (headers, "From", "sam@example.org");
  headers_add (headers, "X-MS-Exchange-Organization-AuthAs", "Anonymous");
  headers_add (headers, "X-Microsoft-Antispam", "BCL:0;");
  headers_add (headers, "X-Microsoft-Antispam", "BCL:7;");
  route = hdr_route_new (headers);
  auth = hdr_auth_new (headers, route);

  g_assert_cmpstr (hdr_route_get_provider_family (route), ==, "microsoft");
  g_assert_false (find_verdict (auth, 3, "BCL")->trusted);
  g_assert_true (find_verdict (auth, 4, "BCL")->trusted);
  g_assert_cmpstr (hdr_auth_get_filter_verdict (auth, "BCL"), ==, "7");
}

/* Gmail writes Received-SPF and Authentication-Results just below its own
 * Received field, and its ARC set above it. */
static void
test_trust_gmail_below_received (void)
{
  Fixture fixture = { 0, };
  GPtrArray *signatures;
  const HdrDkimSignature *signature;

  fixture_load (&fixture, "gmail-below-received.eml");

  g_assert_cmpstr (hdr_route_get_provider_family (fixture.route), ==, "google");
  g_assert_cmpuint (hdr_route_get_first_untrusted_header_index (fixture.route), ==, 10);

  g_assert_true (find_result (fixture.auth, 5, "spf")->trusted);
  g_assert_true (find_result (fixture.auth, 9, "spf")->trusted);
  g_assert_true (find_result (fixture.auth, 9, "dmarc")->trusted);

  /* no receiver=, below the provider's oldest Received field */
  g_assert_false (find_result (fixture.auth, 8, "spf")->trusted);

  /* Gmail's own id, but below the sender's Received field */
  g_assert_false (find_result (fixture.auth, 11, "dkim")->trusted);
  g_assert_false (find_result (fixture.auth, 11, "dmarc")->trusted);

  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "spf"), ==, "softfail");
  g_assert_cmpstr (hdr_auth_get_summary (fixture.auth, "dmarc"), ==, "fail");
  g_assert_null (hdr_auth_get_summary (fixture.auth, "dkim"));

  /* Gmail's seal, not the higher one the sender added below */
  g_assert_true (find_verdict (fixture.auth, 3, "ARC-CV")->trusted);
  g_assert_cmpuint (hdr_auth_get_filter_verdicts (fixture.auth)->len, ==, 1);
  g_assert_cmpstr (hdr_auth_get_filter_verdict (fixture.auth, "ARC-CV"), ==, "none");

  signatures = hdr_auth_get_dkim_signatures (fixture.auth);
  g_assert_cmpuint (signatures->len, ==, 1);
  signature = g_ptr_array_index (signatures, 0);
  g_assert_cmpstr (signature->header_name, ==, "X-Google-DKIM-Signature");
  g_assert_cmpstr (signature->domain, ==, "1e100.net");

  fixture_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/result-words", test_auth_result_words);
  g_test_add_func ("/auth/case-folding", test_auth_case_folding);
  g_test_add_func ("/auth/policy-properties", test_auth_policy_properties);
  g_test_add_func ("/auth/several-fields", test_auth_several_fields);
  g_test_add_func ("/auth/several-dkim", test_auth_several_dkim);
  g_test_add_func ("/auth/comments", test_auth_comments);
  g_test_add_func ("/auth/comment-inside-property", test_auth_comment_inside_property);
  g_test_add_func ("/auth/quoted-reason", test_auth_quoted_reason);
  g_test_add_func ("/auth/properties", test_auth_properties);
  g_test_add_func ("/auth/none", test_auth_none);
  g_test_add_func ("/auth/version", test_auth_version);
  g_test_add_func ("/auth/unknown-method", test_auth_unknown_method);
  g_test_add_func ("/auth/malformed-resinfo", test_auth_malformed_resinfo);
  g_test_add_func ("/auth/missing-semicolon", test_auth_missing_semicolon);
  g_test_add_func ("/auth/method-version-spaces", test_auth_method_version_spaces);
  g_test_add_func ("/auth/microsoft-form", test_auth_microsoft_form);
  g_test_add_func ("/auth/arc-results", test_auth_arc_results);
  g_test_add_func ("/auth/arc-sets", test_auth_arc_sets);
  g_test_add_func ("/auth/received-spf", test_auth_received_spf);
  g_test_add_func ("/auth/received-spf-without-receiver", test_auth_received_spf_without_receiver);
  g_test_add_func ("/auth/dkim-signature", test_auth_dkim_signature);
  g_test_add_func ("/auth/garbage", test_auth_garbage);
  g_test_add_func ("/auth/without-route", test_auth_without_route);
  g_test_add_func ("/trust/below-own-received", test_trust_below_own_received);
  g_test_add_func ("/trust/forged-same-domain", test_trust_forged_same_domain);
  g_test_add_func ("/trust/id-less-above", test_trust_id_less_above);
  g_test_add_func ("/trust/no-received", test_trust_no_received);
  g_test_add_func ("/trust/trailing-dot", test_trust_trailing_dot);
  g_test_add_func ("/trust/microsoft-family", test_trust_microsoft_family);
  g_test_add_func ("/trust/gmail-below-received", test_trust_gmail_below_received);
  g_test_add_func ("/trust/arc-forged-instance", test_trust_arc_forged_instance);
  g_test_add_func ("/filter/microsoft", test_filter_microsoft);
  g_test_add_func ("/filter/other-provider", test_filter_other_provider);
  g_test_add_func ("/filter/last-copy", test_filter_last_copy);
  g_test_add_func ("/summary/dkim-any-pass", test_summary_dkim_any_pass);
  g_test_add_func ("/summary/dkim-first-trusted", test_summary_dkim_first_trusted);

  return g_test_run ();
}
