import { imageOf, type ContainerRecord } from './containerRecord.js';
import { formatGoDuration } from './goDuration.js';
import { stringField } from './json.js';
import { kubeletLatency as latency } from './kubeletLatency.js';
import type { PodSession } from './podSession.js';
import type { PodStatusWriter } from './podStatusWriter.js';

/**
 * The first step of a container start: the image, by its pull policy. Present images are used, missing
 * ones pulled; a failed pull puts the image in back-off (ErrImagePull, then ImagePullBackOff).
 */
export class ContainerImageStep {
  constructor(
    private readonly session: PodSession,
    private readonly status: PodStatusWriter,
  ) {}

  /**
   * Calls `onPresent` once the image is on the node. Otherwise the container is left waiting with the
   * reason, no longer busy, and a sync is scheduled for the retry.
   */
  prepare(record: ContainerRecord, onPresent: () => void): void {
    const { session } = this;
    const image = imageOf(record);
    const policy = stringField(record.spec, 'imagePullPolicy') ?? 'IfNotPresent';
    const images = session.context.images;
    if (policy === 'Never' || (policy === 'IfNotPresent' && images.has(image))) {
      if (!images.has(image)) {
        const message = `Container image "${image}" is not present with pull policy of Never`;
        this.fail(record, 'ErrImageNeverPull', message, session.between(latency.resync));
        session.event(record, 'Warning', 'ErrImageNeverPull', message);
        session.event(record, 'Warning', 'Failed', 'Error: ErrImageNeverPull');
        return;
      }
      session.event(record, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      onPresent();
      return;
    }
    const backoffKey = `${session.uid}_${image}`;
    const imageBackoff = session.context.imageBackoff;
    if (imageBackoff.isInBackOffSinceUpdate(backoffKey, session.now())) {
      const message = `Back-off pulling image "${image}"`;
      this.fail(record, 'ImagePullBackOff', message, session.between(latency.resync));
      session.event(record, 'Normal', 'BackOff', message);
      session.event(record, 'Warning', 'Failed', 'Error: ImagePullBackOff');
      return;
    }
    session.event(record, 'Normal', 'Pulling', `Pulling image "${image}"`);
    record.cancelPull = images.pull(image, (result) => {
      record.cancelPull = undefined;
      if (session.finished || session.terminating) {
        record.busy = false;
        return;
      }
      if (result.ok) {
        const pulled = formatGoDuration(result.pullMs * 1_000_000 + session.random.int(1_000_000));
        const total = formatGoDuration(result.totalMs * 1_000_000 + session.random.int(1_000_000));
        session.event(record, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${pulled} (${total} including waiting)`);
        onPresent();
        return;
      }
      imageBackoff.next(backoffKey, session.now());
      session.event(record, 'Warning', 'Failed', `Failed to pull image "${image}": ${result.message}`);
      session.event(record, 'Warning', 'Failed', 'Error: ErrImagePull');
      this.fail(record, 'ErrImagePull', result.message, session.between(latency.afterPullFailure));
      this.status.write();
    });
  }

  private fail(record: ContainerRecord, reason: string, message: string, retryInMs: number): void {
    const { session } = this;
    record.busy = false;
    record.state = { kind: 'waiting', reason, message };
    record.retryAt = session.now() + retryInMs;
    session.scheduleSync(retryInMs);
  }
}
