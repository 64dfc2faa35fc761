import { Box, Text } from 'ink';
import { useDisplay } from '../contexts/DisplayContext.js';
import { debugFormTitle, formFields, permanenceWarning, TEXT_FIELDS, type DebugFormField, type DebugFormState } from '../debugForm.js';
import type { Region } from '../layout.js';
import { fit, fitPadded, singleLine, wrapWords } from '../text.js';
import { PaneTitle } from './PaneTitle.js';

export interface DebugFormProps {
  form: DebugFormState;
  region: Region;
}

const LABELS: Readonly<Record<DebugFormField, string>> = {
  image: 'Image',
  target: 'Target',
  profile: 'Profile',
  command: 'Command',
  pullPolicy: 'Pull policy',
  copyName: 'Copy name',
  deleteCopy: 'Delete copy when done',
};
interface FormLine {
  key: string;
  text: string;
  selected?: boolean;
  dim?: boolean;
}

const LABEL_WIDTH = 14;
/** Room for the copy mode's longer labels. */
const COPY_LABEL_WIDTH = 23;
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
    case 'copyName':
      return form.copy?.name ?? '';
    case 'deleteCopy':
      return form.copy?.deleteAfter === false ? 'no (the copy stays)' : 'yes';
  }
}

/** Why a stopped pod's form debugs a copy: shown first, wrapped to the width. */
export function copyModeExplanation(pod: string): string {
  return `${pod} has stopped: ephemeral containers cannot start in it, so the debugger runs in a copy of the pod (shared process namespace, no labels, not on a node yet).`;
}

function copyModeNote(form: DebugFormState): string {
  const name = form.copy?.name.trim() || '(no name)';
  return form.copy?.deleteAfter === false
    ? `The copy runs the pod's containers again; it stays until: kubectl delete pod ${name} -n ${form.namespace}`
    : "The copy runs the pod's containers again, and is deleted when the session ends.";
}

/**
 * `d`: what to launch. Tab/Shift-Tab (and ↑/↓ outside the image field) move between fields; image,
 * command and copy name are typed; ↑/↓ on the image pick a remembered one; ←/→/Space cycle target,
 * profile, pull policy and delete-the-copy. Enter launches, Esc cancels. For a stopped pod the form
 * is in copy mode: it says why first, and asks for the copy's name instead of a target.
 */
export function DebugForm({ form, region }: DebugFormProps) {
  const { glyphs } = useDisplay();
  const typing = TEXT_FIELDS.has(form.field);
  const copyMode = form.copy !== null;
  const width = region.width;
  const labelWidth = copyMode ? COPY_LABEL_WIDTH : LABEL_WIDTH;
  const valueWidth = Math.max(0, width - labelWidth - 2);
  const lines: FormLine[] = [];
  const warning = permanenceWarning(form);
  if (warning !== undefined) {
    wrapWords(warning, width, Number.POSITIVE_INFINITY, glyphs.truncated).forEach((text, i) => lines.push({ key: `permanent-${i}`, text, selected: true }));
    lines.push({ key: 'permanent-blank', text: ' ' });
  }
  if (copyMode) {
    wrapWords(copyModeExplanation(form.pod), width, Number.POSITIVE_INFINITY, glyphs.truncated).forEach((text, i) => lines.push({ key: `why-${i}`, text }));
    lines.push({ key: 'why-blank', text: ' ' });
  }
  for (const field of formFields(form)) {
    const active = field === form.field;
    const choice = !TEXT_FIELDS.has(field);
    const value = singleLine(valueOf(form, field)) + (active && !choice ? glyphs.caret : '');
    const shown = active && choice ? `< ${value} >` : value;
    lines.push({ key: field, text: `${active ? '>' : ' '} ${fitPadded(LABELS[field], labelWidth, glyphs.truncated)}${fit(shown, valueWidth, glyphs.truncated)}`, selected: active });
    if (field === 'image' && active && form.recentImages.length > 0) {
      const from = Math.max(0, Math.min(form.recentIndex, form.recentImages.length - RECENT_SHOWN));
      form.recentImages.slice(from, from + RECENT_SHOWN).forEach((image, i) => {
        const current = from + i === form.recentIndex;
        lines.push({ key: `recent-${from + i}`, text: `${' '.repeat(labelWidth + 2)}${current ? glyphs.current : ' '} ${singleLine(image)}`, dim: !current });
      });
    }
  }
  const help =
    form.field === 'image'
      ? 'type an image, Up/Down recent ones, Tab next field, Enter launch, Esc cancel'
      : form.field === 'copyName'
        ? 'type the name of the copy, Tab next field, Enter launch, Esc cancel'
        : typing
          ? 'type the command, Tab next field, Enter launch, Esc cancel'
          : 'Left/Right or Space change, Tab/Up/Down move, Enter launch, Esc cancel';
  const note = copyMode ? copyModeNote(form) : form.target === '' ? 'The container gets a process namespace of its own.' : `The container shares ${form.target}'s process namespace.`;
  // The copy mode's note names the command that deletes a kept copy: wrapped, so it is never cut.
  const noteLines: FormLine[] = (copyMode ? wrapWords(note, width, Number.POSITIVE_INFINITY, glyphs.truncated) : [note]).map((text, i) => ({ key: `note-${i}`, text, dim: true }));
  const body = [...lines, { key: 'blank', text: ' ' }, ...noteLines, { key: 'help', text: help, dim: true }];
  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <PaneTitle
        text={debugFormTitle(form, glyphs.separator)}
        width={width}
        focused
      />
      {body.slice(0, Math.max(0, region.height - 1)).map((line) => (
        <Text key={line.key} wrap="truncate-end" bold={line.selected === true} dimColor={line.dim === true}>
          {fit(line.text, width, glyphs.truncated)}
        </Text>
      ))}
    </Box>
  );
}
