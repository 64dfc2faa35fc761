import type { KubeEvent, Pod } from '../../model/apiObjects.js';
import { podTree, type ContainerView, type TreeContext } from '../../model/containerTree.js';
import { eventsForPod } from '../../model/eventRows.js';
import type { OwnerLookup } from '../../model/tree/ownerChain.js';
import type { UsageState } from '../../model/usage.js';
import type { TreeState } from '../state.js';
import { podTreeLines, type TreeScreenLine } from '../treeView.js';

export interface PodTreeView {
  lines: TreeScreenLine[];
  containers: ContainerView[];
}

/**
 * The highlighted pod's tree and what it shows besides the pod, kept while their inputs stay the
 * same objects: every layout and key asks for them, and a rebuild is only due when one changed.
 */
export class PodTreeMemo {
  private view: (PodTreeView & { pod: Pod; tree: TreeState; context: TreeContext; usage: UsageState | undefined }) | undefined;
  private contextMemo: { pod: Pod; events: readonly KubeEvent[]; owners: number; context: TreeContext } | undefined;

  constructor(private readonly unicode: boolean) {}

  /**
   * The pod's events (probe failures) and its owners as read so far; the same object while neither
   * changed. `ownerAnswers` counts the owner reads answered: a new one changes the tree.
   */
  context(pod: Pod, all: readonly KubeEvent[], ownerAnswers: number, owners: OwnerLookup | undefined): TreeContext {
    const memo = this.contextMemo;
    if (memo !== undefined && memo.pod === pod && memo.owners === ownerAnswers && memo.events === all) return memo.context;
    const meta = pod.metadata;
    const events = meta?.namespace === undefined || meta.name === undefined ? [] : eventsForPod(all, meta.namespace, meta.name, meta.uid);
    const context: TreeContext = owners === undefined ? { events } : { events, owners };
    this.contextMemo = { pod, events: all, owners: ownerAnswers, context };
    return context;
  }

  tree(pod: Pod, tree: TreeState, context: TreeContext, usage: UsageState | undefined, now: () => Date): PodTreeView {
    const memo = this.view;
    const sameFolds = memo !== undefined && memo.tree.collapsed === tree.collapsed && memo.tree.expanded === tree.expanded && memo.tree.details === tree.details;
    if (memo !== undefined && memo.pod === pod && memo.context === context && memo.usage === usage && sameFolds) return memo;
    const at = now();
    this.view = { pod, tree, context, usage, lines: podTreeLines(pod, at, tree, this.unicode, context, usage), containers: podTree(pod, at).containers };
    return this.view;
  }
}
