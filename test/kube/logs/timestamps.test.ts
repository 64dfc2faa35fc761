import { describe, expect, it } from 'vitest';
import { splitTimestamp } from '../../../src/kube/logs/timestamps.js';

describe('splitTimestamp', () => {
  it('reads the kubelet form: nine fraction digits, Z', () => {
    expect(splitTimestamp('2026-12-03T05:59:01.123456789Z web tick 1')).toEqual({ timestamp: '2026-12-03T05:59:01.123456789Z', key: '2026-12-03T05:59:01.123456789', text: 'web tick 1' });
  });

  it('pads a fraction Go trimmed, and a whole second, to the same sortable key', () => {
    expect(splitTimestamp('2026-12-03T05:59:01.5Z x').key).toBe('2026-12-03T05:59:01.500000000');
    expect(splitTimestamp('2026-12-03T05:59:01Z x')).toEqual({ timestamp: '2026-12-03T05:59:01Z', key: '2026-12-03T05:59:01.000000000', text: 'x' });
  });

  it('turns an offset into UTC for the key, and keeps the timestamp as written', () => {
    expect(splitTimestamp('2026-12-03T06:59:01.25+01:00 x')).toEqual({ timestamp: '2026-12-03T06:59:01.25+01:00', key: '2026-12-03T05:59:01.250000000', text: 'x' });
  });

  it('leaves a line without a timestamp whole', () => {
    for (const line of ['', 'hello', '2026-12-03T05:59:01.Z x', '2026-12-03 05:59:01Z x', '2026-12-03T05:59:01.123Zx', '2026-1a-03T05:59:01Z x']) {
      expect(splitTimestamp(line)).toEqual({ timestamp: '', key: '', text: line });
    }
  });
});
