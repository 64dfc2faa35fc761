// Ink draws each frame into a new Output whose caches (tokenized lines, widths) start empty, so every
// frame tokenized and measured the whole screen though a keypress changes two rows. The bundle keeps
// the caches across frames in two generations bounded by the characters of their texts: an entry
// looked up lives on in the newest, and at a frame's end the newest, once it holds
// INK_OUTPUT_CACHE_CHARS, becomes the older one and the oldest is let go. A cache bounded by entry
// count (20,000) filled under a log firehose, where every line is new text, with ≈ 20,000 lines of
// 200 cell objects each (≈ 400 MiB of heap, let go all at once when it reset); one that kept only
// what the last frame used re-tokenized the rows and the detail pane a key had left one key before
// (j then k, or a row's selected and plain look), ≈ 2 ms of every key frame at 120x40.
// Ink builds a second Output per frame only for <Static>, which podscope does not use.
const fresh = 'caches = new OutputCaches();';

/**
 * The characters of text a generation of the output caches holds before it is let go: some three
 * screens of 120x40 (a frame's text always stays), ≈ 1.5 MiB of cell objects a generation.
 */
export const INK_OUTPUT_CACHE_CHARS = 16_384;

const helper = `
class PodscopeFrameMap {
  current = new Map();
  previous = new Map();
  /** The characters of the keys in current. */
  chars = 0;
  get size() {
    return this.current.size + this.previous.size;
  }
  get(key) {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const kept = this.previous.get(key);
    if (kept !== undefined) this.set(key, kept);
    return kept;
  }
  set(key, value) {
    if (!this.current.has(key)) this.chars += key.length;
    this.current.set(key, value);
    return this;
  }
  nextFrame() {
    if (this.chars < ${INK_OUTPUT_CACHE_CHARS}) return;
    this.previous = this.current;
    this.current = new Map();
    this.chars = 0;
  }
}
let podscopeOutputCaches;
function podscopeFrameCaches() {
  if (podscopeOutputCaches === undefined) {
    podscopeOutputCaches = new OutputCaches();
    podscopeOutputCaches.widths = new PodscopeFrameMap();
    podscopeOutputCaches.blockWidths = new PodscopeFrameMap();
    podscopeOutputCaches.styledChars = new PodscopeFrameMap();
  }
  podscopeOutputCaches.widths.nextFrame();
  podscopeOutputCaches.blockWidths.nextFrame();
  podscopeOutputCaches.styledChars.nextFrame();
  return podscopeOutputCaches;
}
`;

/** Ink 6.8's build/output.js with one set of caches kept from frame to frame (see above); throws on another Ink. */
export function inkFrameCaches(source) {
  if (!source.includes(fresh)) throw new Error('differs from ink 6.8: review the frame caches in scripts/inkCaches.mjs');
  return source.replace(fresh, 'caches = podscopeFrameCaches();') + helper;
}

/** Most texts Ink's module-wide text caches hold (a screen draws a few hundred); past it they start afresh. */
export const INK_TEXT_CACHE_ENTRIES = 4096;

/**
 * Ink 6.8's build/measure-text.js with its cache bounded: it keeps the size of every text it ever
 * measured, for the life of the process, so under a log firehose it kept every line drawn and every
 * status line (each with a new count), ≈ 4 MiB a million lines.
 */
export function inkMeasureTextCache(source) {
  const set = 'cache.set(text, dimensions);';
  if (!source.includes(set)) throw new Error('differs from ink 6.8: review the measure-text cache in scripts/inkCaches.mjs');
  return source.replace(set, `if (cache.size >= ${INK_TEXT_CACHE_ENTRIES}) cache.clear();\n    ${set}`);
}

/** Ink 6.8's build/wrap-text.js with its cache (every text it ever wrapped or cut, by width) bounded the same way. */
export function inkWrapTextCache(source) {
  const set = 'cache[cacheKey] = wrappedText;';
  if (!source.includes(set)) throw new Error('differs from ink 6.8: review the wrap-text cache in scripts/inkCaches.mjs');
  const bounded = `if (++podscopeWrapEntries > ${INK_TEXT_CACHE_ENTRIES}) {\n        for (const key of Object.keys(cache)) delete cache[key];\n        podscopeWrapEntries = 1;\n    }\n    ${set}`;
  return `let podscopeWrapEntries = 0;\n${source.replace(set, bounded)}`;
}

/**
 * Ink 6.8's build/render-node-to-output.js measures every text node's widest line again while it
 * draws, right after the layout measured the same text (squashTextNodes of the same node) through
 * measure-text's cache; string-width on styled, non-ASCII lines was ≈ 3 ms of the first frame and
 * of every frame. The drawing takes the width from that cache: the same number, widestLine(text).
 */
export function inkRenderMeasuredWidth(source) {
  const measured = 'const currentWidth = widestLine(text);';
  const anchor = "import wrapText from './wrap-text.js';";
  if (source.split(measured).length !== 2 || !source.includes(anchor)) throw new Error('differs from ink 6.8: review inkRenderMeasuredWidth in scripts/inkCaches.mjs');
  return source.replace(anchor, `${anchor}\nimport podscopeMeasureText from './measure-text.js';`).replace(measured, 'const currentWidth = podscopeMeasureText(text).width;');
}

/**
 * Ink 6.8's Output.get (build/output.js) starts each frame from a new object per screen cell
 * (7,200 at 160x45) and looks up each written character's width in the width cache. Cells are never
 * changed once made (the styled characters of a line are already shared from frame to frame by the
 * caches above), so every blank cell is one shared object; a printable ASCII character is one column
 * wide without a lookup. The frame's text is the same.
 */
export function inkOutputCells(source) {
  const blankRow = `            const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }
            output.push(row);`;
  const width = 'const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));';
  if (source.split(blankRow).length !== 2 || source.split(width).length !== 2) throw new Error('differs from ink 6.8: review inkOutputCells in scripts/inkCaches.mjs');
  const asciiWidth = `const podscopeCode = character.value.length === 1 ? character.value.charCodeAt(0) : 0;
                        const characterWidth = podscopeCode >= 0x20 && podscopeCode < 0x7f ? 1 : Math.max(1, this.caches.getStringWidth(character.value));`;
  const blank = "const podscopeBlankCell = { type: 'char', value: ' ', fullWidth: false, styles: [] };\n";
  return `${blank}${source.replace(blankRow, '            output.push(new Array(this.width).fill(podscopeBlankCell));').replace(width, asciiWidth)}`;
}
