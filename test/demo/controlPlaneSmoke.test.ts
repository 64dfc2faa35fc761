import { test } from 'vitest';
import { ObjectStore } from '../../src/demo/objectStore.js';
import { manualClock } from '../../src/demo/clock.js';
import { startControlPlane } from '../../src/demo/controlPlane/index.js';

test('smoke', () => {
  const clock = manualClock(new Date('2026-11-23T09:00:00Z'));
  const store = new ObjectStore({ now: () => new Date(clock.now()) });
  const cp = startControlPlane(store, { seed: 1, clock });
  clock.advance(400_000);
  console.log(JSON.stringify(store.get({resource:'pods',namespace:'states',name:'unsched'})?.status));
  console.log(JSON.stringify(store.get({resource:'pods',namespace:'lab',name:'crashy'})?.status, null, 1));
  for (const e of store.list('events', 'states')) console.log((e.metadata as any).name, (e as any).reason, (e as any).count, JSON.stringify((e as any).series), (e as any).firstTimestamp, (e as any).lastTimestamp, (e as any).message.slice(0, 150));
  for (const e of store.list('events', 'lab')) console.log((e.metadata as any).name, (e as any).involvedObject.fieldPath, (e as any).reason, (e as any).count, (e as any).firstTimestamp, (e as any).lastTimestamp, (e as any).message.slice(0, 150));
  cp.stop();
});
