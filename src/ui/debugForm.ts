import { cleanName, isPrintable, p, type Printable } from '../model/printable.js';
import type { DebugFormPreset, DebugRequest } from './services.js';

export const DEFAULT_DEBUG_IMAGE = 'busybox:1.36';
export const DEFAULT_DEBUG_COMMAND = 'sh';

export type DebugProfile = DebugRequest['profile'];
export const DEBUG_PROFILES: readonly DebugProfile[] = ['general', 'baseline', 'restricted', 'netadmin', 'sysadmin'];

/** '' leaves the pull policy to the server (IfNotPresent for a tagged image, Always for :latest). */
export type PullPolicyChoice = '' | NonNullable<DebugRequest['pullPolicy']>;
export const PULL_POLICIES: readonly PullPolicyChoice[] = ['', 'IfNotPresent', 'Always', 'Never'];

export type DebugFormField = 'image' | 'target' | 'profile' | 'command' | 'pullPolicy' | 'copyName' | 'deleteCopy';
/** The fields of the form for a running pod: an ephemeral container sharing a target's processes. */
export const DEBUG_FORM_FIELDS: readonly DebugFormField[] = ['image', 'target', 'profile', 'command', 'pullPolicy'];
/** The fields for a stopped pod, debugged in a copy: no target (the copy shares one process namespace). */
export const COPY_FORM_FIELDS: readonly DebugFormField[] = ['image', 'profile', 'command', 'pullPolicy', 'copyName', 'deleteCopy'];
/** Fields typed into; the others cycle through their choices. */
export const TEXT_FIELDS: ReadonlySet<DebugFormField> = new Set(['image', 'command', 'copyName']);

/** The copy a stopped pod is debugged in, as the form edits it. */
export interface CopyChoice {
  name: string;
  /** Delete the copy when the session ends: the TUI offers no other way to delete it. */
  deleteAfter: boolean;
}

/** The `d` form, kept in the UI state so it survives a remount like everything else. */
export interface DebugFormState {
  namespace: string;
  pod: string;
  field: DebugFormField;
  image: string;
  /** Images chosen before, most recent first; ↑/↓ on the image field walk them. */
  recentImages: readonly string[];
  /** -1: the typed image, not one of the recent ones. */
  recentIndex: number;
  /** The containers whose process namespace the debugger may share; '' shares none. */
  targets: readonly string[];
  target: string;
  profile: DebugProfile;
  command: string;
  pullPolicy: PullPolicyChoice;
  /** Set for a stopped pod: the debugger runs in a copy of it (the form's copy mode). */
  copy: CopyChoice | null;
}

export interface DebugFormDefaults {
  namespace: string;
  pod: string;
  targets: readonly string[];
  /** The selected container, else the pod's default one. */
  target: string | undefined;
  recentImages: readonly string[];
  /** The pod has stopped (Succeeded or Failed): ephemeral containers cannot start in it. */
  stopped?: boolean;
  /** From the config file: the image, profile and pull policy to start with. */
  preset?: DebugFormPreset;
}

export function initialDebugForm(defaults: DebugFormDefaults): DebugFormState {
  const preset = defaults.preset ?? {};
  const recent = defaults.recentImages.filter((image) => image.trim() !== '');
  const image = preset.image ?? recent[0] ?? DEFAULT_DEBUG_IMAGE;
  const copy = defaults.stopped === true;
  const target = copy ? '' : defaults.target !== undefined && defaults.targets.includes(defaults.target) ? defaults.target : (defaults.targets[0] ?? '');
  return {
    namespace: defaults.namespace,
    pod: defaults.pod,
    field: 'image',
    image,
    recentImages: recent,
    recentIndex: recent.indexOf(image),
    targets: copy ? [] : ['', ...defaults.targets],
    target,
    profile: preset.profile ?? 'general',
    command: DEFAULT_DEBUG_COMMAND,
    pullPolicy: preset.pullPolicy ?? '',
    copy: copy ? { name: `${defaults.pod}-debug`, deleteAfter: true } : null,
  };
}

/** The form's title: which pod, and which container the debugger joins (or that a copy is debugged). */
export function debugFormTitle(form: DebugFormState, separator: Printable): Printable {
  const pod = p`${cleanName(form.namespace)}/${cleanName(form.pod)}`;
  if (form.copy !== null) return p`Debug ${pod} ${separator} debug a copy of the stopped pod`;
  const target = form.target === '' ? p`no target` : p`target ${cleanName(form.target)}`;
  return p`Debug ${pod} ${separator} ${target} ${separator} add an ephemeral container`;
}

/** Said first on the form for a running pod: what Enter does cannot be undone. */
export function permanenceWarning(form: DebugFormState): Printable | undefined {
  if (form.copy !== null) return undefined;
  return p`It cannot be removed once added: it stays until ${cleanName(form.pod)} is deleted.`;
}

/** The fields the form shows, in Tab order. */
export function formFields(form: DebugFormState): readonly DebugFormField[] {
  return form.copy === null ? DEBUG_FORM_FIELDS : COPY_FORM_FIELDS;
}

/** What a text field holds ('' for a choice field). */
export function textOf(form: DebugFormState, field: DebugFormField): string {
  if (field === 'image') return form.image;
  if (field === 'command') return form.command;
  if (field === 'copyName') return form.copy?.name ?? '';
  return '';
}

function step<T>(items: readonly T[], current: T, delta: number): T {
  if (items.length === 0) return current;
  const at = Math.max(0, items.indexOf(current));
  return items[(at + delta + items.length) % items.length] ?? current;
}

export function moveField(form: DebugFormState, delta: number): DebugFormState {
  return { ...form, field: step(formFields(form), form.field, delta) };
}

/** ←/→/Space on a choice field. */
export function cycleChoice(form: DebugFormState, delta: number): DebugFormState {
  switch (form.field) {
    case 'target':
      return { ...form, target: step(form.targets, form.target, delta) };
    case 'profile':
      return { ...form, profile: step(DEBUG_PROFILES, form.profile, delta) };
    case 'pullPolicy':
      return { ...form, pullPolicy: step(PULL_POLICIES, form.pullPolicy, delta) };
    case 'deleteCopy':
      return form.copy === null ? form : { ...form, copy: { ...form.copy, deleteAfter: !form.copy.deleteAfter } };
    default:
      return form;
  }
}

/** ↑/↓ on the image field: the next or previous remembered image. */
export function pickRecentImage(form: DebugFormState, delta: number): DebugFormState {
  if (form.recentImages.length === 0) return form;
  const index = Math.min(Math.max(form.recentIndex + delta, 0), form.recentImages.length - 1);
  return { ...form, recentIndex: index, image: form.recentImages[index] ?? form.image };
}

export function editText(form: DebugFormState, text: string): DebugFormState {
  if (form.field === 'image') return { ...form, image: text, recentIndex: form.recentImages.indexOf(text) };
  if (form.field === 'command') return { ...form, command: text };
  if (form.field === 'copyName' && form.copy !== null) return { ...form, copy: { ...form.copy, name: text } };
  return form;
}

/** A pod name the API server accepts: an RFC 1123 subdomain. */
const POD_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_POD_NAME = 253;

function copyNameProblem(name: string, pod: string): string | undefined {
  if (name === '') return 'the copy needs a name';
  if (name === pod) return `the copy needs a name other than ${pod}'s own`;
  if (name.length > MAX_POD_NAME || !POD_NAME.test(name)) return `"${name}" is not a valid pod name (lower-case letters, digits, '-' and '.')`;
  return undefined;
}

/**
 * What is wrong with an image reference, or undefined. A control or invisible character (pasted,
 * or in a config file) would reach the API server and the audit log; a space is never part of one.
 */
export function imageProblem(image: string): string | undefined {
  if (image === '') return 'the debug container needs an image';
  if (!isPrintable(image)) return `the image "${image}" holds a control character`;
  if (/\s/.test(image)) return `the image "${image}" holds a space`;
  return undefined;
}

/** The form as a request, or the one line saying what is missing. */
export function debugRequestOf(form: DebugFormState): DebugRequest | { error: string } {
  const image = form.image.trim();
  const problem = imageProblem(image);
  if (problem !== undefined) return { error: problem };
  const request: DebugRequest = {
    namespace: form.namespace,
    pod: form.pod,
    image,
    profile: form.profile,
    command: form.command.trim() === '' ? [] : form.command.trim().split(/\s+/),
  };
  if (form.pullPolicy !== '') request.pullPolicy = form.pullPolicy;
  if (form.copy !== null) {
    const name = form.copy.name.trim();
    const copyProblem = copyNameProblem(name, form.pod);
    if (copyProblem !== undefined) return { error: copyProblem };
    request.copy = { name, deleteAfter: form.copy.deleteAfter };
  } else if (form.target !== '') {
    request.target = form.target;
  }
  return request;
}
