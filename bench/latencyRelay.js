// A TCP relay on 127.0.0.1 that holds every chunk for `delayMs` in each direction: the demo cluster
// as if it were `2 × delayMs` away (another region, a VPN), for the start-up rows at a distance.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startLatencyRelay(kubeconfig, delayMs) {
  const original = readFileSync(kubeconfig, 'utf8');
  const target = /https:\/\/127\.0\.0\.1:(\d+)/.exec(original);
  if (target === null) throw new Error(`no 127.0.0.1 server in ${kubeconfig}`);
  const sockets = new Set();
  const held = (from, to) => {
    from.on('data', (chunk) => setTimeout(() => to.destroyed || to.write(chunk), delayMs));
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
    // Only a broken side is cut off: destroy() would drop what the held writes have not flushed.
    from.on('close', (hadError) => hadError && setTimeout(() => to.destroy(), delayMs));
  };
  const server = createServer((client) => {
    const upstream = connect(Number(target[1]), '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    held(client, upstream);
    held(upstream, client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'podscope-bench-relay-'));
  // The demo's certificate names 127.0.0.1, so it stays valid through the relay.
  const relayed = join(dir, 'relayed.kubeconfig');
  writeFileSync(relayed, original.replace(target[0], `https://127.0.0.1:${server.address().port}`));
  return {
    kubeconfig: relayed,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
