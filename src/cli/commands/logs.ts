import type { IncomingMessage } from 'node:http';
import type { Pod } from '../../model/apiObjects.js';
import type { Argv, CommandModule } from 'yargs';
import { ByteLineSplitter } from '../../kube/logs/lineSplitter.js';
import type { LogQuery } from '../../kube/logs/logRequest.js';
import { readPod } from '../../kube/podReads.js';
import { allContainerNames, DEFAULT_CONTAINER_ANNOTATION } from '../../model/containers.js';
import { parseGoDurationSeconds } from '../../model/logViewSince.js';
import { clean, cleanLogOutputLine, cleanName, joinPrintable, p, type Printable } from '../../model/printable.js';
import { cliOutput, type CliOutput } from '../output.js';
import { UserError } from '../userError.js';
import { withPodArgument, withPodSession, type PodArgs } from './podCommand.js';

type LogsArgs = PodArgs & {
  container?: string;
  follow: boolean;
  previous: boolean;
  'all-containers': boolean;
  timestamps: boolean;
  since?: string;
  tail: string;
  raw: boolean;
};

function withLogOptions<T>(yargs: Argv<T>): Argv<T & LogsArgs> {
  return withPodArgument(yargs)
    .option('container', { alias: 'c', type: 'string', describe: 'Container to print (default: the default-container annotation, else the first)' })
    .option('follow', { alias: 'f', type: 'boolean', default: false, describe: 'Keep printing new lines' })
    .option('previous', { alias: 'p', type: 'boolean', default: false, describe: 'The previous (crashed) instance of the container' })
    .option('all-containers', { type: 'boolean', default: false, describe: 'Every container of the pod: init, app and ephemeral' })
    .option('timestamps', { type: 'boolean', default: false, describe: "Start each line with the kubelet's RFC 3339 timestamp" })
    .option('since', { type: 'string', nargs: 1, describe: 'Only lines newer than this duration (5s, 2m, 3h)' })
    // Strings taken as they are (nargs 1), so `--tail -5` and `--since -5s` reach the checks below instead of looking like flags.
    .option('tail', { type: 'string', nargs: 1, default: '-1', describe: 'Lines from the end to print (-1: all)' })
    .option('raw', {
      type: 'boolean',
      default: false,
      describe: 'Write the bytes exactly as the server sent them, escape sequences included (default: text only, colours kept on a colour terminal)',
    }) as Argv<T & LogsArgs>;
}

/** kubectl's list of a pod's containers in its "Defaulted container" notice. */
function containerList(pod: Pod): Printable {
  const spec = pod.spec;
  return joinPrintable(
    [
      ...(spec?.containers ?? []).map((c) => cleanName(c.name)),
      ...(spec?.ephemeralContainers ?? []).map((c) => p`${cleanName(c.name)} (ephem)`),
      ...(spec?.initContainers ?? []).map((c) => p`${cleanName(c.name)} (init)`),
    ],
    p`, `,
  );
}

/** The containers to print, chosen on the client side as kubectl does (the server knows no default-container). */
function chooseContainers(pod: Pod, args: LogsArgs, name: string, out: CliOutput): string[] {
  const all = allContainerNames(pod).map((ref) => ref.name);
  if (args['all-containers']) {
    if (args.container !== undefined) throw new UserError('--container cannot be combined with --all-containers');
    return all;
  }
  if (args.container !== undefined) {
    if (!all.includes(args.container)) throw new UserError(`container ${args.container} is not valid for pod ${name}`);
    return [args.container];
  }
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated !== undefined && all.includes(annotated)) return [annotated];
  const first = pod.spec?.containers?.[0]?.name;
  if (first === undefined) throw new UserError(`pod ${name} does not have any containers`);
  if (all.length > 1) out.error(p`Defaulted container "${cleanName(first)}" out of: ${containerList(pod)}`);
  return [first];
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
 * written at a time, so parallel streams never split a line (raw too).
 */
function pipeBody(body: IncomingMessage, out: CliOutput, options: { raw: boolean; wholeLines: boolean }): Promise<void> {
  const write = lineWriter(out, options.raw);
  const splitter = options.raw && !options.wholeLines ? undefined : new ByteLineSplitter();
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

/** One line (without its newline) to stdout: sanitised, or with `raw` as the server sent it. */
function lineWriter(out: CliOutput, raw: boolean): (line: Buffer, newline: boolean) => void {
  return (line, newline) => {
    if (raw) out.rawLogBytes(newline ? Buffer.concat([line, NEWLINE]) : line);
    else out.logLine(cleanLogOutputLine(line.toString('utf8'), { keepColours: out.colour }), newline);
  };
}

export const logsCommand: CommandModule<object, LogsArgs> = {
  command: 'logs <pod>',
  describe: "Print a container's log to stdout, exactly as kubectl logs does",
  builder: (yargs) => withLogOptions(yargs),
  handler: (args) => {
    // Bad flags are one line before anything is sent to the cluster.
    const window = { tailLines: tailLines(args.tail), sinceSeconds: sinceSeconds(args.since) };
    if (args['all-containers'] && args.container !== undefined) throw new UserError('--container cannot be combined with --all-containers');
    return withPodSession(args, async (session, namespace, name) => {
      // Loaded here: `--help` and the other commands do not pay for HTTPS and the log follower.
      const [{ followLog }, { LogRequestError, openLogRequest }] = await Promise.all([import('../../kube/logs/logFollower.js'), import('../../kube/logs/logRequest.js')]);
      const out = cliOutput();
      const pod = await readPod(session.coreApi, namespace, name);
      const containers = chooseContainers(pod, args, name, out);
      const base: Omit<LogQuery, 'container'> = { namespace, pod: name, follow: args.follow, previous: args.previous, timestamps: args.timestamps, ...window };
      const refused = (error: unknown): never => {
        if (error instanceof LogRequestError) throw new UserError(error.message);
        throw error;
      };
      const print = async (container: string): Promise<void> => {
        try {
          await pipeBody(await openLogRequest(session.kubeConfig, { ...base, container }), out, { raw: args.raw, wholeLines: false });
        } catch (error) {
          refused(error);
        }
      };
      // Followed (not a previous instance): whole lines, and it resumes by itself when the API server goes away and comes back.
      const follow = async (container: string): Promise<void> => {
        const write = lineWriter(out, args.raw);
        const who = containers.length > 1 ? p`${cleanName(container)}: ` : p``;
        try {
          await followLog(session.kubeConfig, {
            query: { namespace, pod: name, container, previous: false, ...window },
            timestamps: args.timestamps,
            onLine: (line) => (line.at(-1) === NEWLINE[0] ? write(line.subarray(0, -1), true) : write(line, false)),
            onProblem: (message) => out.error(p`podscope: ${who}${clean(message)}`),
            onResumed: () => out.error(p`podscope: ${who}reconnected; the log goes on from where it stopped`),
          });
        } catch (error) {
          refused(error);
        }
      };
      if (args.follow && !args.previous) await Promise.all(containers.map((container) => follow(container)));
      else for (const container of containers) await print(container);
    });
  },
};
