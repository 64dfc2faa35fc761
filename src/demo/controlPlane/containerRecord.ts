import type { JsonObject } from '../apiTypes.js';
import type { ClockTimer } from '../clock.js';
import type { ContainerListeners } from '../network/podNetwork.js';
import type { ProcessHandle } from './containerRuntime.js';
import { imageIdFor, normalizeImage } from './images.js';
import { numberField, objectField, stringField } from './json.js';
import type { UsageProfile } from './usageProfile.js';
import type { ContainerState, ContainerStatusView, InitContainerStatusView, TerminatedState } from './podStatus.js';

export type ContainerKind = 'init' | 'app' | 'ephemeral';

/** What the kubelet and the runtime know about one container of a pod across its restarts. */
export interface ContainerRecord {
  name: string;
  kind: ContainerKind;
  spec: JsonObject;
  /** A sidecar: an init container with restartPolicy Always. */
  restartable: boolean;
  state: ContainerState;
  /** The most recent instance that exited. */
  latestExit?: TerminatedState;
  /** What status.lastState shows. */
  lastTerminated?: TerminatedState;
  restartCount: number;
  /** How many instances were started (the next program instance index). */
  instances: number;
  /** Once created, the status shows the runtime's image name and ID. */
  created: boolean;
  containerID?: string;
  ready: boolean;
  started: boolean;
  /** A start (pull, create, start) is under way. */
  busy: boolean;
  /** A failed image step is not retried before this time. */
  retryAt: number;
  process?: ProcessHandle;
  /** What the running process uses over time (the kubelet's stats); cleared when it exits. */
  usage?: UsageProfile;
  /** The ports the running process listens on. */
  listeners?: ContainerListeners;
  /** The process exited; the kubelet has not noticed yet (PLEG relist). */
  exitPending: boolean;
  restartTimer?: ClockTimer;
  probeTimer?: ClockTimer;
  cancelPull?: () => void;
  probe: { successes: number; failures: number };
}

export function newContainerRecord(spec: JsonObject, kind: ContainerKind, hasInitContainers: boolean): ContainerRecord {
  const restartable = kind === 'init' && stringField(spec, 'restartPolicy') === 'Always';
  return {
    name: stringField(spec, 'name') ?? '',
    kind,
    spec,
    restartable,
    state: { kind: 'waiting', reason: kind !== 'ephemeral' && hasInitContainers ? 'PodInitializing' : 'ContainerCreating' },
    restartCount: 0,
    instances: 0,
    created: false,
    ready: false,
    started: false,
    busy: false,
    retryAt: 0,
    exitPending: false,
    probe: { successes: 0, failures: 0 },
  };
}

export function imageOf(record: ContainerRecord): string {
  return stringField(record.spec, 'image') ?? '';
}

export function readinessProbeOf(record: ContainerRecord): { initialDelayMs: number; periodMs: number; successThreshold: number; failureThreshold: number } | undefined {
  const probe = objectField(record.spec, 'readinessProbe');
  if (probe === undefined) return undefined;
  return {
    initialDelayMs: (numberField(probe, 'initialDelaySeconds') ?? 0) * 1000,
    periodMs: Math.max(1, numberField(probe, 'periodSeconds') ?? 10) * 1000,
    successThreshold: Math.max(1, numberField(probe, 'successThreshold') ?? 1),
    failureThreshold: Math.max(1, numberField(probe, 'failureThreshold') ?? 3),
  };
}

/** Whether the container has exited and is not running again yet (terminated, or waiting to restart). */
export function hasExited(record: ContainerRecord): boolean {
  return record.state.kind === 'terminated' || (record.state.kind === 'waiting' && record.latestExit !== undefined);
}

export function statusView(record: ContainerRecord): ContainerStatusView {
  const image = imageOf(record);
  const view: ContainerStatusView = {
    name: record.name,
    state: record.state,
    ready: record.ready,
    restartCount: record.restartCount,
    image: record.created ? normalizeImage(image) : image,
    imageID: record.created ? imageIdFor(normalizeImage(image)) : '',
  };
  if (record.lastTerminated !== undefined) view.lastTerminated = record.lastTerminated;
  if (record.containerID !== undefined) view.containerID = record.containerID;
  if (record.kind === 'app' || record.restartable) view.started = record.started;
  return view;
}

export function initStatusView(record: ContainerRecord): InitContainerStatusView {
  return { ...statusView(record), restartable: record.restartable };
}
