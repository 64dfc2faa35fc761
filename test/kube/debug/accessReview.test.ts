import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_CACHE_TTL_MS, canI, debugPermissions, streamVerbs } from '../../../src/kube/access/accessReview.js';
import { connectCluster, type ClusterSession } from '../../../src/kube/clusterSession.js';
import { configFor, startHarness, type Harness } from '../demoHarness.js';

describe('access reviews against the demo cluster', () => {
  let harness: Harness;
  let admin: ClusterSession;
  let jane: ClusterSession;
  let attacher: ClusterSession;

  beforeAll(async () => {
    harness = await startHarness({
      withoutControlPlane: true,
      namespace: 'lab',
      extraUsers: [
        { token: 'jane-token', name: 'jane', rules: [{ verbs: ['get', 'list', 'watch'], resources: ['pods'], namespaces: ['lab'] }] },
        { token: 'att-token', name: 'att', rules: [{ verbs: ['get'], resources: ['pods/attach', 'pods/exec'], namespaces: ['lab'] }] },
      ],
    });
    admin = await connectCluster(harness.config);
    jane = await connectCluster(configFor(harness, { token: 'jane-token', user: 'jane', context: 'jane', namespace: 'lab' }));
    attacher = await connectCluster(configFor(harness, { token: 'att-token', user: 'att', context: 'att', namespace: 'lab' }));
  });

  afterAll(async () => {
    for (const session of [admin, jane, attacher]) session?.close();
    await harness.close();
  });

  it('answers allowed for the admin and denied for a read-only user', async () => {
    const question = { namespace: 'lab', verb: 'patch', resource: 'pods', subresource: 'ephemeralcontainers' };
    expect(await canI(admin, question)).toEqual({ allowed: true });
    expect((await canI(jane, question)).allowed).toBe(false);
    expect(await canI(jane, { namespace: 'lab', verb: 'list', resource: 'pods' })).toEqual({ allowed: true });
    expect((await canI(jane, { namespace: 'other', verb: 'list', resource: 'pods' })).allowed).toBe(false);
  });

  it('caches an answer per session and question for five minutes', async () => {
    let clock = 1_000;
    const now = () => clock;
    const question = { namespace: 'lab', verb: 'delete', resource: 'pods' };
    const first = canI(jane, question, now);
    expect(canI(jane, question, now)).toBe(first);
    expect(canI(admin, question, now)).not.toBe(first);
    expect(canI(jane, { ...question, verb: 'get' }, now)).not.toBe(first);
    clock += ACCESS_CACHE_TTL_MS + 1;
    const later = canI(jane, question, now);
    expect(later).not.toBe(first);
    expect(await later).toEqual(await first);
  });

  it('sums up the debug actions: adding a container, attach and exec', async () => {
    expect(await debugPermissions(admin, 'lab')).toEqual({ addEphemeral: { allowed: true }, attach: { allowed: true }, exec: { allowed: true }, createPod: { allowed: true } });
    const denied = await debugPermissions(jane, 'lab');
    expect(denied.addEphemeral.allowed).toBe(false);
    expect(denied.addEphemeral.reason).toContain('pods/ephemeralcontainers');
    expect(denied.attach.allowed).toBe(false);
    // A stopped pod is debugged in a copy: that takes creating pods, which the read-only user may not.
    expect(denied.createPod.allowed).toBe(false);
    expect(denied.createPod.reason).toBe('cannot create pods in namespace lab');
    // The demo is a 1.24 server: a WebSocket attach is authorized as `get` only.
    expect(admin.serverVersion).toMatch(/^v1\.24\./);
    const streams = await debugPermissions(attacher, 'lab');
    expect(streams.attach).toEqual({ allowed: true });
    expect(streams.exec).toEqual({ allowed: true });
    expect(streams.addEphemeral.allowed).toBe(false);
    expect(streams.createPod.allowed).toBe(false);
  });

  it('also requires create for WebSocket streams on servers from 1.30 on', async () => {
    expect(streamVerbs('v1.24.1')).toEqual(['get']);
    expect(streamVerbs('v1.29.0+k3s1')).toEqual(['get']);
    expect(streamVerbs('v1.30.0')).toEqual(['get', 'create']);
    expect(streamVerbs('unknown')).toEqual(['get', 'create']);
    const newer = await debugPermissions({ kubeConfig: attacher.kubeConfig, serverVersion: 'v1.31.0' }, 'lab');
    expect(newer.attach.allowed).toBe(false);
    expect(newer.attach.reason).toContain('create pods/attach');
  });
});
