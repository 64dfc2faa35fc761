import type { ContainerProgram, ProcessPlan } from '../containerRuntime.js';

/**
 * A shell or plain binary running as PID 1 without a SIGTERM handler: the kernel does not apply the
 * default action to PID 1, so it keeps running until the kubelet's SIGKILL at the end of the grace period.
 */
export const ignoresTerm: ProcessPlan['onTerm'] = { ignore: true };

/** A program that handles SIGTERM by exiting cleanly shortly after. */
export function exitsOnTerm(afterMs = 150, code = 0): ProcessPlan['onTerm'] {
  return { afterMs, code };
}

/** `sleep N` as PID 1: silent, exits 0 after N seconds. */
export function sleepProgram(seconds: number): ContainerProgram {
  return () => ({ exit: { afterMs: seconds * 1000, code: 0 }, onTerm: ignoresTerm });
}

/** A process that neither prints nor ends (pause, an idle shell). */
export const silentForever: ContainerProgram = () => ({ onTerm: exitsOnTerm(50) });
