import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { OwnerReader } from '../../../src/kube/owners/ownerReader.js';
import { ownerChain, type OwnerAnswer } from '../../../src/model/tree/ownerChain.js';
import { configFor, eventually, startHarness, type Harness } from '../demoHarness.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(() => harness.close());

function shopPod(prefix: string): V1Pod {
  const pod = harness.demo.store.list('pods', 'shop').find((p) => String((p as V1Pod).metadata?.name).startsWith(prefix));
  if (pod === undefined) throw new Error(`no shop pod ${prefix}`);
  return pod as V1Pod;
}

describe('OwnerReader against the demo cluster', () => {
  it('reads a ReplicaSet once for its Deployment, and answers from the cache after', async () => {
    let answers = 0;
    const reader = new OwnerReader({ kubeConfig: harness.config.kubeConfig, onAnswer: () => (answers += 1) });
    const pod = shopPod('cart-');
    const replicaSet = pod.metadata!.ownerReferences![0]!;
    expect(reader.lookup('shop', replicaSet)).toEqual({ kind: 'pending' });
    const answer = await eventually(() => {
      const known = reader.lookup('shop', replicaSet);
      expect(known?.kind).toBe('read');
      return known;
    });
    expect(answer).toEqual({ kind: 'read', owner: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'cart' } });
    expect(ownerChain(pod, reader.lookup)?.links.map((l) => `${l.kind}/${l.name}`)).toEqual([`ReplicaSet/${replicaSet.name}`, 'Deployment/cart']);
    expect(answers).toBe(1);
  });

  it('settle() waits for the whole chain; kinds at the top are not read', async () => {
    const reader = new OwnerReader({ kubeConfig: harness.config.kubeConfig });
    const pod = shopPod('nightly-report-');
    await reader.settle(pod);
    expect(ownerChain(pod, reader.lookup)).toEqual({
      links: [
        { apiVersion: 'batch/v1', kind: 'Job', name: pod.metadata!.ownerReferences![0]!.name },
        { apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly-report' },
      ],
    });
    expect(reader.lookup('shop', { kind: 'Deployment', name: 'cart' })).toBeUndefined();
  });

  it.each<[string, () => Promise<OwnerAnswer | undefined>, OwnerAnswer]>([
    [
      'a ReplicaSet that does not exist: not found',
      async () => {
        const reader = new OwnerReader({ kubeConfig: harness.config.kubeConfig });
        reader.lookup('shop', { kind: 'ReplicaSet', name: 'gone-123' });
        return eventually(() => {
          const answer = reader.lookup('shop', { kind: 'ReplicaSet', name: 'gone-123' });
          expect(answer?.kind).not.toBe('pending');
          return answer;
        });
      },
      { kind: 'notFound' },
    ],
    [
      'a viewer without get on replicasets: forbidden',
      async () => {
        const viewer = configFor(harness, { token: harness.demo.readonlyToken, user: 'viewer', context: 'viewer', namespace: 'shop' });
        const reader = new OwnerReader({ kubeConfig: viewer.kubeConfig });
        const ref = shopPod('frontend-').metadata!.ownerReferences![0]!;
        reader.lookup('shop', ref);
        return eventually(() => {
          const answer = reader.lookup('shop', ref);
          expect(answer?.kind).not.toBe('pending');
          return answer;
        });
      },
      { kind: 'forbidden' },
    ],
  ])('%s', async (_name, run, expected) => {
    expect(await run()).toEqual(expected);
  });
});
