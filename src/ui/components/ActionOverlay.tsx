import type { Pod } from '../../model/apiObjects.js';
import { useCallback } from 'react';
import { useUiActions } from '../contexts/UiStateContext.js';
import { useForwardStart } from '../hooks/useForwardStart.js';
import { usePodRemoval } from '../hooks/usePodRemoval.js';
import type { Region } from '../layout.js';
import type { PodRef, UiServices } from '../services.js';
import type { Overlay } from '../state.js';
import { singleLine } from '../text.js';
import { ContextPicker } from './ContextPicker.js';
import { DescribeView } from './DescribeView.js';
import { ForwardForm } from './ForwardForm.js';
import { ForwardsView } from './ForwardsView.js';
import { RemovalConfirm } from './RemovalConfirm.js';
import { YamlView } from './YamlView.js';

export type ActionOverlayState = Extract<Overlay, { kind: 'describe' | 'yaml' | 'confirmRemoval' | 'forwardForm' | 'forwards' | 'contexts' }>;

const ACTION_KINDS: ReadonlySet<Overlay['kind']> = new Set(['describe', 'yaml', 'confirmRemoval', 'forwardForm', 'forwards', 'contexts']);

export function isActionOverlay(overlay: Overlay): overlay is ActionOverlayState {
  return ACTION_KINDS.has(overlay.kind);
}

export interface ActionOverlayProps {
  overlay: ActionOverlayState;
  region: Region;
  services: UiServices;
  /** The listed pods: a change of the shown pod's resourceVersion refreshes describe and YAML. */
  pods: readonly Pod[];
}

/** The pod's resourceVersion while it is listed (the same pod: same uid), else ''. */
function versionOf(pods: readonly Pod[], ref: PodRef): string {
  const pod = pods.find((candidate) => candidate.metadata?.namespace === ref.namespace && candidate.metadata.name === ref.name);
  if (pod === undefined || (ref.uid !== undefined && pod.metadata?.uid !== ref.uid)) return '';
  return pod.metadata?.resourceVersion ?? '?';
}

/** The overlays of the pod actions: describe, YAML, delete/kill confirmation, port-forward form and list, contexts. */
export function ActionOverlay({ overlay, region, services, pods }: ActionOverlayProps) {
  const ui = useUiActions();
  const { dispatch } = ui;
  const close = useCallback(() => dispatch({ type: 'overlay.close' }), [dispatch]);
  const remove = usePodRemoval(services.actions);
  const forwardStart = useForwardStart(services.forwards);
  const unavailable = (): null => {
    close();
    return null;
  };

  switch (overlay.kind) {
    case 'describe':
      if (services.actions === undefined) return unavailable();
      return <DescribeView actions={services.actions} pod={overlay.pod} version={versionOf(pods, overlay.pod)} region={region} onClose={close} />;
    case 'yaml':
      if (services.actions === undefined) return unavailable();
      return <YamlView actions={services.actions} pod={overlay.pod} version={versionOf(pods, overlay.pod)} region={region} onClose={close} />;
    case 'confirmRemoval':
      return (
        <RemovalConfirm
          pod={overlay.pod}
          removal={overlay.removal}
          gracePeriodSeconds={overlay.gracePeriodSeconds}
          {...(overlay.owner === undefined ? {} : { owner: overlay.owner })}
          typed={overlay.typed}
          region={region}
          onType={(typed) => dispatch({ type: 'overlay.open', overlay: { ...overlay, typed } })}
          onConfirm={() => {
            close();
            remove(overlay.pod, overlay.removal);
          }}
          onCancel={close}
        />
      );
    case 'forwardForm':
      return (
        <ForwardForm
          form={overlay.form}
          region={region}
          busy={forwardStart.busy}
          onChange={(form) => dispatch({ type: 'overlay.open', overlay: { kind: 'forwardForm', form } })}
          onCancel={close}
          onSubmit={(form) => {
            void forwardStart.start(form).then((result) => {
              if ('error' in result) {
                ui.showMessage({ text: singleLine(result.error), level: 'error' });
                return;
              }
              const { view } = result;
              close();
              const free = result.tookFreePort ? ` (${view.remote} was taken here, so a free port)` : '';
              ui.showMessage({ text: singleLine(`forwarding ${view.addresses[0] ?? ''} -> ${view.namespace}/${view.pod}:${view.remote}${free}; :pf lists the forwards`), level: 'info' });
            });
          }}
        />
      );
    case 'forwards':
      if (services.forwards === undefined) return unavailable();
      return (
        <ForwardsView
          forwards={services.forwards}
          cursor={overlay.cursor}
          region={region}
          onCursor={(cursor) => dispatch({ type: 'overlay.open', overlay: { kind: 'forwards', cursor } })}
          onStopped={(message) => ui.showMessage({ text: message, level: 'info' })}
          onClose={close}
        />
      );
    case 'contexts':
      if (services.contexts === undefined) return unavailable();
      return (
        <ContextPicker
          contexts={services.contexts}
          forwards={services.forwards}
          text={overlay.text}
          cursor={overlay.cursor}
          {...(overlay.switchTo === undefined ? {} : { switchTo: overlay.switchTo })}
          region={region}
          onChange={(text, cursor) => dispatch({ type: 'overlay.open', overlay: { kind: 'contexts', text, cursor } })}
          onCancel={close}
        />
      );
  }
}
