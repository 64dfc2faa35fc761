/** How the terminal can be drawn on: Unicode or plain ASCII glyphs, with or without colour. */
export interface Display {
  unicode: boolean;
  color: boolean;
}

export interface Glyphs {
  /** Marks text cut to fit a column. */
  truncated: string;
  /** Ends "connecting…"-style progress words. */
  ellipsis: string;
  /** Between header fields. */
  separator: string;
  /** Before the label of a tree node whose children are shown / hidden. */
  expanded: string;
  collapsed: string;
  /** Before a warning event, so it stands out without colour. */
  warning: string;
  /** Before an event's count: `×3`. */
  times: string;
  /** Where typed text goes in a prompt. */
  caret: string;
  /** Marks the current item of a list (the namespace in use). */
  current: string;
}

const UNICODE_GLYPHS: Glyphs = {
  truncated: '…',
  ellipsis: '…',
  separator: '│',
  expanded: '▾',
  collapsed: '▸',
  warning: '!',
  times: '×',
  caret: '▏',
  current: '●',
};
const ASCII_GLYPHS: Glyphs = {
  truncated: '~',
  ellipsis: '...',
  separator: '|',
  expanded: '-',
  collapsed: '+',
  warning: '!',
  times: 'x',
  caret: '_',
  current: '*',
};

type Env = Readonly<Record<string, string | undefined>>;

/** The locale that decides the character set: POSIX precedence, the first non-empty of LC_ALL, LC_CTYPE, LANG. */
function effectiveLocale(env: Env): string {
  for (const name of ['LC_ALL', 'LC_CTYPE', 'LANG']) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return '';
}

export function detectDisplay(env: Env): Display {
  const unicode = /utf-?8/i.test(effectiveLocale(env));
  // no-color.org: NO_COLOR disables colour when present and not empty. A dumb terminal cannot show it either.
  const noColor = (env['NO_COLOR'] ?? '') !== '' || env['TERM'] === 'dumb';
  return { unicode, color: !noColor };
}

export function glyphsFor(display: Display): Glyphs {
  return display.unicode ? UNICODE_GLYPHS : ASCII_GLYPHS;
}
