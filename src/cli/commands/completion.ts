import type { CommandModule } from 'yargs';
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
    process.stdout.write(COMPLETION_SCRIPTS[args.shell]);
  },
};

function line(candidate: Candidate): string {
  // One line per candidate: a value never holds a line break or a tab, a description is cut to one line.
  const value = candidate.value.replace(/[\t\r\n]/g, ' ');
  const describe = candidate.describe?.split('\n')[0]?.replace(/\t/g, ' ');
  return describe === undefined || describe === '' ? value : `${value}\t${describe}`;
}

/**
 * `podscope __complete`: prints the candidates for the last word, one per line. Never fails and
 * never writes to stderr: a broken kubeconfig or an unreachable cluster offers nothing.
 */
export async function printCompletions(modules: readonly CommandModuleLike[], words: readonly string[], write: (text: string) => void): Promise<void> {
  let lines: string[] = [];
  try {
    const request = completionRequest([...modules, completionCommand].map(commandSpec), words);
    if (request.kind === 'candidates') lines = request.candidates.map(line);
    else if (request.source === 'files' || request.source === 'directories') lines = [`:${request.source}`];
    else {
      const { lookupValues } = await import('./completionValues.js');
      lines = (await lookupValues(request)).map((value) => line({ value: request.prefix + value }));
    }
  } catch {
    lines = [];
  }
  if (lines.length > 0) write(lines.join('\n') + '\n');
}
