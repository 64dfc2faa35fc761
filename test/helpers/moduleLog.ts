import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A folder with a Node module hook that appends every file of the bundle (dist/app) a process loads
 * to the file named by PODSCOPE_MODULE_LOG: run node with `--import` `register` to use it.
 */
export interface ModuleLog {
  dir: string;
  register: string;
  remove(): void;
}

export function makeModuleLog(prefix: string): ModuleLog {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(
    join(dir, 'hooks.mjs'),
    "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  if (url.includes('/dist/app/')) appendFileSync(process.env.PODSCOPE_MODULE_LOG, url + '\\n');\n  return next(url, context);\n}\n",
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(register, "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
  return { dir, register, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
