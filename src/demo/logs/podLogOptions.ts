import { ApiError, badRequest, invalid } from '../status.js';

/** The query of `pods/{name}/log`, decoded and validated as kube-apiserver does before it looks at the pod. */
export interface PodLogOptions {
  /** Empty when not given: the server then picks the pod's only container. */
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  /** Milliseconds since the epoch, whole seconds: the API server hands it to the kubelet as RFC 3339 without fractions. */
  sinceTime?: number;
}

/** Query booleans as apimachinery converts them: present and not "0"/"false" (any case) means true, even when empty. */
function queryBoolean(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  return value !== '0' && value.toLowerCase() !== 'false';
}

const maxInt64 = 9223372036854775807n;

/** Go's strconv.ParseInt(value, 10, 64), with its error text. */
function queryInteger(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^[+-]?\d+$/.test(value)) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`);
  const big = BigInt(value);
  if (big > maxInt64 || big < -maxInt64 - 1n) throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(value)}: value out of range`);
  return Number(big);
}

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** metav1.Time from a query parameter (RFC 3339), truncated to whole seconds. */
function queryTime(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  const millis = rfc3339.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(millis)) {
    throw badRequest(`parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(value)} as "2006"`);
  }
  return Math.floor(millis / 1000) * 1000;
}

/**
 * Decodes the log options (400 for a malformed number or time) and validates them like
 * ValidatePodLogOptions (422 `PodLogOptions "<pod>" is invalid: ...`).
 */
export function parsePodLogOptions(query: URLSearchParams, podName: string): PodLogOptions {
  const options: PodLogOptions = {
    container: query.get('container') ?? '',
    follow: queryBoolean(query, 'follow'),
    previous: queryBoolean(query, 'previous'),
    timestamps: queryBoolean(query, 'timestamps'),
  };
  const sinceSeconds = queryInteger(query, 'sinceSeconds');
  const sinceTime = queryTime(query, 'sinceTime');
  const tailLines = queryInteger(query, 'tailLines');
  const limitBytes = queryInteger(query, 'limitBytes');
  if (sinceSeconds !== undefined) options.sinceSeconds = sinceSeconds;
  if (sinceTime !== undefined) options.sinceTime = sinceTime;
  if (tailLines !== undefined) options.tailLines = tailLines;
  if (limitBytes !== undefined) options.limitBytes = limitBytes;
  const error = validationError(options, podName);
  if (error !== undefined) throw error;
  return options;
}

function validationError(options: PodLogOptions, podName: string): ApiError | undefined {
  const causes: Array<{ field: string; message: string; reason: string }> = [];
  if (options.tailLines !== undefined && options.tailLines < 0) {
    causes.push({ field: 'tailLines', message: `Invalid value: ${options.tailLines}: must be greater than or equal to 0`, reason: 'FieldValueInvalid' });
  }
  if (options.limitBytes !== undefined && options.limitBytes < 1) {
    causes.push({ field: 'limitBytes', message: `Invalid value: ${options.limitBytes}: must be greater than 0`, reason: 'FieldValueInvalid' });
  }
  if (options.sinceSeconds !== undefined && options.sinceTime !== undefined) {
    causes.push({ field: '', message: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified', reason: 'FieldValueForbidden' });
  } else if (options.sinceSeconds !== undefined && options.sinceSeconds < 1) {
    causes.push({ field: 'sinceSeconds', message: `Invalid value: ${options.sinceSeconds}: must be greater than 0`, reason: 'FieldValueInvalid' });
  }
  return causes.length === 0 ? undefined : invalid('PodLogOptions', 'pods', podName, causes);
}
