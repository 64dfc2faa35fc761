import { Fzf } from 'fzf';
import { isLowerAscii, lowerAsciiV1Score } from './fuzzyScore.js';

/**
 * How well a name matches typed text, best first: the whole name, its start, a contiguous piece of
 * it, or only its characters in order (fuzzy).
 */
export type MatchTier = 0 | 1 | 2 | 3;
export const EXACT: MatchTier = 0;
export const PREFIX: MatchTier = 1;
export const SUBSTRING: MatchTier = 2;
export const FUZZY: MatchTier = 3;

export interface NameMatch {
  tier: MatchTier;
  /** fzf's score (its v1 algorithm: consecutive characters and word boundaries score higher); higher is better. */
  score: number;
}

/** Orders matches best first: by tier, then by score. */
export function compareMatches(a: NameMatch, b: NameMatch): number {
  return a.tier - b.tier || b.score - a.score;
}

function tierOf(name: string, term: string): MatchTier {
  if (name === term) return EXACT;
  if (name.startsWith(term)) return PREFIX;
  if (name.includes(term)) return SUBSTRING;
  return FUZZY;
}

const FZF_OPTIONS = { casing: 'case-insensitive', normalize: false, sort: false, fuzzy: 'v1' } as const;

/**
 * Fuzzy matching of typed terms against a set of names, scored by fzf's v1 algorithm (the `fzf`
 * package, a port of junegunn/fzf; lower-case ASCII names, all pod names, through the same scoring
 * without its allocations: see fuzzyScore.ts). Every term must match (terms are the words of the
 * text); a name's tier is its worst term's, its score the sum. Names are compared in lower case.
 */
export class NameIndex {
  private readonly names: readonly string[];
  private readonly known: ReadonlySet<string>;
  /** The names fuzzyScore scores (lower-case ASCII), and the package's index of the rest or of all, made when needed. */
  private readonly ascii: readonly string[];
  private readonly others: readonly string[];
  private othersFinder: Fzf<readonly string[]> | undefined;
  private allFinder: Fzf<readonly string[]> | undefined;

  constructor(names: Iterable<string>) {
    const known = new Set<string>();
    for (const name of names) known.add(name.toLowerCase());
    this.known = known;
    this.names = [...known];
    const ascii: string[] = [];
    const others: string[] = [];
    for (const name of this.names) (isLowerAscii(name) ? ascii : others).push(name);
    this.ascii = ascii;
    this.others = others;
  }

  has(name: string): boolean {
    return this.known.has(name.toLowerCase());
  }

  /** How many names the index holds. */
  get size(): number {
    return this.known.size;
  }

  /** Of `names` (lower case), those the index does not hold; undefined once there are more than `limit`. */
  missing(names: Iterable<string>, limit: number): string[] | undefined {
    const out: string[] = [];
    for (const name of names) {
      if (this.known.has(name)) continue;
      if (out.length >= limit) return undefined;
      out.push(name);
    }
    return out;
  }

  /** The names matching every term, with how well; names not in the map do not match. */
  find(terms: readonly string[]): Map<string, NameMatch> {
    let result: Map<string, NameMatch> | undefined;
    for (const raw of terms) {
      const term = raw.toLowerCase();
      if (term === '') continue;
      const found = new Map<string, NameMatch>();
      const add = (name: string, score: number): void => {
        const before = result?.get(name);
        if (result !== undefined && before === undefined) return;
        const tier = tierOf(name, term);
        found.set(name, before === undefined ? { tier, score } : { tier: Math.max(tier, before.tier) as MatchTier, score: score + before.score });
      };
      if (isLowerAscii(term)) {
        // Typing on narrows: only the names the terms before matched can match.
        const names = result === undefined ? this.ascii : [...result.keys()].filter(isLowerAscii);
        for (const name of names) {
          const score = lowerAsciiV1Score(name, term);
          if (score !== undefined) add(name, score);
        }
        if (this.others.length > 0) {
          this.othersFinder ??= new Fzf(this.others, FZF_OPTIONS);
          for (const entry of this.othersFinder.find(term)) add(entry.item, entry.score);
        }
      } else {
        this.allFinder ??= new Fzf(this.names, FZF_OPTIONS);
        for (const entry of this.allFinder.find(term)) add(entry.item, entry.score);
      }
      result = found;
    }
    return result ?? new Map(this.names.map((n) => [n, { tier: EXACT, score: 0 }]));
  }
}

/**
 * Names against the terms (pods that appeared after the index was built), keyed by lower-case name:
 * one index for the lot, since an index per name costs fzf's set-up per name (a watch batch brings hundreds).
 */
export function matchNames(names: Iterable<string>, terms: readonly string[]): Map<string, NameMatch> {
  return new NameIndex(names).find(terms);
}

/** True when the characters of `pattern` appear in `text` in order (both compared in lower case). */
export function fuzzyMatch(pattern: string, text: string): boolean {
  const haystack = text.toLowerCase();
  let at = 0;
  for (const ch of pattern.toLowerCase()) {
    const found = haystack.indexOf(ch, at);
    if (found < 0) return false;
    at = found + ch.length;
  }
  return true;
}

/** `items` that match `text` (fuzzy), best match first, ties in their given order. */
export function rankByName<T>(items: readonly T[], text: string, nameOf: (item: T) => string): T[] {
  const terms = text.trim().split(/\s+/).filter((t) => t !== '');
  if (terms.length === 0) return [...items];
  const matches = new NameIndex(items.map(nameOf)).find(terms);
  return items
    .map((item, order) => ({ item, order, match: matches.get(nameOf(item).toLowerCase()) }))
    .filter((e): e is { item: T; order: number; match: NameMatch } => e.match !== undefined)
    .sort((a, b) => compareMatches(a.match, b.match) || a.order - b.order)
    .map((e) => e.item);
}
