import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { demoNodes } from '../../../src/demo/controlPlane/nodes.js';
import { hostRootFiles, hostRootLayout, hostRootMount, hostRootTools } from '../../../src/demo/streams/hostRoot.js';
import { startLocalProcess } from '../../../src/demo/streams/localProcess.js';
import { nodeProcesses } from '../../../src/demo/streams/nodeProcesses.js';
import { psScript } from '../../../src/demo/streams/processTable.js';
import { nodeDebugPod } from '../../../src/model/nodeDebugPod.js';

const running = (name: string): JsonObject => ({ name, containerID: `containerd://${'a'.repeat(64)}`, state: { running: { startedAt: '2026-12-02T10:00:00Z' } } });

const web: JsonObject = {
  metadata: { namespace: 'lab', name: 'web', uid: 'u-web' },
  spec: { nodeName: 'node-a', containers: [{ name: 'web', image: 'nginx:1.25', command: ['nginx', '-g', 'daemon off;'] }] },
  status: { phase: 'Running', containerStatuses: [running('web')] },
};
const elsewhere: JsonObject = {
  metadata: { namespace: 'lab', name: 'api', uid: 'u-api' },
  spec: { nodeName: 'node-b', containers: [{ name: 'api', image: 'api:1', command: ['/api-server'] }] },
  status: { phase: 'Running', containerStatuses: [running('api')] },
};

async function run(script: string): Promise<string> {
  const node = demoNodes[0];
  if (node === undefined) throw new Error('no demo node');
  const processes = nodeProcesses([web, elsewhere], node.name, 'node-debugger-node-a-xxxxx');
  const files = hostRootFiles(node, [web], processes, new Date('2026-12-02T10:00:00Z'));
  const process = startLocalProcess({
    command: ['sh', '-c', script],
    tty: false,
    stdin: false,
    hostname: node.name,
    tools: (directory) => ({ ...hostRootTools(directory, '/host'), ps: psScript(processes) }),
    files: (directory) => hostRootLayout(directory, '/host', files),
  });
  let output = '';
  process.onOutput((_stream, data) => {
    output += data.toString('utf8');
  });
  await process.exited;
  return output;
}

describe('the demo node seen by a node debugger', () => {
  it('finds hostPath / mounted at /host in the pod kubectl debug node/… makes, and nothing in a baseline one', () => {
    const general = nodeDebugPod({ node: 'node-a', name: 'd', image: 'busybox', profile: 'general' }) as unknown as JsonObject;
    const container = ((general['spec'] as JsonObject)['containers'] as JsonObject[])[0] ?? {};
    expect(hostRootMount(general, container)).toBe('/host');
    const baseline = nodeDebugPod({ node: 'node-a', name: 'd', image: 'busybox', profile: 'baseline' }) as unknown as JsonObject;
    expect(hostRootMount(baseline, ((baseline['spec'] as JsonObject)['containers'] as JsonObject[])[0] ?? {})).toBeUndefined();
  });

  it('shows the node\'s root at /host, and paths under it as /host paths', async () => {
    const output = await run('ls /host; cat /host/etc/hostname; grep PRETTY /host/etc/os-release; find /host/var/log/pods -name 0.log');
    for (const entry of ['bin', 'etc', 'proc', 'usr', 'var']) expect(output.split('\n')).toContain(entry);
    expect(output).toContain('node-a\n');
    expect(output).toContain('PRETTY_NAME="Ubuntu 22.04.4 LTS"');
    expect(output).toContain('/host/var/log/pods/lab_web_u-web/web/0.log');
    expect(output).not.toContain('.node-root');
  });

  it('lists the node\'s daemons and the processes of the pods on that node only', async () => {
    const output = await run('ps');
    expect(output).toMatch(/^PID {3}USER {5}COMMAND$/m);
    expect(output).toMatch(/^ {4}1 root {5}\/sbin\/init$/m);
    expect(output).toContain('/usr/bin/containerd\n');
    expect(output).toContain('/usr/bin/kubelet ');
    expect(output).toContain('nginx -g daemon off;');
    expect(output).toContain('/pause');
    expect(output).not.toContain('/api-server');
  });
});
