import { stdout, type ContainerProgram } from '../containerRuntime.js';
import { klogLine } from '../logGenerator.js';
import { demoNodes } from '../nodes.js';
import { exitsOnTerm } from './common.js';

/** kube-system components' start-up output. */

export const coredns: ContainerProgram = () => ({
  script: [
    {
      afterMs: 0,
      lines: [
        stdout('.:53'),
        stdout('[INFO] plugin/reload: Running configuration MD5 = db32ca3650231d74073ff4cf814959a7'),
        stdout('CoreDNS-1.8.6'),
        stdout('linux/amd64, go1.17.1, 13a9191'),
      ],
    },
  ],
  onTerm: { afterMs: 5000, code: 0, lines: [stdout('[INFO] SIGTERM: Shutting down servers then terminating'), stdout('[INFO] plugin/health: Going into lameduck mode for 5s')] },
});

export const kubeProxy: ContainerProgram = (context) => ({
  script: [
    {
      afterMs: 0,
      lines: () => [
        klogLine(context, 'I', 'node.go:163', `Successfully retrieved node IP: ${context.podIP}`),
        klogLine(context, 'I', 'server_others.go:138', `"Detected node IP" address="${context.podIP}"`),
        klogLine(context, 'I', 'server_others.go:206', '"Using iptables Proxier"'),
        klogLine(context, 'I', 'server.go:661', '"Version info" version="v1.24.17"'),
        klogLine(context, 'I', 'config.go:317', '"Starting service config controller"'),
        klogLine(context, 'I', 'shared_informer.go:255', 'Waiting for caches to sync for service config'),
      ],
    },
    { afterMs: 100, lines: () => [klogLine(context, 'I', 'shared_informer.go:262', 'Caches are synced for service config')] },
  ],
  onTerm: exitsOnTerm(100),
});

export const metricsServer: ContainerProgram = (context) => ({
  script: [
    {
      afterMs: 0,
      lines: () => [
        klogLine(context, 'I', 'serving.go:342', 'Generated self signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)'),
        klogLine(context, 'I', 'requestheader_controller.go:169', 'Starting RequestHeaderAuthRequestController'),
        klogLine(context, 'I', 'secure_serving.go:266', 'Serving securely on [::]:4443'),
      ],
    },
  ],
  steady: () => ({
    afterMs: 60_000 + context.random.int(60_000),
    lines: () => {
      const node = context.random.pick(demoNodes);
      return [klogLine(context, 'E', 'scraper.go:140', `"Failed to scrape node" err="Get \\"https://${node.hostIP}:10250/metrics/resource\\": context deadline exceeded" node="${node.name}"`)];
    },
  }),
  onTerm: exitsOnTerm(200),
});
