import { useCallback, useState } from 'react';
import { clean, p, type Printable } from '../../model/printable.js';
import { usePodText } from '../hooks/usePodText.js';
import type { Region } from '../layout.js';
import type { PodActionServices, PodRef } from '../services.js';
import { TextDocument } from './TextDocument.js';

export interface YamlViewProps {
  actions: PodActionServices;
  pod: PodRef;
  version: string;
  region: Region;
  onClose(): void;
}

/** `y`: the pod as `kubectl get pod -o yaml` prints it; `m` shows or folds managedFields, `s` saves it. */
export function YamlView({ actions, pod, version, region, onClose }: YamlViewProps) {
  const [showManagedFields, setShowManagedFields] = useState(false);
  const [note, setNote] = useState<Printable | undefined>(undefined);
  const fetch = useCallback((signal: AbortSignal) => actions.yaml(pod, { showManagedFields }, signal), [actions, pod, showManagedFields]);
  const text = usePodText(fetch, `${pod.namespace}/${pod.name}/${String(showManagedFields)}`, version, undefined);
  const name = clean(`${pod.namespace}/${pod.name}`);
  const yaml = text.value;
  let status = note ?? p`as kubectl get pod -o yaml`;
  if (text.error !== undefined) status = clean(text.error);
  else if (yaml === undefined) status = p`reading ${name}…`;
  else if (note === undefined && yaml.managedFieldsHidden > 0) status = p`managedFields folded (${yaml.managedFieldsHidden} entries); m shows them`;
  return (
    <TextDocument
      title={p`YAML ${name}`}
      status={status}
      lines={yaml?.lines ?? []}
      region={region}
      keysHelp={p`m managedFields  s save`}
      initialWrap={false}
      onClose={onClose}
      onKey={(input) => {
        if (input === 'm') {
          setNote(undefined);
          setShowManagedFields(!showManagedFields);
          return true;
        }
        if (input === 's' && yaml !== undefined) {
          setNote(p`saving…`);
          yaml.save().then(
            (path) => setNote(p`saved to ${clean(path)}`),
            (error: unknown) => setNote(clean(`cannot save: ${error instanceof Error ? error.message : String(error)}`)),
          );
          return true;
        }
        return false;
      }}
    />
  );
}
