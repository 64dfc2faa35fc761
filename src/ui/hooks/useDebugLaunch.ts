import { useEffect, useMemo } from 'react';
import { useUiActions } from '../contexts/UiStateContext.js';
import type { ContainerTarget, DebugRequest, DebugServices, SessionStart } from '../services.js';
import type { UiAction } from '../state.js';

export interface DebugLaunch {
  /** Launches unless one is under way (debug containers can never be removed); false when refused. */
  start(request: DebugRequest): boolean;
  /** Esc on the panel: stops waiting; the container stays (a copy to delete afterwards is deleted). */
  stop(): void;
  running(): boolean;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What Esc on the waiting panel leaves behind. */
function stoppedText(request: DebugRequest, container: string): string {
  const node = request.node;
  if (node !== undefined) {
    if (node.deleteAfter) return `stopped waiting; deleting the node debugger's pod on ${node.name}`;
    return `stopped waiting; the node debugger's pod on ${node.name} stays in ${request.namespace} (kubectl get pods -n ${request.namespace} -l app.kubernetes.io/managed-by=kubectl-debug lists it)`;
  }
  const copy = request.copy;
  if (copy === undefined) return `stopped waiting; ${container === '' ? 'the debug container' : container} stays in the pod and can be attached later (a)`;
  if (copy.deleteAfter) return `stopped waiting; deleting the copy ${copy.name}`;
  // `a` attaches only to ephemeral containers; the copy's debugger is a regular one.
  const attach = container === '' ? '' : `kubectl attach ${copy.name} -c ${container} -it -n ${request.namespace} gets back in, `;
  return `stopped waiting; the copy ${copy.name} stays (${attach}kubectl delete pod ${copy.name} -n ${request.namespace} deletes it)`;
}

/**
 * Runs one debug launch at a time for the waiting panel: progress goes to the UI state, a running
 * container is handed to `attach`, a failure stays on the panel until Esc.
 */
export function useDebugLaunch(debug: DebugServices | undefined): DebugLaunch {
  const { dispatch } = useUiActions();
  const launch = useMemo(() => createDebugLaunch(debug, dispatch), [debug, dispatch]);
  // Unmounted (e.g. quitting) while waiting: stop the wait, the container stays either way.
  useEffect(() => () => launch.abandon(), [launch]);
  return launch;
}

/** The same outside React (the explorer model's keys start and stop launches). */
export function createDebugLaunch(debug: DebugServices | undefined, dispatch: (action: UiAction) => void): DebugLaunch & { abandon(): void } {
  const current: { current: { controller: AbortController; container: string; request: DebugRequest } | null } = { current: null };
  return {
    running: () => current.current !== null,
    start(request) {
      if (debug === undefined || current.current !== null) return false;
      const controller = new AbortController();
      const launch = { controller, container: '', request };
      current.current = launch;
      dispatch({ type: 'overlay.open', overlay: { kind: 'debugProgress', request, progress: { container: '', phase: 'creating', events: [] }, error: null } });
      let promise: Promise<ContainerTarget>;
      try {
        promise = debug.launch(
          request,
          (progress) => {
            if (controller.signal.aborted) return;
            if (progress.container !== '') launch.container = progress.container;
            dispatch({ type: 'debug.progress', progress });
          },
          controller.signal,
        );
      } catch (error) {
        promise = Promise.reject(error);
      }
      promise.then(
        async (target) => {
          // The panel stays (phase: running, attaching) until the server accepts the attach; a
          // refusal stays on it with the reason, and the explorer never left the screen.
          let start: SessionStart;
          try {
            start = controller.signal.aborted ? { started: false, text: '', level: 'info' } : await debug.attach(target, controller.signal);
          } catch (error) {
            start = { started: false, text: errorText(error), level: 'error' };
          }
          if (current.current === launch) current.current = null;
          if (start.started) {
            // Handed over: the explorer is unmounted meanwhile and comes back without the panel.
            dispatch({ type: 'overlay.close' });
            return;
          }
          if (controller.signal.aborted) {
            // Stopped while attaching: a copy to delete was deleted meanwhile; the line says so.
            if (deletesAfter(request) && start.text !== '') dispatch({ type: 'message.show', message: { text: start.text, level: start.level } });
            return;
          }
          dispatch({ type: 'debug.failed', error: start.text });
        },
        (error: unknown) => {
          if (current.current === launch) current.current = null;
          if (controller.signal.aborted) {
            // Stopped: the services deleted the copy (or could not) before rejecting; their line says which.
            if (deletesAfter(request)) {
              const leftBehind = copyLeftBehind(error);
              dispatch({ type: 'message.show', message: { text: errorText(error), level: leftBehind ? 'warning' : 'info' } });
            }
            return;
          }
          dispatch({ type: 'debug.failed', error: errorText(error) });
        },
      );
      return true;
    },
    stop() {
      const launch = current.current;
      dispatch({ type: 'overlay.close' });
      if (launch === null) return;
      launch.controller.abort();
      dispatch({ type: 'message.show', message: { text: stoppedText(launch.request, launch.container), level: 'warning' } });
    },
    abandon() {
      current.current?.controller.abort();
    },
  };
}

/** A launch error says whether it left a copy behind that was to be deleted (see DebugServices.launch). */
function copyLeftBehind(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'copyLeftBehind' in error && error.copyLeftBehind === true;
}

/** The launch made a pod (a copy, a node debugger) that goes when it ends. */
function deletesAfter(request: DebugRequest): boolean {
  return request.copy?.deleteAfter === true || request.node?.deleteAfter === true;
}
