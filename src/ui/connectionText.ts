import type { ConnectionState } from '../kube/resourceStore.js';
import { waitText } from '../model/duration.js';
import type { Glyphs } from './glyphs.js';
import { singleLine } from './text.js';

/**
 * What the header says about the pod store's connection: `live`, `connecting…`, `listing… 1500 so
 * far`, `stale: no answer for 40 s`, `throttled: retrying in 5 s`, `forbidden: …`.
 */
export function connectionText(connection: ConnectionState, glyphs: Glyphs): string {
  switch (connection.kind) {
    case 'live':
      return connection.rejected ? `live (${connection.rejected} not decodable, left out)` : 'live';
    case 'connecting':
      return `connecting${glyphs.ellipsis}`;
    case 'listing':
      return `listing${glyphs.ellipsis} ${connection.received} so far`;
    case 'stale':
      return `stale: no answer for ${waitText(connection.silentMs)}`;
    case 'throttled':
      return `throttled: retrying in ${waitText(connection.retryInMs)}`;
    case 'reconnecting':
      return `reconnecting${glyphs.ellipsis} (${singleLine(connection.error)}, attempt ${connection.attempt})`;
    case 'forbidden':
      return `forbidden: ${singleLine(connection.message)}`;
    case 'failed':
      return `failed: ${singleLine(connection.message)}`;
  }
}
