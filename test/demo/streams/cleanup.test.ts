import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { startDemoCluster } from '../../../src/demo/index.js';
import { eventually } from '../helpers.js';
import { execPath, openOrFail } from './streamClient.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('local processes of the demo cluster', () => {
  it('run in a throw-away directory and never outlive close()', async () => {
    const demo = await startDemoCluster({ seed: 2 });
    try {
      await eventually(() => {
        const pod = demo.store.get({ resource: 'pods', namespace: 'lab', name: 'web' });
        const statuses = ((pod?.['status'] as JsonObject | undefined)?.['containerStatuses'] ?? []) as JsonObject[];
        expect((statuses[0]?.['state'] as JsonObject | undefined)?.['running']).toBeDefined();
      }, 60_000);
      const client = await openOrFail(demo, execPath('lab', 'web', ['sh'], { stdin: true, stdout: true, tty: true }));
      client.send(0, 'echo "pid=$$ dir=$PWD host=$HOSTNAME"; sleep 1000 & echo child=$!\n');
      await eventually(() => expect(client.text(1)).toMatch(/child=\d+/));
      const [, pid, directory, host] = /pid=(\d+) dir=(\S+) host=(\S+)/.exec(client.text(1)) ?? [];
      const child = Number(/child=(\d+)/.exec(client.text(1))?.[1]);
      expect(host).toBe('web');
      expect(existsSync(directory ?? '')).toBe(true);
      await demo.close();
      expect(isAlive(Number(pid))).toBe(false);
      await eventually(() => expect(isAlive(child)).toBe(false));
      expect(existsSync(directory ?? '')).toBe(false);
    } finally {
      await demo.close();
    }
  }, 90_000);
});
