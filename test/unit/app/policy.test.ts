import { describe, expect, it } from 'vitest';
import {
  checkAllowlistEntry,
  isAllowed,
  normalizeContact,
  parseAllowlist,
} from '../../../lambda/app/policy.js';

describe('policy', () => {
  it.each([
    ['ana@example.com', ['ana@example.com'], true],
    ['Ana@Example.COM', ['ana@example.com'], true],
    ['lee@example.com', ['@example.com'], true],
    ['lee@sub.example.com', ['@example.com'], false],
    ['lee@evil-example.com', ['@example.com'], false],
    ['+1 (555) 123-0000', ['+15551230000'], true],
    ['+15551230001', ['+15551230000'], false],
    ['anyone@anywhere.test', ['*'], true],
    ['ana@example.com', [], false],
  ])('decides whether %s is allowed by %j: %s', (sender, allowlist, expected) => {
    expect(isAllowed(allowlist, sender)).toBe(expected);
  });

  it('parses a comma-separated allowlist into normalized entries', () => {
    expect(parseAllowlist(' Ana@Example.com, @corp.test;+1 555 123 0000,\n*')).toEqual([
      'ana@example.com',
      '@corp.test',
      '+15551230000',
      '*',
    ]);
  });

  it('rejects entries that are none of the four forms', () => {
    expect(checkAllowlistEntry('example.com')).toMatch(/not an email address/);
    expect(checkAllowlistEntry('555-1234')).toMatch(/not an email address/);
    expect(checkAllowlistEntry('@corp.test')).toBeNull();
  });

  it('normalizes emails to lower case and phone numbers to E.164', () => {
    expect(normalizeContact(' Ana@Example.com ')).toBe('ana@example.com');
    expect(normalizeContact('+44 20 7946 0958')).toBe('+442079460958');
  });
});
