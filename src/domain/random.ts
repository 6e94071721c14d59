/** A source of uniform random numbers in [0, 1): `Math.random` in nothing, a seeded generator in everything. */
export type Random = () => number;

/** A 32-bit FNV-1a hash of a string, used to seed generators from what a result depends on. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A small, fast seeded generator (Mulberry32): the same seed always gives the same sequence, so a
 * forecast is reproducible from its inputs.
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
