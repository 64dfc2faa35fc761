import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { DEFAULT_LOG_LIMITS, DEFAULT_TAIL_LINES } from '../../model/logDefaults.js';
import { effectiveSettings, loadConfig, settingValues, type FlagValues } from '../config.js';
import { SETTING_FLAGS, SETTING_READERS, type SettingValues } from '../configSchema.js';
import { connectFromOptions } from '../connect.js';
import { withClusterOptions, withDemoScaleOptions, type ClusterArgs, type ScaleArgs } from '../options.js';
import { ensureWritableDirectory, SessionFilesError } from '../../audit/sessionFiles.js';
import { UserError } from '../userError.js';
import type { ResourceStore } from '../../kube/resourceStore.js';
import type { Pod } from '../../model/apiObjects.js';
import type { PodScope } from '../../ui/services.js';
import type { ContextSettings } from '../tui/runTui.js';

type TuiArgs = ClusterArgs & ScaleArgs & { 'all-namespaces': boolean; readonly?: boolean; record?: string; 'log-tail'?: string; 'log-max-lines'?: string; 'log-max-bytes'?: string };

export const tuiCommand: CommandModule<object, TuiArgs> = {
  command: '$0',
  describe: 'Open the interactive pod explorer',
  builder: (yargs: Argv): Argv<TuiArgs> =>
    withDemoScaleOptions(withClusterOptions(yargs))
      .option('all-namespaces', { alias: 'A', type: 'boolean', default: false, describe: 'Show pods of all namespaces' })
      // No defaults here: an absent flag leaves the value to the config file (podscope config shows both).
      .option('readonly', {
        type: 'boolean',
        describe: "Hide every key that changes anything (debug, attach, shell, delete, kill); --no-readonly overrides the config file's readonly",
      })
      .option('record', { type: 'string', describe: 'Save every debug, attach and shell session as an asciicast v2 file in this directory' })
      // Strings taken as they are (nargs 1), so `--log-tail -5` and `--log-max-bytes 32MiB` reach the checks of logFlags.
      .option('log-tail', { type: 'string', nargs: 1, describe: `Log view: lines of history to load when it opens (default: ${DEFAULT_TAIL_LINES})` })
      .option('log-max-lines', { type: 'string', nargs: 1, describe: `Log view: lines kept in memory, older ones are counted, then dropped (default: ${DEFAULT_LOG_LIMITS.maxLines})` })
      .option('log-max-bytes', { type: 'string', nargs: 1, describe: `Log view: bytes kept in memory (default: ${DEFAULT_LOG_LIMITS.maxBytes}, 32 MiB)` }),
  handler: async (args: ArgumentsCamelCase<TuiArgs>) => {
    // Bad values are one line before anything else happens, as `podscope logs --tail` does.
    const logs = logFlags(args);
    // --record is checked before anything else: a session must not start unrecorded when recording was asked for.
    if (args.record !== undefined) {
      try {
        await ensureWritableDirectory(args.record, 'recordings (--record)');
      } catch (error) {
        throw error instanceof SessionFilesError ? new UserError(error.message) : error;
      }
    }
    const file = await loadConfig();
    const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
    // Ink and React are loaded only for the explorer, not for --help or the script commands; they
    // load while the connect checks wait for the server (a failed connect then loaded them for nothing).
    // After a turn of the event loop: in the bundle an import() is evaluated at once, on this thread,
    // and would otherwise run before the checks are even sent instead of while they are answered.
    const explorer = interactive ? new Promise<void>((resolve) => setImmediate(resolve)).then(() => import('../tui/runTui.js')) : undefined;
    explorer?.catch(() => undefined);
    // The first list goes out beside the connect check, while Ink and the explorer may still be
    // loading: its answer then arrives during that work instead of after it (runTui hands this store
    // to the first screen). A wrong kubeconfig or an unreachable server is still the message.
    let openedPods: { scope: PodScope; store: ResourceStore<Pod> } | undefined;
    const connection = await connectFromOptions(
      args,
      interactive
        ? {
            alongsideChecks: (session) => {
              const scope: PodScope = args.allNamespaces ? { allNamespaces: true } : { namespace: session.namespace };
              openedPods = { scope, store: session.podStore(scope) };
            },
          }
        : {},
    );
    const settingsFor = (contextName: string): ContextSettings => {
      const effective = effectiveSettings(file, contextName, {
        readonly: args.readonly,
        ...logs,
      });
      const settings = settingValues(effective);
      return {
        readonly: settings.readonly,
        logs: { tailLines: settings['logs.tail'], limits: { maxLines: settings['logs.maxLines'], maxBytes: settings['logs.maxBytes'] } },
        // A configured image comes before the images chosen recently; the built-in one only after them.
        debugDefaults: {
          image: effective['debug.image'].origin.kind === 'default' ? undefined : settings['debug.image'],
          profile: settings['debug.profile'],
          pullPolicy: settings['debug.pullPolicy'],
        },
      };
    };
    if (explorer === undefined || openedPods === undefined) {
      await connection.close();
      throw new UserError('the explorer needs a terminal; for scripts use: podscope tree|events|logs|debug POD (see --help)');
    }
    let runTui: (typeof import('../tui/runTui.js'))['runTui'];
    try {
      ({ runTui } = await explorer);
    } catch (error) {
      // Closing the session closes the store opened beside the check.
      await connection.close();
      throw error;
    }
    await runTui(connection, { allNamespaces: args.allNamespaces, recordDir: args.record, settingsFor, openedPods });
  },
};

type LogFlags = Pick<FlagValues, 'logs.tail' | 'logs.maxLines' | 'logs.maxBytes'>;

/** The explorer's log flags, read like the config file's values (the same rules, the same words). */
function logFlags(args: TuiArgs): LogFlags {
  const read = <K extends keyof LogFlags>(key: K, text: string | undefined): SettingValues[K] | undefined => {
    if (text === undefined) return undefined;
    const trimmed = text.trim();
    // Counts are whole numbers as typed; sizes may have a unit (32MiB).
    const raw = key === 'logs.maxBytes' || !/^-?\d+$/.test(trimmed) ? trimmed : Number(trimmed);
    const parsed = SETTING_READERS[key](raw);
    if ('problem' in parsed) throw new UserError(`invalid ${SETTING_FLAGS[key]} "${text}": use ${parsed.problem}`);
    return parsed.value as SettingValues[K];
  };
  return {
    'logs.tail': read('logs.tail', args['log-tail']),
    'logs.maxLines': read('logs.maxLines', args['log-max-lines']),
    'logs.maxBytes': read('logs.maxBytes', args['log-max-bytes']),
  };
}
