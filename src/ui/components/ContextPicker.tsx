import { useEffect, useMemo } from 'react';
import { Box } from 'ink';
import { fuzzyMatch } from '../../model/nameMatch.js';
import { clean, p } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { useContextSwitch } from '../hooks/useContextSwitch.js';
import { useForwards } from '../hooks/useForwards.js';
import { useKeys } from '../input/KeyInput.js';
import { editLine } from '../explorer/keys/lineEdit.js';
import type { Region } from '../layout.js';
import type { ContextServices, ForwardServices } from '../services.js';
import { fit, fitPadded } from '../text.js';
import { Line } from './Line.js';

export interface ContextPickerProps {
  contexts: ContextServices;
  forwards: ForwardServices | undefined;
  text: string;
  cursor: number;
  /** `:ctx NAME`: switch to it at once. */
  switchTo?: string;
  region: Region;
  onChange(text: string, cursor: number): void;
  onCancel(): void;
}

/** `:ctx`: the kubeconfig's contexts (the one in use marked), filtered as typed; Enter switches live. */
export function ContextPicker({ contexts, forwards, text, cursor, switchTo, region, onChange, onCancel }: ContextPickerProps) {
  const { glyphs, display } = useDisplay();
  const width = Math.max(1, region.width);
  const activeForwards = useForwards(forwards).filter((forward) => forward.state !== 'ended').length;
  const switching = useContextSwitch(contexts, activeForwards);
  const all = useMemo(() => contexts.list(), [contexts]);
  const choices = useMemo(() => all.filter((context) => fuzzyMatch(text.trim(), context.name)), [all, text]);
  const selected = Math.min(Math.max(0, cursor), Math.max(0, choices.length - 1));
  const { state } = switching;

  useEffect(() => {
    if (switchTo === undefined) return;
    if (all.some((context) => context.name === switchTo)) switching.request(switchTo);
    // Only the name the picker was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useKeys(
    (input, key) => {
      const edit = editLine(text, { input, key });
      if (edit.kind === 'change') onChange(edit.text, 0);
      else if (edit.kind === 'move') onChange(text, Math.min(Math.max(0, selected + edit.delta), Math.max(0, choices.length - 1)));
      else if (edit.kind === 'cancel') onCancel();
      else if (edit.kind === 'submit') {
        const choice = choices[selected];
        if (choice !== undefined) switching.request(choice.name);
      }
    },
    { isActive: state.kind === 'idle' || state.kind === 'failed' },
  );
  useKeys(
    (input, key) => {
      if (key.return || input === 'y') switching.confirm();
      else if (key.escape || input === 'n') switching.cancel();
    },
    { isActive: state.kind === 'confirm' },
  );

  let note = clean('');
  if (switchTo !== undefined && !all.some((context) => context.name === switchTo)) {
    note = clean(`context "${switchTo}" not found in kubeconfig (available: ${all.map((context) => context.name).join(', ')})`);
  } else if (state.kind === 'confirm') {
    note = clean(`${state.forwards} port-forward${state.forwards === 1 ? '' : 's'} will stop. Switch to ${state.name}? Enter or y switches, Esc or n cancels`);
  } else if (state.kind === 'switching') note = p`connecting to ${clean(state.name)}${clean(glyphs.ellipsis)}`;
  else if (state.kind === 'failed') note = clean(`cannot switch to ${state.name}: ${state.error} (still on the current context)`);

  const listHeight = Math.max(1, region.height - 3);
  const top = Math.max(0, Math.min(selected - listHeight + 1, choices.length - listHeight));
  const arrows = display.unicode ? '↑/↓' : 'Up/Down';
  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <Line bold underline>
        {fitPadded(clean(`Context ${glyphs.separator} type to filter, ${arrows} move, Enter switch, Esc cancel`), width, glyphs.truncated)}
      </Line>
      <Line>{fit(clean(`> ${text}${glyphs.caret}`), width, glyphs.truncated)}</Line>
      <Line bold={state.kind === 'confirm' || state.kind === 'failed'}>{fit(note, width, glyphs.truncated)}</Line>
      {choices.slice(top, top + listHeight).map((context, index) => {
        const details = [context.cluster, context.user === '' ? '' : `user ${context.user}`, context.namespace === undefined ? '' : `ns ${context.namespace}`].filter((part) => part !== '').join(', ');
        return (
          <Line key={top + index} inverse={top + index === selected}>
            {fitPadded(clean(`${context.active ? glyphs.current : ' '} ${context.name}  (${details})`), width, glyphs.truncated)}
          </Line>
        );
      })}
    </Box>
  );
}
