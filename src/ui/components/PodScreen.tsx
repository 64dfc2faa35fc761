import { useCallback, useEffect } from 'react';
import { Box } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useExplorerModel, useUiActions, useUiState } from '../contexts/UiStateContext.js';
import { commandAvailability } from '../explorer/availability.js';
import { useContainerTree } from '../hooks/useContainerTree.js';
import type { DebugLaunch } from '../hooks/useDebugLaunch.js';
import type { SessionOpener } from '../hooks/useSessionOpener.js';
import { useEventLines } from '../hooks/useEventLines.js';
import { usePodList } from '../hooks/usePodList.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { describeFilter } from '../../model/podFilter.js';
import { sortLabel } from '../podOrder.js';
import type { UiServices } from '../services.js';
import { selectedIndex } from '../state.js';
import { scrollWindow } from '../viewport.js';
import { BodyOverlay, isBodyOverlay } from './BodyOverlay.js';
import { ExplorerFooter } from './ExplorerFooter.js';
import { ExplorerPanes, paneRegions } from './ExplorerPanes.js';
import { Header } from './Header.js';
import { podTableViewport } from './PodTable.js';
import { TooSmall } from './TooSmall.js';
import { whyLines } from './WhyLine.js';
import { usePodDiagnosis } from '../hooks/usePodDiagnosis.js';
import { whyLineBudget, whyWidth, withWhyLines } from '../whyLayout.js';

export interface PodScreenProps {
  services: UiServices;
  launch: DebugLaunch;
  sessions: SessionOpener;
}

/**
 * The explorer: header, pod table, the selected pod's container tree and events, status line and
 * hint bar, laid out for the terminal size (side by side when wide, stacked when not).
 */
/** Which rows the table shows, when it cannot show them all: `12–18 of 5000`. */
export function positionText(top: number, viewport: number, total: number, unicode: boolean): string {
  if (total <= viewport) return '';
  return `${top + 1}${unicode ? '–' : '-'}${Math.min(total, top + viewport)} of ${total}`;
}

export function PodScreen({ services, launch, sessions }: PodScreenProps) {
  const state = useUiState();
  const model = useExplorerModel();
  const { dispatch } = useUiActions();
  const { display, glyphs } = useDisplay();
  const size = useTerminalSize();
  // The model splits the screen by what the panes hold; the keys scroll by the same split.
  const layout = model.layout(state);
  const planned = layout.kind === 'normal' ? layout.arrangement : undefined;
  const now = useCallback(() => services.now(), [services]);

  const { list, connection } = usePodList(state);
  const { pods, total } = list;
  const podViewport = podTableViewport(paneRegions(planned).table);
  // The highlight and the pod every action takes come from the same function (ExplorerModel.highlighted).
  const selected = selectedIndex(state, list.keys, list.indexOf);
  const selectedPod = pods[selected];
  // The WHY line takes its rows from the top of the detail pane, so the tree's viewport is what is left.
  const diagnosis = usePodDiagnosis(selectedPod, services.diagnosis, now, !display.unicode);
  const why = whyLines(diagnosis, whyWidth(planned), whyLineBudget(planned), glyphs.truncated);
  const arrangement = planned === undefined ? undefined : withWhyLines(planned, why.length);
  const regions = paneRegions(arrangement);

  const tree = useContainerTree(selectedPod, state.tree, regions.tree, display.unicode, now);
  const { bindingState, bindings } = commandAvailability(model, selectedPod);
  const events = useEventLines(state.events, selectedPod, regions.events, now);

  const overlay = state.overlay;
  // Mounted again (after a shell) with a waiting panel whose launch this mount does not run: drop it.
  useEffect(() => {
    if (overlay.kind === 'debugProgress' && overlay.error === null && !launch.running()) dispatch({ type: 'overlay.close' });
    if (overlay.kind === 'session' && !sessions.opening()) dispatch({ type: 'overlay.close' });
    // Only the state the UI was mounted with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (layout.kind === 'tooSmall') {
    return <TooSmall size={layout.size} minColumns={layout.minColumns} minRows={layout.minRows} />;
  }

  const sortText = state.sort.key === 'name' && !state.sort.reverse ? '' : sortLabel(state.sort, display.unicode);

  return (
    <Box flexDirection="column" width={size.columns} height={layout.height}>
      <Header
        info={services.info}
        scope={state.scope}
        connection={connection}
        shown={pods.length}
        total={total}
        filter={state.filter}
        sort={list.ranked ? `best match${sortText === '' ? '' : `, ${sortText}`}` : sortText}
        position={positionText(scrollWindow(state.scrollTop, selected, podViewport, pods.length), podViewport, pods.length, display.unicode)}
        width={layout.header.width}
      />
      {isBodyOverlay(overlay) ? (
        <BodyOverlay
          overlay={overlay}
          region={layout.body}
          services={services}
          scope={state.scope}
          pods={pods}
          bindings={bindings}
          bindingState={bindingState}
          events={events.rows}
        />
      ) : (
        <ExplorerPanes
          body={layout.body}
          arrangement={arrangement ?? layout.arrangement}
          why={{ diagnosis, lines: why }}
          scope={state.scope}
          filter={state.filter}
          pods={{ list, connection, selected, scrollTop: scrollWindow(state.scrollTop, selected, podViewport, pods.length) }}
          selectedPod={selectedPod}
          tree={tree}
          events={{ ...events, mode: state.events.mode }}
          now={now}
          focused={overlay.kind === 'none' ? state.activePane : undefined}
        />
      )}
      <ExplorerFooter
        overlay={overlay}
        filter={state.filter}
        filterHelp={describeFilter(list.filter)}
        message={state.message}
        selectedPod={selectedPod}
        activePane={state.activePane}
        bindings={bindings}
        bindingState={bindingState}
        statusWidth={layout.statusLine.width}
        hintWidth={layout.hintBar.width}
      />
    </Box>
  );
}
