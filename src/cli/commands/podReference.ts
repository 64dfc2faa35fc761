import { UserError } from '../userError.js';

const POD_TYPES = new Set(['pod', 'pods', 'po']);

/**
 * The pod a kubectl-style command names: `NAME`, `pod NAME` or `pod/NAME` (and `pods`, `po`).
 * Other resource types are not podscope's business, said the way kubectl says an unknown type.
 */
export function podNameOf(first: string, second: string | undefined): string {
  if (second !== undefined) {
    if (!POD_TYPES.has(first)) throw new UserError(`podscope works on pods: the resource type "${first}" is not one`);
    return second;
  }
  const slash = first.indexOf('/');
  if (slash >= 0) {
    const type = first.slice(0, slash);
    if (!POD_TYPES.has(type)) throw new UserError(`podscope works on pods: the resource type "${type}" is not one`);
    return first.slice(slash + 1);
  }
  return first;
}
