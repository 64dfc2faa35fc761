import { writeFile } from 'node:fs/promises';

export interface DemoKubeconfigOptions {
  server: string;
  token: string;
  namespace: string;
  contextName?: string;
  /** PEM of the server's certificate; without it TLS verification is skipped (needed for http://). */
  certificateAuthority?: string;
  /** A second user who may only look (get, list, watch), with a context `<context>-readonly` for it. */
  readonlyToken?: string;
}

/** The read-only context of a demo kubeconfig whose admin context is `context`. */
export function readonlyContextName(context: string): string {
  return `${context}-readonly`;
}

/** YAML double-quoted scalar; JSON string syntax is valid YAML and escapes everything needed. */
function quoted(value: string): string {
  return JSON.stringify(value);
}

/**
 * A kubeconfig for the demo cluster, trusting its self-signed certificate. Without one (a plain
 * HTTP server) it sets `insecure-skip-tls-verify`, which @kubernetes/client-node requires for http://.
 */
export function demoKubeconfig(options: DemoKubeconfigOptions): string {
  const context = options.contextName ?? 'podscope-demo';
  const users = [{ user: `${context}-admin`, token: options.token, context }];
  if (options.readonlyToken !== undefined) users.push({ user: `${context}-viewer`, token: options.readonlyToken, context: readonlyContextName(context) });
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${quoted(context)}`,
    '  cluster:',
    `    server: ${quoted(options.server)}`,
    options.certificateAuthority === undefined
      ? '    insecure-skip-tls-verify: true'
      : `    certificate-authority-data: ${Buffer.from(options.certificateAuthority).toString('base64')}`,
    'users:',
    ...users.flatMap((entry) => [`- name: ${quoted(entry.user)}`, '  user:', `    token: ${quoted(entry.token)}`]),
    'contexts:',
    ...users.flatMap((entry) => [
      `- name: ${quoted(entry.context)}`,
      '  context:',
      `    cluster: ${quoted(context)}`,
      `    user: ${quoted(entry.user)}`,
      `    namespace: ${quoted(options.namespace)}`,
    ]),
    `current-context: ${quoted(context)}`,
    'preferences: {}',
    '',
  ].join('\n');
}

/** Writes `demoKubeconfig(options)` to `path`, readable by the owner only (it holds a token). */
export async function writeDemoKubeconfig(path: string, options: DemoKubeconfigOptions): Promise<void> {
  await writeFile(path, demoKubeconfig(options), { mode: 0o600 });
}
