import { cleanName, type Printable } from '../../model/printable.js';

export const PREFIX_COLORS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red'] as const;
export type PrefixColor = (typeof PREFIX_COLORS)[number];

/**
 * The colour of each container's `[name]` prefix in a merged view, by its place in the pod. Log rows
 * carry the cleaned name, so the lookup goes by the cleaned names of the pod's containers (a lookup of
 * a cleaned name among the raw ones missed every name with a control in it); where two names are the
 * same once cleaned, the first one's colour.
 */
export function prefixColours(containers: readonly string[]): (container: Printable) => PrefixColor {
  const places = new Map<Printable, number>();
  containers.forEach((name, i) => {
    const shown = cleanName(name);
    if (!places.has(shown)) places.set(shown, i);
  });
  return (container) => PREFIX_COLORS[(places.get(container) ?? 0) % PREFIX_COLORS.length] ?? PREFIX_COLORS[0];
}
