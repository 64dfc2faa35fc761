import type { LabelPart, Severity, TreeNode } from './containerTree.js';
import { clean, joinPrintable, p, type Printable } from './printable.js';

export interface TreeLineOptions {
  /** ASCII glyphs (`|-`, `` `- ``, `|`) for terminals without Unicode box drawing. */
  ascii: boolean;
  /** Ids of nodes whose children are hidden. */
  collapsed: ReadonlySet<string>;
  /** Ids of nodes folded by default (TreeNode.folded) that the user unfolded. */
  expanded?: ReadonlySet<string>;
  /** Every node folded by default is open (`podscope tree`, the tree's details key), unless in `collapsed`. */
  openFolded?: boolean;
}

export interface TreeLine {
  id: string;
  /** Tree glyphs and indentation before the label. */
  prefix: Printable;
  /** The label parts joined with single spaces. */
  text: Printable;
  parts: LabelPart[];
  severity: Severity;
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
}

interface Glyphs {
  branch: Printable;
  last: Printable;
  pipe: Printable;
  blank: Printable;
}

const UNICODE: Glyphs = { branch: p`├─ `, last: p`└─ `, pipe: p`│  `, blank: p`   ` };
const ASCII: Glyphs = { branch: p`|- `, last: p`\`- `, pipe: p`|  `, blank: p`   ` };
const SPACE = p` `;
const EMPTY_INDENT = p``;

/** Flattens a tree into display lines, depth first, skipping the children of collapsed nodes. */
export function renderTreeLines(tree: { root: TreeNode } | TreeNode, options: TreeLineOptions): TreeLine[] {
  const root = 'root' in tree ? tree.root : tree;
  const glyphs = options.ascii ? ASCII : UNICODE;
  const lines: TreeLine[] = [];
  const visit = (node: TreeNode, indent: Printable, connector: Printable, depth: number): void => {
    const folded = node.folded === true && options.openFolded !== true && options.expanded?.has(node.id) !== true;
    const collapsed = (options.collapsed.has(node.id) || folded) && node.children.length > 0;
    const parts = node.label.filter((part) => part.text !== '').map((part) => (options.ascii ? { ...part, text: asciiText(part.text) } : part));
    lines.push({
      id: node.id,
      prefix: joinPrintable([indent, connector]),
      text: joinPrintable(parts.map((part) => part.text), SPACE),
      parts,
      severity: node.severity,
      depth,
      hasChildren: node.children.length > 0,
      collapsed,
    });
    if (collapsed) return;
    const childIndent = depth === 0 ? EMPTY_INDENT : joinPrintable([indent, connector === glyphs.last ? glyphs.blank : glyphs.pipe]);
    node.children.forEach((child, i) => {
      const isLast = i === node.children.length - 1;
      visit(child, childIndent, isLast ? glyphs.last : glyphs.branch, depth + 1);
    });
  };
  visit(root, EMPTY_INDENT, EMPTY_INDENT, 0);
  return lines;
}

/** Labels may hold a few Unicode symbols (the resolved-image arrow); ASCII terminals get look-alikes. */
function asciiText(text: Printable): Printable {
  return clean(text.replace(/→/g, '->').replace(/…/g, '...').replace(/×/g, 'x').replace(/[^\x00-\x7f]/g, '?'));
}
