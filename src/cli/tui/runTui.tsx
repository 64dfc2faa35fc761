import { render, type Instance } from 'ink';
import { LingeringStores } from '../../kube/lingeringStores.js';
import { podLogSource } from '../../kube/logs/podLogSession.js';
import { saveLogFile } from '../../kube/logs/saveLog.js';
import type { LogRingOptions } from '../../model/ringBuffer.js';
import { runTerminalSession, type TerminalSessionResult } from '../../terminal/handoverSession.js';
import { installExitHandlers } from '../../terminal/exitHandlers.js';
import { TerminalGuard } from '../../terminal/terminalGuard.js';
import { App } from '../../ui/App.js';
import type { ContainerTarget, DebugFormPreset, PodScope, UiServices } from '../../ui/services.js';
import { NO_OVERLAY, type StatusMessage, type UiState } from '../../ui/state.js';
import type { Connection } from '../connect.js';
import { createDebugServices, type HandOverKind, type LaunchDetails } from './debugServices.js';
import { RecentImages } from './recentImages.js';
import { NO_SHELL, failureMessage, sessionMessage, withCopyOutcome } from './sessionMessage.js';

export interface TuiOptions {
  allNamespaces: boolean;
  readonly: boolean;
  /** --record: asciicast v2 files of every shell session go here. */
  recordDir?: string;
  logs: { tailLines: number; limits: LogRingOptions };
  /** The debug form's starting values (config file, per context). */
  debugDefaults?: DebugFormPreset;
}

/** Ink's frame budget: enough to feel instant, low enough for a slow SSH link. */
const MAX_FPS = 20;

/** How long a store nobody holds stays open: longer than any remount after a shell session. */
const STORE_LINGER_MS = 10_000;

const scopeKey = (scope: PodScope): string => ('allNamespaces' in scope ? '*' : scope.namespace);
const scopeOf = (key: string): PodScope => (key === '*' ? { allNamespaces: true } : { namespace: key });

/** How long quitting waits for the copies still to delete (and a stopped launch deleting its own). */
const DEBUG_SETTLE_MS = 5_000;

/** The same on SIGHUP/SIGTERM, within the exit handlers' cleanup budget (the connection closes after). */
const EXIT_DELETE_MS = 2_000;

/** `s` runs bash where the image has it, else sh. */
const SHELLS = [['bash'], ['sh']];

/**
 * Owns the real terminal for the lifetime of the TUI: alternate screen, Ink, every exit path, and the
 * hand-over to a remote shell and back. UI state is kept here (outside React) so the UI can be
 * unmounted for a shell and mounted again exactly as it was.
 */
export async function runTui(connection: Connection, options: TuiOptions): Promise<void> {
  const { session } = connection;
  const guard = new TerminalGuard(process.stdout, process.stdin);
  let instance: Instance | undefined;
  let lastState: UiState | undefined;
  let quit: () => void = () => undefined;

  const mount = (): void => {
    guard.enter();
    instance = render(
      <App services={services} onQuit={() => quit()} initialState={lastState} onStateChange={(state) => (lastState = state)} />,
      { exitOnCtrlC: false, patchConsole: true, incrementalRendering: true, maxFps: MAX_FPS },
    );
  };
  const unmount = (): void => {
    instance?.unmount();
    instance = undefined;
  };

  const runShell = async (kind: HandOverKind, target: ContainerTarget, details: LaunchDetails | undefined): Promise<StatusMessage> => {
    const common = { ...target, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, recordDir: options.recordDir };
    if (kind === 'attach') {
      // The debugger in a copy is a regular container: audited as an attach (like podscope debug --copy-to), with its image and profile.
      const audit = details === undefined ? {} : { image: details.image, profile: details.profile, target: details.target };
      const result = await runTerminalSession(session, { ...common, kind: details !== undefined && details.copy === undefined ? 'debug' : 'attach', ...audit });
      return sessionMessage(target.container, result, details?.copy);
    }
    let result: TerminalSessionResult | undefined;
    for (const command of SHELLS) {
      result = await runTerminalSession(session, { ...common, kind: 'exec', command });
      if (result.error === undefined || !NO_SHELL.test(result.error)) break;
    }
    return sessionMessage(target.container, result!);
  };

  const handOver = async (kind: HandOverKind, target: ContainerTarget, details: LaunchDetails | undefined): Promise<void> => {
    unmount();
    guard.leave();
    let message: StatusMessage;
    try {
      message = await runShell(kind, target, details);
    } catch (error) {
      message = failureMessage(target.container, error);
    }
    // A copy to delete goes however the session ended; a failed delete is one more clause, not a throw.
    const copy = details?.copy;
    if (copy !== undefined) {
      const kept = { namespace: target.namespace, name: target.pod, deleted: false as const };
      message = withCopyOutcome(message, copy.deleteAfter && debug !== undefined ? await debug.deleteCopy(target) : kept);
    }
    // The UI closes its waiting panel just before asking for the hand-over; that last change may not
    // have been reported before the unmount, so the state to come back to never has an overlay open.
    if (lastState) lastState = { ...lastState, overlay: NO_OVERLAY, message };
    mount();
  };

  // Stores outlive a remount by a few seconds, so the explorer comes back from a shell with its data.
  const podStores = new LingeringStores((key) => session.podStore(scopeOf(key)), STORE_LINGER_MS);
  const namespaceStores = new LingeringStores(() => session.namespaceStore(), STORE_LINGER_MS);
  const eventStores = new LingeringStores((key) => {
    const [scope = '', fieldSelector = ''] = key.split('|');
    return session.eventStore({ ...scopeOf(scope), fieldSelector: fieldSelector || undefined });
  }, STORE_LINGER_MS);

  const debug = options.readonly
    ? undefined
    : { ...createDebugServices(session, new RecentImages(), (kind, target, details) => void handOver(kind, target, details)), formDefaults: options.debugDefaults };
  const services: UiServices = {
    info: {
      contextName: session.contextName,
      server: session.server,
      user: session.user,
      namespace: session.namespace,
      allNamespaces: options.allNamespaces,
      readonly: options.readonly,
    },
    podStore: (scope) => podStores.lease(scopeKey(scope)),
    namespaceStore: () => namespaceStores.lease(''),
    eventStore: (scope, fieldSelector) => eventStores.lease(`${scopeKey(scope)}|${fieldSelector ?? ''}`),
    now: () => new Date(),
    logs: {
      source: podLogSource(session),
      save: (name, log) => saveLogFile(process.cwd(), name, log),
      tailLines: options.logs.tailLines,
      limits: options.logs.limits,
    },
    debug,
  };

  const removeExitHandlers = installExitHandlers({
    restore: () => {
      unmount();
      guard.leave();
    },
    // A signal during a session in a copy (or while one starts) must not leave the copy behind.
    cleanup: async () => {
      await debug?.deletePendingCopies(EXIT_DELETE_MS);
      await connection.close();
    },
  });

  try {
    await new Promise<void>((resolve) => {
      quit = resolve;
      mount();
    });
  } finally {
    unmount();
    guard.leave();
    removeExitHandlers();
    for (const stores of [podStores, namespaceStores, eventStores]) stores.closeAll();
    // Unmounting stopped any wait; copies made for deleting are deleted before the connection goes.
    await debug?.deletePendingCopies(DEBUG_SETTLE_MS);
    await connection.close();
  }
}
