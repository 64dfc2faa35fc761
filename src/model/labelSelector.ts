// Label selectors as kube-apiserver parses and evaluates them (k8s.io/apimachinery pkg/labels
// selector.go, labels.Parse), with the same error texts: the pod filter's label terms and the demo
// cluster's labelSelector parameter share this one parser, so the filter selects exactly what a
// server would.

export type LabelOperator = '=' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  values: string[];
}

/** A selector the server would refuse with 400; the message is the server's. */
export class LabelSelectorError extends Error {}

type TokenKind = 'identifier' | '!' | '=' | '==' | '!=' | '(' | ')' | ',' | '>' | '<' | 'in' | 'notin' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
}

const operatorStarts = new Set(['!', '=', '(', ')', ',', '<', '>']);

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i] ?? '';
    if (isSpace(char)) {
      i += 1;
      continue;
    }
    const two = input.slice(i, i + 2);
    if (two === '==' || two === '!=') {
      tokens.push({ kind: two, text: two });
      i += 2;
      continue;
    }
    if (operatorStarts.has(char)) {
      tokens.push({ kind: char as TokenKind, text: char });
      i += 1;
      continue;
    }
    let end = i;
    while (end < input.length && !isSpace(input[end] ?? '') && !operatorStarts.has(input[end] ?? '')) end += 1;
    const text = input.slice(i, end);
    tokens.push({ kind: text === 'in' ? 'in' : text === 'notin' ? 'notin' : 'identifier', text });
    i = end;
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

const qualifiedNamePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const namePartMessage =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const valueMessage =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

function validateKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !dnsSubdomain.test(prefix))) {
    return `invalid label key "${key}": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`;
  }
  if (name.length === 0 || name.length > 63 || !qualifiedNamePart.test(name)) return `invalid label key "${key}": ${namePartMessage}`;
  return undefined;
}

function validateValue(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !qualifiedNamePart.test(value)) return `invalid label value: "${value}": at key: ${valueMessage}`;
  return undefined;
}

class LabelParser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.position] ?? { kind: 'end', text: '' };
  }

  private next(): Token {
    const token = this.peek();
    if (this.position < this.tokens.length - 1) this.position += 1;
    return token;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    if (this.peek().kind === 'end') return requirements;
    for (;;) {
      const start = this.peek();
      if (start.kind !== 'identifier' && start.kind !== '!') {
        throw new Error(`found '${start.text}', expected: !, identifier, or 'end of string'`);
      }
      requirements.push(this.requirement());
      const after = this.next();
      if (after.kind === 'end') return requirements;
      if (after.kind !== ',') throw new Error(`found '${after.text}', expected: ',' or 'end of string'`);
      const following = this.peek();
      if (following.kind !== 'identifier' && following.kind !== '!') {
        throw new Error(`found '${following.text}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): LabelRequirement {
    let negated = false;
    if (this.peek().kind === '!') {
      this.next();
      negated = true;
    }
    const keyToken = this.next();
    if (keyToken.kind !== 'identifier') {
      throw new Error(`unable to parse requirement: found '${keyToken.text}', expected: identifier`);
    }
    const keyError = validateKey(keyToken.text);
    if (keyError !== undefined) throw new Error(`unable to parse requirement: ${keyError}`);
    const key = keyToken.text;
    const following = this.peek().kind;
    if (following === 'end' || following === ',') return { key, operator: negated ? '!' : 'exists', values: [] };
    if (negated) throw new Error(`unable to parse requirement: found '${this.peek().text}', expected: ',' or 'end of string'`);
    const operatorToken = this.next();
    switch (operatorToken.kind) {
      case '=':
      case '==':
        return { key, operator: '=', values: [this.singleValue()] };
      case '!=':
        return { key, operator: '!=', values: [this.singleValue()] };
      case '>':
        return { key, operator: 'gt', values: [this.integerValue()] };
      case '<':
        return { key, operator: 'lt', values: [this.integerValue()] };
      case 'in':
        return { key, operator: 'in', values: this.valueSet() };
      case 'notin':
        return { key, operator: 'notin', values: this.valueSet() };
      default:
        throw new Error(`unable to parse requirement: found '${operatorToken.text}', expected: in, notin, =, ==, !=, gt, lt`);
    }
  }

  private singleValue(): string {
    const token = this.peek();
    if (token.kind === 'end' || token.kind === ',') return '';
    this.next();
    if (token.kind !== 'identifier' && token.kind !== 'in' && token.kind !== 'notin') {
      throw new Error(`unable to parse requirement: found '${token.text}', expected: identifier`);
    }
    const error = validateValue(token.text);
    if (error !== undefined) throw new Error(`unable to parse requirement: ${error}`);
    return token.text;
  }

  private integerValue(): string {
    const value = this.singleValue();
    if (!/^-?\d+$/.test(value)) throw new Error(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
    return value;
  }

  private valueSet(): string[] {
    const open = this.next();
    if (open.kind !== '(') throw new Error(`unable to parse requirement: found '${open.text}', expected: '('`);
    const values: string[] = [];
    for (;;) {
      const token = this.next();
      if (token.kind === ')' && values.length === 0) return values;
      if (token.kind === ',' || token.kind === ')') {
        values.push('');
        if (token.kind === ')') return values;
        continue;
      }
      if (token.kind !== 'identifier' && token.kind !== 'in' && token.kind !== 'notin') {
        throw new Error(`unable to parse requirement: found '${token.text}', expected: ',', ')' or identifier`);
      }
      const error = validateValue(token.text);
      if (error !== undefined) throw new Error(`unable to parse requirement: ${error}`);
      values.push(token.text);
      const separator = this.next();
      if (separator.kind === ')') return values;
      if (separator.kind !== ',') throw new Error(`unable to parse requirement: found '${separator.text}', expected: ',' or ')'`);
    }
  }
}

/** Parses a label selector; throws LabelSelectorError with the server's wording on bad syntax. */
export function parseLabelSelector(selector: string): LabelRequirement[] {
  try {
    return new LabelParser(tokenize(selector)).parse();
  } catch (error) {
    throw new LabelSelectorError(error instanceof Error ? error.message : String(error));
  }
}

export function matchesLabels(requirements: readonly LabelRequirement[], labels: Readonly<Record<string, string>>): boolean {
  return requirements.every((requirement) => {
    const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
    const value = has ? labels[requirement.key] : undefined;
    switch (requirement.operator) {
      case '=':
        return has && value === requirement.values[0];
      case '!=':
        return !has || value !== requirement.values[0];
      case 'in':
        return has && requirement.values.includes(value ?? '');
      case 'notin':
        return !has || !requirement.values.includes(value ?? '');
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(value ?? '')) return false;
        const actual = Number(value);
        const bound = Number(requirement.values[0]);
        return requirement.operator === 'gt' ? actual > bound : actual < bound;
      }
    }
  });
}
