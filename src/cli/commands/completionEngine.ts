import type { CommandSpec, OptionSpec } from './completionSpec.js';

export interface Candidate {
  value: string;
  describe?: string;
}

/** Values that only the kubeconfig, the cluster, the state directory or the file system know. */
export type ValueSource = 'namespaces' | 'pods' | 'containers' | 'contexts' | 'images' | 'files' | 'directories';

/** The cluster flags typed so far: a lookup asks the cluster they name. */
export interface ClusterChoice {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  demo: boolean;
}

export type CompletionRequest =
  | { kind: 'candidates'; candidates: Candidate[] }
  | {
      kind: 'lookup';
      source: ValueSource;
      cluster: ClusterChoice;
      /** For containers: the pod named on the line. */
      pod?: string;
      /** What is typed of the value so far. */
      current: string;
      /** Put before each value: `--namespace=` when the flag and its value are one word. */
      prefix: string;
    };

/** Which flag values come from where; any other flag's value is free text (nothing offered). */
const OPTION_SOURCES: Readonly<Record<string, ValueSource>> = {
  namespace: 'namespaces',
  context: 'contexts',
  kubeconfig: 'files',
  'write-kubeconfig': 'files',
  record: 'directories',
  container: 'containers',
  image: 'images',
};

const POSITIONAL_SOURCES: Readonly<Record<string, ValueSource>> = { pod: 'pods' };

function findOption(command: CommandSpec, word: string): OptionSpec | undefined {
  const name = word.replace(/^--?/, '');
  const long = word.startsWith('--');
  return command.options.find((option) => (long ? option.name === name || option.name === name.replace(/^no-/, '') : option.aliases.includes(name)));
}

function filtered(candidates: readonly Candidate[], current: string): Candidate[] {
  return candidates.filter((candidate) => candidate.value.startsWith(current));
}

interface LineState {
  command: CommandSpec;
  commandChosen: boolean;
  positionals: string[];
  given: Map<string, string | true>;
  afterDashDash: boolean;
  /** The option whose value the current word is, if any. */
  pendingValue?: OptionSpec;
}

/** Reads the words before the current one: the command, the flags given (with values), the positionals. */
function readLine(specs: readonly CommandSpec[], words: readonly string[]): LineState {
  const root = specs.find((spec) => spec.name === '');
  if (root === undefined) throw new Error('completion needs the default command');
  const state: LineState = { command: root, commandChosen: false, positionals: [], given: new Map(), afterDashDash: false };
  const last = words.length - 1;
  for (let i = 0; i < last; i++) {
    const word = words[i] ?? '';
    if (state.afterDashDash) continue;
    if (word === '--') {
      state.afterDashDash = true;
      continue;
    }
    if (word.startsWith('-') && word !== '-') {
      const [flag = word, inline] = word.split(/=(.*)/s, 2);
      const option = findOption(state.command, flag);
      if (option === undefined) continue;
      if (!option.takesValue) {
        state.given.set(option.name, true);
        continue;
      }
      if (inline !== undefined) {
        state.given.set(option.name, inline);
        continue;
      }
      // bash splits `-n=shop` into `-n`, `=`, `shop`.
      const valueAt = words[i + 1] === '=' ? i + 2 : i + 1;
      if (valueAt >= last) {
        state.pendingValue = option;
        break;
      }
      state.given.set(option.name, words[valueAt] ?? '');
      i = valueAt;
      continue;
    }
    const command = specs.find((spec) => spec.name !== '' && spec.name === word);
    if (!state.commandChosen && state.positionals.length === 0 && command !== undefined) {
      state.command = command;
      state.commandChosen = true;
    } else state.positionals.push(word);
  }
  return state;
}

function clusterChoice(given: ReadonlyMap<string, string | true>): ClusterChoice {
  const text = (name: string): string | undefined => {
    const value = given.get(name);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  return { kubeconfig: text('kubeconfig'), context: text('context'), namespace: text('namespace'), demo: given.get('demo') === true };
}

function valueRequest(option: OptionSpec, state: LineState, current: string, prefix: string): CompletionRequest {
  if (option.choices !== undefined) return { kind: 'candidates', candidates: filtered(option.choices.map((value) => ({ value: prefix + value })), prefix + current) };
  const source = OPTION_SOURCES[option.name];
  if (source === undefined) return { kind: 'candidates', candidates: [] };
  return { kind: 'lookup', source, cluster: clusterChoice(state.given), pod: state.positionals[0], current, prefix };
}

function optionCandidates(state: LineState, current: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const option of state.command.options) {
    if (state.given.has(option.name)) continue;
    candidates.push({ value: `--${option.name}`, describe: option.describe });
    // Short flags are offered once the word is a lone dash or a short flag being typed.
    if (!current.startsWith('--')) for (const alias of option.aliases.filter((a) => a.length === 1)) candidates.push({ value: `-${alias}`, describe: option.describe });
  }
  return filtered(candidates, current);
}

/**
 * What to offer for the last word of `words` (the words after `podscope`; the last one is being
 * typed, possibly ''). Pure: lookups are described, not made.
 */
export function completionRequest(specs: readonly CommandSpec[], words: readonly string[]): CompletionRequest {
  const state = readLine(specs, words.length === 0 ? [''] : words);
  let current = words.at(-1) ?? '';
  if (state.pendingValue !== undefined) return valueRequest(state.pendingValue, state, current === '=' ? '' : current, '');
  if (state.afterDashDash) return { kind: 'candidates', candidates: [] };
  if (current.startsWith('-')) {
    const equals = current.indexOf('=');
    if (equals > 0) {
      const option = findOption(state.command, current.slice(0, equals));
      if (option === undefined || !option.takesValue) return { kind: 'candidates', candidates: [] };
      return valueRequest(option, state, current.slice(equals + 1), current.slice(0, equals + 1));
    }
    return { kind: 'candidates', candidates: optionCandidates(state, current) };
  }
  if (!state.commandChosen && state.positionals.length === 0 && state.command.positionals.length === 0) {
    const commands = specs.filter((spec) => spec.name !== '').map((spec) => ({ value: spec.name, describe: spec.describe }));
    return { kind: 'candidates', candidates: filtered(commands, current) };
  }
  const positional = state.command.positionals[state.positionals.length];
  if (positional === undefined) return { kind: 'candidates', candidates: [] };
  if (positional.choices !== undefined) return { kind: 'candidates', candidates: filtered(positional.choices.map((value) => ({ value })), current) };
  const source = POSITIONAL_SOURCES[positional.name];
  if (source === undefined) return { kind: 'candidates', candidates: [] };
  current = current === '=' ? '' : current;
  return { kind: 'lookup', source, cluster: clusterChoice(state.given), current, prefix: '' };
}
