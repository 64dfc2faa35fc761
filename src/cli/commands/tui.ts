import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { connectFromOptions } from '../connect.js';
import { withClusterOptions, type ClusterArgs } from '../options.js';
import { runTui } from '../tui/runTui.js';
import { UserError } from '../userError.js';

type TuiArgs = ClusterArgs & { readonly: boolean };

export const tuiCommand: CommandModule<object, TuiArgs> = {
  command: '$0',
  describe: 'Open the interactive pod explorer',
  builder: (yargs: Argv): Argv<TuiArgs> =>
    withClusterOptions(yargs).option('readonly', {
      type: 'boolean',
      default: false,
      describe: 'Hide every key that changes anything (debug, shell, delete)',
    }),
  handler: async (args: ArgumentsCamelCase<TuiArgs>) => {
    // Connect first: a wrong kubeconfig or an unreachable server is the more useful message.
    const connection = await connectFromOptions(args);
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      await connection.close();
      throw new UserError('the explorer needs a terminal; for scripts use: podscope tree|events|logs|debug POD (see --help)');
    }
    await runTui(connection, { allNamespaces: args.allNamespaces, readonly: args.readonly });
  },
};
