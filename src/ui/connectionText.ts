import type { ConnectionState } from '../kube/resourceStore.js';
import type { Glyphs } from './glyphs.js';
import { singleLine } from './text.js';

/** What the header says about the pod store's connection: `live`, `connecting…`, `forbidden: …`. */
export function connectionText(connection: ConnectionState, glyphs: Glyphs): string {
  switch (connection.kind) {
    case 'live':
      return 'live';
    case 'connecting':
      return `connecting${glyphs.ellipsis}`;
    case 'reconnecting':
      return `reconnecting${glyphs.ellipsis} (${singleLine(connection.error)}, attempt ${connection.attempt})`;
    case 'forbidden':
      return `forbidden: ${singleLine(connection.message)}`;
    case 'failed':
      return `failed: ${singleLine(connection.message)}`;
  }
}
