import { useCallback } from 'react';
import { Box } from 'ink';
import { useUiActions, useUiState } from '../contexts/UiStateContext.js';
import { keyLabel } from '../keymap.js';
import { useKeymap } from '../hooks/useKeymap.js';
import { usePodList } from '../hooks/usePodList.js';
import { usePodNavigation } from '../hooks/usePodNavigation.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { planScreen, type Region } from '../layout.js';
import type { UiServices } from '../services.js';
import { scrollWindow, selectedIndex } from '../state.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { Header } from './Header.js';
import { HintBar } from './HintBar.js';
import { PodTable, podTableViewport } from './PodTable.js';
import { StatusLine } from './StatusLine.js';
import { TooSmall } from './TooSmall.js';

export interface PodScreenProps {
  services: UiServices;
  onQuit: () => void;
}

const NO_REGION: Region = { width: 0, height: 0 };

/** The pod list screen: header, table, status line and hint bar laid out for the terminal size. */
export function PodScreen({ services, onQuit }: PodScreenProps) {
  const state = useUiState();
  const actions = useUiActions();
  const { display } = useDisplay();
  const size = useTerminalSize();
  const layout = planScreen(size);
  const body = layout.kind === 'normal' ? layout.body : NO_REGION;
  const viewport = podTableViewport(body);

  const { pods, keys, connection } = usePodList(services, state.scope);
  const handlers = usePodNavigation(keys, viewport, onQuit);
  const onUnhandled = useCallback(
    (key: string) => {
      actions.showMessage({ text: `no command for ${keyLabel(key, display.unicode)}`, level: 'info' });
    },
    [actions, display.unicode],
  );
  // A message stays until the next command.
  useKeymap(handlers, { onUnhandled, onCommand: actions.clearMessage });
  const now = useCallback(() => services.now(), [services]);

  if (layout.kind === 'tooSmall') {
    return <TooSmall size={layout.size} minColumns={layout.minColumns} minRows={layout.minRows} />;
  }

  // Resolved here rather than read from state: the list may have changed since the last action.
  const selected = selectedIndex(state, keys);
  const scrollTop = scrollWindow(state.scrollTop, selected, viewport, pods.length);

  return (
    <Box flexDirection="column" width={size.columns} height={size.rows}>
      <Header info={services.info} scope={state.scope} connection={connection} podCount={pods.length} width={layout.header.width} />
      <PodTable
        pods={pods}
        scope={state.scope}
        connection={connection}
        selected={selected}
        scrollTop={scrollTop}
        region={layout.body}
        now={now}
      />
      <StatusLine message={state.message} selected={pods[selected]} width={layout.statusLine.width} />
      <HintBar width={layout.hintBar.width} />
    </Box>
  );
}
