import type { IncomingMessage } from 'node:http';
import type { V1Pod } from '@kubernetes/client-node';
import type { Argv, CommandModule } from 'yargs';
import { followLog } from '../../kube/logs/logFollower.js';
import { LogRequestError, openLogRequest, type LogQuery } from '../../kube/logs/logRequest.js';
import { readPod } from '../../kube/podReads.js';
import { allContainerNames, DEFAULT_CONTAINER_ANNOTATION } from '../../model/containers.js';
import { parseGoDurationSeconds } from '../../model/logViewSince.js';
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
};

function withLogOptions<T>(yargs: Argv<T>): Argv<T & LogsArgs> {
  return withPodArgument(yargs)
    .option('container', { alias: 'c', type: 'string', describe: 'Container to print (default: the default-container annotation, else the first)' })
    .option('follow', { alias: 'f', type: 'boolean', default: false, describe: 'Keep printing new lines' })
    .option('previous', { alias: 'p', type: 'boolean', default: false, describe: 'The previous (crashed) instance of the container' })
    .option('all-containers', { type: 'boolean', default: false, describe: 'Every container of the pod: init, app and ephemeral' })
    .option('timestamps', { type: 'boolean', default: false, describe: "Start each line with the kubelet's RFC 3339 timestamp" })
    .option('since', { type: 'string', nargs: 1, describe: 'Only lines newer than this duration (5s, 2m, 3h)' })
    // Strings taken as they are (nargs 1), so `--tail -5` and `--since -5s` reach the check below instead of looking like flags.
    .option('tail', { type: 'string', nargs: 1, default: '-1', describe: 'Lines from the end to print (-1: all)' }) as Argv<T & LogsArgs>;
}

/** kubectl's list of a pod's containers in its "Defaulted container" notice. */
function containerList(pod: V1Pod): string {
  const spec = pod.spec;
  return [
    ...(spec?.containers ?? []).map((c) => c.name),
    ...(spec?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/** The containers to print, chosen on the client side as kubectl does (the server knows no default-container). */
function chooseContainers(pod: V1Pod, args: LogsArgs, name: string): string[] {
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
  if (all.length > 1) process.stderr.write(`Defaulted container "${first}" out of: ${containerList(pod)}\n`);
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

/** Copies the body to stdout as the server sent it. */
function pipeBody(body: IncomingMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    body.on('data', (chunk: Buffer) => process.stdout.write(chunk));
    body.on('end', () => resolve());
    body.on('error', reject);
  });
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
      const pod = await readPod(session.coreApi, namespace, name);
      const containers = chooseContainers(pod, args, name);
      const base: Omit<LogQuery, 'container'> = { namespace, pod: name, follow: args.follow, previous: args.previous, timestamps: args.timestamps, ...window };
      const refused = (error: unknown): never => {
        if (error instanceof LogRequestError) throw new UserError(error.message);
        throw error;
      };
      const print = async (container: string): Promise<void> => {
        try {
          await pipeBody(await openLogRequest(session.kubeConfig, { ...base, container }));
        } catch (error) {
          refused(error);
        }
      };
      // Followed (not a previous instance): resumes by itself when the API server goes away and comes back.
      const follow = async (container: string): Promise<void> => {
        const prefix = containers.length > 1 ? `${container}: ` : '';
        try {
          await followLog(session.kubeConfig, {
            query: { namespace, pod: name, container, previous: false, ...window },
            timestamps: args.timestamps,
            onLine: (line) => process.stdout.write(line),
            onProblem: (message) => process.stderr.write(`podscope: ${prefix}${message}\n`),
            onResumed: () => process.stderr.write(`podscope: ${prefix}reconnected; the log goes on from where it stopped\n`),
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
