import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { podTree } from '../../src/model/containerTree.js';
import { renderTreeLines } from '../../src/model/treeLines.js';
import { readFixtureJson } from '../helpers/fixtures.js';

describe('ASCII tree labels', () => {
  it('replaces the Unicode symbols of labels, not only the tree glyphs', () => {
    const pod = readFixtureJson<V1Pod>('pods/lab-web.json');
    const lines = renderTreeLines(podTree(pod, new Date('2026-11-23T09:16:41Z')), { ascii: true, collapsed: new Set() });
    const text = lines.map((line) => line.prefix + line.text).join('\n');
    expect(text).toContain('-> docker.io/library/busybox:latest');
    expect(/[^\x00-\x7f]/.test(text)).toBe(false);
  });
});
