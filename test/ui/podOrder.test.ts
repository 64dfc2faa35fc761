import { describe, expect, test } from 'vitest';
import { filterPods, sortLabel, sortPods } from '../../src/ui/podOrder.js';
import { podList, renamed } from './helpers/pods.js';

const lab = podList('pods/lab-list.json');
const states = podList('pods/states-list.json');
const names = (pods: readonly { metadata?: { name?: string } }[]) => pods.map((p) => p.metadata?.name);

describe('sortPods', () => {
  test('by name is namespace, then name', () => {
    expect(names(sortPods([...states, ...lab].reverse()))).toEqual([
      'badimage', 'badpull', 'crashy', 'duo', 'initwait', 'web',
      'done-err', 'done-ok', 'flaky-once', 'initfail', 'noshell', 'notready', 'oom', 'slowstop', 'unsched',
    ]);
  });

  test('by age puts the youngest first', () => {
    const sorted = sortPods(states, { key: 'age', reverse: false });
    const created = sorted.map((p) => Date.parse(String(p.metadata?.creationTimestamp)));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(sortPods(states, { key: 'age', reverse: true })).toEqual([...sorted].reverse());
  });

  test('by restarts puts the most restarted first', () => {
    expect(names(sortPods(lab, { key: 'restarts', reverse: false })).slice(0, 1)).toEqual(['crashy']);
  });

  test('by status puts broken pods before healthy and completed ones', () => {
    const sorted = names(sortPods(states, { key: 'status', reverse: false }));
    expect(sorted.indexOf('oom')).toBeLessThan(sorted.indexOf('noshell'));
    expect(sorted.indexOf('noshell')).toBeLessThan(sorted.indexOf('done-ok'));
    expect(sorted[sorted.length - 1]).toBe('done-ok');
  });

  test('labels say the key and the direction', () => {
    expect(sortLabel({ key: 'name', reverse: false }, true)).toBe('name');
    expect(sortLabel({ key: 'age', reverse: false }, true)).toBe('age↓');
    expect(sortLabel({ key: 'restarts', reverse: true }, false)).toBe('restarts^');
  });
});

describe('filterPods', () => {
  test('fuzzy by name and by label', () => {
    expect(names(filterPods(lab, 'bd'))).toEqual(['badimage', 'badpull']);
    expect(names(filterPods(lab, 'app=web'))).toEqual(['web']);
    expect(names(filterPods(lab, 'app!=web,app!=duo'))).toEqual(['badimage', 'badpull', 'crashy', 'initwait']);
    const unlabelled = renamed(lab[0]!, 'plain');
    unlabelled.metadata = { ...unlabelled.metadata, labels: undefined };
    expect(names(filterPods([unlabelled], '!app'))).toEqual(['plain']);
    expect(filterPods(lab, '  ')).toBe(lab);
  });
});
