import type { Argv, CommandModule } from 'yargs';
import type { NamespaceScope } from '../../kube/sources.js';
import { cleanName, p } from '../../model/printable.js';
import { cliOutput, type PrintLine } from '../output.js';
import { withClusterOptions, type ClusterArgs } from '../options.js';
import { withPodSession } from './podCommand.js';

// What the command runs is loaded when it runs: `podscope --help` (and every other command) loads
// this module for its description alone.
const running = () =>
  Promise.all([
    import('../../kube/diagnosis/diagnosisReads.js'),
    import('../../kube/diagnosis/diagnoseWithLogs.js'),
    import('../../kube/podReads.js'),
    import('../../model/podColumns.js'),
    import('../print/whyText.js'),
  ]);

type WhyArgs = ClusterArgs & { pod?: string; 'all-namespaces': boolean };


function byNamespaceAndName(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export const whyCommand: CommandModule<object, WhyArgs> = {
  command: 'why [pod]',
  describe: 'Say in one line why a pod is not healthy; without a pod, every unhealthy pod of the namespace (-A: of all namespaces)',
  builder: (yargs: Argv) =>
    withClusterOptions(yargs)
      .positional('pod', { type: 'string', describe: 'Pod name (default: every pod of the namespace)' })
      .option('all-namespaces', { alias: 'A', type: 'boolean', default: false, describe: 'Every unhealthy pod of all namespaces' })
      .check((argv) => {
        if (argv['all-namespaces'] === true && argv['pod'] !== undefined) throw new Error('a pod name cannot be given with --all-namespaces');
        return true;
      }) as Argv<WhyArgs>,
  handler: (args) =>
    withPodSession({ ...args, pod: args.pod ?? '' }, async (session, namespace, name) => {
      const [{ listPodEventsIn, listPodsIn, readLogTail }, { diagnosePods }, { readPod }, { podFacts }, { DIAGNOSIS_TONE }] = await running();
      const out = cliOutput();
      const scope: NamespaceScope = args['all-namespaces'] ? { allNamespaces: true } : { namespace };
      const pods = name === '' ? await listPodsIn(session, scope) : [await readPod(session, namespace, name)];
      const events = await listPodEventsIn(session, scope, name === '' ? undefined : name);
      const found = await diagnosePods(pods, events, {
        now: new Date(),
        ascii: out.ascii,
        readTail: (pod, wanted, signal) => readLogTail(session.kubeConfig, pod, wanted, signal),
      });
      const lines = found
        .map(({ pod, diagnosis }) => ({
          key: `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`,
          line: { text: p`${cleanName(pod.metadata?.namespace)}/${cleanName(pod.metadata?.name)}: ${diagnosis.text}`, tone: DIAGNOSIS_TONE[diagnosis.severity] } satisfies PrintLine,
        }))
        .sort(byNamespaceAndName)
        .map((entry) => entry.line);
      const only = pods[0];
      if (name !== '' && lines.length === 0 && only !== undefined) {
        // Asked about one pod that is fine: say so rather than print nothing.
        const facts = podFacts(only);
        lines.push({ text: p`${cleanName(only.metadata?.namespace)}/${cleanName(only.metadata?.name)}: nothing wrong: ${facts.status}, ${facts.ready} ready`, tone: 'ok' });
      }
      out.lines(lines);
    }),
};
