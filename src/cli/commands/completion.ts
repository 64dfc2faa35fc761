import type { CommandModule } from 'yargs';
import { clean, cleanName, p } from '../../model/printable.js';
import { cliOutput, type CompletionLine } from '../output.js';
import { completionRequest, type Candidate } from './completionEngine.js';
import { SHELLS, type Shell } from './completionScripts.js';
import { commandSpec, type CommandModuleLike } from './completionSpec.js';

/** The hidden command the shell scripts run: `podscope __complete WORD... CURRENT`. */
export const COMPLETE_COMMAND = '__complete';

interface CompletionArgs {
  shell: Shell;
}

export const completionCommand: CommandModule<object, CompletionArgs> = {
  command: 'completion <shell>',
  describe: 'Print the shell completion script for commands, flags, contexts, namespaces, pods and containers',
  builder: (yargs) =>
    yargs
      .positional('shell', { type: 'string', choices: SHELLS, demandOption: true, describe: 'bash, zsh or fish' })
      .usage('$0 completion bash|zsh|fish\n\nbash: source <(podscope completion bash)\nzsh:  source <(podscope completion zsh)\nfish: podscope completion fish | source'),
  handler: async (args) => {
    const { COMPLETION_SCRIPTS } = await import('./completionScripts.js');
    // Our own text, line by line (it holds no control character: the scripts spell tabs as $'\\t').
    cliOutput().lines(COMPLETION_SCRIPTS[args.shell].trimEnd().split('\n').map((line) => ({ text: clean(line) })));
  },
};

/**
 * One candidate: the value (a context name may hold spaces; the scripts quote it), and its
 * description. What came from the cluster is cleaned like any other cluster text, so a hostile pod
 * name cannot reach the shell's line editor.
 */
function line(candidate: Candidate): CompletionLine {
  const value = cleanName(candidate.value);
  const describe = candidate.describe?.split('\n')[0];
  return describe === undefined || describe === '' ? { value } : { value, describe: clean(describe) };
}

/**
 * `podscope __complete`: the candidates for the last word, one per line, or `:files` /
 * `:directories` for the shell's own file completion. Never fails and prints nothing on stderr: a
 * broken kubeconfig or an unreachable cluster offers nothing.
 */
export async function completionLines(modules: readonly CommandModuleLike[], words: readonly string[]): Promise<CompletionLine[]> {
  try {
    const request = completionRequest([...modules, completionCommand].map(commandSpec), words);
    if (request.kind === 'candidates') return request.candidates.map(line);
    if (request.source === 'files' || request.source === 'directories') return [{ value: request.source === 'files' ? p`:files` : p`:directories` }];
    const { lookupValues } = await import('./completionValues.js');
    return (await lookupValues(request)).map((value) => line({ value: request.prefix + value }));
  } catch {
    return [];
  }
}
