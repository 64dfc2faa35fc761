import type { JsonObject, ResourceName } from '../apiTypes.js';
import { notAcceptable, badRequest } from '../status.js';
import type { TablePrinter } from './columns.js';
import { eventTable } from './eventTable.js';
import { namespaceTable } from './namespaceTable.js';
import { podTable } from './podTable.js';

export type IncludeObject = 'None' | 'Object' | 'Metadata';

/** A client asked for `application/json;as=Table;v=…;g=meta.k8s.io`, as `kubectl get` does. */
export interface TableRequest {
  version: 'v1' | 'v1beta1';
  includeObject: IncludeObject;
}

const printers: Record<ResourceName, TablePrinter> = { pods: podTable, events: eventTable, namespaces: namespaceTable };

export function tablePrinterFor(resource: ResourceName): TablePrinter {
  return printers[resource];
}

interface MediaRange {
  type: string;
  parameters: Map<string, string>;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [type = '', ...rest] = part.split(';').map((piece) => piece.trim());
      const parameters = new Map<string, string>();
      for (const parameter of rest) {
        const equals = parameter.indexOf('=');
        if (equals > 0) parameters.set(parameter.slice(0, equals).trim().toLowerCase(), parameter.slice(equals + 1).trim());
      }
      return { type: type.toLowerCase(), parameters };
    });
}

const jsonTypes = new Set(['application/json', 'application/*', '*/*']);
export const servedMediaTypes = ['application/json'];

function includeObjectFrom(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  if (value === null || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'None' || value === 'Object') return value;
  throw badRequest(`includeObject: Unsupported value: "${value}": supported values: "Metadata", "None", "Object"`);
}

/**
 * Content negotiation the way kube-apiserver does it: the first acceptable media range wins, a Table
 * only when asked for explicitly, plain JSON for `application/json`; 406 when nothing fits.
 */
export function negotiateTable(accept: string | undefined, query: URLSearchParams): TableRequest | undefined {
  if (accept === undefined || accept.trim() === '') return undefined;
  for (const range of parseAccept(accept)) {
    if (!jsonTypes.has(range.type)) continue;
    const as = range.parameters.get('as');
    if (as === undefined) return undefined;
    const version = range.parameters.get('v');
    if (as === 'Table' && range.parameters.get('g') === 'meta.k8s.io' && (version === 'v1' || version === 'v1beta1')) {
      return { version, includeObject: includeObjectFrom(query) };
    }
  }
  throw notAcceptable(servedMediaTypes);
}

export interface TableListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

function rowObject(object: JsonObject, request: TableRequest): JsonObject | null {
  if (request.includeObject === 'None') return null;
  if (request.includeObject === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${request.version}`, metadata: object['metadata'] ?? {} };
}

/**
 * A metav1.Table of `objects`. In a watch stream only the first event carries the column
 * definitions (kube-apiserver sets NoHeaders after it), the rest have `columnDefinitions: null`.
 */
export function buildTable(
  printer: TablePrinter,
  objects: readonly JsonObject[],
  listMeta: TableListMeta,
  request: TableRequest,
  now: Date,
  options: { withHeaders?: boolean } = {},
): JsonObject {
  const rows = objects.map((object) => {
    const { cells, conditions } = printer.row(object, now);
    const row: JsonObject = { cells };
    if (conditions !== undefined) row['conditions'] = conditions;
    row['object'] = rowObject(object, request);
    return row;
  });
  const metadata: JsonObject = { resourceVersion: listMeta.resourceVersion };
  if (listMeta.continue !== undefined) metadata['continue'] = listMeta.continue;
  if (listMeta.remainingItemCount !== undefined) metadata['remainingItemCount'] = listMeta.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${request.version}`,
    metadata,
    columnDefinitions: options.withHeaders === false ? null : printer.columns,
    rows,
  };
}
