import { describe, expect, it } from 'vitest';
import { encodingOf, segmentInfo } from '../../../../lambda/channels/sms/segments.js';
import { fitsSms, splitForSms } from '../../../../lambda/channels/sms/split.js';

describe('segmentInfo', () => {
  it('counts a 160-character GSM-7 text as one segment and 161 as two', () => {
    expect(segmentInfo('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(segmentInfo('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(segmentInfo('a'.repeat(306)).segments).toBe(2);
    expect(segmentInfo('a'.repeat(307)).segments).toBe(3);
  });

  it('counts GSM extension characters as two septets', () => {
    expect(segmentInfo('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(segmentInfo('€'.repeat(81)).segments).toBe(2);
  });

  it('never splits an escape pair across segments', () => {
    // 152 plain septets + one € (2 septets) does not fit the 153-septet first segment.
    const text = 'a'.repeat(152) + '€' + 'a'.repeat(10);
    expect(segmentInfo(text)).toEqual({ encoding: 'GSM-7', units: 164, segments: 2 });
    expect(segmentInfo('a'.repeat(152) + '€' + 'a'.repeat(152)).segments).toBe(3);
  });

  it('turns the whole message into UCS-2 for one emoji or curly quote', () => {
    expect(encodingOf('Thanks, see you Thu 😀')).toBe('UCS-2');
    expect(encodingOf('I’m sorry')).toBe('UCS-2');
    expect(encodingOf("I'm sorry, Ça va? ñ ü é")).toBe('GSM-7');
    expect(segmentInfo('a'.repeat(70))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(segmentInfo('a'.repeat(69) + '😀')).toEqual({
      encoding: 'UCS-2',
      units: 71,
      segments: 2,
    });
    expect(segmentInfo('a'.repeat(68) + 'é’')).toEqual({
      encoding: 'UCS-2',
      units: 70,
      segments: 1,
    });
  });

  it('counts UCS-2 concatenated messages at 67 units and keeps surrogate pairs whole', () => {
    expect(segmentInfo('’'.repeat(134)).segments).toBe(2);
    expect(segmentInfo('’'.repeat(135)).segments).toBe(3);
    // 66 units then an emoji (2 units) cannot share the first 67-unit segment.
    expect(segmentInfo('’'.repeat(66) + '😀' + '’'.repeat(10))).toEqual({
      encoding: 'UCS-2',
      units: 78,
      segments: 2,
    });
    expect(segmentInfo('’'.repeat(66) + '😀' + '’'.repeat(66)).segments).toBe(3);
  });
});

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
