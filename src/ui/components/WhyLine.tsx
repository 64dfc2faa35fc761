import { Box } from 'ink';
import type { Diagnosis, DiagnosisSeverity } from '../../model/diagnosis/types.js';
import { p, spaces, type Printable } from '../../model/printable.js';
import type { Severity } from '../../model/containerTree.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { textWidth, wrapWords } from '../text.js';
import { severityStyle } from '../theme.js';
import { Line, Span } from './Line.js';

const LABEL = p`WHY `;
const SEVERITY: Readonly<Record<DiagnosisSeverity, Severity>> = { failed: 'error', warning: 'warning', progressing: 'progress' };

/**
 * The diagnosis wrapped under its label in at most `maxLines` lines: the reason comes first in it,
 * so only the end of an overlong line (a long log quote, a hostile name) is ever cut, and marked.
 */
export function whyLines(diagnosis: Diagnosis | undefined, width: number, maxLines: number, truncated: Printable): Printable[] {
  if (diagnosis === undefined || width <= textWidth(LABEL)) return [];
  return wrapWords(diagnosis.text, width - textWidth(LABEL), maxLines, truncated);
}

/** The WHY line of the selected pod, where the eye goes first: between the table and the detail pane. */
export function WhyLine({ diagnosis, lines, width }: { diagnosis: Diagnosis | undefined; lines: readonly Printable[]; width: number }) {
  const { display } = useDisplay();
  if (diagnosis === undefined || lines.length === 0) return null;
  const style = severityStyle(SEVERITY[diagnosis.severity], display);
  return (
    <Box flexDirection="column" width={width} height={lines.length}>
      {lines.map((line, i) => (
        <Line key={i}>
          <Span bold>{i === 0 ? LABEL : spaces(textWidth(LABEL))}</Span>
          <Span {...style}>{line}</Span>
        </Line>
      ))}
    </Box>
  );
}
