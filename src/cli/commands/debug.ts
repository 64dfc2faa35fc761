import { homedir } from 'node:os';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { appendAuditRecord, auditLogPath } from '../../audit/auditLog.js';
import { launchRecord } from '../../audit/launchRecord.js';
import { prepareSessionFiles, SessionFilesError } from '../../audit/sessionFiles.js';
import type { ContainerEventLine, ContainerProgress } from '../../kube/debug/containerProgress.js';
import { DebugError } from '../../kube/debug/debugError.js';
import { DEBUG_PROFILES, DEFAULT_DEBUG_PROFILE, isDebugProfile, type DebugProfile } from '../../model/debugProfiles.js';
import { restoreActiveHandovers } from '../../terminal/activeHandovers.js';
import { installExitHandlers } from '../../terminal/exitHandlers.js';
import type { TerminalSessionResult } from '../../terminal/handoverSession.js';
import { CLOSED_PIPE_EXIT_CODE, onClosedPipe } from '../closedPipe.js';
import { clean, cleanName, p, type Printable } from '../../model/printable.js';
import { connectFromOptions, printRetry } from '../connect.js';
import { cliOutput } from '../output.js';
import { withClusterOptions, type ClusterArgs } from '../options.js';
import { effectiveSettings, loadConfig, originText, type Effective } from '../config.js';
import { DEFAULT_DEBUG_IMAGE, imageProblem } from '../../ui/debugForm.js';
import { UserError } from '../userError.js';

type DebugArgs = ClusterArgs & {
  pod: string;
  image?: string;
  'image-pull-policy'?: string;
  target?: string;
  profile?: string;
  readonly?: boolean;
  attach: boolean;
  timeout: string;
  record?: string;
  'copy-to'?: string;
  'remove-copy'?: boolean;
  'keep-copy'?: boolean;
  '--'?: Array<string | number>;
};

/** "120s", "2m", "1m30s", "500ms" or plain seconds, as milliseconds. */
export function parseTimeout(text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    if (Number(trimmed) <= 0) throw new UserError(`invalid --timeout "${text}": it must be positive`);
    return Number(trimmed) * 1000;
  }
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let rest = trimmed;
  while (rest !== '') {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)/.exec(rest);
    if (!match) throw new UserError(`invalid --timeout "${text}" (use e.g. 120s, 2m or 1m30s)`);
    total += Number(match[1]) * (units[match[2] ?? 's'] ?? 1000);
    rest = rest.slice(match[0].length);
  }
  if (total <= 0) throw new UserError(`invalid --timeout "${text}": it must be positive`);
  return total;
}

function eventKey(event: ContainerEventLine): string {
  return `${event.reason}\u0000${event.message}\u0000${event.count}\u0000${event.time ?? ''}`;
}

/** Progress as lines for a terminal or a log: the state when it changes, each new event once. */
function progressPrinter(write: (line: Printable) => void): (progress: ContainerProgress) => void {
  let lastState = '';
  const printed = new Set<string>();
  return (progress) => {
    for (const event of progress.events) {
      const key = eventKey(event);
      if (printed.has(key)) continue;
      printed.add(key);
      const count = event.count > 1 ? p` (x${event.count})` : p``;
      write(p`  ${event.type === 'Warning' ? p`Warning` : p`Normal`}  ${cleanName(event.reason)}  ${clean(event.message)}${count}`);
    }
    const state = [progress.phase, progress.reason ?? '', progress.message ?? ''].join(': ');
    if (state === lastState) return;
    lastState = state;
    const detail = [progress.reason, progress.message].filter(Boolean).join(': ');
    write(detail ? p`${cleanName(progress.container)}: ${clean(progress.phase)} (${clean(detail)})` : p`${cleanName(progress.container)}: ${clean(progress.phase)}`);
  };
}

/** The one line for a DebugError; a pod that cannot run new containers gets the exact --copy-to command. */
/** A context the config file makes read-only changes nothing, as the explorer's --readonly. */
function refuseReadonly(contextName: string, effective: Effective): void {
  const readonly = effective.readonly;
  if (readonly.value) throw new UserError(`context ${contextName} is read-only (${originText(readonly.origin, homedir())}); --no-readonly overrides it`);
}

/** The flags, completed from the config file for this context (flags win). */
function withConfiguredDefaults(args: ArgumentsCamelCase<DebugArgs>, effective: Effective) {
  const image = args.image ?? effective['debug.image'].value;
  const pullPolicy = args['image-pull-policy'] ?? effective['debug.pullPolicy'].value;
  const profile: DebugProfile = args.profile !== undefined && isDebugProfile(args.profile) ? args.profile : effective['debug.profile'].value;
  return { args: { ...args, image, 'image-pull-policy': pullPolicy }, profile };
}

export function debugErrorLine(error: DebugError, namespace: string, pod: string): string {
  if (!error.copyToSuggested) return error.message;
  const [reason] = error.message.split('; debug a copy instead');
  return `${reason}; debug a copy instead: podscope debug ${pod} -n ${namespace} --copy-to ${pod}-debug`;
}

function resultLine(result: TerminalSessionResult, namespace: string, pod: string, container: string): string {
  switch (result.how) {
    case 'exited':
      if (result.error) return `${container}: ${result.error}`;
      return result.exitCode === undefined ? `${container}: session ended (exit code unknown)` : `${container} exited with code ${result.exitCode}`;
    case 'detached':
      return `detached; ${container} keeps running (reattach: kubectl attach -it ${pod} -c ${container} -n ${namespace})`;
    case 'disconnected':
      return `connection to ${container} lost${result.error ? `: ${result.error}` : ''}; it may still be running (kubectl attach -it ${pod} -c ${container} -n ${namespace})`;
  }
}

/** The audit log path, or the error line if its directory cannot be written (checked before anything is created). */
async function checkSessionFiles(recordDir: string | undefined, attach: boolean): Promise<string> {
  const auditPath = auditLogPath();
  try {
    await prepareSessionFiles({ auditPath, recordDir: attach ? recordDir : undefined });
  } catch (error) {
    if (error instanceof SessionFilesError) throw new UserError(error.message);
    throw error;
  }
  return auditPath;
}

async function runDebug(cliArgs: ArgumentsCamelCase<DebugArgs>): Promise<void> {
  if (cliArgs.profile !== undefined && !isDebugProfile(cliArgs.profile)) throw new UserError(`invalid --profile "${cliArgs.profile}" (one of ${DEBUG_PROFILES.join(', ')})`);
  const imageFlagProblem = cliArgs.image === undefined ? undefined : imageProblem(cliArgs.image);
  if (imageFlagProblem !== undefined) throw new UserError(`invalid --image: ${imageFlagProblem}`);
  const file = await loadConfig();
  const timeoutMs = parseTimeout(cliArgs.timeout);
  const command = (cliArgs['--'] ?? []).map(String);
  const interactive = process.stdin.isTTY === true;
  const out = cliOutput();
  // Lines composed of our words and the cluster's (names, server messages): cleaned as a whole.
  const stderr = (line: string | Printable): void => out.error(clean(line));
  const copyTo = cliArgs['copy-to'];
  const removeCopy = cliArgs['remove-copy'] === true && cliArgs['keep-copy'] !== true;
  // Nothing is created in the cluster before the session's traces are known to be writable.
  const auditPath = await checkSessionFiles(cliArgs.record, cliArgs.attach);
  // The Kubernetes client and the terminal hand-over load only when a debug session runs, not for --help.
  const [{ COPY_DELETE_TIMEOUT_MS, createDebugCopy, deleteDebugCopy }, { launchDebugContainer }, { waitForContainer }, { runTerminalSession }] = await Promise.all([
    import('../../kube/debug/copyPod.js'),
    import('../../kube/debug/launchDebugContainer.js'),
    import('../../kube/debug/waitForContainer.js'),
    import('../../terminal/handoverSession.js'),
  ]);

  const connection = await connectFromOptions(cliArgs, { onRetry: printRetry });
  const { session } = connection;
  const namespace = session.namespace;
  const effective = effectiveSettings(file, session.contextName, { readonly: cliArgs.readonly });
  const { args, profile } = withConfiguredDefaults(cliArgs, effective);
  const started = new Date();
  /** The copy being created or made, to delete on every way out when --remove-copy asks for it. */
  let copyToDelete: Promise<string | undefined> | undefined;
  let copyDeleted = false;
  /** The debugger made and not attached to yet. */
  let waitingFor: string | undefined;
  const deleteCopy = async (): Promise<void> => {
    const name = await copyToDelete?.catch(() => undefined);
    if (name === undefined || copyDeleted) return;
    copyDeleted = true;
    try {
      await deleteDebugCopy(session, { namespace, pod: name, signal: AbortSignal.timeout(COPY_DELETE_TIMEOUT_MS) });
      stderr(`Deleted pod ${name}.`);
    } catch (error) {
      stderr(`podscope: could not delete pod ${name}: ${error instanceof Error ? error.message : String(error)} (kubectl delete pod ${name} -n ${namespace} deletes it)`);
    }
  };
  // SIGINT, SIGTERM, SIGHUP, a closed pipe: the terminal back first, then the copy deleted, within the budget.
  const exitHandlers = installExitHandlers({
    restore: () => {
      restoreActiveHandovers();
      if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
    },
    cleanup: async () => {
      // An ephemeral container cannot be removed: say where it stays (a copy to delete is deleted next).
      if (waitingFor !== undefined && copyTo === undefined) stderr(`podscope: interrupted; ${waitingFor} stays in pod ${args.pod} and can be attached later (kubectl attach -it ${args.pod} -c ${waitingFor} -n ${namespace})`);
      await deleteCopy();
      await connection.close();
    },
  });
  const stopOnClosedPipe = onClosedPipe(() => exitHandlers.exit(CLOSED_PIPE_EXIT_CODE));
  try {
    refuseReadonly(session.contextName, effective);
    const common = {
      namespace,
      pod: args.pod,
      image: args.image,
      pullPolicy: args['image-pull-policy'],
      profile,
      command: command.length > 0 ? command : undefined,
      // Without a terminal, like kubectl debug -i: stdin but no TTY. Left for later, keep a TTY for the attach.
      stdin: true,
      tty: args.attach ? interactive : true,
    };
    const launchAudit = { namespace, image: args.image, target: args.target, profile, command, copy: copyTo !== undefined, start: started };
    let launched: { container: string; pod: string };
    if (copyTo !== undefined) {
      const creating = createDebugCopy(session, { ...common, copyTo });
      // --no-attach leaves the copy for later, whatever --remove-copy says: nobody would use it otherwise.
      if (removeCopy && args.attach) copyToDelete = creating.then((copy) => copy.pod, () => undefined);
      launched = await creating;
    } else {
      launched = await launchDebugContainer(session, { ...common, target: args.target });
    }
    const { container } = launched;
    // The session runs in the copy when there is one.
    const pod = launched.pod;
    if (copyTo !== undefined) stderr(`Created pod ${copyTo}, a copy of ${args.pod} with the debugger as an extra container.`);
    if (!args.attach) {
      await appendAuditRecord(launchRecord(session, { ...launchAudit, container, pod }, { outcome: 'launched' }), auditPath);
      out.line(cleanName(container));
      return;
    }
    stderr(`Defaulting debug container name to ${container}.`);
    waitingFor = container;
    try {
      await waitForContainer(session, { namespace, pod, container, timeoutMs, onProgress: progressPrinter(stderr) });
    } catch (error) {
      // It never ran (pod deleted, image not pulled, timeout): no session, but the container exists; the log says so.
      const why = error instanceof Error ? error.message : String(error);
      await appendAuditRecord(launchRecord(session, { ...launchAudit, container, pod }, { outcome: 'failed', error: why }), auditPath).catch(() => undefined);
      throw error;
    }
    waitingFor = undefined;

    const result = await runTerminalSession(session, {
      kind: copyTo !== undefined ? 'attach' : 'debug',
      namespace,
      pod,
      container,
      image: args.image,
      target: args.target,
      profile,
      stdin: process.stdin,
      stdout: process.stdout,
      stderr: process.stderr,
      recordDir: args.record,
      auditPath,
    });
    if (interactive) out.freshLine();
    stderr(resultLine(result, namespace, pod, container));
    if (result.castPath) stderr(`recorded to ${result.castPath}`);
    process.exitCode = result.how === 'exited' ? (result.error ? 1 : (result.exitCode ?? 0)) : result.how === 'detached' ? 0 : 1;
    if (copyTo !== undefined && !removeCopy) stderr(`Pod ${copyTo} is kept (delete it with: kubectl delete pod ${copyTo} -n ${namespace})`);
  } catch (error) {
    if (error instanceof DebugError) throw new UserError(debugErrorLine(error, namespace, args.pod));
    if (error instanceof SessionFilesError) throw new UserError(error.message);
    throw error;
  } finally {
    // --remove-copy: the copy goes whether the session ended well or not (kubectl never deletes it).
    await deleteCopy();
    stopOnClosedPipe();
    exitHandlers();
    await connection.close();
  }
}

export const debugCommand: CommandModule<object, DebugArgs> = {
  command: 'debug <pod>',
  describe: 'Add an ephemeral debug container to a running pod and attach to it (like kubectl debug -it)',
  builder: (yargs: Argv) =>
    withClusterOptions(yargs)
      .parserConfiguration({ 'populate--': true })
      .positional('pod', { type: 'string', demandOption: true, describe: 'Pod name' })
      // Image, pull policy and profile default to the config file's values for the context, then to the built-in ones.
      .option('image', { type: 'string', describe: `Image of the debug container (default: the config file's debug.image, else ${DEFAULT_DEBUG_IMAGE})` })
      .option('image-pull-policy', { type: 'string', choices: ['Always', 'IfNotPresent', 'Never'], describe: "Pull policy (default: the config file's, else the server's)" })
      .option('target', { type: 'string', describe: "Share this container's process namespace" })
      .option('profile', { type: 'string', choices: [...DEBUG_PROFILES], describe: `Security profile (kubectl debug --profile; default: the config file's, else ${DEFAULT_DEBUG_PROFILE})` })
      .option('readonly', { type: 'boolean', describe: '--no-readonly: debug even where the config file makes the context read-only' })
      .option('attach', { type: 'boolean', default: true, describe: 'Attach once it runs (--no-attach prints the container name and returns)' })
      .option('timeout', { type: 'string', nargs: 1, default: '120s', describe: 'How long to wait for the container to start' })
      .option('copy-to', { type: 'string', describe: 'Debug a copy of the pod with this name instead (for a pod that has stopped); the debugger is a regular container of the copy' })
      .option('remove-copy', { type: 'boolean', describe: 'With --copy-to: delete the copy when the session ends, however it ends (--keep-copy, the default, leaves it like kubectl)' })
      .option('keep-copy', { type: 'boolean', describe: 'With --copy-to: leave the copy when the session ends (default)' })
      .option('record', { type: 'string', describe: 'Save the session as an asciicast v2 file in this directory' })
      .usage('$0 debug <pod> [options] [-- command...]') as unknown as Argv<DebugArgs>,
  handler: runDebug,
};
