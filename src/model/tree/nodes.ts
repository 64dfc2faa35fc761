import type { LabelPart, Severity, TreeNode } from '../containerTree.js';
import type { Printable } from '../printable.js';

/** A leaf line `key value…`. */
export function leaf(id: string, key: Printable, rest: LabelPart[], severity: Severity = 'muted'): TreeNode {
  return { id, kind: 'detail', label: [{ text: key, role: 'key' }, ...rest], severity, children: [] };
}

/** A line with child lines under it (mounts, env, tolerations). */
export function group(id: string, label: LabelPart[], children: TreeNode[], severity: Severity = 'muted'): TreeNode {
  return { id, kind: 'detail', label, severity, children };
}

export const value = (text: Printable): LabelPart => ({ text, role: 'value' });
export const dim = (text: Printable): LabelPart => ({ text, role: 'dim' });
export const key = (text: Printable): LabelPart => ({ text, role: 'key' });
