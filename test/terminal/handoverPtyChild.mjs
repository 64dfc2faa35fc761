// Run by handoverPty.test.ts inside a pseudo-terminal: hands the real terminal to an attach session
// (the built dist/ code), then reports the state stdin was left in.
import { loadClusterConfig } from '../../dist/kube/kubeconfig.js';
import { connectCluster } from '../../dist/kube/clusterSession.js';
import { runTerminalSession } from '../../dist/terminal/handoverSession.js';

const [kubeconfig, namespace, pod, container] = process.argv.slice(2);
const session = await connectCluster(loadClusterConfig({ kubeconfig, namespace }));
const result = await runTerminalSession(session, { kind: 'attach', namespace, pod, container, stdin: process.stdin, stdout: process.stdout, auditPath: null });
process.stdout.write(`\r\nRESULT ${JSON.stringify(result)}\r\n`);
process.stdout.write(`STDIN raw=${process.stdin.isRaw} paused=${process.stdin.isPaused()} data=${process.stdin.listenerCount('data')} resize=${process.stdout.listenerCount('resize')}\r\n`);
session.close();
