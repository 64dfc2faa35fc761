import type { CommandModule } from 'yargs';
import { readPod } from '../../kube/podReads.js';
import { cliOutput } from '../output.js';
import { treeText } from '../print/treeText.js';
import { diagnoseOnePod, whyLine } from '../print/whyText.js';
import { withPodArgument, withPodSession, type PodArgs } from './podCommand.js';

export const treeCommand: CommandModule<object, PodArgs> = {
  command: 'tree <pod>',
  describe: "Print a pod's container-state tree (phase, conditions, init/sidecar/app/ephemeral containers)",
  builder: (yargs) => withPodArgument(yargs),
  handler: (args) =>
    withPodSession(args, async (session, namespace, name) => {
      const pod = await readPod(session.coreApi, namespace, name);
      const out = cliOutput();
      // The reason the pod is unhealthy comes first: it is what the tree is read for.
      const diagnosis = await diagnoseOnePod(session, pod, out.ascii);
      out.lines([...(diagnosis === undefined ? [] : [whyLine(diagnosis)]), ...treeText(pod, new Date(), out)]);
    }),
};
