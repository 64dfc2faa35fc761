import { Observable, type ConfigurationOptions } from '@kubernetes/client-node';

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
