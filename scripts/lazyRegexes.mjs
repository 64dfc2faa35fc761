// A build-time rewrite of string-width (scripts/build.mjs applies it to the bundle, never to
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

