import { describe, expect, it } from 'vitest';
import { age, humanDuration, shortHumanDuration } from '../../src/model/duration.js';
import { toMillis } from '../../src/model/time.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration (apimachinery HumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1999, '0s'],
    [-1 * s, '0s'],
    [-1, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * s, '1s'],
    [49 * s, '49s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [2 * m + 1 * s, '2m1s'],
    [6 * m + 21 * s, '6m21s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 59 * s, '10m'],
    [179 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 59 * m, '8h'],
    [47 * h + 59 * m, '47h'],
    [48 * h, '2d'],
    [2 * d + 5 * h, '2d5h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [45 * d + 23 * h, '45d'],
    [2 * y - 1, '729d'],
    [2 * y, '2y'],
    [3 * y + 120 * d, '3y120d'],
    [8 * y - 1, '7y364d'],
    [8 * y, '8y'],
    [9 * y + 100 * d, '9y'],
  ])('%d ms -> %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('shortHumanDuration (apimachinery ShortHumanDuration)', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1500, '0s'],
    [0, '0s'],
    [59 * s + 999, '59s'],
    [60 * s, '1m'],
    [59 * m + 59 * s, '59m'],
    [1 * h, '1h'],
    [23 * h + 59 * m, '23h'],
    [24 * h, '1d'],
    [364 * d + 23 * h, '364d'],
    [365 * d, '1y'],
    [3 * y + 200 * d, '3y'],
  ])('%d ms -> %s', (ms, expected) => {
    expect(shortHumanDuration(ms)).toBe(expected);
  });
});

describe('age', () => {
  const now = new Date('2026-11-23T09:16:11.500Z');
  it('accepts RFC 3339 strings and Date objects alike', () => {
    expect(age('2026-11-23T09:09:50Z', now)).toBe('6m21s');
    expect(age(new Date('2026-11-23T09:09:50Z'), now)).toBe('6m21s');
  });
  it('prints <unknown> without a timestamp, like translateTimestampSince on a zero time', () => {
    expect(age(undefined, now)).toBe('<unknown>');
    expect(age(null, now)).toBe('<unknown>');
    expect(age('not a date', now)).toBe('<unknown>');
  });
  it('tolerates a little clock skew but not more', () => {
    expect(age('2026-11-23T09:16:12.900Z', now)).toBe('0s');
    expect(age('2026-11-23T09:16:14Z', now)).toBe('<invalid>');
  });
});

describe('toMillis', () => {
  it('parses strings with fractional seconds and passes Dates through', () => {
    expect(toMillis('2026-11-23T09:15:23.123456Z')).toBe(Date.UTC(2026, 10, 23, 9, 15, 23, 123));
    expect(toMillis(new Date(5))).toBe(5);
    expect(toMillis(new Date('garbage'))).toBeUndefined();
    expect(toMillis('')).toBeUndefined();
  });
});
