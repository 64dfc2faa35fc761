import type { ResourceName } from './apiTypes.js';
import { checkFieldLabels, fieldsOf } from './fieldLabels.js';
import { labelsOf } from './jsonAccess.js';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors.js';

export interface ObjectFilter {
  matches(object: unknown): boolean;
  /** True when neither selector restricts anything (kube-apiserver then reports remainingItemCount). */
  readonly empty: boolean;
}

/** The filter that `labelSelector` and `fieldSelector` query parameters describe; throws 400 on bad input. */
export function objectFilterFromQuery(resource: ResourceName, query: URLSearchParams): ObjectFilter {
  const labels = parseLabelSelector(query.get('labelSelector') ?? '');
  const fields = parseFieldSelector(query.get('fieldSelector') ?? '');
  checkFieldLabels(resource, fields);
  const empty = labels.length === 0 && fields.length === 0;
  return {
    empty,
    // Without selectors every object matches: no labels or fields to extract (20,000 times a list page).
    matches: empty
      ? () => true
      : (object) => (labels.length === 0 || matchesLabels(labels, labelsOf(object))) && (fields.length === 0 || matchesFields(fields, fieldsOf(resource, object))),
  };
}
