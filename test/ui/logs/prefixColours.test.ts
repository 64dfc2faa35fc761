import { describe, expect, it } from 'vitest';
import { cleanName } from '../../../src/model/printable.js';
import { PREFIX_COLORS, prefixColours } from '../../../src/ui/logs/prefixColours.js';

describe('the colour of a merged log view\u2019s container prefix', () => {
  it('is found for names with controls in them (rows carry the cleaned name), each container its own', () => {
    const containers = ['init', 'app\x1b[31m', 'side\u202e', 'last'];
    const colour = prefixColours(containers);
    expect(containers.map((name) => colour(cleanName(name)))).toEqual(PREFIX_COLORS.slice(0, 4));
  });

  it('names the same once cleaned share the first one\u2019s colour; an unknown one gets the first colour', () => {
    const colour = prefixColours(['a', 'b\x1b', 'b^[']);
    expect(colour(cleanName('b^['))).toBe(PREFIX_COLORS[1]);
    expect(colour(cleanName('nope'))).toBe(PREFIX_COLORS[0]);
  });
});
