/**
 * The pod table's `/` filter. Words are separated by spaces; a word containing `=` (or starting
 * with `!`) is a label selector whose comma-separated terms are `key=value`, `key==value`,
 * `key!=value`, `key` (label present) and `!key` (label absent), as in `kubectl -l`. A selector
 * word may also hold bare `key` terms once it has one `=` term (`app=web,tier`). Every other word
 * is matched fuzzily against the pod name: its characters must appear in order (`crsh` finds
 * `crashy`), case-insensitively. A pod is shown when it matches every word.
 */
export type LabelTerm =
  | { op: 'equals'; key: string; value: string }
  | { op: 'notEquals'; key: string; value: string }
  | { op: 'exists'; key: string }
  | { op: 'notExists'; key: string };

export interface PodFilter {
  /** Fuzzy patterns the name must all match. */
  names: string[];
  labels: LabelTerm[];
}

export interface FilterablePod {
  name: string;
  labels: Readonly<Record<string, string>> | undefined;
}

function parseLabelTerm(term: string): LabelTerm | undefined {
  const notEquals = term.indexOf('!=');
  if (notEquals > 0) return { op: 'notEquals', key: term.slice(0, notEquals), value: term.slice(notEquals + 2) };
  const equals = term.indexOf('=');
  if (equals > 0) {
    const value = term.slice(term.startsWith('=', equals + 1) ? equals + 2 : equals + 1);
    return { op: 'equals', key: term.slice(0, equals), value };
  }
  if (term.startsWith('!') && term.length > 1) return { op: 'notExists', key: term.slice(1) };
  if (term !== '' && !term.includes('=')) return { op: 'exists', key: term };
  return undefined;
}

function isSelectorWord(word: string): boolean {
  return word.includes('=') || word.startsWith('!');
}

export function parsePodFilter(text: string): PodFilter {
  const filter: PodFilter = { names: [], labels: [] };
  for (const word of text.trim().split(/\s+/)) {
    if (word === '') continue;
    if (!isSelectorWord(word)) {
      filter.names.push(word.toLowerCase());
      continue;
    }
    for (const term of word.split(',')) {
      const parsed = parseLabelTerm(term);
      if (parsed !== undefined) filter.labels.push(parsed);
    }
  }
  return filter;
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

function labelMatches(term: LabelTerm, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, term.key);
  switch (term.op) {
    case 'equals':
      return has && labels[term.key] === term.value;
    case 'notEquals':
      // As in Kubernetes: a pod without the label satisfies key!=value.
      return !has || labels[term.key] !== term.value;
    case 'exists':
      return has;
    case 'notExists':
      return !has;
  }
}

export function isEmptyFilter(filter: PodFilter): boolean {
  return filter.names.length === 0 && filter.labels.length === 0;
}

export function matchesPodFilter(pod: FilterablePod, filter: PodFilter): boolean {
  const labels = pod.labels ?? {};
  return filter.names.every((p) => fuzzyMatch(p, pod.name)) && filter.labels.every((t) => labelMatches(t, labels));
}
