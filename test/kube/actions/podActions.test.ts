import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { podActionPermissions } from '../../../src/kube/access/accessReview.js';
import { deletePod, waitForPodGone } from '../../../src/kube/actions/deletePod.js';
import { readPodDescription, readRawPod } from '../../../src/kube/actions/podReads.js';
import { connectCluster, type ClusterSession } from '../../../src/kube/clusterSession.js';
import { listKubeContexts, loadClusterConfig } from '../../../src/kube/kubeconfig.js';
import { ListenError, PortForwarder, type ForwardEvent } from '../../../src/kube/portforward/portForwarder.js';
import { probePort } from '../../../src/kube/portforward/probePort.js';
import { httpGet } from '../../helpers/http.js';
import { eventually, handleCounts, handlesBackTo, startHarness, type Harness } from '../demoHarness.js';


describe('pod actions against the demo cluster', () => {
  let harness: Harness;
  let admin: ClusterSession;
  let viewer: ClusterSession;

  beforeAll(async () => {
    harness = await startHarness({ seed: 11, namespace: 'lab' });
    admin = await connectCluster(harness.config);
    viewer = await connectCluster(loadClusterConfig({ kubeconfig: harness.demo.kubeconfigPath, context: harness.demo.readonlyContextName, env: {}, home: harness.dir }));
    await eventually(async () => {
      const pod = await (await admin.coreApi()).readNamespacedPod({ namespace: 'lab', name: 'httpd' });
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.containerStatuses?.[0]?.state?.running).toBeDefined();
    }, 60_000);
  }, 90_000);

  afterAll(async () => {
    admin?.close();
    viewer?.close();
    await harness?.close();
  });

  it('lists the generated kubeconfig contexts: the admin one current, and a read-only one', () => {
    const contexts = listKubeContexts({ kubeconfig: harness.demo.kubeconfigPath, env: {}, home: harness.dir });
    expect(contexts.map((context) => [context.name, context.current, context.namespace])).toEqual([
      ['podscope-demo', true, 'lab'],
      ['podscope-demo-readonly', false, 'lab'],
    ]);
    expect(contexts[1]?.server).toBe(harness.demo.url);
  });

  it('reads the pod as the server sent it, and its describe input with events selected by uid', async () => {
    const raw = await readRawPod(admin, 'lab', 'httpd');
    expect((raw['metadata'] as Record<string, unknown>)['name']).toBe('httpd');
    const { pod, events } = await readPodDescription(admin, 'lab', 'httpd');
    expect(pod.metadata?.uid).toBe((raw['metadata'] as Record<string, unknown>)['uid']);
    expect(events?.length).toBeGreaterThan(0);
    expect(events?.every((event) => event.involvedObject.uid === pod.metadata?.uid)).toBe(true);
    await expect(readRawPod(admin, 'lab', 'nosuchpod')).rejects.toThrow('pods "nosuchpod" not found');
  });

  it('answers the access review for delete and port-forward: the admin may, the viewer may not and says why', async () => {
    expect(await podActionPermissions(admin, 'lab')).toEqual({ deletePod: { allowed: true }, portForward: { allowed: true } });
    const denied = await podActionPermissions(viewer, 'lab');
    expect(denied.deletePod).toEqual({ allowed: false, reason: 'cannot delete pods in namespace lab' });
    expect(denied.portForward).toEqual({ allowed: false, reason: 'cannot get pods/portforward in namespace lab' });
  });

  it('deletes gracefully (Terminating, the grace period the server gave), refuses a replaced uid, and waits until gone', async () => {
    await expect(deletePod(admin, { namespace: 'lab', name: 'duo', uid: 'not-this-one' })).rejects.toThrow('was replaced by a new pod of the same name; nothing was deleted');
    const duo = await (await admin.coreApi()).readNamespacedPod({ namespace: 'lab', name: 'duo' });
    const result = await deletePod(admin, { namespace: 'lab', name: 'duo', uid: duo.metadata?.uid });
    expect(result).toEqual({ gone: false, gracePeriodSeconds: 2, uid: duo.metadata?.uid });
    await waitForPodGone(admin, { namespace: 'lab', name: 'duo', uid: duo.metadata?.uid, signal: AbortSignal.timeout(30_000) });
    await expect((await admin.coreApi()).readNamespacedPod({ namespace: 'lab', name: 'duo' })).rejects.toMatchObject({ code: 404 });
  });

  it('kills with grace 0 at once, and reports a missing or forbidden pod in one line', async () => {
    expect(await deletePod(admin, { namespace: 'lab', name: 'badimage', gracePeriodSeconds: 0 })).toMatchObject({ gone: true });
    await expect(deletePod(admin, { namespace: 'lab', name: 'badimage' })).rejects.toMatchObject({ name: 'DeleteError', message: 'pods "badimage" not found', status: 404 });
    await expect(deletePod(viewer, { namespace: 'lab', name: 'web' })).rejects.toThrow('pods "web" is forbidden: User "viewer" cannot delete resource "pods"');
  });

  it('forwards a local port to the pod: one WebSocket per connection, bytes and connections counted', async () => {
    const before = handleCounts();
    const events: ForwardEvent[] = [];
    const forwarder = await PortForwarder.start(admin.kubeConfig, { namespace: 'lab', pod: 'httpd', mappings: [{ local: 0, remote: 8080 }] }, (event) => events.push(event));
    const local = forwarder.stats().listeners[0]?.local ?? 0;
    expect(local).toBeGreaterThan(0);
    expect(forwarder.stats().listeners.map((listener) => listener.local)).toEqual(forwarder.stats().listeners.map(() => local));
    for (let i = 0; i < 2; i++) expect(await httpGet(local)).toEqual({ status: 200, body: 'podscope-lab-httpd-ok\n' });
    await eventually(() => expect(forwarder.stats()).toMatchObject({ connections: 2, active: 0, errors: 0, state: 'active' }));
    expect(forwarder.stats().bytesOut).toBeGreaterThan(44);
    expect(events.filter((event) => event.kind === 'connection')).toHaveLength(2);
    await forwarder.stop();
    expect(await forwarder.ended).toBe('stopped');
    await expect(httpGet(local)).rejects.toThrow();
    await handlesBackTo(before);
  });

  it('finished connections leave no socket or timer behind (a half-closed client included)', async () => {
    const forwarder = await PortForwarder.start(admin.kubeConfig, { namespace: 'lab', pod: 'httpd', mappings: [{ local: 0, remote: 8080 }], addresses: ['127.0.0.1'] });
    const local = forwarder.stats().listeners[0]?.local ?? 0;
    const before = handleCounts();
    // The pod answers and closes first; the client's FIN comes after the stream is gone.
    expect(await httpGet(local)).toEqual({ status: 200, body: 'podscope-lab-httpd-ok\n' });
    // This one ends its side only a moment after the forward has closed the pod's side.
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect({ port: local, host: '127.0.0.1', allowHalfOpen: true }, () => socket.write('GET / HTTP/1.0\r\n\r\n'));
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => setTimeout(() => socket.end(), 100));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer.endsWith('podscope-lab-httpd-ok\n')).toBe(true);
    await eventually(() => expect(forwarder.stats()).toMatchObject({ active: 0, connections: 2 }));
    // Still forwarding: nothing of the two finished connections may keep the process alive.
    await handlesBackTo(before, 5_000);
    await forwarder.stop();
  });

  it('refuses a local port in use with one line and listens on nothing', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      await expect(PortForwarder.start(admin.kubeConfig, { namespace: 'lab', pod: 'httpd', mappings: [{ local: port, remote: 8080 }], addresses: ['127.0.0.1'] })).rejects.toThrow(
        new ListenError(`unable to listen on 127.0.0.1:${port}: address already in use`),
      );
    } finally {
      busy.close();
    }
  });

  it('probes a port nobody declares: refused with the kubelet words, or listening', async () => {
    const refused = await probePort(admin.kubeConfig, { namespace: 'lab', pod: 'httpd', port: 9999 });
    expect(refused).toMatchObject({ listening: false });
    expect(refused.listening === false && refused.message).toContain('connect: connection refused');
    expect(await probePort(admin.kubeConfig, { namespace: 'lab', pod: 'httpd', port: 8080 })).toEqual({ listening: true });
  });

  it('counts a connection the pod refuses as an error and keeps forwarding', async () => {
    const forwarder = await PortForwarder.start(admin.kubeConfig, { namespace: 'lab', pod: 'httpd', mappings: [{ local: 0, remote: 9999 }] });
    const local = forwarder.stats().listeners[0]?.local ?? 0;
    await expect(httpGet(local)).rejects.toThrow();
    await eventually(() => expect(forwarder.stats()).toMatchObject({ errors: 1, state: 'active' }));
    expect(forwarder.stats().lastError).toContain('error forwarding port 9999');
    await forwarder.stop();
  });

  it('says it is reconnecting when the API server goes away and recovers when it is back', async () => {
    const events: ForwardEvent[] = [];
    const forwarder = await PortForwarder.start(admin.kubeConfig, { namespace: 'lab', pod: 'httpd', mappings: [{ local: 0, remote: 8080 }], retryMs: 100 }, (event) => events.push(event));
    const local = forwarder.stats().listeners[0]?.local ?? 0;
    await harness.demo.stop();
    await expect(httpGet(local)).rejects.toThrow();
    await eventually(() => expect(forwarder.stats().state).toBe('reconnecting'));
    await harness.demo.restart();
    await eventually(() => expect(forwarder.stats().state).toBe('active'), 30_000);
    expect(events.map((event) => event.kind)).toEqual(expect.arrayContaining(['reconnecting', 'reconnected']));
    expect((await httpGet(local)).body).toBe('podscope-lab-httpd-ok\n');
    await forwarder.stop();
  });

  it('ends when its pod is gone', async () => {
    const forwarder = await PortForwarder.start(admin.kubeConfig, { namespace: 'lab', pod: 'httpd', mappings: [{ local: 0, remote: 8080 }] });
    const local = forwarder.stats().listeners[0]?.local ?? 0;
    await deletePod(admin, { namespace: 'lab', name: 'httpd', gracePeriodSeconds: 0 });
    await expect(httpGet(local)).rejects.toThrow();
    expect(await forwarder.ended).toBe('pod lab/httpd is gone');
    expect(forwarder.stats().state).toBe('ended');
  });
});
