import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDebugServices, deleteCopy, type HandOverKind, type LaunchDetails } from '../../src/cli/tui/debugServices.js';
import { RecentImages } from '../../src/cli/tui/recentImages.js';
import { containerStatus } from '../../src/kube/debug/containerProgress.js';
import type { ContainerTarget, DebugProgressView, DebugRequest, DebugServices } from '../../src/ui/services.js';
import { startDebugHarness, type DebugHarness } from '../kube/debug/debugHarness.js';
import { eventually } from '../kube/demoHarness.js';

interface HandOver {
  kind: HandOverKind;
  target: ContainerTarget;
  details: LaunchDetails | undefined;
}

const copyRequest = (name: string, deleteAfter: boolean, extra: Partial<DebugRequest> = {}): DebugRequest => ({
  namespace: 'states',
  pod: 'done-ok',
  image: 'busybox:1.36',
  profile: 'general',
  command: [],
  copy: { name, deleteAfter },
  ...extra,
});

function rejection(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the launch to fail');
    },
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
}

describe("the TUI's debug services: a copy of a stopped pod", () => {
  let harness: DebugHarness;
  let services: DebugServices;
  let recent: RecentImages;
  const handOvers: HandOver[] = [];
  const stored = (name: string) => harness.demo.store.get({ resource: 'pods', namespace: 'states', name });

  beforeAll(async () => {
    harness = await startDebugHarness();
    recent = new RecentImages(join(harness.dir, 'recent-images.json'));
    services = createDebugServices(harness.session, recent, (kind, target, details) => handOvers.push({ kind, target, details }));
    await eventually(async () => {
      const done = await harness.session.coreApi.readNamespacedPod({ namespace: 'states', name: 'done-ok' });
      expect(done.status?.phase).toBe('Succeeded');
    }, 60_000);
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('answers whether pods may be created, the right a copy needs', async () => {
    expect((await services.permissions('states')).copy).toEqual({ allowed: true });
  });

  it('creates the copy, resolves once its debugger runs, and hands it over as a copy to delete', async () => {
    const progress: DebugProgressView[] = [];
    const target = await services.launch(copyRequest('done-ok-tui', true, { image: 'alpine:3.20' }), (view) => progress.push(view), new AbortController().signal);
    expect(target).toEqual({ namespace: 'states', pod: 'done-ok-tui', container: expect.stringMatching(/^debugger-[a-z0-9]{5}$/) });

    const copy = await harness.session.coreApi.readNamespacedPod({ namespace: 'states', name: 'done-ok-tui' });
    expect(copy.spec?.shareProcessNamespace).toBe(true);
    expect(copy.metadata?.labels ?? {}).toEqual({});
    expect(copy.spec?.containers.map((c) => c.name)).toEqual(['job', target.container]);
    expect(copy.spec?.containers.at(-1)).toMatchObject({ image: 'alpine:3.20', stdin: true, tty: true });
    expect(containerStatus(copy, target.container)?.state?.running).toBeDefined();
    // The original is untouched: a stopped pod gets no ephemeral container.
    const original = await harness.session.coreApi.readNamespacedPod({ namespace: 'states', name: 'done-ok' });
    expect(original.spec?.ephemeralContainers ?? []).toEqual([]);

    // The waiting panel saw the debugger of the copy start.
    expect(progress[0]).toEqual({ container: '', phase: 'creating', events: [] });
    expect(progress.some((view) => view.container === target.container && view.phase === 'running')).toBe(true);
    expect(recent.list()[0]).toBe('alpine:3.20');

    services.attach(target);
    expect(handOvers.at(-1)).toEqual({ kind: 'attach', target, details: { image: 'alpine:3.20', profile: 'general', copy: { deleteAfter: true } } });

    // What the hand-over does once the session ends.
    expect(await deleteCopy(harness.session, target)).toEqual({ name: 'done-ok-tui', deleted: true });
    await eventually(() => expect(stored('done-ok-tui')).toBeUndefined(), 30_000);
    expect(await deleteCopy(harness.session, target)).toEqual({ name: 'done-ok-tui', deleted: true });
  }, 90_000);

  it('stopped while waiting: deletes a copy to delete before it rejects, and says so', async () => {
    const controller = new AbortController();
    const launch = services.launch(
      copyRequest('done-ok-stop', true),
      (view) => {
        if (view.container !== '') controller.abort();
      },
      controller.signal,
    );
    const error = await rejection(launch);
    expect(error.message).toMatch(/^stopped waiting for debugger-[a-z0-9]{5}; copy done-ok-stop deleted$/);
    await eventually(() => expect(stored('done-ok-stop')).toBeUndefined(), 30_000);
  }, 60_000);

  it('settle() waits for a stopped launch to delete its copy, as quitting the TUI does before closing the connection', async () => {
    const own = createDebugServices(harness.session, recent, () => undefined);
    await own.settle(1_000);
    const controller = new AbortController();
    const launch = own.launch(
      copyRequest('done-ok-quit', true),
      (view) => {
        if (view.container !== '') controller.abort();
      },
      controller.signal,
    );
    void launch.catch(() => undefined);
    await eventually(() => expect(controller.signal.aborted).toBe(true), 30_000);
    await own.settle(30_000);
    // Deleted already when settle() returns, not only eventually.
    const gone = await harness.session.coreApi.readNamespacedPod({ namespace: 'states', name: 'done-ok-quit' }).then(
      (pod) => pod.metadata?.deletionTimestamp !== undefined,
      () => true,
    );
    expect(gone).toBe(true);
  }, 60_000);

  it('a debugger that cannot start: a copy to keep stays and the line says so; one to delete goes', async () => {
    const image = 'registry.example/does-not-exist:1';
    const kept = await rejection(services.launch(copyRequest('done-ok-keep', false, { image }), () => undefined, new AbortController().signal));
    expect(kept.message).toContain('registry.example');
    expect(kept.message).toMatch(/; copy done-ok-keep kept$/);
    expect(stored('done-ok-keep')).toBeDefined();

    const deleted = await rejection(services.launch(copyRequest('done-ok-gone', true, { image }), () => undefined, new AbortController().signal));
    expect(deleted.message).toMatch(/; copy done-ok-gone deleted$/);
    await eventually(() => expect(stored('done-ok-gone')).toBeUndefined(), 30_000);
  }, 90_000);

  it('a name that is taken fails in one line and leaves that pod alone', async () => {
    const error = await rejection(services.launch(copyRequest('done-err', true), () => undefined, new AbortController().signal));
    expect(error.message).toBe('pod "done-err" already exists');
    expect(stored('done-err')).toBeDefined();
  });
});
