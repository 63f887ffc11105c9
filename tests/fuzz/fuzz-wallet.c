/* fuzz-wallet.c: libFuzzer harness, the wallet address finder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hdr-wallet.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_utf8_make_valid ((const char *)data, size);
  g_autoptr(GPtrArray) wallets = hdr_wallet_find (text);

  for (guint i = 0; wallets != NULL && i < wallets->len; i++)
    {
      const HdrWallet *wallet = g_ptr_array_index (wallets, i);
      HdrWalletKind kind;

      g_assert (wallet->address != NULL);
      hdr_wallet_validate_bitcoin (wallet->address, &kind);
    }

  return 0;
}
