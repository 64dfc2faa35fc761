import type { CommandModule } from 'yargs';
import { startDemoCluster } from '../../demo/index.js';

interface DemoServerArgs {
  port: number;
  'write-kubeconfig'?: string;
  seed: number;
  speed: number;
}

export const demoServerCommand: CommandModule<object, DemoServerArgs> = {
  command: 'demo-server',
  describe: 'Run the embedded demo cluster alone, so kubectl or any other client can use it',
  builder: (yargs) =>
    yargs
      .option('port', { type: 'number', default: 0, describe: 'Port on 127.0.0.1 (0: a free one)' })
      .option('write-kubeconfig', { type: 'string', describe: 'Write a kubeconfig for it to this file' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed for names, IPs and timings' })
      .option('speed', { type: 'number', default: 1, describe: 'How much faster than real time its clock runs' }),
  handler: async (args) => {
    const cluster = await startDemoCluster({
      port: args.port,
      seed: args.seed,
      speed: args.speed,
      kubeconfigPath: args['write-kubeconfig'],
    });
    process.stdout.write(
      `podscope demo cluster listening on ${cluster.url}\n` +
        `kubeconfig: ${cluster.kubeconfigPath}\n` +
        `try: kubectl --kubeconfig ${cluster.kubeconfigPath} get pods -A -o wide\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.once('SIGHUP', stop);
    });
    await cluster.close();
  },
};
