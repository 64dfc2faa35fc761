import { X509Certificate } from 'node:crypto';
import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { demoKubeconfig } from '../../src/demo/kubeconfig.js';
import { createSelfSignedCertificate } from '../../src/demo/selfSignedCertificate.js';

describe('self-signed certificate', () => {
  it('is a CA certificate for 127.0.0.1 and localhost that verifies with its own key', () => {
    const now = new Date('2026-11-23T09:00:00Z');
    const { cert, key } = createSelfSignedCertificate('podscope-demo', now);
    const certificate = new X509Certificate(cert);
    expect(certificate.subject).toBe('CN=podscope-demo');
    expect(certificate.issuer).toBe('CN=podscope-demo');
    expect(certificate.ca).toBe(true);
    expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(new Date(certificate.validFrom).getTime()).toBeLessThan(now.getTime());
    expect(new Date(certificate.validTo).getTime()).toBeGreaterThan(now.getTime() + 300 * 24 * 3600 * 1000);
    expect(key).toContain('BEGIN PRIVATE KEY');
  });
});

describe('demoKubeconfig', () => {
  it('produces a kubeconfig client-node reads, trusting the given certificate', () => {
    const { cert } = createSelfSignedCertificate();
    const config = new KubeConfig();
    config.loadFromString(demoKubeconfig({ server: 'https://127.0.0.1:6443', token: 'abc"def', namespace: 'lab', certificateAuthority: cert }));
    expect(config.getCurrentContext()).toBe('podscope-demo');
    expect(config.getCurrentCluster()).toMatchObject({ server: 'https://127.0.0.1:6443', skipTLSVerify: false });
    expect(Buffer.from(config.getCurrentCluster()?.caData ?? '', 'base64').toString()).toBe(cert);
    expect(config.getCurrentUser()?.token).toBe('abc"def');
    expect(config.getContextObject('podscope-demo')?.namespace).toBe('lab');
  });

  it('skips TLS verification only for a plain HTTP server', () => {
    const config = new KubeConfig();
    config.loadFromString(demoKubeconfig({ server: 'http://127.0.0.1:8080', token: 't', namespace: 'default', contextName: 'other' }));
    expect(config.getCurrentContext()).toBe('other');
    expect(config.getCurrentCluster()?.skipTLSVerify).toBe(true);
  });
});

describe('self-signed certificate serial numbers', () => {
  it('always encodes as valid DER, whatever the random serial starts with', () => {
    // Each serial is random; 300 certificates cover leading zero and high-bit bytes many times over.
    for (let i = 0; i < 300; i++) {
      const { cert } = createSelfSignedCertificate();
      expect(() => new X509Certificate(cert)).not.toThrow();
    }
  });
});
