import type { JsonObject } from '../apiTypes.js';
import { arrayAt, isJsonObject, stringAt } from '../jsonAccess.js';
import { imageRepository, normalizeImage } from '../controlPlane/images.js';

/**
 * What `ps` shows in a demo debug container. A real debugger that shares a process namespace sees
 * the target's processes (its PID 1) and its own; the demo's debug shell is a host /bin/sh, whose
 * own `ps` would list this machine's processes instead. So the shell gets a `ps` that prints the
 * table busybox prints (recorded: test/fixtures/k8s-1.24/streams/attach-ephemeral-tty-v4.jsonl)
 * for the containers it shares a process namespace with: the ephemeral container's
 * targetContainerName, or every container of a pod with shareProcessNamespace (a debug copy).
 */

export interface Process {
  pid: number;
  user: string;
  command: string;
}

/** What a container runs: its command and args, else its image's entrypoint as far as the demo knows it. */
export function commandLine(container: JsonObject): string {
  const strings = (key: string): string[] => arrayAt(container, key).filter((part): part is string => typeof part === 'string');
  const command = strings('command');
  const args = strings('args');
  if (command.length > 0) return [...command, ...args].join(' ');
  const repository = imageRepository(normalizeImage(stringAt(container, 'image') ?? ''));
  const entrypoint = /(^|\/)pause$/.test(repository) ? '/pause' : `/${repository.slice(repository.lastIndexOf('/') + 1)}`;
  // Args alone run after the image's entrypoint.
  return [entrypoint, ...args].join(' ');
}

function runningContainers(pod: JsonObject): Set<string> {
  const running = new Set<string>();
  for (const status of arrayAt(pod, 'status', 'containerStatuses').filter(isJsonObject)) {
    const state = status['state'];
    if (isJsonObject(state) && state['running'] !== undefined) running.add(stringAt(status, 'name') ?? '');
  }
  return running;
}

/** The processes the debugger `debuggerSpec` sees in `pod`, its own shell and `ps` last. */
export function sharedProcesses(pod: JsonObject, debuggerSpec: JsonObject): Process[] {
  const target = stringAt(debuggerSpec, 'targetContainerName');
  const debuggerName = stringAt(debuggerSpec, 'name');
  const shareAll = pod['spec'] !== undefined && isJsonObject(pod['spec']) && pod['spec']['shareProcessNamespace'] === true;
  const running = runningContainers(pod);
  const shared = arrayAt(pod, 'spec', 'containers')
    .filter(isJsonObject)
    .filter((container) => {
      const name = stringAt(container, 'name') ?? '';
      return name !== debuggerName && running.has(name) && (shareAll || name === target);
    });
  // With a shared namespace the pause container is PID 1 and the apps follow; a target's own namespace starts at its command.
  const processes: Process[] = shareAll ? [{ pid: 1, user: '65535', command: '/pause' }] : [];
  for (const container of shared) {
    const command = commandLine(container);
    processes.push({ pid: processes.length === 0 ? 1 : 7 * processes.length, user: command === '/pause' ? '65535' : 'root', command });
  }
  const next = processes.length === 0 ? 1 : 7 * processes.length + 5;
  processes.push({ pid: next, user: 'root', command: 'sh' }, { pid: next + 6, user: 'root', command: 'ps' });
  return processes;
}

/** busybox ps: `PID   USER     COMMAND`, the pid right-aligned in 5, lines cut to the terminal's width. */
export function psScript(processes: readonly Process[]): string {
  const table = ['PID   USER     COMMAND', ...processes.map((p) => `${String(p.pid).padStart(5)} ${p.user.padEnd(8)} ${p.command}`)].join('\n');
  return [
    '#!/bin/sh',
    '# podscope demo cluster: the processes this debug container shares (see src/demo/streams/processTable.ts).',
    'width=$(stty size 2>/dev/null | cut -d" " -f2)',
    '[ "${width:-0}" -gt 0 ] 2>/dev/null || width=80',
    "cut -c1-\"$width\" <<'PODSCOPE_PS'",
    table,
    'PODSCOPE_PS',
    '',
  ].join('\n');
}
