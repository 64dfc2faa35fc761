import type { Argv } from 'yargs';

/** One flag as a command's builder declares it. */
export interface OptionSpec {
  name: string;
  aliases: readonly string[];
  /** False for booleans: the next word is not this flag's value. */
  takesValue: boolean;
  choices?: readonly string[];
  describe?: string;
}

export interface PositionalSpec {
  name: string;
  choices?: readonly string[];
}

/** What completion knows of one command: read from the same builders yargs runs. */
export interface CommandSpec {
  /** '' for the default command (the explorer). */
  name: string;
  describe: string;
  positionals: readonly PositionalSpec[];
  options: readonly OptionSpec[];
}

/** The parts of a yargs CommandModule completion reads. */
export interface CommandModuleLike {
  command?: string | readonly string[];
  describe?: string | false;
  builder?: unknown;
}

interface OptionDeclaration {
  alias?: string | readonly string[];
  type?: string;
  choices?: readonly (string | number)[];
  describe?: string;
  hidden?: boolean;
}

function declaration(value: unknown): OptionDeclaration {
  return typeof value === 'object' && value !== null ? (value as OptionDeclaration) : {};
}

function list(value: string | readonly string[] | undefined): string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

/**
 * Runs a command's builder against a recorder instead of yargs: every `.option()` and
 * `.positional()` is noted, every other call returns the recorder. The builders stay the one place
 * flags are declared, and completion pays for no argument parsing.
 */
export function commandSpec(module: CommandModuleLike): CommandSpec {
  const [usage = ''] = list(module.command);
  const words = usage.split(/\s+/);
  const name = words[0] === '$0' ? '' : (words[0] ?? '');
  const positionals: PositionalSpec[] = words.slice(1).flatMap((word) => {
    const match = /^[<[]([^\]>.]+)(?:\.\.\.)?[\]>]$/.exec(word);
    return match?.[1] === undefined ? [] : [{ name: match[1] }];
  });
  const options: OptionSpec[] = [];

  const recorder: object = new Proxy(
    {},
    {
      get:
        (_target, method) =>
        (...args: unknown[]): object => {
          const [key, value] = args;
          if (typeof key !== 'string') return recorder;
          const declared = declaration(value);
          const choices = declared.choices?.map(String);
          if (method === 'positional') {
            const positional = positionals.find((p) => p.name === key);
            if (positional !== undefined && choices !== undefined) positional.choices = choices;
          } else if ((method === 'option' || method === 'options') && declared.hidden !== true) {
            options.push({ name: key, aliases: list(declared.alias), takesValue: declared.type !== 'boolean' && declared.type !== 'count', choices, describe: declared.describe });
          }
          return recorder;
        },
    },
  );
  if (typeof module.builder === 'function') (module.builder as (yargs: Argv) => unknown)(recorder as Argv);
  options.push({ name: 'help', aliases: ['h'], takesValue: false, describe: 'Show help' });
  if (name === '') options.push({ name: 'version', aliases: ['v'], takesValue: false, describe: 'Show version number' });
  return { name, describe: typeof module.describe === 'string' ? module.describe : '', positionals, options };
}
