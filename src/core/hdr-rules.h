/* hdr-rules.h: hallmark rules loaded from data/rules/<language>.rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  HDR_CATEGORY_HACKER_CLAIM,
  HDR_CATEGORY_DEVICE_ACCESS,
  HDR_CATEGORY_RECORDING_CLAIM,
  HDR_CATEGORY_ADULT_SITE,
  HDR_CATEGORY_PAYMENT_DEMAND,
  HDR_CATEGORY_DEADLINE,
  HDR_CATEGORY_CONTACTS_THREAT,
  HDR_CATEGORY_DELETE_PROMISE,
  HDR_CATEGORY_OWN_ACCOUNT_CLAIM,
  HDR_CATEGORY_PASSWORD_CLAIM,
  HDR_CATEGORY_TRACKING_CLAIM,
  HDR_CATEGORY_PRESSURE,
  HDR_CATEGORY_DISGUISED_TEXT,
  HDR_CATEGORY_HIDDEN_TEXT,
  HDR_N_CATEGORIES,
  HDR_CATEGORY_INVALID = -1,
} HdrCategory;

const char  *hdr_category_to_id        (HdrCategory  category);
HdrCategory  hdr_category_from_id      (const char  *id);

#define HDR_TYPE_RULES (hdr_rules_get_type ())

G_DECLARE_FINAL_TYPE (HdrRules, hdr_rules, HDR, RULES, GObject)

/* The bundled rules, loaded and compiled once; safe to call from any thread. */
HdrRules    *hdr_rules_get_default     (void);
HdrRules    *hdr_rules_new_from_data   (const char * const *languages,
                                        const char * const *key_files,
                                        GError            **error);

/* One match of a rule in a folded text. */
typedef struct
{
  const char  *rule_id;    /* group name without "rule ": "hacker_claim.1" */
  const char  *language;   /* language code of the rules file: "en" */
  HdrCategory  category;
  int          weight;     /* 1 to 3 */
  gsize        start;      /* byte offsets of the match in the folded text */
  gsize        end;
} HdrRuleMatch;

/* Called once for every rule that matched, with its first match. */
typedef void (*HdrRuleMatchFunc) (const HdrRuleMatch *match,
                                  gpointer            user_data);

guint        hdr_rules_match           (HdrRules           *self,
                                        const char         *folded,
                                        gsize               length,
                                        HdrRuleMatchFunc    func,
                                        gpointer            user_data);
GStrv        hdr_rules_identify_languages (HdrRules        *self,
                                           const char      *folded);
guint        hdr_rules_get_n_rules     (HdrRules           *self);
GStrv        hdr_rules_get_languages   (HdrRules           *self);

G_END_DECLS
