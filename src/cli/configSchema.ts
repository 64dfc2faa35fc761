import { DEBUG_PROFILES, DEFAULT_DEBUG_IMAGE, imageProblem, type DebugProfile } from '../ui/debugForm.js';
import { DEFAULT_LOG_LIMITS, DEFAULT_TAIL_LINES } from '../model/logDefaults.js';

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';
export const PULL_POLICIES: readonly PullPolicy[] = ['Always', 'IfNotPresent', 'Never'];

/** Every setting the config file holds, by its dotted path in the file. */
export interface SettingValues {
  'debug.image': string;
  'debug.profile': DebugProfile;
  /** undefined: the server's default (IfNotPresent for a tagged image, Always for :latest). */
  'debug.pullPolicy': PullPolicy | undefined;
  'logs.tail': number;
  'logs.maxLines': number;
  'logs.maxBytes': number;
  readonly: boolean;
}

export type SettingKey = keyof SettingValues;

export const DEFAULT_SETTINGS: Readonly<SettingValues> = {
  'debug.image': DEFAULT_DEBUG_IMAGE,
  'debug.profile': 'general',
  'debug.pullPolicy': undefined,
  'logs.tail': DEFAULT_TAIL_LINES,
  'logs.maxLines': DEFAULT_LOG_LIMITS.maxLines,
  'logs.maxBytes': DEFAULT_LOG_LIMITS.maxBytes,
  readonly: false,
};

/** The command-line flag that overrides each setting (flags win over the file). */
export const SETTING_FLAGS: Readonly<Record<SettingKey, string>> = {
  'debug.image': '--image',
  'debug.profile': '--profile',
  'debug.pullPolicy': '--image-pull-policy',
  'logs.tail': '--log-tail',
  'logs.maxLines': '--log-max-lines',
  'logs.maxBytes': '--log-max-bytes',
  readonly: '--readonly',
};

/** A parsed value, or why the text is not one (the reason completes "debug.image must be …"). */
export type Parsed<T> = { value: T } | { problem: string };

/** How a setting's YAML value is read: YAML already typed it (string, number, boolean). */
type Reader<T> = (raw: unknown) => Parsed<T>;

const readImage: Reader<string> = (raw) =>
  typeof raw === 'string' && imageProblem(raw) === undefined ? { value: raw } : { problem: 'an image reference such as busybox:1.36 or registry.example/tools/busybox:1.36 (no space or control character)' };

function readChoice<T extends string>(choices: readonly T[]): Reader<T> {
  return (raw) => (typeof raw === 'string' && (choices as readonly string[]).includes(raw) ? { value: raw as T } : { problem: `one of ${choices.join(', ')}` });
}

function readCount(min: number): Reader<number> {
  return (raw) => (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= min ? { value: raw } : { problem: `a whole number of at least ${min}` });
}

const BYTE_UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1000,
  kb: 1000,
  m: 1000 ** 2,
  mb: 1000 ** 2,
  g: 1000 ** 3,
  gb: 1000 ** 3,
  ki: 1024,
  kib: 1024,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
};

/** 1 MiB is the smallest buffer that holds more than a screen of long lines. */
const MIN_LOG_BYTES = 1024 * 1024;

/** A byte count: 33554432, "32MiB", "32Mi", "500MB" (Ki/Mi/Gi are powers of 1024, k/M/G of 1000). */
export function parseByteSize(raw: unknown): Parsed<number> {
  const problem = { problem: `a size of at least 1MiB, such as 33554432, 32MiB or 500MB` };
  let bytes: number | undefined;
  if (typeof raw === 'number') bytes = raw;
  else if (typeof raw === 'string') {
    const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(raw.trim());
    const unit = BYTE_UNITS[(match?.[2] ?? '').toLowerCase()];
    if (match !== null && unit !== undefined) bytes = Math.round(Number(match[1]) * unit);
  }
  return bytes !== undefined && Number.isSafeInteger(bytes) && bytes >= MIN_LOG_BYTES ? { value: bytes } : problem;
}

const readBoolean: Reader<boolean> = (raw) => (typeof raw === 'boolean' ? { value: raw } : { problem: 'true or false' });

export const SETTING_READERS: { readonly [K in SettingKey]: Reader<SettingValues[K]> } = {
  'debug.image': readImage,
  'debug.profile': readChoice(DEBUG_PROFILES),
  'debug.pullPolicy': readChoice(PULL_POLICIES),
  'logs.tail': readCount(0),
  'logs.maxLines': readCount(100),
  'logs.maxBytes': parseByteSize,
  readonly: readBoolean,
};

/** The keys each section of the file may hold, in the order the README and `podscope config` list them. */
export const SECTIONS: Readonly<Record<'debug' | 'logs', readonly string[]>> = {
  debug: ['image', 'profile', 'pullPolicy'],
  logs: ['tail', 'maxLines', 'maxBytes'],
};

export const SETTING_KEYS: readonly SettingKey[] = Object.keys(DEFAULT_SETTINGS) as SettingKey[];
