import { Box, Text, useInput } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { cycleChoice, DEBUG_FORM_FIELDS, editText, moveField, pickRecentImage, TEXT_FIELDS, type DebugFormField, type DebugFormState } from '../debugForm.js';
import { useLineInput } from '../hooks/useLineInput.js';
import type { Region } from '../layout.js';
import { fit, fitPadded, singleLine } from '../text.js';
import { PaneTitle } from './PaneTitle.js';

export interface DebugFormProps {
  form: DebugFormState;
  region: Region;
  onChange(form: DebugFormState): void;
  /** Enter. */
  onSubmit(form: DebugFormState): void;
  /** Esc. */
  onCancel(): void;
}

const LABELS: Readonly<Record<DebugFormField, string>> = {
  image: 'Image',
  target: 'Target',
  profile: 'Profile',
  command: 'Command',
  pullPolicy: 'Pull policy',
};
const LABEL_WIDTH = 14;
/** Recent images listed under the image field while it has the cursor. */
const RECENT_SHOWN = 5;

function valueOf(form: DebugFormState, field: DebugFormField): string {
  switch (field) {
    case 'image':
      return form.image;
    case 'target':
      return form.target === '' ? '(none: own process namespace)' : form.target;
    case 'profile':
      return form.profile;
    case 'command':
      return form.command === '' ? "(the image's default)" : form.command;
    case 'pullPolicy':
      return form.pullPolicy === '' ? "(server's default)" : form.pullPolicy;
  }
}

/**
 * `d`: what to launch. Tab/Shift-Tab (and ↑/↓ outside the image field) move between fields; image
 * and command are typed; ↑/↓ on the image pick a remembered one; ←/→/Space cycle target, profile and
 * pull policy. Enter launches, Esc cancels.
 */
export function DebugForm({ form, region, onChange, onSubmit, onCancel }: DebugFormProps) {
  const { glyphs } = useDisplay();
  const typing = TEXT_FIELDS.has(form.field);
  const text = form.field === 'image' ? form.image : form.command;

  useLineInput(
    text,
    {
      onChange: (next) => onChange(editText(form, next)),
      onSubmit: () => onSubmit(form),
      onCancel,
      onMove: (delta) => onChange(form.field === 'image' ? pickRecentImage(form, delta) : moveField(form, delta)),
    },
    typing,
  );
  useInput((input, key) => {
    if (key.tab) {
      onChange(moveField(form, key.shift ? -1 : 1));
      return;
    }
    if (typing) return;
    if (key.return) onSubmit(form);
    else if (key.escape) onCancel();
    else if (key.upArrow) onChange(moveField(form, -1));
    else if (key.downArrow) onChange(moveField(form, 1));
    else if (key.leftArrow) onChange(cycleChoice(form, -1));
    else if (key.rightArrow || input === ' ') onChange(cycleChoice(form, 1));
  });

  const width = region.width;
  const valueWidth = Math.max(0, width - LABEL_WIDTH - 2);
  const lines: { key: string; text: string; selected?: boolean; dim?: boolean; bold?: boolean }[] = [];
  for (const field of DEBUG_FORM_FIELDS) {
    const active = field === form.field;
    const choice = !TEXT_FIELDS.has(field);
    const value = singleLine(valueOf(form, field)) + (active && !choice ? glyphs.caret : '');
    const shown = active && choice ? `< ${value} >` : value;
    lines.push({ key: field, text: `${active ? '>' : ' '} ${fitPadded(LABELS[field], LABEL_WIDTH, glyphs.truncated)}${fit(shown, valueWidth, glyphs.truncated)}`, selected: active });
    if (field === 'image' && active && form.recentImages.length > 0) {
      const from = Math.max(0, Math.min(form.recentIndex, form.recentImages.length - RECENT_SHOWN));
      form.recentImages.slice(from, from + RECENT_SHOWN).forEach((image, i) => {
        const current = from + i === form.recentIndex;
        lines.push({ key: `recent-${from + i}`, text: `${' '.repeat(LABEL_WIDTH + 2)}${current ? glyphs.current : ' '} ${singleLine(image)}`, dim: !current });
      });
    }
  }
  const help =
    form.field === 'image'
      ? 'type an image, Up/Down recent ones, Tab next field, Enter launch, Esc cancel'
      : typing
        ? 'type the command, Tab next field, Enter launch, Esc cancel'
        : 'Left/Right or Space change, Tab/Up/Down move, Enter launch, Esc cancel';
  const note = 'The container shares the target\'s process namespace and cannot be removed once added.';
  const body = [...lines, { key: 'blank', text: '' }, { key: 'note', text: note, dim: true }, { key: 'help', text: help, dim: true }];
  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <PaneTitle text={`Debug ${form.namespace}/${form.pod} ${glyphs.separator} add an ephemeral container`} width={width} focused />
      {body.slice(0, Math.max(0, region.height - 1)).map((line) => (
        <Text key={line.key} wrap="truncate-end" bold={line.selected === true} dimColor={line.dim === true}>
          {fit(line.text, width, glyphs.truncated)}
        </Text>
      ))}
    </Box>
  );
}
