/**
 * The escape sequences in a terminal's output stream, named by shape (`CSI # A`, `CSI ? 1049 h`,
 * `OSC`): the recorder follows the cursor's visibility with them. (What a recording may hold is
 * checked by test/helpers/hostile.ts's foreignControls, the same check as for hostile clusters.)
 */

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

/** Whether the cursor is shown at the end of `text`, given it was shown at its start. */
export function cursorShownAfter(text: string, shown = true): boolean {
  let visible = shown;
  for (const sequence of escapeSequences(text)) {
    if (sequence.shape === 'CSI ? 25 h') visible = true;
    else if (sequence.shape === 'CSI ? 25 l') visible = false;
  }
  return visible;
}
