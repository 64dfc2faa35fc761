import type { CommandModule } from 'yargs';
import { cliOutput } from '../output.js';
import { withPodArgument, withPodSession, type PodArgs } from './podCommand.js';

export const eventsCommand: CommandModule<object, PodArgs> = {
  command: 'events <pod>',
  describe: "Print a pod's events, oldest first, warnings marked",
  builder: (yargs) => withPodArgument(yargs),
  handler: (args) =>
    withPodSession(args, async (session, namespace, name) => {
      // Loaded when it runs: `podscope --help` loads this module for its description alone.
      const [{ listPodEvents, readPod }, { eventsText }] = await Promise.all([import('../../kube/podReads.js'), import('../print/eventsText.js')]);
      // Read the pod first so a wrong name says "not found" instead of printing no events.
      await readPod(session, namespace, name);
      const events = await listPodEvents(session, namespace, name);
      const out = cliOutput();
      out.lines(eventsText(events, new Date(), out));
    }),
};
