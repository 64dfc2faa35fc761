import type { KubeErrorDescription } from './errors.js';

/** A one-shot read failed; the message is the one line to show. */
export class ReadError extends Error {
  override readonly name = 'ReadError';
  constructor(readonly problem: KubeErrorDescription) {
    super(problem.message);
  }
}
