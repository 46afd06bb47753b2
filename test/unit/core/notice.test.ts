import { describe, expect, it } from 'vitest';
import { noticeFor } from '../../../lambda/core/notice.js';

const NOW = '2026-12-01T12:00:00Z';

describe('noticeFor', () => {
  it('is unknown, with no hours, when there is no start', () => {
    expect(noticeFor(null, NOW)).toEqual({ hoursLeft: null, urgency: 'unknown' });
  });

  it('is ample from 24 hours on', () => {
    expect(noticeFor('2026-12-02T12:00:00Z', NOW)).toEqual({ hoursLeft: 24, urgency: 'ample' });
    expect(noticeFor('2026-12-10T09:00:00-05:00', NOW).urgency).toBe('ample');
  });

  it('is short under 24 hours and urgent under 2', () => {
    expect(noticeFor('2026-12-02T11:59:00Z', NOW)).toEqual({ hoursLeft: 24, urgency: 'short' });
    expect(noticeFor('2026-12-01T14:00:00Z', NOW)).toEqual({ hoursLeft: 2, urgency: 'short' });
    expect(noticeFor('2026-12-01T13:59:00Z', NOW)).toEqual({ hoursLeft: 2, urgency: 'urgent' });
    expect(noticeFor('2026-12-01T12:00:00Z', NOW)).toEqual({ hoursLeft: 0, urgency: 'urgent' });
  });

  it('is past, with negative hours, once the start has gone by', () => {
    expect(noticeFor('2026-12-01T11:00:00Z', NOW)).toEqual({ hoursLeft: -1, urgency: 'past' });
    expect(noticeFor('2026-11-30T09:30:00-05:00', NOW)).toEqual({
      hoursLeft: -21.5,
      urgency: 'past',
    });
  });

  it('rounds hours to one decimal and compares instants across offsets', () => {
    // 10:00 in New York is 15:00Z: 3 hours and 20 minutes after 11:40Z.
    expect(noticeFor('2026-12-01T10:00:00-05:00', '2026-12-01T11:40:00Z')).toEqual({
      hoursLeft: 3.3,
      urgency: 'short',
    });
  });

  it('is unknown when the start cannot be read', () => {
    expect(noticeFor('next Tuesday', NOW)).toEqual({ hoursLeft: null, urgency: 'unknown' });
  });
});
