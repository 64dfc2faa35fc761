import { afterEach, describe, expect, it } from 'vitest';
import { PtyScreen } from './helpers/ptyScreen.js';

const screens: PtyScreen[] = [];
afterEach(() => {
  for (const screen of screens.splice(0)) screen.dispose();
});

const COLOUR_SGR = /\x1b\[(?:\d+;)*(?:3[0-79]|4[0-79]|9[0-7]|10[0-7]|38;[25];|48;[25];)[\d;]*m/;

/** The views a user walks through: the table, each detail pane, all events, and the help screen. */
const walk = ['', '\t', '\t', 'e', '\x1b[Z', '?'];

describe('the explorer is clean at every size, without colour and without Unicode', () => {
  for (const [cols, rows] of [[80, 24], [120, 40], [200, 60]] as const) {
    for (const [label, env] of [
      ['UTF-8, colour', { LANG: 'C.UTF-8' }],
      ['NO_COLOR=1', { LANG: 'C.UTF-8', NO_COLOR: '1' }],
      ['LANG=C', { LANG: 'C', LC_ALL: undefined, LC_CTYPE: undefined }],
    ] as const) {
      it(`${cols}x${rows}, ${label}`, async () => {
        const tui = new PtyScreen({ args: ['--demo', '-n', 'lab'], cols, rows, env });
        screens.push(tui);
        await tui.waitFor((text) => /crashy\s+\S+\s+\S+/.test(text), 'the lab pods', 20_000);
        for (const keys of walk) {
          if (keys) tui.write(keys);
          await new Promise((resolve) => setTimeout(resolve, 400));
          const lines = await tui.screen();
          for (const line of lines) expect(line.length, `a line wider than ${cols}: ${line}`).toBeLessThanOrEqual(cols);
          // The last row stays empty: Ink redraws the whole terminal on every frame once a frame fills it.
          expect(lines.at(-1)).toBe('');
          if (label === 'LANG=C') expect(lines.join('\n')).toMatch(/^[\x00-\x7f]*$/);
        }
        if (label === 'NO_COLOR=1') expect(tui.output).not.toMatch(COLOUR_SGR);
        else if (label !== 'LANG=C') expect(tui.output).toMatch(COLOUR_SGR);
        tui.write('\x1b');
        await tui.waitFor((text) => !text.includes('Esc, ? or q to close'), 'the help screen to close');
        tui.write('q');
        expect((await tui.waitForExit()).exitCode).toBe(0);
      });
    }
  }
});
