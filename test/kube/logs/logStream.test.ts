import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster, type ClusterSession } from '../../../src/kube/clusterSession.js';
import { RESTART_MARKER, type LogEvent } from '../../../src/kube/logs/logStream.js';
import { openPodLogs, type PodLogHandle, type PodLogRequest } from '../../../src/kube/logs/podLogSession.js';
import { eventually, startHarness, type Harness } from '../demoHarness.js';

describe('pod log streams against the demo cluster', () => {
  let harness: Harness;
  let session: ClusterSession;
  const handles: PodLogHandle[] = [];

  beforeAll(async () => {
    // Fast enough for crashy to crash and restart within a few real seconds.
    harness = await startHarness({ speed: 20, namespace: 'lab' });
    session = await connectCluster(harness.config);
  });

  afterAll(async () => {
    for (const handle of handles) handle.close();
    session?.close();
    await harness?.close();
  });

  const open = (request: Partial<PodLogRequest> & { pod: string; containers: string[] }): LogEvent[] => {
    const events: LogEvent[] = [];
    const full: PodLogRequest = { namespace: 'lab', previous: false, follow: true, tailLines: 500, ...request };
    handles.push(openPodLogs(session.kubeConfig, session, full, (batch) => events.push(...batch), { batchMs: 20, retryMs: 100, maxRetryMs: 400 }));
    return events;
  };
  const lines = (events: LogEvent[]) => events.flatMap((event) => (event.kind === 'line' ? [event] : []));

  it('follows crashy through a restart: a marker, the new instance, and no line twice', async () => {
    const events = open({ pod: 'crashy', containers: ['crashy'] });
    await eventually(() => {
      const marker = events.findIndex((event) => event.kind === 'marker' && event.text === RESTART_MARKER);
      expect(marker).toBeGreaterThanOrEqual(0);
      expect(events.slice(marker).some((event) => event.kind === 'line' && event.text === 'starting crashy')).toBe(true);
    }, 60_000);
    const seen = lines(events).map((line) => `${line.key} ${line.text}`);
    expect(new Set(seen).size).toBe(seen.length);
    const keys = lines(events).map((line) => line.key);
    expect([...keys].sort()).toEqual(keys);
    expect(lines(events).every((line) => !/^\d{4}-\d{2}-\d{2}T/.test(line.text))).toBe(true);
  });

  it('shows the server refusing a container that waits, in its own words, and keeps retrying', async () => {
    const events = open({ pod: 'initwait', containers: ['main'] });
    await eventually(() => {
      const problems = events.filter((event) => event.kind === 'problem');
      expect(problems.length).toBeGreaterThanOrEqual(2);
      expect(problems[0]).toMatchObject({ message: 'container "main" in pod "initwait" is waiting to start: PodInitializing' });
    }, 30_000);
  });

  it('previous of a container that never crashed ends with the server sentence', async () => {
    const events = open({ pod: 'web', containers: ['web'], previous: true });
    await eventually(() => expect(events.some((event) => event.kind === 'end')).toBe(true));
    expect(events.find((event) => event.kind === 'problem')).toMatchObject({ message: 'previous terminated container "web" in pod "web" not found' });
  });

  it('merges two containers by timestamp', async () => {
    const events = open({ pod: 'duo', containers: ['alpha', 'beta'], follow: false, tailLines: undefined });
    await eventually(() => expect(events.filter((event) => event.kind === 'end')).toHaveLength(2));
    const merged = lines(events);
    expect(new Set(merged.map((line) => line.container))).toEqual(new Set(['alpha', 'beta']));
    const keys = merged.map((line) => line.key);
    expect([...keys].sort()).toEqual(keys);
  });
});
