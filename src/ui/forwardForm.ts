import type { Pod } from '../model/apiObjects.js';
import { declaredPorts } from '../model/portSpecs.js';
import type { PodRef } from './services.js';

export interface FormPort {
  port: number;
  /** `8080/TCP http (web)` */
  label: string;
}

/** `F`: which container port to forward (one of the declared ones, or typed) and from which local port. */
export interface ForwardFormState {
  pod: PodRef;
  ports: readonly FormPort[];
  /** Index into `ports`; `ports.length` is the "type a port" line. */
  choice: number;
  typedRemote: string;
  /** The local port as typed; '' follows the remote port. */
  local: string;
  field: 'remote' | 'local';
}

export function initialForwardForm(pod: Pod): ForwardFormState {
  const ports = declaredPorts(pod)
    .filter((port) => port.protocol !== 'UDP')
    .map((port) => ({ port: port.port, label: `${port.port}/${port.protocol}${port.name === undefined ? '' : ` ${port.name}`} (${port.container})` }));
  return {
    pod: { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid },
    ports,
    choice: 0,
    typedRemote: '',
    local: '',
    field: 'remote',
  };
}

/** The remote port the form names, if it is a valid one. */
export function formRemotePort(form: ForwardFormState): number | undefined {
  const text = form.choice < form.ports.length ? String(form.ports[form.choice]?.port ?? '') : form.typedRemote;
  const port = Number(text);
  return /^\d+$/.test(text) && port >= 1 && port <= 65535 ? port : undefined;
}

/** What to submit, or the one line that says what is wrong. `local` undefined: the same as the remote port, else a free one. */
export function forwardRequestOf(form: ForwardFormState): { remote: number; local: number | undefined } | { error: string } {
  const remote = formRemotePort(form);
  if (remote === undefined) return { error: form.choice < form.ports.length ? 'choose a port' : 'type a port between 1 and 65535' };
  if (form.local === '') return { remote, local: undefined };
  const local = Number(form.local);
  if (!/^\d+$/.test(form.local) || local > 65535) return { error: 'the local port is a number between 0 (any free port) and 65535' };
  return { remote, local };
}

/** A keypress in the form: moves, edits the focused field, switches fields. */
export function editForwardForm(form: ForwardFormState, edit: { move?: number; type?: string; erase?: boolean; toggleField?: boolean }): ForwardFormState {
  if (edit.toggleField === true) return { ...form, field: form.field === 'remote' ? 'local' : 'remote' };
  if (edit.move !== undefined && form.field === 'remote') return { ...form, choice: Math.max(0, Math.min(form.ports.length, form.choice + edit.move)) };
  const digits = (edit.type ?? '').replace(/\D/g, '');
  const editing = form.field === 'local' ? form.local : form.choice === form.ports.length ? form.typedRemote : undefined;
  if (editing === undefined) {
    // Typing a number on the list: it is a port to type.
    if (digits === '') return form;
    return { ...form, choice: form.ports.length, typedRemote: digits.slice(0, 5) };
  }
  const next = edit.erase === true ? editing.slice(0, -1) : (editing + digits).slice(0, 5);
  return form.field === 'local' ? { ...form, local: next } : { ...form, typedRemote: next };
}
