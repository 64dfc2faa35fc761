import { useMemo } from 'react';
import type { Pod } from '../../model/apiObjects.js';
import { podTree, type ContainerView } from '../../model/containerTree.js';
import { treeAnchorsOf } from '../ageClock.js';
import { treeViewport } from '../components/TreePane.js';
import type { Region } from '../layout.js';
import type { TreeState } from '../state.js';
import { scrollWindow, treeIndex } from '../viewport.js';
import { podTreeLines, type TreeScreenLine } from '../treeView.js';
import { useAgeClock } from './useAgeClock.js';
import { useExplorerModel, useUiState } from '../contexts/UiStateContext.js';
import { useStoreSnapshot } from './useStore.js';
import { probeFailures } from '../../model/tree/probeFailures.js';

export interface ContainerTree {
  lines: readonly TreeScreenLine[];
  /** Line of the tree cursor, -1 for none. */
  selected: number;
  /** First line shown. */
  top: number;
  /** What the tree's cursor and fold commands need (see explorer/keys/screenCommands). */
  view: { ids: readonly string[]; viewport: number; lines: readonly TreeScreenLine[]; selected: number };
  /** The pod's containers as the tree shows them. */
  containers: readonly ContainerView[];
}

/** The selected pod's container tree: its lines with ages kept current, the cursor and the scroll position. */
export function useContainerTree(pod: Pod | undefined, tree: TreeState, region: Region, unicode: boolean, now: () => Date): ContainerTree {
  const model = useExplorerModel();
  // The tree shows the pod's probe failures from its events: subscribed here, as the model does not
  // publish a frame for events alone (see explorer/dataFrames). The context is memoised in the model.
  useStoreSnapshot(model.eventStore(useUiState()));
  const context = pod === undefined ? undefined : model.treeContext(pod);
  const usage = model.usage();
  const anchors = useMemo(() => {
    if (pod === undefined) return [];
    const failures = [...probeFailures(context?.events ?? []).values()].flatMap((f) => (f.lastMs === undefined ? [] : [f.lastMs]));
    return [...treeAnchorsOf(pod), ...failures];
  }, [pod, context]);
  const time = useAgeClock(anchors, now);
  const { collapsed, expanded, details } = tree;
  const lines = useMemo(
    () => (pod === undefined ? [] : podTreeLines(pod, time, { collapsed, expanded, details }, unicode, context, usage)),
    [pod, time, collapsed, expanded, details, unicode, context, usage],
  );
  const ids = useMemo(() => lines.map((l) => l.id), [lines]);
  const selected = treeIndex(tree, ids);
  const viewport = treeViewport(region);
  const top = scrollWindow(tree.scrollTop, selected, viewport, lines.length);
  const view = useMemo(() => ({ ids, viewport, lines, selected }), [ids, viewport, lines, selected]);
  const containers = useMemo(() => (pod === undefined ? [] : podTree(pod, time).containers), [pod, time]);
  return { lines, selected, top, view, containers };
}
