import type { V1Pod } from '@kubernetes/client-node';
import type { Argv, CommandModule } from 'yargs';
import { parsePortSpecs } from '../../model/portSpecs.js';
import { clean } from '../../model/printable.js';
import { withClusterOptions, type ClusterArgs } from '../options.js';
import { cliOutput } from '../output.js';
import { UserError } from '../userError.js';
import { withPodSession } from './podCommand.js';
import { podNameOf } from './podReference.js';

type PortForwardArgs = ClusterArgs & { pod: string; ports: Array<string | number>; address: string[] };

export const portForwardCommand: CommandModule<object, PortForwardArgs> = {
  command: 'port-forward <pod> <ports..>',
  describe: 'Forward local ports to a pod like kubectl port-forward ([LOCAL:]REMOTE ...), until Ctrl-C',
  builder: (yargs: Argv) =>
    withClusterOptions(yargs)
      .positional('pod', { type: 'string', demandOption: true, describe: 'Pod name (or pod/NAME)' })
      .positional('ports', { type: 'string', array: true, demandOption: true, describe: '[LOCAL:]REMOTE; REMOTE may be a named container port; :REMOTE picks a free local port' })
      .option('address', {
        type: 'string',
        array: true,
        default: ['localhost'],
        coerce: (values: string[]) => values.flatMap((value) => value.split(',')).filter((value) => value !== ''),
        describe: 'Addresses to listen on (comma-separated IPs, or localhost: 127.0.0.1 and ::1)',
      }) as Argv<PortForwardArgs>,
  handler: (args) =>
    withPodSession({ ...args, pod: podNameOf(args.pod, undefined) }, async (session, namespace, name) => {
      // Loaded here: `--help` and the other commands do not pay for WebSockets and client-node.
      const [{ readRawPod }, { hostPort, ListenError }, { checkForwardable, ForwardStartError, startAuditedForward }] = await Promise.all([
        import('../../kube/actions/podReads.js'),
        import('../../kube/portforward/portForwarder.js'),
        import('../actions/auditedForward.js'),
      ]);
      const pod = (await readRawPod(session, namespace, name)) as V1Pod;
      const mappings = parsePortSpecs(args.ports.map(String), pod);
      if ('error' in mappings) throw new UserError(mappings.error);
      try {
        await checkForwardable(session, pod, mappings);
      } catch (error) {
        if (error instanceof ForwardStartError) throw new UserError(error.message);
        throw error;
      }
      const out = cliOutput();
      let lostPod = false;
      let started;
      try {
        started = await startAuditedForward(
          session,
          { namespace, pod: name, mappings, addresses: args.address },
          (event) => {
            switch (event.kind) {
              case 'listening':
                out.line(clean(`Forwarding from ${hostPort(event.address, event.local)} -> ${event.remote}`));
                break;
              case 'connection':
                out.line(clean(`Handling connection for ${event.local}`));
                break;
              case 'connectionError':
                out.error(clean(`error: an error occurred forwarding ${event.local} -> ${event.remote}: ${event.message}`));
                break;
              case 'reconnecting':
                out.error(clean(`podscope: lost the API server (${event.message}); reconnecting`));
                break;
              case 'reconnected':
                out.error(clean('podscope: reconnected'));
                break;
              case 'ended':
                lostPod = event.reason !== 'stopped';
                break;
            }
          },
          (problem) => out.error(clean(`podscope: ${problem}`)),
        );
      } catch (error) {
        if (error instanceof ListenError) throw new UserError(error.message);
        throw error;
      }
      const { forwarder, finished } = started;
      const stop = (): void => void forwarder.stop('stopped');
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
      const reason = await finished;
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(signal, stop);
      if (lostPod) throw new UserError(`lost connection to pod: ${reason}`);
    }),
};
