import { test } from 'vitest';
import { ObjectStore } from '../../src/demo/objectStore.js';
import { manualClock } from '../../src/demo/clock.js';
import { startControlPlane } from '../../src/demo/controlPlane/index.js';

test('smoke', () => {
  const clock = manualClock(new Date('2026-11-23T09:00:00Z'));
  const store = new ObjectStore({ now: () => new Date(clock.now()) });
  let changes = 0;
  store.onChange(() => changes++);
  const cp = startControlPlane(store, { seed: 1, clock });
  for (const t of [5000, 60000]) {
    clock.advance(t);
    console.log(`--- after ${t}ms, changes ${changes}`);
    for (const p of store.list('pods')) {
      const s = p.status as any;
      const cs = [...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? [])].map((c: any) => `${c.name}:${Object.keys(c.state)[0]}${c.state.waiting ? '(' + c.state.waiting.reason + ')' : ''}${c.state.terminated ? '(' + c.state.terminated.reason + ')' : ''} r${c.restartCount} ${c.ready ? 'R' : '-'}`).join(' ');
      console.log((p.metadata as any).namespace, (p.metadata as any).name, (p.spec as any).nodeName, s.phase, s.podIP, cs);
    }
  }
  console.log(store.list('events').length, 'events');
  for (const e of store.list('events', 'shop').slice(0, 40)) console.log((e.metadata as any).name, (e as any).reason, (e as any).count, (e as any).message.slice(0, 120));
  console.log(cp.logs.read('lab', 'web', 'web')?.slice(0, 3));
  cp.stop();
});
