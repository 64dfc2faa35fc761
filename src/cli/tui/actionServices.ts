// fs.promises, not node:fs/promises: the bundle then loads it when first used (test/e2e/firstFrameModules.test.ts).
import { promises as files } from 'node:fs';
import { join } from 'node:path';
import { podActionPermissions } from '../../kube/access/accessReview.js';
import { readPodDescription, readRawPod } from '../../kube/actions/podReads.js';
import type { ClusterSession } from '../../kube/clusterSession.js';
import { clean } from '../../model/printable.js';
import type { PodActionServices } from '../../ui/services.js';
import { auditedDelete } from '../actions/auditedDelete.js';

/** `lab-web.yaml`, with anything but name characters replaced: the name comes from the cluster. */
function fileNameFor(namespace: string, pod: string): string {
  return `${namespace}-${pod}.yaml`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * Describe, YAML, delete and kill for the explorer. Text is cleaned here, at the boundary; saving
 * writes the raw YAML. Without `canChange` (--readonly) there is no remove, so no delete or kill key.
 */
export function createPodActionServices(session: ClusterSession, options: { canChange: boolean; directory: string }): PodActionServices {
  const services: PodActionServices = {
    describe: async (pod, signal) => {
      // The describe printer and the YAML writer are loaded when first used, not for the first frame.
      const [{ pod: object, events }, { describePod }, { localUtcOffset }] = await Promise.all([
        readPodDescription(session, pod.namespace, pod.name, signal),
        import('../../model/describe/describePod.js'),
        import('../../model/describe/goFormat.js'),
      ]);
      return describePod(object, { now: new Date(), utcOffsetMinutes: localUtcOffset, events }).map((line) => clean(line));
    },
    yaml: async (pod, { showManagedFields }, signal) => {
      const [object, { objectYaml }] = await Promise.all([readRawPod(session, pod.namespace, pod.name, signal), import('../../model/objectText.js')]);
      const text = objectYaml(object, { showManagedFields, foldNote: (count) => `managedFields: ${count} entries folded (m shows them)` });
      return {
        lines: text.lines.map((line) => clean(line)),
        managedFieldsHidden: text.managedFieldsHidden,
        save: async () => {
          const path = join(options.directory, fileNameFor(pod.namespace, pod.name));
          await files.writeFile(path, `${text.lines.join('\n')}\n`, { mode: 0o600 });
          return path;
        },
      };
    },
    permissions: async (namespace) => {
      const answers = await podActionPermissions(session, namespace);
      return { deletePod: answers.deletePod, portForward: answers.portForward };
    },
  };
  if (!options.canChange) return services;
  return {
    ...services,
    remove: async (pod, kind) => {
      const outcome = await auditedDelete(session, kind, { namespace: pod.namespace, name: pod.name, uid: pod.uid, gracePeriodSeconds: kind === 'kill' ? 0 : undefined });
      if (outcome.error !== undefined) throw outcome.error;
      const result = outcome.result ?? { gone: false };
      return {
        gone: result.gone,
        ...(result.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: result.gracePeriodSeconds }),
        ...(outcome.auditProblem === undefined ? {} : { warning: outcome.auditProblem }),
      };
    },
  };
}
