// Preloaded into a benchmarked podscope (`node --expose-gc --require bench/memoryProbe.cjs`): on
// SIGUSR2 it writes the process's memory to $PODSCOPE_MEMORY_PROBE as one JSON line, as it stands
// and again after two full collections, so a benchmark can tell what is live from garbage V8 has
// not collected yet. Nothing is written to the terminal.
'use strict';
const { appendFileSync } = require('node:fs');

const file = process.env.PODSCOPE_MEMORY_PROBE;
if (file !== undefined && file !== '') {
  process.on('SIGUSR2', () => {
    const before = process.memoryUsage();
    if (typeof global.gc === 'function') {
      global.gc();
      global.gc();
    }
    const after = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({ before, after })}\n`);
    const snapshots = process.env.PODSCOPE_HEAP_SNAPSHOTS;
    if (snapshots !== undefined && snapshots !== '') require('node:v8').writeHeapSnapshot(`${snapshots}/${Date.now()}.heapsnapshot`);
  });
}
