import type { Container } from '../apiObjects.js';
import type { LabelPart, TreeNode } from '../containerTree.js';
import { clean, cleanName, p } from '../printable.js';
import { dim, group, key, leaf, value } from './nodes.js';

type EnvVar = NonNullable<Container['env']>[number];

/**
 * Where a referenced variable's value comes from, kubectl describe's way: only as its source (`from secret db key password`), never resolved. podscope never
 * reads Secrets or ConfigMaps, so no such value can reach the screen.
 */
function source(variable: EnvVar): LabelPart[] {
  const from = variable.valueFrom;
  if (from === undefined || from === null) return [];
  const optional = (flag: boolean | undefined): LabelPart[] => (flag === true ? [dim(p`(optional)`)] : []);
  if (from.secretKeyRef) {
    return [dim(p`from secret`), value(cleanName(from.secretKeyRef.name ?? '')), dim(p`key`), value(cleanName(from.secretKeyRef.key)), ...optional(from.secretKeyRef.optional)];
  }
  if (from.configMapKeyRef) {
    return [dim(p`from configmap`), value(cleanName(from.configMapKeyRef.name ?? '')), dim(p`key`), value(cleanName(from.configMapKeyRef.key)), ...optional(from.configMapKeyRef.optional)];
  }
  if (from.fieldRef) return [dim(p`from field`), value(cleanName(from.fieldRef.fieldPath))];
  if (from.resourceFieldRef) return [dim(p`from resource`), value(cleanName(from.resourceFieldRef.resource))];
  return [dim(p`from an unknown source`)];
}

/** Environment: each variable with its value or source, then the whole Secrets and ConfigMaps it imports. */
export function envNode(id: string, container: Container): TreeNode | undefined {
  const lines: TreeNode[] = (container.env ?? []).map((variable, index) => {
    const literal = variable.valueFrom === undefined || variable.valueFrom === null;
    return literal
      ? { ...leaf(`${id}/env/${index}`, p``, []), label: [value(p`${cleanName(variable.name)}=${clean(variable.value ?? '')}`)] }
      : leaf(`${id}/env/${index}`, cleanName(variable.name), source(variable));
  });
  (container.envFrom ?? []).forEach((from, index) => {
    const prefix: LabelPart[] = from.prefix ? [dim(p`prefix`), value(cleanName(from.prefix))] : [];
    const ref = from.secretRef ? { kind: p`secret`, name: from.secretRef.name } : from.configMapRef ? { kind: p`configmap`, name: from.configMapRef.name } : undefined;
    if (ref === undefined) return;
    lines.push(leaf(`${id}/envFrom/${index}`, p`all keys`, [dim(p`from ${ref.kind}`), value(cleanName(ref.name ?? '')), ...prefix]));
  });
  if (lines.length === 0) return undefined;
  return group(`${id}/env`, [key(p`env`), dim(p`(${lines.length})`)], lines);
}
