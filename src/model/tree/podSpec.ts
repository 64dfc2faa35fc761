import type { Pod } from '../apiObjects.js';
import type { TreeNode } from '../containerTree.js';
import { cleanName, joinPrintable, p, type Printable } from '../printable.js';
import { dim, key, leaf, value } from './nodes.js';
import { hasPriority, nodeSelectorText, schedulingNodes } from './scheduling.js';
import { podSecurityNode } from './securityContext.js';

function summary(pod: Pod): Printable {
  const spec = pod.spec;
  const words: Printable[] = [p`sa ${cleanName(spec?.serviceAccountName || 'default')}`];
  if (hasPriority(pod)) words.push(p`priority ${spec?.priority ?? 0}`);
  const selector = nodeSelectorText(spec?.nodeSelector);
  if (selector !== undefined) words.push(p`selector ${selector}`);
  if (spec?.affinity?.nodeAffinity || spec?.affinity?.podAffinity || spec?.affinity?.podAntiAffinity) words.push(p`affinity`);
  const tolerations = spec?.tolerations?.length ?? 0;
  if (tolerations > 0) words.push(tolerations === 1 ? p`1 toleration` : p`${tolerations} tolerations`);
  return joinPrintable(words, p`, `);
}

/** The pod's service account, scheduling (priority, selector, affinity, tolerations) and security, folded under `spec`. */
export function podSpecNode(pod: Pod): TreeNode {
  const children: TreeNode[] = [leaf('pod/serviceAccount', p`service account`, [value(cleanName(pod.spec?.serviceAccountName || 'default'))])];
  children.push(...schedulingNodes(pod));
  const security = podSecurityNode(pod);
  if (security !== undefined) children.push(security);
  return { id: 'pod/spec', kind: 'detail', label: [key(p`spec`), dim(summary(pod))], severity: 'muted', children, folded: true };
}
