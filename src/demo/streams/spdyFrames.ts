import { createInflate, constants as zlibConstants, type Inflate } from 'node:zlib';

/*
 * SPDY/3.1 framing, as far as client-go's spdystream (kubectl exec/attach/port-forward against a 1.24
 * server) uses it: control frames with a version and a type, data frames with a stream id, FIN flags.
 */

const controlBit = 0x80;
const spdyVersion = 3;

export const frameType = { synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7, headers: 8, windowUpdate: 9 } as const;
export const finFlag = 0x01;

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16BE((controlBit << 8) | spdyVersion, 0);
  header.writeUInt16BE(type, 2);
  header.writeUInt32BE(payload.length, 4);
  header[4] = flags;
  return Buffer.concat([header, payload]);
}

export function dataFrame(streamId: number, flags: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(streamId & 0x7fffffff, 0);
  header.writeUInt32BE(payload.length, 4);
  header[4] = flags;
  return Buffer.concat([header, payload]);
}

export type SpdyFrame =
  | { control: true; type: number; flags: number; payload: Buffer }
  | { control: false; streamId: number; flags: number; payload: Buffer };

/** Splits the bytes of a connection into frames; keeps an incomplete frame for the next chunk. */
export class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): SpdyFrame[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: SpdyFrame[] = [];
    while (this.buffered.length >= 8) {
      const length = this.buffered.readUInt32BE(4) & 0xffffff;
      if (this.buffered.length < 8 + length) break;
      const frame = this.buffered.subarray(0, 8 + length);
      this.buffered = this.buffered.subarray(8 + length);
      const flags = frame[4] ?? 0;
      const payload = Buffer.from(frame.subarray(8));
      if (((frame[0] ?? 0) & controlBit) !== 0) frames.push({ control: true, type: frame.readUInt16BE(2), flags, payload });
      else frames.push({ control: false, streamId: frame.readUInt32BE(0) & 0x7fffffff, flags, payload });
    }
    return frames;
  }
}

/** The stream id a SYN_STREAM, SYN_REPLY, RST_STREAM or WINDOW_UPDATE frame is about. */
export function controlStreamId(payload: Buffer): number {
  return payload.length >= 4 ? payload.readUInt32BE(0) & 0x7fffffff : 0;
}

/**
 * An empty header block in the one zlib stream a SPDY sender keeps for all its header blocks: stored
 * (uncompressed) deflate blocks need no dictionary, and a sync flush ends each block on a byte boundary.
 */
export class HeaderBlockWriter {
  private started = false;

  emptyBlock(): Buffer {
    const zlibHeader = this.started ? Buffer.alloc(0) : Buffer.from([0x78, 0x01]);
    this.started = true;
    const storedZeroCount = Buffer.from([0x00, 0x04, 0x00, 0xfb, 0xff, 0x00, 0x00, 0x00, 0x00]);
    const syncFlush = Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]);
    return Buffer.concat([zlibHeader, storedZeroCount, syncFlush]);
  }
}

// The SPDY/3 header compression dictionary (draft-mbelshe-httpbis-spdy-00, 2.6.10.1): these words,
// each behind its 4-byte big-endian length, then this text.
const dictionaryWords = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
  'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date', 'etag',
  'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since',
  'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer',
  'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'warning',
  'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive', 'origin',
];
const dictionaryText =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
  '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
  'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

export const headerDictionary: Buffer = Buffer.concat([
  ...dictionaryWords.map((word) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(word.length, 0);
    return Buffer.concat([length, Buffer.from(word, 'latin1')]);
  }),
  Buffer.from(dictionaryText, 'latin1'),
]);

/**
 * The receiving side of the sender's header compression: one inflate stream for the whole
 * connection (each block continues it), with the SPDY dictionary. Blocks must be read in order.
 */
export class HeaderBlockReader {
  private readonly inflate: Inflate = createInflate({ dictionary: headerDictionary });
  private output: Buffer[] = [];
  private failed: Error | undefined;

  constructor() {
    this.inflate.on('data', (chunk: Buffer) => this.output.push(chunk));
    this.inflate.on('error', (error: Error) => (this.failed = error));
  }

  /** Decompresses one header block into lower-case names and their values (NUL separates several). */
  read(block: Buffer): Promise<Map<string, string>> {
    return new Promise((resolve, reject) => {
      if (this.failed !== undefined) {
        reject(this.failed);
        return;
      }
      this.inflate.write(block);
      this.inflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
        const bytes = Buffer.concat(this.output);
        this.output = [];
        if (this.failed !== undefined) reject(this.failed);
        else resolve(parseHeaderBlock(bytes));
      });
    });
  }

  close(): void {
    this.inflate.close();
  }
}

function parseHeaderBlock(bytes: Buffer): Map<string, string> {
  const headers = new Map<string, string>();
  if (bytes.length < 4) return headers;
  const count = bytes.readUInt32BE(0);
  let offset = 4;
  const take = (): string | undefined => {
    if (offset + 4 > bytes.length) return undefined;
    const length = bytes.readUInt32BE(offset);
    offset += 4;
    if (offset + length > bytes.length) return undefined;
    const text = bytes.subarray(offset, offset + length).toString('utf8');
    offset += length;
    return text;
  };
  for (let i = 0; i < count; i++) {
    const name = take();
    const value = take();
    if (name === undefined || value === undefined) break;
    headers.set(name.toLowerCase(), value);
  }
  return headers;
}
