import type { V1Volume } from '@kubernetes/client-node';
import type { DescribeWriter } from './describeWriter.js';

/** Go's %v of a *bool: `<nil>` when unset (kubectl would print a pointer's address when set; its value is the useful part). */
const pointerBool = (value: boolean | undefined): string => (value === undefined ? '<nil>' : String(value));
const goBool = (value: boolean | undefined): string => String(value === true);

/** A volume type kubectl describes with a title and a few fields, four spaces in. */
function typed(w: DescribeWriter, title: string, fields: ReadonlyArray<readonly [string, string | number]>): void {
  w.write(2, `Type:\t${title}\n${fields.map(([name, value]) => `    ${name}:\t${value}\n`).join('')}`);
}

function volumeSource(w: DescribeWriter, volume: V1Volume): void {
  if (volume.hostPath !== undefined) {
    typed(w, 'HostPath (bare host directory volume)', [['Path', volume.hostPath.path], ['HostPathType', volume.hostPath.type ?? '<none>']]);
  } else if (volume.emptyDir !== undefined) {
    const sizeLimit = volume.emptyDir.sizeLimit === undefined || String(volume.emptyDir.sizeLimit) === '0' ? '<unset>' : String(volume.emptyDir.sizeLimit);
    typed(w, "EmptyDir (a temporary directory that shares a pod's lifetime)", [['Medium', volume.emptyDir.medium ?? ''], ['SizeLimit', sizeLimit]]);
  } else if (volume.gitRepo !== undefined) {
    typed(w, 'GitRepo (a volume that is pulled from git when the pod is created)', [['Repository', volume.gitRepo.repository], ['Revision', volume.gitRepo.revision ?? '']]);
  } else if (volume.secret !== undefined) {
    typed(w, 'Secret (a volume populated by a Secret)', [['SecretName', volume.secret.secretName ?? ''], ['Optional', goBool(volume.secret.optional)]]);
  } else if (volume.configMap !== undefined) {
    typed(w, 'ConfigMap (a volume populated by a ConfigMap)', [['Name', volume.configMap.name ?? ''], ['Optional', goBool(volume.configMap.optional)]]);
  } else if (volume.nfs !== undefined) {
    typed(w, 'NFS (an NFS mount that lasts the lifetime of a pod)', [['Server', volume.nfs.server], ['Path', volume.nfs.path], ['ReadOnly', goBool(volume.nfs.readOnly)]]);
  } else if (volume.persistentVolumeClaim !== undefined) {
    typed(w, 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [
      ['ClaimName', volume.persistentVolumeClaim.claimName],
      ['ReadOnly', goBool(volume.persistentVolumeClaim.readOnly)],
    ]);
  } else if (volume.ephemeral !== undefined) {
    w.write(2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
    const spec = volume.ephemeral.volumeClaimTemplate?.spec;
    if (spec !== undefined) {
      w.write(2, `StorageClass:\t${spec.storageClassName ?? ''}\n`);
      w.write(2, `Volume:\t${spec.volumeName ?? ''}\n`);
      w.write(2, `Labels:\t<none>\n`);
      w.write(2, `Annotations:\t<none>\n`);
      w.write(2, `Capacity:\t\n`);
      w.write(2, `Access Modes:\t${(spec.accessModes ?? []).join(',')}\n`);
      w.write(2, `VolumeMode:\t${spec.volumeMode ?? ''}\n`);
    }
  } else if (volume.downwardAPI !== undefined) {
    w.write(2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of volume.downwardAPI.items ?? []) {
      if (item.fieldRef !== undefined) w.write(3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef !== undefined) w.write(3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (volume.projected !== undefined) {
    w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const source of volume.projected.sources ?? []) {
      if (source.secret !== undefined) w.write(2, `SecretName:\t${source.secret.name ?? ''}\n    SecretOptionalName:\t${pointerBool(source.secret.optional)}\n`);
      else if (source.downwardAPI !== undefined) w.write(2, 'DownwardAPI:\ttrue\n');
      else if (source.configMap !== undefined) w.write(2, `ConfigMapName:\t${source.configMap.name ?? ''}\n    ConfigMapOptional:\t${pointerBool(source.configMap.optional)}\n`);
      else if (source.serviceAccountToken !== undefined) w.write(2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 0}\n`);
    }
  } else if (volume.csi !== undefined) {
    typed(w, 'CSI (a Container Storage Interface (CSI) volume source)', [['Driver', volume.csi.driver], ['FSType', volume.csi.fsType ?? ''], ['ReadOnly', goBool(volume.csi.readOnly)]]);
    const attributes = volume.csi.volumeAttributes ?? {};
    const keys = Object.keys(attributes).sort();
    w.write(2, `VolumeAttributes:\t${keys.length === 0 ? '<none>\n' : ''}`);
    keys.forEach((key, index) => w.write(index === 0 ? 0 : 3, `${index === 0 ? '' : '\t'}${key}=${attributes[key] ?? ''}\n`));
  } else if (volume.image !== undefined) {
    typed(w, 'Image (a container image or OCI artifact)', [['Reference', volume.image.reference ?? ''], ['PullPolicy', volume.image.pullPolicy ?? '']]);
  } else {
    // In-tree cloud and cluster file systems (GCE PD, EBS, iSCSI, Ceph, ...): named, not detailed.
    const kind = Object.keys(volume).find((key) => key !== 'name');
    w.write(2, kind === undefined ? '<unknown>\n' : `Type:\t${kind}\n`);
  }
}

/** kubectl's describeVolumes: each volume's name, then what backs it. */
export function describeVolumes(w: DescribeWriter, volumes: readonly V1Volume[] | undefined): void {
  if (volumes === undefined || volumes.length === 0) {
    w.write(0, 'Volumes:\t<none>\n');
    return;
  }
  w.write(0, 'Volumes:\n');
  for (const volume of volumes) {
    w.write(1, `${volume.name}:\n`);
    volumeSource(w, volume);
  }
}
