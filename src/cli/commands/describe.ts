import type { Argv, CommandModule } from 'yargs';
import { clean } from '../../model/printable.js';
import { withClusterOptions, type ClusterArgs } from '../options.js';
import { cliOutput } from '../output.js';
import { withPodSession } from './podCommand.js';
import { podNameOf } from './podReference.js';

export type NamedPodArgs = ClusterArgs & { pod: string; name?: string };

/** `NAME`, `pod NAME` or `pod/NAME`, as kubectl takes them. */
export function withNamedPod<T>(yargs: Argv<T>): Argv<T & NamedPodArgs> {
  return withClusterOptions(yargs)
    .positional('pod', { type: 'string', demandOption: true, describe: 'Pod name (or pod/NAME, or "pod" followed by the name)' })
    .positional('name', { type: 'string', describe: 'Pod name, after the type "pod"' }) as Argv<T & NamedPodArgs>;
}

export const describeCommand: CommandModule<object, NamedPodArgs> = {
  command: 'describe <pod> [name]',
  describe: 'Print everything about a pod and its events, exactly as kubectl describe pod does',
  builder: (yargs) => withNamedPod(yargs),
  handler: (args) =>
    withPodSession({ ...args, pod: podNameOf(args.pod, args.name) }, async (session, namespace, name) => {
      // Loaded here: `--help` and the other commands do not pay for the describe printer and client-node.
      const [{ readPodDescription }, { describePod }, { localUtcOffset }] = await Promise.all([
        import('../../kube/actions/podReads.js'),
        import('../../model/describe/describePod.js'),
        import('../../model/describe/goFormat.js'),
      ]);
      const { pod, events } = await readPodDescription(session, namespace, name);
      const lines = describePod(pod, { now: new Date(), utcOffsetMinutes: localUtcOffset, events });
      cliOutput().lines(lines.map((line) => ({ text: clean(line) })));
    }),
};
