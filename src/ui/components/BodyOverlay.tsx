import { useCallback } from 'react';
import { Box } from 'ink';
import { cleanName, p } from '../../model/printable.js';
import type { Pod } from '../../model/apiObjects.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useExplorerModel, useUiActions } from '../contexts/UiStateContext.js';
import { usageStatusText } from '../../model/usage.js';
import type { BindingState, KeyBinding } from '../keymap.js';
import type { Region } from '../layout.js';
import { LogView } from '../logs/LogView.js';
import type { PodScope, UiServices } from '../services.js';
import type { Overlay } from '../state.js';
import { ActionOverlay, isActionOverlay, type ActionOverlayState } from './ActionOverlay.js';
import { DebugForm } from './DebugForm.js';
import { DebugProgress } from './DebugProgress.js';
import { HelpOverlay } from './HelpOverlay.js';
import { Line } from './Line.js';
import { NamespacePicker } from './NamespacePicker.js';

/** The overlays drawn in place of the panes; the filter and command prompts use the status line instead. */
export type BodyOverlayState = Extract<Overlay, { kind: 'help' | 'debugForm' | 'debugProgress' | 'logs' | 'picker' }> | ActionOverlayState;

export function isBodyOverlay(overlay: Overlay): overlay is BodyOverlayState {
  return overlay.kind !== 'none' && overlay.kind !== 'filter' && overlay.kind !== 'command' && overlay.kind !== 'session';
}

export interface BodyOverlayProps {
  overlay: BodyOverlayState;
  region: Region;
  services: UiServices;
  scope: PodScope;
  /** The listed pods, where the log view finds its pod. */
  pods: readonly Pod[];
  bindings: readonly KeyBinding[];
  bindingState: BindingState;
}

/**
 * The overlay that has the keyboard, in the body area: help, debug form or progress, log view or
 * namespace picker. Their keys are handled by the explorer model (explorer/keys) except the log
 * view's, which it takes itself.
 */
export function BodyOverlay({ overlay, region, services, scope, pods, bindings, bindingState }: BodyOverlayProps) {
  const { dispatch } = useUiActions();
  const { glyphs } = useDisplay();
  const usage = useExplorerModel().usage();
  const close = useCallback(() => dispatch({ type: 'overlay.close' }), [dispatch]);

  if (isActionOverlay(overlay)) return <ActionOverlay overlay={overlay} region={region} services={services} pods={pods} />;
  switch (overlay.kind) {
    case 'help':
      return (
        <HelpOverlay
          region={region}
          scrollTop={overlay.scrollTop}
          bindings={bindings}
          bindingState={bindingState}
          {...(usage === undefined ? {} : { usage: usageStatusText(usage) })}
        />
      );
    case 'debugForm':
      return (
        <DebugForm form={overlay.form} region={region} />
      );
    case 'debugProgress':
      return (
        <DebugProgress
          request={overlay.request}
          progress={overlay.progress}
          error={overlay.error}
          region={region}
        />
      );
    case 'logs': {
      const logPod = pods.find((p) => p.metadata?.namespace === overlay.namespace && p.metadata.name === overlay.pod);
      return logPod === undefined || services.logs === undefined ? (
        <Box width={region.width} height={region.height}>
          <Line>{p`${cleanName(overlay.namespace)}/${cleanName(overlay.pod)} is gone ${glyphs.separator} Esc back`}</Line>
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
          width={region.width}
          height={region.height}
        />
      );
    }
    case 'picker':
      return (
        <NamespacePicker services={services} scope={scope} text={overlay.text} cursor={overlay.cursor} region={region} />
      );
  }
}
