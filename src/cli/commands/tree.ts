import type { CommandModule } from 'yargs';
import { podEventsPath, podPath } from '../../kube/podPaths.js';
import { cliOutput } from '../output.js';
import { withPodArgument, withPodSession, type PodArgs } from './podCommand.js';

// What the command runs is loaded when it runs: `podscope --help` (and every other command) loads
// this module for its description alone.
const running = () =>
  Promise.all([
    import('../../kube/metrics/usagePoller.js'),
    import('../../kube/owners/ownerReader.js'),
    import('../../kube/podReads.js'),
    import('../print/treeText.js'),
    import('../print/whyText.js'),
  ]);

export const treeCommand: CommandModule<object, PodArgs> = {
  command: 'tree <pod>',
  describe: "Print a pod's tree: phase, owner chain, spec (scheduling, resources, probes, mounts, env), conditions, containers",
  builder: (yargs) => withPodArgument(yargs),
  handler: (args) =>
    withPodSession(args, async (session, namespace, name) => {
      const [{ firstUsage }, { OwnerReader }, { listPodEvents, readPod }, { treeText }, { diagnoseOnePod, whyLine }] = await running();
      const pod = await readPod(session, namespace, name);
      const owners = new OwnerReader({ kubeConfig: session.kubeConfig });
      const node = pod.spec?.nodeName;
      // Events only add the probes' failures: without access to them the tree is still whole.
      const [events, usage] = await Promise.all([
        listPodEvents(session, namespace, name).catch(() => undefined),
        firstUsage({ kubeConfig: session.kubeConfig, scope: { namespace }, nodes: () => (node === undefined ? [] : [node]) }),
        owners.settle(pod),
      ]);
      const out = cliOutput();
      // The reason the pod is unhealthy comes first: it is what the tree is read for.
      const diagnosis = await diagnoseOnePod(session, pod, out.ascii, events);
      out.lines([
        ...(diagnosis === undefined ? [] : [whyLine(diagnosis)]),
        ...treeText(pod, new Date(), out, { owners: owners.lookup, ...(events !== undefined ? { events } : {}) }, usage),
      ]);
    }, (namespace, name) => [podPath(namespace, name), podEventsPath(namespace, name)]),
};
