import type { Argv, CommandModule } from 'yargs';
import { clean } from '../../model/printable.js';
import { cliOutput } from '../output.js';
import { UserError } from '../userError.js';
import { parseTimeout } from './debug.js';
import { withNamedPod, type NamedPodArgs } from './describe.js';
import { withPodSession } from './podCommand.js';
import { podNameOf } from './podReference.js';

type DeleteArgs = NamedPodArgs & { 'grace-period': number; force: boolean; now: boolean; wait: boolean; timeout?: string };

const IMMEDIATE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

/** kubectl delete's rules: --now is grace 1, grace 0 without --force becomes 1, --force alone is grace 0. */
export function effectiveGrace(args: { grace: number; force: boolean; now: boolean }): number | undefined {
  let grace = args.grace;
  if (args.now) {
    if (grace !== -1) throw new UserError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !args.force) grace = 1;
  if (args.force && grace < 0) grace = 0;
  if (args.force && grace > 0) throw new UserError('--force and --grace-period greater than 0 cannot be specified together');
  return grace >= 0 ? grace : undefined;
}

export const deleteCommand: CommandModule<object, DeleteArgs> = {
  command: 'delete <pod> [name]',
  describe: 'Delete a pod like kubectl delete pod: gracefully, or with --force at once; waits until it is gone',
  builder: (yargs: Argv) =>
    withNamedPod(yargs)
      .option('grace-period', { type: 'number', default: -1, describe: "Seconds the pod gets to stop (-1: its own terminationGracePeriodSeconds; 0 only with --force)" })
      .option('force', { type: 'boolean', default: false, describe: 'Remove the pod from the API at once, without waiting for it to stop' })
      .option('now', { type: 'boolean', default: false, describe: 'Signal the pod to stop immediately (same as --grace-period=1)' })
      .option('wait', { type: 'boolean', default: true, describe: 'Wait until the pod is gone before returning' })
      .option('timeout', { type: 'string', describe: 'How long to wait for the pod to be gone (e.g. 60s; default: no limit)' }) as Argv<DeleteArgs>,
  handler: (args) => {
    const grace = effectiveGrace({ grace: args['grace-period'], force: args.force, now: args.now });
    const timeoutMs = args.timeout === undefined ? undefined : parseTimeout(args.timeout);
    return withPodSession({ ...args, pod: podNameOf(args.pod, args.name) }, async (session, namespace, name) => {
      // Loaded when it runs: `podscope --help` loads this module for its options alone.
      const [{ auditedDelete }, { waitForPodGone }] = await Promise.all([import('../actions/auditedDelete.js'), import('../../kube/actions/deletePod.js')]);
      const out = cliOutput();
      if (grace === 0 && args.force) out.error(clean(IMMEDIATE_WARNING));
      const outcome = await auditedDelete(session, grace === 0 ? 'kill' : 'delete', { namespace, name, gracePeriodSeconds: grace });
      if (outcome.auditProblem !== undefined) out.error(clean(`podscope: ${outcome.auditProblem}`));
      if (outcome.error !== undefined) throw new UserError(outcome.error.message);
      out.line(clean(`pod "${name}" ${grace === 0 ? 'force deleted' : 'deleted'}`));
      if (!args.wait || outcome.result?.gone === true) return;
      const signal = timeoutMs === undefined ? new AbortController().signal : AbortSignal.timeout(timeoutMs);
      try {
        await waitForPodGone(session, { namespace, name, uid: outcome.result?.uid, signal });
      } catch (error) {
        throw new UserError(error instanceof Error ? error.message : String(error));
      }
    });
  },
};
