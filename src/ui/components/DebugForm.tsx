import { Box } from 'ink';
import { clean, cleanName, EMPTY, joinPrintable, p, spaces, type Printable } from '../../model/printable.js';
import { useDisplay } from '../contexts/DisplayContext.js';
import { debugFormTitle, formFields, permanenceWarning, TEXT_FIELDS, type DebugFormField, type DebugFormState } from '../debugForm.js';
import type { Region } from '../layout.js';
import { fit, fitPadded, wrapWords } from '../text.js';
import { nodeReachText } from '../../model/nodeDebugPod.js';
import { Line } from './Line.js';
import { PaneTitle } from './PaneTitle.js';

export interface DebugFormProps {
  form: DebugFormState;
  region: Region;
}

const LABELS: Readonly<Record<DebugFormField, Printable>> = {
  image: p`Image`,
  target: p`Target`,
  profile: p`Profile`,
  command: p`Command`,
  pullPolicy: p`Pull policy`,
  copyName: p`Copy name`,
  deleteCopy: p`Delete copy when done`,
  deletePod: p`Delete pod when done`,
};
interface FormLine {
  key: string;
  text: Printable;
  selected?: boolean;
  dim?: boolean;
}

const LABEL_WIDTH = 14;
/** Room for the copy mode's longer labels. */
const COPY_LABEL_WIDTH = 23;
/** Recent images listed under the image field while it has the cursor. */
const RECENT_SHOWN = 5;

/** A field's value as shown: typed text and the pod's container names, cleaned. */
function valueOf(form: DebugFormState, field: DebugFormField): Printable {
  switch (field) {
    case 'image':
      return clean(form.image);
    case 'target':
      return form.target === '' ? p`(none: own process namespace)` : cleanName(form.target);
    case 'profile':
      return clean(form.profile);
    case 'command':
      return form.command === '' ? p`(the image's default)` : clean(form.command);
    case 'pullPolicy':
      return form.pullPolicy === '' ? p`(server's default)` : clean(form.pullPolicy);
    case 'copyName':
      return clean(form.copy?.name);
    case 'deleteCopy':
      return form.copy?.deleteAfter === false ? p`no (the copy stays)` : p`yes`;
    case 'deletePod':
      return form.node?.deleteAfter === false ? p`no (the pod stays)` : p`yes`;
  }
}

/** Why a stopped pod's form debugs a copy: shown first, wrapped to the width. */
export function copyModeExplanation(pod: string): Printable {
  return p`${cleanName(pod)} has stopped: ephemeral containers cannot start in it, so the debugger runs in a copy of the pod (shared process namespace, no labels, not on a node yet).`;
}

function copyModeNote(form: DebugFormState): Printable {
  const name = form.copy?.name.trim() ? clean(form.copy.name.trim()) : p`(no name)`;
  return form.copy?.deleteAfter === false
    ? p`The copy runs the pod's containers again; it stays until: kubectl delete pod ${name} -n ${cleanName(form.namespace)}`
    : p`The copy runs the pod's containers again, and is deleted when the session ends.`;
}

/** What a node debugger is, and what the chosen profile lets it see of the node. */
export function nodeModeExplanation(form: DebugFormState): Printable {
  const node = cleanName(form.node?.name);
  return p`A pod on ${node} (node-debugger-${node}-xxxxx in ${cleanName(form.namespace)}) tolerating every taint: ${clean(nodeReachText(form.profile))}.`;
}

function nodeModeNote(form: DebugFormState): Printable {
  return form.node?.deleteAfter === false
    ? p`The pod stays after the session; kubectl delete pod deletes it (its name is shown on the way).`
    : p`The pod is deleted when the session ends.`;
}

const BLANK = p` `;

/**
 * `d`: what to launch. Tab/Shift-Tab (and ↑/↓ outside the image field) move between fields; image,
 * command and copy name are typed; ↑/↓ on the image pick a remembered one; ←/→/Space cycle target,
 * profile, pull policy and delete-the-copy. Enter launches, Esc cancels. For a stopped pod the form
 * is in copy mode: it says why first, and asks for the copy's name instead of a target.
 */
export function DebugForm({ form, region }: DebugFormProps) {
  const { glyphs } = useDisplay();
  const typing = TEXT_FIELDS.has(form.field);
  const copyMode = form.copy !== null || form.node !== null;
  const width = region.width;
  const labelWidth = copyMode ? COPY_LABEL_WIDTH : LABEL_WIDTH;
  const valueWidth = Math.max(0, width - labelWidth - 2);
  const lines: FormLine[] = [];
  const warning = permanenceWarning(form);
  if (warning !== undefined) {
    wrapWords(warning, width, Number.POSITIVE_INFINITY, glyphs.truncated).forEach((text, i) => lines.push({ key: `permanent-${i}`, text, selected: true }));
    lines.push({ key: 'permanent-blank', text: BLANK });
  }
  if (form.node !== null) {
    wrapWords(nodeModeExplanation(form), width, Number.POSITIVE_INFINITY, glyphs.truncated).forEach((text, i) => lines.push({ key: `why-${i}`, text }));
    lines.push({ key: 'why-blank', text: BLANK });
  } else if (copyMode) {
    wrapWords(copyModeExplanation(form.pod), width, Number.POSITIVE_INFINITY, glyphs.truncated).forEach((text, i) => lines.push({ key: `why-${i}`, text }));
    lines.push({ key: 'why-blank', text: BLANK });
  }
  for (const field of formFields(form)) {
    const active = field === form.field;
    const choice = !TEXT_FIELDS.has(field);
    const value = joinPrintable([valueOf(form, field), active && !choice ? glyphs.caret : EMPTY]);
    const shown = active && choice ? p`< ${value} >` : value;
    const label = fitPadded(LABELS[field], labelWidth, glyphs.truncated);
    lines.push({ key: field, text: p`${active ? p`>` : BLANK} ${label}${fit(shown, valueWidth, glyphs.truncated)}`, selected: active });
    if (field === 'image' && active && form.recentImages.length > 0) {
      const from = Math.max(0, Math.min(form.recentIndex, form.recentImages.length - RECENT_SHOWN));
      form.recentImages.slice(from, from + RECENT_SHOWN).forEach((image, i) => {
        const current = from + i === form.recentIndex;
        lines.push({ key: `recent-${from + i}`, text: p`${spaces(labelWidth + 2)}${current ? glyphs.current : BLANK} ${clean(image)}`, dim: !current });
      });
    }
  }
  const help =
    form.field === 'image'
      ? p`type an image, Up/Down recent ones, Tab next field, Enter launch, Esc cancel`
      : form.field === 'copyName'
        ? p`type the name of the copy, Tab next field, Enter launch, Esc cancel`
        : typing
          ? p`type the command, Tab next field, Enter launch, Esc cancel`
          : p`Left/Right or Space change, Tab/Up/Down move, Enter launch, Esc cancel`;
  const note = form.node !== null ? nodeModeNote(form) : copyMode ? copyModeNote(form) : form.target === '' ? p`The container gets a process namespace of its own.` : p`The container shares ${cleanName(form.target)}'s process namespace.`;
  // The copy mode's note names the command that deletes a kept copy: wrapped, so it is never cut.
  const noteLines: FormLine[] = (copyMode ? wrapWords(note, width, Number.POSITIVE_INFINITY, glyphs.truncated) : [note]).map((text, i) => ({ key: `note-${i}`, text, dim: true }));
  const body = [...lines, { key: 'blank', text: BLANK }, ...noteLines, { key: 'help', text: help, dim: true }];
  return (
    <Box flexDirection="column" width={width} height={region.height}>
      <PaneTitle text={debugFormTitle(form, glyphs.separator)} width={width} focused />
      {body.slice(0, Math.max(0, region.height - 1)).map((line) => (
        <Line key={line.key} bold={line.selected === true} dimColor={line.dim === true}>
          {fit(line.text, width, glyphs.truncated)}
        </Line>
      ))}
    </Box>
  );
}
