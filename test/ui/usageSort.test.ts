import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/apiObjects.js';
import { p } from '../../src/model/printable.js';
import type { PodUsage, UsageState } from '../../src/model/usage.js';
import { commandForKey, helpGroups } from '../../src/ui/keymap.js';
import { PodListModel } from '../../src/ui/podList.js';
import { sortLabel } from '../../src/ui/podOrder.js';
import { initialUiState, uiReducer } from '../../src/ui/state.js';
import { planUsageColumns, usageCellsFor, usageRowText } from '../../src/ui/usageColumns.js';
import { podList } from './helpers/pods.js';

const lab = podList('pods/lab-list.json');
const MiB = 2 ** 20;

function usage(values: Record<string, [number, number]>): UsageState {
  const pods = new Map<string, PodUsage>();
  for (const [name, [cpuMillis, mib]] of Object.entries(values)) pods.set(`lab/${name}`, { namespace: 'lab', name, containers: [{ name: 'c', cpuMillis, memoryBytes: mib * MiB }] });
  return { kind: 'live', source: 'metrics.k8s.io', pods, atMs: 0 };
}

const names = (pods: readonly Pod[]) => pods.map((p) => p.metadata?.name);

describe('sorting by usage', () => {
  it('C and M are global keys listed in the help', () => {
    expect(commandForKey('C')).toBe('sort.cpu');
    expect(commandForKey('M', 'tree')).toBe('sort.memory');
    const everywhere = helpGroups().find((g) => g.title === 'Everywhere');
    expect(everywhere?.bindings.map((b) => b.command)).toEqual(expect.arrayContaining(['sort.cpu', 'sort.memory']));
  });

  it('sort.by picks the key; asked again, reverses', () => {
    let state = initialUiState({ namespace: 'lab' });
    state = uiReducer(state, { type: 'sort.by', key: 'cpu' });
    expect(state.sort).toEqual({ key: 'cpu', reverse: false });
    state = uiReducer(state, { type: 'sort.by', key: 'cpu' });
    expect(state.sort).toEqual({ key: 'cpu', reverse: true });
    state = uiReducer(state, { type: 'sort.by', key: 'memory' });
    expect(state.sort).toEqual({ key: 'memory', reverse: false });
    expect(sortLabel(state.sort, false)).toBe('memv');
  });

  it('busiest first, pods without a sample last; a new poll re-sorts the same rows', () => {
    const model = new PodListModel();
    const first = usage({ web: [5, 40], duo: [50, 10], crashy: [20, 80] });
    const byCpu = model.view(lab, { key: 'cpu', reverse: false }, '', 'ns:lab', first);
    expect(names(byCpu.pods).slice(0, 3)).toEqual(['duo', 'crashy', 'web']);
    expect(names(model.view(lab, { key: 'memory', reverse: false }, '', 'ns:lab', first).pods).slice(0, 3)).toEqual(['crashy', 'web', 'duo']);
    const next = usage({ web: [90, 40], duo: [50, 10], crashy: [20, 80] });
    const again = model.view(lab, { key: 'cpu', reverse: false }, '', 'ns:lab', next);
    expect(names(again.pods).slice(0, 3)).toEqual(['web', 'duo', 'crashy']);
    expect(again.usage).toBe(next);
  });

  it('sorted by name, a new poll keeps the order and only carries the values', () => {
    const model = new PodListModel();
    const a = model.view(lab, { key: 'name', reverse: false }, '', 'ns:lab', usage({ web: [1, 1] }));
    const next = usage({ web: [2, 1] });
    const b = model.view(lab, { key: 'name', reverse: false }, '', 'ns:lab', next);
    expect(b.pods).toBe(a.pods);
    expect(b.usage).toBe(next);
  });
});

describe('the CPU and MEM columns', () => {
  it('take only spare room, MEM first to go; no columns while usage is not live', () => {
    const cells = usageCellsFor(lab, usage({ web: [5, 40] }))!;
    expect(planUsageColumns(40, cells).map((c) => c.id)).toEqual(['cpu', 'memory']);
    expect(planUsageColumns(12, cells).map((c) => c.id)).toEqual(['cpu']);
    expect(planUsageColumns(5, cells)).toEqual([]);
    expect(usageCellsFor(lab, { kind: 'unavailable', reason: 'x' })).toBeUndefined();
    const web = lab.findIndex((p) => p.metadata?.name === 'web');
    expect(usageRowText(cells[web], planUsageColumns(40, cells), p`~`)).toMatch(/^ {2}5m\s+ {2}40Mi\s*$/);
  });
});
