import type { WebSocket } from 'ws';
import { Channel, decodeFrame, encodeFrame, parseResize, reportsStatus, type StreamProtocol } from './channelProtocol.js';
import type { OutputStream } from './localProcess.js';
import type { SessionStream, StreamFlags } from './sessionStream.js';
import { goJson, type StreamOutcome } from './streamStatus.js';

export type { StreamFlags } from './sessionStream.js';

/**
 * One exec/attach WebSocket seen as the streams it multiplexes: output goes out on channels 1/2,
 * stdin and resize messages come in on 0/4, and the outcome ends it on channel 3 before a 1000 close.
 */
export class ChannelStream implements SessionStream {
  private ended = false;
  private readonly stdinListeners = new Set<(data: Buffer) => void>();
  private readonly resizeListeners = new Set<(columns: number, rows: number) => void>();
  private readonly closeListeners = new Set<() => void>();

  constructor(
    private readonly socket: WebSocket,
    private readonly protocol: StreamProtocol,
    readonly flags: StreamFlags,
  ) {
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => this.receive(Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)));
    socket.on('close', () => {
      this.ended = true;
      for (const listener of this.closeListeners) listener();
    });
    socket.on('error', () => socket.terminate());
    // Like the kubelet: an empty message on the lowest writable channel says the stream is ready.
    this.send(flags.stdout ? Channel.stdout : flags.stderr ? Channel.stderr : Channel.error, Buffer.alloc(0));
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  onStdin(listener: (data: Buffer) => void): void {
    this.stdinListeners.add(listener);
  }

  onResize(listener: (columns: number, rows: number) => void): void {
    this.resizeListeners.add(listener);
  }

  /** The client went away (or the stream ended). */
  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  /** Output of the process; with a tty stderr shares stdout, as in a terminal. */
  output(stream: OutputStream, data: Buffer): void {
    if (stream === 'stderr' && !this.flags.tty) {
      if (this.flags.stderr) this.send(Channel.stderr, data);
      return;
    }
    if (this.flags.stdout) this.send(Channel.stdout, data);
  }

  /** Writes the outcome on channel 3 and closes normally. */
  end(outcome: StreamOutcome): void {
    if (this.ended) return;
    if (reportsStatus(this.protocol)) this.send(Channel.error, goJson(outcome.status));
    else if (outcome.errorText !== undefined) this.send(Channel.error, outcome.errorText);
    this.ended = true;
    this.socket.close(1000);
  }

  private send(channel: number, payload: Buffer | string): void {
    if (this.ended || this.socket.readyState !== this.socket.OPEN) return;
    const frame = encodeFrame(this.protocol, channel, payload);
    this.socket.send(frame.data, { binary: frame.binary });
  }

  private receive(data: Buffer): void {
    const frame = decodeFrame(this.protocol, data);
    if (frame === undefined || this.ended) return;
    if (frame.channel === Channel.stdin && this.flags.stdin) {
      for (const listener of this.stdinListeners) listener(frame.payload);
    } else if (frame.channel === Channel.resize) {
      const size = parseResize(frame.payload);
      if (size !== undefined) for (const listener of this.resizeListeners) listener(size.width, size.height);
    }
  }
}
