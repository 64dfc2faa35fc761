import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { connectionText } from '../connectionText.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useExplorerModel } from '../contexts/UiStateContext.js';
import { useStoreConnection, useStoreSnapshot } from '../hooks/useStore.js';
import { namespaceChoices } from '../namespaceChoices.js';
import type { Region } from '../layout.js';
import type { PodScope, UiServices } from '../services.js';
import { fit, fitPadded, singleLine } from '../text.js';
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
  const notes: string[] = [];
  if (unlisted) {
    notes.push(`cannot list namespaces: ${singleLine(connection.kind === 'forbidden' || connection.kind === 'failed' ? connection.message : '')}`);
    notes.push('type a namespace name and press Enter');
  } else if (connection.kind !== 'live') {
    notes.push(connectionText(connection, glyphs));
  }
  const listHeight = Math.max(1, region.height - 2 - notes.length);
  const top = Math.max(0, Math.min(selected - listHeight + 1, choices.length - listHeight));
  const width = region.width;

  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <PaneTitle text={`Namespace ${glyphs.separator} type to filter, ${display.unicode ? '↑/↓' : 'Up/Down'} move, Enter choose, Esc cancel`} width={width} focused />
      <Text wrap="truncate-end">{fit(`> ${text}${glyphs.caret}`, width, glyphs.truncated)}</Text>
      {notes.map((note, i) => (
        <Text key={`note-${i}`} bold={i === 0 && unlisted} wrap="truncate-end">
          {fit(note, width, glyphs.truncated)}
        </Text>
      ))}
      {choices.slice(top, top + listHeight).map((name, i) => {
        const mark = name === current ? glyphs.current : ' ';
        return (
          <Text key={name} inverse={top + i === selected} wrap="truncate-end">
            {fitPadded(`${mark} ${name}`, width, glyphs.truncated)}
          </Text>
        );
      })}
      {choices.length === 0 && !unlisted && connection.kind === 'live' ? (
        <Text dimColor wrap="truncate-end">
          {fit('no namespace matches', width, glyphs.truncated)}
        </Text>
      ) : null}
    </Box>
  );
}
