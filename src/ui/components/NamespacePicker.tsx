import { useMemo } from 'react';
import { Box } from 'ink';
import { clean, cleanName, joinPrintable, p, type Printable } from '../../model/printable.js';
import { connectionText } from '../connectionText.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useExplorerModel } from '../contexts/UiStateContext.js';
import { useStoreConnection, useStoreSnapshot } from '../hooks/useStore.js';
import { namespaceChoices } from '../namespaceChoices.js';
import type { Region } from '../layout.js';
import type { PodScope, UiServices } from '../services.js';
import { fit, fitPadded } from '../text.js';
import { Line } from './Line.js';
import { PaneTitle } from './PaneTitle.js';

export interface NamespacePickerProps {
  services: UiServices;
  scope: PodScope;
  text: string;
  cursor: number;
  region: Region;
}

/**
 * `n`: the cluster's namespaces, live, filtered as the user types. When they cannot be listed
 * (forbidden, failed), the choices are what was typed and the kubeconfig's namespace, so the user
 * is never stuck.
 */
export function NamespacePicker({ services, scope, text, cursor, region }: NamespacePickerProps) {
  const { display, glyphs } = useDisplay();
  // The model holds the list while the picker is open; its keys pick from the same choices.
  const store = useExplorerModel().namespaceStore();
  const namespaces = useStoreSnapshot(store);
  const connection = useStoreConnection(store);
  const { names: choices, unlisted } = useMemo(
    () => namespaceChoices(namespaces, connection, text, services.info.namespace),
    [namespaces, connection, text, services.info.namespace],
  );
  const selected = Math.min(Math.max(0, cursor), Math.max(0, choices.length - 1));

  const current = 'allNamespaces' in scope ? undefined : scope.namespace;
  const notes: Printable[] = [];
  if (unlisted) {
    notes.push(p`cannot list namespaces: ${clean(connection.kind === 'forbidden' || connection.kind === 'failed' ? connection.message : '')}`);
    notes.push(p`type a namespace name and press Enter`);
  } else if (connection.kind !== 'live') {
    notes.push(connectionText(connection, glyphs));
  }
  const listHeight = Math.max(1, region.height - 2 - notes.length);
  const top = Math.max(0, Math.min(selected - listHeight + 1, choices.length - listHeight));
  const width = region.width;

  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <PaneTitle text={p`Namespace ${glyphs.separator} type to filter, ${display.unicode ? p`↑/↓` : p`Up/Down`} move, Enter choose, Esc cancel`} width={width} focused />
      <Line>{fit(joinPrintable([p`> `, clean(text), glyphs.caret]), width, glyphs.truncated)}</Line>
      {notes.map((note, i) => (
        <Line key={`note-${i}`} bold={i === 0 && unlisted}>
          {fit(note, width, glyphs.truncated)}
        </Line>
      ))}
      {choices.slice(top, top + listHeight).map((name, i) => {
        const mark = name === current ? glyphs.current : p` `;
        return (
          <Line key={top + i} inverse={top + i === selected}>
            {fitPadded(p`${mark} ${cleanName(name)}`, width, glyphs.truncated)}
          </Line>
        );
      })}
      {choices.length === 0 && !unlisted && connection.kind === 'live' ? <Line dimColor>{fit(p`no namespace matches`, width, glyphs.truncated)}</Line> : null}
    </Box>
  );
}
