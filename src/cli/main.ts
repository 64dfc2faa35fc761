import yargs, { type Argv, type CommandModule } from 'yargs';
import { COMPLETE_COMMAND, completionCommand, completionLines } from './commands/completion.js';
import { configCommand } from './commands/config.js';
import { debugCommand } from './commands/debug.js';
import { deleteCommand } from './commands/delete.js';
import { describeCommand } from './commands/describe.js';
import { getCommand } from './commands/get.js';
import { portForwardCommand } from './commands/portForward.js';
import { stopHoldingKeys } from './earlyKeys.js';
import { demoServerCommand } from './commands/demoServer.js';
import { eventsCommand } from './commands/events.js';
import { logsCommand } from './commands/logs.js';
import { treeCommand } from './commands/tree.js';
import { whyCommand } from './commands/why.js';
import { tuiCommand } from './commands/tui.js';
import { exitQuietlyOnClosedPipe } from './closedPipe.js';
import { clean, p } from '../model/printable.js';
import { cliOutput } from './output.js';
import { UserError } from './userError.js';
import { packageVersion } from './version.js';

/**
 * `--version` belongs to podscope itself: without this every subcommand's --help would list it
 * (and `podscope tree --version` would print the version instead of saying the flag is unknown).
 */
function subcommand<U>(module: CommandModule<object, U>): CommandModule<object, U> {
  const { builder } = module;
  if (typeof builder !== 'function') return module;
  return { ...module, builder: (y: Argv) => (builder(y) as Argv<U>).version(false) };
}

/** Builds the command line; separate from main() so tests can parse without exiting the process. */
export function buildCli(argv: string[]) {
  return yargs(argv)
    .scriptName('podscope')
    .usage('$0 [command] [options]\n\nExplore Kubernetes pods and debug them with ephemeral containers.')
    .command(tuiCommand)
    .command(subcommand(treeCommand))
    .command(subcommand(whyCommand))
    .command(subcommand(eventsCommand))
    .command(subcommand(debugCommand))
    .command(subcommand(logsCommand))
    .command(subcommand(describeCommand))
    .command(subcommand(getCommand))
    .command(subcommand(deleteCommand))
    .command(subcommand(portForwardCommand))
    .command(subcommand(demoServerCommand))
    .command(subcommand(configCommand))
    .command(subcommand(completionCommand))
    // Told here too, so that in `podscope --demo tree web` the parser knows --demo takes no value
    // and finds the command after it; each command still declares (and documents) its own flags.
    .option('demo', { type: 'boolean', global: false })
    .strict()
    .version(packageVersion())
    .alias('version', 'v')
    .help()
    .alias('help', 'h')
    .wrap(Math.min(100, process.stdout.columns || 80))
    .fail((message, error) => {
      throw error instanceof Error ? error : new UserError(message);
    });
}

/** What shell completion knows the commands and flags from: the same modules yargs runs. */
export const COMPLETED_COMMANDS = [tuiCommand, treeCommand, whyCommand, eventsCommand, debugCommand, logsCommand, demoServerCommand, configCommand];

export async function main(argv: string[]): Promise<void> {
  exitQuietlyOnClosedPipe();
  // Completion runs on every Tab: it reads the builders without parsing and never prints an error.
  if (argv[0] === COMPLETE_COMMAND) {
    cliOutput().candidates(await completionLines(COMPLETED_COMMANDS, argv.slice(1)));
    // The answer is out (stdout to a pipe is written synchronously): a lookup still waiting, a
    // credential plugin that ignores SIGTERM, must not keep the shell's Tab waiting.
    process.exit(0);
  }
  try {
    await buildCli(argv).parseAsync();
  } catch (error) {
    stopHoldingKeys();
    // Error lines often carry the server's words (a Status message) or a kubeconfig's names: cleaned.
    cliOutput().error(p`podscope: ${clean(oneLine(error))}`);
    process.exitCode = 1;
  } finally {
    stopHoldingKeys();
  }
}

function oneLine(error: unknown): string {
  if (error instanceof UserError) return error.message;
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
