import type { ServerResponse } from 'node:http';
import type { ContainerLogs, LogEntry } from '../controlPlane/index.js';
import { ByteBudget, formatLogLine, selectEntries } from '../logs/logLines.js';
import { kubeletLogInstance, isUnscheduled, resolveLogContainer, type LogInstance } from '../logs/logTarget.js';
import { parsePodLogOptions, type PodLogOptions } from '../logs/podLogOptions.js';
import { resourceAccess, type Route, type RouteContext } from '../router.js';
import { requireObject } from './resourceHandlers.js';

/**
 * A follower that reads slower than the container writes loses lines once this much output waits in
 * its socket's buffer, so a firehose cannot grow the server's memory: a log file's worth (the
 * kubelet's default containerLogMaxSize, 10 MiB), as a real follower loses lines only once the file
 * it reads has been rotated away under it. (At 1 MiB, 80 ms of a 200,000 lines/s firehose, a
 * reader that a busy 2-core machine left unscheduled that long lost lines a kubelet would have kept.)
 */
const maxBufferedBytes = 10 * 1024 * 1024;

interface InstanceLines {
  entries: LogEntry[];
  /** The latest instance of the container: the only one a follow can stay on. */
  latest: boolean;
}

/** The lines of the run the kubelet chose, if the runtime still has them. */
function instanceLines(logs: ContainerLogs | undefined, namespace: string, pod: string, container: string, wanted: LogInstance): InstanceLines | undefined {
  const info = logs?.info(namespace, pod, container);
  if (logs === undefined || info === undefined) return undefined;
  if (info.restartCount === wanted.restartCount) return { entries: logs.read(namespace, pod, container) ?? [], latest: true };
  if (info.hasPrevious && info.restartCount - 1 === wanted.restartCount) {
    return { entries: logs.read(namespace, pod, container, { previous: true }) ?? [], latest: false };
  }
  return undefined;
}

function startBody(response: ServerResponse): void {
  response.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  response.flushHeaders();
}

function sinceMillis(options: PodLogOptions, now: number): number | undefined {
  if (options.sinceSeconds !== undefined) return now - options.sinceSeconds * 1000;
  return options.sinceTime;
}

function serveLog(context: RouteContext, logs: ContainerLogs | undefined): void {
  const { params, query, response, server } = context;
  const namespace = params['namespace'] ?? '';
  const podName = params['name'] ?? '';
  const options = parsePodLogOptions(query, podName);
  const pod = requireObject(context, 'pods');
  const container = resolveLogContainer(pod, options.container);
  if (isUnscheduled(pod)) {
    response.writeHead(204, { 'Cache-Control': 'no-cache, private' });
    response.end();
    return;
  }
  const instance = kubeletLogInstance(pod, container, options.previous);
  const lines = instanceLines(logs, namespace, podName, container, instance);
  startBody(response);
  if (lines === undefined) {
    // What the kubelet writes after it has already flushed a 200 when the runtime has lost the container.
    response.end(`unable to retrieve container logs for ${instance.containerID}`);
    return;
  }

  const since = sinceMillis(options, server.now().getTime());
  const budget = new ByteBudget(options.limitBytes);
  const backlog = selectEntries(lines.entries, { tailLines: options.tailLines, sinceMillis: since });
  const backlogText = backlog.map((entry) => formatLogLine(entry, options.timestamps)).join('');
  if (backlogText !== '') response.write(budget.take(backlogText));
  if (!options.follow || !lines.latest || budget.exhausted) {
    response.end();
    return;
  }

  let unsubscribe = (): void => {};
  let finished = false;
  // The lines a turn wrote (a firehose writes hundreds at a time) go out as one chunk, as a kubelet
  // copies its log file in blocks: one HTTP chunk per line cost the server, and every reader, an
  // event per line.
  let pending = '';
  let flushing = false;
  const flush = (): void => {
    flushing = false;
    if (pending !== '' && !response.destroyed && !response.writableEnded) response.write(pending);
    pending = '';
  };
  const finish = (): void => {
    if (finished) return;
    finished = true;
    unsubscribe();
    flush();
    if (!response.writableEnded) response.end();
  };
  const onLine = (entry: LogEntry): void => {
    if (finished || response.destroyed) return;
    if (since !== undefined && entry.time < since) return;
    if (response.writableLength + pending.length > maxBufferedBytes) return;
    pending += budget.take(formatLogLine(entry, options.timestamps));
    if (budget.exhausted) finish();
    else if (!flushing) {
      flushing = true;
      process.nextTick(flush);
    }
  };
  response.on('close', finish);
  // Reading the backlog and subscribing happen in one turn, so no line falls between them.
  unsubscribe = logs?.subscribe(namespace, podName, container, onLine, finish) ?? ((): void => {});
  if (finished) unsubscribe();
}

/**
 * `GET pods/{name}/log` as kube-apiserver 1.24 and its kubelet answer it, reading the simulated
 * container runtime's output (`logs`; without it every container's log is gone, as for a kubelet whose
 * runtime lost the container).
 */
export function logRoutes(logs: ContainerLogs | undefined): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/v1/namespaces/:namespace/pods/:name/log',
      access: resourceAccess('get', 'pods', 'log'),
      handle: (context) => serveLog(context, logs),
    },
  ];
}
