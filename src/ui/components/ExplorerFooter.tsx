import type { Pod } from '../../model/apiObjects.js';
import { bindingsFor, type BindingState, type Hint, type KeyBinding } from '../keymap.js';
import type { Overlay, Pane, StatusMessage } from '../state.js';
import { isActionOverlay } from './ActionOverlay.js';
import { HintBar } from './HintBar.js';
import { PromptLine } from './PromptLine.js';
import { StatusLine } from './StatusLine.js';

/** The log view lists its own keys; the explorer's would only mislead while it has the keyboard. */
const LOG_HINTS: readonly Hint[] = [{ keys: 'q/Esc', label: 'back to the explorer' }];

/** Forms and confirmations take letters as input: only Esc leaves them. */
const FORM_HINTS: readonly Hint[] = [{ keys: 'Esc', label: 'back to the explorer' }];

/** A shell or attach being opened: nothing but giving up does anything until it starts. */
const SESSION_HINTS: readonly Hint[] = [{ keys: 'Esc', label: 'give up' }];

const FILTER_HINTS: readonly Hint[] = [
  { keys: 'Enter', label: 'keep' },
  { keys: 'Esc', label: 'clear' },
  { keys: '/re/ !x', label: 'regex, not' },
  { keys: 'app=web', label: 'labels' },
];
const COMMAND_HINTS: readonly Hint[] = [
  { keys: 'ns <name>', label: 'namespace' },
  { keys: 'ns', label: 'picker' },
  { keys: 'ctx', label: 'contexts' },
  { keys: 'pf', label: 'forwards' },
  { keys: 'q', label: 'quit' },
  { keys: 'Esc', label: 'cancel' },
];

function hintsFor(overlay: Overlay): readonly Hint[] | undefined {
  if (overlay.kind === 'filter') return FILTER_HINTS;
  if (overlay.kind === 'command') return COMMAND_HINTS;
  if (overlay.kind === 'logs' || overlay.kind === 'describe' || overlay.kind === 'yaml' || overlay.kind === 'forwards') return LOG_HINTS;
  if (isActionOverlay(overlay)) return FORM_HINTS;
  if (overlay.kind === 'session') return SESSION_HINTS;
  return undefined;
}

export interface ExplorerFooterProps {
  overlay: Overlay;
  filter: string;
  /** What the filter being typed does, or why it does not parse. */
  filterHelp: string;
  message: StatusMessage | null;
  selectedPod: Pod | undefined;
  activePane: Pane;
  bindings: readonly KeyBinding[];
  bindingState: BindingState;
  statusWidth: number;
  hintWidth: number;
}

/**
 * The two bottom lines: the status line (or the `/` filter or `:` command prompt being typed) and
 * the hint bar with the focused pane's keys (or the prompt's or log view's own).
 */
export function ExplorerFooter({ overlay, filter, filterHelp, message, selectedPod, activePane, bindings, bindingState, statusWidth, hintWidth }: ExplorerFooterProps) {
  let statusLine;
  if (overlay.kind === 'filter') {
    statusLine = <PromptLine prompt="/" text={filter} help={filterHelp} width={statusWidth} />;
  } else if (overlay.kind === 'command') {
    statusLine = <PromptLine prompt=":" text={overlay.text} help="ns <name> | ns | ctx [name] | pf | q" width={statusWidth} />;
  } else {
    statusLine = <StatusLine message={message} selected={selectedPod} width={statusWidth} />;
  }
  const hints = hintsFor(overlay);
  return (
    <>
      {statusLine}
      <HintBar width={hintWidth} bindings={bindingsFor(activePane, bindings)} bindingState={bindingState} {...(hints === undefined ? {} : { hints })} />
    </>
  );
}
