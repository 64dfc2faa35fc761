import { clean, type Printable } from '../../model/printable.js';

/** The log view's own keys, for its hint line and for the help screen (they are not explorer commands). */
export const LOG_VIEW_KEYS: readonly { keys: string; hint: string; description: string }[] = [
  { keys: 'p', hint: 'previous', description: "The container's previous instance (after a crash)" },
  { keys: 't', hint: 'time', description: 'Show the timestamps' },
  { keys: 'w', hint: 'wrap', description: 'Wrap long lines' },
  { keys: 'c', hint: 'container', description: 'Choose the container (init, app, ephemeral)' },
  { keys: 'a', hint: 'all', description: 'All containers merged, each line prefixed (in the workload log: of every pod)' },
  { keys: 'L', hint: 'workload', description: "Every pod of the pod's workload (its controller) merged, coloured by pod; L again: the pod alone" },
  { keys: 'f', hint: 'filter', description: 'Show only the lines containing a text; !text: only those without it; empty: all' },
  { keys: 'F', hint: 'exclude', description: 'Show only the lines without a text (the filter prompt starting with !)' },
  { keys: '0-5', hint: 'since', description: 'Since all / 1m / 5m / 15m / 1h / 6h' },
  { keys: 'space', hint: 'pause', description: 'Pause (new lines are counted)' },
  { keys: '/', hint: 'search', description: 'Search; n / N next and previous match' },
  { keys: 'n/N', hint: '', description: 'Next / previous match' },
  { keys: 's', hint: 'save', description: 'Save to a file: the text as shown, or the raw bytes as the server sent them' },
  { keys: 'q/Esc', hint: 'back', description: 'Back to the explorer' },
];

/** The hint line: `p previous  t time  …  q/Esc back`. */
export const LOG_VIEW_HINT: Printable = clean(LOG_VIEW_KEYS.map((key) => (key.hint === '' ? key.keys : `${key.keys} ${key.hint}`)).join('  '));
