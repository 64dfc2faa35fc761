import type { ConfigFile, ConfigLayer } from './configFile.js';
import { UserError } from './userError.js';
import { DEFAULT_SETTINGS, SETTING_FLAGS, SETTING_KEYS, type SettingKey, type SettingValues } from './configSchema.js';

/** Where an effective value came from: the built-in default, a line of the file, or a flag. */
export type Origin =
  | { kind: 'default' }
  | { kind: 'file'; path: string; line: number; /** '' for the top level, else the contexts entry's name or pattern. */ context: string }
  | { kind: 'flag'; flag: string };

export type Effective = { [K in SettingKey]: { value: SettingValues[K]; origin: Origin } };

/** The flags given on the command line (undefined: not given), by the setting they override. */
export type FlagValues = { [K in SettingKey]?: SettingValues[K] };

/** `*` matches any run of characters; everything else literally. */
export function contextMatches(pattern: string, contextName: string): boolean {
  if (!pattern.includes('*')) return pattern === contextName;
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's').test(contextName);
}

/**
 * The settings for one context: built-in defaults, then the file's top level, then every
 * `contexts` entry that matches the context name, the most specific last: patterns by how much of
 * them is literal (`prod-eu-*` refines `prod-*` wherever it is written; equal ones in file order),
 * then the exact name. Then the flags given on the command line (`--readonly`, `--readonly=false`),
 * which win over any of the file. Each value says where it came from.
 */
export function effectiveSettings(file: ConfigFile | undefined, contextName: string | undefined, flags: FlagValues = {}): Effective {
  const effective = Object.fromEntries(SETTING_KEYS.map((key) => [key, { value: DEFAULT_SETTINGS[key], origin: { kind: 'default' } }])) as Effective;
  const set = (layer: ConfigLayer, context: string): void => {
    for (const key of SETTING_KEYS) {
      const located = layer[key];
      if (located !== undefined && file !== undefined) assign(effective, key, located.value, { kind: 'file', path: file.path, line: located.line, context });
    }
  };
  if (file !== undefined) {
    set(file.base, '');
    if (contextName !== undefined) {
      const matching = file.contexts.filter((entry) => contextMatches(entry.pattern, contextName));
      const literal = (pattern: string): number => pattern.replaceAll('*', '').length;
      const patterns = matching.filter((entry) => entry.pattern.includes('*')).sort((a, b) => literal(a.pattern) - literal(b.pattern));
      const ordered = [...patterns, ...matching.filter((entry) => !entry.pattern.includes('*'))];
      for (const entry of ordered) set(entry.layer, entry.pattern);
    }
  }
  for (const key of SETTING_KEYS) {
    const value = flags[key];
    if (value !== undefined) assign(effective, key, value, { kind: 'flag', flag: SETTING_FLAGS[key] });
  }
  return effective;
}

function assign<K extends SettingKey>(effective: Effective, key: K, value: SettingValues[K], origin: Origin): void {
  (effective as Record<SettingKey, { value: unknown; origin: Origin }>)[key] = { value, origin };
}

/** The values alone. */
export function settingValues(effective: Effective): SettingValues {
  return Object.fromEntries(SETTING_KEYS.map((key) => [key, effective[key].value])) as unknown as SettingValues;
}

/** "default", "flag --image", "~/.config/podscope/config.yaml:12 (contexts.prod-*)". */
export function originText(origin: Origin, home?: string): string {
  switch (origin.kind) {
    case 'default':
      return 'default';
    case 'flag':
      return `flag ${origin.flag}`;
    case 'file': {
      const path = home !== undefined && home !== '' && origin.path.startsWith(home + '/') ? `~${origin.path.slice(home.length)}` : origin.path;
      return `${path}:${origin.line}${origin.context === '' ? '' : ` (contexts.${origin.context})`}`;
    }
  }
}

/** Reads the config file for a command that uses it; a broken file is the first problem, as one line. */
export async function loadConfig(): Promise<ConfigFile | undefined> {
  const { configFilePath, ConfigFileError, readConfigText } = await import('./configLocation.js');
  try {
    const path = configFilePath();
    const text = path === undefined ? undefined : readConfigText(path);
    if (path === undefined || text === undefined) return undefined;
    // The YAML parser only when there is a file to parse.
    const { parseConfigText } = await import('./configFile.js');
    return parseConfigText(path, text);
  } catch (error) {
    if (error instanceof ConfigFileError) throw new UserError(error.message);
    throw error;
  }
}
