import { WebSocketServer, type WebSocket } from 'ws';
import { stringAt } from '../jsonAccess.js';
import type { PodNetwork } from '../network/podNetwork.js';
import type { Route, UpgradeContext } from '../router.js';
import { badRequest, notFound } from '../status.js';
import { negotiateProtocol } from '../streams/channelProtocol.js';
import { dialPod, type ForwardedPod } from '../streams/portForwardDialer.js';
import { portForwardProtocol, SpdyPortForward } from '../streams/spdyPortForward.js';
import { serveWebSocketPortForward } from '../streams/webSocketPortForward.js';
import { streamAccess } from './streamRoutes.js';
import { refuse, upgradeStream } from './streamUpgrade.js';

const portForwardPath = '/api/v1/namespaces/:namespace/pods/:name/portforward';

/** The `ports` parameters (also comma-separated), checked as the kubelet parses them; undefined after a refusal was written. */
function requestedPorts(context: UpgradeContext): number[] | undefined {
  const values = context.query.getAll('ports').flatMap((value) => value.split(','));
  if (values.length === 0) {
    refuse(context.socket, 400, 'Bad Request', 'query parameter "port" is required');
    return undefined;
  }
  const ports: number[] = [];
  for (const value of values) {
    const port = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || port < 1 || port > 65535) {
      refuse(context.socket, 400, 'Bad Request', `unable to parse "${value}" as a port: strconv.ParseUint: parsing "${value}": invalid syntax`);
      return undefined;
    }
    ports.push(port);
  }
  return ports;
}

function forwardedPod(context: UpgradeContext): ForwardedPod {
  const namespace = context.params['namespace'] ?? '';
  const name = context.params['name'] ?? '';
  const pod = context.server.store.get({ resource: 'pods', namespace, name });
  if (pod === undefined) throw notFound('pods', name);
  if ((stringAt(pod, 'spec', 'nodeName') ?? '') === '') throw badRequest(`pod ${name} does not have a host assigned`);
  return { uid: stringAt(pod, 'metadata', 'uid') ?? '', namespace, name };
}

/**
 * pods/{name}/portforward as kube-apiserver 1.24 and its kubelet serve it: the channel WebSocket
 * (ports in the query) and SPDY/3.1 (ports in each stream's headers), both reaching the real sockets
 * the demo's containers listen on (network/podNetwork.ts).
 */
export function portForwardRoutes(network: PodNetwork | undefined): Route[] {
  const websockets = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => negotiateProtocol([...protocols]) ?? false });

  const upgrade = (context: UpgradeContext): void => {
    const pod = forwardedPod(context);
    const dial = (port: number) => dialPod(network, pod, port);
    upgradeStream(context, websockets, {
      spdyProtocol: portForwardProtocol,
      onSpdy: (socket) => new SpdyPortForward(socket, dial),
      onWebSocket: (protocol) => {
        const ports = requestedPorts(context);
        return ports === undefined ? undefined : (webSocket: WebSocket) => serveWebSocketPortForward(webSocket, protocol, ports, dial);
      },
    });
  };

  return (['GET', 'POST'] as const).map((method) => ({ method, path: portForwardPath, access: streamAccess('portforward'), upgrade }));
}
