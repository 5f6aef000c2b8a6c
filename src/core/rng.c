/* xoshiro256** (Blackman & Vigna 2018), seeded through splitmix64 from (seed, stream).
 * Streams keep stages independent: the puncture stage draws from stream 1, a population
 * sampler from stream 2, ... so adding draws to one stage never shifts another's. */
#include <math.h>

#include "core/core_int.h"

static uint64_t splitmix64(uint64_t *x)
{
  uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

void mn_rng_seed(mn_rng *rng, uint64_t seed, uint64_t stream)
{
  uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64(&x);
}

uint64_t mn_rng_next(mn_rng *rng)
{
  uint64_t *s = rng->s;
  uint64_t result = rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return result;
}

double mn_rng_uniform(mn_rng *rng) { return (double)(mn_rng_next(rng) >> 11) * 0x1.0p-53; }

double mn_rng_normal(mn_rng *rng)
{
  double u1 = mn_rng_uniform(rng);
  double u2 = mn_rng_uniform(rng);
  if (u1 < 1e-300)
    u1 = 1e-300;
  return sqrt(-2.0 * log(u1)) * cos(2.0 * MN_PI * u2);
}
