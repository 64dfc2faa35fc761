import { createRequire } from 'node:module';
import { clean } from '../../model/printable.js';
import { credentialPluginMessage } from '../errors.js';
import { CredentialError } from './credentialError.js';

const require = createRequire(import.meta.url);

/** The `exec` stanza of a kubeconfig user (client.authentication.k8s.io). */
export interface ExecConfig {
  command: string;
  args?: string[];
  env?: Array<{ name: string; value: string }>;
  apiVersion?: string;
  installHint?: string;
  provideClusterInfo?: boolean;
}

/** What the plugin printed that the requests need. */
export interface ExecCredential {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** ms since the epoch; undefined: valid until the server refuses it. */
  expiresAt?: number;
}

export interface ExecPluginOptions {
  user: string;
  /** The cluster, for plugins that ask for it (provideClusterInfo). */
  cluster?: { server: string; 'certificate-authority-data'?: string; 'insecure-skip-tls-verify'?: boolean };
  /** A plugin that has not answered by then is stopped (default 30 s). */
  timeoutMs?: number;
}

const MAX_OUTPUT = 1024 * 1024;

/**
 * Runs a credential plugin the way kubectl does (KUBERNETES_EXEC_INFO, the env it names, its
 * ExecCredential on stdout), with what a TUI needs on top: a timeout, so a plugin waiting for a
 * browser or a prompt cannot freeze the program; stdin closed; and its output never reaching the
 * terminal: stderr is kept, and only its first line, made safe, goes into the error message.
 * The credential is reused until its expirationTimestamp (or for good when it has none); callers
 * that ask while the plugin runs share that run.
 */
export class ExecPlugin {
  private cached: ExecCredential | undefined;
  private running: Promise<ExecCredential> | undefined;

  constructor(
    private readonly exec: ExecConfig,
    private readonly options: ExecPluginOptions,
  ) {}

  credential(): Promise<ExecCredential> {
    const cached = this.cached;
    // A token that expires within 10 s is fetched again rather than sent and refused.
    if (cached && (cached.expiresAt === undefined || cached.expiresAt - 10_000 > Date.now())) return Promise.resolve(cached);
    this.running ??= this.run().then(
      (credential) => {
        this.running = undefined;
        this.cached = credential;
        return credential;
      },
      (error: unknown) => {
        this.running = undefined;
        throw error;
      },
    );
    return this.running;
  }

  /** Forgets the credential (the server refused it). */
  invalidate(): void {
    this.cached = undefined;
  }

  private run(): Promise<ExecCredential> {
    // child_process (with dgram) loads when a plugin runs, not with every kubeconfig. require, not
    // import(): the bundle is a script, which has no dynamic import (scripts/build.mjs).
    const { spawn } = require('node:child_process') as typeof import('node:child_process');
    const { exec, options } = this;
    const apiVersion = exec.apiVersion ?? 'client.authentication.k8s.io/v1beta1';
    const info = { apiVersion, kind: 'ExecCredential', spec: { interactive: false, ...(exec.provideClusterInfo && options.cluster ? { cluster: options.cluster } : {}) } };
    const env: NodeJS.ProcessEnv = { ...process.env, KUBERNETES_EXEC_INFO: JSON.stringify(info) };
    for (const entry of exec.env ?? []) env[entry.name] = entry.value;
    const timeoutMs = options.timeoutMs ?? 30_000;
    const details = { command: exec.command, user: options.user };

    return new Promise((resolve, reject) => {
      const child = spawn(exec.command, exec.args ?? [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      // podscope leaving (completion's deadline, a quit) takes a plugin still running with it.
      const killOnExit = (): void => void child.kill('SIGKILL');
      process.once('exit', killOnExit);
      child.once('close', () => process.removeListener('exit', killOnExit));
      let stdout = '';
      let stderr = '';
      let settled = false;
      const finish = (outcome: ExecCredential | CredentialError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (outcome instanceof CredentialError) reject(outcome);
        else resolve(outcome);
      };
      const timer = setTimeout(() => {
        finish(new CredentialError(credentialPluginMessage('timeout', { ...details, seconds: Math.round(timeoutMs / 1000) }), true));
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
      }, timeoutMs);
      child.stdout.setEncoding('utf8');
      child.stderr.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        if (stdout.length < MAX_OUTPUT) stdout += chunk;
      });
      child.stderr.on('data', (chunk: string) => {
        if (stderr.length < MAX_OUTPUT) stderr += chunk;
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'EACCES') {
          finish(new CredentialError(credentialPluginMessage('notFound', { ...details, hint: firstLine(exec.installHint) }), false));
        } else finish(new CredentialError(credentialPluginMessage('failed', { ...details, stderr: firstLine(error.message) }), true));
      });
      child.on('close', (code) => {
        if (code !== 0) return finish(new CredentialError(credentialPluginMessage('failed', { ...details, exitCode: code, stderr: firstLine(stderr) }), true));
        const credential = parseCredential(stdout, apiVersion);
        finish(credential ?? new CredentialError(credentialPluginMessage('badOutput', { ...details, stderr: firstLine(stderr) }), true));
      });
    });
  }
}

function parseCredential(stdout: string, apiVersion: string): ExecCredential | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { kind, apiVersion: version, status } = parsed as Record<string, unknown>;
  if (kind !== 'ExecCredential' || version !== apiVersion || typeof status !== 'object' || status === null) return undefined;
  const fields = status as Record<string, unknown>;
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const credential: ExecCredential = { token: text(fields.token), clientCertificateData: text(fields.clientCertificateData), clientKeyData: text(fields.clientKeyData) };
  const expires = text(fields.expirationTimestamp);
  if (expires !== undefined && !Number.isNaN(Date.parse(expires))) credential.expiresAt = Date.parse(expires);
  const hasCertificate = credential.clientCertificateData !== undefined && credential.clientKeyData !== undefined;
  return credential.token !== undefined || hasCertificate ? credential : undefined;
}

/** The first non-blank line of a plugin's text, made safe to show (escape sequences visible) and bounded. */
function firstLine(text: string | undefined): string | undefined {
  const line = text?.split('\n').find((candidate) => candidate.trim() !== '')?.trim();
  if (!line) return undefined;
  const safe: string = clean(line);
  return safe.length > 200 ? `${safe.slice(0, 200)}…` : safe;
}
