import type { LogRingOptions } from './ringBuffer.js';

// Apart from the log view so that `--help` and the config file's schema, which show them, do not
// load the view itself.

/** Buffer bounds of the log view (`podscope --help` shows them). */
export const DEFAULT_LOG_LIMITS: LogRingOptions = { maxLines: 100_000, maxBytes: 32 * 1024 * 1024 };
export const DEFAULT_TAIL_LINES = 500;
