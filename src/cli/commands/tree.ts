import type { CommandModule } from 'yargs';
import { firstUsage } from '../../kube/metrics/usagePoller.js';
import { readPod } from '../../kube/podReads.js';
import { cliOutput } from '../output.js';
import { treeText } from '../print/treeText.js';
import { withPodArgument, withPodSession, type PodArgs } from './podCommand.js';

export const treeCommand: CommandModule<object, PodArgs> = {
  command: 'tree <pod>',
  describe: "Print a pod's container-state tree (phase, conditions, init/sidecar/app/ephemeral containers)",
  builder: (yargs) => withPodArgument(yargs),
  handler: (args) =>
    withPodSession(args, async (session, namespace, name) => {
      const pod = await readPod(session.coreApi, namespace, name);
      const node = pod.spec?.nodeName;
      const usage = await firstUsage({ kubeConfig: session.kubeConfig, scope: { namespace }, nodes: () => (node === undefined ? [] : [node]) });
      const out = cliOutput();
      out.lines(treeText(pod, new Date(), out, usage));
    }),
};
