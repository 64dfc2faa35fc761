import type { LogEvent } from '../../../src/kube/logs/logStream.js';
import type { PodLogRequest } from '../../../src/kube/logs/podLogSession.js';
import type { ContainerTarget, DebugPermissions, DebugProgressView, DebugRequest, DebugServices, LogServices, SessionStart } from '../../../src/ui/services.js';

export interface FakeLaunch {
  request: DebugRequest;
  signal: AbortSignal;
  progress(view: DebugProgressView): void;
  resolve(target: ContainerTarget): void;
  reject(error: Error): void;
}

/** A UI-level stand-in for the composition root's debug services: records every call, the test settles launches. */
export interface FakeDebug {
  services: DebugServices;
  launches: FakeLaunch[];
  attached: ContainerTarget[];
  shells: ContainerTarget[];
  permissionQueries: string[];
  /** Each attach or shell asked for, in order; settle() answers the oldest unanswered one. */
  sessions: FakeSession[];
  lastLaunch(): FakeLaunch;
}

export interface FakeSession {
  action: 'attach' | 'shell';
  target: ContainerTarget;
  signal: AbortSignal | undefined;
  /** What the UI says was typed while it opened. */
  typed: (() => string) | undefined;
  settle(start: SessionStart): void;
}

const ALLOWED: DebugPermissions = { debug: { allowed: true }, attach: { allowed: true }, exec: { allowed: true }, copy: { allowed: true } };

/**
 * `sessions: 'manual'` leaves every attach and shell open until the test settles it; by default they
 * are handed over at once (resolve `started: true`).
 */
export function fakeDebug(options: { permissions?: Partial<DebugPermissions>; recentImages?: string[]; sessions?: 'manual' } = {}): FakeDebug {
  const launches: FakeLaunch[] = [];
  const attached: ContainerTarget[] = [];
  const shells: ContainerTarget[] = [];
  const permissionQueries: string[] = [];
  const sessions: FakeSession[] = [];
  const open = (action: 'attach' | 'shell', target: ContainerTarget, signal: AbortSignal | undefined, typed: (() => string) | undefined): Promise<SessionStart> =>
    new Promise<SessionStart>((resolve) => {
      (action === 'attach' ? attached : shells).push(target);
      sessions.push({ action, target, signal, typed, settle: resolve });
      if (options.sessions !== 'manual') resolve({ started: true });
    });
  const services: DebugServices = {
    permissions: (namespace) => {
      permissionQueries.push(namespace);
      return Promise.resolve({ ...ALLOWED, ...options.permissions });
    },
    recentImages: () => options.recentImages ?? [],
    launch: (request, onProgress, signal) =>
      new Promise<ContainerTarget>((resolve, reject) => {
        launches.push({ request, signal, progress: onProgress, resolve, reject });
        signal.addEventListener('abort', () => reject(new Error('stopped waiting')), { once: true });
      }),
    attach: (target, signal, typed) => open('attach', target, signal, typed),
    shell: (target, signal, typed) => open('shell', target, signal, typed),
  };
  return {
    services,
    launches,
    attached,
    shells,
    permissionQueries,
    sessions,
    lastLaunch() {
      const launch = launches[launches.length - 1];
      if (launch === undefined) throw new Error('nothing was launched');
      return launch;
    },
  };
}

export interface FakeLogs {
  services: LogServices;
  opened: PodLogRequest[];
}

/** A log source that answers every stream with one line naming its container. */
export function fakeLogs(): FakeLogs {
  const opened: PodLogRequest[] = [];
  return {
    opened,
    services: {
      source: {
        open(request, onBatch) {
          opened.push(request);
          const timer = setTimeout(() => {
            const events: LogEvent[] = request.containers.map((container) => ({
              kind: 'line',
              container,
              key: `${container}-1`,
              timestamp: '2026-11-23T09:12:00.000000000Z',
              text: `log line of ${container}`,
            }));
            onBatch(events);
          }, 5);
          return { close: () => clearTimeout(timer) };
        },
      },
      save: (name) => Promise.resolve(`/tmp/${name}.log`),
    },
  };
}
