import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contextMatches, effectiveSettings, originText, settingValues } from '../../src/cli/config.js';
import { configFilePath, ConfigFileError, parseConfigText, readConfigFile } from '../../src/cli/configFile.js';
import { DEFAULT_SETTINGS, parseByteSize } from '../../src/cli/configSchema.js';
import { repoRoot } from '../e2e/helpers/ptyScreen.js';

const dir = mkdtempSync(join(tmpdir(), 'podscope-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXAMPLE = `# podscope settings
debug:
  image: busybox:1.36
  pullPolicy: IfNotPresent
logs:
  tail: 200
  maxBytes: 64MiB
contexts:
  prod-*:
    readonly: true
    debug:
      image: registry.internal/tools/busybox:1.36
  prod-eu:
    debug:
      profile: netadmin
  staging:
`;

function problemsOf(text: string): string[] {
  try {
    parseConfigText('config.yaml', text);
  } catch (error) {
    if (error instanceof ConfigFileError) return error.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('where the config file is', () => {
  it('follows XDG: $XDG_CONFIG_HOME when absolute, else ~/.config; PODSCOPE_CONFIG overrides, empty means none', () => {
    expect(configFilePath({ XDG_CONFIG_HOME: '/x/conf' }, '/home/u')).toBe('/x/conf/podscope/config.yaml');
    expect(configFilePath({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe('/home/u/.config/podscope/config.yaml');
    expect(configFilePath({}, '/home/u')).toBe('/home/u/.config/podscope/config.yaml');
    expect(configFilePath({ PODSCOPE_CONFIG: '/etc/p.yaml', XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/etc/p.yaml');
    expect(configFilePath({ PODSCOPE_CONFIG: '' }, '/home/u')).toBeUndefined();
  });

  it('a missing file is the built-in defaults; an unreadable one is an error', () => {
    expect(readConfigFile(join(dir, 'absent.yaml'))).toBeUndefined();
    expect(() => readConfigFile(dir)).toThrow(ConfigFileError);
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, '# nothing yet\n');
    expect(settingValues(effectiveSettings(readConfigFile(empty), 'any'))).toEqual(DEFAULT_SETTINGS);
  });
});

describe('validation names the line, the column and the key', () => {
  it('accepts the documented example', () => {
    expect(problemsOf(EXAMPLE)).toEqual([]);
  });

  it('reports every problem, in file order', () => {
    const problems = problemsOf(
      ['debug:', '  imagee: x', '  profile: root', 'logs:', '  tail: -3', '  maxBytes: 12', 'readonly: yes', 'colour: true', 'contexts:', '  a: 3', '  b:', '    logs:', '      maxLine: 5'].join('\n'),
    );
    expect(problems).toEqual([
      '2:3: unknown key "imagee" in debug (known: image, profile, pullPolicy)',
      '3:12: debug.profile must be one of general, baseline, restricted, netadmin, sysadmin, not "root"',
      '5:9: logs.tail must be a whole number of at least 0, not -3',
      '6:13: logs.maxBytes must be a size of at least 1MiB, such as 33554432, 32MiB or 500MB, not 12',
      '7:11: readonly must be true or false, not "yes"',
      '8:1: unknown key "colour" at the top level (known: debug, logs, readonly, contexts)',
      '10:6: contexts.a must be a mapping (debug:, logs:, readonly:)',
      '13:7: unknown key "maxLine" in contexts.b.logs (known: tail, maxLines, maxBytes)',
    ]);
  });

  it('aliases and merge keys are named as such, where they are written; an image with a control character is refused', () => {
    expect(problemsOf('debug: &d\n  image: busybox:1\ncontexts:\n  prod: {debug: *d}\n')).toEqual(['4:17: YAML aliases (*d) are not supported in the config file: write the value out']);
    expect(problemsOf('logs:\n  tail: &t 500\n  maxLines: *t\n')).toEqual(['3:13: YAML aliases (*t) are not supported in the config file: write the value out']);
    expect(problemsOf('debug:\n  <<: {image: x}\n')).toEqual(['2:3: YAML merge keys (<<) are not supported in the config file: write the values out']);
    expect(problemsOf('debug:\n  image: "busybox\\e]0;x\\a:1"\n')).toEqual([
      '2:10: debug.image must be an image reference such as busybox:1.36 or registry.example/tools/busybox:1.36 (no space or control character), not "busybox\\u001b]0;x\\u0007:1"',
    ]);
  });

  it('broken YAML and duplicate keys are found before anything else', () => {
    expect(problemsOf('debug:\n  image: [busybox\n')[0]).toMatch(/^3:1: not valid YAML: /);
    expect(problemsOf('readonly: true\nreadonly: false\n')).toEqual(['2:1: not valid YAML: Map keys must be unique']);
    expect(problemsOf('- debug\n')).toEqual(['1:1: the config file must be a mapping of settings (debug:, logs:, readonly:, contexts:)']);
  });

  it('the error message is the first problem as path:line:column, with the count of the others', () => {
    expect(() => parseConfigText('/c.yaml', 'a: 1\nb: 2\n')).toThrow('/c.yaml:1:1: unknown key "a" at the top level (known: debug, logs, readonly, contexts) (and 1 more; podscope config lists them all)');
  });

  it('sizes take binary and decimal units', () => {
    expect(parseByteSize('32MiB')).toEqual({ value: 32 * 1024 * 1024 });
    expect(parseByteSize('32Mi')).toEqual({ value: 32 * 1024 * 1024 });
    expect(parseByteSize('500MB')).toEqual({ value: 500_000_000 });
    expect(parseByteSize(2_000_000)).toEqual({ value: 2_000_000 });
    expect(parseByteSize('12 parsecs')).toHaveProperty('problem');
    expect(parseByteSize(1000)).toHaveProperty('problem');
  });
});

describe('effective settings: defaults, then the file, then matching contexts, then flags', () => {
  const file = parseConfigText('/home/u/.config/podscope/config.yaml', EXAMPLE);

  it('a context no entry names gets the top level', () => {
    const effective = effectiveSettings(file, 'dev');
    expect(effective['debug.image']).toEqual({ value: 'busybox:1.36', origin: { kind: 'file', path: file.path, line: 3, context: '' } });
    expect(effective['logs.maxBytes'].value).toBe(64 * 1024 * 1024);
    expect(effective['logs.maxLines']).toEqual({ value: DEFAULT_SETTINGS['logs.maxLines'], origin: { kind: 'default' } });
    expect(effective.readonly.value).toBe(false);
  });

  it('a pattern applies, and the exact name refines it whatever the order in the file', () => {
    const effective = effectiveSettings(file, 'prod-eu');
    expect(effective['debug.image'].value).toBe('registry.internal/tools/busybox:1.36');
    expect(effective['debug.profile'].value).toBe('netadmin');
    expect(effective.readonly).toEqual({ value: true, origin: { kind: 'file', path: file.path, line: 10, context: 'prod-*' } });
    expect(originText(effective.readonly.origin, '/home/u')).toBe('~/.config/podscope/config.yaml:10 (contexts.prod-*)');
    expect(effectiveSettings(file, 'prod-us')['debug.profile'].value).toBe('general');
  });

  it('flags win over the file', () => {
    const effective = effectiveSettings(file, 'prod-eu', { readonly: false, 'logs.tail': 10 });
    expect(effective.readonly).toEqual({ value: false, origin: { kind: 'flag', flag: '--readonly' } });
    expect(effective['logs.tail'].value).toBe(10);
    expect(originText(effective['logs.tail'].origin)).toBe('flag --log-tail');
  });

  it('readonly: the flag given wins, then the most specific entry (literal length, not file order), then the top level', () => {
    const layered = parseConfigText(
      '/c.yaml',
      ['readonly: false', 'contexts:', '  prod-eu-*:', '    readonly: false', '  prod-*:', '    readonly: true', '  prod-eu-9:', '    readonly: true', '  "*":', '    readonly: true'].join('\n'),
    );
    // prod-eu-* is written first but is more specific than prod-* and * .
    expect(effectiveSettings(layered, 'prod-eu-1').readonly).toEqual({ value: false, origin: { kind: 'file', path: '/c.yaml', line: 4, context: 'prod-eu-*' } });
    expect(effectiveSettings(layered, 'prod-us').readonly).toMatchObject({ value: true, origin: { context: 'prod-*' } });
    expect(effectiveSettings(layered, 'prod-eu-9').readonly).toMatchObject({ value: true, origin: { context: 'prod-eu-9' } });
    expect(effectiveSettings(layered, 'dev').readonly).toMatchObject({ value: true, origin: { context: '*' } });
    expect(effectiveSettings(layered, 'prod-eu-9', { readonly: false }).readonly).toEqual({ value: false, origin: { kind: 'flag', flag: '--readonly' } });
    expect(effectiveSettings(layered, 'prod-eu-1', { readonly: true }).readonly).toEqual({ value: true, origin: { kind: 'flag', flag: '--readonly' } });
    expect(effectiveSettings(parseConfigText('/d.yaml', 'readonly: true\n'), 'x', {}).readonly.value).toBe(true);
  });

  it('patterns: * is any run of characters, nothing else is special', () => {
    expect(contextMatches('arn:aws:eks:*:cluster/prod', 'arn:aws:eks:eu-west-1:123:cluster/prod')).toBe(true);
    expect(contextMatches('prod.eu', 'prodXeu')).toBe(false);
    expect(contextMatches('*', 'anything')).toBe(true);
    expect(contextMatches('prod', 'prod-eu')).toBe(false);
  });
});

describe('the README', () => {
  it('documents a config file that podscope accepts, with every key it knows', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Config file'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const file = parseConfigText('README.md', yaml);
    expect(Object.keys(file.base).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    expect(file.contexts.map((entry) => entry.pattern)).toEqual(['arn:aws:eks:*:cluster/prod-*', 'airgapped-eu']);
  });
});
