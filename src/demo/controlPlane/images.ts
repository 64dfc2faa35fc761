import { createHash } from 'node:crypto';

/**
 * Image references as containerd reports them: "busybox:latest" → "docker.io/library/busybox:latest".
 * A digest reference keeps its digest; a reference without tag or digest gets ":latest".
 */
export function normalizeImage(reference: string): string {
  const firstSlash = reference.indexOf('/');
  const firstPart = firstSlash === -1 ? '' : reference.slice(0, firstSlash);
  const hasDomain = firstSlash !== -1 && (firstPart.includes('.') || firstPart.includes(':') || firstPart === 'localhost');
  let name = reference;
  if (!hasDomain) name = firstSlash === -1 ? `docker.io/library/${reference}` : `docker.io/${reference}`;
  const lastSlash = name.lastIndexOf('/');
  const tail = name.slice(lastSlash + 1);
  if (!tail.includes(':') && !name.includes('@')) name += ':latest';
  return name;
}

/** The image name without tag or digest ("docker.io/library/redis"). */
export function imageRepository(normalized: string): string {
  const at = normalized.indexOf('@');
  const withoutDigest = at === -1 ? normalized : normalized.slice(0, at);
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

/** What the API server defaults imagePullPolicy to: Always for ":latest" or untagged images. */
export function defaultPullPolicy(reference: string): 'Always' | 'IfNotPresent' {
  if (reference.includes('@')) return 'IfNotPresent';
  return normalizeImage(reference).endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

// The image IDs the recorded cluster reported for the images it had imported by hand.
const recordedImageIds: Readonly<Record<string, string>> = {
  'docker.io/library/busybox:latest': 'sha256:ce50f85f7bacf5d4352a5aa523f958a82759d23470942b237950feb0e1b8484a',
  'registry.k8s.io/pause:3.7': 'sha256:9d2bbc1afa436220d93741b5c2314152e941d6a4d41dc9ec08808444783c6e94',
};

function digestOf(normalized: string): string {
  return createHash('sha256').update(`podscope-demo:${normalized}`).digest('hex');
}

/** status.containerStatuses[].imageID: the image's digest, as a repo digest for pulled images. */
export function imageIdFor(normalized: string): string {
  const recorded = recordedImageIds[normalized];
  if (recorded !== undefined) return recorded;
  return `${imageRepository(normalized)}@sha256:${digestOf(normalized)}`;
}

/** How long pulling `normalized` takes (ms), stable per image: bigger for app images than for tiny ones. */
export function pullDurationMs(normalized: string): number {
  const byte = Number.parseInt(digestOf(normalized).slice(0, 4), 16) / 0xffff;
  return Math.round(350 + byte * 1300);
}
