import type { V1Namespace } from '@kubernetes/client-node';
import type { ConnectionState } from '../kube/resourceStore.js';
import { rankByName } from '../model/nameMatch.js';

/** Namespace names are DNS labels; anything else typed would only produce a confusing 404. */
export const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface NamespaceChoices {
  names: readonly string[];
  /** The namespaces cannot be listed (forbidden, failed): the choices are what was typed and the kubeconfig's. */
  unlisted: boolean;
}

/**
 * What the picker offers for the typed text: the listed namespaces that match, best match first
 * (an exact name, then a prefix, a substring, fuzzy). Where they cannot be listed, the typed name
 * and the kubeconfig's namespace, so the user is never stuck.
 */
export function namespaceChoices(namespaces: readonly V1Namespace[], connection: ConnectionState, text: string, fallback: string): NamespaceChoices {
  const typed = text.trim();
  const unlisted = connection.kind === 'forbidden' || connection.kind === 'failed';
  if (unlisted) {
    const typedChoice = NAMESPACE_NAME.test(typed) ? [typed] : [];
    return { names: [...typedChoice, ...(fallback !== '' && fallback !== typed ? [fallback] : [])], unlisted };
  }
  const names = namespaces.map((n) => n.metadata?.name ?? '').filter((n) => n !== '').sort();
  const matching = rankByName(names, typed, (n) => n);
  // A name typed in full can be chosen even when the list does not show it; choosing it says whether it exists.
  if (matching.length === 0 && NAMESPACE_NAME.test(typed)) return { names: [typed], unlisted };
  return { names: matching, unlisted };
}
