import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * podscope's state directory: $XDG_STATE_HOME/podscope, else ~/.local/state/podscope. A relative
 * XDG_STATE_HOME is ignored, as the XDG base directory specification says.
 */
export function stateDirectory(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const state = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : join(home, '.local', 'state');
  return join(state, 'podscope');
}
