import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installedObjectTypes, OUTPUT } from '../../scripts/object-types.mjs';
import { OBJECT_TYPES } from '../../src/kube/objectTypes.js';

describe('the committed table of object field types', () => {
  it('is what the installed client-node models give (after an upgrade: node scripts/object-types.mjs)', async () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(await installedObjectTypes());
  });

  it('holds the kinds the stores check and what they reference', () => {
    for (const name of ['V1Pod', 'V1PodSpec', 'V1Container', 'V1ContainerStatus', 'CoreV1Event', 'V1ObjectReference', 'V1Namespace', 'V1ObjectMeta']) {
      expect(OBJECT_TYPES[name], name).toBeDefined();
    }
    expect(OBJECT_TYPES.V1PodSpec).toContainEqual(['containers', 'Array<V1Container>', '']);
  });
});
