import type { ReactElement } from 'react';
import { render } from 'ink-testing-library';
import { codePointWidth } from '../../../src/model/sanitize.js';

export interface Size {
  columns: number;
  rows: number;
}

/** What a terminal sends for the named keys. */
export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  ctrlB: '\u0002',
  ctrlC: '\u0003',
  ctrlF: '\u0006',
} as const;

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export function visibleWidth(line: string): number {
  let width = 0;
  for (const ch of stripAnsi(line)) width += codePointWidth(ch.codePointAt(0) ?? 0);
  return width;
}

function setSize(stdout: object, size: Size): void {
  Object.defineProperty(stdout, 'columns', { get: () => size.columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { get: () => size.rows, configurable: true });
}

const tick = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RenderedUi {
  /** The latest frame, with ANSI styling. */
  rawFrame(): string;
  /** The latest frame as plain text. */
  frame(): string;
  lines(): string[];
  size(): Size;
  /** Changes the terminal size and tells the app, as a SIGWINCH would. */
  resize(size: Size): void;
  /** Types keys one at a time, giving the app a turn after each. */
  press(...keys: string[]): Promise<void>;
  /** Writes the chunks back to back with no turn between, as a fast SSH link or a paste delivers them. */
  burst(...chunks: string[]): void;
  /** Waits until the plain frame satisfies `predicate`; fails with the last frame after `timeoutMs`. */
  waitForFrame(predicate: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
  rerender(tree: ReactElement): void;
  unmount(): void;
  /** How many frames Ink has written so far (in ink-testing-library's debug mode, one per render). */
  writes(): number;
}

/**
 * Renders `tree` with ink-testing-library in a terminal of the given size. Its fake stdout is
 * 100 columns wide and has no rows, so the size is set on it before the tree is first rendered.
 */
export function renderAt(tree: ReactElement, initial: Size): RenderedUi {
  let size = initial;
  const instance = render(<></>);
  setSize(instance.stdout, size);
  instance.rerender(tree);

  const rawFrame = (): string => instance.lastFrame() ?? '';
  const frame = (): string => stripAnsi(rawFrame());
  return {
    rawFrame,
    frame,
    lines: () => frame().split('\n'),
    size: () => size,
    resize(next) {
      size = next;
      setSize(instance.stdout, next);
      instance.stdout.emit('resize');
    },
    async press(...keys) {
      for (const key of keys) {
        await tick();
        instance.stdin.write(key);
        await tick();
      }
    },
    async waitForFrame(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = frame();
        if (predicate(current)) return current;
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for the frame; last frame:\n${current}`);
        }
        await tick(10);
      }
    },
    burst(...chunks) {
      for (const chunk of chunks) instance.stdin.write(chunk);
    },
    rerender: (next) => instance.rerender(next),
    unmount: () => instance.unmount(),
    writes: () => instance.frames.length,
  };
}

/** Problems with how a frame fits the terminal: lines too wide, or more lines than rows. */
export function overflowProblems(rawFrame: string, size: Size): string[] {
  const lines = rawFrame.split('\n');
  const problems = lines
    .map((line, i) => ({ i, width: visibleWidth(line), line: stripAnsi(line) }))
    .filter((l) => l.width > size.columns)
    .map((l) => `line ${l.i} is ${l.width} columns wide (> ${size.columns}): ${JSON.stringify(l.line)}`);
  if (lines.length > size.rows) problems.push(`${lines.length} lines for ${size.rows} rows`);
  return problems;
}
