/* hdr-wallet.c: find and validate cryptocurrency addresses in message text
 *
 * Formats checked:
 *   - Base58Check (Bitcoin P2PKH 0x00, P2SH 0x05; Litecoin 0x30, 0x32):
 *     25 bytes, the last 4 are the first 4 bytes of SHA-256(SHA-256(first 21)).
 *   - Segwit addresses, BIP-173 (bech32) and BIP-350 (bech32m): witness
 *     version 0 uses bech32 with a 20- or 32-byte program, versions 1 to 16
 *     use bech32m with a 2- to 40-byte program.
 *   - Ethereum: "0x" and 40 hex digits; EIP-55 mixed-case checksum.
 *   - Monero: Monero's block base58 (8-byte blocks as 11 characters), a
 *     network byte, two 32-byte keys and a Keccak-256 checksum.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-wallet"

#include "config.h"

#include <string.h>

#include "hdr-keccak.h"
#include "hdr-wallet.h"

static const char base58_alphabet[] =
  "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
static const char bech32_charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

/* BIP-173 section "Bech32" and BIP-350 section "Bech32m": the constant the
 * checksum polynomial must leave. */
#define BECH32_CONSTANT  0x1u
#define BECH32M_CONSTANT 0x2bc830a3u

/* BIP-173: a segwit address is at most 90 characters long. */
#define SEGWIT_MAX_LENGTH 90

/* Base58Check addresses of Bitcoin and Litecoin are 25 bytes, which encode
 * to 26 to 35 characters (one '1' per leading zero byte). */
#define BASE58CHECK_PAYLOAD_LENGTH 25
#define BASE58CHECK_MIN_LENGTH     26
#define BASE58CHECK_MAX_LENGTH     35

/* Monero: 95 characters for a standard address or subaddress (69 bytes),
 * 106 for an integrated address with an 8-byte payment id (77 bytes). */
#define MONERO_LENGTH            95
#define MONERO_INTEGRATED_LENGTH 106
#define MONERO_NETWORK_STANDARD   18
#define MONERO_NETWORK_INTEGRATED 19
#define MONERO_NETWORK_SUBADDRESS 42

#define ETHEREUM_LENGTH 42

/* Maximum length of an address of any kind: a Monero integrated address. */
#define ADDRESS_MAX_LENGTH MONERO_INTEGRATED_LENGTH
G_STATIC_ASSERT (SEGWIT_MAX_LENGTH <= ADDRESS_MAX_LENGTH);
G_STATIC_ASSERT (BASE58CHECK_MAX_LENGTH <= ADDRESS_MAX_LENGTH);
G_STATIC_ASSERT (ETHEREUM_LENGTH <= ADDRESS_MAX_LENGTH);

/* Splitting: an address cut into at most this many pieces, each gap of at
 * most this many bytes of white space or zero-width characters, is joined
 * back (24 pieces cover a Monero address in groups of four). Joins are
 * validated only within the lengths of the address kind, so the work per
 * word is bounded and the total is linear in the text length. */
#define JOIN_MAX_PARTS 24
#define JOIN_MAX_GAP   16

/* A word: a maximal run of ASCII letters and digits. */
typedef struct
{
  gsize    start;
  gsize    end;
  gboolean in_link;   /* "scheme://" or "www." comes before it in the same URL-like token */
} Run;

typedef enum
{
  FAMILY_NONE,
  FAMILY_BITCOIN_BASE58,
  FAMILY_LITECOIN_BASE58,
  FAMILY_BITCOIN_SEGWIT,
  FAMILY_LITECOIN_SEGWIT,
  FAMILY_ETHEREUM,
  FAMILY_MONERO,
} Family;

void
hdr_wallet_free (HdrWallet *wallet)
{
  if (wallet == NULL)
    return;

  g_free (wallet->address);
  g_free (wallet->evidence);
  g_free (wallet);
}

const char *
hdr_wallet_kind_to_string (HdrWalletKind kind)
{
  switch (kind)
    {
    case HDR_WALLET_BITCOIN_P2PKH:
      return "bitcoin-p2pkh";
    case HDR_WALLET_BITCOIN_P2SH:
      return "bitcoin-p2sh";
    case HDR_WALLET_BITCOIN_BECH32:
      return "bitcoin-bech32";
    case HDR_WALLET_BITCOIN_BECH32M:
      return "bitcoin-bech32m";
    case HDR_WALLET_LITECOIN:
      return "litecoin";
    case HDR_WALLET_ETHEREUM:
      return "ethereum";
    case HDR_WALLET_MONERO:
      return "monero";
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
base58_value (char c)
{
  const char *found;

  if (c == '\0')
    return -1;

  found = strchr (base58_alphabet, c);
  return found != NULL ? (int) (found - base58_alphabet) : -1;
}

static gboolean
is_base58 (const char *text,
           gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (base58_value (text[i]) < 0)
      return FALSE;

  return TRUE;
}

/* Decodes Bitcoin-style base58 (the whole string as one big number, each
 * leading '1' a zero byte) into @out, big-endian. */
static gboolean
base58_decode (const char *text,
               gsize       length,
               guint8     *out,
               gsize       out_size,
               gsize      *out_length)
{
  guint8 number[64] = { 0 };
  gsize number_length = 0;
  gsize leading_zeros = 0;

  g_assert (text != NULL);
  g_assert (out != NULL);
  g_assert (out_length != NULL);

  while (leading_zeros < length && text[leading_zeros] == '1')
    leading_zeros++;

  for (gsize i = leading_zeros; i < length; i++)
    {
      int carry = base58_value (text[i]);

      if (carry < 0)
        return FALSE;

      /* number = number * 58 + carry, little-endian bytes */
      for (gsize j = 0; j < number_length; j++)
        {
          carry += number[j] * 58;
          number[j] = carry & 0xff;
          carry >>= 8;
        }
      while (carry > 0)
        {
          if (number_length == sizeof number)
            return FALSE;
          number[number_length++] = carry & 0xff;
          carry >>= 8;
        }
    }

  if (leading_zeros + number_length > out_size)
    return FALSE;

  memset (out, 0, leading_zeros);
  for (gsize j = 0; j < number_length; j++)
    out[leading_zeros + j] = number[number_length - 1 - j];
  *out_length = leading_zeros + number_length;

  return TRUE;
}

/* Checks a Base58Check address and returns its version byte, or -1. */
static int
base58check_version (const char *text,
                     gsize       length)
{
  guint8 payload[BASE58CHECK_PAYLOAD_LENGTH + 8];
  guint8 digest[32];
  gsize digest_length = sizeof digest;
  gsize payload_length = 0;
  g_autoptr(GChecksum) first = NULL;
  g_autoptr(GChecksum) second = NULL;

  g_assert (text != NULL);

  if (length < BASE58CHECK_MIN_LENGTH || length > BASE58CHECK_MAX_LENGTH)
    return -1;
  if (!base58_decode (text, length, payload, sizeof payload, &payload_length))
    return -1;
  if (payload_length != BASE58CHECK_PAYLOAD_LENGTH)
    return -1;

  first = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (first, payload, BASE58CHECK_PAYLOAD_LENGTH - 4);
  g_checksum_get_digest (first, digest, &digest_length);

  second = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (second, digest, digest_length);
  digest_length = sizeof digest;
  g_checksum_get_digest (second, digest, &digest_length);

  if (memcmp (digest, payload + BASE58CHECK_PAYLOAD_LENGTH - 4, 4) != 0)
    return -1;

  return payload[0];
}

static guint32
bech32_polymod_step (guint32 checksum,
                     guint8  value)
{
  static const guint32 generator[5] = {
    0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3,
  };
  guint32 top = checksum >> 25;

  checksum = ((checksum & 0x1ffffff) << 5) ^ value;
  for (guint i = 0; i < 5; i++)
    if ((top >> i) & 1)
      checksum ^= generator[i];

  return checksum;
}

/* Decodes a segwit address of @length bytes; see hdr_wallet_decode_segwit().
 * @program must have room for 40 bytes. */
static gboolean
segwit_decode (const char *expected_hrp,
               const char *address,
               gsize       length,
               guint      *witness_version,
               guint8     *program,
               gsize      *program_length,
               gboolean   *is_bech32m)
{
  guint8 values[SEGWIT_MAX_LENGTH] = { 0 };
  gsize values_length = 0;
  gsize separator = 0;
  gsize hrp_length = strlen (expected_hrp);
  gboolean has_lower = FALSE;
  gboolean has_upper = FALSE;
  guint32 checksum = 1;
  guint32 accumulator = 0;
  guint bits = 0;
  gsize written = 0;

  g_assert (expected_hrp != NULL);
  g_assert (address != NULL);

  if (length < 8 || length > SEGWIT_MAX_LENGTH)
    return FALSE;

  /* BIP-173: characters 33 to 126, never mixed case; the separator is the
   * last '1'. */
  for (gsize i = 0; i < length; i++)
    {
      guchar c = address[i];

      if (c < 33 || c > 126)
        return FALSE;
      if (g_ascii_islower (c))
        has_lower = TRUE;
      if (g_ascii_isupper (c))
        has_upper = TRUE;
      if (c == '1')
        separator = i;
    }
  if (has_lower && has_upper)
    return FALSE;
  if (separator != hrp_length || g_ascii_strncasecmp (address, expected_hrp, hrp_length) != 0)
    return FALSE;
  if (length - separator - 1 < 6)
    return FALSE;

  for (gsize i = 0; i < hrp_length; i++)
    checksum = bech32_polymod_step (checksum, g_ascii_tolower (address[i]) >> 5);
  checksum = bech32_polymod_step (checksum, 0);
  for (gsize i = 0; i < hrp_length; i++)
    checksum = bech32_polymod_step (checksum, g_ascii_tolower (address[i]) & 0x1f);

  for (gsize i = separator + 1; i < length; i++)
    {
      const char *found = strchr (bech32_charset, g_ascii_tolower (address[i]));

      if (found == NULL)
        return FALSE;
      values[values_length] = (guint8) (found - bech32_charset);
      checksum = bech32_polymod_step (checksum, values[values_length]);
      values_length++;
    }

  if (checksum == BECH32_CONSTANT)
    *is_bech32m = FALSE;
  else if (checksum == BECH32M_CONSTANT)
    *is_bech32m = TRUE;
  else
    return FALSE;

  /* The data part without its 6 checksum characters: a witness version,
   * then the program in 5-bit groups. */
  values_length -= 6;
  if (values_length < 1)
    return FALSE;
  if (values[0] > 16)
    return FALSE;
  *witness_version = values[0];

  /* Regroup 5-bit values into bytes. BIP-173: at most 4 bits of padding,
   * and all of them zero. */
  for (gsize i = 1; i < values_length; i++)
    {
      accumulator = (accumulator << 5) | values[i];
      bits += 5;
      if (bits >= 8)
        {
          bits -= 8;
          if (written == 40)
            return FALSE;
          program[written++] = (accumulator >> bits) & 0xff;
        }
    }
  if (bits > 4 || ((accumulator << (8 - bits)) & 0xff) != 0)
    return FALSE;

  if (written < 2 || written > 40)
    return FALSE;
  if (*witness_version == 0 && written != 20 && written != 32)
    return FALSE;
  if ((*witness_version == 0) == *is_bech32m)
    return FALSE;

  *program_length = written;
  return TRUE;
}

/**
 * hdr_wallet_decode_segwit:
 * @hrp: the expected human-readable part in lower case ("bc", "tb", "ltc")
 * @address: the address
 * @witness_version: (out) (optional): the witness version, 0 to 16
 * @program: (out) (optional): the witness program
 *
 * Decodes a segwit address under BIP-173 and BIP-350 rules: checksum,
 * case, length, witness version and program length.
 *
 * Returns: %TRUE if @address is a valid segwit address for @hrp
 */
gboolean
hdr_wallet_decode_segwit (const char  *hrp,
                          const char  *address,
                          guint       *witness_version,
                          GBytes     **program)
{
  guint8 bytes[40];
  gsize length = 0;
  guint version = 0;
  gboolean is_bech32m = FALSE;

  g_return_val_if_fail (hrp != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  if (!segwit_decode (hrp, address, strlen (address), &version, bytes, &length, &is_bech32m))
    return FALSE;

  if (witness_version != NULL)
    *witness_version = version;
  if (program != NULL)
    *program = g_bytes_new (bytes, length);

  return TRUE;
}

static gboolean
validate_bitcoin_span (const char    *address,
                       gsize          length,
                       HdrWalletKind *kind)
{
  guint8 program[40];
  gsize program_length = 0;
  guint version = 0;
  gboolean is_bech32m = FALSE;
  int base58_version;

  g_assert (address != NULL);
  g_assert (kind != NULL);

  if (segwit_decode ("bc", address, length, &version, program, &program_length, &is_bech32m))
    {
      *kind = is_bech32m ? HDR_WALLET_BITCOIN_BECH32M : HDR_WALLET_BITCOIN_BECH32;
      return TRUE;
    }

  base58_version = base58check_version (address, length);
  if (base58_version == 0x00)
    {
      *kind = HDR_WALLET_BITCOIN_P2PKH;
      return TRUE;
    }
  if (base58_version == 0x05)
    {
      *kind = HDR_WALLET_BITCOIN_P2SH;
      return TRUE;
    }

  return FALSE;
}

/**
 * hdr_wallet_validate_bitcoin:
 * @address: a Bitcoin mainnet address
 * @kind: (out) (optional): the kind of address
 *
 * Checks a Bitcoin mainnet address: Base58Check with version 0x00 (P2PKH)
 * or 0x05 (P2SH), or a "bc" segwit address (bech32 or bech32m).
 *
 * Returns: %TRUE if @address is valid
 */
gboolean
hdr_wallet_validate_bitcoin (const char    *address,
                             HdrWalletKind *kind)
{
  HdrWalletKind found = HDR_WALLET_BITCOIN_P2PKH;

  g_return_val_if_fail (address != NULL, FALSE);

  if (!validate_bitcoin_span (address, strlen (address), &found))
    return FALSE;

  if (kind != NULL)
    *kind = found;
  return TRUE;
}

static gboolean
validate_litecoin_span (const char *address,
                        gsize       length)
{
  guint8 program[40];
  gsize program_length = 0;
  guint version = 0;
  gboolean is_bech32m = FALSE;
  int base58_version;

  g_assert (address != NULL);

  if (segwit_decode ("ltc", address, length, &version, program, &program_length, &is_bech32m))
    return TRUE;

  base58_version = base58check_version (address, length);
  return base58_version == 0x30 || base58_version == 0x32;
}

/* EIP-55: the hex letter at position i is upper case exactly when nibble i
 * of Keccak-256(the lower-case hex, as ASCII) is 8 or more. */
static HdrChecksum
ethereum_checksum (const char *address)
{
  char lower[40];
  guint8 digest[HDR_KECCAK256_LENGTH];
  gboolean has_lower = FALSE;
  gboolean has_upper = FALSE;

  g_assert (address != NULL);

  for (gsize i = 0; i < 40; i++)
    {
      char c = address[2 + i];

      if (g_ascii_islower (c))
        has_lower = TRUE;
      if (g_ascii_isupper (c))
        has_upper = TRUE;
      lower[i] = g_ascii_tolower (c);
    }
  if (!(has_lower && has_upper))
    return HDR_CHECKSUM_UNKNOWN;

  hdr_keccak256 ((const guint8 *) lower, sizeof lower, digest);
  for (gsize i = 0; i < 40; i++)
    {
      char c = address[2 + i];
      guint nibble = (i % 2 == 0) ? digest[i / 2] >> 4 : digest[i / 2] & 0x0f;

      if (!g_ascii_isalpha (c))
        continue;
      if (g_ascii_isupper (c) != (nibble >= 8))
        return HDR_CHECKSUM_INVALID;
    }

  return HDR_CHECKSUM_VALID;
}

static gboolean
is_ethereum_shape (const char *text,
                   gsize       length)
{
  if (length != ETHEREUM_LENGTH)
    return FALSE;
  if (text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
    return FALSE;

  for (gsize i = 2; i < length; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;

  return TRUE;
}

/* Monero's base58 encodes each 8-byte block as 11 characters; a shorter
 * last block of n bytes takes monero_block_sizes[n] characters. */
static const guint monero_block_sizes[9] = { 0, 2, 3, 5, 6, 7, 9, 10, 11 };

static gboolean
monero_decode_block (const char *text,
                     gsize       length,
                     guint8     *out,
                     gsize      *out_length)
{
  guint64 number = 0;
  gsize size = 0;

  g_assert (length <= 11);

  for (size = 0; size <= 8; size++)
    if (monero_block_sizes[size] == length)
      break;
  if (size > 8 || size == 0)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      int digit = base58_value (text[i]);

      if (digit < 0)
        return FALSE;
      if (number > (G_MAXUINT64 - (guint64) digit) / 58)
        return FALSE;
      number = number * 58 + (guint64) digit;
    }
  if (size < 8 && number >> (8 * size) != 0)
    return FALSE;

  for (gsize i = 0; i < size; i++)
    out[i] = (guint8) (number >> (8 * (size - 1 - i)));
  *out_length = size;

  return TRUE;
}

static HdrChecksum
monero_checksum (const char *address,
                 gsize       length)
{
  guint8 data[80];
  gsize data_length = 0;
  guint8 digest[HDR_KECCAK256_LENGTH];
  gsize expected_length = length == MONERO_LENGTH ? 69 : 77;

  g_assert (length == MONERO_LENGTH || length == MONERO_INTEGRATED_LENGTH);

  for (gsize offset = 0; offset < length; offset += 11)
    {
      gsize block_length = MIN (11, length - offset);
      gsize decoded = 0;

      if (!monero_decode_block (address + offset, block_length, data + data_length, &decoded))
        return HDR_CHECKSUM_INVALID;
      data_length += decoded;
    }
  if (data_length != expected_length)
    return HDR_CHECKSUM_INVALID;

  if (length == MONERO_LENGTH &&
      data[0] != MONERO_NETWORK_STANDARD && data[0] != MONERO_NETWORK_SUBADDRESS)
    return HDR_CHECKSUM_INVALID;
  if (length == MONERO_INTEGRATED_LENGTH && data[0] != MONERO_NETWORK_INTEGRATED)
    return HDR_CHECKSUM_INVALID;

  hdr_keccak256 (data, data_length - 4, digest);
  if (memcmp (digest, data + data_length - 4, 4) != 0)
    return HDR_CHECKSUM_INVALID;

  return HDR_CHECKSUM_VALID;
}

/* Which kind of address a piece of text starts like, judged by its first
 * characters only: "0x", "bc1" and "ltc1" in any case, or the first
 * character of a base58 address. */
static Family
family_of_prefix (const char *text,
                  gsize       length)
{
  switch (text[0])
    {
    case '0':
      if (length >= 2 && (text[1] == 'x' || text[1] == 'X'))
        return FAMILY_ETHEREUM;
      return FAMILY_NONE;
    case 'b':
    case 'B':
      if (length >= 3 && (text[1] == 'c' || text[1] == 'C') && text[2] == '1')
        return FAMILY_BITCOIN_SEGWIT;
      return FAMILY_NONE;
    case 'l':
    case 'L':
      if (length >= 4 && (text[1] == 't' || text[1] == 'T') && (text[2] == 'c' || text[2] == 'C') &&
          text[3] == '1')
        return FAMILY_LITECOIN_SEGWIT;
      return text[0] == 'L' ? FAMILY_LITECOIN_BASE58 : FAMILY_NONE;
    case '1':
    case '3':
      return FAMILY_BITCOIN_BASE58;
    case 'M':
      return FAMILY_LITECOIN_BASE58;
    case '4':
    case '8':
      return FAMILY_MONERO;
    default:
      return FAMILY_NONE;
    }
}

static gsize
family_max_length (Family family)
{
  switch (family)
    {
    case FAMILY_BITCOIN_BASE58:
    case FAMILY_LITECOIN_BASE58:
      return BASE58CHECK_MAX_LENGTH;
    case FAMILY_BITCOIN_SEGWIT:
    case FAMILY_LITECOIN_SEGWIT:
      return SEGWIT_MAX_LENGTH;
    case FAMILY_ETHEREUM:
      return ETHEREUM_LENGTH;
    case FAMILY_MONERO:
      return MONERO_INTEGRATED_LENGTH;
    case FAMILY_NONE:
    default:
      return 0;
    }
}

/* Returns the length of the shortest address of a family. The shortest
 * segwit address is its prefix, a witness version, a 2-byte program in 4
 * characters and a 6-character checksum. */
static gsize
family_min_length (Family family)
{
  switch (family)
    {
    case FAMILY_BITCOIN_BASE58:
    case FAMILY_LITECOIN_BASE58:
      return BASE58CHECK_MIN_LENGTH;
    case FAMILY_BITCOIN_SEGWIT:
      return strlen ("bc1") + 1 + 4 + 6;
    case FAMILY_LITECOIN_SEGWIT:
      return strlen ("ltc1") + 1 + 4 + 6;
    case FAMILY_ETHEREUM:
      return ETHEREUM_LENGTH;
    case FAMILY_MONERO:
      return MONERO_LENGTH;
    case FAMILY_NONE:
    default:
      return G_MAXSIZE;
    }
}

/* Validates a candidate whose checksum must hold. Ethereum and Monero
 * addresses are accepted on their shape, with the checksum state. */
static gboolean
check_candidate (Family         family,
                 const char    *text,
                 gsize          length,
                 HdrWalletKind *kind,
                 HdrChecksum   *checksum)
{
  g_assert (text != NULL);

  switch (family)
    {
    case FAMILY_BITCOIN_BASE58:
    case FAMILY_BITCOIN_SEGWIT:
      *checksum = HDR_CHECKSUM_VALID;
      return validate_bitcoin_span (text, length, kind);

    case FAMILY_LITECOIN_BASE58:
    case FAMILY_LITECOIN_SEGWIT:
      *kind = HDR_WALLET_LITECOIN;
      *checksum = HDR_CHECKSUM_VALID;
      return validate_litecoin_span (text, length);

    case FAMILY_ETHEREUM:
      if (!is_ethereum_shape (text, length))
        return FALSE;
      *kind = HDR_WALLET_ETHEREUM;
      *checksum = ethereum_checksum (text);
      return TRUE;

    case FAMILY_MONERO:
      if (length != MONERO_LENGTH && length != MONERO_INTEGRATED_LENGTH)
        return FALSE;
      if (!is_base58 (text, length))
        return FALSE;
      *kind = HDR_WALLET_MONERO;
      *checksum = monero_checksum (text, length);
      return TRUE;

    case FAMILY_NONE:
    default:
      return FALSE;
    }
}

static gboolean
has_mixed_letters_and_digits (const char *text,
                              gsize       length)
{
  gboolean upper = FALSE;
  gboolean lower = FALSE;
  gboolean digit = FALSE;

  for (gsize i = 1; i < length; i++)
    {
      upper |= g_ascii_isupper (text[i]);
      lower |= g_ascii_islower (text[i]);
      digit |= g_ascii_isdigit (text[i]);
    }

  return upper && lower && digit;
}

static gboolean
is_bech32_shape (const char *text,
                 gsize       length,
                 gsize       hrp_length)
{
  gboolean has_lower = FALSE;
  gboolean has_upper = FALSE;

  for (gsize i = hrp_length + 1; i < length; i++)
    {
      if (strchr (bech32_charset, g_ascii_tolower (text[i])) == NULL || text[i] == '\0')
        return FALSE;
      has_lower |= g_ascii_islower (text[i]);
      has_upper |= g_ascii_isupper (text[i]);
    }

  return !(has_lower && has_upper);
}

/* Decides whether a single word that failed validation has exactly the
 * shape of a common address: such a word is reported with an invalid
 * checksum, so that the report can say it is no real address. The shapes
 * are narrow on purpose, so that identifiers, hashes and base64 do not
 * turn into wallets. */
static gboolean
is_invalid_address_shape (Family         family,
                          const char    *text,
                          gsize          length,
                          HdrWalletKind *kind)
{
  switch (family)
    {
    case FAMILY_BITCOIN_BASE58:
      /* P2SH addresses are 34 characters. P2PKH addresses are 33 or 34
       * unless the hash starts with two zero bytes (below 1 in 65,536). */
      if (!is_base58 (text, length) || !has_mixed_letters_and_digits (text, length))
        return FALSE;
      if (text[0] == '1' && (length == 33 || length == 34))
        {
          *kind = HDR_WALLET_BITCOIN_P2PKH;
          return TRUE;
        }
      if (text[0] == '3' && length == 34)
        {
          *kind = HDR_WALLET_BITCOIN_P2SH;
          return TRUE;
        }
      return FALSE;

    case FAMILY_LITECOIN_BASE58:
      if (!is_base58 (text, length) || !has_mixed_letters_and_digits (text, length))
        return FALSE;
      *kind = HDR_WALLET_LITECOIN;
      return length == 34;

    case FAMILY_BITCOIN_SEGWIT:
      /* P2WPKH (42), P2WSH and P2TR (62) */
      if (length != 42 && length != 62)
        return FALSE;
      if (!is_bech32_shape (text, length, 2))
        return FALSE;
      *kind = g_ascii_tolower (text[3]) == 'q' ? HDR_WALLET_BITCOIN_BECH32
                                               : HDR_WALLET_BITCOIN_BECH32M;
      return TRUE;

    case FAMILY_LITECOIN_SEGWIT:
      if (length != 43 && length != 63)
        return FALSE;
      *kind = HDR_WALLET_LITECOIN;
      return is_bech32_shape (text, length, 3);

    case FAMILY_ETHEREUM:
    case FAMILY_MONERO:
    case FAMILY_NONE:
    default:
      return FALSE;
    }
}

/* Returns the byte length of a gap character at @text, or 0: ASCII white
 * space, or a zero-width character or soft hyphen inserted to break up an
 * address. */
static gsize
gap_char_length (const char *text,
                 const char *end)
{
  gunichar c;

  if (text >= end)
    return 0;
  if (*text == ' ' || *text == '\t' || *text == '\r' || *text == '\n')
    return 1;
  if ((guchar) *text < 0x80)
    return 0;

  c = g_utf8_get_char_validated (text, end - text);
  if (c == 0x00AD || c == 0x200B || c == 0x200C || c == 0x200D ||
      c == 0x2060 || c == 0xFEFF)
    return g_utf8_next_char (text) - text;

  return 0;
}

static gboolean
gap_is_joinable (const char *text,
                 gsize       start,
                 gsize       end)
{
  gsize position = start;

  if (end - start > JOIN_MAX_GAP)
    return FALSE;

  while (position < end)
    {
      gsize step = gap_char_length (text + position, text + end);

      if (step == 0)
        return FALSE;
      position += step;
    }

  return TRUE;
}

static gboolean
is_base64_punctuation (char c)
{
  return c == '+' || c == '/' || c == '=';
}

/* base64 uses '+', '/' and '='. A word touching one of them is part of an
 * encoded blob unless it sits in a URL, where they separate path and query. */
static gboolean
has_word_boundaries (const char *text,
                     gsize       length,
                     const Run  *run)
{
  char before = run->start > 0 ? text[run->start - 1] : ' ';
  char after = run->end < length ? text[run->end] : ' ';

  if (!is_base64_punctuation (before) && !is_base64_punctuation (after))
    return TRUE;

  return run->in_link;
}

/* Byte classes that read_run() distinguishes. */
enum
{
  BYTE_OTHER,     /* none of the classes below */
  BYTE_WORD,      /* an ASCII letter or digit */
  BYTE_LINK_END,  /* ends a URL-like token: ASCII white space (as g_ascii_isspace()
                     has it) and the characters that usually enclose a URL in text */
  BYTE_COLON,     /* may start "://" */
  BYTE_END,       /* the nul byte that ends the text */
};

static const guint8 byte_classes[256] = {
  [0x00] = BYTE_END,
  ['\t'] = BYTE_LINK_END,
  ['\n'] = BYTE_LINK_END,
  ['\f'] = BYTE_LINK_END,
  ['\r'] = BYTE_LINK_END,
  [' '] = BYTE_LINK_END,
  ['<'] = BYTE_LINK_END,
  ['>'] = BYTE_LINK_END,
  ['"'] = BYTE_LINK_END,
  ['('] = BYTE_LINK_END,
  [')'] = BYTE_LINK_END,
  [':'] = BYTE_COLON,
  ['0' ... '9'] = BYTE_WORD,
  ['A' ... 'Z'] = BYTE_WORD,
  ['a' ... 'z'] = BYTE_WORD,
};

/* Reads the words of a text in order.  in_link is TRUE when the next word
 * is inside a URL.  A token is a URL from its "://" or "www." on. */
typedef struct
{
  const char *text;       /* nul-terminated */
  gsize       length;     /* strlen (text) */
  gsize       position;   /* where the next word is searched from */
  gboolean    in_link;
} RunReader;

/* Returns whether @c is a first character that family_of_prefix() accepts. */
static inline gboolean
can_start_address (char c)
{
  switch (c)
    {
    case '0':
    case '1':
    case '3':
    case '4':
    case '8':
    case 'b':
    case 'B':
    case 'l':
    case 'L':
    case 'M':
      return TRUE;
    default:
      return FALSE;
    }
}

/* Reads the next word into @run, or with @address_start_only the next word
 * whose first character can start an address.  Returns FALSE at the end of
 * the text, and also when more than @max_gap bytes come before the next
 * word.  @reader is then left unchanged. */
static inline gboolean
read_run (RunReader *reader,
          gsize      max_gap,
          gboolean   address_start_only,
          Run       *run)
{
  const char *text = reader->text;
  gsize length = reader->length;
  gsize position = reader->position;
  gboolean in_link = reader->in_link;
  gsize gap_end = max_gap < length - position ? position + max_gap : length;

  for (;;)
    {
      guint8 byte_class;

      /* length is strlen (text), so the nul byte at text[length] is the
       * first BYTE_END and stops both loops. */
      while ((byte_class = byte_classes[(guchar) text[position]]) != BYTE_WORD)
        {
          if (position == gap_end || byte_class == BYTE_END)
            return FALSE;

          /* Reading up to the first byte that differs from "://" stays
           * inside the text, which ends with a nul byte. */
          if (byte_class == BYTE_LINK_END)
            in_link = FALSE;
          else if (byte_class == BYTE_COLON && text[position + 1] == '/' && text[position + 2] == '/')
            in_link = TRUE;
          position++;
        }

      run->start = position;
      while (byte_classes[(guchar) text[position]] == BYTE_WORD)
        position++;
      run->end = position;
      run->in_link = in_link;

      /* Letters and digits other than 'w' and 'W' never equal 'w' with bit
       * 0x20 set, so this compares "www" in any case. */
      if (run->end - run->start == 3 && text[position] == '.' &&
          (text[run->start] | 0x20) == 'w' && (text[run->start + 1] | 0x20) == 'w' &&
          (text[run->start + 2] | 0x20) == 'w')
        in_link = TRUE;

      if (!address_start_only || can_start_address (text[run->start]))
        break;
    }

  reader->position = position;
  reader->in_link = in_link;
  return TRUE;
}

/* A message lists one or a few payment addresses. Past this many distinct
 * addresses the rest are dropped, so that a text stuffed with generated
 * addresses cannot flood the report. */
#define MAX_WALLETS 100

/* Adds one entry per address.  @by_address maps each address to its entry
 * and is created on the first call.  A mention outside a link outweighs
 * one inside, because only the former is a payment demand. */
static void
add_wallet (GPtrArray     *wallets,
            GHashTable   **by_address,
            HdrWalletKind  kind,
            HdrChecksum    checksum,
            char          *address,
            char          *evidence,
            gboolean       in_link)
{
  HdrWallet *wallet;
  HdrWallet *existing;

  g_assert (wallets != NULL);
  g_assert (by_address != NULL);

  if (*by_address == NULL)
    *by_address = g_hash_table_new (g_str_hash, g_str_equal);

  existing = g_hash_table_lookup (*by_address, address);
  if (existing != NULL)
    {
      if (existing->in_link && !in_link)
        {
          g_free (existing->evidence);
          existing->evidence = g_steal_pointer (&evidence);
          existing->in_link = FALSE;
        }
      g_free (address);
      g_free (evidence);
      return;
    }

  if (wallets->len >= MAX_WALLETS)
    {
      g_free (address);
      g_free (evidence);
      return;
    }

  wallet = g_new0 (HdrWallet, 1);
  wallet->kind = kind;
  wallet->checksum = checksum;
  wallet->address = address;
  wallet->evidence = evidence;
  wallet->in_link = in_link;
  g_ptr_array_add (wallets, wallet);
  g_hash_table_insert (*by_address, wallet->address, wallet);
}

/* Joins @first with up to JOIN_MAX_PARTS - 1 following runs read by
 * @reader, and stops at the first join that validates.  On success @joined
 * contains the address, @last the last run joined and @after_last the
 * reader after it.  @joined must have room for ADDRESS_MAX_LENGTH bytes and
 * a nul. */
static gboolean
try_join (const RunReader *reader,
          const Run       *first,
          Family           family,
          char            *joined,
          gsize           *joined_length,
          Run             *last,
          RunReader       *after_last,
          HdrWalletKind   *kind,
          HdrChecksum     *checksum)
{
  const char *text = reader->text;
  gsize max_length = family_max_length (family);
  gsize length = first->end - first->start;
  RunReader ahead = *reader;
  Run previous = *first;
  Run next;

  g_assert (max_length <= ADDRESS_MAX_LENGTH);
  g_assert (length <= max_length);

  memcpy (joined, text + first->start, length);

  /* A gap longer than JOIN_MAX_GAP is never joined, so the reader stops
   * there instead of reading on to the next word. */
  for (guint parts = 1; parts < JOIN_MAX_PARTS && read_run (&ahead, JOIN_MAX_GAP, FALSE, &next); parts++)
    {
      gsize next_length = next.end - next.start;

      if (!gap_is_joinable (text, previous.end, next.start))
        return FALSE;
      if (length + next_length > max_length)
        return FALSE;

      memcpy (joined + length, text + next.start, next_length);
      length += next_length;
      joined[length] = '\0';
      previous = next;

      if (length < family_min_length (family))
        continue;
      if (check_candidate (family, joined, length, kind, checksum) &&
          *checksum != HDR_CHECKSUM_INVALID)
        {
          *joined_length = length;
          *last = next;
          *after_last = ahead;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * hdr_wallet_find:
 * @text: message text, UTF-8, NFKC-normalised but not case-folded
 *
 * Finds cryptocurrency addresses in @text: valid Bitcoin and Litecoin
 * addresses, Ethereum and Monero addresses (with their checksum state), and
 * words shaped exactly like a Bitcoin or Litecoin address whose checksum
 * fails. An address split by white space or line breaks is joined back
 * when only the join validates. Each address is listed once, and at most
 * MAX_WALLETS (100) addresses are returned.
 *
 * Returns: (transfer full) (element-type HdrWallet): the addresses, in
 *   text order
 */
GPtrArray *
hdr_wallet_find (const char *text)
{
  g_autoptr(GPtrArray) wallets = NULL;
  g_autoptr(GHashTable) by_address = NULL;
  char joined[ADDRESS_MAX_LENGTH + 1];
  RunReader reader;
  Run run;

  g_return_val_if_fail (text != NULL, NULL);

  wallets = g_ptr_array_new_with_free_func ((GDestroyNotify) hdr_wallet_free);
  reader = (RunReader) {
    .text = text,
    .length = strlen (text),
  };

  /* Words that start no address are read only as later pieces of a
   * split address, by try_join(). */
  while (read_run (&reader, G_MAXSIZE, TRUE, &run))
    {
      const char *word = text + run.start;
      gsize word_length = run.end - run.start;
      Family family = family_of_prefix (word, word_length);
      HdrWalletKind kind = HDR_WALLET_BITCOIN_P2PKH;
      HdrChecksum checksum = HDR_CHECKSUM_UNKNOWN;
      gsize joined_length = 0;
      RunReader after_last;
      Run last;

      if (family == FAMILY_NONE || word_length > family_max_length (family))
        continue;
      if (!has_word_boundaries (text, reader.length, &run))
        continue;

      if (check_candidate (family, word, word_length, &kind, &checksum))
        {
          add_wallet (wallets, &by_address, kind, checksum, g_strndup (word, word_length),
                      g_strndup (word, word_length), run.in_link);
          continue;
        }

      if (try_join (&reader, &run, family, joined, &joined_length, &last, &after_last,
                    &kind, &checksum) &&
          has_word_boundaries (text, reader.length, &last))
        {
          add_wallet (wallets, &by_address, kind, checksum, g_strndup (joined, joined_length),
                      g_strndup (word, last.end - run.start),
                      run.in_link);
          reader = after_last;
          continue;
        }

      if (is_invalid_address_shape (family, word, word_length, &kind))
        add_wallet (wallets, &by_address, kind, HDR_CHECKSUM_INVALID, g_strndup (word, word_length),
                    g_strndup (word, word_length), run.in_link);
    }

  return g_steal_pointer (&wallets);
}
