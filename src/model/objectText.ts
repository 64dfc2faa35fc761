import { Document, visit } from 'yaml';

/** What `get -o yaml|json` prints of an object: kubectl hides metadata.managedFields unless asked. */
export interface ObjectTextOptions {
  showManagedFields: boolean;
}

/** The printed text, and how many managedFields entries were left out (0 when shown or none). */
export interface ObjectText {
  lines: string[];
  managedFieldsHidden: number;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const FOLDED = '\u0000managedFields folded';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Keys in Go's order (encoding/json and yaml sort map keys), recursively. */
function sortedKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value === 'object' && value !== null) {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) out[key] = sortedKeys(child);
    }
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return null;
}

function withoutManagedFields(object: unknown, placeholder: string | undefined): { object: unknown; hidden: number } {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return { object, hidden: 0 };
  const metadata = (object as Record<string, unknown>)['metadata'];
  if (typeof metadata !== 'object' || metadata === null || !('managedFields' in metadata)) return { object, hidden: 0 };
  const entries = (metadata as Record<string, unknown>)['managedFields'];
  const hidden = Array.isArray(entries) ? entries.length : 1;
  const { managedFields: _removed, ...rest } = metadata as Record<string, unknown>;
  const kept = placeholder === undefined ? rest : { ...rest, managedFields: placeholder };
  return { object: { ...(object as Record<string, unknown>), metadata: kept }, hidden };
}

/**
 * `kubectl get -o yaml`: keys sorted, sequences not indented under their key, YAML 1.1 quoting (so
 * `on`, `yes` or `0755` stay strings for kubectl and other YAML 1.1 readers) and no line folding.
 * Control characters end up escaped inside double quotes; lines are raw text all the same, to be
 * cleaned before they reach a terminal. With `foldNote`, hidden managedFields leave a comment
 * in their place (the file stays valid YAML).
 */
export function objectYaml(object: unknown, options: ObjectTextOptions & { foldNote?: (count: number) => string }): ObjectText {
  const { object: shown, hidden } = options.showManagedFields ? { object, hidden: 0 } : withoutManagedFields(object, options.foldNote === undefined ? undefined : FOLDED);
  const document = new Document(sortedKeys(shown), { version: '1.1', aliasDuplicateObjects: false });
  // A string with a tab or another control character is written double-quoted, where YAML escapes
  // it: the text then holds no raw control character and still reads back as the same string.
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && CONTROL.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  const text = document.toString({ indentSeq: false, lineWidth: 0 });
  const lines = text.replace(/\n$/, '').split('\n');
  const note = options.foldNote;
  return {
    lines: note === undefined ? lines : lines.map((line) => (line.includes('\\0managedFields folded') ? line.replace(/^(\s*)managedFields: .*$/, `$1# ${note(hidden)}`) : line)),
    managedFieldsHidden: hidden,
  };
}

/** Go's json.MarshalIndent escapes these for HTML safety and line separators. */
function goEscapes(text: string): string {
  return text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** `kubectl get -o json`: keys sorted, four spaces of indentation, Go's escapes. */
export function objectJson(object: unknown, options: ObjectTextOptions): ObjectText {
  const { object: shown, hidden } = options.showManagedFields ? { object, hidden: 0 } : withoutManagedFields(object, undefined);
  return { lines: goEscapes(JSON.stringify(sortedKeys(shown), null, 4)).split('\n'), managedFieldsHidden: hidden };
}
