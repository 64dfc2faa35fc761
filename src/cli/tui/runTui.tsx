import { render, type Instance } from 'ink';
import type { LogRingOptions } from '../../model/ringBuffer.js';
import { clean, p } from '../../model/printable.js';
import { openTerminalSession, type OpenedSession } from '../../terminal/handoverSession.js';
import { installExitHandlers } from '../../terminal/exitHandlers.js';
import { TerminalGuard } from '../../terminal/terminalGuard.js';
import type { ResourceStore } from '../../kube/resourceStore.js';
import { App } from '../../ui/App.js';
import { releaseEarlyKeys } from '../earlyKeys.js';
import { cliOutput } from '../output.js';
import { captureConsole, type ConsoleSink } from './consoleSink.js';
import { incrementalRendering } from './inkRenderer.js';
import type { ContainerTarget, DebugFormPreset, SessionStart } from '../../ui/services.js';
import { NO_OVERLAY, scopeOf, type StatusMessage, type UiState } from '../../ui/state.js';
import type { Connection } from '../connect.js';
import { contextServices, FORWARD_STOP_MS } from './contextSwitch.js';
import type { HandOverKind, LaunchDetails } from './debugServices.js';
import { RecentImages } from './recentImages.js';
import { createSessionServices, type SessionServiceOptions, type SessionServices } from './sessionServices.js';
import { NO_SHELL, failureMessage, sessionMessage, withCopyOutcome } from './sessionMessage.js';

/** What the config file and the flags give one context (they may differ per context: patterns in the config). */
export interface ContextSettings {
  readonly: boolean;
  logs: { tailLines: number; limits: LogRingOptions };
  /** The debug form's starting values. */
  debugDefaults?: DebugFormPreset;
}

export interface TuiOptions {
  allNamespaces: boolean;
  /** --record: asciicast v2 files of every shell session go here. */
  recordDir?: string;
  /** The settings of a context, asked again after a `:ctx` switch. */
  settingsFor(contextName: string): ContextSettings;
  /** The first scope's pod store, opened by the command while this module loaded (see commands/tui.ts). */
  openedPods?: SessionServiceOptions['openedPods'];
}

/**
 * Ink's frame budget. Store changes are drawn at most 4 times a second (ExplorerModel), so this
 * bounds only how soon a key is drawn after the frame before it: Ink holds a frame back until
 * 1000/MAX_FPS ms have passed since the last one (at 20, a key after a data frame waited up to
 * 50 ms). Frames are incremental (see inkRenderer): a key redraws the lines it changed, not the screen.
 */
const MAX_FPS = 60;

/** How long the first frame waits for the first list to answer before it shows "connecting". */
const FIRST_ANSWER_WAIT_MS = 300;

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
      <App services={current.services} onQuit={() => quit()} initialState={lastState} onStateChange={(state) => (lastState = state)} />,
      // Ink's patchConsole would write console output above the frame, raw: the console is ours (captureConsole).
      { exitOnCtrlC: false, patchConsole: false, incrementalRendering, maxFps: MAX_FPS },
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
      const audit = details === undefined ? {} : { image: details.image, profile: details.profile, target: details.target, node: details.node };
      return openTerminalSession(connection.session, { ...common, kind: details !== undefined && details.copy === undefined ? 'debug' : 'attach', ...audit });
    }
    let lastError: unknown;
    for (const command of SHELLS) {
      try {
        return await openTerminalSession(connection.session, { ...common, kind: 'exec', command });
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
    const kept = { namespace: target.namespace, name: target.pod, deleted: false as const, ...(copy.noun === undefined ? {} : { noun: copy.noun }) };
    return withCopyOutcome(message, copy.deleteAfter && current.debug !== undefined ? await current.debug.deleteCopy(target) : kept);
  };

  /** The terminal goes to the session; afterwards the explorer comes back as it was, with how it ended. */
  const runHandedOver = async (opened: OpenedSession, kind: HandOverKind, target: ContainerTarget, details: LaunchDetails | undefined, typed?: () => string): Promise<void> => {
    const sessionKind = kind === 'shell' ? 'shell' : 'attach';
    // However long the session lasts (and whether the API server is still there afterwards), the table comes back with its rows.
    const release = current.holdStores();
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
    release();
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

  const recentImages = new RecentImages();
  // Only the first session gets the store opened before this module loaded; a `:ctx` switch lists anew.
  let openedPods = options.openedPods;
  const build = (): SessionServices => {
    const services = createSessionServices(connection.session, {
      allNamespaces: options.allNamespaces,
      ...options.settingsFor(connection.session.contextName),
      recentImages,
      startSession,
      recordDir: options.recordDir,
      contexts,
      openedPods,
    });
    openedPods = undefined;
    return services;
  };
  // `:ctx`: the new context is connected first; only then is the UI mounted again on it.
  const contexts = contextServices(connection, async (next) => {
    unmount();
    // Left and entered again: the new UI starts on a clear screen, as after a shell.
    guard.leave();
    await current.forwards.stopAll('context switched', FORWARD_STOP_MS);
    current.closeStores();
    await current.debug?.deletePendingCopies(DEBUG_SETTLE_MS);
    connection.use(next.session);
    current = build();
    lastState = next.initialState(current.services.info);
    mount();
  });
  let current = build();

  const removeExitHandlers = installExitHandlers({
    restore: () => {
      unmount();
      guard.leave();
    },
    // A signal during a session in a copy (or while one starts) must not leave the copy behind.
    cleanup: async () => {
      await Promise.all([current.debug?.deletePendingCopies(EXIT_DELETE_MS), current.forwards.stopAll('podscope exited', EXIT_DELETE_MS)]);
      await connection.close();
    },
  });

  const consoleSink = captureConsole();
  try {
    // The first list goes out before anything is drawn, and the first frame waits a moment for its
    // answer: one frame with the pods instead of a "connecting" frame then the pods (each whole
    // frame costs Ink tens of milliseconds). A slower server gets the "connecting" frame as before.
    const firstPods = current.services.podStore(scopeOf(current.services.info));
    await firstAnswer(firstPods, FIRST_ANSWER_WAIT_MS);
    await new Promise<void>((resolve) => {
      quit = resolve;
      mount();
      firstPods.close();
    });
  } finally {
    quitting = true;
    unmount();
    guard.leave();
    removeExitHandlers();
    current.closeStores();
    // Unmounting stopped any wait; copies made for deleting are deleted before the connection goes.
    await Promise.all([current.debug?.deletePendingCopies(DEBUG_SETTLE_MS), current.forwards.stopAll('podscope exited', DEBUG_SETTLE_MS)]);
    await connection.close();
    consoleSink.restore();
    reportConsole(consoleSink);
  }
}

/** Resolves when the store has more to show than "connecting" (its first page, or why there is none), or after `ms`. */
function firstAnswer(store: ResourceStore<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (store.connection().kind !== 'connecting') return resolve();
    const done = (): void => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const unsubscribe = store.subscribe(() => {
      if (store.connection().kind !== 'connecting') done();
    });
  });
}

/** What was written to the console while the explorer ran, told once it is gone (cleaned, the last one only). */
function reportConsole(sink: ConsoleSink): void {
  const last = sink.recent.at(-1);
  if (last === undefined) return;
  cliOutput().error(p`podscope: ${sink.count} console ${sink.count === 1 ? p`message` : p`messages`} while the explorer ran; the last: ${last}`);
}
