import { readFileSync } from 'node:fs';
import xterm from '@xterm/headless';
import { cursorShownAfter } from './escapes.js';
import { captureFrame, frameKey, type ScreenFrame } from './screenModel.js';
import type { TimedFrame } from './svg.js';

const { Terminal } = xterm;

export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  title?: string;
  idle_time_limit?: number;
}

export type CastEvent = [seconds: number, code: 'o' | 'i' | 'r' | 'm', data: string];

export interface Cast {
  header: CastHeader;
  events: CastEvent[];
}

/** Reads an asciicast v2 file; throws with the line number on anything malformed. */
export function parseCast(text: string): Cast {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const [first, ...rest] = lines;
  const header = JSON.parse(first ?? '{}') as Partial<CastHeader>;
  if (header.version !== 2 || typeof header.width !== 'number' || typeof header.height !== 'number') throw new Error('line 1: not an asciicast v2 header');
  const events = rest.map((line, i): CastEvent => {
    const event: unknown = JSON.parse(line);
    if (!Array.isArray(event) || event.length !== 3 || typeof event[0] !== 'number' || typeof event[1] !== 'string' || typeof event[2] !== 'string') {
      throw new Error(`line ${i + 2}: not an event [time, code, data]`);
    }
    return [event[0], event[1] as CastEvent[1], event[2]];
  });
  return { header: header as CastHeader, events };
}

export function readCast(path: string): Cast {
  return parseCast(readFileSync(path, 'utf8'));
}

/** All the output of a cast, as one string (sequences may be split across events). */
export function castOutput(cast: Cast): string {
  return cast.events.filter((event) => event[1] === 'o').map((event) => event[2]).join('');
}

function write(terminal: InstanceType<typeof Terminal>, data: string): Promise<void> {
  return new Promise((resolve) => terminal.write(data, resolve));
}

export interface Replay {
  /** The screen when the cast ends. */
  final: ScreenFrame;
  /** Whether the terminal is left on its normal screen (the program left the alternate one). */
  normalScreen: boolean;
  cursorVisible: boolean;
  bracketedPaste: boolean;
  /** The last screen shown in the alternate screen (the TUI's last frame), if it ever used it. */
  lastFullScreen?: ScreenFrame;
}

/** Keeps frames shown for at least `every` seconds (and the last), one per distinct screen. */
function visibleFrames(frames: readonly TimedFrame[], every: number): TimedFrame[] {
  const kept: TimedFrame[] = [];
  frames.forEach((timed, i) => {
    const next = frames[i + 1];
    if (next !== undefined && next.at - timed.at < every) return;
    const previous = kept.at(-1);
    if (previous !== undefined && frameKey(previous.frame) === frameKey(timed.frame)) return;
    kept.push(timed);
  });
  return kept;
}

/**
 * Plays a cast through a headless terminal of its size. With `every` (seconds), also collects the
 * frames an animation shows: each distinct screen that stayed at least that long.
 */
export async function replayCast(cast: Cast, every?: number): Promise<Replay & { frames: TimedFrame[] }> {
  const terminal = new Terminal({ cols: cast.header.width, rows: cast.header.height, allowProposedApi: true });
  let cursorVisible = true;
  let lastFullScreen: ScreenFrame | undefined;
  const frames: TimedFrame[] = [];
  for (const [at, code, data] of cast.events) {
    if (code === 'r') {
      const [cols, rows] = data.split('x').map(Number);
      if (cols && rows) terminal.resize(cols, rows);
      continue;
    }
    if (code !== 'o') continue;
    await write(terminal, data);
    cursorVisible = cursorShownAfter(data, cursorVisible);
    const alternate = terminal.buffer.active.type === 'alternate';
    if (every !== undefined || alternate) {
      const frame = captureFrame(terminal, cursorVisible);
      if (alternate) lastFullScreen = frame;
      if (every !== undefined) frames.push({ frame, at });
    }
  }
  const replay = {
    final: captureFrame(terminal, cursorVisible),
    normalScreen: terminal.buffer.active.type === 'normal',
    cursorVisible,
    bracketedPaste: terminal.modes.bracketedPasteMode,
    frames: every === undefined ? [] : visibleFrames(frames, every),
    ...(lastFullScreen === undefined ? {} : { lastFullScreen }),
  };
  terminal.dispose();
  return replay;
}
