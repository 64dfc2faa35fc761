/**
 * What a hostile cluster puts in its fields: every way of driving a terminal from text, for the
 * tests that check none of it reaches one. `BAD_UTF8` is a marker the hostile API server replaces
 * with invalid UTF-8 bytes in its JSON bodies and log streams.
 */

export const BAD_UTF8 = '@@BAD_UTF8@@';
/** A lone continuation byte, a truncated 2-byte and a truncated 3-byte sequence, an overlong NUL. */
export const BAD_UTF8_BYTES = Buffer.from([0xff, 0x80, 0xc3, 0x28, 0xe2, 0x82, 0x20, 0xc0, 0x80]);

export const ATTACKS = [
  '\x1b[2J\x1b[H', // CSI: clear the screen, cursor home
  '\x1b[?1049l', // CSI: leave the alternate screen
  '\x1b]0;pwned-title\x07', // OSC 0 (window title), BEL-terminated
  '\x1b]2;pwned-title\x1b\\', // OSC 2, ST-terminated
  '\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\', // OSC 8 hyperlink, ST-terminated
  '\x1b]52;c;cm0gLXJmIH4K\x07', // OSC 52 clipboard write ("rm -rf ~"), BEL-terminated
  '\x1b]52;c;cm0gLXJmIH4K\x1b\\', // OSC 52, ST-terminated
  '\x1bP+q544e\x1b\\', // DCS (XTGETTCAP)
  '\x1b_apc-payload\x1b\\', // APC
  '\x1b^pm-payload\x1b\\', // PM
  '\u009b2J\u009d0;c1-title\u009c', // C1 CSI and C1 OSC ... ST
  '\u202eevil\u202c\u2066iso\u2069\u200f', // bidi override, isolate, mark
  '\x00nul\x07bel\r\x7f', // NUL, BEL, CR, DEL
].join('');

/** `label` followed by every attack and invalid UTF-8. */
export function hostile(label: string): string {
  return `${label}${ATTACKS}${BAD_UTF8}`;
}

/** A body with the BAD_UTF8 markers replaced by the invalid bytes. */
export function withBadUtf8(text: string): Buffer {
  const parts = text.split(BAD_UTF8);
  const out: Buffer[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push(BAD_UTF8_BYTES);
    out.push(Buffer.from(part, 'utf8'));
  });
  return Buffer.concat(out);
}

/**
 * The CSI sequences podscope (Ink and the terminal guard) writes itself, each with only the
 * parameters it uses: SGR (numbers only), cursor moves and positions, erase in line (0-2) and in
 * display (0-3), the private modes it sets and resets, and those it only resets (what a remote
 * program may have left on, after a hand-over). Anything else, or any other parameter,
 * is foreign.
 */
const OWN_CSI = /^\x1b\[(?:[0-9;]*m|\d*[ABCDEFG]|\d*(?:;\d*)?H|[0-2]?K|[0-3]?J|\?(?:25|1049|2004|2026|1000|1002|1003|1006|1015|1)[hl]|\?(?:1047|47|9|1001|1004|1005|1016|66)l)$/;
/** ESC > (keypad back to normal): the terminal guard's reset after a hand-over. */
const OWN_ESC = '\x1b>';
/**
 * The attacks' CSI part, whole: each sequence alone looks like podscope's own (clear, home, leave
 * the alternate screen) but podscope never writes them in this order, so seeing it means a field
 * went out raw even where its OSC part was lost.
 */
const RAW_ATTACK_CSI = '\x1b[2J\x1b[H\x1b[?1049l';
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Everything in a terminal's input that podscope does not write itself: any escape sequence but
 * its own CSI (cursor moves, erase, SGR, the modes it sets and resets), any OSC/DCS/APC/PM/SOS,
 * C0 controls other than CR, LF and ESC, C1 controls, bidi controls, and bytes that are not UTF-8.
 * Returns them described, empty when the output is clean.
 */
export function foreignControls(bytes: Buffer): string[] {
  const problems: string[] = [];
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) problems.push('bytes that are not valid UTF-8');
  for (let at = text.indexOf(RAW_ATTACK_CSI); at >= 0; at = text.indexOf(RAW_ATTACK_CSI, at + 1)) problems.push(`the attacks' CSI, raw, at ${at}`);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x1b) {
      const csi = /^\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]/.exec(text.slice(i, i + 64));
      if (csi !== null && OWN_CSI.test(csi[0])) {
        i += csi[0].length - 1;
        continue;
      }
      if (text.startsWith(OWN_ESC, i)) {
        i += OWN_ESC.length - 1;
        continue;
      }
      // The capture's last bytes can be cut mid-sequence (node-pty may stop reading as the process
      // exits): only the start of a CSI with nothing after it, at the very end, is let through.
      if (/^\x1b\[[\x30-\x3f]*$/.test(text.slice(i))) break;
      problems.push(`escape ${JSON.stringify(text.slice(i, i + 12))} at ${i}`);
      continue;
    }
    if (c < 0x20 && c !== 0x0a && c !== 0x0d) problems.push(`C0 control 0x${c.toString(16)} at ${i}`);
    else if (c === 0x7f) problems.push(`DEL at ${i}`);
    else if (c >= 0x80 && c <= 0x9f) problems.push(`C1 control U+00${c.toString(16).toUpperCase()} at ${i}`);
    else if (BIDI.test(text[i] ?? '')) problems.push(`bidi control U+${c.toString(16).toUpperCase()} at ${i}`);
  }
  return problems.slice(0, 20);
}
