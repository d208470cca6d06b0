import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('the key and budget settings', () => {
  it('default to anonymous reads, budgets the existing suites never exhaust, and no trusted proxy', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      ANONYMOUS_READS: true,
      COST_BUDGET_PER_MINUTE: 3_000_000,
      COST_BUDGET_BURST: 3_000_000,
      COST_BUDGET_CLIENTS: 10_000,
      TRUST_PROXY: false,
    });
  });

  it('read TRUST_PROXY as a hop count or a list of proxy addresses and subnets', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::1' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
    expect(loadConfig({ TRUST_PROXY: 'off' }).TRUST_PROXY).toBe(false);
  });

  it('refuse TRUST_PROXY=true, which would let any client choose its address, and an entry that is no address', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: trusting every hop would let any client choose its address/);
    expect(() => loadConfig({ TRUST_PROXY: 'loopback,proxy.internal' })).toThrow(/TRUST_PROXY: expected false, a hop count, or addresses/);
  });

  it('refuse an ANONYMOUS_READS that is not a yes or no, and a budget burst of zero', () => {
    expect(() => loadConfig({ ANONYMOUS_READS: 'maybe' })).toThrow(/ANONYMOUS_READS/);
    expect(() => loadConfig({ COST_BUDGET_BURST: '0' })).toThrow(/COST_BUDGET_BURST/);
    expect(loadConfig({ ANONYMOUS_READS: 'false' }).ANONYMOUS_READS).toBe(false);
  });
});
