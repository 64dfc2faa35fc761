import type { CommandModule } from 'yargs';
import { readPod } from '../../kube/podReads.js';
import { treeText } from '../print/treeText.js';
import { plainTextOptions, withPodArgument, withPodSession, type PodArgs } from './podCommand.js';

export const treeCommand: CommandModule<object, PodArgs> = {
  command: 'tree <pod>',
  describe: "Print a pod's container-state tree (phase, conditions, init/sidecar/app/ephemeral containers)",
  builder: (yargs) => withPodArgument(yargs),
  handler: (args) =>
    withPodSession(args, async (session, namespace, name) => {
      const pod = await readPod(session.coreApi, namespace, name);
      process.stdout.write(treeText(pod, new Date(), plainTextOptions(process.stdout)).join('\n') + '\n');
    }),
};
