/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include <glib.h>

#include "hdr-keccak.h"
#include "hdr-wallet.h"

/* Made-up addresses: Base58Check and bech32 encodings of SHA-256 prefixes
 * of fixed test phrases, encoded with an independent script. */
#define P2PKH_ADDRESS    "19hJxu6avvmCWTDNqYvZeRABZG3T9d5YB7"
#define P2SH_ADDRESS     "39JZiVFmvQh44RSHMezmxz8hP1gm8Buxcc"
#define LITECOIN_L       "LTvGE7QR1b1FmFuY1gurvSDwmUQjEbznMh"
#define LITECOIN_M       "MFWi2NfjsXYUrviBTXz7ndP6hiHD61VKiL"
#define LITECOIN_BECH32  "ltc1qtas28hlf0xvxye8k5sq8lf83r7vu743eh2at4h"
#define BECH32_ADDRESS   "bc1qtas28hlf0xvxye8k5sq8lf83r7vu743enk80d8"
#define BECH32M_ADDRESS  "bc1p9laughfhelzk3zyu448dhhgf850lq44wmlnq8qtgsupw33aucxvq2s3406"

/* Made-up Monero integrated address and subaddress (network bytes 19 and
 * 42, keys from SHA-256 of fixed phrases), encoded with a script whose
 * block base58 reproduces the published address below. */
#define MONERO_INTEGRATED \
  "4EAnKiiCnsNdfk3wBGKZA1cFRpJcHGnPejhriG2F9Y6pb3m3PnfE5tjEW8SvcAYtqN1PmjDaoZUMu12aRM4JMq2bhyr1tkBP1BL21ChsDK"
#define MONERO_SUBADDRESS \
  "85JFeHYYn2Gdfk3wBGKZA1cFRpJcHGnPejhriG2F9Y6pb3m3PnfE5tjEW8SvcAYtqN1PmjDaoZUMu12aRM4JMq2bUjivEgF"

/* The Monero project's published example (donation) address. */
#define MONERO_ADDRESS \
  "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A"

static char *
hex_encode (GBytes *bytes)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  GString *hex = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (hex, "%02x", data[i]);

  return g_string_free (hex, FALSE);
}

static HdrWallet *
find_single (const char *text)
{
  g_autoptr(GPtrArray) wallets = hdr_wallet_find (text);

  g_assert_nonnull (wallets);
  g_assert_cmpuint (wallets->len, ==, 1);

  return g_ptr_array_steal_index (wallets, 0);
}

/* BIP-350 "Test vectors for v0-v16 native segregated witness addresses",
 * valid list, with the scriptPubKey each one encodes. */
static void
test_segwit_valid (void)
{
  static const struct
  {
    const char *address;
    const char *script_pubkey;
  } vectors[] = {
    { "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
      "0014751e76e8199196d454941c45d1b3a323f1433bd6" },
    { "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
      "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262" },
    { "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
      "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6" },
    { "BC1SW50QGDZ25J", "6002751e" },
    { "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323" },
    { "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy",
      "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433" },
    { "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c",
      "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433" },
    { "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
      "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_autoptr(GBytes) program = NULL;
      g_autofree char *program_hex = NULL;
      g_autofree char *expected = NULL;
      const char *hrp = g_ascii_strncasecmp (vectors[i].address, "bc", 2) == 0 ? "bc" : "tb";
      guint version = 99;
      gboolean valid;

      valid = hdr_wallet_decode_segwit (hrp, vectors[i].address, &version, &program);
      g_test_message ("vector %s", vectors[i].address);
      g_assert_true (valid);

      /* scriptPubKey: OP_0 or OP_1..OP_16 (0x51..0x60), push length, program */
      program_hex = hex_encode (program);
      expected = g_strdup_printf ("%02x%02x%s", version == 0 ? 0 : 0x50 + version,
                                  (guint) g_bytes_get_size (program), program_hex);
      g_assert_cmpstr (expected, ==, vectors[i].script_pubkey);
    }
}

/* BIP-173 invalid list and BIP-350 invalid list: each must fail for both
 * "bc" and "tb". The BIP-173 valid vectors with witness version 1 and 2 in
 * bech32 are invalid since BIP-350. */
static void
test_segwit_invalid (void)
{
  static const char *vectors[] = {
    /* BIP-173 */
    "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
    "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2",
    "bc1rw5uspcuh",
    "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90",
    "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
    "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7",
    "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",
    "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv",
    "bc1gmk9yu",
    /* BIP-350 */
    "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut",
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
    "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf",
    "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
    "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47",
    "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
    "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
    "bc1pw5dgrnzv",
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav",
    "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq",
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf",
    "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j",
    /* BIP-173 valid, BIP-350 invalid: bech32 with witness version 1 and 16 */
    "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx",
    "BC1SW50QA3JX3S",
    "bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (vectors); i++)
    {
      g_test_message ("vector %s", vectors[i]);
      g_assert_false (hdr_wallet_decode_segwit ("bc", vectors[i], NULL, NULL));
      g_assert_false (hdr_wallet_decode_segwit ("tb", vectors[i], NULL, NULL));
    }
}

static void
test_bitcoin_kinds (void)
{
  HdrWalletKind kind = HDR_WALLET_MONERO;

  g_assert_true (hdr_wallet_validate_bitcoin (P2PKH_ADDRESS, &kind));
  g_assert_cmpint (kind, ==, HDR_WALLET_BITCOIN_P2PKH);

  g_assert_true (hdr_wallet_validate_bitcoin (P2SH_ADDRESS, &kind));
  g_assert_cmpint (kind, ==, HDR_WALLET_BITCOIN_P2SH);

  g_assert_true (hdr_wallet_validate_bitcoin (BECH32_ADDRESS, &kind));
  g_assert_cmpint (kind, ==, HDR_WALLET_BITCOIN_BECH32);

  g_assert_true (hdr_wallet_validate_bitcoin (BECH32M_ADDRESS, &kind));
  g_assert_cmpint (kind, ==, HDR_WALLET_BITCOIN_BECH32M);

  /* the block 0 coinbase address, a widely published Base58Check example */
  g_assert_true (hdr_wallet_validate_bitcoin ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", &kind));
  g_assert_cmpint (kind, ==, HDR_WALLET_BITCOIN_P2PKH);
}

static void
test_base58check_changed (void)
{
  /* One character changed: 'B7' -> 'B8' at the end, 'x' -> 'y' inside. */
  g_assert_false (hdr_wallet_validate_bitcoin ("19hJxu6avvmCWTDNqYvZeRABZG3T9d5YB8", NULL));
  g_assert_false (hdr_wallet_validate_bitcoin ("19hJyu6avvmCWTDNqYvZeRABZG3T9d5YB7", NULL));
  g_assert_false (hdr_wallet_validate_bitcoin ("39JZiVFmvQh44RSHMezmxz8hP1gm8Buxcd", NULL));
  /* a Litecoin address is no Bitcoin address */
  g_assert_false (hdr_wallet_validate_bitcoin (LITECOIN_L, NULL));
  /* a testnet segwit address is no Bitcoin mainnet address */
  g_assert_false (hdr_wallet_validate_bitcoin ("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
                                               NULL));
  g_assert_false (hdr_wallet_validate_bitcoin ("", NULL));
}

static void
test_keccak_empty (void)
{
  static const guint8 expected[HDR_KECCAK256_LENGTH] = {
    0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
    0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70,
  };
  guint8 digest[HDR_KECCAK256_LENGTH];

  hdr_keccak256 ((const guint8 *) "", 0, digest);
  g_assert_cmpmem (digest, sizeof digest, expected, sizeof expected);
}

static char *
keccak256_hex (const char *data,
               gsize       length)
{
  guint8 digest[HDR_KECCAK256_LENGTH];
  GString *hex = g_string_new (NULL);

  hdr_keccak256 ((const guint8 *) data, length, digest);
  for (gsize i = 0; i < sizeof digest; i++)
    g_string_append_printf (hex, "%02x", digest[i]);

  return g_string_free (hex, FALSE);
}

/* Longer inputs: one block, exactly the 136-byte rate, and two blocks.
 * The 136-byte digest comes from this code; the same sponge with SHA3
 * padding (0x06) gave Python's hashlib.sha3_256 result for it. */
static void
test_keccak_blocks (void)
{
  const char *fox = "The quick brown fox jumps over the lazy dog";
  g_autofree char *fox_hex = keccak256_hex (fox, strlen (fox));
  g_autofree char *rate = g_strnfill (136, 'a');
  g_autofree char *rate_hex = keccak256_hex (rate, 136);
  g_autofree char *two_blocks = g_strnfill (200, 'a');
  g_autofree char *two_blocks_hex = keccak256_hex (two_blocks, 200);

  g_assert_cmpstr (fox_hex, ==, "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
  g_assert_cmpstr (rate_hex, ==, "a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e");
  g_assert_cmpstr (two_blocks_hex, ==, "96ea54061def936c4be90b518992fdc6f12f535068a256229aca54267b4d084d");
}

static HdrChecksum
ethereum_checksum_of (const char *address)
{
  g_autoptr(HdrWallet) wallet = find_single (address);

  g_assert_cmpint (wallet->kind, ==, HDR_WALLET_ETHEREUM);
  g_assert_cmpstr (wallet->address, ==, address);
  return wallet->checksum;
}

/* EIP-55 "Test Cases" */
static void
test_ethereum_eip55 (void)
{
  static const char *mixed[] = {
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
  };
  static const char *single_case[] = {
    "0x52908400098527886E0F7030069857D2E4169EE7",
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77",
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (mixed); i++)
    g_assert_cmpint (ethereum_checksum_of (mixed[i]), ==, HDR_CHECKSUM_VALID);

  for (gsize i = 0; i < G_N_ELEMENTS (single_case); i++)
    g_assert_cmpint (ethereum_checksum_of (single_case[i]), ==, HDR_CHECKSUM_UNKNOWN);

  /* the last letter's case flipped */
  g_assert_cmpint (ethereum_checksum_of ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"), ==,
                   HDR_CHECKSUM_INVALID);
}

static void
test_find_plain (void)
{
  g_autoptr(GPtrArray) wallets = NULL;
  HdrWallet *wallet;

  wallets = hdr_wallet_find ("Send 0.1 BTC to " P2PKH_ADDRESS ". Or use " BECH32_ADDRESS
                             " within 48 hours.");

  g_assert_cmpuint (wallets->len, ==, 2);

  wallet = g_ptr_array_index (wallets, 0);
  g_assert_cmpint (wallet->kind, ==, HDR_WALLET_BITCOIN_P2PKH);
  g_assert_cmpstr (wallet->address, ==, P2PKH_ADDRESS);
  g_assert_cmpstr (wallet->evidence, ==, P2PKH_ADDRESS);
  g_assert_cmpint (wallet->checksum, ==, HDR_CHECKSUM_VALID);
  g_assert_false (wallet->in_link);

  wallet = g_ptr_array_index (wallets, 1);
  g_assert_cmpint (wallet->kind, ==, HDR_WALLET_BITCOIN_BECH32);
  g_assert_cmpstr (wallet->address, ==, BECH32_ADDRESS);
  g_assert_cmpint (wallet->checksum, ==, HDR_CHECKSUM_VALID);
}

static void
test_find_line_break (void)
{
  g_autoptr(HdrWallet) wallet = NULL;
  g_autoptr(HdrWallet) segwit = NULL;

  wallet = find_single ("My BTC wallet: 19hJxu6avvmCWTDNqYvZ\r\neRABZG3T9d5YB7\r\nPay now.");
  g_assert_cmpint (wallet->kind, ==, HDR_WALLET_BITCOIN_P2PKH);
  g_assert_cmpstr (wallet->address, ==, P2PKH_ADDRESS);
  g_assert_cmpstr (wallet->evidence, ==, "19hJxu6avvmCWTDNqYvZ\r\neRABZG3T9d5YB7");
  g_assert_cmpint (wallet->checksum, ==, HDR_CHECKSUM_VALID);

  segwit = find_single ("wallet:\nbc1p9laughfhelzk3zyu448dhhgf850lq44\nwmlnq8qtgsupw33aucxvq2s3406\n");
  g_assert_cmpint (segwit->kind, ==, HDR_WALLET_BITCOIN_BECH32M);
  g_assert_cmpstr (segwit->address, ==, BECH32M_ADDRESS);
}

static void
test_find_spaces (void)
{
  g_autoptr(HdrWallet) wallet = NULL;

  wallet = find_single ("BTC: 39JZi VFmvQh44 RSHMez mxz8hP1gm 8Buxcc (copy it without spaces)");
  g_assert_cmpint (wallet->kind, ==, HDR_WALLET_BITCOIN_P2SH);
  g_assert_cmpstr (wallet->address, ==, P2SH_ADDRESS);
  g_assert_cmpstr (wallet->evidence, ==, "39JZi VFmvQh44 RSHMez mxz8hP1gm 8Buxcc");
  g_assert_cmpint (wallet->checksum, ==, HDR_CHECKSUM_VALID);
}

static void
test_find_many_pieces (void)
{
  g_autoptr(HdrWallet) wallet = NULL;
  g_autoptr(HdrWallet) monero = NULL;
  g_autoptr(GString) grouped = g_string_new ("XMR: ");

  wallet = find_single ("3 9J Zi VFm vQh 44R SHM ezm xz8 hP1 gm8 Bux cc");
  g_assert_cmpstr (wallet->address, ==, P2SH_ADDRESS);
  g_assert_cmpint (wallet->checksum, ==, HDR_CHECKSUM_VALID);

  for (gsize i = 0; i < strlen (MONERO_ADDRESS); i += 4)
    {
      g_string_append_len (grouped, MONERO_ADDRESS + i, MIN (4, strlen (MONERO_ADDRESS) - i));
      g_string_append_c (grouped, ' ');
    }
  monero = find_single (grouped->str);
  g_assert_cmpstr (monero->address, ==, MONERO_ADDRESS);
  g_assert_cmpint (monero->checksum, ==, HDR_CHECKSUM_VALID);
}

static void
test_find_zero_width (void)
{
  g_autoptr(HdrWallet) wallet = NULL;

  /* U+200B ZERO WIDTH SPACE inside the address */
  wallet = find_single ("pay to 19hJxu6avvmCWT\xe2\x80\x8b" "DNqYvZeRABZG3T9d5YB7 today");
  g_assert_cmpstr (wallet->address, ==, P2PKH_ADDRESS);
}

static void
test_find_url (void)
{
  g_autoptr(HdrWallet) wallet = NULL;

  wallet = find_single ("Check it yourself: https://explorer.example.com/address/" P2PKH_ADDRESS
                        "?tab=history");
  g_assert_cmpstr (wallet->address, ==, P2PKH_ADDRESS);
  g_assert_true (wallet->in_link);
}

static void
test_find_url_query (void)
{
  g_autoptr(HdrWallet) wallet = NULL;

  wallet = find_single ("https://pay.example.com/checkout?address=" P2SH_ADDRESS "&amount=1");
  g_assert_cmpstr (wallet->address, ==, P2SH_ADDRESS);
  g_assert_true (wallet->in_link);
}

static void
test_find_url_www (void)
{
  g_autoptr(HdrWallet) wallet = NULL;
  g_autoptr(HdrWallet) after_link = NULL;

  wallet = find_single ("(see www.explorer.example.net/addr/" P2PKH_ADDRESS ")");
  g_assert_true (wallet->in_link);

  /* a link earlier on the line does not cover the words after it */
  after_link = find_single ("https://example.com/help then pay " P2PKH_ADDRESS);
  g_assert_false (after_link->in_link);
}

static void
test_find_url_and_demand (void)
{
  g_autoptr(HdrWallet) wallet = NULL;

  wallet = find_single ("See https://explorer.example.com/address/" P2PKH_ADDRESS "\n"
                        "Pay to " P2PKH_ADDRESS " now.");
  g_assert_false (wallet->in_link);
  g_assert_cmpstr (wallet->evidence, ==, P2PKH_ADDRESS);
}

static void
test_find_bitcoin_uri (void)
{
  g_autoptr(HdrWallet) wallet = NULL;

  wallet = find_single ("Scan or click: bitcoin:" P2SH_ADDRESS "?amount=0.05&label=fee");
  g_assert_cmpint (wallet->kind, ==, HDR_WALLET_BITCOIN_P2SH);
  g_assert_cmpstr (wallet->address, ==, P2SH_ADDRESS);
  g_assert_false (wallet->in_link);
}

static void
test_find_litecoin (void)
{
  g_autoptr(GPtrArray) wallets = NULL;

  wallets = hdr_wallet_find ("LTC: " LITECOIN_L " or " LITECOIN_M " or " LITECOIN_BECH32 ".");
  g_assert_cmpuint (wallets->len, ==, 3);

  for (guint i = 0; i < wallets->len; i++)
    {
      HdrWallet *wallet = g_ptr_array_index (wallets, i);

      g_assert_cmpint (wallet->kind, ==, HDR_WALLET_LITECOIN);
      g_assert_cmpint (wallet->checksum, ==, HDR_CHECKSUM_VALID);
    }
  g_assert_cmpstr (((HdrWallet *) g_ptr_array_index (wallets, 0))->address, ==, LITECOIN_L);
  g_assert_cmpstr (((HdrWallet *) g_ptr_array_index (wallets, 1))->address, ==, LITECOIN_M);
  g_assert_cmpstr (((HdrWallet *) g_ptr_array_index (wallets, 2))->address, ==, LITECOIN_BECH32);
}

static void
test_find_monero (void)
{
  g_autoptr(HdrWallet) valid = NULL;
  g_autoptr(HdrWallet) changed = NULL;
  g_autofree char *altered = g_strdup (MONERO_ADDRESS);

  valid = find_single ("XMR: " MONERO_ADDRESS "\n");
  g_assert_cmpint (valid->kind, ==, HDR_WALLET_MONERO);
  g_assert_cmpstr (valid->address, ==, MONERO_ADDRESS);
  g_assert_cmpint (valid->checksum, ==, HDR_CHECKSUM_VALID);

  altered[50] = altered[50] == 'a' ? 'b' : 'a';
  changed = find_single (altered);
  g_assert_cmpint (changed->kind, ==, HDR_WALLET_MONERO);
  g_assert_cmpint (changed->checksum, ==, HDR_CHECKSUM_INVALID);
}

static void
test_find_monero_kinds (void)
{
  g_autoptr(HdrWallet) integrated = find_single ("id " MONERO_INTEGRATED " end");
  g_autoptr(HdrWallet) subaddress = find_single ("sub " MONERO_SUBADDRESS " end");

  g_assert_cmpint (integrated->kind, ==, HDR_WALLET_MONERO);
  g_assert_cmpint (integrated->checksum, ==, HDR_CHECKSUM_VALID);
  g_assert_cmpint (subaddress->kind, ==, HDR_WALLET_MONERO);
  g_assert_cmpint (subaddress->checksum, ==, HDR_CHECKSUM_VALID);
}

static void
test_find_invalid_shape (void)
{
  g_autoptr(HdrWallet) wallet = NULL;

  wallet = find_single ("Send it to 19hJxu6avvmCWTDNqYvZeRABZG3T9d5YB8 today.");
  g_assert_cmpint (wallet->kind, ==, HDR_WALLET_BITCOIN_P2PKH);
  g_assert_cmpint (wallet->checksum, ==, HDR_CHECKSUM_INVALID);
}

static void
test_find_no_false_positive (void)
{
  g_autoptr(GPtrArray) wallets = NULL;
  const char *text =
    "Content in base64 pasted inline:\n"
    "SGVhZGVyIEluc3BlY3RvciB0ZXN0IGZpeHR1cmUsIG5vdGhpbmcgdG8gcGF5IGhlcmUuIFRo\n"
    "aXMgbGluZSBpcyBvbmx5IGJhc2U2NCB0ZXh0IHdpdGggM1FjN0p4S2ZUWjlxYlhyNVZ5d1A=\n"
    "1Qc7JxKfTZ9qbXr5VywPaM3nLdE4hGt6Ks+3Qc7JxKfTZ9qbXr5VywPaM3nLdE4hGt6Ks/\n"
    "SHA-256: 3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b\n"
    "SHA-1 0x-less: 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12\n"
    "Order number 1500 USD 3 days, ticket 1234567890.\n";

  wallets = hdr_wallet_find (text);
  g_assert_cmpuint (wallets->len, ==, 0);
}

static void
test_find_huge (void)
{
  g_autoptr(GPtrArray) wallets = NULL;
  g_autoptr(GPtrArray) spaced = NULL;
  static const char alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  gsize length = 100 * 1024;
  g_autofree char *text = g_malloc (length + 1);
  g_autofree char *with_spaces = g_malloc (length + 1);

  for (gsize i = 0; i < length; i++)
    {
      text[i] = alphabet[(i * 7) % 58];
      with_spaces[i] = (i % 9 == 8) ? ' ' : alphabet[(i * 11) % 58];
    }
  text[0] = '1';
  text[length] = '\0';
  with_spaces[length] = '\0';

  wallets = hdr_wallet_find (text);
  g_assert_cmpuint (wallets->len, ==, 0);

  spaced = hdr_wallet_find (with_spaces);
  g_assert_cmpuint (spaced->len, ==, 0);
}

static void
test_find_capped (void)
{
  static const char alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) wallets = NULL;

  /* 150 distinct words shaped like P2PKH addresses, all with bad checksums */
  for (guint i = 0; i < 150; i++)
    g_string_append_printf (text, "19hJxu6avvmCWTDNqYvZeRABZG3T9d5Y%c%c\n",
                            alphabet[i % 58], alphabet[i / 58]);

  wallets = hdr_wallet_find (text->str);
  g_assert_cmpuint (wallets->len, ==, 100);
}

static void
test_find_empty (void)
{
  g_autoptr(GPtrArray) wallets = hdr_wallet_find ("");

  g_assert_cmpuint (wallets->len, ==, 0);
}

static void
test_kind_strings (void)
{
  g_assert_cmpstr (hdr_wallet_kind_to_string (HDR_WALLET_BITCOIN_P2PKH), ==, "bitcoin-p2pkh");
  g_assert_cmpstr (hdr_wallet_kind_to_string (HDR_WALLET_BITCOIN_P2SH), ==, "bitcoin-p2sh");
  g_assert_cmpstr (hdr_wallet_kind_to_string (HDR_WALLET_BITCOIN_BECH32), ==, "bitcoin-bech32");
  g_assert_cmpstr (hdr_wallet_kind_to_string (HDR_WALLET_BITCOIN_BECH32M), ==, "bitcoin-bech32m");
  g_assert_cmpstr (hdr_wallet_kind_to_string (HDR_WALLET_LITECOIN), ==, "litecoin");
  g_assert_cmpstr (hdr_wallet_kind_to_string (HDR_WALLET_ETHEREUM), ==, "ethereum");
  g_assert_cmpstr (hdr_wallet_kind_to_string (HDR_WALLET_MONERO), ==, "monero");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wallet/segwit/valid", test_segwit_valid);
  g_test_add_func ("/wallet/segwit/invalid", test_segwit_invalid);
  g_test_add_func ("/wallet/bitcoin/kinds", test_bitcoin_kinds);
  g_test_add_func ("/wallet/base58check/changed", test_base58check_changed);
  g_test_add_func ("/wallet/keccak/empty", test_keccak_empty);
  g_test_add_func ("/wallet/keccak/blocks", test_keccak_blocks);
  g_test_add_func ("/wallet/ethereum/eip55", test_ethereum_eip55);
  g_test_add_func ("/wallet/find/plain", test_find_plain);
  g_test_add_func ("/wallet/find/line-break", test_find_line_break);
  g_test_add_func ("/wallet/find/spaces", test_find_spaces);
  g_test_add_func ("/wallet/find/many-pieces", test_find_many_pieces);
  g_test_add_func ("/wallet/find/zero-width", test_find_zero_width);
  g_test_add_func ("/wallet/find/url", test_find_url);
  g_test_add_func ("/wallet/find/url-query", test_find_url_query);
  g_test_add_func ("/wallet/find/url-www", test_find_url_www);
  g_test_add_func ("/wallet/find/url-and-demand", test_find_url_and_demand);
  g_test_add_func ("/wallet/find/bitcoin-uri", test_find_bitcoin_uri);
  g_test_add_func ("/wallet/find/litecoin", test_find_litecoin);
  g_test_add_func ("/wallet/find/monero", test_find_monero);
  g_test_add_func ("/wallet/find/monero-kinds", test_find_monero_kinds);
  g_test_add_func ("/wallet/find/invalid-shape", test_find_invalid_shape);
  g_test_add_func ("/wallet/find/no-false-positive", test_find_no_false_positive);
  g_test_add_func ("/wallet/find/huge", test_find_huge);
  g_test_add_func ("/wallet/find/capped", test_find_capped);
  g_test_add_func ("/wallet/find/empty", test_find_empty);
  g_test_add_func ("/wallet/kind-strings", test_kind_strings);

  return g_test_run ();
}
