import { LabelSelectorError, matchesLabels, parseLabelSelector, type LabelRequirement } from './labelSelector.js';
import { fuzzyMatch } from './nameMatch.js';

/**
 * The pod table's `/` filter, as k9s and kubectl users write it:
 * - plain text is fuzzy on the pod name (`crsh` finds `crashy`; words must all match), ranked best
 *   match first (see model/nameMatch);
 * - `/regex/` (the closing slash optional) or text starting with `^` is a regular expression on the
 *   name, case-insensitive;
 * - a leading `!` inverts a name filter (`!web`, `!/^web-/`);
 * - a label selector in kubectl's whole grammar (`app=web`, `app==web`, `app!=web`,
 *   `app in (a,b)`, `app notin (a)`, `app`, `!app`, comma-separated) is recognised by its
 *   operators and evaluated exactly as the API server would; `-l SELECTOR` forces the selector
 *   reading, for one made only of `app` / `!app` terms (`-l !canary`).
 * Text that is meant as a selector or regex but does not parse is `invalid`: nothing matches, and
 * the message (the server's wording for selectors) says why.
 */
export type PodFilter =
  | { kind: 'none' }
  | { kind: 'fuzzy'; terms: readonly string[]; invert: boolean }
  | { kind: 'regex'; regex: RegExp; invert: boolean }
  | { kind: 'labels'; requirements: readonly LabelRequirement[] }
  | { kind: 'invalid'; message: string };

export interface FilterablePod {
  name: string;
  labels: Readonly<Record<string, string>> | undefined;
}

const NONE: PodFilter = { kind: 'none' };

/** An operator only a selector has: `=`, `==`, `!=`, or a set (`in (`, `notin (`). */
const SELECTOR_OPERATOR = /=|\s(not)?in\s*\(/;

function labelFilter(selector: string): PodFilter {
  try {
    return { kind: 'labels', requirements: parseLabelSelector(selector) };
  } catch (error) {
    const message = error instanceof LabelSelectorError ? error.message : String(error);
    return { kind: 'invalid', message: `invalid label selector: ${message}` };
  }
}

function regexFilter(source: string, invert: boolean): PodFilter {
  try {
    return { kind: 'regex', regex: new RegExp(source, 'i'), invert };
  } catch (error) {
    return { kind: 'invalid', message: `invalid regular expression: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function parsePodFilter(text: string): PodFilter {
  const trimmed = text.trim();
  if (trimmed === '') return NONE;
  if (trimmed === '-l' || trimmed.startsWith('-l ')) return labelFilter(trimmed.slice(2));
  if (SELECTOR_OPERATOR.test(trimmed)) return labelFilter(trimmed);
  const invert = trimmed.startsWith('!');
  const body = (invert ? trimmed.slice(1) : trimmed).trim();
  if (body === '') return NONE;
  if (body.startsWith('/')) {
    const source = body.length > 1 && body.endsWith('/') ? body.slice(1, -1) : body.slice(1);
    return source === '' ? NONE : regexFilter(source, invert);
  }
  if (body.startsWith('^')) return regexFilter(body, invert);
  return { kind: 'fuzzy', terms: body.toLowerCase().split(/\s+/), invert };
}

export function isEmptyFilter(filter: PodFilter): boolean {
  return filter.kind === 'none';
}

/** The filter ranks its matches (plain fuzzy text): rows are then shown best match first. */
export function isRanking(filter: PodFilter): filter is Extract<PodFilter, { kind: 'fuzzy' }> {
  return filter.kind === 'fuzzy' && !filter.invert;
}

/** Whether the pod passes the filter (for a ranking filter, whether it matches at all). */
export function matchesPodFilter(pod: FilterablePod, filter: PodFilter): boolean {
  switch (filter.kind) {
    case 'none':
      return true;
    case 'invalid':
      return false;
    case 'labels':
      return matchesLabels(filter.requirements, pod.labels ?? {});
    case 'regex':
      return filter.regex.test(pod.name) !== filter.invert;
    case 'fuzzy':
      return filter.terms.every((term) => fuzzyMatch(term, pod.name)) !== filter.invert;
  }
}

/**
 * Whether every pod `next` lets through is also let through by `previous`, so `next` can be applied
 * to `previous`'s matches alone: the same kind of name filter with its text extended (typing on).
 */
export function narrows(previous: PodFilter, next: PodFilter): boolean {
  if (previous.kind === 'none') return true;
  if (previous.kind !== 'fuzzy' || next.kind !== 'fuzzy' || previous.invert || next.invert) return false;
  if (next.terms.length !== previous.terms.length) return false;
  return next.terms.every((term, i) => fuzzyMatch(previous.terms[i] ?? '', term));
}

/** One line on what the filter does, for the prompt. */
export function describeFilter(filter: PodFilter): string {
  switch (filter.kind) {
    case 'none':
      return 'fuzzy name, /regex/, !text, or labels: app=web,tier!=db, app in (a,b)';
    case 'fuzzy':
      return filter.invert ? 'names not matching (fuzzy)' : 'fuzzy name, best match first';
    case 'regex':
      return filter.invert ? 'names not matching the regular expression' : 'regular expression on the name';
    case 'labels':
      return 'label selector, as the API server evaluates it';
    case 'invalid':
      return filter.message;
  }
}
