import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { cursorShownAfter, escapeSequences } from '../../scripts/pictures/escapes.js';
import { captureFrame, frameText, THEME } from '../../scripts/pictures/screenModel.js';
import { animatedSvg, screenSvg } from '../../scripts/pictures/svg.js';

async function screenOf(output: string, cols = 20, rows = 3) {
  const terminal = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  await new Promise<void>((resolve) => terminal.write(output, resolve));
  const frame = captureFrame(terminal, false);
  terminal.dispose();
  return frame;
}

describe('escape sequences in a recording', () => {
  it('names each by shape, whole (an OSC to its BEL or ST), so the recorder follows the cursor', () => {
    const text = '\x1b[31mred\x1b[0m\x1b[2K\x1b[3A\x1b[?1049h\x1b]0;a\x1b[?25l\x07\x1b]52;c;aGk=\x1b\\\x1b[6n\x1b[c\x1bPq#0\x1b\\';
    expect(escapeSequences(text).map((s) => s.shape)).toEqual(['CSI # m', 'CSI # m', 'CSI # K', 'CSI # A', 'CSI ? 1049 h', 'OSC', 'OSC', 'CSI # n', 'CSI c', 'DCS']);
    expect(cursorShownAfter('\x1b[?25l')).toBe(false);
    expect(cursorShownAfter('\x1b[?25l\x1b[?25h')).toBe(true);
    // Inside an OSC the same bytes are not a sequence of their own.
    expect(cursorShownAfter('\x1b]0;\x1b[?25l\x07')).toBe(true);
  });
});

describe('the SVG pictures', () => {
  it('draw each run in its colour and attributes, with the text escaped', async () => {
    const frame = await screenOf('\x1b[31mred\x1b[0m <&> \x1b[1;7mbold inverse\x1b[0m');
    expect(frameText(frame)[0]).toBe('red <&> bold inverse');
    const svg = screenSvg(frame, 'a <title>');
    expect(svg).toContain(`fill:${THEME.ansi[1]}`);
    expect(svg).toContain('&lt;&amp;&gt;');
    expect(svg).toContain('<title>a &lt;title&gt;</title>');
    // Inverse: the default foreground becomes the background of the run.
    expect(svg).toContain(`fill="${THEME.foreground}"`);
    expect(svg).not.toMatch(/<script|javascript:/);
  });

  it('animate frames at their times, looping after the last one', async () => {
    const frames = [
      { frame: await screenOf('one'), at: 0 },
      { frame: await screenOf('two'), at: 1 },
    ];
    const svg = animatedSvg(frames, 'demo', 3);
    expect(svg).toContain('@keyframes play{0%{transform:translateY(0px)}25%{transform:translateY(-54px)}');
    expect(svg).toContain('animation:play 4s steps(1,end) infinite');
    expect(svg.match(/<g transform="translate\(0 /g)).toHaveLength(2);
  });
});
