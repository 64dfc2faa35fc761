import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { objectJson, objectYaml } from '../../src/model/objectText.js';
import { readFixtureJson } from '../helpers/fixtures.js';

const pod = (): Record<string, unknown> => readFixtureJson<Record<string, unknown>>('pods/lab-web.json');

function withManagedFields(object: Record<string, unknown>): Record<string, unknown> {
  const metadata = object['metadata'] as Record<string, unknown>;
  return { ...object, metadata: { ...metadata, managedFields: [{ manager: 'kubectl', operation: 'Update' }, { manager: 'kubelet', operation: 'Update', subresource: 'status' }] } };
}

describe('objectYaml', () => {
  it('prints what kubectl -o yaml prints: sorted keys, unindented sequences, the same data', () => {
    const object = pod();
    const { lines, managedFieldsHidden } = objectYaml(object, { showManagedFields: false });
    // The recorded pod carries the server's managedFields, as every real pod does.
    expect(managedFieldsHidden).toBe(((object['metadata'] as Record<string, unknown[]>)['managedFields'] ?? []).length);
    const { managedFields: _hidden, ...metadata } = object['metadata'] as Record<string, unknown>;
    expect(lines[0]).toBe('apiVersion: v1');
    expect(lines).toContain('kind: Pod');
    expect(lines).toContain('  containers:');
    expect(lines).toContain('  - command:');
    expect(parse(lines.join('\n'), { version: '1.1' })).toEqual({ ...object, metadata });
  });

  it('leaves managedFields out like kubectl, or folds them into a comment, or shows them', () => {
    const object = withManagedFields(pod());
    const hidden = objectYaml(object, { showManagedFields: false });
    expect(hidden.managedFieldsHidden).toBe(2);
    expect(hidden.lines.join('\n')).not.toContain('managedFields');
    const folded = objectYaml(object, { showManagedFields: false, foldNote: (count) => `managedFields: ${count} entries folded` });
    expect(folded.lines).toContain('  # managedFields: 2 entries folded');
    expect((parse(folded.lines.join('\n')) as { metadata: Record<string, unknown> }).metadata['managedFields']).toBeUndefined();
    const shown = objectYaml(object, { showManagedFields: true });
    expect(shown.lines).toContain('  managedFields:');
    expect(shown.lines).toContain('  - manager: kubectl');
  });

  it('keeps YAML 1.1 look-alikes strings and escapes control characters inside quotes', () => {
    const object = { metadata: { labels: { on: 'yes', mode: '0755', evil: 'x\u001b]0;pwned\u0007' } }, spec: { script: 'a\tb\nc\n' } };
    const { lines } = objectYaml(object, { showManagedFields: false });
    expect(lines).toContain('    "on": "yes"');
    expect(lines).toContain('    mode: "0755"');
    const evil = lines.find((line) => line.includes('evil')) ?? '';
    expect(evil).toBe('    evil: "x\\e]0;pwned\\a"');
    for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(parse(lines.join('\n'), { version: '1.1' })).toEqual(object);
  });
});

describe('objectJson', () => {
  it('prints sorted keys with four spaces and Go escapes, without managedFields', () => {
    const { lines } = objectJson(withManagedFields({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'a<b>&' } }), { showManagedFields: false });
    expect(lines).toEqual(['{', '    "apiVersion": "v1",', '    "kind": "Pod",', '    "metadata": {', '        "name": "a\\u003cb\\u003e\\u0026"', '    }', '}']);
  });
});
