import { Box } from 'ink';
import { clean, p } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { formRemotePort, editForwardForm, type ForwardFormState } from '../forwardForm.js';
import { useKeys } from '../input/KeyInput.js';
import type { Region } from '../layout.js';
import { fit, fitPadded } from '../text.js';
import { Line } from './Line.js';

export interface ForwardFormProps {
  form: ForwardFormState;
  region: Region;
  /** The form is being submitted (the pod and port are being checked). */
  busy: boolean;
  onChange(form: ForwardFormState): void;
  onSubmit(form: ForwardFormState): void;
  onCancel(): void;
}

/** `F`: a container port (↑/↓, or type one) and a local port (Tab; empty: the same, else a free one), Enter forwards. */
export function ForwardForm({ form, region, busy, onChange, onSubmit, onCancel }: ForwardFormProps) {
  const { glyphs, display } = useDisplay();
  const width = Math.max(1, region.width);
  useKeys((input, key) => {
    if (busy) return;
    if (key.escape) onCancel();
    else if (key.return) onSubmit(form);
    else if (key.tab) onChange(editForwardForm(form, { toggleField: true }));
    else if (key.upArrow) onChange(editForwardForm(form, { move: -1 }));
    else if (key.downArrow) onChange(editForwardForm(form, { move: 1 }));
    else if (key.backspace || key.delete) onChange(editForwardForm(form, { erase: true }));
    else if (!key.ctrl && !key.meta) onChange(editForwardForm(form, { type: input }));
  });
  const remote = formRemotePort(form);
  const name = clean(`${form.pod.namespace}/${form.pod.name}`);
  const choices = [...form.ports.map((port) => clean(port.label)), clean(`other port: ${form.typedRemote}${form.field === 'remote' && form.choice === form.ports.length ? glyphs.caret : ''}`)];
  const localText = form.local === '' ? clean(remote === undefined ? '(the same port, else a free one)' : `${remote} (the same; a free one if it is taken)`) : clean(form.local === '0' ? '0 (any free port)' : form.local);
  const arrows = display.unicode ? '↑/↓' : 'Up/Down';
  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <Line bold underline>
        {fitPadded(clean(`Port-forward ${name} ${glyphs.separator} listens on 127.0.0.1 and ::1`), width, glyphs.truncated)}
      </Line>
      <Line bold={form.field === 'remote'}>{p`Container port (${clean(arrows)} choose, or type a number):`}</Line>
      {choices.map((choice, index) => (
        <Line key={index} inverse={form.field === 'remote' && index === form.choice}>
          {fitPadded(clean(`  ${index === form.choice ? glyphs.current : ' '} ${choice}`), width, glyphs.truncated)}
        </Line>
      ))}
      <Line bold={form.field === 'local'}>
        {fit(clean(`Local port (Tab): ${localText}${form.field === 'local' ? glyphs.caret : ''}`), width, glyphs.truncated)}
      </Line>
      <Line dimColor>{fit(busy ? p`checking the pod and the port…` : p`Enter forwards  Tab switches field  Esc cancels  (:pf lists the forwards)`, width, glyphs.truncated)}</Line>
    </Box>
  );
}
