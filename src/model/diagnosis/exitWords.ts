import type { ContainerStateTerminated } from '../apiObjects.js';
import { humanDuration } from '../duration.js';
import { clean, EMPTY, p, type Printable } from '../printable.js';
import { toMillis } from '../time.js';
import type { ContainerFacts } from './podContainers.js';

/** Reasons the runtime gives a plain non-zero exit: saying them again adds nothing to "exited 1". */
const PLAIN_EXIT_REASONS = new Set(['Error', 'Completed', '']);

export function isOomKilled(terminated: ContainerStateTerminated | undefined): boolean {
  return terminated?.reason === 'OOMKilled';
}

/**
 * How one run of a container ended: `exceeded its 20Mi memory limit (exit 137)` for an OOM kill,
 * else `exited 1 after 2s`, with the runtime's reason when it is not the plain one, the signal and
 * the termination message.
 */
export function exitWords(container: ContainerFacts, terminated: ContainerStateTerminated): Printable {
  const exit = terminated.signal ? p`exit ${terminated.exitCode}, signal ${terminated.signal}` : p`exit ${terminated.exitCode}`;
  let words: Printable;
  if (isOomKilled(terminated)) {
    const limit = container.spec.resources?.limits?.['memory'];
    words = limit === undefined ? p`ran out of memory with no memory limit set (${exit})` : p`exceeded its ${clean(String(limit))} memory limit (${exit})`;
  } else {
    const reason = terminated.reason ?? '';
    const why = PLAIN_EXIT_REASONS.has(reason) ? EMPTY : p` (${clean(reason)})`;
    const started = toMillis(terminated.startedAt);
    const finished = toMillis(terminated.finishedAt);
    const ran = started !== undefined && finished !== undefined ? p` after ${humanDuration(finished - started)}` : EMPTY;
    words = terminated.signal ? p`was killed by signal ${terminated.signal}${why}${ran}` : p`exited ${terminated.exitCode}${why}${ran}`;
  }
  const message = (terminated.message ?? '').trim();
  return message === '' ? words : p`${words}, message: ${clean(message)}`;
}
