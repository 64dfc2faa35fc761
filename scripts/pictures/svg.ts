import { THEME, type Run, type ScreenFrame } from './screenModel.js';

/** Cell geometry: a 14px monospace font advances 0.6em per character in every common one. */
const FONT_SIZE = 14;
const CELL_WIDTH = 8.4;
const CELL_HEIGHT = 18;
const PADDING = 14;
const TITLE_BAR = 30;
const FONT_FAMILY = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Numbers in the SVG keep one decimal at most: smaller files, no rounding noise between runs. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/**
 * Text styles are CSS classes (`.s0`, `.s1`, …) shared by every line and frame, so a picture holds
 * each colour once; lines are drawn once and placed with <use>, so a frame repeating a line costs
 * one element.
 */
class Sheet {
  private readonly styles = new Map<string, string>();
  private readonly lines = new Map<string, string>();
  private readonly lineDefs: string[] = [];

  private styleClass(run: Run): string {
    const css = [`fill:${run.fg}`, run.bold ? 'font-weight:bold' : '', run.dim ? 'opacity:.6' : '', run.italic ? 'font-style:italic' : '', run.underline ? 'text-decoration:underline' : '']
      .filter(Boolean)
      .join(';');
    let name = this.styles.get(css);
    if (name === undefined) {
      name = `s${this.styles.size}`;
      this.styles.set(css, name);
    }
    return name;
  }

  /** The id of a <g> drawing `runs` at y = 0. */
  line(runs: readonly Run[]): string | undefined {
    if (runs.length === 0) return undefined;
    const key = JSON.stringify(runs);
    const known = this.lines.get(key);
    if (known !== undefined) return known;
    const id = `l${this.lines.size}`;
    this.lines.set(key, id);
    const parts: string[] = [];
    let column = 0;
    for (const run of runs) {
      const x = column * CELL_WIDTH;
      if (run.bg !== undefined) parts.push(`<rect x="${n(x)}" width="${n(run.width * CELL_WIDTH)}" height="${CELL_HEIGHT}" fill="${run.bg}"/>`);
      if (run.text.trim() !== '') {
        const length = run.width > 1 ? ` textLength="${n(run.width * CELL_WIDTH)}" lengthAdjust="spacing"` : '';
        parts.push(`<text x="${n(x)}" y="${n(CELL_HEIGHT * 0.75)}" class="${this.styleClass(run)}"${length}>${escapeXml(run.text)}</text>`);
      }
      column += run.width;
    }
    this.lineDefs.push(`<g id="${id}">${parts.join('')}</g>`);
    return id;
  }

  /** One frame's lines (and cursor) as <use> elements at their rows. */
  frame(frame: ScreenFrame): string {
    const uses = frame.lines.flatMap((runs, row) => {
      const id = this.line(runs);
      return id === undefined ? [] : [`<use href="#${id}" y="${n(row * CELL_HEIGHT)}"/>`];
    });
    if (frame.cursor !== undefined) {
      uses.push(`<rect x="${n(frame.cursor.x * CELL_WIDTH)}" y="${n(frame.cursor.y * CELL_HEIGHT)}" width="${n(CELL_WIDTH)}" height="${CELL_HEIGHT}" fill="${THEME.foreground}" opacity=".7"/>`);
    }
    return uses.join('');
  }

  css(): string {
    return [...this.styles].map(([css, name]) => `.${name}{${css}}`).join('');
  }

  defs(): string {
    return this.lineDefs.join('');
  }
}

interface Box {
  width: number;
  height: number;
  screenWidth: number;
  screenHeight: number;
}

function boxOf(frame: ScreenFrame): Box {
  const screenWidth = frame.cols * CELL_WIDTH;
  const screenHeight = frame.rows * CELL_HEIGHT;
  return { screenWidth, screenHeight, width: screenWidth + 2 * PADDING, height: screenHeight + 2 * PADDING + TITLE_BAR };
}

/** The window around the screen: a dark rounded rectangle, three dots and a title. */
function chrome(box: Box, title: string): string {
  const dots = ['#f38ba8', '#f9e2af', '#a6e3a1'].map((fill, i) => `<circle cx="${PADDING + 6 + i * 20}" cy="${TITLE_BAR / 2 + 2}" r="6" fill="${fill}"/>`).join('');
  return (
    `<rect width="${n(box.width)}" height="${n(box.height)}" rx="8" fill="${THEME.background}"/>` +
    dots +
    `<text x="${n(box.width / 2)}" y="${TITLE_BAR / 2 + 7}" text-anchor="middle" class="title">${escapeXml(title)}</text>`
  );
}

function document(box: Box, sheet: Sheet, extraCss: string, body: string, title: string): string {
  const css = `text{font-family:${FONT_FAMILY};font-size:${FONT_SIZE}px;white-space:pre}.title{fill:#7f849c;font-size:12px}${sheet.css()}${extraCss}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(box.width)}" height="${n(box.height)}" viewBox="0 0 ${n(box.width)} ${n(box.height)}" xml:space="preserve">` +
    `<title>${escapeXml(title)}</title><style>${css}</style><defs>${sheet.defs()}</defs>` +
    chrome(box, title) +
    body +
    '</svg>\n'
  );
}

/** A still picture of one screen. */
export function screenSvg(frame: ScreenFrame, title: string): string {
  const sheet = new Sheet();
  const box = boxOf(frame);
  const body = `<g transform="translate(${PADDING} ${PADDING + TITLE_BAR})">${sheet.frame(frame)}</g>`;
  return document(box, sheet, '', body, title);
}

export interface TimedFrame {
  frame: ScreenFrame;
  /** Seconds from the start at which the frame appears. */
  at: number;
}

/**
 * An animated picture: every frame stacked in one strip that a CSS animation moves by a frame's
 * height at each frame's time, in steps, then loops after `hold` seconds on the last frame. Plain
 * SVG and CSS: it plays in browsers and in GitHub's README, with no script.
 */
export function animatedSvg(frames: readonly TimedFrame[], title: string, hold = 3): string {
  const first = frames[0];
  if (first === undefined) throw new Error('an animation needs at least one frame');
  const sheet = new Sheet();
  const box = boxOf(first.frame);
  const total = (frames.at(-1)?.at ?? 0) + hold;
  const strip = frames.map((timed, i) => `<g transform="translate(0 ${n(i * box.screenHeight)})">${sheet.frame(timed.frame)}</g>`).join('');
  const stops = frames.map((timed, i) => `${n((timed.at / total) * 100)}%{transform:translateY(${n(-i * box.screenHeight)}px)}`).join('');
  const css = `@keyframes play{${stops}100%{transform:translateY(${n(-(frames.length - 1) * box.screenHeight)}px)}}.strip{animation:play ${n(total)}s steps(1,end) infinite}`;
  const body =
    `<svg x="${PADDING}" y="${PADDING + TITLE_BAR}" width="${n(box.screenWidth)}" height="${n(box.screenHeight)}" viewBox="0 0 ${n(box.screenWidth)} ${n(box.screenHeight)}">` +
    `<g class="strip">${strip}</g></svg>`;
  return document(box, sheet, css, body, title);
}
