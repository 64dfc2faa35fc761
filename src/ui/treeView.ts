import type { Pod } from '../model/apiObjects.js';
import { podTree, renderTreeLines, type TreeContext, type TreeLine } from '../model/containerTree.js';
import type { UsageState } from '../model/usage.js';
import { withUsage } from '../model/usageTree.js';
import type { TreeState } from './state.js';

export interface TreeScreenLine extends TreeLine {
  /** Id of the line this one hangs from; null for the root. */
  parentId: string | null;
}

export type TreeFolds = Pick<TreeState, 'collapsed' | 'expanded' | 'details'>;

/** The selected pod's container-state tree as screen lines, folded as the user left it. */
export function podTreeLines(pod: Pod, now: Date, folds: TreeFolds, unicode: boolean, context: TreeContext = {}, usage?: UsageState): TreeScreenLine[] {
  const tree = podTree(pod, now, context);
  const lines = renderTreeLines(usage === undefined ? tree : withUsage(tree, pod, usage), {
    ascii: !unicode,
    collapsed: new Set(folds.collapsed),
    expanded: new Set(folds.expanded ?? []),
    openFolded: folds.details === true,
  });
  const ancestors: string[] = [];
  return lines.map((line) => {
    ancestors.length = line.depth;
    const parentId = line.depth === 0 ? null : (ancestors[line.depth - 1] ?? null);
    ancestors[line.depth] = line.id;
    return { ...line, parentId };
  });
}

export type FoldAction = 'toggle' | 'collapse' | 'expand';

/**
 * What a fold key does on line `index`: toggle and expand act on the line itself when it has
 * children; collapse folds the line, or when it has nothing to fold, its parent (and moves there).
 */
export function foldFor(lines: readonly TreeScreenLine[], index: number, action: FoldAction): { id: string; collapsed: boolean } | undefined {
  const line = lines[index];
  if (line === undefined) return undefined;
  switch (action) {
    case 'toggle':
      return line.hasChildren ? { id: line.id, collapsed: !line.collapsed } : undefined;
    case 'expand':
      return line.hasChildren && line.collapsed ? { id: line.id, collapsed: false } : undefined;
    case 'collapse':
      if (line.hasChildren && !line.collapsed) return { id: line.id, collapsed: true };
      return line.parentId === null ? undefined : { id: line.parentId, collapsed: true };
  }
}
