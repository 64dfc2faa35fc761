// Images known to carry no shell at all; everything else (busybox, alpine, ubuntu, netshoot, app
// images built on a distribution) is played by the host's /bin/sh.
const shellLessImages = [/(^|\/)pause(:|@|$)/, /^gcr\.io\/distroless\//, /(^|\/)distroless\//, /^registry\.k8s\.io\/pause/];

/** Whether a container of `image` has a shell (and the other usual binaries) to exec. */
export function imageHasShell(image: string): boolean {
  return !shellLessImages.some((pattern) => pattern.test(image));
}
