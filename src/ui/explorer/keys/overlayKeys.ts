import { helpScreenLines } from '../../components/HelpOverlay.js';
import { usageStatusText } from '../../../model/usage.js';
import { cycleChoice, debugRequestOf, editText, moveField, pickRecentImage, textOf, TEXT_FIELDS, type DebugFormState } from '../../debugForm.js';
import type { DebugLaunch } from '../../hooks/useDebugLaunch.js';
import type { Keypress } from '../../input/keypress.js';
import { parseCommandLine } from '../../commandLine.js';
import { namespaceChoices } from '../../namespaceChoices.js';
import type { Overlay } from '../../state.js';
import { commandAvailability } from '../availability.js';
import type { ExplorerModel } from '../explorerModel.js';
import { editLine } from './lineEdit.js';

export const ALREADY_LAUNCHING = 'a debug container is already being created; no second one is added';

/** `/`: the pod filter, edited in place (Esc clears it, Enter keeps it). */
export function filterKey(model: ExplorerModel, keypress: Keypress): void {
  const { dispatch } = model;
  const edit = editLine(model.state().filter, keypress);
  if (edit.kind === 'change') dispatch({ type: 'filter.set', text: edit.text });
  else if (edit.kind === 'submit') dispatch({ type: 'overlay.close' });
  else if (edit.kind === 'cancel') {
    dispatch({ type: 'filter.set', text: '' });
    dispatch({ type: 'overlay.close' });
  }
}

/** `:`: a command line, run on Enter. */
export function commandKey(model: ExplorerModel, overlay: Extract<Overlay, { kind: 'command' }>, keypress: Keypress, onQuit: () => void): void {
  const { dispatch } = model;
  const edit = editLine(overlay.text, keypress);
  if (edit.kind === 'change') dispatch({ type: 'overlay.open', overlay: { kind: 'command', text: edit.text } });
  else if (edit.kind === 'cancel') dispatch({ type: 'overlay.close' });
  if (edit.kind !== 'submit') return;
  const action = parseCommandLine(overlay.text);
  dispatch({ type: 'overlay.close' });
  switch (action.kind) {
    case 'namespace':
      model.switchNamespace(action.namespace);
      break;
    case 'allNamespaces':
      dispatch({ type: 'scope.set', scope: { allNamespaces: true } });
      break;
    case 'pickNamespace':
      dispatch({ type: 'overlay.open', overlay: { kind: 'picker', text: '', cursor: 0 } });
      break;
    case 'help':
      dispatch({ type: 'overlay.open', overlay: { kind: 'help', scrollTop: 0 } });
      break;
    case 'contexts':
      if (model.services.contexts === undefined) dispatch({ type: 'message.show', message: { text: 'contexts cannot be switched here', level: 'warning' } });
      else dispatch({ type: 'overlay.open', overlay: { kind: 'contexts', text: '', cursor: 0, ...(action.name === undefined ? {} : { switchTo: action.name }) } });
      break;
    case 'forwards':
      if (model.services.forwards === undefined) dispatch({ type: 'message.show', message: { text: 'port-forwarding is not available here', level: 'warning' } });
      else dispatch({ type: 'overlay.open', overlay: { kind: 'forwards', cursor: 0 } });
      break;
    case 'quit':
      onQuit();
      break;
    case 'error':
      dispatch({ type: 'message.show', message: { text: action.message, level: 'error' } });
      break;
    case 'none':
      break;
  }
}

/** The picker's choices now (see NamespacePicker, which draws the same). */
export function pickerChoices(model: ExplorerModel, text: string) {
  const store = model.namespaceStore();
  return namespaceChoices(store.snapshot(), store.connection(), text, model.services.info.namespace);
}

/** `n`: type to filter the namespaces, ↑/↓ move, Enter goes there, Esc cancels. */
export function pickerKey(model: ExplorerModel, overlay: Extract<Overlay, { kind: 'picker' }>, keypress: Keypress): void {
  const { dispatch } = model;
  const { names } = pickerChoices(model, overlay.text);
  const selected = Math.min(Math.max(0, overlay.cursor), Math.max(0, names.length - 1));
  const edit = editLine(overlay.text, keypress);
  if (edit.kind === 'change') dispatch({ type: 'overlay.open', overlay: { kind: 'picker', text: edit.text, cursor: 0 } });
  else if (edit.kind === 'move') {
    const cursor = Math.min(Math.max(0, selected + edit.delta), Math.max(0, names.length - 1));
    dispatch({ type: 'overlay.open', overlay: { kind: 'picker', text: overlay.text, cursor } });
  } else if (edit.kind === 'cancel') dispatch({ type: 'overlay.close' });
  else if (edit.kind === 'submit') {
    const choice = names[selected];
    if (choice === undefined) return;
    dispatch({ type: 'overlay.close' });
    model.switchNamespace(choice);
  }
}

/** `?`: j/k scroll, Esc, `?` or q close. */
export function helpKey(model: ExplorerModel, overlay: Extract<Overlay, { kind: 'help' }>, { input, key }: Keypress): void {
  const { dispatch } = model;
  const { bindings, bindingState } = commandAvailability(model, model.highlighted()?.pod);
  const usage = model.usage();
  const lines = helpScreenLines(bindings, model.display.unicode, bindingState, usage === undefined ? undefined : usageStatusText(usage)).length;
  const layout = model.layout();
  const viewport = Math.max(1, (layout.kind === 'normal' ? layout.body.height : 1) - 1);
  const maxTop = Math.max(0, lines - viewport);
  const top = Math.min(overlay.scrollTop, maxTop);
  const scroll = (scrollTop: number): void => dispatch({ type: 'overlay.open', overlay: { kind: 'help', scrollTop } });
  if (key.escape || input === '?' || input === 'q') dispatch({ type: 'overlay.close' });
  else if (input === 'j' || key.downArrow) scroll(Math.min(maxTop, top + 1));
  else if (input === 'k' || key.upArrow) scroll(Math.max(0, top - 1));
  else if (key.pageDown || input === ' ') scroll(Math.min(maxTop, top + viewport - 1));
  else if (key.pageUp) scroll(Math.max(0, top - viewport + 1));
  else if (input === 'g' || key.home) scroll(0);
  else if (input === 'G' || key.end) scroll(maxTop);
}

function submitForm(model: ExplorerModel, form: DebugFormState, launch: DebugLaunch): void {
  const request = debugRequestOf(form);
  if ('error' in request) {
    model.dispatch({ type: 'message.show', message: { text: request.error, level: 'warning' } });
    return;
  }
  // The form closes and the panel owns the launch; a second Enter finds no form to submit.
  if (!launch.start(request)) {
    model.dispatch({ type: 'overlay.close' });
    model.dispatch({ type: 'message.show', message: { text: ALREADY_LAUNCHING, level: 'warning' } });
  }
}

/**
 * `d`'s form: Tab/Shift-Tab (and ↑/↓ outside the image field) move between fields; image, command
 * and copy name are typed; ↑/↓ on the image pick a remembered one; ←/→/Space cycle the choices.
 * Enter launches, Esc cancels.
 */
export function debugFormKey(model: ExplorerModel, form: DebugFormState, keypress: Keypress, launch: DebugLaunch): void {
  const change = (next: DebugFormState): void => model.dispatch({ type: 'overlay.open', overlay: { kind: 'debugForm', form: next } });
  const { input, key } = keypress;
  if (key.tab) {
    change(moveField(form, key.shift ? -1 : 1));
    return;
  }
  if (TEXT_FIELDS.has(form.field)) {
    const edit = editLine(textOf(form, form.field), keypress);
    if (edit.kind === 'change') change(editText(form, edit.text));
    else if (edit.kind === 'submit') submitForm(model, form, launch);
    else if (edit.kind === 'cancel') model.dispatch({ type: 'overlay.close' });
    else if (edit.kind === 'move') change(form.field === 'image' ? pickRecentImage(form, edit.delta) : moveField(form, edit.delta));
    return;
  }
  if (key.return) submitForm(model, form, launch);
  else if (key.escape) model.dispatch({ type: 'overlay.close' });
  else if (key.upArrow) change(moveField(form, -1));
  else if (key.downArrow) change(moveField(form, 1));
  else if (key.leftArrow) change(cycleChoice(form, -1));
  else if (key.rightArrow || input === ' ') change(cycleChoice(form, 1));
}

/** The waiting panel: Esc stops waiting (or closes after a failure); a second `d` is refused. */
export function debugProgressKey(model: ExplorerModel, overlay: Extract<Overlay, { kind: 'debugProgress' }>, { input, key }: Keypress, launch: DebugLaunch): void {
  if (key.escape) launch.stop();
  else if (input === 'd' && !key.ctrl && overlay.error === null) model.dispatch({ type: 'message.show', message: { text: ALREADY_LAUNCHING, level: 'warning' } });
}
