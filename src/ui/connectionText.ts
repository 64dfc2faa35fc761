import type { ConnectionState } from '../kube/resourceStore.js';
import type { Glyphs } from './glyphs.js';
import { clean, p, type Printable } from '../model/printable.js';

/** What the header says about the pod store's connection: `live`, `connecting…`, `forbidden: …`. */
export function connectionText(connection: ConnectionState, glyphs: Glyphs): Printable {
  switch (connection.kind) {
    case 'live':
      return p`live`;
    case 'connecting':
      return p`connecting${glyphs.ellipsis}`;
    case 'reconnecting':
      return p`reconnecting${glyphs.ellipsis} (${clean(connection.error)}, attempt ${connection.attempt})`;
    case 'forbidden':
      return p`forbidden: ${clean(connection.message)}`;
    case 'failed':
      return p`failed: ${clean(connection.message)}`;
  }
}
