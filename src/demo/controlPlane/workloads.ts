import type { JsonObject, ObjectStoreApi } from '../apiTypes.js';
import type { Behaviours } from './behaviours.js';
import type { ContainerProgram } from './containerRuntime.js';
import { stringField } from './json.js';
import { applyPodDefaults } from './podDefaults.js';
import { hashString, type Random } from './random.js';

/** What controllers stamp pods from: labels, the pod spec, and what each container's process does. */
export interface PodTemplate {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  spec: JsonObject;
  programs: Record<string, ContainerProgram>;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

export const nameSuffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** Kubernetes' pod-template-hash: FNV-32a of the template, printed in decimal, each digit mapped to a safe letter. */
export function podTemplateHash(template: PodTemplate): string {
  const hash = hashString(JSON.stringify({ labels: template.labels, spec: template.spec }));
  return [...String(hash)].map((digit) => nameSuffixAlphabet.charAt(digit.charCodeAt(0) % nameSuffixAlphabet.length)).join('');
}

export interface OwnedPodRequest {
  namespace: string;
  /** The pod name is this prefix plus five random characters (the generateName the controller sets). */
  generateName: string;
  labels: Record<string, string>;
  owner: OwnerReference;
  template: PodTemplate;
  /** Extra spec fields (a DaemonSet pod's node affinity). */
  specOverrides?: JsonObject;
}

/** What the NamespaceLifecycle admission plugin allows: no new pods in a namespace that is missing or going away. */
export function namespaceAcceptsPods(store: ObjectStoreApi, namespace: string): boolean {
  const object = store.get({ resource: 'namespaces', name: namespace });
  return object !== undefined && stringField(object, 'status', 'phase') !== 'Terminating';
}

/**
 * Creates a controller's pod through the store as the API server would store it, and registers its
 * containers' programs. The name suffix comes from the seeded stream so a seed reproduces names.
 * Undefined when the namespace refuses new pods (deleted, or being deleted).
 */
export function createOwnedPod(store: ObjectStoreApi, behaviours: Behaviours, random: Random, request: OwnedPodRequest): JsonObject | undefined {
  if (!namespaceAcceptsPods(store, request.namespace)) return undefined;
  let name = '';
  do {
    name = request.generateName + random.chars(nameSuffixAlphabet, 5);
  } while (store.get({ resource: 'pods', namespace: request.namespace, name }) !== undefined);
  const metadata: JsonObject = {
    name,
    generateName: request.generateName,
    namespace: request.namespace,
    labels: request.labels,
  };
  if (request.template.annotations !== undefined) metadata['annotations'] = request.template.annotations;
  metadata['ownerReferences'] = [{ ...request.owner, controller: true, blockOwnerDeletion: true }];
  const pod = applyPodDefaults(
    { metadata, spec: { ...structuredClone(request.template.spec), ...structuredClone(request.specOverrides ?? {}) } },
    { random: () => random.next() },
  );
  const created = store.create('pods', pod);
  const uid = stringField(created, 'metadata', 'uid');
  if (uid !== undefined) behaviours.register(uid, request.template.programs);
  return created;
}
