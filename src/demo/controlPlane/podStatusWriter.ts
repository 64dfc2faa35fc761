import { initStatusView, statusView } from './containerRecord.js';
import { objectField, stringField } from './json.js';
import type { PodSession } from './podSession.js';
import { buildPodStatus, podPhase, type PodStatusView } from './podStatus.js';
import { qosClass } from './resources.js';

/** Turns what the kubelet knows about the pod into its status and writes it to the API server. */
export class PodStatusWriter {
  constructor(private readonly session: PodSession) {}

  /** Undefined until the kubelet has picked the pod up. */
  view(): PodStatusView | undefined {
    const { session } = this;
    if (session.startTime === undefined) return undefined;
    const view: PodStatusView = {
      restartPolicy: session.restartPolicy(),
      hostIP: session.context.node.hostIP,
      startTime: session.startTime,
      initContainers: session.records.filter((record) => record.kind === 'init').map(initStatusView),
      containers: session.records.filter((record) => record.kind === 'app').map(statusView),
      ephemeralContainers: session.records.filter((record) => record.kind === 'ephemeral').map(statusView),
      qosClass: stringField(session.pod, 'status', 'qosClass') ?? qosClass(objectField(session.pod, 'spec') ?? {}),
    };
    if (session.podIP !== undefined) view.podIP = session.podIP;
    return view;
  }

  /** The pod has Succeeded or Failed: nothing runs in it any more. */
  isTerminal(): boolean {
    const view = this.view();
    if (view === undefined) return false;
    const phase = podPhase(view);
    return phase === 'Succeeded' || phase === 'Failed';
  }

  /** One store update of the pod's status (skipped if the pod was replaced by one with another uid). */
  write(): void {
    const { session } = this;
    if (session.finished) return;
    const view = this.view();
    if (view === undefined) return;
    const now = session.now();
    const updated = session.context.store.update(session.podKey(), (pod) => {
      if (stringField(pod, 'metadata', 'uid') !== session.uid) return;
      pod['status'] = buildPodStatus(view, objectField(pod, 'status'), now);
    });
    if (updated !== undefined && stringField(updated, 'metadata', 'uid') === session.uid) session.pod = updated;
  }
}
