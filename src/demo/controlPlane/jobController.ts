import type { JsonObject, ObjectStoreApi } from '../apiTypes.js';
import type { Clock } from '../clock.js';
import type { Behaviours } from './behaviours.js';
import type { EventRecorder, ObjectReference } from './eventRecorder.js';
import { objectList, stringField } from './json.js';
import type { Random } from './random.js';
import { TimerGroup } from './timers.js';
import { createOwnedPod, type OwnerReference, type PodTemplate } from './workloads.js';
import type { WorkloadObjects } from './workloadObjects.js';

/** A run-to-completion Job (one completion); its template's restartPolicy is Never or OnFailure. */
export interface JobWorkload {
  namespace: string;
  name: string;
  backoffLimit: number;
  template: PodTemplate;
  /** The CronJob whose run this Job is. */
  cronJob?: { name: string; schedule: string };
}

interface ManagedJob {
  workload: JobWorkload;
  owner: OwnerReference;
  failures: number;
  done: boolean;
  /** Pod names already counted as failed. */
  counted: Set<string>;
  pending: boolean;
}

/**
 * The Job controller: one pod at a time; a failed pod is replaced after the Job back-off (10 s, 20 s, …)
 * until backoffLimit failures, a succeeded pod completes the Job.
 */
export class JobController {
  private readonly jobs = new Map<string, ManagedJob>();
  private readonly timers: TimerGroup;

  constructor(
    private readonly store: ObjectStoreApi,
    private readonly clock: Clock,
    private readonly events: EventRecorder,
    private readonly behaviours: Behaviours,
    private readonly random: Random,
    private readonly objects?: WorkloadObjects,
  ) {
    this.timers = new TimerGroup(clock);
  }

  add(workload: JobWorkload): void {
    const random = this.random.fork(`Job/${workload.namespace}/${workload.name}`);
    const job: ManagedJob = {
      workload,
      owner: { apiVersion: 'batch/v1', kind: 'Job', name: workload.name, uid: random.uuid() },
      failures: 0,
      done: false,
      counted: new Set(),
      pending: false,
    };
    this.jobs.set(job.owner.uid, job);
    this.register(job, random);
    this.createPod(job);
  }

  /** The objects a GET of the pod's owner chain finds: the Job and its CronJob, if any. */
  private register(job: ManagedJob, random: Random): void {
    const { workload } = job;
    const createdAt = this.clock.now();
    const template = { metadata: { labels: { ...workload.template.labels } }, spec: workload.template.spec };
    let controller: OwnerReference | undefined;
    if (workload.cronJob !== undefined) {
      controller = { apiVersion: 'batch/v1', kind: 'CronJob', name: workload.cronJob.name, uid: random.fork('cronjob').uuid() };
      this.objects?.register({
        owner: controller,
        namespace: workload.namespace,
        spec: { schedule: workload.cronJob.schedule, jobTemplate: { spec: { backoffLimit: workload.backoffLimit, template } } },
        createdAt,
      });
    }
    this.objects?.register({
      owner: job.owner,
      namespace: workload.namespace,
      labels: workload.template.labels,
      spec: { backoffLimit: workload.backoffLimit, completions: 1, parallelism: 1, template },
      createdAt,
      ...(controller !== undefined ? { controller } : {}),
    });
  }

  podChanged(pod: JsonObject, removed: boolean): void {
    const owner = objectList(pod, 'metadata', 'ownerReferences').find((reference) => reference['controller'] === true);
    const job = owner === undefined ? undefined : this.jobs.get(stringField(owner, 'uid') ?? '');
    if (job === undefined || job.done) return;
    const name = stringField(pod, 'metadata', 'name') ?? '';
    const phase = stringField(pod, 'status', 'phase');
    if (phase === 'Succeeded') {
      job.done = true;
      this.event(job, 'Normal', 'Completed', 'Job completed');
      return;
    }
    if (phase === 'Failed' && !job.counted.has(name)) {
      job.counted.add(name);
      job.failures += 1;
      if (job.failures > job.workload.backoffLimit) {
        job.done = true;
        this.event(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
        return;
      }
      this.replaceAfter(job, 10_000 * 2 ** (job.failures - 1));
      return;
    }
    // A running pod deleted from under the Job is replaced at once.
    if (removed && phase !== 'Failed') this.replaceAfter(job, Math.round(this.random.between(30, 150)));
  }

  stop(): void {
    this.timers.close();
  }

  private replaceAfter(job: ManagedJob, delayMs: number): void {
    if (job.pending) return;
    job.pending = true;
    this.timers.after(delayMs, () => {
      job.pending = false;
      if (!job.done) this.createPod(job);
    });
  }

  private createPod(job: ManagedJob): void {
    const pod = createOwnedPod(this.store, this.behaviours, this.random, {
      namespace: job.workload.namespace,
      generateName: `${job.workload.name}-`,
      labels: { ...job.workload.template.labels, 'controller-uid': job.owner.uid, 'job-name': job.workload.name },
      owner: job.owner,
      template: job.workload.template,
    });
    if (pod === undefined) return;
    this.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${stringField(pod, 'metadata', 'name') ?? ''}`);
  }

  private event(job: ManagedJob, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const reference: ObjectReference = { ...job.owner, namespace: job.workload.namespace };
    this.events.record({ component: 'job-controller' }, reference, type, reason, message);
  }
}
