import { useMemo } from 'react';
import { Box, Text } from 'ink';
import type { Pod } from '../../model/apiObjects.js';
import type { ConnectionState } from '../../kube/resourceStore.js';
import { podColumns, podHealth } from '../../model/podColumns.js';
import { ageAnchorsOf } from '../ageClock.js';
import { connectionText } from '../connectionText.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useAgeClock } from '../hooks/useAgeClock.js';
import type { Region } from '../layout.js';
import { formatPodLine, formatTitleLine, planColumns } from '../podTableColumns.js';
import type { PodScope } from '../services.js';
import { fit } from '../text.js';
import { connectionStyle } from '../theme.js';
import { PodRow } from './PodRow.js';

export interface PodTableProps {
  /** Pods in display order. */
  pods: readonly Pod[];
  scope: PodScope;
  connection: ConnectionState;
  /** Row of the selected pod, -1 for none. */
  selected: number;
  /** First row shown. */
  scrollTop: number;
  region: Region;
  now: () => Date;
  focused: boolean;
  /** Said when the filter hides every pod. */
  filter: string;
}

/** How many pod rows fit under the column titles. */
export function podTableViewport(region: Region): number {
  return Math.max(1, region.height - 1);
}

function emptyText(scope: PodScope, connection: ConnectionState, text: string): string {
  if (connection.kind !== 'live') return text;
  return 'allNamespaces' in scope ? 'no pods in any namespace' : `no pods in namespace ${scope.namespace}`;
}

export function PodTable({ pods, scope, connection, selected, scrollTop, region, now, focused, filter }: PodTableProps) {
  const { display, glyphs } = useDisplay();
  const viewport = podTableViewport(region);
  const visible = useMemo(() => pods.slice(scrollTop, scrollTop + viewport), [pods, scrollTop, viewport]);
  const anchors = useMemo(() => visible.flatMap(ageAnchorsOf), [visible]);
  const time = useAgeClock(anchors, now);

  const cells = useMemo(() => pods.map((pod) => podColumns(pod, time)), [pods, time]);
  const columns = useMemo(
    () => planColumns(region.width, cells, 'allNamespaces' in scope),
    [region.width, cells, scope],
  );
  const titleLine = formatTitleLine(columns, region.width, glyphs.truncated);

  if (pods.length === 0) {
    const text = filter === '' ? emptyText(scope, connection, connectionText(connection, glyphs)) : `no pods match the filter ${filter}`;
    return (
      <Box flexDirection="column" width={region.width} height={region.height}>
        <Text bold underline={focused}>
          {titleLine}
        </Text>
        <Text {...(connection.kind === 'live' ? {} : connectionStyle(connection, display))} wrap="truncate-end">
          {fit(text, region.width, glyphs.truncated)}
        </Text>
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={region.width} height={region.height}>
      <Text bold underline={focused}>
          {titleLine}
        </Text>
      {visible.map((pod, i) => {
        const index = scrollTop + i;
        const row = cells[index];
        if (row === undefined) return null;
        return (
          <PodRow
            key={`${row.namespace}/${row.name}`}
            line={formatPodLine(row, columns, region.width, glyphs.truncated)}
            health={podHealth(pod)}
            selected={index === selected}
          />
        );
      })}
    </Box>
  );
}
