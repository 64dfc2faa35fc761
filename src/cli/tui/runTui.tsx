import { render, type Instance } from 'ink';
import { LingeringStores } from '../../kube/lingeringStores.js';
import { podLogSource } from '../../kube/logs/podLogSession.js';
import { saveLogFile } from '../../kube/logs/saveLog.js';
import type { LogRingOptions } from '../../model/ringBuffer.js';
import { clean, p } from '../../model/printable.js';
import { openTerminalSession, type OpenedSession } from '../../terminal/handoverSession.js';
import { installExitHandlers } from '../../terminal/exitHandlers.js';
import { TerminalGuard } from '../../terminal/terminalGuard.js';
import { App } from '../../ui/App.js';
import { releaseEarlyKeys } from '../earlyKeys.js';
import type { ContainerTarget, DebugFormPreset, PodScope, SessionStart, UiServices } from '../../ui/services.js';
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
  let quitting = false;

  const mount = (): void => {
    guard.enter();
    // What was typed while starting goes to the explorer's first read (see cli/earlyKeys).
    releaseEarlyKeys();
    instance = render(
      <App services={services} onQuit={() => quit()} initialState={lastState} onStateChange={(state) => (lastState = state)} />,
      { exitOnCtrlC: false, patchConsole: true, incrementalRendering: true, maxFps: MAX_FPS },
    );
  };
  const unmount = (): void => {
    instance?.unmount();
    instance = undefined;
  };

  /** One session opening or handed over at a time. */
  let sessionBusy = false;

  /**
   * Opens the stream while Ink still owns the screen; an exec is confirmed started (`s` tries bash,
   * then sh). Rejects with what kept it from starting.
   */
  const openFor = async (kind: HandOverKind, target: ContainerTarget, details: LaunchDetails | undefined): Promise<OpenedSession> => {
    const common = { ...target, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, recordDir: options.recordDir };
    if (kind === 'attach') {
      // The debugger in a copy is a regular container: audited as an attach (like podscope debug --copy-to), with its image and profile.
      const audit = details === undefined ? {} : { image: details.image, profile: details.profile, target: details.target };
      return openTerminalSession(session, { ...common, kind: details !== undefined && details.copy === undefined ? 'debug' : 'attach', ...audit });
    }
    let lastError: unknown;
    for (const command of SHELLS) {
      try {
        return await openTerminalSession(session, { ...common, kind: 'exec', command });
      } catch (error) {
        lastError = error;
        if (!(error instanceof Error) || !NO_SHELL.test(error.message)) throw error;
      }
    }
    throw lastError;
  };

  /** A copy to delete goes however the session ended (or never began); a failed delete is one more clause, not a throw. */
  const withCopy = async (message: StatusMessage, target: ContainerTarget, details: LaunchDetails | undefined): Promise<StatusMessage> => {
    const copy = details?.copy;
    if (copy === undefined) return message;
    const kept = { namespace: target.namespace, name: target.pod, deleted: false as const };
    return withCopyOutcome(message, copy.deleteAfter && debug !== undefined ? await debug.deleteCopy(target) : kept);
  };

  /** The terminal goes to the session; afterwards the explorer comes back as it was, with how it ended. */
  const runHandedOver = async (opened: OpenedSession, kind: HandOverKind, target: ContainerTarget, details: LaunchDetails | undefined, typed?: () => string): Promise<void> => {
    const sessionKind = kind === 'shell' ? 'shell' : 'attach';
    // However long the session lasts (and whether the API server is still there afterwards), the table comes back with its rows.
    const releases = [podStores.hold(), namespaceStores.hold(), eventStores.hold()];
    unmount();
    guard.leave();
    let message: StatusMessage;
    try {
      message = sessionMessage(sessionKind, target.container, await opened.handOver({ clearScreen: true, typeahead: typed?.() }), details?.copy);
    } catch (error) {
      message = failureMessage(sessionKind, target.container, error);
    }
    message = await withCopy(message, target, details);
    // The UI closes its waiting panel just before asking for the hand-over; that last change may not
    // have been reported before the unmount, so the state to come back to never has an overlay open.
    if (lastState) lastState = { ...lastState, overlay: NO_OVERLAY, message };
    sessionBusy = false;
    if (!quitting) mount();
    for (const release of releases) release();
  };

  const startSession = async (kind: HandOverKind, target: ContainerTarget, details: LaunchDetails | undefined, signal?: AbortSignal, typed?: () => string): Promise<SessionStart> => {
    const sessionKind = kind === 'shell' ? 'shell' : 'attach';
    if (sessionBusy) return { started: false, text: p`another session is opening; press the key again once it has started`, level: 'warning' };
    sessionBusy = true;
    const opening = openFor(kind, target, details);
    const gaveUp = new Promise<'aborted'>((resolve) => {
      if (signal?.aborted) resolve('aborted');
      signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
    });
    const outcome = await Promise.race([opening.then((opened) => ({ opened }), (error: unknown) => ({ error })), gaveUp]);
    if (outcome === 'aborted') {
      // Esc while opening: the UI gets its screen back at once; a stream that opens later is closed unused.
      const cancelled = opening.then(
        (opened) => opened.cancel('given up before the hand-over'),
        () => undefined,
      );
      const message = await withCopy({ text: p`gave up opening the ${sessionKind === 'shell' ? p`shell in ${clean(target.container)}` : clean(target.container)}`, level: 'info' }, target, details);
      void cancelled.finally(() => (sessionBusy = false));
      return { started: false, ...message };
    }
    if ('error' in outcome) {
      sessionBusy = false;
      return { started: false, ...(await withCopy(failureMessage(sessionKind, target.container, outcome.error), target, details)) };
    }
    void runHandedOver(outcome.opened, kind, target, details, typed);
    return { started: true };
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
    : { ...createDebugServices(session, new RecentImages(), startSession, { recordDir: options.recordDir }), formDefaults: options.debugDefaults };
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
    quitting = true;
    unmount();
    guard.leave();
    removeExitHandlers();
    for (const stores of [podStores, namespaceStores, eventStores]) stores.closeAll();
    // Unmounting stopped any wait; copies made for deleting are deleted before the connection goes.
    await debug?.deletePendingCopies(DEBUG_SETTLE_MS);
    await connection.close();
  }
}
