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

/** More lines than any diagnosis needs at 60 columns; the line is never cut before that. */
const MAX_LINES = 12;

/** The diagnosis wrapped under its label, every word kept: the reason a pod is unhealthy is never cut. */
export function whyLines(diagnosis: Diagnosis | undefined, width: number, truncated: Printable): Printable[] {
  if (diagnosis === undefined || width <= textWidth(LABEL)) return [];
  return wrapWords(diagnosis.text, width - textWidth(LABEL), MAX_LINES, truncated);
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
