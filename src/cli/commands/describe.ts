import type { Argv, CommandModule } from 'yargs';
import { readPodDescription } from '../../kube/actions/podReads.js';
import { describePod } from '../../model/describe/describePod.js';
import { localUtcOffset } from '../../model/describe/goFormat.js';
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
      const { pod, events } = await readPodDescription(session, namespace, name);
      const lines = describePod(pod, { now: new Date(), utcOffsetMinutes: localUtcOffset, events });
      cliOutput().lines(lines.map((line) => ({ text: clean(line) })));
    }),
};
