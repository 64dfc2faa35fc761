import { describe, expect, it } from 'vitest';
import { LogRing, utf8Length } from '../../src/model/ringBuffer.js';

describe('LogRing', () => {
  it('keeps lines in order and drops the oldest past maxLines', () => {
    const ring = new LogRing({ maxLines: 3, maxBytes: 1000 });
    for (const l of ['a', 'b', 'c', 'd', 'e']) ring.push(l);
    expect(ring.lines()).toEqual(['c', 'd', 'e']);
    expect([ring.length, ring.bytes, ring.dropped]).toEqual([3, 3, 2]);
    expect([ring.get(0), ring.get(-1), ring.get(3), ring.get(-4)]).toEqual(['c', 'e', undefined, undefined]);
  });

  it('drops the oldest lines to stay within the byte budget', () => {
    const ring = new LogRing({ maxLines: 100, maxBytes: 10 });
    ring.push('1234');
    ring.push('5678');
    ring.push('ab');
    expect([ring.length, ring.bytes, ring.dropped]).toEqual([3, 10, 0]);
    ring.push('x');
    expect(ring.lines()).toEqual(['5678', 'ab', 'x']);
    expect([ring.bytes, ring.dropped]).toEqual([7, 1]);
    ring.push('123456789');
    expect(ring.lines()).toEqual(['x', '123456789']);
    expect([ring.bytes, ring.dropped]).toEqual([10, 3]);
    ring.push('');
    expect([ring.length, ring.bytes]).toEqual([3, 10]);
  });

  it('counts UTF-8 bytes, not UTF-16 units', () => {
    const ring = new LogRing({ maxLines: 10, maxBytes: 100 });
    ring.push('é');
    ring.push('日本');
    ring.push('🙂');
    expect(ring.bytes).toBe(2 + 6 + 4);
    expect(utf8Length('a\ud800b')).toBe(5);
  });

  it('cuts a line bigger than the whole budget at a code point boundary', () => {
    const ring = new LogRing({ maxLines: 10, maxBytes: 5 });
    ring.push('abc');
    ring.push('日本語です');
    expect(ring.lines()).toEqual(['日']);
    expect([ring.bytes, ring.dropped]).toEqual([3, 1]);
    ring.push('🙂🙂');
    expect(ring.lines()).toEqual(['🙂']);
  });

  it('slices like Array.prototype.slice across the wrap-around', () => {
    const ring = new LogRing({ maxLines: 4, maxBytes: 1000 });
    for (let i = 0; i < 10; i++) ring.push(`l${i}`);
    expect(ring.lines()).toEqual(['l6', 'l7', 'l8', 'l9']);
    expect(ring.slice(1, 3)).toEqual(['l7', 'l8']);
    expect(ring.slice(-2)).toEqual(['l8', 'l9']);
    expect(ring.slice(3, 1)).toEqual([]);
    expect(ring.slice(-100, 100)).toEqual(['l6', 'l7', 'l8', 'l9']);
    expect(ring.dropped).toBe(6);
  });

  it('grows past its initial capacity without losing order', () => {
    const ring = new LogRing({ maxLines: 5000, maxBytes: 1_000_000 });
    for (let i = 0; i < 3000; i++) ring.push(String(i));
    expect(ring.length).toBe(3000);
    expect(ring.get(0)).toBe('0');
    expect(ring.get(2999)).toBe('2999');
    expect(ring.slice(1023, 1026)).toEqual(['1023', '1024', '1025']);
  });

  it('clear() empties it and resets the dropped count', () => {
    const ring = new LogRing({ maxLines: 2, maxBytes: 100 });
    for (const l of ['a', 'b', 'c']) ring.push(l);
    ring.clear();
    expect([ring.length, ring.bytes, ring.dropped, ring.lines()]).toEqual([0, 0, 0, []]);
    ring.push('z');
    expect(ring.lines()).toEqual(['z']);
  });

  it('rejects budgets that could hold nothing', () => {
    expect(() => new LogRing({ maxLines: 0, maxBytes: 10 })).toThrow(RangeError);
    expect(() => new LogRing({ maxLines: 10, maxBytes: 0 })).toThrow(RangeError);
  });

  it('stays bounded over 1,000,000 pushes', () => {
    const byLines = new LogRing({ maxLines: 10_000, maxBytes: 64 * 1024 * 1024 });
    const byBytes = new LogRing({ maxLines: 1_000_000, maxBytes: 256 * 1024 });
    const total = 1_000_000;
    for (let i = 0; i < total; i++) {
      const line = `2026-11-23T09:16:11Z line ${i} ${'x'.repeat(i % 50)}`;
      byLines.push(line);
      byBytes.push(line);
    }
    expect(byLines.length).toBe(10_000);
    expect(byLines.dropped).toBe(total - 10_000);
    expect(byLines.get(-1)).toMatch(/ line 999999 /);
    expect(byLines.get(0)).toMatch(/ line 990000 /);
    expect(byBytes.bytes).toBeLessThanOrEqual(256 * 1024);
    expect(byBytes.bytes).toBeGreaterThan(256 * 1024 - 100);
    expect(byBytes.dropped + byBytes.length).toBe(total);
    expect(byBytes.bytes).toBe(byBytes.lines().reduce((sum, l) => sum + utf8Length(l), 0));
    expect(byBytes.get(-1)).toMatch(/ line 999999 /);
  });
});
