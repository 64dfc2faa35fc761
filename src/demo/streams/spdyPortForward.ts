import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { DialResult } from './portForwardDialer.js';
import { controlFrame, controlStreamId, dataFrame, finFlag, FrameReader, frameType, HeaderBlockReader, HeaderBlockWriter, type SpdyFrame } from './spdyFrames.js';

export const portForwardProtocol = 'portforward.k8s.io';

/** One forwarded connection: the client opens an error stream and a data stream with the same requestID. */
interface StreamPair {
  port: number;
  errorStream?: number;
  dataStream?: number;
  socket?: Socket;
  /** Client bytes that came before the pod connection was up. */
  early: Buffer[];
  clientFinished: boolean;
  started: boolean;
  ended: boolean;
}

/**
 * kubectl port-forward's SPDY transport (what it falls back to against a 1.24 server, which refuses
 * its SPDY-over-WebSocket tunnel): every local connection opens two streams whose headers name
 * `streamType` (error or data), `port` and `requestID`; the kubelet dials the pod's port once both
 * are there and copies bytes both ways, with half-closes (FIN) in each direction, writing a refusal
 * on the error stream. Headers are decoded (zlib with the SPDY dictionary) because connections are
 * concurrent: the order of streams alone does not tell which belongs to which.
 */
export class SpdyPortForward {
  private readonly reader = new FrameReader();
  private readonly headersIn = new HeaderBlockReader();
  private readonly headersOut = new HeaderBlockWriter();
  private readonly pairs = new Map<string, StreamPair>();
  private readonly byStream = new Map<number, StreamPair>();
  /** Frames are handled one after another: decoding a header block is asynchronous. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly socket: Duplex,
    private readonly dial: (port: number) => Promise<DialResult>,
  ) {
    socket.on('data', (chunk: Buffer) => {
      for (const frame of this.reader.push(chunk)) this.queue = this.queue.then(() => this.handle(frame)).catch(() => this.close());
    });
    socket.on('close', () => this.close());
    socket.on('error', () => socket.destroy());
  }

  private async handle(frame: SpdyFrame): Promise<void> {
    if (this.closed) return;
    if (!frame.control) {
      this.clientData(frame.streamId, frame.payload, (frame.flags & finFlag) !== 0);
      return;
    }
    switch (frame.type) {
      case frameType.synStream: {
        const streamId = controlStreamId(frame.payload);
        const headers = await this.headersIn.read(frame.payload.subarray(10));
        this.write(controlFrame(frameType.synReply, 0, Buffer.concat([frame.payload.subarray(0, 4), this.headersOut.emptyBlock()])));
        this.streamOpened(streamId, headers);
        if ((frame.flags & finFlag) !== 0) this.clientData(streamId, Buffer.alloc(0), true);
        return;
      }
      case frameType.rstStream: {
        const pair = this.byStream.get(controlStreamId(frame.payload));
        pair?.socket?.destroy();
        if (pair !== undefined) pair.ended = true;
        return;
      }
      case frameType.ping:
        this.write(controlFrame(frameType.ping, 0, frame.payload));
        return;
      case frameType.goAway:
        this.socket.end();
        return;
      default:
        // SETTINGS, WINDOW_UPDATE, HEADERS: nothing for this server to do.
        return;
    }
  }

  private streamOpened(streamId: number, headers: Map<string, string>): void {
    const requestId = headers.get('requestid') ?? '';
    const port = Number(headers.get('port'));
    const type = headers.get('streamtype');
    let pair = this.pairs.get(requestId);
    if (pair === undefined) {
      pair = { port, early: [], clientFinished: false, started: false, ended: false };
      this.pairs.set(requestId, pair);
    }
    if (type === 'error') pair.errorStream = streamId;
    else if (type === 'data') pair.dataStream = streamId;
    this.byStream.set(streamId, pair);
    if (pair.errorStream !== undefined && pair.dataStream !== undefined && !pair.started) {
      pair.started = true;
      void this.forward(pair, requestId);
    }
  }

  private async forward(pair: StreamPair, requestId: string): Promise<void> {
    const result = Number.isInteger(pair.port) && pair.port > 0 ? await this.dial(pair.port) : { error: `invalid port ${String(pair.port)}` };
    const dataStream = pair.dataStream ?? 0;
    const errorStream = pair.errorStream ?? 0;
    const finish = (): void => {
      if (pair.ended) return;
      pair.ended = true;
      this.write(dataFrame(dataStream, finFlag, Buffer.alloc(0)));
      this.write(dataFrame(errorStream, finFlag, Buffer.alloc(0)));
      this.pairs.delete(requestId);
    };
    if ('error' in result) {
      this.write(dataFrame(errorStream, 0, Buffer.from(result.error, 'utf8')));
      finish();
      return;
    }
    const { socket } = result;
    if (this.closed || pair.ended) {
      socket.destroy();
      return;
    }
    pair.socket = socket;
    for (const chunk of pair.early.splice(0)) socket.write(chunk);
    if (pair.clientFinished) socket.end();
    socket.on('data', (chunk: Buffer) => this.write(dataFrame(dataStream, 0, chunk)));
    socket.on('error', () => socket.destroy());
    socket.once('close', finish);
  }

  private clientData(streamId: number, payload: Buffer, fin: boolean): void {
    const pair = this.byStream.get(streamId);
    if (pair === undefined || streamId !== pair.dataStream) return;
    if (payload.length > 0) {
      if (pair.socket !== undefined) pair.socket.write(payload);
      else pair.early.push(Buffer.from(payload));
    }
    if (fin) {
      pair.clientFinished = true;
      pair.socket?.end();
    }
  }

  private write(frame: Buffer): void {
    if (!this.closed && this.socket.writable) this.socket.write(frame);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.headersIn.close();
    for (const pair of this.byStream.values()) pair.socket?.destroy();
    this.byStream.clear();
    this.pairs.clear();
    this.socket.destroy();
  }
}
