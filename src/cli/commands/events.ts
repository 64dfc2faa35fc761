import type { CommandModule } from 'yargs';
import { listPodEvents, podEventsPath, podPath, readPod } from '../../kube/podReads.js';
import { cliOutput } from '../output.js';
import { eventsText } from '../print/eventsText.js';
import { withPodArgument, withPodSession, type PodArgs } from './podCommand.js';

export const eventsCommand: CommandModule<object, PodArgs> = {
  command: 'events <pod>',
  describe: "Print a pod's events, oldest first, warnings marked",
  builder: (yargs) => withPodArgument(yargs),
  handler: (args) =>
    withPodSession(
      args,
      async (session, namespace, name) => {
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
