import { describe, expect, it } from 'vitest';
import { ATTACKS, foreignControls } from '../helpers/hostile.js';

describe('foreignControls, the check the hostile tests rely on', () => {
  const of = (text: string): string[] => foreignControls(Buffer.from(text, 'utf8'));

  it('lets podscope\u2019s own sequences through', () => {
    expect(of('\x1b[?1049h\x1b[2J\x1b[H\x1b[?25l\x1b[1;32mok\x1b[0m\x1b[2K\x1b[1A\x1b[G\x1b[3J\x1b[?2026h\x1b[?2026l\x1b[?1049l\r\n')).toEqual([]);
  });

  it('finds every attack, and the own-looking CSI of one that lost its OSC part', () => {
    expect(of(`web${ATTACKS}`).length).toBeGreaterThan(5);
    expect(of('web\x1b[2J\x1b[H\x1b[?1049lrest')).toEqual(["the attacks' CSI, raw, at 3"]);
  });

  it('own-looking CSI with parameters podscope never uses are foreign', () => {
    for (const sequence of ['\x1b[38:2::1:2:3m', '\x1b[5J', '\x1b[8;1;1t', '\x1b[>0q', '\x1b[?1049;1h', '\x1b[1;2;3H', '\x1b[ q', '\x1b[6n', '\x1b[?9h']) {
      expect(of(`x${sequence}y`), JSON.stringify(sequence)).not.toEqual([]);
    }
  });
});
