import { homedir } from 'node:os';
import { clean, EMPTY, p, type Printable } from '../model/printable.js';
import { effectiveSettings, originText, type Effective } from './config.js';
import { configFilePath, ConfigFileError, formatProblem, readConfigFile, type ConfigFile } from './configFile.js';
import { SETTING_KEYS, type SettingKey } from './configSchema.js';
import { cliOutput } from './output.js';
import { textTable } from './print/textTable.js';
import { UserError } from './userError.js';

export interface ConfigArgs {
  kubeconfig?: string;
  context?: string;
  path: boolean;
}

const MIB = 1024 * 1024;

function valueText(key: SettingKey, effective: Effective): string {
  const value = effective[key].value;
  if (value === undefined) return key === 'debug.pullPolicy' ? "(the server's)" : '';
  if (key === 'logs.maxBytes' && typeof value === 'number' && value % MIB === 0) return `${value} (${value / MIB} MiB)`;
  return String(value);
}

/** The context the other commands would use, resolved from the kubeconfig without connecting. */
async function contextLine(args: ConfigArgs): Promise<{ name: string | undefined; line: string }> {
  const { ConfigError, loadClusterConfig } = await import('../kube/kubeconfig.js');
  try {
    const config = loadClusterConfig({ kubeconfig: args.kubeconfig, context: args.context });
    return { name: config.contextName, line: `context: ${config.contextName}${args.context === undefined ? " (the kubeconfig's current context)" : ''}` };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Without a usable kubeconfig the settings of a named context can still be shown.
    if (args.context !== undefined) return { name: args.context, line: `context: ${args.context} (not checked against the kubeconfig: ${error.message})` };
    return { name: undefined, line: `context: none (${error.message}); showing the settings outside contexts:` };
  }
}

/** What `podscope config` prints: the file, the context, and each effective value with its origin. */
export function configReport(path: string | undefined, file: ConfigFile | undefined, context: { name: string | undefined; line: string }, home: string): Printable[] {
  const shownPath = path === undefined ? 'none (PODSCOPE_CONFIG is empty)' : path.startsWith(home + '/') ? `~${path.slice(home.length)}` : path;
  const fileLine = path === undefined || file !== undefined ? `config file: ${shownPath}` : `config file: ${shownPath} (does not exist: built-in defaults)`;
  const effective = effectiveSettings(file, context.name);
  const rows = SETTING_KEYS.map((key) => [key, valueText(key, effective), originText(effective[key].origin, home)].map((cell) => clean(cell)));
  return [clean(fileLine), clean(context.line), EMPTY, ...textTable([p`SETTING`, p`VALUE`, p`FROM`], rows)];
}

/** `podscope config`: prints the report, or every problem of the file (then exits 1). */
export async function printConfig(args: ConfigArgs): Promise<void> {
  const out = cliOutput();
  const path = configFilePath();
  if (args.path) {
    if (path === undefined) throw new UserError('no config file: PODSCOPE_CONFIG is set and empty');
    out.line(clean(path));
    return;
  }
  let file: ConfigFile | undefined;
  try {
    file = readConfigFile(path);
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    // Every problem, one per line; the other commands print only the first.
    for (const problem of error.problems) out.error(clean(formatProblem(error.path, problem)));
    throw new UserError(`${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in ${error.path}`);
  }
  const context = await contextLine(args);
  out.lines(configReport(path, file, context, homedir()).map((text) => ({ text })));
}
