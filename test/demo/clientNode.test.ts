import { ApiException, CoreV1Api, KubeConfig, Watch, type V1Pod } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { eventually, janeToken, kubeConfigFor, pod, startTestServer, type TestServer } from './helpers.js';

// @kubernetes/client-node against the demo API server over real sockets (not mocked).

describe('client-node against the API server', () => {
  let t: TestServer;
  let api: CoreV1Api;

  beforeEach(async () => {
    t = await startTestServer();
    api = kubeConfigFor(t.server).makeApiClient(CoreV1Api);
  });

  afterEach(async () => {
    await t.close();
  });

  it('lists, pages, reads and deletes pods through CoreV1Api', async () => {
    t.store.create('pods', pod('lab', 'web', { nodeName: 'vm', phase: 'Running', grace: 3 }));
    t.store.create('pods', pod('lab', 'crashy', { nodeName: 'vm', phase: 'Running' }));
    t.store.create('pods', pod('states', 'unsched'));

    const lab = await api.listNamespacedPod({ namespace: 'lab' });
    expect(lab.items.map((p) => p.metadata?.name)).toEqual(['crashy', 'web']);
    expect(lab.metadata?.resourceVersion).toBe(t.store.resourceVersion());

    const first = await api.listPodForAllNamespaces({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.metadata?.remainingItemCount).toBe(1);
    const rest = await api.listPodForAllNamespaces({ limit: 2, _continue: first.metadata?._continue });
    expect(rest.items.map((p) => p.metadata?.name)).toEqual(['unsched']);

    const web = await api.readNamespacedPod({ namespace: 'lab', name: 'web' });
    expect(web.metadata?.uid).toBe((t.store.get({ resource: 'pods', namespace: 'lab', name: 'web' })?.['metadata'] as JsonObject)['uid']);
    expect(web.metadata?.creationTimestamp).toBeInstanceOf(Date);

    const deleted = await api.deleteNamespacedPod({ namespace: 'lab', name: 'web' });
    expect((deleted as V1Pod).metadata?.deletionGracePeriodSeconds).toBe(3);
    await api.deleteNamespacedPod({ namespace: 'states', name: 'unsched' });
    expect(t.store.get({ resource: 'pods', namespace: 'states', name: 'unsched' })).toBeUndefined();
  });

  it('surfaces 404 and 403 as ApiException with the Status body', async () => {
    const missing = await api.readNamespacedPod({ namespace: 'lab', name: 'nosuchpod' }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ApiException);
    expect((missing as ApiException<string>).code).toBe(404);
    const jane = kubeConfigFor(t.server, janeToken).makeApiClient(CoreV1Api);
    const forbidden = await jane.listNamespace().catch((error: unknown) => error);
    expect((forbidden as ApiException<string>).code).toBe(403);
    expect(String((forbidden as ApiException<string>).body)).toContain('cannot list resource \\"namespaces\\"');
  });

  it('streams watch events to client-node’s Watch, from a resourceVersion', async () => {
    t.store.create('pods', pod('lab', 'web'));
    const from = t.store.resourceVersion();
    const seen: string[] = [];
    let done = false;
    const controller = await new Watch(kubeConfigFor(t.server)).watch(
      '/api/v1/namespaces/lab/pods',
      { resourceVersion: from, allowWatchBookmarks: true },
      (phase, object: { metadata?: { name?: string } }) => seen.push(`${phase} ${object.metadata?.name ?? ''}`),
      () => {
        done = true;
      },
    );
    t.store.create('pods', pod('lab', 'db'));
    t.store.remove({ resource: 'pods', namespace: 'lab', name: 'web' });
    await eventually(() => expect(seen).toEqual(['ADDED db', 'DELETED web']));
    controller.abort();
    await eventually(() => expect(done).toBe(true));
  });
});

describe('startDemoCluster', () => {
  let demo: DemoCluster | undefined;

  afterEach(async () => {
    await demo?.close();
    demo = undefined;
  });

  it('writes a kubeconfig client-node can use as is, trusting the server certificate', async () => {
    demo = await startDemoCluster({ namespace: 'lab' });
    expect(demo.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const config = new KubeConfig();
    config.loadFromFile(demo.kubeconfigPath);
    expect(config.getCurrentContext()).toBe('podscope-demo');
    expect(config.getContextObject('podscope-demo')?.namespace).toBe('lab');
    expect(config.getCurrentCluster()?.skipTLSVerify).toBe(false);
    const api = config.makeApiClient(CoreV1Api);
    const namespaces = await api.listNamespace();
    expect(namespaces.items.map((n) => n.metadata?.name)).toEqual(expect.arrayContaining(['default', 'kube-system', 'lab']));
  });

  it('stops and restarts on the same port with the same state, and close() removes its temp kubeconfig', async () => {
    demo = await startDemoCluster();
    const { existsSync, statSync } = await import('node:fs');
    expect(statSync(demo.kubeconfigPath).mode & 0o777).toBe(0o600);
    const config = new KubeConfig();
    config.loadFromFile(demo.kubeconfigPath);
    const api = config.makeApiClient(CoreV1Api);
    demo.store.create('pods', pod('default', 'web'));
    await demo.stop();
    await expect(api.listNamespacedPod({ namespace: 'default' })).rejects.toThrow();
    await demo.restart();
    expect((await api.listNamespacedPod({ namespace: 'default' })).items.map((p) => p.metadata?.name)).toEqual(['web']);
    const path = demo.kubeconfigPath;
    await demo.close();
    demo = undefined;
    expect(existsSync(path)).toBe(false);
  });
});
