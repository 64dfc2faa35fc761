import type { Pod } from '../../model/apiObjects.js';
import { podTree } from '../../model/containerTree.js';
import { renderTreeLines } from '../../model/treeLines.js';
import { paint } from './ansi.js';

export interface PlainTextOptions {
  ascii: boolean;
  colour: boolean;
}

/** The container-state tree of the explorer's detail pane, every node expanded, as lines of text. */
export function treeText(pod: Pod, now: Date, options: PlainTextOptions): string[] {
  return renderTreeLines(podTree(pod, now), { ascii: options.ascii, collapsed: new Set() }).map((line) =>
    paint(line.prefix + line.text, line.severity, options.colour),
  );
}
