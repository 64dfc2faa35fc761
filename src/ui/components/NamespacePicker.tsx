import { useMemo } from 'react';
import { Box } from 'ink';
import { clean, cleanName, joinPrintable, p, type Printable } from '../../model/printable.js';
import { fuzzyMatch } from '../../model/podFilter.js';
import { connectionText } from '../connectionText.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useLineInput } from '../hooks/useLineInput.js';
import { useOwnedStore, useStoreConnection, useStoreSnapshot } from '../hooks/useStore.js';
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
  onChange(text: string, cursor: number): void;
  onChoose(namespace: string): void;
  onCancel(): void;
}

/** Namespace names are DNS labels; anything else typed would only produce a confusing 404. */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * `n`: the cluster's namespaces, live, filtered as the user types. When they cannot be listed
 * (forbidden, failed), the choices are what was typed and the kubeconfig's namespace, so the user
 * is never stuck.
 */
export function NamespacePicker({ services, scope, text, cursor, region, onChange, onChoose, onCancel }: NamespacePickerProps) {
  const { display, glyphs } = useDisplay();
  const store = useOwnedStore(() => services.namespaceStore(), 'namespaces');
  const namespaces = useStoreSnapshot(store);
  const connection = useStoreConnection(store);
  const unlisted = connection.kind === 'forbidden' || connection.kind === 'failed';
  const typed = text.trim();

  const choices = useMemo(() => {
    if (unlisted) {
      const fallback = services.info.namespace;
      const typedChoice = NAMESPACE_NAME.test(typed) ? [typed] : [];
      return [...typedChoice, ...(fallback !== '' && fallback !== typed ? [fallback] : [])];
    }
    const names = namespaces.map((n) => n.metadata?.name ?? '').filter((n) => n !== '').sort();
    const matching = names.filter((n) => fuzzyMatch(typed, n));
    // A namespace the list does not show (not yet, or not to us) can still be typed in full.
    if (matching.length === 0 && NAMESPACE_NAME.test(typed)) return [typed];
    return matching;
  }, [unlisted, namespaces, typed, services.info.namespace]);
  const selected = Math.min(Math.max(0, cursor), Math.max(0, choices.length - 1));

  useLineInput(
    text,
    {
      onChange: (next) => onChange(next, 0),
      onMove: (delta) => onChange(text, Math.min(Math.max(0, selected + delta), Math.max(0, choices.length - 1))),
      onSubmit: () => {
        const choice = choices[selected];
        if (choice !== undefined) onChoose(choice);
      },
      onCancel,
    },
    true,
  );

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
          <Line key={name} inverse={top + i === selected}>
            {fitPadded(p`${mark} ${cleanName(name)}`, width, glyphs.truncated)}
          </Line>
        );
      })}
      {choices.length === 0 && !unlisted && connection.kind === 'live' ? <Line dimColor>{fit(p`no namespace matches`, width, glyphs.truncated)}</Line> : null}
    </Box>
  );
}
