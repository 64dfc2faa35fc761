import { describe, expect, test } from 'vitest';
import { fuzzyMatch, isEmptyFilter, matchesPodFilter, parsePodFilter } from '../../src/model/podFilter.js';

describe('parsePodFilter', () => {
  test('plain words are fuzzy name patterns', () => {
    expect(parsePodFilter('  Crsh  web ')).toEqual({ names: ['crsh', 'web'], labels: [] });
    expect(isEmptyFilter(parsePodFilter('   '))).toBe(true);
  });

  test('selector words hold comma-separated label terms', () => {
    expect(parsePodFilter('app=web,tier!=db,canary,!legacy,env==prod').labels).toEqual([
      { op: 'equals', key: 'app', value: 'web' },
      { op: 'notEquals', key: 'tier', value: 'db' },
      { op: 'exists', key: 'canary' },
      { op: 'notExists', key: 'legacy' },
      { op: 'equals', key: 'env', value: 'prod' },
    ]);
    expect(parsePodFilter('!legacy')).toEqual({ names: [], labels: [{ op: 'notExists', key: 'legacy' }] });
  });

  test('mixes names and selectors, and ignores broken terms', () => {
    expect(parsePodFilter('cr app=,=x')).toEqual({ names: ['cr'], labels: [{ op: 'equals', key: 'app', value: '' }] });
  });
});

describe('fuzzyMatch', () => {
  test('characters in order, case-insensitive', () => {
    expect(fuzzyMatch('crsh', 'crashy')).toBe(true);
    expect(fuzzyMatch('CY', 'crashy')).toBe(true);
    expect(fuzzyMatch('hsc', 'crashy')).toBe(false);
    expect(fuzzyMatch('', 'x')).toBe(true);
    expect(fuzzyMatch('crashyy', 'crashy')).toBe(false);
  });
});

describe('matchesPodFilter', () => {
  const web = { name: 'web-7c9f', labels: { app: 'web', tier: 'front' } };
  const db = { name: 'db-0', labels: { app: 'db' } };
  const bare = { name: 'bare', labels: undefined };
  const pick = (text: string) => [web, db, bare].filter((p) => matchesPodFilter(p, parsePodFilter(text))).map((p) => p.name);

  test('by name', () => {
    expect(pick('w7')).toEqual(['web-7c9f']);
    expect(pick('')).toEqual(['web-7c9f', 'db-0', 'bare']);
  });

  test('by labels, with Kubernetes semantics for != and absent labels', () => {
    expect(pick('app=web')).toEqual(['web-7c9f']);
    expect(pick('app!=web')).toEqual(['db-0', 'bare']);
    expect(pick('tier')).toEqual([]); // a plain word is a name pattern, not a label
    expect(pick('app=web,tier')).toEqual(['web-7c9f']);
    expect(pick('!tier')).toEqual(['db-0', 'bare']);
    expect(pick('app=db,!tier b')).toEqual(['db-0']);
    expect(pick('app=db,!tier x')).toEqual([]);
  });
});
