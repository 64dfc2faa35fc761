import { Box } from 'ink';
import { clean, cleanName, p } from '../../model/printable.js';
import type { ConnectionState } from '../../kube/resourceStore.js';
import { connectionText } from '../connectionText.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import type { PodScope, ClusterInfo } from '../services.js';
import { fitSegments, type Segment } from '../text.js';
import { connectionStyle, type TextStyle } from '../theme.js';
import { Line, Span } from './Line.js';

export interface HeaderProps {
  info: ClusterInfo;
  scope: PodScope;
  connection: ConnectionState;
  /** Pods shown (after the filter) and listed. */
  shown: number;
  total: number;
  filter: string;
  /** e.g. `age↓`; empty for the default order. */
  sort: string;
  /** The rows on screen when some are not (`12–18 of 5000`); empty when all fit. */
  position?: string;
  width: number;
}

interface StyledSegment extends Segment {
  style?: TextStyle;
}

/** One header line: segments joined by a separator, the least important cut first so it never wraps. */
function HeaderLine({ segments, width }: { segments: readonly StyledSegment[]; width: number }) {
  const { glyphs } = useDisplay();
  const separator = p` ${glyphs.separator} `;
  const fitted = fitSegments(segments, width, separator, glyphs.truncated);
  return (
    <Line>
      {fitted.map((s, i) => (
        <Span key={s.index}>
          {i > 0 ? <Span dimColor>{separator}</Span> : null}
          <Span {...segments[s.index]?.style}>{s.text}</Span>
        </Span>
      ))}
    </Line>
  );
}

/** Where podscope is looking and whether the pod list is live: two lines. */
export function Header({ info, scope, connection, shown, total, filter, sort, position = '', width }: HeaderProps) {
  const { display, glyphs } = useDisplay();
  const where: StyledSegment[] = [
    { text: p`podscope`, priority: 1, style: { bold: true } },
    // Kubeconfig names are anyone's text: a shared kubeconfig can carry escapes like any cluster field.
    { text: p`context: ${cleanName(info.contextName)}`, priority: 5 },
    { text: p`server: ${cleanName(info.server)}`, priority: 3 },
    ...(info.user === undefined ? [] : [{ text: p`user: ${cleanName(info.user)}`, priority: 2 }]),
    ...(info.readonly ? [{ text: p`read-only`, priority: 4, style: { bold: true } }] : []),
  ];
  const what: StyledSegment[] = [
    { text: 'allNamespaces' in scope ? p`all namespaces` : p`namespace: ${cleanName(scope.namespace)}`, priority: 5, style: { bold: true } },
    { text: filter === '' ? p`pods: ${total}` : p`pods: ${shown}/${total}`, priority: 4 },
    ...(position === '' ? [] : [{ text: p`rows ${clean(position)}`, priority: 4 }]),
    ...(filter === '' ? [] : [{ text: p`filter: ${clean(filter)}`, priority: 3 }]),
    ...(sort === '' ? [] : [{ text: p`sort: ${clean(sort)}`, priority: 2 }]),
    { text: connectionText(connection, glyphs), priority: 6, style: connectionStyle(connection, display) },
  ];
  return (
    <Box flexDirection="column" width={width} height={2}>
      <HeaderLine segments={where} width={width} />
      <HeaderLine segments={what} width={width} />
    </Box>
  );
}
