import type { IncomingMessage } from 'node:http';
import type { Pod } from '../../model/apiObjects.js';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { ClusterSession } from '../../kube/clusterSession.js';
import { ByteLineSplitter } from '../../kube/logs/lineSplitter.js';
import type { LogQuery } from '../../kube/logs/logRequest.js';
import { ReadError } from '../../kube/readError.js';
import { podPath } from '../../kube/podPaths.js';
import { DEFAULT_MAX_LOG_REQUESTS, kubectlLogPrefix, podLogContainers, SELECTOR_TAIL_LINES, tooManyStreams } from '../../model/logTargets.js';
import { parseGoDurationSeconds } from '../../model/logViewSince.js';
import { clean, cleanLogOutputLine, cleanName, EMPTY, p, prefixLogOutput, type Printable } from '../../model/printable.js';
import { cliOutput, type CliOutput } from '../output.js';
import { UserError } from '../userError.js';
import { connectFromOptions, printRetry } from '../connect.js';
import { withClusterOptions, type ClusterArgs } from '../options.js';

type LogsArgs = ClusterArgs & {
  pod?: string;
  selector?: string;
  container?: string;
  follow: boolean;
  previous: boolean;
  'all-containers': boolean;
  timestamps: boolean;
  since?: string;
  tail?: string;
  raw: boolean;
  prefix: boolean;
  'max-log-requests': number;
};

function withLogOptions<T>(yargs: Argv<T>): Argv<T & LogsArgs> {
  return withClusterOptions(yargs)
    .positional('pod', { type: 'string', describe: 'Pod name (or -l SELECTOR)' })
    .option('selector', { alias: 'l', type: 'string', describe: 'Every pod matching this label selector (app=web,tier!=db); --tail defaults to 10' })
    .option('container', { alias: 'c', type: 'string', describe: 'Container to print (default: the default-container annotation, else the first)' })
    .option('follow', { alias: 'f', type: 'boolean', default: false, describe: 'Keep printing new lines' })
    .option('previous', { alias: 'p', type: 'boolean', default: false, describe: 'The previous (crashed) instance of the container' })
    .option('all-containers', { type: 'boolean', default: false, describe: 'Every container of the pod: init, app and ephemeral' })
    .option('timestamps', { type: 'boolean', default: false, describe: "Start each line with the kubelet's RFC 3339 timestamp" })
    .option('since', { type: 'string', nargs: 1, describe: 'Only lines newer than this duration (5s, 2m, 3h)' })
    // Strings taken as they are (nargs 1), so `--tail -5` and `--since -5s` reach the checks below instead of looking like flags.
    .option('tail', { type: 'string', nargs: 1, describe: 'Lines from the end to print (-1: all; default: all, with -l: 10)' })
    .option('prefix', { type: 'boolean', default: false, describe: 'Start each line with [pod/NAME/CONTAINER]' })
    .option('max-log-requests', { type: 'number', default: DEFAULT_MAX_LOG_REQUESTS, describe: 'With -f: the most log streams followed at once' })
    .option('raw', {
      type: 'boolean',
      default: false,
      describe: 'Write the bytes exactly as the server sent them, escape sequences included (default: text only, colours kept on a colour terminal)',
    }) as Argv<T & LogsArgs>;
}

/** The containers to print of one pod, chosen as kubectl does; its notices go to stderr. */
function chooseContainers(pod: Pod, args: LogsArgs, out: CliOutput): string[] {
  const chosen = podLogContainers(pod, { container: args.container, allContainers: args['all-containers'] });
  if ('error' in chosen) throw new UserError(chosen.error);
  for (const notice of chosen.notices) out.error(notice);
  return chosen.containers;
}

function sinceSeconds(since: string | undefined): number | undefined {
  if (since === undefined) return undefined;
  const seconds = parseGoDurationSeconds(since);
  if (seconds === undefined || seconds < 0) throw new UserError(`invalid --since "${since}": use a positive duration such as 5s, 2m or 3h`);
  return seconds === 0 ? undefined : Math.max(1, Math.round(seconds));
}

/** kubectl's --tail: a whole number of lines, -1 for all. */
function tailLines(tail: string): number | undefined {
  const trimmed = tail.trim();
  if (!/^-?\d+$/.test(trimmed)) throw new UserError(`invalid --tail "${tail}": use a whole number of lines (-1: all)`);
  const lines = Number(trimmed);
  if (lines < -1) throw new UserError(`invalid --tail "${tail}": it must be -1 (all) or more`);
  return lines >= 0 ? lines : undefined;
}

/**
 * Copies the body to stdout: line by line, sanitised (no escape sequence but colours, and those only
 * on a colour terminal), or with `raw` the bytes as they came. `wholeLines`: only complete lines are
 * written at a time, so parallel streams never split a line (raw too). `prefix` goes before each line.
 */
function pipeBody(body: IncomingMessage, out: CliOutput, options: { raw: boolean; wholeLines: boolean; prefix: Printable }): Promise<void> {
  const write = lineWriter(out, options.raw, options.prefix);
  const splitter = options.raw && !options.wholeLines && options.prefix === '' ? undefined : new ByteLineSplitter();
  return new Promise((resolve, reject) => {
    body.on('data', (chunk: Buffer) => {
      if (splitter === undefined) out.rawLogBytes(chunk);
      else for (const line of splitter.push(chunk)) write(line, true);
    });
    body.on('end', () => {
      const rest = splitter?.end();
      if (rest !== undefined) write(rest, false);
      resolve();
    });
    body.on('error', reject);
  });
}

const NEWLINE = Buffer.from('\n');

/** One line (without its newline) to stdout, after `prefix`: sanitised, or with `raw` as the server sent it. */
function lineWriter(out: CliOutput, raw: boolean, prefix: Printable): (line: Buffer, newline: boolean) => void {
  const prefixBytes = Buffer.from(prefix);
  return (line, newline) => {
    if (raw) out.rawLogBytes(Buffer.concat([prefixBytes, line, ...(newline ? [NEWLINE] : [])]));
    else out.logLine(prefixLogOutput(prefix, cleanLogOutputLine(line.toString('utf8'), { keepColours: out.colour })), newline);
  };
}

interface Target {
  pod: string;
  container: string;
}

/** The pods to print: the one named, or every pod the selector picks (none: kubectl's notice, and nothing to do). */
async function podsToPrint(session: ClusterSession, namespace: string, args: LogsArgs, out: CliOutput): Promise<Pod[]> {
  // Loaded here, with the pod shapes it checks: `--help` loads this module for its options alone.
  const { listPodsBySelector, readPod } = await import('../../kube/podReads.js');
  if (args.selector === undefined) return [await readPod(session, namespace, args.pod ?? '')];
  const pods = await listPodsBySelector(session, namespace, args.selector);
  if (pods.length === 0) out.error(p`No resources found in ${cleanName(namespace)} namespace.`);
  return pods;
}

export const logsCommand: CommandModule<object, LogsArgs> = {
  command: 'logs [pod]',
  describe: "Print a container's log (or those of every pod -l picks) to stdout, exactly as kubectl logs does",
  builder: (yargs) => withLogOptions(yargs),
  handler: (args) => {
    // Bad flags are one line before anything is sent to the cluster.
    if (args.pod !== undefined && args.selector !== undefined) throw new UserError('only a selector (-l) or a POD name is allowed');
    if (args.pod === undefined && args.selector === undefined) throw new UserError('a pod name or a selector (-l) is required');
    // As kubectl: a selector means 10 lines per container unless --tail is given, even as -1.
    const tail = args.tail === undefined ? (args.selector === undefined ? undefined : SELECTOR_TAIL_LINES) : tailLines(args.tail);
    const window = { tailLines: tail, sinceSeconds: sinceSeconds(args.since) };
    if (args['all-containers'] && args.container !== undefined) throw new UserError('--container cannot be combined with --all-containers');
    const maxStreams = args['max-log-requests'];
    if (!Number.isInteger(maxStreams) || maxStreams < 1) throw new UserError(`--max-log-requests must be greater than 0, got ${String(maxStreams)}`);
    return withSession(args, async (session, namespace) => {
      // Loaded when it runs (with node:https): `--help` loads this module for its options alone.
      const [{ LogRequestError, openLogRequest }, { followLog }] = await Promise.all([import('../../kube/logs/logRequest.js'), import('../../kube/logs/logFollower.js')]);
      const out = cliOutput();
      const targets: Target[] = [];
      for (const pod of await podsToPrint(session, namespace, args, out)) {
        for (const container of chooseContainers(pod, args, out)) targets.push({ pod: pod.metadata?.name ?? '', container });
      }
      const prefixOf = (target: Target): Printable => (args.prefix ? kubectlLogPrefix(target.pod, target.container) : EMPTY);
      const refused = (error: unknown): never => {
        if (error instanceof LogRequestError) throw new UserError(error.message);
        throw error;
      };
      const print = async (target: Target): Promise<void> => {
        const query: LogQuery = { namespace, pod: target.pod, container: target.container, follow: args.follow, previous: args.previous, timestamps: args.timestamps, ...window };
        try {
          await pipeBody(await openLogRequest(session.kubeConfig, query), out, { raw: args.raw, wholeLines: false, prefix: prefixOf(target) });
        } catch (error) {
          refused(error);
        }
      };
      // Followed (not a previous instance): whole lines, and it resumes by itself when the API server goes away and comes back.
      const follow = async (target: Target): Promise<void> => {
        const write = lineWriter(out, args.raw, prefixOf(target));
        const who = args.prefix ? EMPTY : targets.length > 1 ? p`${args.selector === undefined ? EMPTY : p`${cleanName(target.pod)}/`}${cleanName(target.container)}: ` : EMPTY;
        try {
          await followLog(session.kubeConfig, {
            query: { namespace, pod: target.pod, container: target.container, previous: false, ...window },
            timestamps: args.timestamps,
            onLine: (line) => (line.at(-1) === NEWLINE[0] ? write(line.subarray(0, -1), true) : write(line, false)),
            onProblem: (message) => out.error(p`podscope: ${who}${prefixOf(target)}${clean(message)}`),
            onResumed: () => out.error(p`podscope: ${who}${prefixOf(target)}reconnected; the log goes on from where it stopped`),
          });
        } catch (error) {
          refused(error);
        }
      };
      if (args.follow && !args.previous) {
        const refusal = tooManyStreams(targets.length, maxStreams);
        if (refusal !== undefined) throw new UserError(refusal);
        await Promise.all(targets.map((target) => follow(target)));
      } else for (const target of targets) await print(target);
    });
  },
};

/** Runs the command against the cluster the flags name, with one-line errors. */
async function withSession(args: ArgumentsCamelCase<LogsArgs>, run: (session: ClusterSession, namespace: string) => Promise<void>): Promise<void> {
  const pod = args.selector === undefined ? args.pod : undefined;
  // The pod named is read first (its containers): sent alongside the connect checks.
  const readAhead = pod === undefined ? undefined : (namespace: string) => [podPath(namespace, pod)];
  const connection = await connectFromOptions(args, { onRetry: printRetry, ...(readAhead ? { readAhead } : {}) });
  try {
    await run(connection.session, connection.session.namespace);
  } catch (error) {
    if (error instanceof ReadError) throw new UserError(error.message);
    throw error;
  } finally {
    await connection.close();
  }
}
