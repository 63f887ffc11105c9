/* hdr-keccak.c: Keccak-256 (the original Keccak submission, not FIPS 202 SHA3-256)
 *
 * Ethereum (EIP-55 checksums) and Monero (address checksums) hash with the
 * Keccak padding byte 0x01; SHA3-256 pads with 0x06 and gives different
 * digests, so GChecksum cannot be used here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hdr-keccak"

#include "config.h"

#include <string.h>

#include "hdr-keccak.h"

/* Keccak-f[1600] with a 1088-bit rate (136 bytes) and a 512-bit capacity. */
#define KECCAK_ROUNDS 24
#define KECCAK256_RATE 136

static const guint64 round_constants[KECCAK_ROUNDS] = {
  G_GUINT64_CONSTANT (0x0000000000000001), G_GUINT64_CONSTANT (0x0000000000008082),
  G_GUINT64_CONSTANT (0x800000000000808A), G_GUINT64_CONSTANT (0x8000000080008000),
  G_GUINT64_CONSTANT (0x000000000000808B), G_GUINT64_CONSTANT (0x0000000080000001),
  G_GUINT64_CONSTANT (0x8000000080008081), G_GUINT64_CONSTANT (0x8000000000008009),
  G_GUINT64_CONSTANT (0x000000000000008A), G_GUINT64_CONSTANT (0x0000000000000088),
  G_GUINT64_CONSTANT (0x0000000080008009), G_GUINT64_CONSTANT (0x000000008000000A),
  G_GUINT64_CONSTANT (0x000000008000808B), G_GUINT64_CONSTANT (0x800000000000008B),
  G_GUINT64_CONSTANT (0x8000000000008089), G_GUINT64_CONSTANT (0x8000000000008003),
  G_GUINT64_CONSTANT (0x8000000000008002), G_GUINT64_CONSTANT (0x8000000000000080),
  G_GUINT64_CONSTANT (0x000000000000800A), G_GUINT64_CONSTANT (0x800000008000000A),
  G_GUINT64_CONSTANT (0x8000000080008081), G_GUINT64_CONSTANT (0x8000000000008080),
  G_GUINT64_CONSTANT (0x0000000080000001), G_GUINT64_CONSTANT (0x8000000080008008),
};

/* The rho rotation of each lane, listed in the order the pi step visits the lanes. */
static const guint rho_offsets[24] = {
  1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
};

static const guint pi_lanes[24] = {
  10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
};

static inline guint64
rotate_left (guint64 value,
             guint   count)
{
  return (value << count) | (value >> (64 - count));
}

static void
keccak_f1600 (guint64 state[25])
{
  for (guint round = 0; round < KECCAK_ROUNDS; round++)
    {
      guint64 column[5];
      guint64 carried;

      /* theta */
      for (guint x = 0; x < 5; x++)
        column[x] = state[x] ^ state[x + 5] ^ state[x + 10] ^ state[x + 15] ^ state[x + 20];
      for (guint x = 0; x < 5; x++)
        {
          guint64 mix = column[(x + 4) % 5] ^ rotate_left (column[(x + 1) % 5], 1);

          for (guint y = 0; y < 25; y += 5)
            state[y + x] ^= mix;
        }

      /* rho and pi */
      carried = state[1];
      for (guint i = 0; i < 24; i++)
        {
          guint lane = pi_lanes[i];
          guint64 saved = state[lane];

          state[lane] = rotate_left (carried, rho_offsets[i]);
          carried = saved;
        }

      /* chi */
      for (guint y = 0; y < 25; y += 5)
        {
          for (guint x = 0; x < 5; x++)
            column[x] = state[y + x];
          for (guint x = 0; x < 5; x++)
            state[y + x] ^= (~column[(x + 1) % 5]) & column[(x + 2) % 5];
        }

      /* iota */
      state[0] ^= round_constants[round];
    }
}

/* XORs one byte into the state; lanes are little-endian 64-bit words. */
static inline void
absorb_byte (guint64 state[25],
             gsize   position,
             guint8  byte)
{
  state[position / 8] ^= ((guint64) byte) << (8 * (position % 8));
}

/**
 * hdr_keccak256:
 * @data: the bytes to hash
 * @length: number of bytes in @data
 * @digest: (out): receives the 32-byte digest
 *
 * Computes the Keccak-256 digest of @data with the original Keccak padding
 * (0x01 ... 0x80).
 */
void
hdr_keccak256 (const guint8 *data,
               gsize         length,
               guint8        digest[HDR_KECCAK256_LENGTH])
{
  guint64 state[25] = { 0 };
  gsize position = 0;

  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (digest != NULL);

  for (gsize i = 0; i < length; i++)
    {
      absorb_byte (state, position, data[i]);
      position++;
      if (position == KECCAK256_RATE)
        {
          keccak_f1600 (state);
          position = 0;
        }
    }

  absorb_byte (state, position, 0x01);
  absorb_byte (state, KECCAK256_RATE - 1, 0x80);
  keccak_f1600 (state);

  for (gsize i = 0; i < HDR_KECCAK256_LENGTH; i++)
    digest[i] = (guint8) (state[i / 8] >> (8 * (i % 8)));
}
