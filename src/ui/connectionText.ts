import type { ConnectionState } from '../kube/resourceStore.js';
import type { Glyphs } from './glyphs.js';
import { waitText } from '../model/duration.js';
import { clean, p, type Printable } from '../model/printable.js';

/**
 * What the header says about the pod store's connection: `live`, `connecting…`, `listing… 1500 so
 * far`, `stale: no answer for 40 s`, `throttled: retrying in 5 s`, `forbidden: …`.
 */
export function connectionText(connection: ConnectionState, glyphs: Glyphs): Printable {
  switch (connection.kind) {
    case 'live':
      return connection.rejected ? p`live (${connection.rejected} not decodable, left out)` : p`live`;
    case 'connecting':
      return p`connecting${glyphs.ellipsis}`;
    case 'listing':
      return p`listing${glyphs.ellipsis} ${connection.received} so far`;
    case 'stale':
      return p`stale: no answer for ${clean(waitText(connection.silentMs))}`;
    case 'throttled':
      return p`throttled: retrying in ${clean(waitText(connection.retryInMs))}`;
    case 'reconnecting':
      return p`reconnecting${glyphs.ellipsis} (${clean(connection.error)}, attempt ${connection.attempt})`;
    case 'forbidden':
      return p`forbidden: ${clean(connection.message)}`;
    case 'failed':
      return p`failed: ${clean(connection.message)}`;
  }
}
