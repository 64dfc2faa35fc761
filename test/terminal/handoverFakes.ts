import { EventEmitter } from 'node:events';

/** A terminal's stdin as handTerminalTo sees it: raw mode, pause/resume, typed keys. */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  isRaw = false;
  paused = true;
  rawHistory: boolean[] = [];
  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    this.rawHistory.push(mode);
    return this;
  }
  resume(): this {
    this.paused = false;
    return this;
  }
  pause(): this {
    this.paused = true;
    return this;
  }
  type(text: string): void {
    this.emit('data', Buffer.from(text, 'latin1'));
  }
}

/** A terminal's stdout: size, resize events, everything written. */
export class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 80;
  rows = 24;
  written = '';
  write(chunk: string | Uint8Array): boolean {
    this.written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }
  resizeTo(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

