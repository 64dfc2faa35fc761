import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bookmarkVersion, checkObject, decodeObject, EVENT_KIND, NAMESPACE_KIND, POD_KIND } from '../../src/kube/objectShape.js';
import type { WirePod } from '../../src/model/apiObjects.js';
import { fixturePath, readFixtureJson, readFixtureText } from '../helpers/fixtures.js';

type Json = Record<string, unknown>;
const podLists = ['pods/lab-list.json', 'pods/states-list.json'];
const recordedPods = (): Json[] => podLists.flatMap((path) => readFixtureJson<{ items: Json[] }>(path).items);

describe('decodeObject on the recorded answers of a real cluster', () => {
  it('takes every recorded pod, event and namespace as it is', () => {
    for (const pod of recordedPods()) expect(decodeObject(pod, POD_KIND)).toMatchObject({ ok: true });
    for (const file of readdirSync(fixturePath('pods')).filter((name) => /^(lab|states)-[a-z-]+\.json$/.test(name) && !name.endsWith('-list.json'))) {
      expect(decodeObject(readFixtureJson<Json>(`pods/${file}`), POD_KIND), file).toMatchObject({ ok: true });
    }
    for (const event of readFixtureJson<{ items: Json[] }>('events/lab-events.json').items) expect(decodeObject(event, EVENT_KIND)).toMatchObject({ ok: true });
    for (const namespace of readFixtureJson<{ items: Json[] }>('pods/namespaces-list.json').items) expect(decodeObject(namespace, NAMESPACE_KIND)).toMatchObject({ ok: true });
  });

  it('takes every object of the recorded watch streams; bookmarks give their resourceVersion', () => {
    for (const file of ['watch/lab-pods-watch-8s.jsonl', 'watch/lab-events-watch-8s.jsonl']) {
      const kind = file.includes('events') ? EVENT_KIND : POD_KIND;
      for (const line of readFixtureText(file).split('\n').filter(Boolean)) {
        const event = JSON.parse(line) as { type: string; object: Json };
        if (event.type === 'BOOKMARK') expect(bookmarkVersion(event.object)).toMatch(/^\d+$/);
        else expect(decodeObject(event.object, kind), line.slice(0, 80)).toMatchObject({ ok: true });
      }
    }
  });

  it('trims managedFields and the last-applied annotation, keeps everything a screen shows', () => {
    const [pod] = recordedPods();
    expect((pod?.metadata as Json).managedFields).toBeDefined();
    const annotated = { ...pod, metadata: { ...(pod?.metadata as Json), annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"big":true}', team: 'a' } } };
    const decoded = decodeObject<WirePod>(annotated, POD_KIND);
    if (!decoded.ok) throw new Error(decoded.problem);
    expect(decoded.object.metadata?.managedFields).toBeUndefined();
    expect(decoded.object.metadata?.annotations).toEqual({ team: 'a' });
    expect(decoded.object.metadata?.name).toBe((pod?.metadata as Json).name);
    expect(decoded.object.status?.containerStatuses?.length).toBeGreaterThan(0);
    expect(typeof decoded.object.metadata?.creationTimestamp).toBe('string');
  });

  it('checkObject (one-shot reads) checks the same and keeps every field', () => {
    const [pod] = recordedPods();
    const checked = checkObject<WirePod>(structuredClone(pod), POD_KIND);
    if (!checked.ok) throw new Error(checked.problem);
    expect(checked.object.metadata?.managedFields).toBeDefined();
    expect(checkObject({ ...structuredClone(pod), spec: 5 }, POD_KIND)).toEqual({ ok: false, problem: 'spec is 5, not an object' });
  });

  it('removes null fields, as Go leaves them at their zero value', () => {
    const [pod] = recordedPods();
    const decoded = decodeObject<WirePod>({ ...pod, metadata: { ...(pod?.metadata as Json), deletionTimestamp: null, labels: { a: null, b: 'x' } } }, POD_KIND);
    if (!decoded.ok) throw new Error(decoded.problem);
    expect('deletionTimestamp' in (decoded.object.metadata ?? {})).toBe(false);
    expect(decoded.object.metadata?.labels).toEqual({ b: 'x' });
  });
});

describe('decodeObject refuses what is not the kind asked for, naming the field', () => {
  const base = (): Json => structuredClone(recordedPods()[0] as Json);
  const cases: Array<[string, () => unknown, string]> = [
    ['metadata: null', () => ({ ...base(), metadata: null }), 'metadata is null'],
    ['no name', () => ({ ...base(), metadata: { namespace: 'lab' } }), 'metadata.name is undefined'],
    ['no namespace', () => ({ ...base(), metadata: { name: 'x' } }), 'metadata.namespace is undefined'],
    ['spec: 5', () => ({ ...base(), spec: 5 }), 'spec is 5, not an object'],
    ['containers: "x"', () => ({ ...base(), spec: { containers: 'x' } }), 'spec.containers is "x", not a list'],
    ['a null container', () => ({ ...base(), spec: { containers: [null] } }), 'spec.containers[0] is null'],
    ['restartCount: "3"', () => ({ ...base(), status: { containerStatuses: [{ name: 'a', restartCount: '3' }] } }), 'status.containerStatuses[0].restartCount is "3", not an integer'],
    ['ready: "yes"', () => ({ ...base(), status: { containerStatuses: [{ name: 'a', ready: 'yes' }] } }), 'status.containerStatuses[0].ready is "yes", not true or false'],
    ['labels: [1]', () => ({ ...base(), metadata: { name: 'x', namespace: 'lab', labels: [1] } }), 'metadata.labels is a list, not an object'],
    ['a label of 7', () => ({ ...base(), metadata: { name: 'x', namespace: 'lab', labels: { a: 7 } } }), 'metadata.labels.a is 7, not a string'],
    ['creationTimestamp: {}', () => ({ ...base(), metadata: { name: 'x', namespace: 'lab', creationTimestamp: {} } }), 'metadata.creationTimestamp is an object, not a string'],
    ['a number', () => 42, 'the object is 42'],
    ['a list', () => [], 'the object is a list'],
    ['another kind', () => ({ ...base(), kind: 'Secret' }), 'the object is "Secret", not a Pod'],
  ];
  for (const [label, make, problem] of cases) {
    it(label, () => {
      expect(decodeObject(make(), POD_KIND)).toEqual({ ok: false, problem });
    });
  }
});
