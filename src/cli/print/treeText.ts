import type { Pod } from '../../model/apiObjects.js';
import { podTree, type TreeContext } from '../../model/containerTree.js';
import { joinPrintable } from '../../model/printable.js';
import { renderTreeLines } from '../../model/treeLines.js';
import type { PrintLine } from '../output.js';

export interface PlainTextOptions {
  ascii: boolean;
}

/** The tree of the explorer's detail pane, every node expanded (the spec details too), as lines coloured by severity. */
export function treeText(pod: Pod, now: Date, options: PlainTextOptions, context: TreeContext = {}): PrintLine[] {
  return renderTreeLines(podTree(pod, now, context), { ascii: options.ascii, collapsed: new Set(), openFolded: true }).map((line) => ({
    text: joinPrintable([line.prefix, line.text]),
    tone: line.severity,
  }));
}
