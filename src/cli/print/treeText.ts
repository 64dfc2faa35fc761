import type { Pod } from '../../model/apiObjects.js';
import { podTree, type TreeContext } from '../../model/containerTree.js';
import { joinPrintable } from '../../model/printable.js';
import { renderTreeLines } from '../../model/treeLines.js';
import type { PrintLine } from '../output.js';
import type { UsageState } from '../../model/usage.js';
import { withUsage } from '../../model/usageTree.js';

export interface PlainTextOptions {
  ascii: boolean;
}

/** The tree of the explorer's detail pane, every node expanded (the spec details too), as lines coloured by severity. */
export function treeText(pod: Pod, now: Date, options: PlainTextOptions, context: TreeContext = {}, usage?: UsageState): PrintLine[] {
  const tree = podTree(pod, now, context);
  return renderTreeLines(usage === undefined ? tree : withUsage(tree, pod, usage), { ascii: options.ascii, collapsed: new Set(), openFolded: true }).map((line) => ({
    text: joinPrintable([line.prefix, line.text]),
    tone: line.severity,
  }));
}
