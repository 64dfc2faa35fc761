import { expect, test } from 'vitest';
import { parseCommandLine } from '../../src/ui/commandLine.js';

test('the command line understands ns, help and quit', () => {
  expect(parseCommandLine(' ns  states ')).toEqual({ kind: 'namespace', namespace: 'states' });
  expect(parseCommandLine('ns')).toEqual({ kind: 'pickNamespace' });
  expect(parseCommandLine('namespace all')).toEqual({ kind: 'allNamespaces' });
  expect(parseCommandLine('q')).toEqual({ kind: 'quit' });
  expect(parseCommandLine('quit')).toEqual({ kind: 'quit' });
  expect(parseCommandLine('help')).toEqual({ kind: 'help' });
  expect(parseCommandLine('')).toEqual({ kind: 'none' });
  expect(parseCommandLine('ns Bad_Name').kind).toBe('error');
  expect(parseCommandLine('ns a b').kind).toBe('error');
  expect(parseCommandLine('logs')).toEqual({ kind: 'error', message: 'unknown command: logs (try ns <name>, ns, ctx, pf, q)' });
});

test('the command line understands ctx, ctx NAME and pf', () => {
  expect(parseCommandLine('ctx')).toEqual({ kind: 'contexts' });
  expect(parseCommandLine(' ctx  prod-eu ')).toEqual({ kind: 'contexts', name: 'prod-eu' });
  expect(parseCommandLine('ctx a b').kind).toBe('error');
  expect(parseCommandLine('pf')).toEqual({ kind: 'forwards' });
  expect(parseCommandLine('pf 8080').kind).toBe('error');
});
