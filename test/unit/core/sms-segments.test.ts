import { describe, expect, it } from 'vitest';
import { segmentInfo } from '../../../lambda/core/sms-segments.js';

describe('segmentInfo', () => {
  it('counts plain GSM-7 text as one septet a character, 160 in a single part', () => {
    expect(segmentInfo('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(segmentInfo('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
  });

  it('splits GSM-7 text into parts of 153 once concatenated', () => {
    expect(segmentInfo('a'.repeat(306)).segments).toBe(2);
    expect(segmentInfo('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension-table characters as two septets', () => {
    expect(segmentInfo('€[]{}|^~\\')).toEqual({ encoding: 'GSM-7', units: 18, segments: 1 });
    expect(segmentInfo(`${'a'.repeat(159)}€`)).toMatchObject({ units: 161, segments: 2 });
  });

  it('never splits an escape pair across parts', () => {
    // 152 + 2 + 152 = 306 units, but the euro cannot straddle the first boundary, so it takes three parts.
    expect(segmentInfo(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({
      units: 306,
      segments: 3,
    });
  });

  it('keeps the accented letters of the GSM alphabet in GSM-7', () => {
    expect(segmentInfo('Café à São Paulo? ¿Qué? Müller Øre').encoding).toBe('UCS-2');
    expect(segmentInfo('Café à Müller Øre ñ Å é').encoding).toBe('GSM-7');
  });

  it('falls back to UCS-2 for anything outside the alphabet, 70 single and 67 concatenated', () => {
    expect(segmentInfo('ú'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(segmentInfo('ú'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
    expect(segmentInfo('ú'.repeat(134)).segments).toBe(2);
    expect(segmentInfo('ú'.repeat(135)).segments).toBe(3);
  });

  it('counts an emoji as two UCS-2 units and turns the whole text into UCS-2', () => {
    expect(segmentInfo('ok 🙂')).toEqual({ encoding: 'UCS-2', units: 5, segments: 1 });
    // 66 units + a surrogate pair: the pair moves whole into the second part.
    expect(segmentInfo(`${'a'.repeat(66)}🙂${'a'.repeat(5)}`)).toMatchObject({
      units: 73,
      segments: 2,
    });
  });

  it('treats curly quotes as UCS-2, which is why drafts use straight ones', () => {
    expect(segmentInfo('I\u2019m unwell').encoding).toBe('UCS-2');
    expect(segmentInfo("I'm unwell").encoding).toBe('GSM-7');
  });

  it('counts empty text as one part', () => {
    expect(segmentInfo('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 1 });
  });
});
