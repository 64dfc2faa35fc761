import { LabelSelectorError, parseLabelSelector as parseSelector, type LabelRequirement } from '../model/labelSelector.js';
import { badRequest } from './status.js';

// Label and field selectors as kube-apiserver parses them (k8s.io/apimachinery labels and fields
// packages), with the same error messages, so clients see the 400s a real server would give. The
// label grammar lives in src/model/labelSelector.ts, shared with the pod filter.

export { matchesLabels, type LabelOperator, type LabelRequirement } from '../model/labelSelector.js';

export type FieldOperator = '=' | '!=';

export interface FieldRequirement {
  field: string;
  operator: FieldOperator;
  value: string;
}

/** Parses a `labelSelector` query value; throws a 400 ApiError on bad syntax. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  try {
    return parseSelector(selector);
  } catch (error) {
    throw error instanceof LabelSelectorError ? badRequest(error.message) : error;
  }
}

/** Splits on a separator not preceded by a backslash escape. */
function splitUnescaped(input: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < input.length; i++) {
    const char = input[i] ?? '';
    if (char === '\\' && i + 1 < input.length) {
      current += char + (input[i + 1] ?? '');
      i += 1;
    } else if (char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function unescapeFieldValue(value: string): string | undefined {
  let result = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? '';
    if (char === '\\') {
      const escaped = value[i + 1];
      if (escaped !== '\\' && escaped !== ',' && escaped !== '=') return undefined;
      result += escaped;
      i += 1;
    } else if (char === ',' || char === '=') {
      return undefined;
    } else {
      result += char;
    }
  }
  return result;
}

/** Index of the first unescaped occurrence of `operator` in `term`, or -1. */
function indexOfOperator(term: string, operator: string): number {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '\\') {
      i += 1;
      continue;
    }
    if (term.startsWith(operator, i)) return i;
  }
  return -1;
}

/** Parses a `fieldSelector` query value (`a=b,c!=d`, `==` accepted); throws a 400 ApiError on bad syntax. */
export function parseFieldSelector(selector: string): FieldRequirement[] {
  if (selector.trim() === '') return [];
  return splitUnescaped(selector, ',').map((term) => {
    for (const operator of ['!=', '==', '='] as const) {
      const at = indexOfOperator(term, operator);
      if (at < 0) continue;
      const value = unescapeFieldValue(term.slice(at + operator.length));
      if (value === undefined) break;
      return { field: term.slice(0, at).trim(), operator: operator === '!=' ? '!=' : '=', value };
    }
    throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
  });
}

export function matchesFields(requirements: readonly FieldRequirement[], fields: Readonly<Record<string, string>>): boolean {
  return requirements.every((requirement) => {
    const value = fields[requirement.field] ?? '';
    return requirement.operator === '=' ? value === requirement.value : value !== requirement.value;
  });
}
