import { useCallback, useEffect, useMemo } from 'react';
import { Box, Text } from 'ink';
import type { V1Pod } from '@kubernetes/client-node';
import { podTree } from '../../model/containerTree.js';
import { eventRows } from '../../model/eventRows.js';
import { treeAnchorsOf } from '../ageClock.js';
import { parseCommandLine } from '../commandLine.js';
import { connectionText } from '../connectionText.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useUiActions, useUiState } from '../contexts/UiStateContext.js';
import { debugRequestOf } from '../debugForm.js';
import { keyAvailability } from '../debugKeys.js';
import { eventCells, planEventColumns } from '../eventColumns.js';
import { useAgeClock } from '../hooks/useAgeClock.js';
import { useDebugCommands } from '../hooks/useDebugCommands.js';
import { useDebugLaunch } from '../hooks/useDebugLaunch.js';
import { useDebugPermissions } from '../hooks/useDebugPermissions.js';
import { useEventList } from '../hooks/useEventList.js';
import { useKeymap } from '../hooks/useKeymap.js';
import { useLineInput } from '../hooks/useLineInput.js';
import { usePodList } from '../hooks/usePodList.js';
import { useScreenCommands } from '../hooks/useScreenCommands.js';
import { useTerminalSize } from '../hooks/useTerminalSize.js';
import { bindingsFor, keyLabel, keymap, visibleBindings, type BindingState, type Hint } from '../keymap.js';
import { planScreen, type Region } from '../layout.js';
import { sortLabel } from '../podOrder.js';
import type { PodScope, UiServices } from '../services.js';
import { eventsTop, scrollWindow, selectedIndex, treeIndex, type EventsMode } from '../state.js';
import { podTreeLines } from '../treeView.js';
import { LogView } from '../logs/LogView.js';
import { DebugForm } from './DebugForm.js';
import { DebugProgress } from './DebugProgress.js';
import { EventsPane, eventsViewport } from './EventsPane.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { HintBar } from './HintBar.js';
import { NamespacePicker } from './NamespacePicker.js';
import { PodTable, podTableViewport } from './PodTable.js';
import { PromptLine } from './PromptLine.js';
import { StatusLine } from './StatusLine.js';
import { TooSmall } from './TooSmall.js';
import { TreePane, treeViewport } from './TreePane.js';

export interface PodScreenProps {
  services: UiServices;
  onQuit: () => void;
}

const NO_REGION: Region = { width: 0, height: 0 };
/** Events whose age is kept current; older ones change their LAST SEEN too rarely to matter. */
const EVENT_ANCHORS = 50;

function podName(pod: V1Pod | undefined): string {
  return pod === undefined ? '' : `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

function scopeName(scope: PodScope): string {
  return 'allNamespaces' in scope ? 'all namespaces' : `namespace ${scope.namespace}`;
}

/** The log view lists its own keys; the explorer's would only mislead while it has the keyboard. */
const LOG_HINTS: readonly Hint[] = [{ keys: 'Esc', label: 'back to the explorer' }];

const FILTER_HINTS: readonly Hint[] = [
  { keys: 'Enter', label: 'keep' },
  { keys: 'Esc', label: 'clear' },
  { keys: 'app=web', label: 'labels' },
];
const COMMAND_HINTS: readonly Hint[] = [
  { keys: 'ns <name>', label: 'namespace' },
  { keys: 'ns', label: 'picker' },
  { keys: 'q', label: 'quit' },
  { keys: 'Esc', label: 'cancel' },
];

/**
 * The explorer: header, pod table, the selected pod's container tree and events, status line and
 * hint bar, laid out for the terminal size (side by side when wide, stacked when not).
 */
export function PodScreen({ services, onQuit }: PodScreenProps) {
  const state = useUiState();
  const actions = useUiActions();
  const { dispatch } = actions;
  const { display, glyphs } = useDisplay();
  const size = useTerminalSize();
  const layout = planScreen(size, state.detailPane);
  const arrangement = layout.kind === 'normal' ? layout.arrangement : undefined;
  const tableRegion = arrangement?.table ?? NO_REGION;
  const treeRegion = arrangement === undefined ? NO_REGION : arrangement.kind === 'side' ? arrangement.tree : arrangement.detail;
  const eventsRegion = arrangement === undefined ? NO_REGION : arrangement.kind === 'side' ? arrangement.events : arrangement.detail;
  const now = useCallback(() => services.now(), [services]);

  // Pods.
  const { pods, keys, total, connection } = usePodList(services, state.scope, state.sort, state.filter);
  const podViewport = podTableViewport(tableRegion);
  const podsView = useMemo(() => ({ rows: keys, viewport: podViewport }), [keys, podViewport]);
  const selected = selectedIndex(state, keys);
  const selectedPod = pods[selected];

  // Container tree of the selected pod.
  const treeAnchors = useMemo(() => (selectedPod === undefined ? [] : treeAnchorsOf(selectedPod)), [selectedPod]);
  const treeTime = useAgeClock(treeAnchors, now);
  const treeLines = useMemo(
    () => (selectedPod === undefined ? [] : podTreeLines(selectedPod, treeTime, state.tree.collapsed, display.unicode)),
    [selectedPod, treeTime, state.tree.collapsed, display.unicode],
  );
  const treeIds = useMemo(() => treeLines.map((l) => l.id), [treeLines]);
  const treeSelected = treeIndex(state.tree, treeIds);
  const treeLinesViewport = treeViewport(treeRegion);
  const treeTop = scrollWindow(state.tree.scrollTop, treeSelected, treeLinesViewport, treeLines.length);
  const treeView = useMemo(
    () => ({ ids: treeIds, viewport: treeLinesViewport, lines: treeLines, selected: treeSelected }),
    [treeIds, treeLinesViewport, treeLines, treeSelected],
  );

  const containers = useMemo(() => (selectedPod === undefined ? [] : podTree(selectedPod, treeTime).containers), [selectedPod, treeTime]);

  // Debug, attach, shell and log keys: hidden under --readonly, greyed out with the reason when they cannot work.
  const permissions = useDebugPermissions(services.debug, selectedPod?.metadata?.namespace);
  const availability = useMemo(
    () => keyAvailability({ canChange: services.debug !== undefined, canReadLogs: services.logs !== undefined, pod: selectedPod, permissions }),
    [services.debug, services.logs, selectedPod, permissions],
  );
  const bindingState = useCallback<BindingState>(
    (command) => {
      const state = availability[command];
      return state?.kind === 'disabled' ? { hidden: false, disabled: state.reason } : { hidden: state?.kind === 'hidden' };
    },
    [availability],
  );
  const bindings = useMemo(() => visibleBindings(keymap, bindingState), [bindingState]);
  const launch = useDebugLaunch(services.debug);

  // Events.
  const mode: EventsMode = state.events.mode;
  const { events, connection: eventsConnection } = useEventList(services, state.scope, mode, selectedPod);
  const eventAnchors = useMemo(
    () =>
      eventRows(events, new Date(0))
        .slice(-EVENT_ANCHORS)
        .flatMap((r) => (r.lastSeenMs === undefined ? [] : [r.lastSeenMs])),
    [events],
  );
  const eventTime = useAgeClock(eventAnchors, now);
  const eventLines = useMemo(() => eventRows(events, eventTime).map((r) => eventCells(r, mode, glyphs)), [events, eventTime, mode, glyphs]);
  const eventColumns = useMemo(() => planEventColumns(eventsRegion.width, eventLines), [eventsRegion.width, eventLines]);
  const eventViewport = eventsViewport(eventsRegion);
  const eventsView = useMemo(() => ({ total: eventLines.length, viewport: eventViewport }), [eventLines.length, eventViewport]);
  const firstEvent = eventsTop(state.events, eventLines.length, eventViewport);

  // Keys.
  const screenHandlers = useScreenCommands({
    state,
    pods: podsView,
    tree: treeView,
    events: eventsView,
    defaultNamespace: services.info.namespace,
    onQuit,
  });
  const debugHandlers = useDebugCommands({
    services,
    pod: selectedPod,
    containers,
    activePane: state.activePane,
    treeLine: treeLines[treeSelected]?.id ?? null,
    availability,
    launch,
  });
  const handlers = useMemo(() => ({ ...screenHandlers, ...debugHandlers }), [screenHandlers, debugHandlers]);
  const onUnhandled = useCallback(
    (key: string) => {
      // Esc with nothing to clear is not worth a message.
      if (key === 'escape') return;
      actions.showMessage({ text: `no command for ${keyLabel(key, display.unicode)} (? shows every key)`, level: 'info' });
    },
    [actions, display.unicode],
  );
  const overlay = state.overlay;
  // A message stays until the next command.
  useKeymap(handlers, { onUnhandled, onCommand: actions.clearMessage, pane: state.activePane, bindings, isActive: overlay.kind === 'none' });

  // Mounted again (after a shell) with a waiting panel whose launch this mount does not run: drop it.
  useEffect(() => {
    if (overlay.kind === 'debugProgress' && overlay.error === null && !launch.running()) dispatch({ type: 'overlay.close' });
    // Only the state the UI was mounted with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const close = useCallback(() => dispatch({ type: 'overlay.close' }), [dispatch]);
  useLineInput(
    state.filter,
    {
      onChange: (text) => dispatch({ type: 'filter.set', text }),
      onSubmit: close,
      onCancel: () => {
        dispatch({ type: 'filter.set', text: '' });
        close();
      },
    },
    overlay.kind === 'filter',
  );
  const commandText = overlay.kind === 'command' ? overlay.text : '';
  useLineInput(
    commandText,
    {
      onChange: (text) => dispatch({ type: 'overlay.open', overlay: { kind: 'command', text } }),
      onCancel: close,
      onSubmit: (text) => {
        const action = parseCommandLine(text);
        close();
        switch (action.kind) {
          case 'namespace':
            actions.setScope({ namespace: action.namespace });
            break;
          case 'allNamespaces':
            actions.setScope({ allNamespaces: true });
            break;
          case 'pickNamespace':
            dispatch({ type: 'overlay.open', overlay: { kind: 'picker', text: '', cursor: 0 } });
            break;
          case 'help':
            dispatch({ type: 'overlay.open', overlay: { kind: 'help', scrollTop: 0 } });
            break;
          case 'quit':
            onQuit();
            break;
          case 'error':
            actions.showMessage({ text: action.message, level: 'error' });
            break;
          case 'none':
            break;
        }
      },
    },
    overlay.kind === 'command',
  );

  if (layout.kind === 'tooSmall') {
    return <TooSmall size={layout.size} minColumns={layout.minColumns} minRows={layout.minRows} />;
  }

  const podScrollTop = scrollWindow(state.scrollTop, selected, podViewport, pods.length);
  const focused = overlay.kind === 'none' ? state.activePane : undefined;
  const sep = ` ${glyphs.separator} `;

  const table = (
    <PodTable
      pods={pods}
      scope={state.scope}
      connection={connection}
      selected={selected}
      scrollTop={podScrollTop}
      region={tableRegion}
      now={now}
      focused={focused === 'pods'}
      filter={state.filter}
    />
  );
  const tree = (
    <TreePane
      title={selectedPod === undefined ? 'Containers' : `Containers${sep}${podName(selectedPod)}`}
      lines={treeLines}
      selected={treeSelected}
      scrollTop={treeTop}
      region={treeRegion}
      focused={focused === 'tree'}
      emptyText="no pod selected"
    />
  );
  const warnings = eventLines.filter((e) => e.warning).length;
  const eventsWhat = mode === 'pod' ? podName(selectedPod) || 'no pod selected' : `all of ${scopeName(state.scope)}`;
  const eventsState = eventsConnection.kind === 'live' ? '' : `${sep}${connectionText(eventsConnection, glyphs)}`;
  const eventsPane = (
    <EventsPane
      title={`Events${sep}${eventsWhat}${sep}${eventLines.length} (${warnings} warning${warnings === 1 ? '' : 's'})${sep}e: ${mode === 'pod' ? 'all' : 'this pod'}${eventsState}`}
      rows={eventLines}
      columns={eventColumns}
      top={firstEvent}
      region={eventsRegion}
      focused={focused === 'events'}
      emptyText={
        eventsConnection.kind === 'live' ? (mode === 'pod' && selectedPod === undefined ? 'no pod selected' : 'no events') : connectionText(eventsConnection, glyphs)
      }
    />
  );

  let body;
  if (overlay.kind === 'help') {
    body = (
      <HelpOverlay
        region={layout.body}
        scrollTop={overlay.scrollTop}
        onScroll={(scrollTop) => dispatch({ type: 'overlay.open', overlay: { kind: 'help', scrollTop } })}
        onClose={close}
        bindings={bindings}
        bindingState={bindingState}
      />
    );
  } else if (overlay.kind === 'debugForm') {
    body = (
      <DebugForm
        form={overlay.form}
        region={layout.body}
        onChange={(form) => dispatch({ type: 'overlay.open', overlay: { kind: 'debugForm', form } })}
        onCancel={close}
        onSubmit={(form) => {
          const request = debugRequestOf(form);
          if ('error' in request) {
            actions.showMessage({ text: request.error, level: 'warning' });
            return;
          }
          // The form closes and the panel owns the launch; a second Enter finds no form to submit.
          if (!launch.start(request)) {
            close();
            actions.showMessage({ text: 'a debug container is already being created; no second one is added', level: 'warning' });
          }
        }}
      />
    );
  } else if (overlay.kind === 'debugProgress') {
    body = (
      <DebugProgress
        request={overlay.request}
        progress={overlay.progress}
        error={overlay.error}
        region={layout.body}
        onStop={launch.stop}
        onOtherKey={(input) => {
          if (input === 'd' && overlay.error === null) {
            actions.showMessage({ text: 'a debug container is already being created; no second one is added', level: 'warning' });
          }
        }}
      />
    );
  } else if (overlay.kind === 'logs') {
    const logPod = pods.find((p) => p.metadata?.namespace === overlay.namespace && p.metadata.name === overlay.pod);
    body =
      logPod === undefined || services.logs === undefined ? (
        <Box width={layout.body.width} height={layout.body.height}>
          <Text wrap="truncate-end">{`${overlay.namespace}/${overlay.pod} is gone ${glyphs.separator} Esc back`}</Text>
        </Box>
      ) : (
        <LogView
          source={services.logs.source}
          save={services.logs.save}
          tailLines={services.logs.tailLines}
          limits={services.logs.limits}
          pod={logPod}
          container={overlay.container}
          onClose={close}
          width={layout.body.width}
          height={layout.body.height}
        />
      );
  } else if (overlay.kind === 'picker') {
    body = (
      <NamespacePicker
        services={services}
        scope={state.scope}
        text={overlay.text}
        cursor={overlay.cursor}
        region={layout.body}
        onChange={(text, cursor) => dispatch({ type: 'overlay.open', overlay: { kind: 'picker', text, cursor } })}
        onChoose={(namespace) => {
          close();
          actions.setScope({ namespace });
        }}
        onCancel={close}
      />
    );
  } else if (layout.arrangement.kind === 'side') {
    const rule = display.unicode ? '│' : '|';
    body = (
      <Box flexDirection="row" width={layout.body.width} height={layout.body.height}>
        {table}
        <Box flexDirection="column" width={1} height={layout.body.height}>
          {Array.from({ length: layout.body.height }, (_, i) => (
            <Text key={i} dimColor>
              {rule}
            </Text>
          ))}
        </Box>
        <Box flexDirection="column" width={layout.arrangement.detailWidth} height={layout.body.height}>
          {tree}
          {eventsPane}
        </Box>
      </Box>
    );
  } else {
    body = (
      <Box flexDirection="column" width={layout.body.width} height={layout.body.height}>
        {table}
        {layout.arrangement.shown === 'tree' ? tree : eventsPane}
      </Box>
    );
  }

  let statusLine;
  if (overlay.kind === 'filter') {
    statusLine = <PromptLine prompt="/" text={state.filter} help="name (fuzzy) or labels: app=web,tier!=db" width={layout.statusLine.width} />;
  } else if (overlay.kind === 'command') {
    statusLine = <PromptLine prompt=":" text={overlay.text} help="ns <name> | ns | q" width={layout.statusLine.width} />;
  } else {
    statusLine = <StatusLine message={state.message} selected={selectedPod} width={layout.statusLine.width} />;
  }
  const hints =
    overlay.kind === 'filter' ? FILTER_HINTS : overlay.kind === 'command' ? COMMAND_HINTS : overlay.kind === 'logs' ? LOG_HINTS : undefined;
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
      {body}
      {statusLine}
      <HintBar
        width={layout.hintBar.width}
        bindings={bindingsFor(state.activePane, bindings)}
        bindingState={bindingState}
        {...(hints === undefined ? {} : { hints })}
      />
    </Box>
  );
}
