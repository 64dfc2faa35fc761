import type { Container } from '../apiObjects.js';
import type { LabelPart, TreeNode } from '../containerTree.js';
import { cleanName, joinPrintable, p, type Printable } from '../printable.js';
import { dim, key, leaf, value } from './nodes.js';

type Quantities = Readonly<Record<string, string | number>> | undefined;

/** `cpu=100m,memory=64Mi`, sorted by resource name as kubectl describe lists them; undefined when empty. */
export function quantityList(list: Quantities): Printable | undefined {
  const names = Object.keys(list ?? {}).sort();
  if (names.length === 0) return undefined;
  return joinPrintable(
    names.map((name) => p`${cleanName(name)}=${cleanName(String(list?.[name] ?? ''))}`),
    p`,`,
  );
}

/** `resources requests cpu=100m,memory=64Mi limits memory=128Mi`, or `resources none`. */
export function resourcesNode(id: string, container: Container): TreeNode {
  const parts: LabelPart[] = [];
  const requests = quantityList(container.resources?.requests);
  const limits = quantityList(container.resources?.limits);
  if (requests !== undefined) parts.push(key(p`requests`), value(requests));
  if (limits !== undefined) parts.push(key(p`limits`), value(limits));
  if (parts.length === 0) parts.push(dim(p`none`));
  return leaf(`${id}/resources`, p`resources`, parts);
}
