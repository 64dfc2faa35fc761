import type { LabelPart, Severity, TreeNode } from './containerTree.js';

export interface TreeLineOptions {
  /** ASCII glyphs (`|-`, `` `- ``, `|`) for terminals without Unicode box drawing. */
  ascii: boolean;
  /** Ids of nodes whose children are hidden. */
  collapsed: ReadonlySet<string>;
}

export interface TreeLine {
  id: string;
  /** Tree glyphs and indentation before the label. */
  prefix: string;
  /** The label parts joined with single spaces. */
  text: string;
  parts: LabelPart[];
  severity: Severity;
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
}

interface Glyphs {
  branch: string;
  last: string;
  pipe: string;
  blank: string;
}

const UNICODE: Glyphs = { branch: '├─ ', last: '└─ ', pipe: '│  ', blank: '   ' };
const ASCII: Glyphs = { branch: '|- ', last: '`- ', pipe: '|  ', blank: '   ' };

/** Flattens a tree into display lines, depth first, skipping the children of collapsed nodes. */
export function renderTreeLines(tree: { root: TreeNode } | TreeNode, options: TreeLineOptions): TreeLine[] {
  const root = 'root' in tree ? tree.root : tree;
  const glyphs = options.ascii ? ASCII : UNICODE;
  const lines: TreeLine[] = [];
  const visit = (node: TreeNode, indent: string, connector: string, depth: number): void => {
    const collapsed = options.collapsed.has(node.id) && node.children.length > 0;
    const parts = node.label.filter((p) => p.text !== '').map((p) => (options.ascii ? { ...p, text: asciiText(p.text) } : p));
    lines.push({
      id: node.id,
      prefix: indent + connector,
      text: parts.map((p) => p.text).join(' '),
      parts,
      severity: node.severity,
      depth,
      hasChildren: node.children.length > 0,
      collapsed,
    });
    if (collapsed) return;
    const childIndent = depth === 0 ? '' : indent + (connector === glyphs.last ? glyphs.blank : glyphs.pipe);
    node.children.forEach((child, i) => {
      const isLast = i === node.children.length - 1;
      visit(child, childIndent, isLast ? glyphs.last : glyphs.branch, depth + 1);
    });
  };
  visit(root, '', '', 0);
  return lines;
}

/** Labels may hold a few Unicode symbols (the resolved-image arrow); ASCII terminals get look-alikes. */
function asciiText(text: string): string {
  return text.replace(/→/g, '->').replace(/…/g, '...').replace(/×/g, 'x').replace(/[^\x00-\x7f]/g, '?');
}
