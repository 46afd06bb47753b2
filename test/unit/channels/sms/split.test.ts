import { describe, expect, it } from 'vitest';
import { segmentInfo } from '../../../../lambda/core/sms-segments.js';
import { fitsSms, splitForSms } from '../../../../lambda/channels/sms/split.js';

describe('splitForSms', () => {
  const email = [
    'Dear Dana Whitfield,',
    "I'm unwell and won't be able to make our interview on Thursday, 3 December at 3:00 PM EST. I'm sorry for the inconvenience. Would it be possible to find another time? I'm free any afternoon next week, and happy to fit around your schedule.",
    'Thank you for your understanding, and I look forward to speaking with you.',
    'Best regards,\nSam Lee',
  ].join('\n\n');

  it('splits an email-length draft into messages within two segments each, in order, losing no words', () => {
    const parts = splitForSms(email);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts)
      expect(segmentInfo(part).segments, `over budget: ${part}`).toBeLessThanOrEqual(2);
    expect(parts.join(' ').split(/\s+/)).toEqual(email.split(/\s+/));
  });

  it('keeps a short text whole', () => {
    expect(splitForSms('  Hi Dana, I can’t make it.  ')).toEqual(['Hi Dana, I can’t make it.']);
  });

  it('splits a run of emoji text by UCS-2 budget and a long word by characters', () => {
    const parts = splitForSms('😀 '.repeat(100));
    for (const part of parts) expect(fitsSms(part)).toBe(true);
    const url = 'https://example.com/' + 'x'.repeat(700);
    const urlParts = splitForSms(url);
    expect(urlParts.join('')).toBe(url);
    for (const part of urlParts) expect(fitsSms(part)).toBe(true);
  });

  it('returns no messages for whitespace', () => {
    expect(splitForSms(' \n ')).toEqual([]);
  });
});
