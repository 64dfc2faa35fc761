import type { CommandModule } from 'yargs';
import { podEventsPath, podPath } from '../../kube/podPaths.js';
import { cliOutput } from '../output.js';
import { withPodArgument, withPodSession, type PodArgs } from './podCommand.js';

export const eventsCommand: CommandModule<object, PodArgs> = {
  command: 'events <pod>',
  describe: "Print a pod's events, oldest first, warnings marked",
  builder: (yargs) => withPodArgument(yargs),
  handler: (args) =>
    withPodSession(
      args,
      async (session, namespace, name) => {
        // Loaded when it runs: `podscope --help` loads this module for its description alone.
        const [{ listPodEvents, readPod }, { eventsText }] = await Promise.all([import('../../kube/podReads.js'), import('../print/eventsText.js')]);
        // Both at once, but the pod's answer first: a wrong name says "not found" instead of printing no events.
        const events = listPodEvents(session, namespace, name);
        events.catch(() => undefined);
        await readPod(session, namespace, name);
        const out = cliOutput();
        out.lines(eventsText(await events, new Date(), out));
      },
      (namespace, name) => [podPath(namespace, name), podEventsPath(namespace, name)],
    ),
};
