import { describe, expect, it } from 'vitest';
import { initialDebugForm, pickRecentImage } from '../../src/ui/debugForm.js';

const base = { namespace: 'lab', pod: 'web', targets: ['web'], target: 'web', recentImages: ['alpine:3.20', 'busybox:1.36'] };

describe('the debug form starts from the config file', () => {
  it('without a preset: the most recent image, general, the server\u2019s pull policy', () => {
    const form = initialDebugForm(base);
    expect(form).toMatchObject({ image: 'alpine:3.20', recentIndex: 0, profile: 'general', pullPolicy: '' });
  });

  it('a configured image comes before the recent ones, which stay one key away', () => {
    const form = initialDebugForm({ ...base, preset: { image: 'mirror.internal/busybox:1.36', profile: 'netadmin', pullPolicy: 'IfNotPresent' } });
    expect(form).toMatchObject({ image: 'mirror.internal/busybox:1.36', recentIndex: -1, profile: 'netadmin', pullPolicy: 'IfNotPresent' });
    expect(pickRecentImage(form, 1).image).toBe('alpine:3.20');
  });

  it('a configured image that is also a recent one is selected among them', () => {
    expect(initialDebugForm({ ...base, preset: { image: 'busybox:1.36' } })).toMatchObject({ image: 'busybox:1.36', recentIndex: 1 });
  });
});
