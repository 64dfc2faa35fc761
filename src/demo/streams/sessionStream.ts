import type { OutputStream } from './localProcess.js';
import type { StreamOutcome } from './streamStatus.js';

export interface StreamFlags {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** One exec/attach session's client side, whatever the transport (WebSocket channels or SPDY streams). */
export interface SessionStream {
  readonly flags: StreamFlags;
  readonly isOpen: boolean;
  onStdin(listener: (data: Buffer) => void): void;
  onResize(listener: (columns: number, rows: number) => void): void;
  /** The client went away (or the session ended). */
  onClose(listener: () => void): void;
  /** Output of the process; with a tty stderr shares stdout, as in a terminal. */
  output(stream: OutputStream, data: Buffer): void;
  /** Reports the outcome on the error stream and ends the session. */
  end(outcome: StreamOutcome): void;
}
