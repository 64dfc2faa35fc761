import type { V1Pod } from '@kubernetes/client-node';
import type { JsonObject } from '../apiTypes.js';
import { stringAt } from '../jsonAccess.js';
import { podColumns } from '../../model/podColumns.js';
import { ageColumn, column, nameColumn, type TablePrinter } from './columns.js';

const podColumnDefinitions = [
  nameColumn,
  column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  ageColumn,
  column('IP', 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', { priority: 1 }),
  column(
    'Node',
    'NodeName is a request to schedule this pod onto a specific node. If it is non-empty, the scheduler simply schedules this pod onto that node, assuming that it fits resource requirements.',
    { priority: 1 },
  ),
  column(
    'Nominated Node',
    'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.',
    { priority: 1 },
  ),
  column(
    'Readiness Gates',
    'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
    { priority: 1 },
  ),
];

// kube-apiserver marks the rows of finished pods with this condition (clients may use it to hide them).
const completedConditions: Record<string, JsonObject> = {
  Succeeded: { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
  Failed: { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
};

export const podTable: TablePrinter = {
  columns: podColumnDefinitions,
  row(pod, now) {
    // Raw JSON carries timestamps as strings; podColumns accepts Date | string (see src/model).
    const columns = podColumns(pod as unknown as V1Pod, now);
    const cells = [
      columns.name,
      columns.ready,
      columns.status,
      columns.restarts,
      columns.age,
      columns.ip,
      columns.node,
      columns.nominatedNode,
      columns.readinessGates,
    ];
    const condition = completedConditions[stringAt(pod, 'status', 'phase') ?? ''];
    return condition === undefined ? { cells } : { cells, conditions: [condition] };
  },
};
