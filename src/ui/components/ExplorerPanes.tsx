import { Box } from 'ink';
import { cleanName, EMPTY, p, type Printable } from '../../model/printable.js';
import type { Pod } from '../../model/apiObjects.js';
import type { ConnectionState } from '../../kube/resourceStore.js';
import { connectionText } from '../connectionText.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import type { EventColumn, EventLine } from '../eventColumns.js';
import type { Arrangement, Region } from '../layout.js';
import type { PodListView } from '../podList.js';
import type { PodScope } from '../services.js';
import type { EventsMode, Pane } from '../state.js';
import type { TreeScreenLine } from '../treeView.js';
import { EventsPane } from './EventsPane.js';
import { Line } from './Line.js';
import { PodTable } from './PodTable.js';
import { TreePane } from './TreePane.js';
import { WhyLine } from './WhyLine.js';
import type { Diagnosis } from '../../model/diagnosis/types.js';

export interface PaneRegions {
  table: Region;
  tree: Region;
  events: Region;
}

const NO_REGION: Region = { width: 0, height: 0 };
const NO_POD = p`no pod selected`;

/** Each pane's share of the body; a stacked detail pane gets the detail region whichever it shows, none when too small. */
export function paneRegions(arrangement: Arrangement | undefined): PaneRegions {
  if (arrangement === undefined) return { table: NO_REGION, tree: NO_REGION, events: NO_REGION };
  if (arrangement.kind === 'side') return { table: arrangement.table, tree: arrangement.tree, events: arrangement.events };
  return { table: arrangement.table, tree: arrangement.detail, events: arrangement.detail };
}

function podName(pod: Pod | undefined): Printable {
  return pod === undefined ? EMPTY : p`${cleanName(pod.metadata?.namespace)}/${cleanName(pod.metadata?.name)}`;
}

function scopeName(scope: PodScope): Printable {
  return 'allNamespaces' in scope ? p`all namespaces` : p`namespace ${cleanName(scope.namespace)}`;
}

export interface ExplorerPanesProps {
  body: Region;
  arrangement: Arrangement;
  scope: PodScope;
  filter: string;
  pods: { list: PodListView; connection: ConnectionState; selected: number; scrollTop: number };
  selectedPod: Pod | undefined;
  tree: { lines: readonly TreeScreenLine[]; selected: number; top: number };
  events: { lines: readonly EventLine[]; columns: readonly EventColumn[]; count: number; warnings: number; top: number; connection: ConnectionState; mode: EventsMode };
  now: () => Date;
  /** The pane with the keyboard; none while an overlay has it. */
  focused: Pane | undefined;
  /** The selected pod's WHY line, wrapped; its rows are already taken from the detail pane in `arrangement`. */
  why?: { diagnosis: Diagnosis | undefined; lines: readonly Printable[] };
}

/**
 * The pod table, the selected pod's container tree and the events, laid out in the body: side by
 * side with a vertical rule when wide, the table over one detail pane when not.
 */
export function ExplorerPanes({ body, arrangement, scope, filter, pods, selectedPod, tree, events, now, focused, why }: ExplorerPanesProps) {
  const { display, glyphs } = useDisplay();
  const regions = paneRegions(arrangement);
  const sep = p` ${glyphs.separator} `;

  const table = (
    <PodTable
      list={pods.list}
      scope={scope}
      connection={pods.connection}
      selected={pods.selected}
      scrollTop={pods.scrollTop}
      region={regions.table}
      now={now}
      focused={focused === 'pods'}
      filter={filter}
    />
  );
  const treePane = (
    <TreePane
      title={selectedPod === undefined ? p`Containers` : p`Containers${sep}${podName(selectedPod)}`}
      lines={tree.lines}
      selected={tree.selected}
      scrollTop={tree.top}
      region={regions.tree}
      focused={focused === 'tree'}
      emptyText={NO_POD}
    />
  );
  const { mode, connection } = events;
  const { warnings } = events;
  const eventsWhat = mode === 'pod' ? podName(selectedPod) || NO_POD : p`all of ${scopeName(scope)}`;
  const eventsState = connection.kind === 'live' ? EMPTY : p`${sep}${connectionText(connection, glyphs)}`;
  const warningCount = p`${events.count} (${warnings} warning${warnings === 1 ? EMPTY : p`s`})`;
  const eventsPane = (
    <EventsPane
      title={p`Events${sep}${eventsWhat}${sep}${warningCount}${sep}e: ${mode === 'pod' ? p`all` : p`this pod`}${eventsState}`}
      rows={events.lines}
      columns={events.columns}
      top={events.top}
      region={regions.events}
      focused={focused === 'events'}
      emptyText={connection.kind === 'live' ? (mode === 'pod' && selectedPod === undefined ? NO_POD : p`no events`) : connectionText(connection, glyphs)}
    />
  );

  const whyLine = why === undefined ? null : <WhyLine diagnosis={why.diagnosis} lines={why.lines} width={arrangement.kind === 'side' ? arrangement.detailWidth : body.width} />;

  if (arrangement.kind === 'side') {
    const rule = display.unicode ? p`│` : p`|`;
    return (
      <Box flexDirection="row" width={body.width} height={body.height}>
        {table}
        <Box flexDirection="column" width={1} height={body.height}>
          {Array.from({ length: body.height }, (_, i) => (
            <Line key={i} dimColor>
              {rule}
            </Line>
          ))}
        </Box>
        <Box flexDirection="column" width={arrangement.detailWidth} height={body.height}>
          {whyLine}
          {treePane}
          {eventsPane}
        </Box>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={body.width} height={body.height}>
      {table}
      {whyLine}
      {arrangement.shown === 'tree' ? treePane : eventsPane}
    </Box>
  );
}
