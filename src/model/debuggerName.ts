import type { Pod } from './apiObjects.js';
import { allContainerNames } from './containers.js';

/** k8s.io/apimachinery's rand.String alphabet: no vowels (no accidental words) and no 0/1/3 look-alikes. */
export const NAME_SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX_LENGTH = 5;
const MAX_ATTEMPTS = 1000;

/** A random `debugger-xxxxx` name that no init, app or ephemeral container of the pod uses yet. */
export function debuggerName(pod: Pod, random: () => number): string {
  const taken = new Set(allContainerNames(pod).map((c) => c.name));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let suffix = '';
    for (let i = 0; i < SUFFIX_LENGTH; i++) {
      const index = Math.min(NAME_SUFFIX_ALPHABET.length - 1, Math.floor(random() * NAME_SUFFIX_ALPHABET.length));
      suffix += NAME_SUFFIX_ALPHABET[Math.max(0, index)];
    }
    const name = `debugger-${suffix}`;
    if (!taken.has(name)) return name;
  }
  throw new Error(`could not find a free debugger name after ${MAX_ATTEMPTS} attempts`);
}
