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

/** Mulberry32 adds this to its state for each number. */
export const MULBERRY32_STEP = 0x6d2b79f5;

/**
 * Mulberry32's output for a state, as the 32 bits of a signed integer (which the engine keeps unboxed):
 * the number drawn is (bits >>> 0) / 2^32.
 */
export function mulberry32Bits(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return t ^ (t >>> 14);
}

/** The state of a seeded generator, read and set by loops that draw millions of numbers without a call each. */
export interface SeededState {
  get(): number;
  set(state: number): void;
}

const states = new WeakMap<Random, SeededState>();

/**
 * A small, fast seeded generator (Mulberry32): the same seed always gives the same sequence, so a
 * forecast is reproducible from its inputs.
 */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  const random = () => {
    a = (a + MULBERRY32_STEP) >>> 0;
    return (mulberry32Bits(a) >>> 0) / 4294967296;
  };
  states.set(random, {
    get: () => a,
    set: (state) => {
      a = state;
    },
  });
  return random;
}

/** The state of a generator made by `seededRandom` (undefined for any other source). */
export const seededState = (random: Random): SeededState | undefined => states.get(random);
