import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/demo/apiTypes.js';
import { applyPodDefaults } from '../../../src/demo/controlPlane/podDefaults.js';
import { labPods, statesPods } from '../../../src/demo/controlPlane/scenario/labPods.js';
import { readFixtureJson } from '../../helpers/fixtures.js';

/** The token volume's name ends in five random characters; make them comparable. */
function comparableSpec(spec: unknown): unknown {
  const text = JSON.stringify(spec).replace(/kube-api-access-[a-z0-9]{5}/g, 'kube-api-access-xxxxx');
  const parsed = JSON.parse(text) as JsonObject;
  delete parsed['nodeName'];
  delete parsed['ephemeralContainers'];
  return parsed;
}

describe('applyPodDefaults', () => {
  for (const manifest of [...labPods, ...statesPods]) {
    const { namespace, name } = manifest['metadata'] as { namespace: string; name: string };
    it(`fills in what kube-apiserver stored for ${namespace}/${name}, in its field order`, () => {
      const recorded = readFixtureJson<JsonObject>(`pods/${namespace}-${name}.json`);
      const defaulted = applyPodDefaults(manifest);
      const ours = comparableSpec(defaulted['spec']);
      const theirs = comparableSpec(recorded['spec']);
      expect(ours).toEqual(theirs);
      expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
      expect(defaulted['status']).toEqual({ phase: 'Pending', qosClass: (recorded['status'] as { qosClass: string }).qosClass });
    });
  }

  it('defaults probes, ports, requests from limits and priority from the priority class', () => {
    const pod = applyPodDefaults({
      metadata: { name: 'x', namespace: 'kube-system' },
      spec: {
        priorityClassName: 'system-node-critical',
        tolerations: [{ operator: 'Exists' }],
        automountServiceAccountToken: false,
        containers: [
          { name: 'c', image: 'nginx', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { path: '/', port: 80 } }, resources: { limits: { cpu: '1', memory: '1Gi' } } },
        ],
      },
    });
    const spec = pod['spec'] as JsonObject;
    const container = (spec['containers'] as JsonObject[])[0] as JsonObject;
    expect(spec['priority']).toBe(2_000_001_000);
    expect(spec['tolerations']).toEqual([{ operator: 'Exists' }]);
    expect(spec['volumes']).toBeUndefined();
    expect(container['imagePullPolicy']).toBe('Always');
    expect(container['ports']).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(container['readinessProbe']).toEqual({ httpGet: { path: '/', port: 80, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(container['resources']).toEqual({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } });
    expect(pod['status']).toEqual({ phase: 'Pending', qosClass: 'Guaranteed' });
  });
});
