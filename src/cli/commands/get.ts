import type { V1Pod } from '@kubernetes/client-node';
import type { Argv, CommandModule } from 'yargs';
import type { podColumns } from '../../model/podColumns.js';
import { clean, type Printable } from '../../model/printable.js';
import { cliOutput } from '../output.js';
import { textTable } from '../print/textTable.js';
import { UserError } from '../userError.js';
import { withNamedPod, type NamedPodArgs } from './describe.js';
import { withPodSession } from './podCommand.js';
import { podNameOf } from './podReference.js';

type GetArgs = NamedPodArgs & { output?: string; 'show-managed-fields': boolean };

const OUTPUTS = ['yaml', 'json', 'name', 'wide'];

function tableLines(pod: V1Pod, wide: boolean, columns: typeof podColumns): Printable[] {
  const cells = columns(pod, new Date());
  const header = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];
  const row: string[] = [cells.name, cells.ready, cells.status, cells.restarts, cells.age];
  if (wide) {
    header.push('IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES');
    row.push(cells.ip, cells.node, cells.nominatedNode, cells.readinessGates);
  }
  return textTable(header.map((title) => clean(title)), [row.map((cell) => clean(cell))]);
}

export const getCommand: CommandModule<object, GetArgs> = {
  command: 'get <pod> [name]',
  describe: 'Print a pod as kubectl get pod does: a table row, or the whole object with -o yaml|json',
  builder: (yargs: Argv) =>
    withNamedPod(yargs)
      .option('output', { alias: 'o', type: 'string', describe: `Output format: ${OUTPUTS.join(', ')} (default: a table row)` })
      .option('show-managed-fields', { type: 'boolean', default: false, describe: 'With -o yaml|json, keep metadata.managedFields' }) as Argv<GetArgs>,
  handler: (args) =>
    withPodSession({ ...args, pod: podNameOf(args.pod, args.name) }, async (session, namespace, name) => {
      const output = args.output;
      if (output !== undefined && !OUTPUTS.includes(output)) {
        throw new UserError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${OUTPUTS.join(',')}`);
      }
      // Loaded here: `--help` and the other commands do not pay for the printers.
      const [{ readRawPod }, { objectJson, objectYaml }, { podColumns }] = await Promise.all([
        import('../../kube/actions/podReads.js'),
        import('../../model/objectText.js'),
        import('../../model/podColumns.js'),
      ]);
      const object = await readRawPod(session, namespace, name);
      const options = { showManagedFields: args['show-managed-fields'] };
      let lines: readonly string[];
      if (output === 'yaml') lines = objectYaml(object, options).lines;
      else if (output === 'json') lines = objectJson(object, options).lines;
      else if (output === 'name') lines = [`pod/${name}`];
      else lines = tableLines(object as V1Pod, output === 'wide', podColumns);
      cliOutput().lines(lines.map((line) => ({ text: clean(line) })));
    }),
};
