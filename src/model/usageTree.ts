import type { Pod } from './apiObjects.js';
import type { LabelPart, PodTree, TreeNode } from './containerTree.js';
import { p, type Printable } from './printable.js';
import { containerBounds, cpuCell, memoryCell, podBounds, podTotals, usageOfPod, usageStatusText, type ContainerUsage, type UsageState } from './usage.js';

function usageParts(cpu: Printable, memory: Printable): LabelPart[] {
  return [
    { text: p`CPU`, role: 'key' },
    { text: cpu, role: 'value' },
    { text: p`MEM`, role: 'key' },
    { text: memory, role: 'value' },
  ];
}

function containerUsageNode(containerId: string, usage: ContainerUsage, pod: Pod): TreeNode {
  const name = containerId.slice('container/'.length);
  const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((c) => c.name === name);
  const bounds = containerBounds(spec);
  return {
    id: `${containerId}/usage`,
    kind: 'detail',
    label: [{ text: p`usage`, role: 'key' }, ...usageParts(cpuCell(usage.cpuMillis, bounds), memoryCell(usage.memoryBytes, bounds))],
    severity: 'muted',
    children: [],
  };
}

/** The pod's line: its summed usage and where it comes from, or why there is none. */
function podUsageNode(pod: Pod, state: UsageState): TreeNode {
  const usage = usageOfPod(state, pod);
  const source = usageStatusText(state);
  if (usage === undefined || usage.containers.length === 0) {
    const text = state.kind === 'live' ? p`usage: no sample (not running?); ${source}` : source;
    return { id: 'pod/usage', kind: 'detail', label: [{ text, role: 'dim' }], severity: 'muted', children: [] };
  }
  const totals = podTotals(usage);
  const bounds = podBounds(pod);
  return {
    id: 'pod/usage',
    kind: 'detail',
    label: [
      { text: p`usage`, role: 'key' },
      ...usageParts(cpuCell(totals.cpuMillis, bounds), memoryCell(totals.memoryBytes, bounds)),
      { text: p`(${source})`, role: 'dim' },
    ],
    severity: 'muted',
    children: [],
  };
}

function withContainerUsage(node: TreeNode, byName: ReadonlyMap<string, ContainerUsage>, pod: Pod): TreeNode {
  if (node.kind === 'container') {
    const usage = byName.get(node.id.slice('container/'.length));
    if (usage === undefined) return node;
    const state = node.children.findIndex((c) => c.id === `${node.id}/state`);
    const children = [...node.children];
    children.splice(state < 0 ? children.length : state + 1, 0, containerUsageNode(node.id, usage, pod));
    return { ...node, children };
  }
  if (node.children.length === 0) return node;
  return { ...node, children: node.children.map((c) => withContainerUsage(c, byName, pod)) };
}

/**
 * The pod's tree with its usage: a `usage` line among the pod's details (the pod's sum, or why
 * there is none) and one under each container the source sampled, after its state.
 */
export function withUsage(tree: PodTree, pod: Pod, state: UsageState): PodTree {
  const usage = usageOfPod(state, pod);
  const byName = new Map((usage?.containers ?? []).map((c) => [c.name, c]));
  const root = withContainerUsage(tree.root, byName, pod);
  const children = [...root.children];
  const lastDetail = children.reduce((at, c, i) => (c.id.startsWith('pod/') ? i : at), -1);
  children.splice(lastDetail + 1, 0, podUsageNode(pod, state));
  return { ...tree, root: { ...root, children } };
}
