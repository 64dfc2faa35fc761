import type { Pod } from '../../model/apiObjects.js';
import type { ContainerView } from '../../model/containerTree.js';
import { defaultContainerName } from '../../model/containers.js';
import { initialDebugForm } from '../debugForm.js';
import { attachChoice, containerOfTreeLine, debugTargets, podHasStopped, proposedTarget, type AttachChoice, type KeyAvailabilityMap } from '../debugKeys.js';
import type { Command } from '../keymap.js';
import type { UiServices } from '../services.js';
import type { Pane, StatusMessage, UiAction } from '../state.js';
import type { DebugLaunch } from './useDebugLaunch.js';
import type { SessionOpener } from './useSessionOpener.js';

export interface DebugCommandView {
  services: UiServices;
  /** The pod of the highlighted row when the key is handled: the only pod these commands may act on. */
  pod: Pod | undefined;
  /** The pod's containers as the tree shows them. */
  containers: readonly ContainerView[];
  activePane: Pane;
  /** Id of the selected tree line. */
  treeLine: string | null;
  availability: KeyAvailabilityMap;
  launch: DebugLaunch;
  /** `s` and `a` open their session through it (the explorer stays until the server accepts). */
  sessions: SessionOpener;
  dispatch(action: UiAction): void;
}

export type DebugCommand = Extract<Command, 'debug.open' | 'debug.attach' | 'debug.node' | 'shell.open' | 'logs.open'>;

function podLabel(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

function stateText(view: ContainerView): string {
  const state = view.state;
  if (state.kind === 'waiting') return `waiting${state.reason === undefined ? '' : `: ${state.reason}`}${state.message === undefined ? '' : ` (${state.message})`}`;
  if (state.kind === 'terminated') return `exited with code ${state.exitCode}${state.reason === undefined ? '' : ` (${state.reason})`}`;
  if (state.kind === 'none') return 'not started yet';
  return 'running';
}

/** What `d`, `a`, `s` and `l` do for the highlighted pod (see ExplorerModel.highlighted) or its tree container. */
export function debugCommandsFor(view: DebugCommandView): Record<DebugCommand, () => void> {
  const { services, pod, containers, activePane, treeLine, availability, launch, sessions, dispatch } = view;
  return commands();

  function commands(): Record<DebugCommand, () => void> {
    // The status line cleans the message as one line (names in it come from the cluster).
    const say = (text: string, level: StatusMessage['level'] = 'info'): void => dispatch({ type: 'message.show', message: { text, level } });
    /** The command's key is usable; otherwise says why not. */
    const usable = (command: DebugCommand): boolean => {
      const state = availability[command];
      if (state?.kind === 'disabled') {
        say(state.reason, 'warning');
        return false;
      }
      return state?.kind !== 'hidden';
    };
    const treeContainer = activePane === 'tree' ? containers.find((c) => c.name === containerOfTreeLine(treeLine)) : undefined;
    const defaultView = (p: Pod): ContainerView | undefined => containers.find((c) => c.name === defaultContainerName(p));
    const openLogs = (p: Pod, container: string): void =>
      dispatch({ type: 'overlay.open', overlay: { kind: 'logs', namespace: p.metadata?.namespace ?? '', pod: p.metadata?.name ?? '', container } });
    const withPod = (run: (p: Pod, namespace: string, name: string) => void) => () => {
      if (pod === undefined) {
        say('no pod selected');
        return;
      }
      run(pod, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
    };

    return {
      'debug.open': withPod((p, namespace, name) => {
        const debug = services.debug;
        if (debug === undefined || !usable('debug.open')) return;
        if (launch.running()) {
          say('a debug container is already being created; it cannot be removed, so no second one is added', 'warning');
          return;
        }
        // A stopped pod cannot start ephemeral containers: the form then debugs a copy of it.
        const form = initialDebugForm({
          namespace,
          pod: name,
          targets: debugTargets(p),
          target: proposedTarget(p, treeContainer),
          recentImages: debug.recentImages(),
          stopped: podHasStopped(p),
          preset: debug.formDefaults,
        });
        dispatch({ type: 'overlay.open', overlay: { kind: 'debugForm', form } });
      }),
      'debug.node': withPod((p, namespace, name) => {
        const debug = services.debug;
        if (debug === undefined || !usable('debug.node')) return;
        const node = p.spec?.nodeName ?? '';
        if (node === '') {
          say(`${podLabel(p)} is not on a node yet`);
          return;
        }
        if (launch.running()) {
          say('a debug container is already being created; wait for it or press Esc on its panel first', 'warning');
          return;
        }
        // The node debugger's pod goes in the pod's namespace: where the user is looking, and allowed by the same review.
        const form = initialDebugForm({ namespace, pod: name, targets: [], target: undefined, recentImages: debug.recentImages(), preset: debug.formDefaults, node });
        dispatch({ type: 'overlay.open', overlay: { kind: 'debugForm', form } });
      }),
      'debug.attach': withPod((p, namespace, name) => {
        const debug = services.debug;
        if (debug === undefined || !usable('debug.attach')) return;
        if (treeContainer !== undefined && treeContainer.kind !== 'ephemeral') {
          say(`a attaches to debug containers; ${treeContainer.name} is not one${treeContainer.kind === 'app' ? ' (s opens a shell in it)' : ''}`);
          return;
        }
        // A container picked in the tree is taken as it is; on the table, the newest running one.
        const choice: AttachChoice =
          treeContainer === undefined
            ? attachChoice(containers)
            : treeContainer.state.kind === 'running'
              ? { kind: 'attach', container: treeContainer }
              : treeContainer.state.kind === 'terminated'
                ? { kind: 'logs', container: treeContainer }
                : { kind: 'unattachable', container: treeContainer };
        if (choice.kind === 'none') {
          say(`${podLabel(p)} has no debug container; d adds one`);
          return;
        }
        const target = choice.container;
        if (choice.kind === 'attach') {
          sessions.open('attach', { namespace, pod: name, container: target.name });
        } else if (choice.kind === 'logs') {
          if (services.logs === undefined) {
            say(`${target.name} has exited (${stateText(target)}); it cannot be attached`, 'warning');
            return;
          }
          openLogs(p, target.name);
          if (treeContainer !== undefined) {
            say(`${target.name} has exited; showing its logs`);
            return;
          }
          const starting = choice.starting === undefined ? '' : `; ${choice.starting.name} is not running yet (${stateText(choice.starting)})`;
          say(`no debug container runs; showing the log of ${target.name}, which ${stateText(target)}${starting}`);
        } else {
          say(`${target.name} cannot be attached: ${stateText(target)}`, 'warning');
        }
      }),
      'shell.open': withPod((p, namespace, name) => {
        const debug = services.debug;
        if (debug === undefined || !usable('shell.open')) return;
        const target = treeContainer ?? defaultView(p);
        if (target === undefined) {
          say(`${podLabel(p)} has no container to open a shell in`);
          return;
        }
        if (target.kind === 'ephemeral') {
          say(`s opens a shell in an app container; ${target.name} is a debug container (a attaches to it)`);
          return;
        }
        if (target.state.kind !== 'running') {
          say(`${target.name} is not running (${stateText(target)}); d adds a debug container instead`, 'warning');
          return;
        }
        sessions.open('shell', { namespace, pod: name, container: target.name });
      }),
      'logs.open': withPod((p) => {
        if (services.logs === undefined || !usable('logs.open')) return;
        const target = treeContainer ?? defaultView(p) ?? containers[0];
        if (target === undefined) {
          say(`${podLabel(p)} has no container`);
          return;
        }
        openLogs(p, target.name);
      }),
    };
  }
}
