import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDebugServices, deleteCopy, type HandOverKind, type LaunchDetails, type TuiDebugServices } from '../../src/cli/tui/debugServices.js';
import { RecentImages } from '../../src/cli/tui/recentImages.js';
import { connectCluster } from '../../src/kube/clusterSession.js';
import { containerStatus } from '../../src/kube/debug/containerProgress.js';
import { DebugError } from '../../src/kube/debug/debugError.js';
import type { ContainerTarget, DebugProgressView, DebugRequest } from '../../src/ui/services.js';
import { startDebugHarness, type DebugHarness } from '../kube/debug/debugHarness.js';
import { configFor, eventually } from '../kube/demoHarness.js';

/** May create and watch pods but not delete them: a copy to delete is left behind. */
const NO_DELETE = { token: 'no-delete-token', name: 'no-delete', rules: [{ verbs: ['get', 'list', 'watch', 'create'], resources: '*' as const }] };

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
  let services: TuiDebugServices;
  let recent: RecentImages;
  const handOvers: HandOver[] = [];
  const stored = (name: string) => harness.demo.store.get({ resource: 'pods', namespace: 'states', name });

  beforeAll(async () => {
    harness = await startDebugHarness({ extraUsers: [NO_DELETE] });
    recent = new RecentImages(join(harness.dir, 'recent-images.json'));
    services = createDebugServices(harness.session, recent, (kind, target, details) => {
      handOvers.push({ kind, target, details });
      return Promise.resolve({ started: true });
    }, { auditPath: join(harness.dir, 'audit.jsonl') });
    await eventually(async () => {
      const done = await (await harness.session.coreApi()).readNamespacedPod({ namespace: 'states', name: 'done-ok' });
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

    const copy = await (await harness.session.coreApi()).readNamespacedPod({ namespace: 'states', name: 'done-ok-tui' });
    expect(copy.spec?.shareProcessNamespace).toBe(true);
    expect(copy.metadata?.labels ?? {}).toEqual({});
    expect(copy.spec?.containers.map((c) => c.name)).toEqual(['job', target.container]);
    expect(copy.spec?.containers.at(-1)).toMatchObject({ image: 'alpine:3.20', stdin: true, tty: true });
    expect(containerStatus(copy, target.container)?.state?.running).toBeDefined();
    // The original is untouched: a stopped pod gets no ephemeral container.
    const original = await (await harness.session.coreApi()).readNamespacedPod({ namespace: 'states', name: 'done-ok' });
    expect(original.spec?.ephemeralContainers ?? []).toEqual([]);

    // The waiting panel saw the debugger of the copy start.
    expect(progress[0]).toEqual({ container: '', phase: 'creating', events: [] });
    expect(progress.some((view) => view.container === target.container && view.phase === 'running')).toBe(true);
    expect(recent.list()[0]).toBe('alpine:3.20');

    services.attach(target);
    expect(handOvers.at(-1)).toEqual({ kind: 'attach', target, details: { image: 'alpine:3.20', profile: 'general', copy: { deleteAfter: true } } });

    // What the hand-over does once the session ends.
    expect(await services.deleteCopy(target)).toEqual({ namespace: 'states', name: 'done-ok-tui', deleted: true });
    await eventually(() => expect(stored('done-ok-tui')).toBeUndefined(), 30_000);
    expect(await deleteCopy(harness.session, target)).toEqual({ namespace: 'states', name: 'done-ok-tui', deleted: true });
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
    expect(error).toBeInstanceOf(DebugError);
    expect((error as DebugError).extra.copy).toEqual({ namespace: 'states', name: 'done-ok-stop', deleted: true });
    expect((error as DebugError).copyLeftBehind).toBe(false);
    await eventually(() => expect(stored('done-ok-stop')).toBeUndefined(), 30_000);
  }, 60_000);

  it('settle() waits for a stopped launch to delete its copy, as quitting the TUI does before closing the connection', async () => {
    const own = createDebugServices(harness.session, recent, () => Promise.resolve({ started: true }), { auditPath: join(harness.dir, 'audit.jsonl') });
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
    const gone = await (await harness.session.coreApi()).readNamespacedPod({ namespace: 'states', name: 'done-ok-quit' }).then(
      (pod) => pod.metadata?.deletionTimestamp !== undefined,
      () => true,
    );
    expect(gone).toBe(true);
  }, 60_000);

  it('a debugger that cannot start: a copy to keep stays and the line says so; one to delete goes', async () => {
    const image = 'registry.example/does-not-exist:1';
    const kept = await rejection(services.launch(copyRequest('done-ok-keep', false, { image }), () => undefined, new AbortController().signal));
    expect(kept.message).toContain('registry.example');
    // A debugger that failed to pull never runs: no offer to attach, only how to delete the copy.
    expect(kept.message).toMatch(/; copy done-ok-keep kept \(kubectl delete pod done-ok-keep -n states deletes it\)$/);
    expect(stored('done-ok-keep')).toBeDefined();

    const deleted = await rejection(services.launch(copyRequest('done-ok-gone', true, { image }), () => undefined, new AbortController().signal));
    expect(deleted.message).toMatch(/; copy done-ok-gone deleted$/);
    await eventually(() => expect(stored('done-ok-gone')).toBeUndefined(), 30_000);
    // An image that never ran is not offered as the next default.
    expect(recent.list()).not.toContain(image);
  }, 90_000);

  it('a name that is taken fails in one line and leaves that pod alone', async () => {
    const error = await rejection(services.launch(copyRequest('done-err', true), () => undefined, new AbortController().signal));
    expect(error.message).toBe('pod "done-err" already exists');
    expect(stored('done-err')).toBeDefined();
  });

  it('stopped while waiting for a copy to keep: says how to get back in with kubectl, not "can be attached later"', async () => {
    const controller = new AbortController();
    const launch = services.launch(
      copyRequest('done-ok-kept', false),
      (view) => {
        if (view.container !== '') controller.abort();
      },
      controller.signal,
    );
    const error = await rejection(launch);
    const container = /^stopped waiting for (debugger-[a-z0-9]{5});/.exec(error.message)?.[1];
    expect(container).toBeDefined();
    expect(error.message).toBe(
      `stopped waiting for ${container}; copy done-ok-kept kept (kubectl attach done-ok-kept -c ${container} -it -n states gets back in, kubectl delete pod done-ok-kept -n states deletes it)`,
    );
    expect(stored('done-ok-kept')).toBeDefined();
  }, 60_000);

  it('a copy that could not be deleted is a typed error naming the kubectl delete to run', async () => {
    const noDelete = await connectCluster(configFor(harness, { token: NO_DELETE.token, user: NO_DELETE.name, context: 'no-delete', namespace: 'states' }));
    try {
      const own = createDebugServices(noDelete, recent, () => Promise.resolve({ started: true }), { auditPath: join(harness.dir, 'audit.jsonl') });
      const controller = new AbortController();
      const launch = own.launch(
        copyRequest('done-ok-stuck', true),
        (view) => {
          if (view.container !== '') controller.abort();
        },
        controller.signal,
      );
      const error = await rejection(launch);
      expect(error).toBeInstanceOf(DebugError);
      expect((error as DebugError).copyLeftBehind).toBe(true);
      expect(error.message).toMatch(/^stopped waiting for debugger-[a-z0-9]{5}; could not delete copy done-ok-stuck: .+ \(kubectl delete pod done-ok-stuck -n states deletes it\)$/);
      expect(stored('done-ok-stuck')).toBeDefined();
    } finally {
      noDelete.close();
    }
  }, 60_000);

  it('exiting on a signal deletes the copies still to delete, and only those', async () => {
    const own = createDebugServices(harness.session, recent, () => Promise.resolve({ started: true }), { auditPath: join(harness.dir, 'audit.jsonl') });
    const toDelete = await own.launch(copyRequest('done-ok-hup', true), () => undefined, new AbortController().signal);
    const toKeep = await own.launch(copyRequest('done-ok-hup-keep', false), () => undefined, new AbortController().signal);
    // The shell in the copy is up (handed over) when SIGHUP arrives: the exit cleanup runs this.
    await own.deletePendingCopies(30_000);
    const gone = await (await harness.session.coreApi()).readNamespacedPod({ namespace: 'states', name: toDelete.pod }).then(
      (pod) => pod.metadata?.deletionTimestamp !== undefined,
      () => true,
    );
    expect(gone).toBe(true);
    const kept = await (await harness.session.coreApi()).readNamespacedPod({ namespace: 'states', name: toKeep.pod });
    expect(kept.metadata?.deletionTimestamp).toBeUndefined();
  }, 90_000);
});

describe('deleting a copy over a dead connection', () => {
  let server: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Accepts connections and never answers, like an API server behind a dropped link.
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('gives up after its bound and reports a failed delete instead of hanging', async () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'dead', server: `https://127.0.0.1:${address.port}`, skipTLSVerify: true }],
      users: [{ name: 'admin', token: 'x' }],
      contexts: [{ name: 'dead', cluster: 'dead', user: 'admin' }],
      currentContext: 'dead',
    });
    const outcome = await deleteCopy({ coreApi: async () => kubeConfig.makeApiClient(CoreV1Api) }, { namespace: 'states', pod: 'done-ok-debug' }, 1_000);
    expect(outcome).toEqual({ namespace: 'states', name: 'done-ok-debug', deleted: false, error: 'no answer from the API server in 1s' });
    expect(sockets.length).toBeGreaterThan(0);
  }, 60_000);
});
