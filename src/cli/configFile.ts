import { isMap, isScalar, LineCounter, parseDocument, visit, type Node, type Pair, type YAMLMap } from 'yaml';
import { configFilePath, ConfigFileError, readConfigText, type ConfigProblem } from './configLocation.js';
import { SECTIONS, SETTING_READERS, type SettingKey, type SettingValues } from './configSchema.js';

export { configFilePath, ConfigFileError, formatProblem, readConfigText, type ConfigProblem } from './configLocation.js';

/** A value from the file and where it is written. */
export interface Located<T> {
  value: T;
  line: number;
}

/** The settings one part of the file sets (the top level, or one entry of `contexts`). */
export type ConfigLayer = { [K in SettingKey]?: Located<SettingValues[K]> };

export interface ContextEntry {
  /** A context name, or a pattern where `*` stands for any characters (`prod-*`, `arn:aws:eks:*`). */
  pattern: string;
  line: number;
  layer: ConfigLayer;
}

export interface ConfigFile {
  path: string;
  base: ConfigLayer;
  /** In file order: later entries win over earlier ones. */
  contexts: readonly ContextEntry[];
}

/**
 * Reads and validates the config file. A missing file is no error (undefined: built-in defaults);
 * a file that exists must be entirely right, since a setting silently ignored (`readonly` for a
 * production context) is worse than a refusal to start.
 */
export function readConfigFile(path: string | undefined = configFilePath()): ConfigFile | undefined {
  if (path === undefined) return undefined;
  const text = readConfigText(path);
  return text === undefined ? undefined : parseConfigText(path, text);
}

/** Parses config text; throws ConfigFileError listing every problem. Exported for tests. */
export function parseConfigText(path: string, text: string): ConfigFile {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const problems: ConfigProblem[] = [];
  const at = (node: Node | null | undefined): { line: number; column: number } => {
    const position = lines.linePos(node?.range?.[0] ?? 0);
    return { line: position.line, column: position.col };
  };
  const report = (node: Node | null | undefined, message: string): void => void problems.push({ ...at(node), message });

  for (const error of document.errors) {
    const position = lines.linePos(error.pos[0]);
    problems.push({ line: position.line, column: position.col, message: `not valid YAML: ${firstLine(error.message)}` });
  }
  // An alias (`*name`) or a merge key (`<<:`) would be read as the wrong thing and reported
  // confusingly further on: said plainly here, where it is written.
  if (problems.length === 0) {
    visit(document, {
      Alias: (_key, node) => void report(node, `YAML aliases (*${node.source}) are not supported in the config file: write the value out`),
      Pair: (_key, pair) => {
        if (isScalar(pair.key) && pair.key.value === '<<') report(pair.key, 'YAML merge keys (<<) are not supported in the config file: write the values out');
      },
    });
  }
  const file: { base: ConfigLayer; contexts: ContextEntry[] } = { base: {}, contexts: [] };
  if (problems.length === 0) readTopLevel(document.contents, file, report, at);
  if (problems.length > 0) throw new ConfigFileError(path, problems.sort((a, b) => a.line - b.line || a.column - b.column));
  return { path, ...file };
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).replace(/ at line \d+, column \d+:?$/, '');
}

type Report = (node: Node | null | undefined, message: string) => void;
type At = (node: Node | null | undefined) => { line: number; column: number };

const TOP_KEYS = ['debug', 'logs', 'readonly', 'contexts'];
const CONTEXT_KEYS = ['debug', 'logs', 'readonly'];

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

function keyNode(pair: Pair): Node | null {
  return isScalar(pair.key) ? pair.key : null;
}

function unknownKey(key: string, where: string, known: readonly string[]): string {
  return `unknown key "${key}" ${where} (known: ${known.join(', ')})`;
}

/**
 * The mapping a key holds. Nothing at all (an empty file, `debug:` with nothing under it) sets
 * nothing and is no problem; anything but a mapping is reported as `problem`.
 */
function mappingIn(node: Node | null, report: Report, problem: string): YAMLMap | undefined {
  if (node === null || (isScalar(node) && node.value === null)) return undefined;
  if (isMap(node)) return node;
  report(node, problem);
  return undefined;
}

function readTopLevel(contents: Node | null, file: { base: ConfigLayer; contexts: ContextEntry[] }, report: Report, at: At): void {
  const top = mappingIn(contents, report, 'the config file must be a mapping of settings (debug:, logs:, readonly:, contexts:)');
  for (const pair of top?.items ?? []) {
    const key = keyText(pair);
    if (key === 'contexts') readContexts(pair, file.contexts, report, at);
    else if (TOP_KEYS.includes(key)) readSetting(pair, '', file.base, report, at);
    else report(keyNode(pair), unknownKey(key, 'at the top level', TOP_KEYS));
  }
}

function readContexts(pair: Pair, contexts: ContextEntry[], report: Report, at: At): void {
  const value = pair.value as Node | null;
  const entries = mappingIn(value, report, 'contexts must map context names (or patterns with *) to their settings');
  for (const entry of entries?.items ?? []) {
    const pattern = keyText(entry);
    const layer: ConfigLayer = {};
    if (pattern === '') report(keyNode(entry) ?? value, 'a context entry needs a name');
    else {
      const settings = mappingIn(entry.value as Node | null, report, `contexts.${pattern} must be a mapping (debug:, logs:, readonly:)`);
      for (const item of settings?.items ?? []) {
        const key = keyText(item);
        if (CONTEXT_KEYS.includes(key)) readSetting(item, `contexts.${pattern}.`, layer, report, at);
        else report(keyNode(item), unknownKey(key, `in contexts.${pattern}`, CONTEXT_KEYS));
      }
    }
    contexts.push({ pattern, line: at(keyNode(entry)).line, layer });
  }
}

/** `readonly: true`, or a `debug:` / `logs:` section, into the layer. */
function readSetting(pair: Pair, prefix: string, layer: ConfigLayer, report: Report, at: At): void {
  const key = keyText(pair);
  if (key === 'readonly') {
    readValue('readonly', pair, prefix, layer, report, at);
    return;
  }
  const section = key as keyof typeof SECTIONS;
  const fields = mappingIn(pair.value as Node | null, report, `${prefix}${section} must be a mapping of ${SECTIONS[section].join(', ')}`);
  for (const item of fields?.items ?? []) {
    const field = keyText(item);
    if (!SECTIONS[section].includes(field)) report(keyNode(item), unknownKey(field, `in ${prefix}${section}`, SECTIONS[section]));
    else readValue(`${section}.${field}` as SettingKey, item, prefix, layer, report, at);
  }
}

function readValue<K extends SettingKey>(key: K, pair: Pair, prefix: string, layer: ConfigLayer, report: Report, at: At): void {
  const node = pair.value as Node | null;
  const raw: unknown = isScalar(node) ? node.value : node === null ? null : node.toJSON();
  const parsed = SETTING_READERS[key](raw);
  if ('problem' in parsed) {
    const shown = raw === null ? 'nothing' : JSON.stringify(raw);
    report(node ?? keyNode(pair), `${prefix}${key} must be ${parsed.problem}, not ${shown}`);
    return;
  }
  (layer as Record<SettingKey, Located<unknown>>)[key] = { value: parsed.value, line: at(node ?? keyNode(pair)).line };
}
