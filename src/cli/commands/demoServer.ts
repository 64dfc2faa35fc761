import type { CommandModule } from 'yargs';
import { clean, p } from '../../model/printable.js';
import { withScaleOptions, type ScaleArgs } from '../options.js';
import { cliOutput } from '../output.js';

interface DemoServerArgs extends ScaleArgs {
  port: number;
  'write-kubeconfig'?: string;
  seed: number;
  speed: number;
  'log-rate'?: number;
  still?: number;
  'log-rate-pod'?: string[];
}

export const demoServerCommand: CommandModule<object, DemoServerArgs> = {
  command: 'demo-server',
  describe: 'Run the embedded demo cluster alone, so kubectl or any other client can use it',
  builder: (yargs) =>
    withScaleOptions(yargs)
      .option('port', { type: 'number', default: 0, describe: 'Port on 127.0.0.1 (0: a free one)' })
      .option('write-kubeconfig', { type: 'string', describe: 'Write a kubeconfig for it to this file' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed for names, IPs and timings' })
      .option('speed', { type: 'number', default: 1, describe: 'How much faster than real time its clock runs' })
      .option('log-rate', { type: 'number', describe: "Lines per second every running container writes, instead of its program's own pace (a log firehose for benchmarks)" })
      .option('still', { type: 'number', describe: 'Stop the simulation this many seconds (of its clock) after start, 0 right after seeding: from then on nothing changes, and watches get only bookmarks' })
      .option('log-rate-pod', { type: 'string', array: true, describe: 'Only this pod (namespace/name, repeatable) writes at the --log-rate pace; the others keep their own' })
      .check((args) => {
        const still = args.still;
        if (still !== undefined && !(still >= 0 && Number.isFinite(still))) throw new Error(`--still must be a number of seconds, got ${String(still)}`);
        const rate = args['log-rate'];
        if (rate !== undefined && !(rate > 0 && Number.isFinite(rate))) throw new Error(`--log-rate must be a positive number of lines per second, got ${String(rate)}`);
        for (const pod of args['log-rate-pod'] ?? []) if (!/^[^/]+\/[^/]+$/.test(pod)) throw new Error(`--log-rate-pod takes namespace/name, got ${JSON.stringify(pod)}`);
        return true;
      }),
  handler: async (args) => {
    const { startDemoCluster } = await import('../../demo/index.js');
    const cluster = await startDemoCluster({
      port: args.port,
      seed: args.seed,
      speed: args.speed,
      logRate: args['log-rate'],
      ...(args['log-rate-pod'] !== undefined ? { logRatePods: args['log-rate-pod'] } : {}),
      scalePods: args['scale-pods'],
      churn: args.churn,
      metricsApi: args['metrics-api'],
      kubeconfigPath: args['write-kubeconfig'],
      ...(args.still === undefined ? {} : { stillAfterMs: args.still * 1000 }),
    });
    // Listening before the banner: a client that reads it may signal at once. Kept to the end: a
    // signal that comes twice (timeout(1) sends it to the child and to its process group) must not
    // end the process with 130. Node puts the default action back while it tears down after the
    // last callback, so the process ends itself once the cluster is closed.
    let stop = (): void => undefined;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop());
    const out = cliOutput();
    const kubeconfig = clean(cluster.kubeconfigPath);
    const fleet = cluster.scale?.fleet;
    out.lines([
      { text: p`podscope demo cluster listening on ${clean(cluster.url)}` },
      ...(fleet === undefined ? [] : [{ text: p`scale: ${clean(String(fleet.pods.length))} pods in ${clean(String(fleet.namespaces.length))} namespaces, ${clean(String(args.churn ?? 0))} status updates/s` }]),
      ...(args['metrics-api'] === false ? [{ text: p`metrics.k8s.io: not served (usage from the kubelets' stats/summary)` }] : []),
      { text: p`kubeconfig: ${kubeconfig}` },
      { text: p`try: kubectl --kubeconfig ${kubeconfig} get pods -A -o wide` },
    ]);
    void cluster.still?.then(() => out.lines([{ text: p`still: the simulation stopped; nothing changes from now on` }]));
    await stopped;
    await cluster.close();
    process.exit(0);
  },
};
