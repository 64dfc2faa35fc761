import type { CommandModule } from 'yargs';
import type { ConfigArgs } from '../configReport.js';

export const configCommand: CommandModule<object, ConfigArgs> = {
  command: 'config',
  describe: 'Show the effective settings for the current context and where each comes from (the config file, or the default)',
  builder: (yargs) =>
    yargs
      .option('kubeconfig', { type: 'string', describe: 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' })
      .option('context', { type: 'string', describe: 'Show the settings for this context (default: the current context)' })
      .option('path', { type: 'boolean', default: false, describe: 'Print only the config file path (e.g. $EDITOR "$(podscope config --path)")' }),
  // The YAML parser loads only for this command and those that use the file.
  handler: async (args) => (await import('../configReport.js')).printConfig(args),
};
