import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpBody } from '../helpers/http.js';
import type { JsonObject } from '../../src/demo/apiTypes.js';
import { startDemoCluster, type DemoCluster } from '../../src/demo/index.js';
import { connectFromOptions, type Connection } from '../../src/cli/connect.js';
import { createPodActionServices } from '../../src/cli/tui/actionServices.js';
import { contextServices } from '../../src/cli/tui/contextSwitch.js';
import { ForwardRegistry } from '../../src/cli/tui/forwardServices.js';
import type { ClusterInfo } from '../../src/ui/services.js';

let demo: DemoCluster;
let connection: Connection;
let dir: string;
const previousState = process.env['XDG_STATE_HOME'];

function running(namespace: string, name: string): boolean {
  const statuses = (((demo.store.get({ resource: 'pods', namespace, name })?.['status'] as JsonObject | undefined)?.['containerStatuses'] ?? []) as JsonObject[]);
  return statuses.length > 0 && statuses.every((status) => (status['state'] as JsonObject | undefined)?.['running'] !== undefined);
}


beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'podscope-tui-services-'));
  process.env['XDG_STATE_HOME'] = join(dir, 'state');
  demo = await startDemoCluster({ namespace: 'lab', seed: 4 });
  // One more context whose cluster does not answer.
  const kubeconfig = readFileSync(demo.kubeconfigPath, 'utf8')
    .replace('clusters:\n', 'clusters:\n- name: "gone"\n  cluster:\n    server: "https://127.0.0.1:1"\n')
    .replace('contexts:\n', 'contexts:\n- name: "unreachable"\n  context:\n    cluster: "gone"\n    user: "podscope-demo-admin"\n');
  writeFileSync(join(dir, 'kubeconfig'), kubeconfig, { mode: 0o600 });
  connection = await connectFromOptions({ kubeconfig: join(dir, 'kubeconfig'), seed: 1, speed: 1 });
  const deadline = Date.now() + 60_000;
  while (!running('lab', 'httpd')) {
    if (Date.now() > deadline) throw new Error('lab/httpd never ran');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 90_000);

afterAll(async () => {
  await connection?.close();
  await demo?.close();
  if (previousState === undefined) delete process.env['XDG_STATE_HOME'];
  else process.env['XDG_STATE_HOME'] = previousState;
  rmSync(dir, { recursive: true, force: true });
});

describe('the explorer’s action services', () => {
  it('describe and YAML are cleaned at the boundary; s saves the raw YAML', async () => {
    demo.store.update({ resource: 'pods', namespace: 'lab', name: 'httpd' }, (pod) => {
      (pod['metadata'] as JsonObject)['annotations'] = { note: 'hi\u001b]0;pwned\u0007\u001b[2Jthere' };
    });
    const services = createPodActionServices(connection.session, { canChange: true, directory: dir });
    const signal = new AbortController().signal;
    const described = await services.describe({ namespace: 'lab', name: 'httpd' }, signal);
    const note = described.find((line) => line.includes('note:')) ?? '';
    expect(note).toContain('note: hi^[]0;pwned^G^[[2Jthere');
    for (const line of described) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    const yaml = await services.yaml({ namespace: 'lab', name: 'httpd' }, { showManagedFields: false }, signal);
    for (const line of yaml.lines) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    const path = await yaml.save();
    expect(path).toBe(join(dir, 'lab-httpd.yaml'));
    const saved = parse(readFileSync(path, 'utf8'), { version: '1.1' }) as { metadata: { annotations: Record<string, string> } };
    expect(saved.metadata.annotations['note']).toBe('hi\u001b]0;pwned\u0007\u001b[2Jthere');
  });

  it('--readonly leaves remove out; delete and kill report how they went', async () => {
    expect(createPodActionServices(connection.session, { canChange: false, directory: dir }).remove).toBeUndefined();
    const services = createPodActionServices(connection.session, { canChange: true, directory: dir });
    expect(await services.remove?.({ namespace: 'lab', name: 'duo' }, 'delete')).toEqual({ gone: false, gracePeriodSeconds: 2 });
    expect(await services.remove?.({ namespace: 'lab', name: 'badimage' }, 'kill')).toEqual({ gone: true });
    await expect(services.remove?.({ namespace: 'lab', name: 'badimage' }, 'kill')).rejects.toThrow('pods "badimage" not found');
  });

  it('the forward registry starts, lists, serves and stops forwards, and refuses a pod that does not listen', async () => {
    const registry = new ForwardRegistry(connection.session);
    let changes = 0;
    const unsubscribe = registry.subscribe(() => (changes += 1));
    const view = await registry.start({ pod: { namespace: 'lab', name: 'httpd' }, remote: 8080, local: 0 });
    expect(view).toMatchObject({ namespace: 'lab', pod: 'httpd', remote: 8080, state: 'active' });
    expect(await httpBody(view.local)).toBe('podscope-lab-httpd-ok\n');
    await expect(registry.start({ pod: { namespace: 'lab', name: 'httpd' }, remote: 9999, local: 0 })).rejects.toThrow('pod lab/httpd does not listen on port 9999; it declares 8080/TCP (http)');
    await expect(registry.start({ pod: { namespace: 'lab', name: 'nosuchpod' }, remote: 80, local: 0 })).rejects.toThrow('pods "nosuchpod" not found');
    await registry.stop(view.id);
    expect(registry.list()).toMatchObject([{ id: view.id, state: 'ended', endReason: 'stopped', connections: 1 }]);
    expect(changes).toBeGreaterThan(0);
    unsubscribe();
    const audit = readFileSync(join(dir, 'state', 'podscope', 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"kind":"port-forward"');
  });
});

describe('context switching', () => {
  it('lists the contexts, refuses an unreachable cluster in one line and stays, and switches to a working one', async () => {
    const swaps: string[] = [];
    const contexts = contextServices(connection, async (next) => {
      connection.use(next.session);
      swaps.push(next.session.contextName);
      const info: ClusterInfo = { contextName: next.session.contextName, server: next.session.server, user: next.session.user, namespace: next.session.namespace, allNamespaces: false, readonly: false };
      expect(next.initialState(info).message?.text).toBe(`switched to context ${demo.readonlyContextName} (user podscope-demo-viewer, namespace lab)`);
    });
    expect(contexts.list().map((context) => [context.name, context.active])).toEqual([
      ['unreachable', false],
      ['podscope-demo', true],
      ['podscope-demo-readonly', false],
    ]);
    await expect(contexts.switchTo('unreachable')).rejects.toThrow('cannot reach https://127.0.0.1:1: connection refused');
    expect(connection.session.contextName).toBe('podscope-demo');
    await expect(contexts.switchTo('podscope-demo')).rejects.toThrow('already on context podscope-demo');
    await expect(contexts.switchTo('nope')).rejects.toThrow('context "nope" not found in kubeconfig (available: unreachable, podscope-demo, podscope-demo-readonly)');
    await contexts.switchTo(demo.readonlyContextName);
    expect(swaps).toEqual([demo.readonlyContextName]);
    expect(connection.session.user).toBe('podscope-demo-viewer');
    expect(contexts.list().find((context) => context.active)?.name).toBe(demo.readonlyContextName);
  });
});
