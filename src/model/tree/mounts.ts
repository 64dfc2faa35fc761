import type { Container } from '../apiObjects.js';
import type { TreeNode } from '../containerTree.js';
import { cleanName, p } from '../printable.js';
import { dim, group, key, leaf, value } from './nodes.js';

/**
 * The container's volume mounts as kubectl describe words them, sorted by path:
 * `/data from cache (rw)`, `/etc/app from config (ro,path="app.yaml")`.
 */
export function mountsNode(id: string, container: Container): TreeNode | undefined {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  if (mounts.length === 0) return undefined;
  const lines = mounts.map((mount, index) => {
    const flags = mount.readOnly === true ? p`ro` : p`rw`;
    const sub = mount.subPath ? p`,path=${cleanName(mount.subPath)}` : p``;
    return leaf(`${id}/mounts/${index}`, cleanName(mount.mountPath), [dim(p`from`), value(cleanName(mount.name)), dim(p`(${flags}${sub})`)]);
  });
  const title = lines.length === 1 ? p`mount` : p`mounts`;
  if (lines.length === 1 && lines[0] !== undefined) {
    return { ...lines[0], id: `${id}/mounts`, label: [key(title), ...lines[0].label.map((part, i) => (i === 0 ? value(part.text) : part))] };
  }
  return group(`${id}/mounts`, [key(title), dim(p`(${lines.length})`)], lines);
}
