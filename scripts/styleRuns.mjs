// A build-time rewrite of @alcalzone/ansi-tokenize (scripts/build.mjs applies it to the bundle,
// never to node_modules). Ink turns each screen line into text with styledCharsToString, which
// works out the escape codes between every two neighbouring characters: three Sets and four arrays
// a character, most of a first frame's time (at 160x45, ~7,000 characters, nearly all of them in a
// run of one style). Two neighbours whose style lists hold the same codes need none: the diff of a
// list with itself is empty, so the rewrite skips it. test/build/styleRuns.test.ts checks the
// rewritten function writes what the library writes.
const DIFF = 'ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));';
const SAME = `
function podscopeSameStyles(previous, next) {
    if (previous === next) return true;
    if (previous.length !== next.length) return false;
    for (let index = 0; index < previous.length; index++) if (previous[index] !== next[index]) return false;
    return true;
}
`;

export function sameStyleRuns(source) {
  if (source.split(DIFF).length !== 2) throw new Error('@alcalzone/ansi-tokenize differs from 0.2: review sameStyleRuns in scripts/styleRuns.mjs');
  return `${source.replace(DIFF, `if (!podscopeSameStyles(chars[i - 1].styles, char.styles)) ${DIFF}`)}\n${SAME}`;
}

// styledCharsFromTokens gives each character its own copy of the style list in force: ~7,000
// arrays for a first frame. The list in force is replaced, never changed (reduceAnsiCodesIncremental
// returns a new one), and nothing changes a character's list, so the characters of a run share it;
// podscopeSameStyles above then answers a run's neighbours at its first test.
const COPY = 'styles: [...codes],';
export function sharedStyleLists(source) {
  if (source.split(COPY).length !== 2) throw new Error('@alcalzone/ansi-tokenize differs from 0.2: review sharedStyleLists in scripts/styleRuns.mjs');
  return source.replace(COPY, 'styles: codes,');
}
