/* random.c: the seeded generator behind the draws of scenario expressions. */
#include "lang/random.h"

static GsRandomSource current_source;

/* splitmix64: spreads a key over 64 bits */
static guint64
mix (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

void
gs_random_init (GsRandom *r, guint64 key)
{
  guint64 x = key;
  for (int i = 0; i < 4; i++)
    r->s[i] = mix (&x);
}

guint64
gs_random_child_key (guint64 parent, guint64 n)
{
  guint64 x = n;
  guint64 a = mix (&x);
  x = parent ^ a;
  return mix (&x);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

double
gs_random_double (GsRandom *r)
{
  /* xoshiro256** */
  guint64 *s = r->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return (double) (result >> 11) * 0x1.0p-53;
}

void
gs_random_set_source (GsRandomSource source)
{
  current_source = source;
}

GsRandom *
gs_random_current (void)
{
  return current_source ? current_source () : NULL;
}
