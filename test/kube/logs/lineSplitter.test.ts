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

  it('decoded: the same lines as bytes cut anywhere, in one decode when nothing was invalid, else each with its bytes', () => {
    const valid = Buffer.from('ünï line\n\nsecond 日本\r\nthird\n\nlast');
    const invalid = Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xff, 0xc3]), Buffer.from('\ngood ü\ntail')]);
    for (const bytes of [valid, invalid]) {
      for (let cut = 0; cut <= bytes.length; cut++) {
        for (const step of [1, 3, bytes.length]) {
          const reference = new ByteLineSplitter();
          const expected = [...reference.push(bytes.subarray(0, cut)), ...reference.push(bytes.subarray(cut))];
          const splitter = new ByteLineSplitter();
          const text: string[] = [];
          const kept: Buffer[] = [];
          for (const part of [bytes.subarray(0, cut), bytes.subarray(cut)]) {
            for (let at = 0; at < part.length; at += step) {
              const lines = splitter.pushDecoded(part.subarray(at, at + step));
              if ('text' in lines) text.push(...lines.text);
              else {
                text.push(...lines.bytes.map((line) => line.toString('utf8')));
                kept.push(...lines.bytes);
              }
            }
          }
          expect(text).toEqual(expected.map((line) => line.toString('utf8')));
          expect(splitter.end()?.toString('utf8')).toBe(bytes === valid ? 'last' : 'tail');
          // Only the chunks the decoder changed come as bytes, and those are the bytes as they came.
          if (bytes === valid) expect(kept).toEqual([]);
          else expect(kept.some((line) => line.equals(Buffer.concat([Buffer.from('bad '), Buffer.from([0xff, 0xc3])])))).toBe(true);
        }
      }
    }
  });
});
