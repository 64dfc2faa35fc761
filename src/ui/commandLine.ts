/** What a `:` command line asks for. */
export type CommandLineAction =
  | { kind: 'namespace'; namespace: string }
  | { kind: 'pickNamespace' }
  | { kind: 'allNamespaces' }
  | { kind: 'help' }
  | { kind: 'contexts'; name?: string }
  | { kind: 'forwards' }
  | { kind: 'quit' }
  | { kind: 'none' }
  | { kind: 'error'; message: string };

const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Parses `ns`, `ns <name>`, `ns -A` / `ns all`, `ctx`, `ctx <name>`, `pf`, `help`, `q` / `quit`. */
export function parseCommandLine(text: string): CommandLineAction {
  const [verb = '', ...args] = text.trim().split(/\s+/).filter((w) => w !== '');
  switch (verb) {
    case '':
      return { kind: 'none' };
    case 'q':
    case 'quit':
      return { kind: 'quit' };
    case 'help':
      return { kind: 'help' };
    case 'ctx':
    case 'context':
    case 'contexts': {
      const [name, extra] = args;
      if (extra !== undefined) return { kind: 'error', message: `${verb} takes one context name` };
      return name === undefined ? { kind: 'contexts' } : { kind: 'contexts', name };
    }
    case 'pf':
    case 'portforward':
    case 'port-forward':
      return args.length === 0 ? { kind: 'forwards' } : { kind: 'error', message: `${verb} takes no arguments (F on a pod starts a forward)` };
    case 'ns':
    case 'namespace': {
      const [name, extra] = args;
      if (name === undefined) return { kind: 'pickNamespace' };
      if (extra !== undefined) return { kind: 'error', message: `${verb} takes one namespace` };
      if (name === '-A' || name === 'all') return { kind: 'allNamespaces' };
      if (!NAMESPACE_NAME.test(name)) return { kind: 'error', message: `not a namespace name: ${name}` };
      return { kind: 'namespace', namespace: name };
    }
    default:
      return { kind: 'error', message: `unknown command: ${verb} (try ns <name>, ns, ctx, pf, q)` };
  }
}
