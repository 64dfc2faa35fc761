import type { ConfigurationOptions } from '@kubernetes/client-node';
// The file, not the package's index: see the client-node-slim plugin in scripts/build.mjs.
import { Observable } from '@kubernetes/client-node/dist/gen/rxjsStub.js';

/** Per-call options for client-node's typed APIs that tie the request to an AbortSignal. */
export function withSignal(signal: AbortSignal): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (context) => {
          context.setSignal(signal);
          return new Observable(Promise.resolve(context));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}
