import type { V1Pod } from '@kubernetes/client-node';
import { podTree } from '../../model/containerTree.js';
import { joinPrintable } from '../../model/printable.js';
import { renderTreeLines } from '../../model/treeLines.js';
import type { PrintLine } from '../output.js';

export interface PlainTextOptions {
  ascii: boolean;
}

/** The container-state tree of the explorer's detail pane, every node expanded, as lines coloured by severity. */
export function treeText(pod: V1Pod, now: Date, options: PlainTextOptions): PrintLine[] {
  return renderTreeLines(podTree(pod, now), { ascii: options.ascii, collapsed: new Set() }).map((line) => ({
    text: joinPrintable([line.prefix, line.text]),
    tone: line.severity,
  }));
}
