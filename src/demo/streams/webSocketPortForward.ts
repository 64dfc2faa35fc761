import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { decodeFrame, encodeFrame, type StreamProtocol } from './channelProtocol.js';
import type { DialResult } from './portForwardDialer.js';

/** The port number as the server's first frame on a port's two channels carries it: 2 bytes, little-endian. */
function portPrefix(port: number): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16LE(port, 0);
  return prefix;
}

/**
 * One port-forward WebSocket as the kubelet serves it (recorded in streams/portforward-*.jsonl):
 * each requested port gets a data channel (2i) and an error channel (2i+1), both opened with the
 * port number; the pod is dialled at once, a refusal goes out on the error channel, the client's
 * bytes on the data channel go to the pod and the pod's come back on it. When every port's
 * connection has ended the WebSocket closes normally; when the client goes, the connections go.
 */
export function serveWebSocketPortForward(webSocket: WebSocket, protocol: StreamProtocol, ports: readonly number[], dial: (port: number) => Promise<DialResult>): void {
  const connections: Array<Socket | undefined> = ports.map(() => undefined);
  const early: Buffer[][] = ports.map(() => []);
  let open = ports.length;
  let closed = false;

  const send = (channel: number, payload: Buffer | string): void => {
    if (closed || webSocket.readyState !== webSocket.OPEN) return;
    const frame = encodeFrame(protocol, channel, payload);
    webSocket.send(frame.data, { binary: frame.binary });
  };
  const finished = (): void => {
    open -= 1;
    if (open === 0 && !closed) {
      closed = true;
      webSocket.close(1000);
    }
  };

  webSocket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const frame = decodeFrame(protocol, bytes);
    if (frame === undefined || frame.channel % 2 !== 0 || frame.payload.length === 0) return;
    const index = frame.channel / 2;
    const connection = connections[index];
    if (connection !== undefined) connection.write(frame.payload);
    else early[index]?.push(Buffer.from(frame.payload));
  });
  webSocket.on('close', () => {
    closed = true;
    for (const connection of connections) connection?.destroy();
  });
  webSocket.on('error', () => webSocket.terminate());

  ports.forEach((port, index) => {
    send(index * 2, portPrefix(port));
    send(index * 2 + 1, portPrefix(port));
  });
  ports.forEach((port, index) => {
    void dial(port).then((result) => {
      if ('error' in result) {
        send(index * 2 + 1, result.error);
        finished();
        return;
      }
      const { socket } = result;
      if (closed) {
        socket.destroy();
        return;
      }
      connections[index] = socket;
      for (const chunk of early[index]?.splice(0) ?? []) socket.write(chunk);
      socket.on('data', (chunk: Buffer) => send(index * 2, chunk));
      socket.on('error', () => socket.destroy());
      socket.once('close', finished);
    });
  });
}
