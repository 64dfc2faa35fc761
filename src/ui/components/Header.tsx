import { Box, Text } from 'ink';
import type { ConnectionState } from '../../kube/resourceStore.js';
import { connectionText } from '../connectionText.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import type { PodScope, ClusterInfo } from '../services.js';
import { fitSegments, singleLine, type Segment } from '../text.js';
import { connectionStyle, type TextStyle } from '../theme.js';

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
  const separator = ` ${glyphs.separator} `;
  const fitted = fitSegments(segments, width, separator, glyphs.truncated);
  return (
    <Text wrap="truncate-end">
      {fitted.map((s, i) => (
        <Text key={s.index}>
          {i > 0 ? <Text dimColor>{separator}</Text> : null}
          <Text {...segments[s.index]?.style}>{s.text}</Text>
        </Text>
      ))}
    </Text>
  );
}

/** Where podscope is looking and whether the pod list is live: two lines. */
export function Header({ info, scope, connection, shown, total, filter, sort, position = '', width }: HeaderProps) {
  const { display, glyphs } = useDisplay();
  const where: StyledSegment[] = [
    { text: 'podscope', priority: 1, style: { bold: true } },
    { text: `context: ${singleLine(info.contextName)}`, priority: 5 },
    { text: `server: ${singleLine(info.server)}`, priority: 3 },
    ...(info.user === undefined ? [] : [{ text: `user: ${singleLine(info.user)}`, priority: 2 }]),
    ...(info.readonly ? [{ text: 'read-only', priority: 4, style: { bold: true } }] : []),
  ];
  const what: StyledSegment[] = [
    { text: 'allNamespaces' in scope ? 'all namespaces' : `namespace: ${scope.namespace}`, priority: 5, style: { bold: true } },
    { text: filter === '' ? `pods: ${total}` : `pods: ${shown}/${total}`, priority: 4 },
    ...(position === '' ? [] : [{ text: `rows ${position}`, priority: 4 }]),
    ...(filter === '' ? [] : [{ text: `filter: ${singleLine(filter)}`, priority: 3 }]),
    ...(sort === '' ? [] : [{ text: `sort: ${sort}`, priority: 2 }]),
    { text: connectionText(connection, glyphs), priority: 6, style: connectionStyle(connection, display) },
  ];
  return (
    <Box flexDirection="column" width={width} height={2}>
      <HeaderLine segments={where} width={width} />
      <HeaderLine segments={what} width={width} />
    </Box>
  );
}
