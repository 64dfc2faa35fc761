import { numberAt, objectAt, stringAt } from '../jsonAccess.js';
import { humanDuration } from '../../model/duration.js';
import { timestampMillis } from '../timestamps.js';
import { column, nameColumn, type TablePrinter } from './columns.js';

const eventColumnDefinitions = [
  column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column('Reason', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
  column('Object', 'The object that this event is about.'),
  column(
    'Subobject',
    'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
    { priority: 1 },
  ),
  column('Source', 'The component reporting this event. Should be a short machine understandable string.', { priority: 1 }),
  column('Message', 'A human-readable description of the status of this operation.'),
  column('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', { priority: 1 }),
  column('Count', 'The number of times this event has occurred.', { priority: 1 }),
  { ...nameColumn, priority: 1 },
];

function since(millis: number | undefined, now: Date): string {
  return millis === undefined ? '<unknown>' : humanDuration(now.getTime() - millis);
}

function firstNonEmpty(...values: Array<string | undefined>): string {
  return values.find((value) => value !== undefined && value !== '') ?? '';
}

export const eventTable: TablePrinter = {
  columns: eventColumnDefinitions,
  row(event, now) {
    const eventTime = timestampMillis(event['eventTime']);
    const firstSeen = timestampMillis(event['firstTimestamp']) ?? eventTime;
    const series = objectAt(event, 'series');
    let lastSeen = timestampMillis(event['lastTimestamp']) ?? eventTime;
    let count = numberAt(event, 'count') ?? 0;
    if (series !== undefined) {
      lastSeen = timestampMillis(series['lastObservedTime']) ?? lastSeen;
      count = numberAt(series, 'count') ?? count;
    } else if (count === 0) {
      // Events written through events.k8s.io (the scheduler's) carry no count: they happened once.
      count = 1;
    }
    const component = firstNonEmpty(stringAt(event, 'source', 'component'), stringAt(event, 'reportingComponent'));
    const instance = firstNonEmpty(stringAt(event, 'source', 'host'), stringAt(event, 'reportingInstance'));
    const kind = (stringAt(event, 'involvedObject', 'kind') ?? '').toLowerCase();
    const cells = [
      since(lastSeen, now),
      stringAt(event, 'type') ?? '',
      stringAt(event, 'reason') ?? '',
      `${kind}/${stringAt(event, 'involvedObject', 'name') ?? ''}`,
      stringAt(event, 'involvedObject', 'fieldPath') ?? '',
      instance === '' ? component : `${component}, ${instance}`,
      stringAt(event, 'message') ?? '',
      since(firstSeen, now),
      count,
      stringAt(event, 'metadata', 'name') ?? '',
    ];
    return { cells };
  },
};
