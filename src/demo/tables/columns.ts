import type { JsonObject } from '../apiTypes.js';

/** metav1.TableColumnDefinition. */
export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export function column(name: string, description: string, options: { priority?: number; format?: string; type?: string } = {}): ColumnDefinition {
  return { name, type: options.type ?? 'string', format: options.format ?? '', description, priority: options.priority ?? 0 };
}

// Descriptions are the OpenAPI field docs kube-apiserver copies into its column definitions.
export const nameColumn = column(
  'Name',
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: http://kubernetes.io/docs/user-guide/identifiers#names',
  { format: 'name' },
);

export const ageColumn = column(
  'Age',
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata',
);

export type Cell = string | number | boolean;

/** One row before the object is attached according to `includeObject`. */
export interface TableRowCells {
  cells: Cell[];
  conditions?: JsonObject[];
}

/** How a resource prints as a server-side Table. */
export interface TablePrinter {
  columns: readonly ColumnDefinition[];
  row(object: JsonObject, now: Date): TableRowCells;
}
