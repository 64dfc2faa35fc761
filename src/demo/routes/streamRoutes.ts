import { WebSocketServer, type WebSocket } from 'ws';
import type { JsonObject } from '../apiTypes.js';
import { parseBoolean } from '../http.js';
import { arrayAt, isJsonObject, objectAt, stringAt } from '../jsonAccess.js';
import type { Route, RouteAccess, UpgradeContext } from '../router.js';
import { badRequest, notFound } from '../status.js';
import { negotiateProtocol } from '../streams/channelProtocol.js';
import { ChannelStream } from '../streams/channelStream.js';
import type { ContainerProcesses } from '../streams/containerProcesses.js';
import type { SessionStream, StreamFlags } from '../streams/sessionStream.js';
import { SpdyStream, spdyProtocolVersion } from '../streams/spdyStream.js';
import { refuse, upgradeStream } from './streamUpgrade.js';

const podPath = '/api/v1/namespaces/:namespace/pods/:name';
const containerLists = ['containers', 'initContainers', 'ephemeralContainers'] as const;
const statusLists = ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses'] as const;

/** kube-apiserver authorizes the upgrade GET as `get` and the SPDY-style POST as `create`. */
export function streamAccess(subresource: string): RouteAccess {
  return {
    kind: 'resource',
    attributes: (params, _query, method) => ({
      verb: method === 'POST' ? 'create' : 'get',
      resource: 'pods',
      subresource,
      namespace: params['namespace'],
      name: params['name'],
    }),
  };
}


function containerSpec(pod: JsonObject, name: string): JsonObject | undefined {
  for (const list of containerLists) {
    const found = arrayAt(pod, 'spec', list).filter(isJsonObject).find((container) => stringAt(container, 'name') === name);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isRunning(pod: JsonObject, name: string): boolean {
  return statusLists.some((list) =>
    arrayAt(pod, 'status', list)
      .filter(isJsonObject)
      .some((status) => stringAt(status, 'name') === name && objectAt(status, 'state', 'running') !== undefined),
  );
}

/** The `container` parameter, or the pod's only container. */
function containerName(pod: JsonObject, query: URLSearchParams): string {
  const requested = query.get('container') ?? '';
  if (requested !== '') return requested;
  const names = arrayAt(pod, 'spec', 'containers').map((container) => stringAt(container, 'name') ?? '');
  if (names.length === 1) return names[0] ?? '';
  throw badRequest(`a container name must be specified for pod ${stringAt(pod, 'metadata', 'name') ?? ''}, choose one of: [${names.join(' ')}]`);
}

function flagsOf(query: URLSearchParams): StreamFlags {
  const tty = parseBoolean(query.get('tty'));
  return { stdin: parseBoolean(query.get('stdin')), stdout: parseBoolean(query.get('stdout')), stderr: parseBoolean(query.get('stderr')) && !tty, tty };
}

interface StreamTarget {
  namespace: string;
  pod: string;
  container: string;
  spec: JsonObject;
  flags: StreamFlags;
}

/** Checks the request like kube-apiserver and the kubelet would; undefined when a refusal was already written. */
function resolveTarget(context: UpgradeContext): StreamTarget | undefined {
  const { params, query, server, socket } = context;
  const namespace = params['namespace'] ?? '';
  const name = params['name'] ?? '';
  const pod = server.store.get({ resource: 'pods', namespace, name });
  if (pod === undefined) throw notFound('pods', name);
  const flags = flagsOf(query);
  if (!flags.stdin && !flags.stdout && !flags.stderr) throw badRequest('you must specify at least one of stdin, stdout, stderr');
  const container = containerName(pod, query);
  const spec = containerSpec(pod, container);
  if (spec === undefined) throw badRequest(`container ${container} is not valid for pod ${name}`);
  if ((stringAt(pod, 'spec', 'nodeName') ?? '') === '') throw badRequest(`pod ${name} does not have a host assigned`);
  if (!isRunning(pod, container)) {
    refuse(socket, 500, 'Internal Server Error', `container ${container} not found in pod ${name}_${namespace}`);
    return undefined;
  }
  return { namespace, pod: name, container, spec, flags };
}


/** Switches the connection to the client's transport and hands over the session once it is ready. */
function upgradeTo(context: UpgradeContext, websockets: WebSocketServer, flags: StreamFlags, onOpen: (stream: SessionStream) => void): void {
  upgradeStream(context, websockets, {
    spdyProtocol: spdyProtocolVersion,
    onSpdy: (socket) => {
      const stream = new SpdyStream(socket, flags);
      stream.onReady(() => onOpen(stream));
    },
    onWebSocket: (protocol) => (webSocket: WebSocket) => onOpen(new ChannelStream(webSocket, protocol, flags)),
  });
}

/**
 * WebSocket exec and attach (pods/{name}/exec, pods/{name}/attach) with kube-apiserver 1.24's
 * channel protocols (and SPDY/3.1, kubectl's fallback), served by real local processes (see streams/localProcess.ts).
 */
export function streamRoutes(processes: ContainerProcesses): Route[] {
  const websockets = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => negotiateProtocol([...protocols]) ?? false,
  });

  const exec = (context: UpgradeContext): void => {
    const command = context.query.getAll('command');
    if (command.length === 0) throw badRequest('you must specify at least 1 command');
    const target = resolveTarget(context);
    if (target === undefined) return;
    upgradeTo(context, websockets, target.flags, (stream) => {
      processes.exec({ namespace: target.namespace, pod: target.pod, image: stringAt(target.spec, 'image') ?? '', command }, stream);
    });
  };

  const attach = (context: UpgradeContext): void => {
    const target = resolveTarget(context);
    if (target === undefined) return;
    upgradeTo(context, websockets, target.flags, (stream) => {
      // Containers without a shell process of ours (app containers, shell-less images) attach silently.
      processes.attach(target.namespace, target.pod, target.container, stream);
    });
  };

  return ['GET', 'POST'].flatMap((method) => [
    { method: method as 'GET' | 'POST', path: `${podPath}/exec`, access: streamAccess('exec'), upgrade: exec },
    { method: method as 'GET' | 'POST', path: `${podPath}/attach`, access: streamAccess('attach'), upgrade: attach },
  ]);
}
