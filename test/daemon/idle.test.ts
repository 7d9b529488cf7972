import { describe, expect, it } from 'vitest';
import { IdleClock, parseDuration } from '../../src/daemon/idle.js';

describe('the idle clock', () => {
  it('is due only after the whole timeout without use, and any use restarts it', () => {
    let now = 0;
    const clock = new IdleClock(1000, () => now);
    now = 999;
    expect(clock.observe(false)).toBe(false);
    now = 1000;
    expect(clock.observe(true)).toBe(false);
    now = 1500;
    expect(clock.observe(false)).toBe(false);
    now = 2499;
    expect(clock.observe(false)).toBe(false);
    expect(clock.idleForMs()).toBe(999);
    now = 2500;
    expect(clock.observe(false)).toBe(true);
  });

  it('never comes due with a timeout of 0', () => {
    let now = 0;
    const clock = new IdleClock(0, () => now);
    now = 1e9;
    expect(clock.observe(false)).toBe(false);
  });
});

describe('durations', () => {
  it.each([
    ['600', 600],
    ['10m', 600],
    ['90s', 90],
    ['1h30m', 5400],
    ['0', 0],
    ['1H', 3600],
  ])('%s is %i s', (text, seconds) => expect(parseDuration(text)).toBe(seconds));
  it.each(['', 'm', '10x', '-1', '1.5m', 'ten'])('%j is not a duration', (text) => expect(parseDuration(text)).toBeUndefined());
});
