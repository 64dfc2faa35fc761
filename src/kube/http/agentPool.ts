import { createHash } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions, type RequestOptions } from 'node:https';
import { createSecureContext } from 'node:tls';

/**
 * Idle keep-alive sockets are closed after this long (or sooner when the server's Keep-Alive
 * header says so): well under the idle timeouts of kube-apiserver (90 s) and common load balancers
 * (60 s), so a pooled socket is rarely one the other side has already dropped.
 */
const IDLE_SOCKET_MS = 30_000;

/** Agents kept at once; more only when certificates rotate or many contexts are opened. */
const MAX_AGENTS = 8;

type PooledAgent = HttpAgent | HttpsAgent;

const agents = new Map<string, PooledAgent>();

/** The fields of request options that decide which TLS connection a request may share. */
const TLS_FIELDS = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'servername', 'rejectUnauthorized', 'ciphers', 'crl', 'secureProtocol'] as const;

function fingerprint(origin: string, options: RequestOptions): string {
  const hash = createHash('sha256').update(origin);
  for (const field of TLS_FIELDS) {
    const value: unknown = options[field];
    hash.update(`\0${field}=`);
    if (value === undefined || value === null) continue;
    for (const part of Array.isArray(value) ? value : [value]) hash.update(Buffer.isBuffer(part) ? part : String(part));
  }
  return hash.digest('base64');
}

/**
 * One keep-alive agent per API server and TLS identity (CA, client certificate and key, server
 * name, verification): requests of a command, and of a TUI session, share their connections
 * instead of paying a TLS handshake each (client-node's applyToHTTPSOptions makes a new agent per
 * request). Credentials in headers are still applied per request. Idle sockets are unref'd by
 * node's agent, so they never keep a one-shot command from exiting. No socket limit: watches and
 * log follows each hold one for as long as they run.
 */
export function pooledAgent(url: URL, options: RequestOptions): PooledAgent {
  const key = fingerprint(url.origin, options);
  const known = agents.get(key);
  if (known !== undefined) {
    // Most recently used last, so the oldest is the one dropped.
    agents.delete(key);
    agents.set(key, known);
    return known;
  }
  const agentOptions = { keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' as const };
  const agent: PooledAgent = url.protocol === 'http:' ? new HttpAgent(agentOptions) : httpsAgent(agentOptions, options);
  agents.set(key, agent);
  if (agents.size > MAX_AGENTS) {
    const [oldestKey, oldest] = agents.entries().next().value ?? [];
    if (oldestKey !== undefined) agents.delete(oldestKey);
    if (oldest !== undefined) dropIdleSockets(oldest);
  }
  return agent;
}

/**
 * With one secure context for all its connections: given a CA or a client certificate, tls.connect
 * otherwise parses them again (and builds a new context) for every connection.
 */
function httpsAgent(agentOptions: AgentOptions, options: RequestOptions): HttpsAgent {
  const picked: Partial<Record<(typeof TLS_FIELDS)[number], unknown>> = {};
  for (const field of TLS_FIELDS) if (options[field] !== undefined) picked[field] = options[field];
  const tlsOptions = picked as AgentOptions;
  return new HttpsAgent({ ...agentOptions, ...tlsOptions, secureContext: createSecureContext(tlsOptions) });
}

/** Closes the agent's idle sockets (requests in flight keep theirs): the next request connects anew. */
export function dropIdleSockets(agent: PooledAgent): void {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
}
