import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { ClusterSession } from '../../kube/clusterSession.js';
import { ReadError } from '../../kube/readError.js';
import { connectFromOptions, printRetry } from '../connect.js';
import { withClusterOptions, type ClusterArgs } from '../options.js';
import { UserError } from '../userError.js';

export type PodArgs = ClusterArgs & { pod: string };

export function withPodArgument<T>(yargs: Argv<T>): Argv<T & PodArgs> {
  return withClusterOptions(yargs).positional('pod', { type: 'string', demandOption: true, describe: 'Pod name' }) as Argv<T & PodArgs>;
}

/** Runs a one-shot command against the pod named on the command line, with one-line errors. */
export async function withPodSession(
  args: ArgumentsCamelCase<PodArgs>,
  run: (session: ClusterSession, namespace: string, pod: string) => Promise<void>,
  /** The paths `run` GETs first (podPath, podEventsPath): sent alongside the connect checks. */
  readAhead?: (namespace: string, pod: string) => string[],
): Promise<void> {
  const connection = await connectFromOptions(args, { onRetry: printRetry, ...(readAhead ? { readAhead: (namespace: string) => readAhead(namespace, args.pod) } : {}) });
  try {
    await run(connection.session, connection.session.namespace, args.pod);
  } catch (error) {
    if (error instanceof ReadError) throw new UserError(error.message);
    throw error;
  } finally {
    await connection.close();
  }
}
