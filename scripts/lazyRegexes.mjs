// Build-time rewrites of string-width, Ink's line tokenizer, fzf and slice-ansi that put off their
// Unicode tables until text needs them (scripts/build.mjs applies them to the bundle, never to
// node_modules).
// string-width also builds four Unicode-property regexes when it loads (\p{RGI_Emoji} with the v flag
// alone is ~20 ms of ICU set building); only non-ASCII text needs them. Each `const NAME = /…/flags;`
// becomes a function that builds it on first use, and every other mention of NAME calls it.
export function lazyRegexes(source) {
  let result = source;
  for (const match of source.matchAll(/^const (\w+Regex) = (\/.+\/[a-z]*);$/gm)) {
    const [declaration, name, literal] = match;
    if (!/\\p\{/.test(literal)) continue;
    const others = result.replace(declaration, '');
    result = `${others.replace(new RegExp(`\\b${name}\\b`, 'g'), `${name}()`)}\nvar ${name}Instance;\nfunction ${name}() { return (${name}Instance ??= ${literal}); }\n`;
  }
  return result;
}

// The first non-ASCII glyph of a UTF-8 screen (a box line, `…`, `●`) made string-width start an
// Intl.Segmenter (~8 ms of ICU) and build \p{RGI_Emoji} (~15 ms), though such text needs neither:
// - text made only of code points that never join a neighbour into one grapheme cluster (no marks,
//   joiners, variation selectors, Hangul jamo, regional indicators, CR/LF; the ranges below) is one
//   cluster per code point, so it is walked by code point instead of segmented;
// - a one-code-point cluster is an RGI emoji exactly when it has Emoji_Presentation and is not a
//   lone regional indicator (a cheap property lookup).
// test/build/lazyRegexes.test.ts checks both claims over every code point, against the segmenter
// and the library. Only a speed-up: if a line differs, the build fails.
export const LONE_CLUSTERS = String.raw`[\u0020-\u007E\u00A0-\u02FF\u0370-\u0482\u048A-\u052F\u2010-\u2027\u2030-\u205E\u20A0-\u20C0\u2100-\u23FF\u2460-\u27BF\u2900-\u2BFF\u4E00-\u9FFF]`;
const SEGMENT_LOOP = 'for (const {segment} of segmenter.segment(string)) {';
const EMOJI_TEST = 'rgiEmojiRegex.test(segment)';
const FAST_PATH = String.raw`
const podscopeLoneClusters = /^${LONE_CLUSTERS}*$/;
function podscopeClusters(string) {
	return podscopeLoneClusters.test(string) ? string : podscopeSegments(string);
}
function* podscopeSegments(string) {
	for (const {segment} of segmenter.segment(string)) yield segment;
}
let podscopePresentationRegex;
function podscopeIsRgiEmoji(segment) {
	const codePoint = segment.codePointAt(0);
	if (segment.length === (codePoint > 0xFFFF ? 2 : 1)) {
		return !(codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF) && (podscopePresentationRegex ??= /^\p{Emoji_Presentation}$/u).test(segment);
	}
	return rgiEmojiRegex.test(segment);
}
`;
export function loneClusterFastPath(source) {
  if (source.split(SEGMENT_LOOP).length !== 2 || source.split(EMOJI_TEST).length !== 2) {
    throw new Error('string-width differs from 8.x: review loneClusterFastPath in scripts/lazyRegexes.mjs');
  }
  return `${source.replace(SEGMENT_LOOP, 'for (const segment of podscopeClusters(string)) {').replace(EMOJI_TEST, 'podscopeIsRgiEmoji(segment)')}\n${FAST_PATH}`;
}

// @alcalzone/ansi-tokenize (Ink's line tokenizer) makes an Intl.Segmenter when it loads and segments
// every line (~12 ms of ICU break-iterator data at the first frame). A line made only of lone
// clusters (above) and control characters other than CR (ESC starts every style; a control is a
// cluster of its own, only CR LF joins) is one cluster per UTF-16 unit; any other line is segmented
// as before, by a segmenter made on first use. test/build/lazyRegexes.test.ts compares the tokens.
const TOKENIZE_SEGMENTER = 'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });';
const TOKENIZE_LOOP = 'for (const { segment, index } of segmenter.segment(str)) {';
export function tokenizeFastPath(source) {
  if (source.split(TOKENIZE_SEGMENTER).length !== 2 || source.split(TOKENIZE_LOOP).length !== 2 || source.split('segmenter.').length !== 2) {
    throw new Error('differs from @alcalzone/ansi-tokenize 0.2: review tokenizeFastPath in scripts/lazyRegexes.mjs');
  }
  const fast = String.raw`let podscopeSegmenter;
const podscopeLoneUnits = /^(?:[\u0000-\u000C\u000E-\u001F\u007F]|${LONE_CLUSTERS})*$/;
function podscopeSegments(str) {
    if (!podscopeLoneUnits.test(str)) return (podscopeSegmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" })).segment(str);
    const segments = new Array(str.length);
    for (let index = 0; index < str.length; index++) segments[index] = { segment: str[index], index };
    return segments;
}`;
  return source.replace(TOKENIZE_SEGMENTER, fast).replace(TOKENIZE_LOOP, 'for (const { segment, index } of podscopeSegments(str)) {');
}

// fzf fills its diacritics table with 5,824 String.normalize() calls when it loads (ICU's
// normalizer, ~8 ms), though only runes from U+00C0 up are ever looked up in it: filled on the first
// lookup instead.
const FZF_FILL_START = 'for (let i = "\\u0300".codePointAt(0); i <= "\\u036F".codePointAt(0); ++i) {';
const FZF_FILL_END = 'function normalizeRune(rune) {';
const FZF_LOOKUP = '  const normalizedChar = normalized[rune];';
export function lazyFzfTable(source) {
  const start = source.indexOf(FZF_FILL_START);
  const end = source.indexOf(FZF_FILL_END);
  if (start === -1 || end < start || source.split(FZF_LOOKUP).length !== 2 || source.split('normalized[').length !== 4) {
    throw new Error('differs from fzf 0.5: review lazyFzfTable in scripts/lazyRegexes.mjs');
  }
  const fill = `let podscopeNormalizedFilled = false;\nfunction podscopeFillNormalized() {\n${source.slice(start, end)}}\n`;
  const lookup = `  if (!podscopeNormalizedFilled) { podscopeNormalizedFilled = true; podscopeFillNormalized(); }\n${FZF_LOOKUP}`;
  return source.slice(0, start) + fill + source.slice(end).replace(FZF_LOOKUP, lookup);
}

// slice-ansi (Ink's clipping) makes an Intl.Segmenter (~12 ms of ICU) when it loads: made on first use.
const SLICE_SEGMENTER = "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});";
export function lazySliceAnsiSegmenter(source) {
  if (source.split(SLICE_SEGMENTER).length !== 2 || /GRAPHEME_SEGMENTER\.(?!segment\()/.test(source)) {
    throw new Error('differs from slice-ansi 8: review lazySliceAnsiSegmenter in scripts/lazyRegexes.mjs');
  }
  const lazy = "let podscopeGraphemeSegmenter; const GRAPHEME_SEGMENTER = { segment: (text) => (podscopeGraphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text) };";
  return source.replace(SLICE_SEGMENTER, lazy);
}
