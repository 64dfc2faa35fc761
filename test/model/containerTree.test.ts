import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { podTree, renderTreeLines, type ContainerView, type TreeNode } from '../../src/model/containerTree.js';
import { clean as c } from '../../src/model/printable.js';
import { fixturePod } from './podFixtures.js';

const NOW = new Date('2026-11-23T09:16:40Z');
const at = (iso: string): number => Date.parse(iso);

function container(pod: V1Pod, name: string): ContainerView {
  const found = podTree(pod, NOW).containers.find((c) => c.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
}

function node(root: TreeNode, id: string): TreeNode {
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.id === id) return n;
    stack.push(...n.children);
  }
  throw new Error(`no node ${id}`);
}

function allIds(root: TreeNode): string[] {
  return [root.id, ...root.children.flatMap(allIds)];
}

const text = (n: TreeNode): string => n.label.map((p) => p.text).join(' ');

describe('podTree', () => {
  it('lab-initwait: pod details, conditions, then init containers with N/M and the waiting app container', () => {
    const tree = podTree(fixturePod('pods/lab-initwait.json'), NOW);
    expect(tree.root.children.map((c) => c.id)).toEqual(['pod/phase', 'pod/qos', 'pod/node', 'pod/ips', 'pod/start', 'pod/spec', 'conditions', 'init', 'containers']);
    expect(text(tree.root)).toBe('initwait Init:1/2 0/1 restarts 1');
    expect(tree.root.severity).toBe('progress');
    expect(text(node(tree.root, 'pod/node'))).toBe('node vm (192.0.2.2)');
    expect(text(node(tree.root, 'pod/ips'))).toBe('ip 10.88.0.9');
    expect(text(node(tree.root, 'pod/start'))).toBe('started 6m50s ago');
    expect(node(tree.root, 'init').children.map((c) => c.id)).toEqual(['container/init-ok', 'container/init-wait']);
    expect(tree.containers.map((c) => [c.name, c.kind, c.position, c.state.kind, c.severity])).toEqual([
      ['init-ok', 'init', { index: 1, total: 2 }, 'terminated', 'completed'],
      ['init-wait', 'init', { index: 2, total: 2 }, 'running', 'progress'],
      ['main', 'app', undefined, 'waiting', 'progress'],
    ]);
    expect(container(fixturePod('pods/lab-initwait.json'), 'init-ok').restartCount).toBe(1);
    const ready = node(tree.root, 'conditions/Initialized');
    expect(text(ready)).toBe('Initialized False ContainersNotInitialized containers with incomplete status: [init-wait] 6m50s ago');
    expect(ready.severity).toBe('warning');
  });

  it('states-initfail: the failing init container is an error with its last termination', () => {
    const pod = fixturePod('pods/states-initfail.json');
    const migrate = container(pod, 'migrate');
    expect(migrate.state).toEqual({ kind: 'terminated', reason: 'Error', exitCode: 1, startedAt: at('2026-11-23T09:16:06Z'), finishedAt: at('2026-11-23T09:16:06Z') });
    expect(migrate.lastTerminated).toMatchObject({ reason: 'Error', exitCode: 1, finishedAt: at('2026-11-23T09:15:37Z') });
    expect(migrate.restartCount).toBe(3);
    expect(migrate.severity).toBe('error');
    const tree = podTree(pod, NOW);
    expect(tree.root.severity).toBe('error');
    expect(node(tree.root, 'init').severity).toBe('error');
    expect(text(node(tree.root, 'container/migrate/last'))).toBe('last state terminated Error exit 1 63s ago ran 0s');
  });

  it('states-oom: OOMKilled exit 137 now and before, explained as SIGKILL', () => {
    const pod = fixturePod('pods/states-oom.json');
    const hog = container(pod, 'hog');
    expect(hog.state).toMatchObject({ kind: 'terminated', reason: 'OOMKilled', exitCode: 137 });
    expect(hog.lastTerminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137, finishedAt: at('2026-11-23T09:15:40Z') });
    const tree = podTree(pod, NOW);
    expect(text(node(tree.root, 'container/hog'))).toBe('hog container Terminated: OOMKilled restarts 3');
    expect(text(node(tree.root, 'container/hog/state'))).toBe('state terminated OOMKilled exit 137 (SIGKILL) 33s ago ran 0s');
    expect(text(node(tree.root, 'container/hog/last'))).toBe('last state terminated OOMKilled exit 137 (SIGKILL) 60s ago ran 0s');
    expect(text(node(tree.root, 'pod/qos'))).toBe('qos Burstable');
  });

  it('lab-crashy: terminated Error with nine restarts', () => {
    const crashy = container(fixturePod('pods/lab-crashy.json'), 'crashy');
    expect([crashy.state.kind, crashy.restartCount, crashy.ready, crashy.started, crashy.severity]).toEqual(['terminated', 9, false, false, 'error']);
    expect(crashy.image).toBe('busybox:latest');
    expect(crashy.resolvedImage).toBe('docker.io/library/busybox:latest');
    expect(crashy.imageID).toBe('sha256:ce50f85f7bacf5d4352a5aa523f958a82759d23470942b237950feb0e1b8484a');
  });

  it('lab-duo: two running ready app containers in spec order', () => {
    const tree = podTree(fixturePod('pods/lab-duo.json'), NOW);
    expect(tree.containers.map((c) => [c.name, c.kind, c.state.kind, c.ready, c.severity])).toEqual([
      ['alpha', 'app', 'running', true, 'ok'],
      ['beta', 'app', 'running', true, 'ok'],
    ]);
    expect(tree.root.severity).toBe('ok');
    expect(text(node(tree.root, 'container/alpha/state'))).toBe('state running since 3m38s ago');
  });

  it('lab-badpull: waiting ImagePullBackOff with the kubelet message', () => {
    const bad = container(fixturePod('pods/lab-badpull.json'), 'bad');
    expect(bad.state).toEqual({ kind: 'waiting', reason: 'ImagePullBackOff', message: 'Back-off pulling image "127.0.0.1:5999/lab/does-not-exist:1.0"' });
    expect(bad.severity).toBe('error');
    expect(bad.imageID).toBeUndefined();
  });

  it('noshell after `debug`: an ephemeral group with its target and running state', () => {
    const tree = podTree(fixturePod('ephemeral/noshell-after-add-pod.json'), NOW);
    expect(tree.root.children.map((c) => c.id).slice(-2)).toEqual(['containers', 'ephemeral']);
    const debuggerView = container(fixturePod('ephemeral/noshell-after-add-pod.json'), 'debugger-c798c');
    expect(debuggerView).toMatchObject({
      kind: 'ephemeral',
      targetContainerName: 'app',
      image: 'busybox:latest',
      resolvedImage: 'docker.io/library/busybox:latest',
      state: { kind: 'running', startedAt: at('2026-11-23T09:16:34Z') },
      severity: 'ok',
    });
    expect(text(node(tree.root, 'container/debugger-c798c/target'))).toBe('target app');
    expect(text(node(tree.root, 'container/debugger-c798c'))).toBe('debugger-c798c ephemeral Running');
  });

  it('done-ok after the pod finished: completed job, no ephemeral group', () => {
    const tree = podTree(fixturePod('ephemeral/done-ok-after-pod.json'), NOW);
    expect(tree.root.children.map((c) => c.id)).not.toContain('ephemeral');
    expect(tree.root.severity).toBe('completed');
    expect(container(fixturePod('ephemeral/done-ok-after-pod.json'), 'job')).toMatchObject({ state: { kind: 'terminated', reason: 'Completed', exitCode: 0 }, severity: 'completed' });
    expect(node(tree.root, 'conditions/Ready').severity).toBe('completed');
  });

  it('an ephemeral container added to a finished pod has no status and says so', () => {
    const tree = podTree(fixturePod('ephemeral/completed-pod-after-add.json'), NOW);
    const late = node(tree.root, 'container/debugger-late1');
    expect(late.container?.state).toEqual({ kind: 'none' });
    expect(late.severity).toBe('muted');
    expect(text(node(tree.root, 'container/debugger-late1/state'))).toBe('state not started (no status reported)');
  });

  it('puts sidecars in their own group between init and app containers', () => {
    const pod = fixturePod('pods/lab-initwait.json');
    pod.spec!.initContainers!.unshift({ name: 'proxy', image: 'envoy:1', restartPolicy: 'Always' });
    pod.status!.initContainerStatuses!.unshift({
      name: 'proxy', image: 'docker.io/library/envoy:1', imageID: '', ready: false, started: true, restartCount: 0,
      state: { running: { startedAt: new Date('2026-11-23T09:13:00Z') } },
    });
    const tree = podTree(pod, NOW);
    expect(tree.root.children.map((c) => c.id).slice(-3)).toEqual(['init', 'sidecars', 'containers']);
    const proxy = container(pod, 'proxy');
    expect([proxy.kind, proxy.position, proxy.severity]).toEqual(['sidecar', { index: 1, total: 3 }, 'warning']);
    expect(text(node(tree.root, 'container/proxy'))).toBe('proxy sidecar 1/3 Running not ready');
    expect(container(pod, 'init-wait').position).toEqual({ index: 3, total: 3 });
  });

  it('keeps ids unique and shows terminal escapes in messages as placeholders', () => {
    const pod = fixturePod('pods/states-oom.json');
    pod.status!.containerStatuses![0]!.state!.terminated!.message = 'bye\x1b]0;pwned\x07\n\x1b[2Jnext line';
    const tree = podTree(pod, NOW);
    const ids = allIds(tree.root);
    expect(new Set(ids).size).toBe(ids.length);
    const state = text(node(tree.root, 'container/hog/state'));
    expect(state).toContain('bye^[]0;pwned^G ^[[2Jnext line');
    expect(state).not.toMatch(/[\x00-\x1f]/);
  });

  it('falls back to status.podIP and lists several pod IPs', () => {
    const pod = fixturePod('pods/lab-web.json');
    delete pod.status!.podIPs;
    expect(text(node(podTree(pod, NOW).root, 'pod/ips'))).toBe('ip 10.88.0.11');
    pod.status!.podIPs = [{ ip: '10.88.0.11' }, { ip: 'fd00::11' }];
    expect(text(node(podTree(pod, NOW).root, 'pod/ips'))).toBe('ips 10.88.0.11, fd00::11');
  });
});

describe('renderTreeLines', () => {
  const leaf = (id: string): TreeNode => ({ id, kind: 'detail', label: [{ text: c(id), role: 'value' }], severity: 'muted', children: [] });
  const tree: TreeNode = {
    id: 'root', kind: 'pod', label: [{ text: c('root'), role: 'name' }, { text: c(''), role: 'dim' }, { text: c('Running'), role: 'state' }], severity: 'ok',
    children: [
      { ...leaf('a'), children: [leaf('a1'), { ...leaf('a2'), children: [leaf('a2x')] }] },
      { ...leaf('b'), children: [leaf('b1'), leaf('b2')] },
    ],
  };

  it('draws Unicode glyphs with continuation bars only where siblings follow', () => {
    const lines = renderTreeLines(tree, { ascii: false, collapsed: new Set() });
    expect(lines.map((l) => l.prefix + l.text)).toEqual([
      'root Running',
      '├─ a',
      '│  ├─ a1',
      '│  └─ a2',
      '│     └─ a2x',
      '└─ b',
      '   ├─ b1',
      '   └─ b2',
    ]);
    expect(lines.map((l) => l.depth)).toEqual([0, 1, 2, 2, 3, 1, 2, 2]);
  });

  it('draws ASCII glyphs', () => {
    const lines = renderTreeLines({ root: tree }, { ascii: true, collapsed: new Set() });
    expect(lines.map((l) => l.prefix + l.text)).toEqual(['root Running', '|- a', '|  |- a1', '|  `- a2', '|     `- a2x', '`- b', '   |- b1', '   `- b2']);
  });

  it('hides the children of collapsed nodes and marks them', () => {
    const lines = renderTreeLines(tree, { ascii: false, collapsed: new Set(['a', 'b1']) });
    expect(lines.map((l) => [l.id, l.collapsed, l.hasChildren])).toEqual([
      ['root', false, true],
      ['a', true, true],
      ['b', false, true],
      ['b1', false, false],
      ['b2', false, false],
    ]);
  });

  it('renders a real pod tree with ids and severities', () => {
    const lines = renderTreeLines(podTree(fixturePod('pods/states-oom.json'), NOW), { ascii: false, collapsed: new Set(['conditions']) });
    const hog = lines.find((l) => l.id === 'container/hog');
    expect(hog).toMatchObject({ prefix: '   └─ ', severity: 'error', depth: 2 });
    expect(lines[0]).toMatchObject({ id: 'pod', prefix: '', text: 'oom OOMKilled 0/1 restarts 3 (60s ago)', severity: 'error' });
    expect(lines.some((l) => l.id.startsWith('conditions/'))).toBe(false);
  });
});
