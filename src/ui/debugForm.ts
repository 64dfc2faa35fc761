import type { DebugRequest } from './services.js';

export const DEFAULT_DEBUG_IMAGE = 'busybox:1.36';
export const DEFAULT_DEBUG_COMMAND = 'sh';

export type DebugProfile = DebugRequest['profile'];
export const DEBUG_PROFILES: readonly DebugProfile[] = ['general', 'baseline', 'restricted', 'netadmin', 'sysadmin'];

/** '' leaves the pull policy to the server (IfNotPresent for a tagged image, Always for :latest). */
export type PullPolicyChoice = '' | NonNullable<DebugRequest['pullPolicy']>;
export const PULL_POLICIES: readonly PullPolicyChoice[] = ['', 'IfNotPresent', 'Always', 'Never'];

export type DebugFormField = 'image' | 'target' | 'profile' | 'command' | 'pullPolicy';
export const DEBUG_FORM_FIELDS: readonly DebugFormField[] = ['image', 'target', 'profile', 'command', 'pullPolicy'];
/** Fields typed into; the others cycle through their choices. */
export const TEXT_FIELDS: ReadonlySet<DebugFormField> = new Set(['image', 'command']);

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
}

export interface DebugFormDefaults {
  namespace: string;
  pod: string;
  targets: readonly string[];
  /** The selected container, else the pod's default one. */
  target: string | undefined;
  recentImages: readonly string[];
}

export function initialDebugForm(defaults: DebugFormDefaults): DebugFormState {
  const recent = defaults.recentImages.filter((image) => image.trim() !== '');
  const target = defaults.target !== undefined && defaults.targets.includes(defaults.target) ? defaults.target : (defaults.targets[0] ?? '');
  return {
    namespace: defaults.namespace,
    pod: defaults.pod,
    field: 'image',
    image: recent[0] ?? DEFAULT_DEBUG_IMAGE,
    recentImages: recent,
    recentIndex: recent.length > 0 ? 0 : -1,
    targets: ['', ...defaults.targets],
    target,
    profile: 'general',
    command: DEFAULT_DEBUG_COMMAND,
    pullPolicy: '',
  };
}

function step<T>(items: readonly T[], current: T, delta: number): T {
  if (items.length === 0) return current;
  const at = Math.max(0, items.indexOf(current));
  return items[(at + delta + items.length) % items.length] ?? current;
}

export function moveField(form: DebugFormState, delta: number): DebugFormState {
  return { ...form, field: step(DEBUG_FORM_FIELDS, form.field, delta) };
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
  return form;
}

/** The form as a request, or the one line saying what is missing. */
export function debugRequestOf(form: DebugFormState): DebugRequest | { error: string } {
  const image = form.image.trim();
  if (image === '') return { error: 'the debug container needs an image' };
  const request: DebugRequest = {
    namespace: form.namespace,
    pod: form.pod,
    image,
    profile: form.profile,
    command: form.command.trim() === '' ? [] : form.command.trim().split(/\s+/),
  };
  if (form.target !== '') request.target = form.target;
  if (form.pullPolicy !== '') request.pullPolicy = form.pullPolicy;
  return request;
}
