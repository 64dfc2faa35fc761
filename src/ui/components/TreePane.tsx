import { memo } from 'react';
import { Box } from 'ink';
import { EMPTY, p, spaces, type Printable } from '../../model/printable.js';
import type { LabelPart, Severity } from '../../model/containerTree.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import type { Display, Glyphs } from '../glyphs.js';
import type { Region } from '../layout.js';
import { fitStyled, textWidth, type StyledText } from '../text.js';
import { severityStyle, type TextStyle } from '../theme.js';
import type { TreeScreenLine } from '../treeView.js';
import { Line, Span } from './Line.js';
import { PaneTitle } from './PaneTitle.js';

export interface TreePaneProps {
  title: Printable;
  lines: readonly TreeScreenLine[];
  /** Line of the tree cursor, -1 for none. */
  selected: number;
  scrollTop: number;
  region: Region;
  focused: boolean;
  /** Shown instead of lines when there are none. */
  emptyText: Printable;
}

/** Tree lines under the title. */
export function treeViewport(region: Region): number {
  return Math.max(1, region.height - 1);
}

/** Roles that take the line's severity colour; the rest are plain or dim. */
const SEVERITY_ROLES = new Set<LabelPart['role']>(['name', 'state', 'reason']);
const DIM_ROLES = new Set<LabelPart['role']>(['key', 'dim', 'time']);

function partStyle(part: LabelPart, lineSeverity: Severity, display: Display): TextStyle {
  const severity = part.severity ?? lineSeverity;
  const style: TextStyle = SEVERITY_ROLES.has(part.role) || part.severity !== undefined ? severityStyle(severity, display) : {};
  if (part.role === 'name') style.bold = true;
  if (DIM_ROLES.has(part.role) && part.severity === undefined) style.dimColor = true;
  return style;
}

function linePieces(line: TreeScreenLine, display: Display, glyphs: Glyphs): StyledText<TextStyle>[] {
  const marker = line.hasChildren ? p`${line.collapsed ? glyphs.collapsed : glyphs.expanded} ` : EMPTY;
  const pieces: StyledText<TextStyle>[] = [{ text: line.prefix, style: { dimColor: true } }, { text: marker, style: {} }];
  line.parts.forEach((part, i) => {
    pieces.push({ text: i === 0 ? part.text : p` ${part.text}`, style: partStyle(part, line.severity, display) });
  });
  return pieces;
}

const TreeRow = memo(function TreeRow({ line, width, highlighted }: { line: TreeScreenLine; width: number; highlighted: boolean }) {
  const { display, glyphs } = useDisplay();
  const pieces = fitStyled(linePieces(line, display, glyphs), width, glyphs.truncated);
  const used = pieces.reduce((sum, piece) => sum + textWidth(piece.text), 0);
  // The cursor line is padded so its inverse video spans the pane.
  const padding = highlighted ? spaces(width - used) : EMPTY;
  return (
    <Line inverse={highlighted}>
      {pieces.map((piece, i) => (
        <Span key={i} {...piece.style}>
          {piece.text}
        </Span>
      ))}
      {padding}
    </Line>
  );
});

/** The selected pod's container-state tree, scrolled to keep the cursor in view. */
export function TreePane({ title, lines, selected, scrollTop, region, focused, emptyText }: TreePaneProps) {
  const { glyphs } = useDisplay();
  const visible = lines.slice(scrollTop, scrollTop + treeViewport(region));
  return (
    <Box flexDirection="column" width={region.width} height={region.height}>
      <PaneTitle text={title} width={region.width} focused={focused} />
      {lines.length === 0 ? (
        <Line dimColor>{fitStyled([{ text: emptyText, style: null }], region.width, glyphs.truncated)[0]?.text ?? EMPTY}</Line>
      ) : (
        visible.map((line, i) => (
          <TreeRow key={scrollTop + i} line={line} width={region.width} highlighted={focused && scrollTop + i === selected} />
        ))
      )}
    </Box>
  );
}
