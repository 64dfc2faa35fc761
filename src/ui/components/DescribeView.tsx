import { useCallback } from 'react';
import { clean, p } from '../../model/printable.js';
import { usePodText } from '../hooks/usePodText.js';
import type { Region } from '../layout.js';
import type { PodActionServices, PodRef } from '../services.js';
import { TextDocument } from './TextDocument.js';

export interface DescribeViewProps {
  actions: PodActionServices;
  pod: PodRef;
  /** The pod's resourceVersion in the listed pods ('' once it left the list): a change fetches again. */
  version: string;
  region: Region;
  onClose(): void;
}

/** Events change without the pod changing; this often the view asks again while it is shown. */
const REFRESH_MS = 5_000;

/** `D`: kubectl describe of the pod with its events, kept up to date while it is shown. */
export function DescribeView({ actions, pod, version, region, onClose }: DescribeViewProps) {
  const fetch = useCallback((signal: AbortSignal) => actions.describe(pod, signal), [actions, pod]);
  const text = usePodText(fetch, `${pod.namespace}/${pod.name}`, version, version === '' ? undefined : REFRESH_MS);
  const name = clean(`${pod.namespace}/${pod.name}`);
  let status = p`live, as kubectl describe pod ${name}`;
  if (text.error !== undefined) status = text.value === undefined ? clean(text.error) : clean(`${text.error} (showing what was read before)`);
  else if (version === '') status = p`${name} is gone from the list; this is what it was`;
  else if (text.value === undefined) status = p`reading ${name}…`;
  return (
    <TextDocument
      title={p`Describe ${name}`}
      status={status}
      lines={text.value ?? []}
      region={region}
      keysHelp={p`Esc back`}
      initialWrap
      onClose={onClose}
    />
  );
}
