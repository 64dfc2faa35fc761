import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster, type ClusterSession } from '../../../src/kube/clusterSession.js';
import type { LogEvent } from '../../../src/kube/logs/logStream.js';
import { openPodLogs } from '../../../src/kube/logs/podLogSession.js';
import { LogBuffer } from '../../../src/model/logView.js';
import { FaultServer, labPods, sendJson } from '../faultServer.js';

// A log as fast as the socket takes it: a server on 127.0.0.1 writes LINES lines, waiting only for
// the socket to drain (as a kubelet reads its file at the reader's pace), a few lines split across
// writes and multi-byte characters cut between chunks. Through the real stream reader, merger and
// batcher into the view's bounded buffer, every line must arrive once, in order, and every one the
// bound let go must be counted — nothing lost without saying so.
const LINES = 300_000;
const STAMP = (i: number) => `2026-12-03T01:00:${String(Math.floor(i / 10_000) % 60).padStart(2, '0')}.${String(i % 10_000).padStart(9, '0')}Z`;
const text = (i: number) => `web tick ${i} ${i % 7 === 0 ? 'naïve café ✓ ' : ''}GET /api/items?page=${i % 97}`;

function writeFirehose(response: ServerResponse): void {
  response.writeHead(200, { 'Content-Type': 'text/plain' });
  let next = 0;
  const pump = (): void => {
    while (next < LINES) {
      let chunk = '';
      for (let n = 0; n < 500 && next < LINES; n++, next++) chunk += `${STAMP(next)} ${text(next)}\n`;
      // Cut at an odd byte offset, so lines and characters straddle writes.
      const bytes = Buffer.from(chunk);
      const cut = 1 + ((next * 7919) % (bytes.length - 1));
      response.write(bytes.subarray(0, cut));
      if (!response.write(bytes.subarray(cut))) return void response.once('drain', pump);
    }
    response.end();
  };
  pump();
}

describe('a log firehose through the stream reader into the view’s buffer', () => {
  let server: FaultServer;
  let session: ClusterSession;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'podscope-firehose-'));
    server = await FaultServer.start();
    const web = labPods().find((pod) => (pod['metadata'] as { name: string }).name === 'web');
    server.get = (request, response) => {
      if (request.path.endsWith('/log')) writeFirehose(response);
      else sendJson(response, 200, web);
    };
    session = await connectCluster(server.config(dir));
  });

  afterAll(async () => {
    session?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every line once and in order, and the bound drops only the oldest, each counted', async () => {
    const limits = { maxLines: 1_000, maxBytes: 1024 * 1024 };
    const buffer = new LogBuffer(limits);
    let expected = 0;
    let outOfOrder = 0;
    let batches = 0;
    const ended = new Promise<LogEvent>((resolve) => {
      const handle = openPodLogs(
        session.kubeConfig,
        session,
        { namespace: 'lab', pod: 'web', containers: ['web'], previous: false, follow: false },
        (events) => {
          batches++;
          for (const event of events) {
            if (event.kind === 'line') {
              // As the log view takes them in (src/ui/logs/LogView.tsx).
              buffer.appendLine(event.container, event.timestamp, event.text, false, event.raw);
              if (event.text !== text(expected) || event.timestamp !== STAMP(expected)) outOfOrder++;
              expected++;
            } else if (event.kind === 'end') {
              handle.close();
              resolve(event);
            }
          }
        },
        { batchMs: 20 },
      );
    });
    expect((await ended).kind).toBe('end');
    expect(outOfOrder).toBe(0);
    expect(expected).toBe(LINES);
    // Batched, not one update per line.
    expect(batches).toBeLessThan(LINES / 100);
    expect(buffer.end).toBe(LINES);
    expect(buffer.length).toBe(limits.maxLines);
    expect(buffer.start).toBe(LINES - limits.maxLines);
    expect(buffer.get(buffer.start)?.text).toBe(text(LINES - limits.maxLines));
    expect(buffer.get(LINES - 1)?.text).toBe(text(LINES - 1));
    // Decoded whole: no character torn between chunks, so no raw bytes kept beside the text.
    const accented = LINES - 1 - ((LINES - 1) % 7);
    expect(buffer.get(accented)?.text).toContain('naïve café ✓');
    expect(buffer.get(accented)?.raw).toBeUndefined();
  });
});
