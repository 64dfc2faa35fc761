import { p, type Printable } from '../model/printable.js';

/** How the terminal can be drawn on: Unicode or plain ASCII glyphs, with or without colour. */
export interface Display {
  unicode: boolean;
  color: boolean;
}

export interface Glyphs {
  /** Marks text cut to fit a column. */
  truncated: Printable;
  /** Ends "connecting…"-style progress words. */
  ellipsis: Printable;
  /** Between header fields. */
  separator: Printable;
  /** Before the label of a tree node whose children are shown / hidden. */
  expanded: Printable;
  collapsed: Printable;
  /** Before a warning event, so it stands out without colour. */
  warning: Printable;
  /** Before an event's count: `×3`. */
  times: Printable;
  /** Where typed text goes in a prompt. */
  caret: Printable;
  /** Marks the current item of a list (the namespace in use). */
  current: Printable;
}

const UNICODE_GLYPHS: Glyphs = {
  truncated: p`…`,
  ellipsis: p`…`,
  separator: p`│`,
  expanded: p`▾`,
  collapsed: p`▸`,
  warning: p`!`,
  times: p`×`,
  caret: p`▏`,
  current: p`●`,
};
const ASCII_GLYPHS: Glyphs = {
  truncated: p`~`,
  ellipsis: p`...`,
  separator: p`|`,
  expanded: p`-`,
  collapsed: p`+`,
  warning: p`!`,
  times: p`x`,
  caret: p`_`,
  current: p`*`,
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
