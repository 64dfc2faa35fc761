/**
 * The escape sequences in a terminal's output stream, named by shape (`CSI # A`, `CSI ? 1049 h`,
 * `OSC`), so a recording can be checked against what the TUI emits: a cast that replays in someone's
 * terminal must not set their window title, write their clipboard or ask their terminal questions
 * whose answers would arrive as keystrokes.
 */

/** What podscope (Ink and the terminal guard) and a plain shell emit; parameters shown as #. */
export const TUI_SEQUENCES: ReadonlySet<string> = new Set([
  'CSI # m', // colours and attributes (SGR), also CSI m
  'CSI m',
  'CSI # K', // erase in line
  'CSI K',
  'CSI # J', // erase in display
  'CSI J',
  'CSI # A', // cursor up / down / forward / back / to column
  'CSI A',
  'CSI # B',
  'CSI # C',
  'CSI # D',
  'CSI # G',
  'CSI G',
  'CSI E', // cursor to the start of the next line
  'CSI # E',
  'CSI # H', // cursor position
  'CSI H',
  'CSI ? 25 h', // show / hide the cursor
  'CSI ? 25 l',
  'CSI ? 1049 h', // alternate screen
  'CSI ? 1049 l',
  'CSI ? 2004 h', // bracketed paste
  'CSI ? 2004 l',
  'CSI ? 1000 l', // mouse reporting off (reset on exit)
  'CSI ? 1002 l',
  'CSI ? 1006 l',
  'CSI ? 2026 h', // synchronized output
  'CSI ? 2026 l',
]);

export interface Sequence {
  shape: string;
  raw: string;
}

function csiShape(body: string): string {
  const match = /^([?>=<]?)([\d;:]*)([ -/]*)([@-~])$/.exec(body);
  if (match === null) return `CSI (malformed ${JSON.stringify(body)})`;
  const [, prefix = '', params = '', intermediates = '', final = ''] = match;
  // Private modes are named by their number; ordinary parameters are only counts and positions.
  const shownParams = prefix === '?' ? params : params === '' ? '' : '#';
  return ['CSI', prefix, shownParams, intermediates, final].filter((part) => part !== '').join(' ');
}

/** Every escape sequence (and stray C1 control) in `text`, in order. */
export function escapeSequences(text: string): Sequence[] {
  const found: Sequence[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 && code <= 0x9f) {
      found.push({ shape: `C1 0x${code.toString(16)}`, raw: text[i] ?? '' });
      continue;
    }
    if (code !== 0x1b) continue;
    const next = text[i + 1];
    if (next === '[') {
      let end = i + 2;
      while (end < text.length && !/[@-~]/.test(text[end] ?? '')) end++;
      const raw = text.slice(i, end + 1);
      found.push({ shape: csiShape(raw.slice(2)), raw });
      i = end;
    } else if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_') {
      // OSC / DCS / SOS / PM / APC run to BEL or ST.
      let end = i + 2;
      while (end < text.length && text[end] !== '\x07' && !(text[end] === '\x1b' && text[end + 1] === '\\')) end++;
      const raw = text.slice(i, text[end] === '\x07' ? end + 1 : end + 2);
      found.push({ shape: { ']': 'OSC', P: 'DCS', X: 'SOS', '^': 'PM', _: 'APC' }[next], raw });
      i += raw.length - 1;
    } else {
      const raw = text.slice(i, i + 2);
      found.push({ shape: `ESC ${JSON.stringify(next ?? '')}`, raw });
      i += 1;
    }
  }
  return found;
}

/** The sequences of `text` that podscope would not emit, each shape once with an example. */
export function strangeSequences(text: string, allowed: ReadonlySet<string> = TUI_SEQUENCES): Sequence[] {
  const seen = new Map<string, Sequence>();
  for (const sequence of escapeSequences(text)) if (!allowed.has(sequence.shape) && !seen.has(sequence.shape)) seen.set(sequence.shape, sequence);
  return [...seen.values()];
}

/** Whether the cursor is shown at the end of `text`, given it was shown at its start. */
export function cursorShownAfter(text: string, shown = true): boolean {
  let visible = shown;
  for (const sequence of escapeSequences(text)) {
    if (sequence.shape === 'CSI ? 25 h') visible = true;
    else if (sequence.shape === 'CSI ? 25 l') visible = false;
  }
  return visible;
}
