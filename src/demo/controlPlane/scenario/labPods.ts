import type { JsonObject } from '../../apiTypes.js';

/**
 * The pods of the recorded lab and states manifests (fixtures/k8s-1.24/manifests/*.yaml), exactly as
 * written there; their processes are the scripts of programs/labPrograms.ts.
 */
function pod(namespace: string, name: string, spec: JsonObject): JsonObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels: { app: name } }, spec };
}

function busybox(name: string, command: string[], extra: JsonObject = {}): JsonObject {
  return { name, image: 'busybox:latest', imagePullPolicy: 'Never', command, ...extra };
}

const sh = (script: string): string[] => ['sh', '-c', script];

export const labPods: readonly JsonObject[] = [
  pod('lab', 'web', {
    terminationGracePeriodSeconds: 2,
    containers: [busybox('web', sh('i=0; while true; do i=$((i+1)); echo "$(date -u +%H:%M:%S) web tick $i"; sleep 1; done'))],
  }),
  pod('lab', 'crashy', {
    terminationGracePeriodSeconds: 2,
    restartPolicy: 'Always',
    containers: [busybox('crashy', sh('echo starting crashy; echo line 2; echo line 3: about to fail >&2; sleep 2; echo exiting with 1; exit 1'))],
  }),
  pod('lab', 'initwait', {
    terminationGracePeriodSeconds: 2,
    initContainers: [busybox('init-ok', sh('echo init-ok done')), busybox('init-wait', sh('echo waiting forever; while true; do sleep 3600; done'))],
    containers: [busybox('main', sh('echo main never starts; sleep 3600'))],
  }),
  pod('lab', 'badimage', {
    terminationGracePeriodSeconds: 2,
    containers: [{ name: 'bad', image: 'registry.invalid/nope/does-not-exist:1.0', imagePullPolicy: 'Never' }],
  }),
  pod('lab', 'duo', {
    terminationGracePeriodSeconds: 2,
    containers: [
      busybox('alpha', sh('while true; do echo "alpha $(date -u +%T)"; sleep 2; done')),
      busybox('beta', sh('while true; do echo "beta $(date -u +%T)"; sleep 3; done')),
    ],
  }),
  pod('lab', 'badpull', {
    terminationGracePeriodSeconds: 2,
    containers: [{ name: 'bad', image: '127.0.0.1:5999/lab/does-not-exist:1.0', imagePullPolicy: 'IfNotPresent' }],
  }),
];

export const statesPods: readonly JsonObject[] = [
  pod('states', 'done-ok', { restartPolicy: 'Never', terminationGracePeriodSeconds: 2, containers: [busybox('job', sh('echo working; sleep 1; echo done'))] }),
  pod('states', 'done-err', { restartPolicy: 'Never', terminationGracePeriodSeconds: 2, containers: [busybox('job', sh('echo failing >&2; exit 3'))] }),
  pod('states', 'oom', {
    terminationGracePeriodSeconds: 2,
    containers: [
      busybox('hog', sh("echo allocating; x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo survived"), {
        resources: { limits: { memory: '20Mi' }, requests: { memory: '20Mi' } },
      }),
    ],
  }),
  pod('states', 'notready', {
    terminationGracePeriodSeconds: 2,
    containers: [busybox('app', sh('echo serving; sleep 100000'), { readinessProbe: { exec: { command: ['sh', '-c', 'exit 1'] }, periodSeconds: 5 } })],
  }),
  pod('states', 'unsched', { nodeSelector: { disktype: 'nvme-does-not-exist' }, containers: [busybox('app', ['sleep', '100000'])] }),
  pod('states', 'slowstop', { terminationGracePeriodSeconds: 900, containers: [busybox('app', sh("trap '' TERM; while true; do sleep 1; done"))] }),
  pod('states', 'noshell', { terminationGracePeriodSeconds: 2, containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.7', imagePullPolicy: 'Never' }] }),
  pod('states', 'flaky-once', {
    terminationGracePeriodSeconds: 2,
    volumes: [{ name: 'mark', emptyDir: {} }],
    containers: [
      busybox('app', sh('if [ -f /mark/x ]; then echo second life; sleep 100000; else touch /mark/x; echo first life dies; exit 2; fi'), {
        volumeMounts: [{ name: 'mark', mountPath: '/mark' }],
      }),
    ],
  }),
  pod('states', 'initfail', {
    terminationGracePeriodSeconds: 2,
    initContainers: [busybox('migrate', sh('echo migration failed >&2; exit 1'))],
    containers: [busybox('app', ['sleep', '100000'])],
  }),
];

/**
 * Not in the recorded manifests, but in the recordings: the `httpd` pod that served the recorded
 * port-forward exchanges (streams/portforward-*.jsonl) on container port 8080.
 */
export const labServerPods: readonly JsonObject[] = [
  pod('lab', 'httpd', {
    terminationGracePeriodSeconds: 2,
    containers: [busybox('httpd', sh('mkdir -p /www && echo podscope-lab-httpd-ok > /www/index.html && exec httpd -f -p 8080 -h /www'), { ports: [{ name: 'http', containerPort: 8080 }] })],
  }),
];
