import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { psScript, sharedProcesses } from '../../../src/demo/streams/processTable.js';

const running = (name: string): JsonObject => ({ name, state: { running: { startedAt: '2024-01-01T00:00:00Z' } } });

describe('what ps shows in a demo debug container', () => {
  const pod: JsonObject = {
    spec: { containers: [{ name: 'app', image: 'registry.k8s.io/pause:3.7' }, { name: 'side', image: 'envoyproxy/envoy:v1.30', args: ['-c', '/etc/envoy.yaml'] }] },
    status: { containerStatuses: [running('app'), running('side')] },
  };

  it('the target container only, as targetContainerName shares its namespace, then its own shell', () => {
    expect(sharedProcesses(pod, { name: 'debugger-x', targetContainerName: 'side' }).map((p) => `${p.pid} ${p.user} ${p.command}`)).toEqual(['1 root /envoy -c /etc/envoy.yaml', '12 root sh', '18 root ps']);
    expect(sharedProcesses(pod, { name: 'debugger-x' }).map((p) => p.command)).toEqual(['sh', 'ps']);
  });

  it('every running container of a pod with shareProcessNamespace (a debug copy), after its pause process', () => {
    const copy: JsonObject = { ...pod, spec: { ...(pod['spec'] as JsonObject), shareProcessNamespace: true, containers: [...((pod['spec'] as JsonObject)['containers'] as JsonObject[]), { name: 'debugger-x' }] } };
    expect(sharedProcesses(copy, { name: 'debugger-x' }).map((p) => p.command)).toEqual(['/pause', '/pause', '/envoy -c /etc/envoy.yaml', 'sh', 'ps']);
  });

  it('the script prints busybox\u2019s table', () => {
    const script = psScript(sharedProcesses(pod, { name: 'debugger-x', targetContainerName: 'app' }));
    expect(execFileSync('sh', ['-c', script], { encoding: 'utf8' })).toBe('PID   USER     COMMAND\n    1 65535    /pause\n   12 root     sh\n   18 root     ps\n');
  });
});
