import { describe, expect, it } from 'vitest';
import { logViewHeader, type LogViewHeaderInput } from '../../src/model/logViewHeader.js';
import { p } from '../../src/model/printable.js';

const base: LogViewHeaderInput = {
  namespace: 'lab',
  pod: 'web-7d4b9c',
  containers: ['web'],
  previous: false,
  since: -1,
  tailLines: 100,
  paused: false,
  fresh: 0,
  ended: false,
  follow: true,
  filter: '',
  filterShown: () => {
    throw new Error('counted without a filter');
  },
  search: '',
  timestamps: false,
  wrap: false,
  counts: { received: 1234, dropped: 0, perSecond: 0 },
  separator: p` | `,
};

describe('logViewHeader', () => {
  it('says where, how, how many and which window, counting the filter only when there is one', () => {
    expect(logViewHeader(base)).toBe('lab/web-7d4b9c | web | following | 1,234 lines | tail 100');
    expect(logViewHeader({ ...base, filter: '!health', filterShown: () => 7, search: 'err', timestamps: true })).toBe(
      'lab/web-7d4b9c | web | following | filter !health (7 lines) | /err | 1,234 lines | tail 100 | timestamps',
    );
  });

  it('puts what stopped the flow first: paused, previous, exited, ended, scrolled', () => {
    expect(logViewHeader({ ...base, paused: true, fresh: 1 })).toContain('| paused, 1 new line |');
    expect(logViewHeader({ ...base, previous: true, paused: false })).toContain('| previous instance |');
    expect(logViewHeader({ ...base, finished: { exitCode: 137 }, ended: true })).toContain('| exited (exit code 137) |');
    expect(logViewHeader({ ...base, ended: true })).toContain('| ended |');
    expect(logViewHeader({ ...base, follow: false })).toContain('| scrolled |');
  });

  it('names the controller and its pods for a workload log, which never "ends"', () => {
    const header = logViewHeader({
      ...base,
      workload: { all: true },
      owner: { kind: 'ReplicaSet', name: 'web-7d4b9c' },
      members: { pods: 3, streams: 8, waiting: 2 },
      ended: true,
      since: 1,
      counts: { received: 2_000_000, dropped: 1_000_000, perSecond: 5000 },
    });
    expect(header).toBe('lab | ReplicaSet web-7d4b9c | 3 pods, 2 streams not followed (cap 8), all containers | following | 2,000,000 lines, 1,000,000 dropped | 5,000/s | since 1m');
  });

  it('cleans what the cluster named', () => {
    const header = logViewHeader({ ...base, pod: 'evil\x1b]0;pwned\x07', containers: ['c\x1b[2J'] });
    expect(header).not.toMatch(/\x1b/);
  });
});
