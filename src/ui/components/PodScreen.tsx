import { useCallback, useEffect, useMemo } from 'react';
import { Box } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useUiActions, useUiState } from '../contexts/UiStateContext.js';
import { useCommandAvailability } from '../hooks/useCommandAvailability.js';
import { useContainerTree } from '../hooks/useContainerTree.js';
import { useDebugLaunch } from '../hooks/useDebugLaunch.js';
import { useEventLines } from '../hooks/useEventLines.js';
import { useExplorerKeys } from '../hooks/useExplorerKeys.js';
import { useSessionOpener } from '../hooks/useSessionOpener.js';
import { usePodList } from '../hooks/usePodList.js';
import { usePromptInputs } from '../hooks/usePromptInputs.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { planScreen } from '../layout.js';
import { sortLabel } from '../podOrder.js';
import type { UiServices } from '../services.js';
import { scrollWindow, selectedIndex } from '../state.js';
import { BodyOverlay, isBodyOverlay } from './BodyOverlay.js';
import { ExplorerFooter } from './ExplorerFooter.js';
import { ExplorerPanes, paneRegions } from './ExplorerPanes.js';
import { Header } from './Header.js';
import { podTableViewport } from './PodTable.js';
import { TooSmall } from './TooSmall.js';

export interface PodScreenProps {
  services: UiServices;
  onQuit: () => void;
}

/**
 * The explorer: header, pod table, the selected pod's container tree and events, status line and
 * hint bar, laid out for the terminal size (side by side when wide, stacked when not).
 */
export function PodScreen({ services, onQuit }: PodScreenProps) {
  const state = useUiState();
  const { dispatch } = useUiActions();
  const { display } = useDisplay();
  const size = useTerminalSize();
  const layout = planScreen(size, state.detailPane);
  const regions = paneRegions(layout.kind === 'normal' ? layout.arrangement : undefined);
  const now = useCallback(() => services.now(), [services]);

  const { pods, keys, total, connection } = usePodList(services, state.scope, state.sort, state.filter);
  const podViewport = podTableViewport(regions.table);
  const podsView = useMemo(() => ({ rows: keys, viewport: podViewport }), [keys, podViewport]);
  const selected = selectedIndex(state, keys);
  const selectedPod = pods[selected];

  const tree = useContainerTree(selectedPod, state.tree, regions.tree, display.unicode, now);
  const { availability, bindingState, bindings } = useCommandAvailability(services, selectedPod);
  const launch = useDebugLaunch(services.debug);
  const sessions = useSessionOpener(services.debug, state.overlay);
  const events = useEventLines(services, state.scope, state.events, selectedPod, regions.events, now);

  useExplorerKeys({
    screen: { state, pods: podsView, tree: tree.view, events: events.view, defaultNamespace: services.info.namespace, onQuit },
    debug: {
      services,
      pod: selectedPod,
      containers: tree.containers,
      activePane: state.activePane,
      treeLine: tree.lines[tree.selected]?.id ?? null,
      availability,
      launch,
      sessions,
    },
    bindings,
  });

  const overlay = state.overlay;
  // Mounted again (after a shell) with a waiting panel whose launch this mount does not run: drop it.
  useEffect(() => {
    if (overlay.kind === 'debugProgress' && overlay.error === null && !launch.running()) dispatch({ type: 'overlay.close' });
    if (overlay.kind === 'session' && !sessions.opening()) dispatch({ type: 'overlay.close' });
    // Only the state the UI was mounted with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  usePromptInputs(state, onQuit);

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
        sort={sortText}
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
          launch={launch}
        />
      ) : (
        <ExplorerPanes
          body={layout.body}
          arrangement={layout.arrangement}
          scope={state.scope}
          filter={state.filter}
          pods={{ list: pods, connection, selected, scrollTop: scrollWindow(state.scrollTop, selected, podViewport, pods.length) }}
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
