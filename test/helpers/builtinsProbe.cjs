// Loaded with `node --require` by tests: when the process exits, writes the Node built-ins it loaded
// (process.moduleLoadList), one per line, to the file $PODSCOPE_TEST_BUILTINS_OUT names.
'use strict';
const { writeFileSync } = require('node:fs');

const out = process.env.PODSCOPE_TEST_BUILTINS_OUT;
process.on('exit', () => {
  if (out === undefined) return;
  const builtins = process.moduleLoadList.filter((name) => name.startsWith('NativeModule ')).map((name) => name.slice('NativeModule '.length));
  writeFileSync(out, `${builtins.join('\n')}\n`);
});
