import type { Pod } from '../../../model/apiObjects.js';
import type { KeyAvailabilityMap } from '../../debugKeys.js';
import { initialForwardForm } from '../../forwardForm.js';
import type { Command } from '../../keymap.js';
import type { PodRef } from '../../services.js';
import type { StatusMessage, UiAction } from '../../state.js';

export interface PodActionCommandView {
  /** The pod of the highlighted row when the key is handled: the only pod these commands may act on. */
  pod: Pod | undefined;
  availability: KeyAvailabilityMap;
  dispatch(action: UiAction): void;
}

export type PodActionCommand = Extract<Command, 'pod.describe' | 'pod.yaml' | 'pod.delete' | 'pod.kill' | 'forward.open'>;

export const POD_ACTION_COMMANDS: ReadonlySet<Command> = new Set<PodActionCommand>(['pod.describe', 'pod.yaml', 'pod.delete', 'pod.kill', 'forward.open']);

function refOf(pod: Pod): PodRef {
  return { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid };
}

/** The controller that would replace the pod, as kubectl describe names it. */
function ownerOf(pod: Pod): string | undefined {
  const owner = pod.metadata?.ownerReferences?.find((reference) => reference.controller === true);
  return owner === undefined ? undefined : `${owner.kind} ${owner.name}`;
}

/** What D, y, Ctrl-D, Ctrl-K and F do for the highlighted pod (see ExplorerModel.highlighted). */
export function podActionCommandsFor({ pod, availability, dispatch }: PodActionCommandView): Record<PodActionCommand, () => void> {
  // The status line cleans the message as one line (names in it come from the cluster).
  const say = (text: string, level: StatusMessage['level'] = 'info'): void => dispatch({ type: 'message.show', message: { text, level } });
  const withPod = (command: PodActionCommand, run: (p: Pod) => void) => () => {
    const state = availability[command];
    if (state?.kind === 'hidden') return;
    if (state?.kind === 'disabled') {
      say(state.reason, 'warning');
      return;
    }
    if (pod === undefined) {
      say('no pod selected');
      return;
    }
    run(pod);
  };
  const removal = (kind: 'delete' | 'kill') => (p: Pod) => {
    if (p.metadata?.deletionTimestamp !== undefined && p.metadata.deletionTimestamp !== null && kind === 'delete') {
      say(`${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''} is already terminating; Ctrl-K kills it at once`);
      return;
    }
    const grace = kind === 'kill' ? 0 : (p.spec?.terminationGracePeriodSeconds ?? 30);
    const owner = ownerOf(p);
    dispatch({ type: 'overlay.open', overlay: { kind: 'confirmRemoval', pod: refOf(p), removal: kind, gracePeriodSeconds: grace, typed: '', ...(owner === undefined ? {} : { owner }) } });
  };
  return {
    'pod.describe': withPod('pod.describe', (p) => dispatch({ type: 'overlay.open', overlay: { kind: 'describe', pod: refOf(p) } })),
    'pod.yaml': withPod('pod.yaml', (p) => dispatch({ type: 'overlay.open', overlay: { kind: 'yaml', pod: refOf(p) } })),
    'pod.delete': withPod('pod.delete', removal('delete')),
    'pod.kill': withPod('pod.kill', removal('kill')),
    'forward.open': withPod('forward.open', (p) => {
      if (p.status?.phase !== 'Running') {
        say(`${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''} is not running (${p.status?.phase ?? 'Unknown'}); only a running pod can be forwarded to`, 'warning');
        return;
      }
      dispatch({ type: 'overlay.open', overlay: { kind: 'forwardForm', form: initialForwardForm(p) } });
    }),
  };
}
