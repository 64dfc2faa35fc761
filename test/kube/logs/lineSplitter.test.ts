import { describe, expect, it } from 'vitest';
import { ByteLineSplitter } from '../../../src/kube/logs/lineSplitter.js';

describe('ByteLineSplitter', () => {
  it('keeps a UTF-8 character split across chunks whole, and invalid bytes as they came', () => {
    const splitter = new ByteLineSplitter();
    const bytes = Buffer.concat([Buffer.from('ü'), Buffer.from([0xff]), Buffer.from('\nsecond\nthi')]);
    const lines = [...splitter.push(bytes.subarray(0, 1)), ...splitter.push(bytes.subarray(1, 5)), ...splitter.push(bytes.subarray(5))];
    expect(lines.map((l) => l.toString('utf8'))).toEqual(['ü\ufffd', 'second']);
    expect(lines[0]).toEqual(Buffer.concat([Buffer.from('ü'), Buffer.from([0xff])]));
    expect(splitter.end()?.toString('utf8')).toBe('thi');
    expect(splitter.end()).toBeUndefined();
  });
});
