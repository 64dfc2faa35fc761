import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerProgress } from '../../../src/kube/debug/containerProgress.js';
import { DebugError } from '../../../src/kube/debug/debugError.js';
import { launchDebugContainer } from '../../../src/kube/debug/launchDebugContainer.js';
import { waitForContainer } from '../../../src/kube/debug/waitForContainer.js';
import { eventually } from '../demoHarness.js';
import { containerState, startDebugHarness, type DebugHarness } from './debugHarness.js';

async function failure(promise: Promise<unknown>): Promise<DebugError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DebugError) return error;
    throw error;
  }
  throw new Error('expected a DebugError');
}

describe('waiting for a debug container', () => {
  let harness: DebugHarness;

  beforeAll(async () => {
    harness = await startDebugHarness();
  }, 90_000);

  afterAll(async () => {
    await harness.close();
  });

  it('reports waiting snapshots with the container events until it runs', async () => {
    const { session } = harness;
    const launched = await launchDebugContainer(session, { namespace: 'lab', pod: 'web', image: 'busybox:1.36' });
    const seen: ContainerProgress[] = [];
    const running = await waitForContainer(session, { namespace: 'lab', pod: 'web', container: launched.container, onProgress: (p) => seen.push(p) });
    expect(running.phase).toBe('running');
    expect(running.container).toBe(launched.container);
    expect(seen[0]?.phase).toBe('waiting');
    expect(seen.at(-1)).toEqual(running);
    const reasons = seen.flatMap((p) => p.events.map((e) => e.reason));
    expect(reasons).toContain('Pulling');
    expect(seen.some((p) => p.reason === 'ContainerCreating' || p.reason === 'Pending')).toBe(true);
  });

  it('fails with the pull error event instead of hanging on a bad image', async () => {
    const { session } = harness;
    const image = 'registry.invalid/tools/does-not-exist:1.0';
    const launched = await launchDebugContainer(session, { namespace: 'lab', pod: 'web', image });
    const error = await failure(waitForContainer(session, { namespace: 'lab', pod: 'web', container: launched.container }));
    expect(error.kind).toBe('pullFailed');
    expect(error.message).toMatch(new RegExp(`^Failed to pull image "${image.replace(/\./g, '\\.')}": `));
  });

  it('times out saying the container stays, and stops on abort', async () => {
    const { session } = harness;
    // An unscheduled pod accepts the container, but no kubelet will ever start it.
    const launched = await launchDebugContainer(session, { namespace: 'states', pod: 'unsched', image: 'busybox:1.36' });
    const timedOut = await failure(waitForContainer(session, { namespace: 'states', pod: 'unsched', container: launched.container, timeoutMs: 1_500 }));
    expect(timedOut.kind).toBe('timeout');
    expect(timedOut.message).toBe(`${launched.container} is still not running after 1.5s; ${launched.container} stays in pod unsched and can be attached later`);

    const controller = new AbortController();
    const waiting = waitForContainer(session, { namespace: 'states', pod: 'unsched', container: launched.container, signal: controller.signal });
    controller.abort();
    const aborted = await failure(waiting);
    expect(aborted.kind).toBe('aborted');
    expect(aborted.message).toContain('can be attached later');
  });

  it('says so when the container exited before it could be attached', async () => {
    const { session } = harness;
    const launched = await launchDebugContainer(session, { namespace: 'lab', pod: 'web', image: 'busybox:1.36', command: ['sh', '-c', 'exit 4'], stdin: false, tty: false });
    await eventually(async () => expect((await containerState(session, 'lab', 'web', launched.container))?.terminated).toBeDefined(), 30_000);
    const error = await failure(waitForContainer(session, { namespace: 'lab', pod: 'web', container: launched.container }));
    expect(error.kind).toBe('terminated');
    expect(error.message).toContain(`${launched.container} exited with code 4 before it could be attached`);
  });

  it('says a missing pod is not found, or deleted where it had the container added a moment ago', async () => {
    const error = await failure(waitForContainer(harness.session, { namespace: 'lab', pod: 'nosuchpod', container: 'debugger-x', podExisted: false }));
    expect(error).toMatchObject({ kind: 'notFound', message: 'pods "nosuchpod" not found' });
    const deleted = await failure(waitForContainer(harness.session, { namespace: 'lab', pod: 'nosuchpod', container: 'debugger-x' }));
    expect(deleted).toMatchObject({ kind: 'notFound', message: 'pod nosuchpod was deleted' });
  });
});
