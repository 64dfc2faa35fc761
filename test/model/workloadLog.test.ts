import { describe, expect, it } from 'vitest';
import type { Pod } from '../../src/model/apiObjects.js';
import { controllerOf, planTargets, workloadTargets, type WorkloadTarget } from '../../src/model/workloadLog.js';
import { fixturePod } from './podFixtures.js';

// The recorded lab pods are bare pods; these tests give them the controller a ReplicaSet would.
const RS = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9f', uid: 'rs-1', controller: true };

function owned(fixture: string, name: string, uid: string, owner: object | undefined = RS, namespace = 'lab'): Pod {
  const pod = fixturePod(fixture);
  const ownerReferences = owner === undefined ? [] : [{ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'node-1' }, owner as { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }];
  pod.metadata = { ...pod.metadata, name, uid, namespace, ownerReferences };
  return pod;
}

const labels = (targets: WorkloadTarget[]) => targets.map((target) => target.label);

describe('workload log model', () => {
  it('finds the controller among the owner references; a bare pod (as recorded) has none', () => {
    expect(controllerOf(fixturePod('pods/lab-web.json'))).toBeUndefined();
    expect(controllerOf(owned('pods/lab-web.json', 'web-a', 'a'))).toEqual({ kind: 'ReplicaSet', name: 'web-7d9f', uid: 'rs-1' });
    expect(controllerOf(owned('pods/lab-web.json', 'web-a', 'a', { ...RS, controller: false }))).toBeUndefined();
  });

  it('takes the pods of that controller in the namespace, by name, each its default container', () => {
    const pods = [
      owned('pods/lab-web.json', 'web-c', 'c'),
      owned('pods/lab-web.json', 'web-a', 'a'),
      owned('pods/lab-web.json', 'other', 'o', { ...RS, uid: 'rs-2' }),
      owned('pods/lab-web.json', 'web-b', 'b', RS, 'elsewhere'),
      owned('pods/lab-duo.json', 'web-d', 'd'),
    ];
    const targets = workloadTargets(pods, 'lab', 'rs-1', 'default');
    expect(labels(targets)).toEqual(['web-a', 'web-c', 'web-d']);
    expect(targets.map((target) => target.container)).toEqual(['web', 'web', 'alpha']);
    expect(targets[0]?.key).toBe('a/web');
  });

  it('with all containers: init, app and ephemeral of each pod, labelled pod/container', () => {
    const pods = [owned('pods/lab-initwait.json', 'iw-1', 'i1'), owned('pods/lab-duo.json', 'duo-1', 'd1')];
    expect(labels(workloadTargets(pods, 'lab', 'rs-1', 'all'))).toEqual(['duo-1/alpha', 'duo-1/beta', 'iw-1/init-ok', 'iw-1/init-wait', 'iw-1/main']);
  });

  it('plans stern-style: new streams start under the cap, streams of pods that left stop, a freed place goes to a waiting one', () => {
    const target = (pod: string, uid = pod): WorkloadTarget => ({ pod, container: 'web', label: pod, key: `${uid}/web` });
    const wanted = [target('a'), target('b'), target('c')];
    expect(planTargets(new Set(), wanted, 2)).toEqual({ start: [target('a'), target('b')], stop: [], waiting: 1 });
    expect(planTargets(new Set(['a/web', 'b/web']), wanted, 2)).toEqual({ start: [], stop: [], waiting: 1 });
    // b went away: its stream stops and c takes its place.
    expect(planTargets(new Set(['a/web', 'b/web']), [target('a'), target('c')], 2)).toEqual({ start: [target('c')], stop: ['b/web'], waiting: 0 });
    // a was deleted and created again under its name (a StatefulSet's pod): a new stream.
    expect(planTargets(new Set(['a/web']), [target('a', 'a2')], 5)).toEqual({ start: [target('a', 'a2')], stop: ['a/web'], waiting: 0 });
  });
});
