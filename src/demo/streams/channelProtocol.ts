/**
 * The channel.k8s.io WebSocket protocols of kube-apiserver 1.24's exec/attach: every message starts
 * with a channel number (0 stdin, 1 stdout, 2 stderr, 3 error/status, 4 resize); the base64
 * variants send text frames with the channel as an ASCII digit and the payload base64-encoded.
 * `v4.*` report the end as a JSON Status on channel 3; older ones only write an error's text there.
 */

export const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4 } as const;

/** What kube-apiserver 1.24 accepts; v5.channel.k8s.io (1.30+) is not among them. */
export const supportedProtocols = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io', 'channel.k8s.io', 'base64.channel.k8s.io'] as const;
export type StreamProtocol = (typeof supportedProtocols)[number];

/** The protocol the server answers with, in the client's order of preference; undefined if none fits (HTTP 403). */
export function negotiateProtocol(offered: readonly string[]): StreamProtocol | undefined {
  if (offered.length === 0) return 'channel.k8s.io';
  for (const protocol of offered) {
    const supported = supportedProtocols.find((candidate) => candidate === protocol);
    if (supported !== undefined) return supported;
  }
  return undefined;
}

/** The subprotocols of a Sec-WebSocket-Protocol header, in order. */
export function offeredProtocols(header: string | string[] | undefined): string[] {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '');
}

export function isBase64Protocol(protocol: StreamProtocol): boolean {
  return protocol.includes('base64');
}

export function reportsStatus(protocol: StreamProtocol): boolean {
  return protocol.startsWith('v4.');
}

/** One outgoing message: binary for the raw protocols, text for the base64 ones. */
export function encodeFrame(protocol: StreamProtocol, channel: number, payload: Buffer | string): { data: Buffer | string; binary: boolean } {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (isBase64Protocol(protocol)) return { data: `${String.fromCharCode(48 + channel)}${bytes.toString('base64')}`, binary: false };
  return { data: Buffer.concat([Buffer.from([channel]), bytes]), binary: true };
}

/** An incoming message split into channel and payload; undefined for an empty or malformed one. */
export function decodeFrame(protocol: StreamProtocol, data: Buffer): { channel: number; payload: Buffer } | undefined {
  if (data.length === 0) return undefined;
  if (isBase64Protocol(protocol)) {
    const channel = (data[0] ?? 0) - 48;
    if (channel < 0 || channel > 9) return undefined;
    return { channel, payload: Buffer.from(data.subarray(1).toString('ascii'), 'base64') };
  }
  return { channel: data[0] ?? 0, payload: data.subarray(1) };
}

/** A channel-4 message: `{"Width":W,"Height":H}`. */
export function parseResize(payload: Buffer): { width: number; height: number } | undefined {
  try {
    const parsed: unknown = JSON.parse(payload.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const width = (parsed as Record<string, unknown>)['Width'];
    const height = (parsed as Record<string, unknown>)['Height'];
    if (typeof width !== 'number' || typeof height !== 'number' || width <= 0 || height <= 0) return undefined;
    return { width: Math.floor(width), height: Math.floor(height) };
  } catch {
    return undefined;
  }
}
