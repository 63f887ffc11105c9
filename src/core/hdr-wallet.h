/* hdr-wallet.h: cryptocurrency payment addresses found in text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  HDR_WALLET_BITCOIN_P2PKH,
  HDR_WALLET_BITCOIN_P2SH,
  HDR_WALLET_BITCOIN_BECH32,
  HDR_WALLET_BITCOIN_BECH32M,
  HDR_WALLET_LITECOIN,
  HDR_WALLET_ETHEREUM,
  HDR_WALLET_MONERO,
} HdrWalletKind;

typedef enum
{
  HDR_CHECKSUM_UNKNOWN = -1,  /* the kind has no checksum this code checks */
  HDR_CHECKSUM_INVALID = 0,
  HDR_CHECKSUM_VALID   = 1,
} HdrChecksum;

typedef struct
{
  HdrWalletKind  kind;
  char          *address;    /* joined, without the spaces or line breaks it was split by */
  HdrChecksum    checksum;
  char          *evidence;   /* the original text it was read from */
  gboolean       in_link;    /* part of a URL: a link, not a payment demand */
} HdrWallet;

GPtrArray  *hdr_wallet_find                 (const char     *text);
gboolean    hdr_wallet_validate_bitcoin     (const char     *address,
                                             HdrWalletKind  *kind);
gboolean    hdr_wallet_decode_segwit        (const char     *hrp,
                                             const char     *address,
                                             guint          *witness_version,
                                             GBytes        **program);
const char *hdr_wallet_kind_to_string       (HdrWalletKind   kind);
void        hdr_wallet_free                 (HdrWallet      *wallet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdrWallet, hdr_wallet_free)

G_END_DECLS
