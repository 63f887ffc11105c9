/* hdr-text-scan.h: hallmarks, wallets, amounts and claims in a message's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "hdr-message.h"
#include "hdr-rules.h"
#include "hdr-wallet.h"

G_BEGIN_DECLS

/* One rule that matched. */
typedef struct
{
  HdrCategory  category;
  char        *rule_id;     /* group name in the rules file without "rule ", or the category id of
                               a disguised_text or hidden_text finding */
  char        *language;    /* "en"; NULL for hidden_text */
  int          weight;
  char        *evidence;    /* the original text of the match, before normalisation */
  char        *location;    /* HdrTextPart.location, or "subject" */
  gboolean     unmasked;    /* matched only after look-alike letters were mapped */
} HdrRuleHit;

typedef struct
{
  char *value;     /* digits with an optional '.' fraction: "1500", "0.12" */
  char *currency;  /* ISO 4217 code, or "BTC" */
  char *evidence;
} HdrAmount;

void         hdr_rule_hit_free                (HdrRuleHit   *hit);
void         hdr_amount_free                  (HdrAmount    *amount);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdrRuleHit, hdr_rule_hit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdrAmount, hdr_amount_free)

#define HDR_TYPE_TEXT_SCAN (hdr_text_scan_get_type ())

G_DECLARE_FINAL_TYPE (HdrTextScan, hdr_text_scan, HDR, TEXT_SCAN, GObject)

HdrTextScan *hdr_text_scan_new                (HdrRules     *rules,
                                               HdrMessage   *message);
GPtrArray   *hdr_text_scan_get_hits           (HdrTextScan  *self);
gboolean     hdr_text_scan_has_category       (HdrTextScan  *self,
                                               HdrCategory   category);
const HdrRuleHit *hdr_text_scan_get_first_hit (HdrTextScan  *self,
                                               HdrCategory   category);
GPtrArray   *hdr_text_scan_get_wallets        (HdrTextScan  *self);
GPtrArray   *hdr_text_scan_get_amounts        (HdrTextScan  *self);
GStrv        hdr_text_scan_get_languages      (HdrTextScan  *self);
int          hdr_text_scan_get_deadline_hours (HdrTextScan  *self);
guint        hdr_text_scan_get_remote_image_count (HdrTextScan *self);
gboolean     hdr_text_scan_get_text_only_in_images (HdrTextScan *self);
guint        hdr_text_scan_get_limit_hit_count (HdrTextScan *self);
guint        hdr_text_scan_get_cut_text_count (HdrTextScan *self);

G_END_DECLS
