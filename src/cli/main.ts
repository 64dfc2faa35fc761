import yargs from 'yargs';
import { debugCommand } from './commands/debug.js';
import { demoServerCommand } from './commands/demoServer.js';
import { eventsCommand } from './commands/events.js';
import { logsCommand } from './commands/logs.js';
import { treeCommand } from './commands/tree.js';
import { tuiCommand } from './commands/tui.js';
import { exitQuietlyOnClosedPipe } from './closedPipe.js';
import { UserError } from './userError.js';
import { packageVersion } from './version.js';

/** Builds the command line; separate from main() so tests can parse without exiting the process. */
export function buildCli(argv: string[]) {
  return yargs(argv)
    .scriptName('podscope')
    .usage('$0 [command] [options]\n\nExplore Kubernetes pods and debug them with ephemeral containers.')
    .command(tuiCommand)
    .command(treeCommand)
    .command(eventsCommand)
    .command(debugCommand)
    .command(logsCommand)
    .command(demoServerCommand)
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

export async function main(argv: string[]): Promise<void> {
  exitQuietlyOnClosedPipe();
  try {
    await buildCli(argv).parseAsync();
  } catch (error) {
    process.stderr.write(`podscope: ${oneLine(error)}\n`);
    process.exitCode = 1;
  }
}

function oneLine(error: unknown): string {
  if (error instanceof UserError) return error.message;
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
