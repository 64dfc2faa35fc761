import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { declaredPorts, parsePortSpecs } from '../../src/model/portSpecs.js';

const pod: V1Pod = {
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    containers: [
      { name: 'app', ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090, protocol: 'TCP' }] },
      { name: 'dns', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] },
    ],
  },
};

describe('parsePortSpecs (kubectl port-forward arguments)', () => {
  it('takes REMOTE, LOCAL:REMOTE, :REMOTE and named ports', () => {
    expect(parsePortSpecs(['8080', '18080:9090', ':8080', 'http', '7000:http'], pod)).toEqual([
      { local: 8080, remote: 8080 },
      { local: 18080, remote: 9090 },
      { local: 0, remote: 8080 },
      { local: 8080, remote: 8080 },
      { local: 7000, remote: 8080 },
    ]);
  });

  it('refuses what kubectl refuses, in its words', () => {
    expect(parsePortSpecs(['nope'], pod)).toEqual({ error: "Pod 'web' does not have a named port 'nope'" });
    expect(parsePortSpecs(['1:2:3'], pod)).toEqual({ error: "invalid port format '1:2:3'" });
    expect(parsePortSpecs(['x:8080'], pod)).toEqual({ error: `error parsing local port 'x': strconv.ParseUint: parsing "x": invalid syntax` });
    expect(parsePortSpecs(['8080:'], pod)).toEqual({ error: 'remote port cannot be empty' });
    expect(parsePortSpecs(['0'], pod)).toEqual({ error: 'remote port must be > 0' });
    expect(parsePortSpecs(['70000'], pod)).toEqual({ error: `error parsing remote port '70000': strconv.ParseUint: parsing "70000": value out of range` });
    expect(parsePortSpecs(['53'], pod)).toEqual({ error: 'UDP protocol is not supported for 53' });
  });

  it('lists the declared ports with their containers', () => {
    expect(declaredPorts(pod).map((port) => `${port.container} ${port.port}/${port.protocol} ${port.name ?? ''}`)).toEqual(['app 8080/TCP http', 'app 9090/TCP ', 'dns 53/UDP dns']);
  });
});
