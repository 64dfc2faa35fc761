import type { Container, Pod } from '../apiObjects.js';
import type { LabelPart, TreeNode } from '../containerTree.js';
import { cleanName, p, type Printable } from '../printable.js';
import { dim, group, key, leaf, value } from './nodes.js';

type Volume = NonNullable<NonNullable<Pod['spec']>['volumes']>[number];

/** What backs a volume, in a few words: `secret db-creds`, `pvc data-0`, `emptyDir`, `hostPath /var/log`. */
function volumeSource(volume: Volume | undefined): Printable | undefined {
  if (volume === undefined) return undefined;
  if (volume.secret) return p`secret ${cleanName(volume.secret.secretName ?? '')}`;
  if (volume.configMap) return p`configmap ${cleanName(volume.configMap.name ?? '')}`;
  if (volume.persistentVolumeClaim) return p`pvc ${cleanName(volume.persistentVolumeClaim.claimName)}`;
  if (volume.hostPath) return p`hostPath ${cleanName(volume.hostPath.path)}`;
  if (volume.emptyDir) return volume.emptyDir.medium === 'Memory' ? p`emptyDir (memory)` : p`emptyDir`;
  if (volume.projected) return p`projected`;
  if (volume.downwardAPI) return p`downwardAPI`;
  if (volume.csi) return p`csi ${cleanName(volume.csi.driver)}`;
  if (volume.nfs) return p`nfs ${cleanName(volume.nfs.server)}:${cleanName(volume.nfs.path)}`;
  if (volume.ephemeral) return p`ephemeral`;
  return undefined;
}

/**
 * The container's volume mounts as kubectl describe words them, sorted by path, with what backs
 * each volume: `/data from cache (rw) emptyDir`, `/etc/app from config (ro,path=app.yaml) configmap app`.
 */
export function mountsNode(id: string, container: Container, volumes: readonly Volume[] = []): TreeNode | undefined {
  const mounts = [...(container.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  if (mounts.length === 0) return undefined;
  const lines = mounts.map((mount, index) => {
    const flags = mount.readOnly === true ? p`ro` : p`rw`;
    const sub = mount.subPath ? p`,path=${cleanName(mount.subPath)}` : p``;
    const source = volumeSource(volumes.find((v) => v.name === mount.name));
    const parts: LabelPart[] = [dim(p`from`), value(cleanName(mount.name)), dim(p`(${flags}${sub})`)];
    if (source !== undefined) parts.push(dim(source));
    return leaf(`${id}/mounts/${index}`, cleanName(mount.mountPath), parts);
  });
  const title = lines.length === 1 ? p`mount` : p`mounts`;
  if (lines.length === 1 && lines[0] !== undefined) {
    return { ...lines[0], id: `${id}/mounts`, label: [key(title), ...lines[0].label.map((part, i) => (i === 0 ? value(part.text) : part))] };
  }
  return group(`${id}/mounts`, [key(title), dim(p`(${lines.length})`)], lines);
}
