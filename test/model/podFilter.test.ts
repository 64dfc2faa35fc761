import { describe, expect, test } from 'vitest';
import { matchesLabels, parseLabelSelector } from '../../src/model/labelSelector.js';
import { EXACT, FUZZY, fuzzyMatch, NameIndex, PREFIX, rankByName, SUBSTRING } from '../../src/model/nameMatch.js';
import { isEmptyFilter, isRanking, matchesPodFilter, narrows, parsePodFilter } from '../../src/model/podFilter.js';

describe('parsePodFilter', () => {
  test('plain words are fuzzy name terms, ranked', () => {
    const filter = parsePodFilter('  Crsh  web ');
    expect(filter).toEqual({ kind: 'fuzzy', terms: ['crsh', 'web'], invert: false });
    expect(isRanking(filter)).toBe(true);
    expect(isEmptyFilter(parsePodFilter('   '))).toBe(true);
  });

  test('/regex/ (closing slash optional) and a leading ^ are regular expressions on the name', () => {
    expect(parsePodFilter('/^web-\\d+$/')).toMatchObject({ kind: 'regex', invert: false });
    expect(parsePodFilter('/web-[0-9')).toMatchObject({ kind: 'invalid' });
    expect(parsePodFilter('^web')).toMatchObject({ kind: 'regex' });
    expect(parsePodFilter('/')).toEqual({ kind: 'none' });
  });

  test('! inverts a name filter', () => {
    expect(parsePodFilter('!web')).toEqual({ kind: 'fuzzy', terms: ['web'], invert: true });
    expect(isRanking(parsePodFilter('!web'))).toBe(false);
    expect(parsePodFilter('!/^web/')).toMatchObject({ kind: 'regex', invert: true });
    expect(parsePodFilter('!')).toEqual({ kind: 'none' });
  });

  test('label selectors in kubectl grammar are recognised by their operators; -l forces one', () => {
    expect(parsePodFilter('app=web,tier!=db,canary,!legacy,env==prod')).toEqual({
      kind: 'labels',
      requirements: [
        { key: 'app', operator: '=', values: ['web'] },
        { key: 'tier', operator: '!=', values: ['db'] },
        { key: 'canary', operator: 'exists', values: [] },
        { key: 'legacy', operator: '!', values: [] },
        { key: 'env', operator: '=', values: ['prod'] },
      ],
    });
    expect(parsePodFilter('app in (web, db)')).toEqual({ kind: 'labels', requirements: [{ key: 'app', operator: 'in', values: ['web', 'db'] }] });
    expect(parsePodFilter('tier notin (db)')).toMatchObject({ kind: 'labels' });
    expect(parsePodFilter('-l !canary')).toEqual({ kind: 'labels', requirements: [{ key: 'canary', operator: '!', values: [] }] });
    expect(parsePodFilter('-l app')).toEqual({ kind: 'labels', requirements: [{ key: 'app', operator: 'exists', values: [] }] });
  });

  test("a selector the server would refuse says so, in the server's words, and matches nothing", () => {
    const filter = parsePodFilter('app in (a');
    expect(filter.kind).toBe('invalid');
    expect(filter.kind === 'invalid' && filter.message).toMatch(/^invalid label selector: /);
    expect(matchesPodFilter({ name: 'a', labels: { app: 'a' } }, filter)).toBe(false);
    expect(() => parseLabelSelector('-bad=x')).toThrow(/invalid label key "-bad"/);
  });
});

describe('matchesPodFilter', () => {
  const web = { name: 'web-7c9f', labels: { app: 'web', tier: 'front' } };
  const db = { name: 'db-0', labels: { app: 'db' } };
  const bare = { name: 'bare', labels: undefined };
  const pick = (text: string) => [web, db, bare].filter((p) => matchesPodFilter(p, parsePodFilter(text))).map((p) => p.name);

  test('by name: fuzzy, regex, inverted', () => {
    expect(pick('w7')).toEqual(['web-7c9f']);
    expect(pick('')).toEqual(['web-7c9f', 'db-0', 'bare']);
    expect(pick('^b')).toEqual(['bare']);
    expect(pick('/-\\d$/')).toEqual(['db-0']);
    expect(pick('!web')).toEqual(['db-0', 'bare']);
    expect(pick('!/^(db|bare)/')).toEqual(['web-7c9f']);
  });

  test('by labels, as the API server evaluates them (absent labels satisfy != and notin)', () => {
    expect(pick('app=web')).toEqual(['web-7c9f']);
    expect(pick('app==web')).toEqual(['web-7c9f']);
    expect(pick('app!=web')).toEqual(['db-0', 'bare']);
    expect(pick('app in (web,db)')).toEqual(['web-7c9f', 'db-0']);
    expect(pick('app notin (web)')).toEqual(['db-0', 'bare']);
    expect(pick('app=web,tier')).toEqual(['web-7c9f']);
    expect(pick('-l tier')).toEqual(['web-7c9f']);
    expect(pick('-l !tier')).toEqual(['db-0', 'bare']);
    // The same answers as the shared parser gives the demo cluster's labelSelector.
    for (const selector of ['app!=web', 'app notin (web)', 'app,!tier']) {
      const server = [web, db, bare].filter((p) => matchesLabels(parseLabelSelector(selector), p.labels ?? {})).map((p) => p.name);
      expect(pick(`-l ${selector}`)).toEqual(server);
    }
  });

  test('typing on narrows a fuzzy filter; other edits do not', () => {
    expect(narrows(parsePodFilter('pen'), parsePodFilter('pend'))).toBe(true);
    expect(narrows(parsePodFilter(''), parsePodFilter('x'))).toBe(true);
    expect(narrows(parsePodFilter('pend'), parsePodFilter('pen'))).toBe(false);
    expect(narrows(parsePodFilter('!pen'), parsePodFilter('!pend'))).toBe(false);
  });
});

describe('name matching', () => {
  test('fuzzyMatch: characters in order, case-insensitive', () => {
    expect(fuzzyMatch('crsh', 'crashy')).toBe(true);
    expect(fuzzyMatch('CY', 'crashy')).toBe(true);
    expect(fuzzyMatch('hsc', 'crashy')).toBe(false);
  });

  test('tiers: exact, prefix, substring, then fuzzy', () => {
    const matches = new NameIndex(['web', 'web-7d9f', 'lab-web-x', 'orders-worker-6785b']).find(['web']);
    expect(matches.get('web')?.tier).toBe(EXACT);
    expect(matches.get('web-7d9f')?.tier).toBe(PREFIX);
    expect(matches.get('lab-web-x')?.tier).toBe(SUBSTRING);
    expect(matches.get('orders-worker-6785b')?.tier).toBe(FUZZY);
  });

  test('rankByName: best match first, the reported wrong matches last', () => {
    expect(rankByName(['orders-worker-6785b', 'lab-web-x', 'web-7d9f', 'web', 'cart'], 'web', (n) => n)).toEqual(['web', 'web-7d9f', 'lab-web-x', 'orders-worker-6785b']);
    expect(rankByName(['recommendation-7d6bc-zn9mq', 'oom', 'oom-killer'], 'oom', (n) => n)).toEqual(['oom', 'oom-killer', 'recommendation-7d6bc-zn9mq']);
  });
});
