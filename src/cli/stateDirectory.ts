import { homedir } from 'node:os';
import { join } from 'node:path';

/** podscope's state directory: $XDG_STATE_HOME/podscope, else ~/.local/state/podscope. */
export function stateDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_STATE_HOME'] || join(env['HOME'] || homedir(), '.local', 'state');
  return join(base, 'podscope');
}
