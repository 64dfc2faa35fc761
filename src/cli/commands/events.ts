import type { CommandModule } from 'yargs';
import { listPodEvents, readPod } from '../../kube/podReads.js';
import { cliOutput } from '../output.js';
import { eventsText } from '../print/eventsText.js';
import { withPodArgument, withPodSession, type PodArgs } from './podCommand.js';

export const eventsCommand: CommandModule<object, PodArgs> = {
  command: 'events <pod>',
  describe: "Print a pod's events, oldest first, warnings marked",
  builder: (yargs) => withPodArgument(yargs),
  handler: (args) =>
    withPodSession(args, async (session, namespace, name) => {
      // Read the pod first so a wrong name says "not found" instead of printing no events.
      await readPod(session, namespace, name);
      const events = await listPodEvents(session, namespace, name);
      const out = cliOutput();
      out.lines(eventsText(events, new Date(), out));
    }),
};
