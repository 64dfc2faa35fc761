import type { Pod } from '../apiObjects.js';
import type { LabelPart, TreeNode } from '../containerTree.js';
import { cleanName, joinPrintable, p, type Printable } from '../printable.js';
import { dim, group, key, leaf, value } from './nodes.js';

type Spec = NonNullable<Pod['spec']>;
type Affinity = NonNullable<Spec['affinity']>;
type NodeTerm = NonNullable<NonNullable<NonNullable<Affinity['nodeAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>['nodeSelectorTerms']>[number];
type PodTerm = NonNullable<NonNullable<Affinity['podAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>[number];
type Requirement = { key: string; operator: string; values?: string[] | null };
type Toleration = NonNullable<Spec['tolerations']>[number];

const ALL: Printable = p`, `;

function requirement(r: Requirement): Printable {
  const values = (r.values ?? []).map(cleanName);
  if (r.operator === 'Exists' || r.operator === 'DoesNotExist') return p`${cleanName(r.key)} ${cleanName(r.operator)}`;
  return p`${cleanName(r.key)} ${cleanName(r.operator)} (${joinPrintable(values, p`,`)})`;
}

function nodeTerm(term: NodeTerm): Printable {
  const parts = [...(term.matchExpressions ?? []), ...(term.matchFields ?? [])].map(requirement);
  return joinPrintable(parts, p` and `);
}

function podTerm(term: PodTerm): Printable {
  const selector = term.labelSelector;
  const labels = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => p`${cleanName(k)}=${cleanName(v)}`);
  const expressions = (selector?.matchExpressions ?? []).map(requirement);
  const what = [...labels, ...expressions];
  return p`${what.length === 0 ? p`any pod` : joinPrintable(what, p`,`)} per ${cleanName(term.topologyKey)}`;
}

/** One line per kind of affinity: `node affinity required disktype In (ssd) or …`, `pod anti-affinity preferred app=web per kubernetes.io/hostname`. */
function affinityNodes(affinity: Affinity | undefined | null): TreeNode[] {
  if (affinity === undefined || affinity === null) return [];
  const nodes: TreeNode[] = [];
  const node = affinity.nodeAffinity;
  const required = node?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (required.length > 0) nodes.push(leaf('pod/affinity/node', p`node affinity`, [dim(p`required`), value(joinPrintable(required.map(nodeTerm), p` or `))]));
  const preferred = node?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (preferred.length > 0) {
    const text = preferred.map((term) => p`${nodeTerm(term.preference)} (weight ${term.weight})`);
    nodes.push(leaf('pod/affinity/nodePreferred', p`node affinity`, [dim(p`preferred`), value(joinPrintable(text, ALL))]));
  }
  for (const [id, title, spec] of [
    ['pod', p`pod affinity`, affinity.podAffinity],
    ['podAnti', p`pod anti-affinity`, affinity.podAntiAffinity],
  ] as const) {
    const hard = spec?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    if (hard.length > 0) nodes.push(leaf(`pod/affinity/${id}`, title, [dim(p`required`), value(joinPrintable(hard.map(podTerm), ALL))]));
    const soft = spec?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (soft.length > 0) {
      const text = soft.map((term) => p`${podTerm(term.podAffinityTerm)} (weight ${term.weight})`);
      nodes.push(leaf(`pod/affinity/${id}Preferred`, title, [dim(p`preferred`), value(joinPrintable(text, ALL))]));
    }
  }
  return nodes;
}

/** kubectl describe's toleration wording: `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`. */
export function tolerationText(t: Toleration): Printable {
  const parts: Printable[] = [cleanName(t.key ?? '')];
  if (t.value) parts.push(p`=${cleanName(t.value)}`);
  if (t.effect) parts.push(p`:${cleanName(t.effect)}`);
  if (t.operator === 'Exists' && !t.value) parts.push(t.key || t.effect ? p` op=Exists` : p`op=Exists`);
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) parts.push(p` for ${t.tolerationSeconds}s`);
  return joinPrintable(parts);
}

export function nodeSelectorText(selector: Readonly<Record<string, string>> | undefined | null): Printable | undefined {
  const keys = Object.keys(selector ?? {}).sort();
  if (keys.length === 0) return undefined;
  return joinPrintable(
    keys.map((k) => p`${cleanName(k)}=${cleanName(selector?.[k] ?? '')}`),
    p`,`,
  );
}

export function hasPriority(pod: Pod): boolean {
  return (pod.spec?.priority !== undefined && pod.spec.priority !== null) || Boolean(pod.spec?.priorityClassName);
}

/** Where the pod may run and how it ranks: priority, node selector, affinity, tolerations. */
export function schedulingNodes(pod: Pod): TreeNode[] {
  const spec = pod.spec;
  const nodes: TreeNode[] = [];
  // As kubectl describe: only when the Priority admission plugin set one (or a class is named).
  if (hasPriority(pod)) {
    const priority: LabelPart[] = [value(p`${spec?.priority ?? 0}`)];
    if (spec?.priorityClassName) priority.push(dim(p`(${cleanName(spec.priorityClassName)})`));
    if (spec?.preemptionPolicy === 'Never') priority.push(dim(p`preemption Never`));
    nodes.push(leaf('pod/priority', p`priority`, priority));
  }
  const selector = nodeSelectorText(spec?.nodeSelector);
  if (selector !== undefined) nodes.push(leaf('pod/nodeSelector', p`node selector`, [value(selector)]));
  nodes.push(...affinityNodes(spec?.affinity));
  const tolerations = [...(spec?.tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (tolerations.length > 0) {
    nodes.push(
      group(
        'pod/tolerations',
        [key(p`tolerations`), dim(p`(${tolerations.length})`)],
        tolerations.map((t, i) => ({ id: `pod/tolerations/${i}`, kind: 'detail', label: [value(tolerationText(t))], severity: 'muted', children: [] })),
      ),
    );
  }
  return nodes;
}
