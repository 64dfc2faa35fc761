import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { DEFAULT_LOG_LIMITS, DEFAULT_TAIL_LINES } from '../../model/logView.js';
import { connectFromOptions } from '../connect.js';
import { withClusterOptions, type ClusterArgs } from '../options.js';
import { ensureWritableDirectory, SessionFilesError } from '../../audit/sessionFiles.js';
import { UserError } from '../userError.js';

type TuiArgs = ClusterArgs & { readonly: boolean; record?: string; 'log-tail': number; 'log-max-lines': number; 'log-max-bytes': number };

export const tuiCommand: CommandModule<object, TuiArgs> = {
  command: '$0',
  describe: 'Open the interactive pod explorer',
  builder: (yargs: Argv): Argv<TuiArgs> =>
    withClusterOptions(yargs)
      .option('readonly', {
        type: 'boolean',
        default: false,
        describe: 'Hide every key that changes anything (debug, attach, shell)',
      })
      .option('record', { type: 'string', describe: 'Save every debug, attach and shell session as an asciicast v2 file in this directory' })
      .option('log-tail', { type: 'number', default: DEFAULT_TAIL_LINES, describe: 'Log view: lines of history to load when it opens' })
      .option('log-max-lines', { type: 'number', default: DEFAULT_LOG_LIMITS.maxLines, describe: 'Log view: lines kept in memory (older ones are counted, then dropped)' })
      .option('log-max-bytes', { type: 'number', default: DEFAULT_LOG_LIMITS.maxBytes, describe: 'Log view: bytes kept in memory' }),
  handler: async (args: ArgumentsCamelCase<TuiArgs>) => {
    // --record is checked before anything else: a session must not start unrecorded when recording was asked for.
    if (args.record !== undefined) {
      try {
        await ensureWritableDirectory(args.record, 'recordings (--record)');
      } catch (error) {
        throw error instanceof SessionFilesError ? new UserError(error.message) : error;
      }
    }
    // Connect first: a wrong kubeconfig or an unreachable server is the more useful message.
    const connection = await connectFromOptions(args);
    if (!process.stdin.isTTY || !process.stdout.isTTY) {
      await connection.close();
      throw new UserError('the explorer needs a terminal; for scripts use: podscope tree|events|logs|debug POD (see --help)');
    }
    // Ink and React are loaded only for the explorer, not for --help or the script commands.
    const { runTui } = await import('../tui/runTui.js');
    await runTui(connection, {
      allNamespaces: args.allNamespaces,
      readonly: args.readonly,
      recordDir: args.record,
      logs: { tailLines: args.logTail, limits: { maxLines: args.logMaxLines, maxBytes: args.logMaxBytes } },
    });
  },
};
