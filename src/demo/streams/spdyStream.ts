import type { Duplex } from 'node:stream';
import { controlFrame, controlStreamId, dataFrame, finFlag, FrameReader, frameType, HeaderBlockWriter } from './spdyFrames.js';
import type { OutputStream } from './localProcess.js';
import type { SessionStream, StreamFlags } from './sessionStream.js';
import { goJson, type StreamOutcome } from './streamStatus.js';

/*
 * The SPDY/3.1 transport of exec/attach, which kubectl falls back to when a 1.24 server refuses its
 * v5.channel.k8s.io WebSocket. Only what client-go's remotecommand (protocol v4.channel.k8s.io) uses:
 * it opens its streams one at a time, each waiting for our SYN_REPLY, in a fixed order (error, then
 * stdin, stdout, stderr when asked for, resize with a tty), so a stream's role follows from its
 * position and the request's flags and the client's compressed headers need not be decoded.
 */

type Role = 'error' | 'stdin' | 'stdout' | 'stderr' | 'resize';

export const spdyProtocolVersion = 'v4.channel.k8s.io';

function streamRoles(flags: StreamFlags): Role[] {
  const roles: Role[] = ['error'];
  if (flags.stdin) roles.push('stdin');
  if (flags.stdout) roles.push('stdout');
  if (flags.stderr && !flags.tty) roles.push('stderr');
  if (flags.tty) roles.push('resize');
  return roles;
}

export class SpdyStream implements SessionStream {
  private readonly reader = new FrameReader();
  private readonly roles: Role[];
  private readonly streamIds = new Map<Role, number>();
  private readonly headers = new HeaderBlockWriter();
  private readonly stdinListeners = new Set<(data: Buffer) => void>();
  private readonly resizeListeners = new Set<(columns: number, rows: number) => void>();
  private readonly closeListeners = new Set<() => void>();
  private readonly pendingOutput: Array<{ role: Role; data: Buffer }> = [];
  private resizeText = '';
  private ended = false;
  private readyListener: (() => void) | undefined;

  constructor(
    private readonly socket: Duplex,
    readonly flags: StreamFlags,
  ) {
    this.roles = streamRoles(flags);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.closed());
    socket.on('error', () => socket.destroy());
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Called once the client has opened all its streams. */
  onReady(listener: () => void): void {
    this.readyListener = listener;
  }

  onStdin(listener: (data: Buffer) => void): void {
    this.stdinListeners.add(listener);
  }

  onResize(listener: (columns: number, rows: number) => void): void {
    this.resizeListeners.add(listener);
  }

  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  output(stream: OutputStream, data: Buffer): void {
    const role: Role = stream === 'stderr' && !this.flags.tty ? 'stderr' : 'stdout';
    this.sendData(role, data, 0);
  }

  end(outcome: StreamOutcome): void {
    if (this.ended) return;
    for (const role of ['stdout', 'stderr'] as const) this.sendData(role, Buffer.alloc(0), finFlag);
    this.sendData('error', Buffer.from(goJson(outcome.status)), finFlag);
    this.ended = true;
    const lastStream = Math.max(0, ...this.streamIds.values());
    const goAway = Buffer.alloc(8);
    goAway.writeUInt32BE(lastStream, 0);
    this.socket.write(controlFrame(frameType.goAway, 0, goAway));
    this.socket.end();
  }

  private sendData(role: Role, data: Buffer, flags: number): void {
    if (this.ended || !this.socket.writable) return;
    const id = this.streamIds.get(role);
    if (id === undefined) {
      if (this.streamIds.size < this.roles.length && this.roles.includes(role)) this.pendingOutput.push({ role, data });
      return;
    }
    this.socket.write(dataFrame(id, flags, data));
  }

  private closed(): void {
    if (this.ended && this.closeListeners.size === 0) return;
    this.ended = true;
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
  }

  private receive(chunk: Buffer): void {
    for (const frame of this.reader.push(chunk)) {
      if (frame.control) this.controlFrame(frame.type, frame.payload);
      else this.dataFrame(frame.streamId, frame.payload);
    }
  }

  private controlFrame(type: number, payload: Buffer): void {
    if (type === frameType.synStream) {
      const streamId = controlStreamId(payload);
      const role = this.roles[this.streamIds.size];
      if (role === undefined) return;
      this.streamIds.set(role, streamId);
      const reply = Buffer.alloc(4);
      reply.writeUInt32BE(streamId, 0);
      this.socket.write(controlFrame(frameType.synReply, 0, Buffer.concat([reply, this.headers.emptyBlock()])));
      if (this.streamIds.size === this.roles.length) {
        for (const pending of this.pendingOutput.splice(0)) this.sendData(pending.role, pending.data, 0);
        this.readyListener?.();
      }
    } else if (type === frameType.ping) {
      this.socket.write(controlFrame(frameType.ping, 0, payload));
    } else if (type === frameType.goAway) {
      this.socket.end();
    }
  }

  private dataFrame(streamId: number, payload: Buffer): void {
    if (payload.length === 0) return;
    if (streamId === this.streamIds.get('stdin')) {
      for (const listener of this.stdinListeners) listener(payload);
    } else if (streamId === this.streamIds.get('resize')) {
      this.resizeText += payload.toString('utf8');
      let newline = this.resizeText.indexOf('\n');
      while (newline >= 0) {
        const line = this.resizeText.slice(0, newline);
        this.resizeText = this.resizeText.slice(newline + 1);
        this.resize(line);
        newline = this.resizeText.indexOf('\n');
      }
    }
  }

  private resize(line: string): void {
    try {
      const size = JSON.parse(line) as { Width?: unknown; Height?: unknown };
      if (typeof size.Width === 'number' && typeof size.Height === 'number' && size.Width > 0 && size.Height > 0) {
        for (const listener of this.resizeListeners) listener(size.Width, size.Height);
      }
    } catch {
      // not a size
    }
  }
}
