import type { KubeEvent, Pod } from '../apiObjects.js';
import type { Printable } from '../printable.js';

/** Which rule explained the pod: stable names for tests, colours and the table's marker. */
export type DiagnosisCode =
  | 'terminating'
  | 'unschedulable'
  | 'schedulingGated'
  | 'notScheduled'
  | 'podFailed'
  | 'initFailing'
  | 'initRunning'
  | 'initWaiting'
  | 'imagePull'
  | 'containerConfig'
  | 'oomKilled'
  | 'crashLoop'
  | 'exited'
  | 'probeFailing'
  | 'notReady'
  | 'waiting'
  | 'restarted'
  | 'unknown';

export type DiagnosisSeverity = 'failed' | 'warning' | 'progressing';

/** A log the line would quote: the container's last lines, of its previous instance or of this one. */
export interface LogWanted {
  container: string;
  previous: boolean;
}

/** The last lines of a container's log, as read for a LogWanted (raw: the model cleans them). */
export interface LogTail extends LogWanted {
  lines: readonly string[];
}

/** Why one pod is not healthy, in one line of plain words. */
export interface Diagnosis {
  code: DiagnosisCode;
  severity: DiagnosisSeverity;
  /** The container the line is about, if it is about one. */
  container?: string;
  text: Printable;
  /** The log whose last lines would complete the line, when it has not been given one. */
  logWanted?: LogWanted;
}

export interface DiagnosisInput {
  pod: Pod;
  /** The events about this pod (any order; others are ignored). */
  events: readonly KubeEvent[];
  now: Date;
  /** The log the previous call asked for (Diagnosis.logWanted), when it could be read. */
  logTail?: LogTail;
  /** `x` instead of `×` (the locale is not UTF-8). */
  ascii?: boolean;
}
