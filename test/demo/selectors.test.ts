import { describe, expect, it } from 'vitest';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../../src/demo/selectors.js';
import { ApiError } from '../../src/demo/status.js';

const labels = { app: 'web', tier: 'front', replicas: '3' };

describe('label selectors', () => {
  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app = web', true],
    ['app!=web', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (db, web)', true],
    ['app in (db)', false],
    ['app notin (db)', true],
    ['missing notin (db)', true],
    ['app notin (web)', false],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['replicas>2', true],
    ['replicas<2', false],
    ['app=web,tier=front', true],
    ['app=web,tier=back', false],
    ['example.com/role=x', false],
  ])('%j matches %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it.each([
    ['app in web', "unable to parse requirement: found 'web', expected: '('"],
    ['app IN (a)', "unable to parse requirement: found 'IN', expected: in, notin, =, ==, !=, gt, lt"],
    ['app=web,', "found '', expected: identifier after ','"],
    ['app=web tier', "found 'tier', expected: ',' or 'end of string'"],
  ])('rejects %j with kube-apiserver’s message as a 400', (selector, message) => {
    let caught: unknown;
    try {
      parseLabelSelector(selector);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).code).toBe(400);
    expect((caught as ApiError).message).toBe(message);
  });

  it('rejects an invalid label key', () => {
    expect(() => parseLabelSelector('-bad=x')).toThrow(/invalid label key "-bad"/);
  });
});

describe('field selectors', () => {
  const fields = { 'metadata.name': 'web', 'spec.nodeName': '', 'status.phase': 'Running' };

  it.each([
    ['metadata.name=web', true],
    ['metadata.name==web', true],
    ['metadata.name!=web', false],
    ['spec.nodeName=', true],
    ['spec.nodeName!=', false],
    ['metadata.name=web,status.phase=Running', true],
    ['metadata.name=web,status.phase!=Running', false],
  ])('%j matches %s', (selector, expected) => {
    expect(matchesFields(parseFieldSelector(selector), fields)).toBe(expected);
  });

  it('unescapes values and rejects terms without an operator', () => {
    expect(parseFieldSelector('reason=a\\,b')).toEqual([{ field: 'reason', operator: '=', value: 'a,b' }]);
    expect(() => parseFieldSelector('metadata.name')).toThrow("invalid selector: 'metadata.name'; can't understand 'metadata.name'");
  });
});
