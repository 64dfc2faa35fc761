import type { ArgumentsCamelCase } from 'yargs';
import { appendAuditRecord } from '../../audit/auditLog.js';
import { launchRecord } from '../../audit/launchRecord.js';
import { SessionFilesError } from '../../audit/sessionFiles.js';
import { canI } from '../../kube/access/accessReview.js';
import { DebugError } from '../../kube/debug/debugError.js';
import { createNodeDebugPod } from '../../kube/debug/nodeDebug.js';
import { waitForContainer } from '../../kube/debug/waitForContainer.js';
import { DEBUG_PROFILES, isDebugProfile } from '../../model/debugProfiles.js';
import { nodeReachText } from '../../model/nodeDebugPod.js';
import { clean, cleanName, type Printable } from '../../model/printable.js';
import { installExitHandlers } from '../../terminal/exitHandlers.js';
import { runTerminalSession } from '../../terminal/handoverSession.js';
import { CLOSED_PIPE_EXIT_CODE, onClosedPipe } from '../closedPipe.js';
import { effectiveSettings, loadConfig } from '../config.js';
import { connectFromOptions, printRetry } from '../connect.js';
import { cliOutput } from '../output.js';
import { UserError } from '../userError.js';
import {
  checkSessionFiles,
  deleteMadePod,
  parseTimeout,
  progressPrinter,
  refuseReadonly,
  restoreTerminal,
  resultLine,
  sessionExitCode,
  withConfiguredDefaults,
  type DebugArgs,
} from './debug.js';

/** An access review that failed to answer lets the request go on: the server then says no itself. */
function refused(answer: { allowed: boolean; reason?: string }): boolean {
  return !answer.allowed && !(answer.reason ?? '').startsWith('cannot check access:');
}

/**
 * `podscope debug node/NAME`: like `kubectl debug node/NAME -it --image=I`, a pod bound to the node in
 * its host namespaces with its / at /host (as the profile allows), attached to once it runs, and
 * deleted when the session ends however it ends (`--keep` leaves it, as kubectl always does).
 */
export async function runNodeDebug(cliArgs: ArgumentsCamelCase<DebugArgs>, node: string): Promise<void> {
  if (cliArgs.profile !== undefined && !isDebugProfile(cliArgs.profile)) throw new UserError(`invalid --profile "${cliArgs.profile}" (one of ${DEBUG_PROFILES.join(', ')})`);
  for (const flag of ['copy-to', 'target', 'remove-copy', 'keep-copy'] as const) {
    if (cliArgs[flag] !== undefined) throw new UserError(`--${flag} does not apply to node/${node}`);
  }
  const file = await loadConfig();
  const timeoutMs = parseTimeout(cliArgs.timeout);
  const command = (cliArgs['--'] ?? []).map(String);
  const interactive = process.stdin.isTTY === true;
  const out = cliOutput();
  const stderr = (line: string | Printable): void => out.error(clean(line));
  const keep = cliArgs.keep === true || !cliArgs.attach;
  const auditPath = await checkSessionFiles(cliArgs.record, cliArgs.attach);

  const connection = await connectFromOptions(cliArgs, { onRetry: printRetry });
  const { session } = connection;
  const namespace = session.namespace;
  const effective = effectiveSettings(file, session.contextName, { readonly: cliArgs.readonly });
  const { args, profile } = withConfiguredDefaults(cliArgs, effective);
  const started = new Date();
  /** The pod made, to delete on every way out unless it is kept. */
  let made: string | undefined;
  let deleted = false;
  let waiting = false;
  const deletePod = async (): Promise<void> => {
    if (made === undefined || keep || deleted) return;
    deleted = true;
    await deleteMadePod(session, namespace, made, stderr);
  };
  const exitHandlers = installExitHandlers({
    restore: restoreTerminal,
    cleanup: async () => {
      if (waiting && keep && made !== undefined) stderr(`podscope: interrupted; pod ${made} is kept (kubectl delete pod ${made} -n ${namespace} deletes it)`);
      await deletePod();
      await connection.close();
    },
  });
  const stopOnClosedPipe = onClosedPipe(() => exitHandlers.exit(CLOSED_PIPE_EXIT_CODE));
  try {
    refuseReadonly(session.contextName, effective);
    // Nothing is made before the user is known to be allowed to: the pod, and the attach to it.
    const [create, attach] = await Promise.all([
      canI(session, { namespace, verb: 'create', resource: 'pods' }),
      args.attach ? canI(session, { namespace, verb: 'create', resource: 'pods', subresource: 'attach' }) : Promise.resolve<{ allowed: boolean; reason?: string }>({ allowed: true }),
    ]);
    if (refused(create)) throw new UserError(`forbidden: cannot create pods in namespace ${namespace}, which debugging node ${node} takes${create.reason ? ` (${create.reason})` : ''}`);
    if (refused(attach)) throw new UserError(`forbidden: cannot create pods/attach in namespace ${namespace}, which attaching to the node debugger takes${attach.reason ? ` (${attach.reason})` : ''}`);
    const launched = await createNodeDebugPod(session, {
      namespace,
      node,
      image: args.image,
      pullPolicy: args['image-pull-policy'],
      profile,
      command: command.length > 0 ? command : undefined,
      stdin: true,
      tty: args.attach ? interactive : true,
    });
    made = launched.pod;
    const { pod, container } = launched;
    stderr(`Creating debugging pod ${pod} with container ${container} on node ${node}.`);
    stderr(`  ${nodeReachText(profile)}`);
    const launchAudit = { namespace, pod, container, image: args.image, profile, command, copy: true, node, start: started };
    if (!args.attach) {
      await appendAuditRecord(launchRecord(session, launchAudit, { outcome: 'launched' }), auditPath);
      out.line(cleanName(pod));
      return;
    }
    waiting = true;
    try {
      await waitForContainer(session, { namespace, pod, container, timeoutMs, onProgress: progressPrinter(stderr) });
    } catch (error) {
      const why = error instanceof DebugError ? error.problem : error instanceof Error ? error.message : String(error);
      await appendAuditRecord(launchRecord(session, launchAudit, { outcome: 'failed', error: why }), auditPath).catch(() => undefined);
      throw error instanceof DebugError ? new DebugError(why, error.kind) : error;
    }
    waiting = false;
    const result = await runTerminalSession(session, {
      kind: 'attach',
      namespace,
      pod,
      container,
      image: args.image,
      profile,
      node,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      recordDir: args.record,
      auditPath,
    });
    if (interactive) out.freshLine();
    // Detached from a pod about to be deleted: there is nothing to reattach to.
    stderr(result.how === 'detached' && !keep ? `detached from ${container}` : resultLine(result, namespace, pod, container));
    if (result.castPath) stderr(`recorded to ${result.castPath}`);
    process.exitCode = sessionExitCode(result);
    if (keep) stderr(`Pod ${pod} is kept (delete it with: kubectl delete pod ${pod} -n ${namespace})`);
  } catch (error) {
    if (error instanceof DebugError) throw new UserError(error.message);
    if (error instanceof SessionFilesError) throw new UserError(error.message);
    throw error;
  } finally {
    await deletePod();
    stopOnClosedPipe();
    exitHandlers();
    await connection.close();
  }
}
