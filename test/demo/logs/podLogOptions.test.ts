import { describe, expect, it } from 'vitest';
import { parsePodLogOptions } from '../../../src/demo/logs/podLogOptions.js';
import { ApiError } from '../../../src/demo/status.js';

function parse(query: string): ReturnType<typeof parsePodLogOptions> {
  return parsePodLogOptions(new URLSearchParams(query), 'web');
}

function failure(query: string): ApiError {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error(`expected ${query} to be refused`);
}

describe('parsePodLogOptions', () => {
  it('reads every parameter the endpoint serves', () => {
    expect(parse('container=web&follow=true&previous=1&timestamps=TRUE&tailLines=5&limitBytes=40&sinceSeconds=3&insecureSkipTLSVerifyBackend=true')).toEqual({
      container: 'web',
      follow: true,
      previous: true,
      timestamps: true,
      tailLines: 5,
      limitBytes: 40,
      sinceSeconds: 3,
    });
  });

  it('has everything off and unset by default', () => {
    expect(parse('')).toEqual({ container: '', follow: false, previous: false, timestamps: false });
  });

  it('converts booleans as apimachinery does: only "0" and "false" in any case are false, even an empty value is true', () => {
    expect(parse('follow=0').follow).toBe(false);
    expect(parse('follow=FaLsE').follow).toBe(false);
    expect(parse('follow=').follow).toBe(true);
    expect(parse('follow=no').follow).toBe(true);
  });

  it('keeps sinceTime in whole seconds, as the API server passes it on to the kubelet', () => {
    expect(parse('sinceTime=2026-11-23T09:16:11.900Z').sinceTime).toBe(Date.parse('2026-11-23T09:16:11Z'));
    expect(parse('sinceTime=2026-11-23T10:16:11%2B01:00').sinceTime).toBe(Date.parse('2026-11-23T09:16:11Z'));
  });

  it('answers 400 with strconv wording for a number that does not parse', () => {
    const error = failure('tailLines=ten');
    expect(error.code).toBe(400);
    expect(error.toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'strconv.ParseInt: parsing "ten": invalid syntax',
      reason: 'BadRequest',
      code: 400,
    });
    expect(failure('limitBytes=99999999999999999999').message).toBe('strconv.ParseInt: parsing "99999999999999999999": value out of range');
    expect(failure('sinceTime=yesterday').code).toBe(400);
  });

  it('answers 422 PodLogOptions is invalid for values ValidatePodLogOptions refuses', () => {
    const negativeTail = failure('tailLines=-1');
    expect(negativeTail.code).toBe(422);
    expect(negativeTail.toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0',
      reason: 'Invalid',
      details: {
        name: 'web',
        kind: 'PodLogOptions',
        causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'tailLines' }],
      },
      code: 422,
    });
    expect(failure('limitBytes=0').message).toBe('PodLogOptions "web" is invalid: limitBytes: Invalid value: 0: must be greater than 0');
    expect(failure('sinceSeconds=0').message).toBe('PodLogOptions "web" is invalid: sinceSeconds: Invalid value: 0: must be greater than 0');
    expect(failure('sinceSeconds=5&sinceTime=2026-11-23T09:16:11Z').message).toBe(
      'PodLogOptions "web" is invalid: : Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified',
    );
  });

  it('lists every invalid value at once', () => {
    expect(failure('tailLines=-2&limitBytes=-1').message).toBe(
      'PodLogOptions "web" is invalid: [tailLines: Invalid value: -2: must be greater than or equal to 0, limitBytes: Invalid value: -1: must be greater than 0]',
    );
  });
});
