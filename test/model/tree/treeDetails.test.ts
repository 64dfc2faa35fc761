import type { CoreV1Event, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { podTree, renderTreeLines, type TreeNode } from '../../../src/model/containerTree.js';
import type { OwnerAnswer, OwnerLookup, OwnerRef } from '../../../src/model/tree/ownerChain.js';
import type { TreeContext } from '../../../src/model/tree/treeContext.js';
import { readFixtureJson, readFixtureText } from '../../helpers/fixtures.js';
import { fixturePod } from '../podFixtures.js';

const NOW = new Date('2026-11-23T09:16:40Z');
const statesEvents = readFixtureJson<{ items: CoreV1Event[] }>('events/states-events.json').items;

function find(root: TreeNode, id: string): TreeNode | undefined {
  if (root.id === id) return root;
  for (const child of root.children) {
    const found = find(child, id);
    if (found !== undefined) return found;
  }
  return undefined;
}

const text = (n: TreeNode | undefined): string | undefined => n?.label.map((part) => part.text).join(' ');

/** Every line of the tree, all spec details open, as `podscope tree` prints it. */
function printed(pod: V1Pod, context: TreeContext = {}): string {
  return renderTreeLines(podTree(pod, NOW, context), { ascii: false, collapsed: new Set(), openFolded: true })
    .map((line) => `${line.prefix}${line.text}`)
    .join('\n');
}

function line(pod: V1Pod, id: string, context: TreeContext = {}): string | undefined {
  return text(find(podTree(pod, NOW, context).root, id));
}

describe('container spec details of the recorded pods', () => {
  it.each([
    ['pods/states-oom.json', 'container/hog/resources', 'resources requests memory=20Mi limits memory=20Mi'],
    ['pods/lab-web.json', 'container/web/resources', 'resources none'],
    ['pods/states-oom.json', 'container/hog/spec', 'spec limits memory=20Mi, 1 mount'],
    ['pods/states-notready.json', 'container/app/spec', 'spec no limits, readiness, 1 mount'],
    ['pods/states-notready.json', 'container/app/probe/readiness', 'readiness exec [sh -c exit 1] period=5s timeout=1s #failure=3'],
    ['pods/states-flaky-once.json', 'container/app/mounts/0', '/mark from mark (rw) emptyDir'],
    ['pods/states-flaky-once.json', 'container/app/mounts/1', '/var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-v8smj (ro) projected'],
    ['pods/lab-web.json', 'container/web/mounts', 'mount /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-k6brg (ro) projected'],
    ['pods/states-unsched.json', 'pod/nodeSelector', 'node selector disktype=nvme-does-not-exist'],
    ['pods/states-unsched.json', 'pod/spec', 'spec sa default, priority 0, selector disktype=nvme-does-not-exist, 2 tolerations'],
    ['pods/lab-web.json', 'pod/serviceAccount', 'service account default'],
    ['pods/lab-web.json', 'pod/priority', 'priority 0'],
    ['pods/lab-web.json', 'pod/tolerations/0', 'node.kubernetes.io/not-ready:NoExecute op=Exists for 300s'],
  ])('%s %s: %s', (fixture, id, expected) => {
    expect(line(fixturePod(fixture), id)).toBe(expected);
  });

  it('mounts say what backs each volume: a Secret and a claim by name, a sub path quoted', () => {
    const pod = fixturePod('pods/lab-web.json');
    pod.spec!.volumes = [...(pod.spec!.volumes ?? []), { name: 'creds', secret: { secretName: 'db-creds' } }, { name: 'data', persistentVolumeClaim: { claimName: 'data-0' } }];
    pod.spec!.containers[0]!.volumeMounts = [
      { name: 'creds', mountPath: '/etc/creds', readOnly: true, subPath: 'password' },
      { name: 'data', mountPath: '/data' },
    ];
    expect(line(pod, 'container/web/mounts/0')).toBe('/data from data (rw) pvc data-0');
    expect(line(pod, 'container/web/mounts/1')).toBe('/etc/creds from creds (ro,path=password) secret db-creds');
  });

  it('no line for what the pod does not set: ports, env, security context, owner', () => {
    const tree = podTree(fixturePod('pods/lab-web.json'), NOW).root;
    for (const id of ['container/web/ports', 'container/web/env', 'container/web/security', 'pod/security', 'pod/owner']) expect(find(tree, id)).toBeUndefined();
  });

  it('priority as kubectl describe shows it: only when set, with its class', () => {
    const pod = fixturePod('pods/lab-web.json');
    delete pod.spec!.priority;
    expect(line(pod, 'pod/priority')).toBeUndefined();
    expect(line(pod, 'pod/spec')).toBe('spec sa default, 2 tolerations');
    pod.spec!.priority = 1000000;
    pod.spec!.priorityClassName = 'critical';
    expect(line(pod, 'pod/priority')).toBe('priority 1000000 (critical)');
  });

  it('tolerations and probes read as kubectl describe prints them for the same pod', () => {
    const describe = readFixtureText('kubectl/describe-states-notready.txt');
    const pod = fixturePod('pods/states-notready.json');
    for (const id of ['pod/tolerations/0', 'pod/tolerations/1']) expect(describe).toContain(line(pod, id));
    expect(describe).toContain(`Readiness:      exec [sh -c exit 1] delay=0s timeout=1s period=5s`);
  });

  it('a readiness probe failing: count, span and age from the Unhealthy events, next to the state', () => {
    const pod = fixturePod('pods/states-notready.json');
    const context = { events: statesEvents.filter((e) => e.involvedObject.name === 'notready') };
    const failures = find(podTree(pod, NOW, context).root, 'container/app/probe/readiness/failures');
    expect(text(failures)).toBe('readiness failed 12× in 42s, last 32s ago');
    expect(failures?.severity).toBe('warning');
    // Outside the folded spec, right after the ready flags.
    const children = find(podTree(pod, NOW, context).root, 'container/app')?.children.map((c) => c.id);
    expect(children?.slice(-2)).toEqual(['container/app/probe/readiness/failures', 'container/app/spec']);
  });

  it('a probe failure message keeps what the probe said, and other pods’ events do not count', () => {
    const pod = fixturePod('pods/states-notready.json');
    const base = statesEvents.find((e) => e.involvedObject.name === 'notready' && e.reason === 'Unhealthy');
    if (base === undefined) throw new Error('fixture has no Unhealthy event');
    const http: CoreV1Event = { ...base, count: 1, firstTimestamp: new Date('2026-11-23T09:16:30Z'), lastTimestamp: new Date('2026-11-23T09:16:30Z'), message: 'Liveness probe failed: HTTP probe failed with statuscode: 503' };
    const other: CoreV1Event = { ...base, involvedObject: { ...base.involvedObject, fieldPath: 'spec.containers{sidecar}' } };
    // No scheme: as DescribeProbe, none printed (the API server defaults it to HTTP).
    pod.spec!.containers[0]!.livenessProbe = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 };
    expect(line(pod, 'container/app/probe/liveness/failures', { events: [http, other] })).toBe('liveness failed 10s ago HTTP probe failed with statuscode: 503');
    expect(line(pod, 'container/app/probe/liveness')).toBe('liveness http-get //:8080/healthz period=10s timeout=1s #failure=3');
  });
});

describe('env sources: values from Secrets are never shown', () => {
  const pod = fixturePod('pods/lab-web.json');
  const web = pod.spec!.containers[0]!;
  web.env = [
    { name: 'MODE', value: 'production' },
    // The API server refuses value together with valueFrom; a hostile object may carry both: the value is not shown.
    { name: 'DB_PASSWORD', value: 'hunter2', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    { name: 'FEATURES', valueFrom: { configMapKeyRef: { name: 'flags', key: 'features', optional: true } } },
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
  ];
  web.envFrom = [{ secretRef: { name: 'api-keys' }, prefix: 'API_' }, { configMapRef: { name: 'settings' } }];

  it.each([
    ['container/web/env', 'env (7)'],
    ['container/web/env/0', 'MODE=production'],
    ['container/web/env/1', 'DB_PASSWORD from secret db key password'],
    ['container/web/env/2', 'FEATURES from configmap flags key features (optional)'],
    ['container/web/env/3', 'POD_IP from field status.podIP'],
    ['container/web/env/4', 'MEM from resource limits.memory'],
    ['container/web/envFrom/0', 'all keys from secret api-keys prefix API_'],
    ['container/web/envFrom/1', 'all keys from configmap settings'],
  ])('%s: %s', (id, expected) => {
    expect(line(pod, id)).toBe(expected);
  });

  it('the whole printed tree holds no secret value', () => {
    expect(printed(pod)).not.toContain('hunter2');
  });
});

describe('security context', () => {
  it('container settings, risky ones marked, and the pod level with host namespaces', () => {
    const pod = fixturePod('pods/lab-web.json');
    pod.spec!.hostNetwork = true;
    pod.spec!.securityContext = { runAsNonRoot: true, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } };
    pod.spec!.containers[0]!.securityContext = {
      privileged: true,
      allowPrivilegeEscalation: true,
      readOnlyRootFilesystem: true,
      runAsUser: 0,
      capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
    };
    const tree = podTree(pod, NOW).root;
    const container = find(tree, 'container/web/security');
    expect(text(container)).toBe('security privileged allowPrivilegeEscalation readOnlyRootFilesystem capabilities +NET_ADMIN -ALL runAsUser=0');
    expect(container?.label[1]).toMatchObject({ severity: 'warning' });
    expect(text(find(tree, 'pod/security'))).toBe('security hostNetwork runAsNonRoot seccomp=RuntimeDefault fsGroup=2000');
    expect(text(find(tree, 'container/web/spec'))).toBe('spec no limits, 1 mount, privileged');
  });

  it('affinity in one line per kind', () => {
    const pod = fixturePod('pods/lab-web.json');
    pod.spec!.affinity = {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['vm'] }] }] } },
      podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' } }] },
    };
    const tree = podTree(pod, NOW).root;
    expect(text(find(tree, 'pod/affinity/node'))).toBe('node affinity required zone In (a,b) or metadata.name In (vm)');
    expect(text(find(tree, 'pod/affinity/podAntiPreferred'))).toBe('pod anti-affinity preferred app=web per kubernetes.io/hostname (weight 50)');
  });
});

describe('owner chain', () => {
  const owned = (): V1Pod => {
    const pod = fixturePod('pods/lab-web.json');
    pod.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f', uid: 'u1', controller: true }];
    return pod;
  };
  const deployment: OwnerRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
  /** Lookups as pure input: the ReplicaSet answers `rs`, everything else is not looked up. */
  const lookup =
    (rs: OwnerAnswer): OwnerLookup =>
    (namespace, ref) => {
      expect(namespace).toBe('lab');
      return ref.kind === 'ReplicaSet' ? rs : undefined;
    };

  it.each<[string, OwnerLookup | undefined, string]>([
    ['read', lookup({ kind: 'read', owner: deployment }), 'owner ReplicaSet web-7d9f → Deployment web'],
    ['a ReplicaSet nothing owns', lookup({ kind: 'read', owner: undefined }), 'owner ReplicaSet web-7d9f'],
    ['forbidden', lookup({ kind: 'forbidden' }), 'owner ReplicaSet web-7d9f (its owner: not readable, forbidden)'],
    ['gone', lookup({ kind: 'notFound' }), 'owner ReplicaSet web-7d9f (not found: deleted?)'],
    ['asked, no answer yet', lookup({ kind: 'pending' }), 'owner ReplicaSet web-7d9f → …'],
    ['failed', lookup({ kind: 'failed', reason: 'HTTP 503' }), 'owner ReplicaSet web-7d9f (its owner: not read, HTTP 503)'],
    ['no lookups at all', undefined, 'owner ReplicaSet web-7d9f'],
  ])('%s', (_name, owners, expected) => {
    expect(line(owned(), 'pod/owner', owners === undefined ? {} : { owners })).toBe(expected);
  });

  it('owners that name each other end after a few links', () => {
    const loop: OwnerLookup = (_namespace, ref) => ({ kind: 'read', owner: { kind: 'ReplicaSet', name: ref.name === 'web-7d9f' ? 'b' : 'web-7d9f' } });
    expect(line(owned(), 'pod/owner', { owners: loop })).toBe('owner ReplicaSet web-7d9f → ReplicaSet b → ReplicaSet web-7d9f → ReplicaSet b');
  });

  it('ASCII terminals get -> for the arrow', () => {
    const lines = renderTreeLines(podTree(owned(), NOW, { owners: lookup({ kind: 'read', owner: deployment }) }), { ascii: true, collapsed: new Set() });
    expect(lines.find((l) => l.id === 'pod/owner')?.text).toBe('owner ReplicaSet web-7d9f -> Deployment web');
  });
});

describe('folding', () => {
  const pod = fixturePod('pods/states-oom.json');
  const ids = (options: Parameters<typeof renderTreeLines>[1]): string[] => renderTreeLines(podTree(pod, NOW), options).map((l) => l.id);

  it('the spec lines are folded until opened one by one or all at once', () => {
    const folded = ids({ ascii: false, collapsed: new Set() });
    expect(folded).toContain('container/hog/spec');
    expect(folded).not.toContain('container/hog/resources');
    expect(folded).not.toContain('pod/tolerations');
    expect(ids({ ascii: false, collapsed: new Set(), expanded: new Set(['container/hog/spec']) })).toContain('container/hog/resources');
    const open = ids({ ascii: false, collapsed: new Set(), openFolded: true });
    expect(open).toContain('container/hog/resources');
    expect(open).toContain('pod/tolerations/1');
    expect(ids({ ascii: false, collapsed: new Set(['pod/spec']), openFolded: true })).not.toContain('pod/tolerations');
  });

  it('every id is unique with all details open', () => {
    const all = ids({ ascii: false, collapsed: new Set(), openFolded: true });
    expect(new Set(all).size).toBe(all.length);
  });
});
