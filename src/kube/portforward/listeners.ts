import { createServer, isIP, type Server, type Socket } from 'node:net';

/** A local address could not be listened on; the message is the one line to show. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}

/**
 * kubectl's `--address`: IP addresses, or `localhost` for both 127.0.0.1 and ::1 (which then
 * succeeds if either can be bound). Duplicates are dropped.
 */
export function listenAddresses(addresses: readonly string[]): Array<{ address: string; optional: boolean }> {
  const out: Array<{ address: string; optional: boolean }> = [];
  for (const raw of addresses.length === 0 ? ['localhost'] : addresses) {
    const address = raw.trim();
    if (address === 'localhost') {
      out.push({ address: '127.0.0.1', optional: true }, { address: '::1', optional: true });
    } else if (isIP(address) !== 0) {
      out.push({ address, optional: false });
    } else {
      throw new ListenError(`${address} is not a valid IP address (use IP addresses or localhost)`);
    }
  }
  return out.filter((entry, index) => out.findIndex((other) => other.address === entry.address) === index);
}

const reasons: Record<string, string> = {
  EADDRINUSE: 'address already in use',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'address not available on this machine',
};

export function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** Listens on `address:port` (0: a free port); resolves with the server and the port it got. */
export function listenOn(address: string, port: number, onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, onConnection);
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(new ListenError(`unable to listen on ${hostPort(address, port)}: ${reasons[error.code ?? ''] ?? error.message}`));
    });
    server.listen({ host: address, port, ipv6Only: address.includes(':') }, () => {
      const bound = server.address();
      resolve({ server, port: typeof bound === 'object' && bound !== null ? bound.port : port });
    });
  });
}

/** Whether `port` is free on every address (a quick bind and close). */
export async function portIsFree(addresses: readonly string[], port: number): Promise<boolean> {
  for (const { address, optional } of listenAddresses(addresses)) {
    try {
      const { server } = await listenOn(address, port, (socket) => socket.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    } catch {
      if (!optional) return false;
      if (address === '127.0.0.1') return false;
    }
  }
  return true;
}
