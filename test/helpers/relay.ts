import type { Socket } from 'node:net';

/** Pipes `client` and `upstream` both ways; either closing or failing closes both. Both are kept in `open` while open. */
export function relay(client: Socket, upstream: Socket, open: Set<Socket>): void {
  client.pipe(upstream);
  upstream.pipe(client);
  tieSockets(client, upstream, open);
}

/** `client` and `upstream` kept in `open` while open; either closing or failing closes both. */
export function tieSockets(client: Socket, upstream: Socket, open: Set<Socket>): void {
  for (const socket of [client, upstream]) {
    open.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => open.delete(socket));
  }
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
}
