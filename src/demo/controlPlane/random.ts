/**
 * Seeded randomness (mulberry32) so that `--seed` reproduces a demo run. Each component forks its own
 * stream by label, which keeps one pod's draws independent of how many draws other pods made before.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string;
  hex(length: number): string;
  /** A random (version 4) UUID. */
  uuid(): string;
  /** An independent stream derived from this one's seed and `label` (not from its current position). */
  fork(label: string): Random;
}

/** 32-bit FNV-1a of `text`, mixed into `seed`. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function seededRandom(seed: number): Random {
  const base = seed >>> 0;
  let state = base;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  const chars = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet.charAt(int(alphabet.length));
    return out;
  };
  const hex = (length: number): string => chars('0123456789abcdef', length);
  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[int(items.length)] as T;
    },
    chars,
    hex,
    uuid() {
      const variant = '89ab'.charAt(int(4));
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
    },
    fork: (label) => seededRandom(hashString(label, base ^ 0x9e3779b9)),
  };
}
