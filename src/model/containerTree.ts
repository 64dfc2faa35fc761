import type { Container, ContainerState, ContainerStateTerminated, ContainerStatus, EphemeralContainer, Pod, PodCondition } from './apiObjects.js';
import type { ContainerKind } from './containers.js';
import { isRestartableInitContainer } from './containers.js';
import { age } from './duration.js';
import { podColumns, podHealth, type PodHealth } from './podColumns.js';
import { clean, cleanName, joinPrintable, p, type Printable } from './printable.js';
import { toMillis } from './time.js';
import { containerSpecNode } from './tree/containerSpec.js';
import { ownerNode } from './tree/ownerChain.js';
import { probeFailures, type ProbeFailures } from './tree/probeFailures.js';
import { probeFailureNodes } from './tree/probes.js';
import { podSpecNode } from './tree/podSpec.js';
import type { TreeContext } from './tree/treeContext.js';
import { stateDetail, stateSummary, terminatedParts } from './tree/containerStateLabels.js';

export { renderTreeLines, type TreeLine, type TreeLineOptions } from './treeLines.js';
export type { TreeContext } from './tree/treeContext.js';
export { exitCodeHint } from './tree/containerStateLabels.js';

/** Colour class of a tree line. */
export type Severity = 'ok' | 'progress' | 'warning' | 'error' | 'completed' | 'muted';

/** What a label part is, so the UI can style it (name bold, keys dim, ...). */
export type LabelRole = 'name' | 'kind' | 'key' | 'value' | 'state' | 'reason' | 'message' | 'time' | 'dim';

export interface LabelPart {
  /** Cleaned once per pod object (see model/printable). */
  text: Printable;
  role: LabelRole;
  /** Overrides the line's severity for this part only. */
  severity?: Severity;
}

export type TreeNodeKind = 'pod' | 'detail' | 'conditions' | 'condition' | 'group' | 'container';

export interface TreeNode {
  /** Stable across updates of the same pod (used for collapse state and selection). */
  id: string;
  kind: TreeNodeKind;
  label: LabelPart[];
  severity: Severity;
  children: TreeNode[];
  /** Set on `container` nodes. */
  container?: ContainerView;
  /** Folded until the user unfolds it (spec details: see TreeLineOptions.openFolded). */
  folded?: true;
}

export type ContainerStateView =
  | { kind: 'waiting'; reason?: string; message?: string }
  | { kind: 'running'; startedAt?: number }
  | ({ kind: 'terminated' } & TerminatedView)
  /** No status reported (not created yet, or an ephemeral container that never started). */
  | { kind: 'none' };

export interface TerminatedView {
  reason?: string;
  exitCode: number;
  signal?: number;
  message?: string;
  startedAt?: number;
  finishedAt?: number;
}

export interface ContainerView {
  name: string;
  kind: ContainerKind;
  /** 1-based position among spec.initContainers (init and sidecar only). */
  position?: { index: number; total: number };
  /** The image as written in the spec. */
  image: string;
  /** The image the runtime reports running (status.image) and its digest (status.imageID). */
  resolvedImage?: string;
  imageID?: string;
  state: ContainerStateView;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  lastTerminated?: TerminatedView;
  /** Ephemeral containers only: the container whose namespaces it joined. */
  targetContainerName?: string;
  severity: Severity;
}

export interface PodTree {
  root: TreeNode;
  /** Every container in display order, for callers that want the data without the tree. */
  containers: ContainerView[];
}

/** The pod's tree; `context` adds what the pod object alone does not say (probe failures, the owner chain). */
export function podTree(pod: Pod, now: Date, context: TreeContext = {}): PodTree {
  const columns = podColumns(pod, now);
  const status = pod.status;
  const initSpecs = pod.spec?.initContainers ?? [];
  const containers: ContainerView[] = [];
  const failures = probeFailures(context.events ?? []);
  const specs = new Map<ContainerView, Container | EphemeralContainer>();

  const initViews = initSpecs.map((spec, index) =>
    remember(specs, spec, containerView(spec, isRestartableInitContainer(spec) ? 'sidecar' : 'init', findStatus(status?.initContainerStatuses, spec.name), {
      index: index + 1,
      total: initSpecs.length,
    })),
  );
  const groups: { id: string; title: Printable; views: ContainerView[] }[] = [
    { id: 'init', title: p`Init containers`, views: initViews.filter((v) => v.kind === 'init') },
    { id: 'sidecars', title: p`Sidecars`, views: initViews.filter((v) => v.kind === 'sidecar') },
    {
      id: 'containers',
      title: p`Containers`,
      views: (pod.spec?.containers ?? []).map((spec) => remember(specs, spec, containerView(spec, 'app', findStatus(status?.containerStatuses, spec.name)))),
    },
    {
      id: 'ephemeral',
      title: p`Ephemeral containers`,
      views: (pod.spec?.ephemeralContainers ?? []).map((spec) =>
        remember(specs, spec, containerView(spec, 'ephemeral', findStatus(status?.ephemeralContainerStatuses, spec.name))),
      ),
    },
  ];

  const children: TreeNode[] = [...podDetails(pod, now, context)];
  const conditions = status?.conditions ?? [];
  if (conditions.length > 0) {
    children.push({
      id: 'conditions',
      kind: 'conditions',
      label: [{ text: p`Conditions`, role: 'kind' }],
      severity: 'muted',
      children: conditions.map((c) => conditionNode(c, now)),
    });
  }
  for (const group of groups) {
    if (group.views.length === 0) continue;
    containers.push(...group.views);
    children.push({
      id: group.id,
      kind: 'group',
      label: [
        { text: group.title, role: 'kind' },
        { text: p`(${group.views.length})`, role: 'dim' },
      ],
      severity: worstSeverity(group.views.map((v) => v.severity)),
      children: group.views.map((v) => containerNode(v, specs.get(v), pod, failures, now)),
    });
  }

  const root: TreeNode = {
    id: 'pod',
    kind: 'pod',
    label: [
      { text: columns.name, role: 'name' },
      { text: columns.status, role: 'state' },
      { text: columns.ready, role: 'value' },
      { text: p`restarts ${columns.restarts}`, role: 'dim' },
    ],
    severity: HEALTH_SEVERITY[podHealth(pod)],
    children,
  };
  return { root, containers };
}

const HEALTH_SEVERITY: Record<PodHealth, Severity> = {
  healthy: 'ok',
  progressing: 'progress',
  warning: 'warning',
  failed: 'error',
  completed: 'completed',
  terminating: 'progress',
};

function remember(specs: Map<ContainerView, Container | EphemeralContainer>, spec: Container | EphemeralContainer, view: ContainerView): ContainerView {
  specs.set(view, spec);
  return view;
}

function findStatus(statuses: ContainerStatus[] | undefined, name: string): ContainerStatus | undefined {
  return statuses?.find((s) => s.name === name);
}

function containerView(
  spec: Container | EphemeralContainer,
  kind: ContainerKind,
  status: ContainerStatus | undefined,
  position?: { index: number; total: number },
): ContainerView {
  const state = stateView(status?.state);
  const lastTerminated = status?.lastState?.terminated ? terminatedView(status.lastState.terminated) : undefined;
  const view: ContainerView = {
    name: spec.name,
    kind,
    image: spec.image ?? '',
    state,
    ready: status?.ready ?? false,
    restartCount: status?.restartCount ?? 0,
    severity: 'muted',
  };
  if (position) view.position = position;
  if (status?.image) view.resolvedImage = status.image;
  if (status?.imageID) view.imageID = status.imageID;
  if (status?.started !== undefined && status.started !== null) view.started = status.started;
  if (lastTerminated) view.lastTerminated = lastTerminated;
  if (kind === 'ephemeral' && 'targetContainerName' in spec && spec.targetContainerName) {
    view.targetContainerName = spec.targetContainerName;
  }
  view.severity = containerSeverity(view);
  return view;
}

function stateView(state: ContainerState | undefined): ContainerStateView {
  if (state?.waiting) {
    const view: ContainerStateView = { kind: 'waiting' };
    if (state.waiting.reason) view.reason = state.waiting.reason;
    if (state.waiting.message) view.message = state.waiting.message;
    return view;
  }
  if (state?.running) {
    const startedAt = toMillis(state.running.startedAt);
    return startedAt === undefined ? { kind: 'running' } : { kind: 'running', startedAt };
  }
  if (state?.terminated) return { kind: 'terminated', ...terminatedView(state.terminated) };
  return { kind: 'none' };
}

function terminatedView(t: ContainerStateTerminated): TerminatedView {
  const view: TerminatedView = { exitCode: t.exitCode ?? 0 };
  if (t.reason) view.reason = t.reason;
  if (t.signal) view.signal = t.signal;
  if (t.message) view.message = t.message;
  const startedAt = toMillis(t.startedAt);
  const finishedAt = toMillis(t.finishedAt);
  if (startedAt !== undefined) view.startedAt = startedAt;
  if (finishedAt !== undefined) view.finishedAt = finishedAt;
  return view;
}

/** Waiting reasons that are part of a normal start-up rather than a problem. */
const STARTING_REASONS = new Set(['ContainerCreating', 'PodInitializing']);

function containerSeverity(view: ContainerView): Severity {
  const state = view.state;
  switch (state.kind) {
    case 'none':
      return 'muted';
    case 'waiting':
      return state.reason === undefined || STARTING_REASONS.has(state.reason) ? 'progress' : 'error';
    case 'terminated':
      return state.exitCode === 0 && state.signal === undefined ? 'completed' : 'error';
    case 'running':
      // Ephemeral containers have no probes and never report ready; a running init container is still initializing.
      if (view.kind === 'ephemeral') return 'ok';
      if (view.kind === 'init') return 'progress';
      return view.ready ? 'ok' : 'warning';
  }
}

const SEVERITY_RANK: Severity[] = ['muted', 'completed', 'ok', 'progress', 'warning', 'error'];

function worstSeverity(severities: Severity[]): Severity {
  let worst: Severity = 'muted';
  for (const s of severities) if (SEVERITY_RANK.indexOf(s) > SEVERITY_RANK.indexOf(worst)) worst = s;
  return worst;
}

function detail(id: string, key: Printable, value: Printable, severity: Severity = 'muted', extra: LabelPart[] = []): TreeNode {
  return { id, kind: 'detail', label: [{ text: key, role: 'key' }, { text: value, role: 'value' }, ...extra], severity, children: [] };
}

function podDetails(pod: Pod, now: Date, context: TreeContext): TreeNode[] {
  const status = pod.status;
  const nodes: TreeNode[] = [];
  const phase = status?.phase ?? 'Unknown';
  const reasonParts: LabelPart[] = [];
  if (status?.reason) reasonParts.push({ text: cleanName(status.reason), role: 'reason' });
  if (status?.message) reasonParts.push({ text: clean(status.message), role: 'message' });
  nodes.push(detail('pod/phase', p`phase`, cleanName(phase), 'muted', reasonParts));
  const owner = ownerNode(pod, context.owners);
  if (owner !== undefined) nodes.push(owner);
  if (status?.qosClass) nodes.push(detail('pod/qos', p`qos`, cleanName(status.qosClass)));
  const nodeName = pod.spec?.nodeName;
  nodes.push(
    detail('pod/node', p`node`, nodeName ? cleanName(nodeName) : NONE, 'muted', status?.hostIP ? [{ text: p`(${cleanName(status.hostIP)})`, role: 'dim' }] : []),
  );
  const ips = (status?.podIPs ?? []).map((ip) => ip.ip).filter((ip) => ip);
  if (ips.length === 0 && status?.podIP) ips.push(status.podIP);
  nodes.push(detail('pod/ips', ips.length > 1 ? p`ips` : p`ip`, ips.length > 0 ? joinPrintable(ips.map(cleanName), p`, `) : NONE));
  if (status?.startTime) nodes.push(detail('pod/start', p`started`, p`${age(status.startTime, now)} ago`));
  nodes.push(podSpecNode(pod));
  return nodes;
}

function conditionNode(c: PodCondition, now: Date): TreeNode {
  const label: LabelPart[] = [
    { text: cleanName(c.type), role: 'key' },
    { text: cleanName(c.status), role: 'value' },
  ];
  if (c.reason) label.push({ text: cleanName(c.reason), role: 'reason' });
  if (c.message) label.push({ text: clean(c.message), role: 'message' });
  if (c.lastTransitionTime) label.push({ text: p`${age(c.lastTransitionTime, now)} ago`, role: 'time' });
  let severity: Severity = 'muted';
  if (c.status === 'True') severity = 'ok';
  else if (c.status === 'False') severity = c.reason === 'PodCompleted' ? 'completed' : 'warning';
  return { id: `conditions/${c.type}`, kind: 'condition', label, severity, children: [] };
}

const KIND_LABEL: Record<ContainerKind, Printable> = { init: p`init`, sidecar: p`sidecar`, app: p`container`, ephemeral: p`ephemeral` };

const NONE = p`<none>`;

function containerNode(view: ContainerView, spec: Container | EphemeralContainer | undefined, pod: Pod, failures: ReadonlyMap<string, ProbeFailures>, now: Date): TreeNode {
  const id = `container/${view.name}`;
  const kind = view.position ? p`${KIND_LABEL[view.kind]} ${view.position.index}/${view.position.total}` : KIND_LABEL[view.kind];
  const label: LabelPart[] = [
    { text: cleanName(view.name), role: 'name' },
    { text: kind, role: 'kind' },
    { text: stateSummary(view.state), role: 'state' },
  ];
  if (view.state.kind === 'running' && view.kind !== 'ephemeral') {
    label.push({ text: view.ready ? p`ready` : p`not ready`, role: 'dim' });
  }
  if (view.restartCount > 0) label.push({ text: p`restarts ${view.restartCount}`, role: 'dim', severity: 'warning' });

  const children: TreeNode[] = [];
  const imageExtra: LabelPart[] = [];
  if (view.resolvedImage && view.resolvedImage !== view.image) {
    imageExtra.push({ text: p`→ ${cleanName(view.resolvedImage)}`, role: 'dim' });
  }
  children.push(detail(`${id}/image`, p`image`, cleanName(view.image), 'muted', imageExtra));
  if (view.imageID) children.push(detail(`${id}/imageID`, p`image id`, cleanName(view.imageID)));
  if (view.targetContainerName) children.push(detail(`${id}/target`, p`target`, cleanName(view.targetContainerName)));
  children.push({ id: `${id}/state`, kind: 'detail', label: stateDetail(view.state, now), severity: view.severity, children: [] });
  if (view.lastTerminated) {
    children.push({
      id: `${id}/last`,
      kind: 'detail',
      label: [{ text: p`last state`, role: 'key' }, ...terminatedParts(view.lastTerminated, now)],
      severity: 'warning',
      children: [],
    });
  }
  if (view.state.kind !== 'none') {
    const flags: LabelPart[] = [];
    if (view.started !== undefined) flags.push({ text: p`started`, role: 'key' }, { text: yesNo(view.started), role: 'value' });
    flags.push({ text: p`restarts`, role: 'key' }, { text: p`${view.restartCount}`, role: 'value' });
    children.push({
      id: `${id}/flags`,
      kind: 'detail',
      label: [{ text: p`ready`, role: 'key' }, { text: yesNo(view.ready), role: 'value' }, ...flags],
      severity: 'muted',
      children: [],
    });
  }
  // Live CPU/MEM usage per container (% of the requests and limits in its spec) goes here, with
  // the state and outside the folded spec: it is read at a glance, like the probe failures.
  children.push(...probeFailureNodes(id, view.name, failures, now));
  if (spec !== undefined) children.push(containerSpecNode(id, spec, view.kind, pod));
  return { id, kind: 'container', label, severity: view.severity, children, container: view };
}

/** `true` / `false`, as kubectl describe prints the flags. */
function yesNo(flag: boolean): Printable {
  return flag ? p`true` : p`false`;
}
