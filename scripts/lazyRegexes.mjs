// Build-time rewrites of string-width (scripts/build.mjs applies them to the bundle, never to
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
