import type { JsonObject, ObjectStoreApi, StoreChange } from '../apiTypes.js';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../jsonAccess.js';
import type { SessionStream } from './sessionStream.js';
import { imageHasShell } from './imageShell.js';
import { psScript, sharedProcesses } from './processTable.js';
import { resolveExecutable, startLocalProcess, type LocalProcess, type LocalProcessOptions } from './localProcess.js';
import { demoNodes } from '../controlPlane/nodes.js';
import { hostRootFiles, hostRootLayout, hostRootMount, hostRootTools } from './hostRoot.js';
import { nodeProcesses } from './nodeProcesses.js';
import { executableNotFoundOutcome, exitCodeOutcome, successOutcome } from './streamStatus.js';

export interface ContainerProcessesOptions {
  store: ObjectStoreApi;
  /** Tells the simulated kubelet that a container's process ended by itself (the control plane's exitContainer). */
  exitContainer(namespace: string, pod: string, container: string, exitCode: number): boolean;
}

export interface ExecRequest {
  namespace: string;
  pod: string;
  image: string;
  command: readonly string[];
}

/** An ephemeral container's own process: started when the kubelet reports it running, shared by every attach. */
interface ContainerShell {
  containerID: string;
  process: LocalProcess;
  attached: Set<SessionStream>;
}

type Surroundings = Pick<LocalProcessOptions, 'hostname' | 'tools' | 'files' | 'env'>;

function keyOf(namespace: string, pod: string, container: string): string {
  return `${namespace}/${pod}/${container}`;
}

function commandOf(spec: JsonObject): string[] {
  const command = [...arrayAt(spec, 'command'), ...arrayAt(spec, 'args')].filter((part): part is string => typeof part === 'string');
  return command.length > 0 ? command : ['sh'];
}

/**
 * The real local processes behind the demo cluster's interactive containers: the shell of each running
 * ephemeral (debug) container, which attach sessions share and which outlives them, and the exec
 * sessions, each killed when its WebSocket closes. `close()` kills them all.
 */
export class ContainerProcesses {
  private readonly shells = new Map<string, ContainerShell>();
  private readonly execs = new Set<LocalProcess>();
  /** `key@containerID` of shells that ended: the kubelet may still report them running for a moment. */
  private readonly ended = new Set<string>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly options: ContainerProcessesOptions) {
    this.unsubscribe = options.store.onChange((change) => this.podChanged(change));
    for (const pod of options.store.list('pods')) this.podChanged({ type: 'ADDED', resource: 'pods', object: pod });
  }

  /** Whether `container` of the pod has a process to attach to. */
  hasShell(namespace: string, pod: string, container: string): boolean {
    return this.shells.has(keyOf(namespace, pod, container));
  }

  /** Connects the stream to the container's shell; false when it has none (not running, or no shell in the image). */
  attach(namespace: string, pod: string, container: string, stream: SessionStream): boolean {
    const shell = this.shells.get(keyOf(namespace, pod, container));
    if (shell === undefined) return false;
    shell.attached.add(stream);
    const stopOutput = shell.process.onOutput((kind, data) => stream.output(kind, data));
    stream.onStdin((data) => shell.process.write(data));
    stream.onResize((columns, rows) => shell.process.resize(columns, rows));
    // A client that goes away detaches: the container keeps running.
    stream.onClose(() => {
      stopOutput();
      shell.attached.delete(stream);
    });
    return true;
  }

  /** Runs `command` as an exec session on `stream`; the process dies with the stream. */
  exec(request: ExecRequest, stream: SessionStream): void {
    const executable = request.command[0] ?? '';
    if (this.closed || !imageHasShell(request.image) || resolveExecutable(executable) === undefined) {
      stream.end(executableNotFoundOutcome(executable));
      return;
    }
    const process = startLocalProcess({ command: request.command, tty: stream.flags.tty, stdin: stream.flags.stdin, hostname: request.pod });
    this.execs.add(process);
    process.onOutput((kind, data) => stream.output(kind, data));
    stream.onStdin((data) => process.write(data));
    stream.onResize((columns, rows) => process.resize(columns, rows));
    stream.onClose(() => process.kill());
    void process.exited.then((code) => {
      this.execs.delete(process);
      stream.end(exitCodeOutcome(request.command, code));
    });
  }

  /** Kills every process and waits until they are gone (their temp directories removed). */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    const processes = [...this.execs, ...[...this.shells.values()].map((shell) => shell.process)];
    this.shells.clear();
    this.execs.clear();
    for (const process of processes) process.kill();
    await Promise.all(processes.map((process) => process.exited));
  }

  private podChanged(change: StoreChange): void {
    if (this.closed || change.resource !== 'pods') return;
    const pod = change.object;
    const namespace = stringAt(pod, 'metadata', 'namespace') ?? '';
    const name = stringAt(pod, 'metadata', 'name') ?? '';
    const running = new Map<string, string>();
    if (change.type !== 'DELETED') {
      for (const statuses of ['ephemeralContainerStatuses', 'containerStatuses']) {
        for (const status of arrayAt(pod, 'status', statuses).filter(isJsonObject)) {
          if (objectAt(status, 'state', 'running') !== undefined) running.set(stringAt(status, 'name') ?? '', stringAt(status, 'containerID') ?? '');
        }
      }
    }
    // The kubelet stopped a container (pod deleted, killed): its process goes too.
    for (const [key, shell] of this.shells) {
      const [shellNamespace, shellPod, container = ''] = key.split('/');
      if (shellNamespace === namespace && shellPod === name && running.get(container) !== shell.containerID) this.stopShell(key, shell);
    }
    for (const [container, containerID] of running) {
      if (this.shells.has(keyOf(namespace, name, container)) || this.ended.has(`${keyOf(namespace, name, container)}@${containerID}`)) continue;
      const spec = interactiveSpec(pod, container);
      if (spec !== undefined) this.startShell(namespace, name, spec, containerID, this.surroundings(pod, spec));
    }
  }

  /**
   * What the debugger's shell sees around it: the processes it shares (with hostPID, the node's),
   * its hostname (with hostNetwork, the node's) and, with hostPath / mounted, the node's root.
   */
  private surroundings(pod: JsonObject, spec: JsonObject): Surroundings {
    const name = stringAt(pod, 'metadata', 'name') ?? '';
    const node = demoNodes.find((candidate) => candidate.name === stringAt(pod, 'spec', 'nodeName'));
    const podSpec = objectAt(pod, 'spec') ?? {};
    if (node === undefined) return { hostname: name, tools: { ps: psScript(sharedProcesses(pod, spec)) } };
    const pods = this.options.store.view('pods');
    const processes = podSpec['hostPID'] === true ? nodeProcesses(pods, node.name, name) : sharedProcesses(pod, spec);
    const hostname = podSpec['hostNetwork'] === true ? node.name : name;
    const mount = hostRootMount(pod, spec);
    if (mount === undefined) return { hostname, tools: { ps: psScript(processes) } };
    const onNode = pods.filter((other) => stringAt(other, 'spec', 'nodeName') === node.name);
    const files = hostRootFiles(node, onNode, processes, new Date());
    return {
      hostname,
      tools: (directory) => ({ ...hostRootTools(directory, mount), ps: psScript(processes) }),
      files: (directory) => hostRootLayout(directory, mount, files),
      // An interactive sh reads $ENV first: its cd and pwd know the mount point.
      env: (directory) => ({ ENV: `${directory}/.shrc` }),
    };
  }

  private startShell(namespace: string, pod: string, spec: JsonObject, containerID: string, surroundings: Surroundings): void {
    const container = stringAt(spec, 'name') ?? '';
    const command = commandOf(spec);
    if (!imageHasShell(stringAt(spec, 'image') ?? '') || resolveExecutable(command[0] ?? '') === undefined) return;
    const process = startLocalProcess({ command, tty: spec['tty'] === true, stdin: spec['stdin'] === true, ...surroundings });
    const key = keyOf(namespace, pod, container);
    const shell: ContainerShell = { containerID, process, attached: new Set() };
    this.shells.set(key, shell);
    void process.exited.then((code) => {
      this.ended.add(`${key}@${containerID}`);
      for (const stream of shell.attached) stream.end(successOutcome());
      shell.attached.clear();
      if (this.shells.get(key) !== shell) return;
      this.shells.delete(key);
      if (!this.closed) this.options.exitContainer(namespace, pod, container, code);
    });
  }

  private stopShell(key: string, shell: ContainerShell): void {
    this.shells.delete(key);
    shell.process.kill();
  }
}

/**
 * The container whose process is a real shell: every debug (ephemeral) container, and a regular
 * container that asks for stdin, with or without a TTY (kubectl debug --copy-to's debugger, -it or
 * -i with piped input; kubectl run -i). The scenario's app containers ask for neither and stay
 * simulated programs.
 */
function interactiveSpec(pod: JsonObject, container: string): JsonObject | undefined {
  const named = (candidate: JsonObject): boolean => stringAt(candidate, 'name') === container;
  const ephemeral = arrayAt(pod, 'spec', 'ephemeralContainers').filter(isJsonObject).find(named);
  if (ephemeral !== undefined) return ephemeral;
  const regular = arrayAt(pod, 'spec', 'containers').filter(isJsonObject).find(named);
  return regular !== undefined && regular['stdin'] === true ? regular : undefined;
}
