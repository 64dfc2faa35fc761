import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { UpgradeContext } from '../router.js';
import { negotiateProtocol, offeredProtocols, type StreamProtocol } from '../streams/channelProtocol.js';

/** A plain-text HTTP answer instead of the upgrade (the kubelet's errors come through as text). */
export function refuse(socket: Duplex, code: number, reason: string, body: string): void {
  socket.end(`HTTP/1.1 ${code} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export function offersSpdy(request: IncomingMessage): boolean {
  return (request.headers.upgrade ?? '').toLowerCase().startsWith('spdy/3');
}

/** The 101 answer that switches the connection to SPDY/3.1 with `protocol` (X-Stream-Protocol-Version). */
export function spdyUpgradeResponse(protocol: string): string {
  return `HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`;
}

export interface StreamTransports {
  /** What a SPDY client must offer in X-Stream-Protocol-Version. */
  spdyProtocol: string;
  /** The connection after the SPDY 101 was written. */
  onSpdy(socket: Duplex): void;
  /** The handler of the WebSocket, or undefined when the request was refused already. */
  onWebSocket(protocol: StreamProtocol): ((webSocket: WebSocket) => void) | undefined;
}

/**
 * Switches a streaming request (exec, attach, port-forward) to the client's transport as
 * kube-apiserver 1.24 does: SPDY/3.1 when asked for it with a protocol it speaks, else a channel
 * WebSocket; a client offering only protocols it does not speak (v5, kubectl's SPDY tunnel over a
 * WebSocket) gets an empty 403, which sends kubectl back to SPDY.
 */
export function upgradeStream(context: UpgradeContext, websockets: WebSocketServer, transports: StreamTransports): void {
  const { request, socket, head } = context;
  if (offersSpdy(request)) {
    if (!offeredProtocols(request.headers['x-stream-protocol-version']).includes(transports.spdyProtocol)) {
      refuse(socket, 403, 'Forbidden', '');
      return;
    }
    socket.write(spdyUpgradeResponse(transports.spdyProtocol));
    transports.onSpdy(socket);
    if (head.length > 0) socket.unshift(head);
    return;
  }
  const protocol = negotiateProtocol(offeredProtocols(request.headers['sec-websocket-protocol']));
  if (protocol === undefined) {
    refuse(socket, 403, 'Forbidden', '');
    return;
  }
  const onOpen = transports.onWebSocket(protocol);
  if (onOpen !== undefined) websockets.handleUpgrade(request, socket, head, onOpen);
}
