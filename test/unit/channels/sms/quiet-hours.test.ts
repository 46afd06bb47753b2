import { describe, expect, it } from 'vitest';
import type { ReminderRecord, ReminderScheduler } from '../../../../lambda/app/ports.js';
import {
  isQuietHours,
  QuietHoursScheduler,
  sendableAt,
  sendableBefore,
} from '../../../../lambda/channels/sms/quiet-hours.js';
import {
  candidateZones,
  zoneFromAnswer,
  zonesForNumber,
} from '../../../../lambda/channels/sms/zones.js';

describe('sendableAt', () => {
  it('keeps a time in waking hours unchanged', () => {
    expect(sendableAt('2026-12-03T12:00:00Z', ['Europe/London'])).toBe('2026-12-03T12:00:00Z');
  });

  it('defers a 22:30 London reminder to 08:00 London the next morning', () => {
    expect(sendableAt('2026-12-03T22:30:00Z', ['Europe/London'])).toBe('2026-12-04T08:00:00.000Z');
  });

  it('defers a 05:00 local reminder to 08:00 the same day, in summer time', () => {
    // 05:00 BST = 04:00Z; 08:00 BST = 07:00Z.
    expect(sendableAt('2026-07-01T04:00:00Z', ['Europe/London'])).toBe('2026-07-01T07:00:00.000Z');
  });

  it('treats 21:00 as quiet and 08:00 as waking', () => {
    expect(isQuietHours('2026-12-03T21:00:00+00:00', ['Europe/London'])).toBe(true);
    expect(isQuietHours('2026-12-03T20:59:59+00:00', ['Europe/London'])).toBe(false);
    expect(isQuietHours('2026-12-03T08:00:00+00:00', ['Europe/London'])).toBe(false);
    expect(isQuietHours('2026-12-03T07:59:59+00:00', ['Europe/London'])).toBe(true);
  });

  it('waits until it is waking time in every zone of a multi-zone country', () => {
    // 09:00 New York (14:00Z) is 06:00 Los Angeles and 04:00 Honolulu: wait for 08:00 Honolulu = 18:00Z.
    const at = sendableAt('2026-12-03T14:00:00Z', zonesForNumber('+14155550100'));
    expect(at).toBe('2026-12-03T18:00:00.000Z');
    expect(isQuietHours(at, zonesForNumber('+14155550100'))).toBe(false);
  });

  it('never drops: any instant maps to a waking instant within a day', () => {
    const zones = zonesForNumber('+61412345678');
    for (let hour = 0; hour < 24; hour++) {
      const at = `2026-12-03T${String(hour).padStart(2, '0')}:15:00Z`;
      const sendable = sendableAt(at, zones);
      expect(isQuietHours(sendable, zones), `${at} -> ${sendable} is still quiet`).toBe(false);
      expect(Date.parse(sendable) - Date.parse(at)).toBeGreaterThanOrEqual(0);
      expect(Date.parse(sendable) - Date.parse(at)).toBeLessThan(24 * 3600 * 1000);
    }
  });

  it('sends at once without any zone to go on', () => {
    expect(sendableAt('2026-12-03T02:00:00Z', [])).toBe('2026-12-03T02:00:00Z');
  });

  it('rejects a value that is not an instant', () => {
    expect(() => sendableAt('Thursday', ['Europe/London'])).toThrow(/not an ISO-8601 instant/);
  });
});

describe('zonesForNumber / candidateZones', () => {
  it('maps single-zone countries by calling code, longest code first', () => {
    expect(zonesForNumber('+447700900123')).toEqual(['Europe/London']);
    expect(zonesForNumber('+353851234567')).toEqual(['Europe/Dublin']);
    expect(zonesForNumber('+4915112345678')).toEqual(['Europe/Berlin']);
    expect(zonesForNumber('+33612345678')).toEqual(['Europe/Paris']);
    expect(zonesForNumber('+34612345678')).toEqual(['Europe/Madrid']);
  });

  it('maps multi-zone countries to several zones and unknown codes to none', () => {
    expect(zonesForNumber('+14155550100').length).toBeGreaterThan(3);
    expect(zonesForNumber('+61412345678')).toContain('Australia/Perth');
    expect(zonesForNumber('+2348012345678')).toEqual([]);
    expect(zonesForNumber('07700900123')).toEqual([]);
  });

  it('prefers the profile zone, then the number, then the interview zone', () => {
    expect(candidateZones({ profileZone: 'America/Chicago', phone: '+447700900123' })).toEqual([
      'America/Chicago',
    ]);
    expect(candidateZones({ phone: '+447700900123', interviewZone: 'America/Chicago' })).toEqual([
      'Europe/London',
    ]);
    expect(candidateZones({ phone: '+2348012345678', interviewZone: 'Africa/Lagos' })).toEqual([
      'Africa/Lagos',
    ]);
    expect(candidateZones({})).toEqual([]);
  });
});

describe('QuietHoursScheduler', () => {
  class RecordingScheduler implements ReminderScheduler {
    readonly scheduled: ReminderRecord[] = [];
    readonly cancelled: string[] = [];
    async schedule(reminder: ReminderRecord): Promise<void> {
      this.scheduled.push(reminder);
    }
    async cancel(reminderId: string): Promise<void> {
      this.cancelled.push(reminderId);
    }
  }
  const reminder: ReminderRecord = {
    id: 'c1:thank_you',
    conversationId: 'c1',
    kind: 'thank_you',
    at: '2026-12-03T23:00:00.000Z',
    channel: 'sms',
    to: '+447700900123',
    status: 'pending',
  };

  it('schedules an SMS reminder due at night for 08:00 local and reports the new time', async () => {
    const inner = new RecordingScheduler();
    const deferred: ReminderRecord[] = [];
    const scheduler = new QuietHoursScheduler(inner, {
      onDeferred: async (r) => {
        deferred.push(r);
      },
    });
    await scheduler.schedule(reminder);
    expect(inner.scheduled).toEqual([{ ...reminder, at: '2026-12-04T08:00:00.000Z' }]);
    expect(deferred).toEqual(inner.scheduled);
  });

  it("keeps quiet hours in the reminder's own zone before the number's country", async () => {
    const inner = new RecordingScheduler();
    const scheduler = new QuietHoursScheduler(inner);
    // 23:00 London is 15:00 in Los Angeles: waking hours there.
    await scheduler.schedule({ ...reminder, timezone: 'America/Los_Angeles' });
    expect(inner.scheduled.map((r) => r.at)).toEqual(['2026-12-03T23:00:00.000Z']);
  });

  it('passes email reminders and daytime SMS reminders through unchanged, and cancels through', async () => {
    const inner = new RecordingScheduler();
    const scheduler = new QuietHoursScheduler(inner, { zonesFor: () => ['Europe/London'] });
    await scheduler.schedule({ ...reminder, channel: 'email', to: 'sam@example.com' });
    await scheduler.schedule({ ...reminder, at: '2026-12-03T10:00:00.000Z' });
    await scheduler.cancel('c1:thank_you');
    expect(inner.scheduled.map((r) => r.at)).toEqual([
      '2026-12-03T23:00:00.000Z',
      '2026-12-03T10:00:00.000Z',
    ]);
    expect(inner.cancelled).toEqual(['c1:thank_you']);
  });
});

describe('sendableBefore / prep reminders', () => {
  const prep: ReminderRecord = {
    id: 'c2:prep',
    conversationId: 'c2',
    kind: 'prep',
    at: '2026-12-03T12:00:00.000Z', // 07:00 New York, 04:00 Los Angeles, 02:00 Honolulu
    channel: 'sms',
    to: '+14155550100',
    status: 'pending',
  };

  it('moves a prep reminder due in quiet hours back to 20:00 the evening before in every zone', () => {
    const zones = zonesForNumber('+14155550100');
    const at = sendableBefore(prep.at, zones, '2026-12-01T00:00:00Z');
    // 20:00 in St John's (the first zone to hit quiet hours going back) is 23:30Z; waking everywhere.
    expect(at).toBe('2026-12-02T23:30:00.000Z');
    expect(isQuietHours(at ?? '', zones)).toBe(false);
  });

  it('returns null when the evening before has already passed', () => {
    expect(
      sendableBefore('2026-12-03T06:00:00Z', ['Europe/London'], '2026-12-03T05:00:00Z'),
    ).toBeNull();
  });

  it('schedules a prep reminder on the evening before rather than after the interview', async () => {
    const scheduled: ReminderRecord[] = [];
    const scheduler = new QuietHoursScheduler(
      { schedule: async (r) => void scheduled.push(r), cancel: async () => undefined },
      { now: () => new Date('2026-12-01T12:00:00Z') },
    );
    await scheduler.schedule(prep);
    expect(scheduled.map((r) => r.at)).toEqual(['2026-12-02T23:30:00.000Z']);
  });

  it('defers a prep reminder to the morning when it is too late to move it back', async () => {
    const scheduled: ReminderRecord[] = [];
    const scheduler = new QuietHoursScheduler(
      { schedule: async (r) => void scheduled.push(r), cancel: async () => undefined },
      { now: () => new Date('2026-12-03T05:00:00Z'), zonesFor: () => ['Europe/London'] },
    );
    await scheduler.schedule({ ...prep, at: '2026-12-03T06:00:00.000Z' });
    expect(scheduled.map((r) => r.at)).toEqual(['2026-12-03T08:00:00.000Z']);
  });
});

describe('zoneFromAnswer', () => {
  it.each([
    ['PT', 'America/Los_Angeles'],
    ['pacific time', 'America/Los_Angeles'],
    ['Eastern', 'America/New_York'],
    ['it is CST', 'America/Chicago'],
    ['Perth', 'Australia/Perth'],
    ['America/Denver', 'America/Denver'],
  ])('reads %j as %s', (answer, zone) => {
    expect(zoneFromAnswer(answer)).toBe(zone);
  });

  it('returns null for answers that name no zone, and for unknown IANA names', () => {
    expect(zoneFromAnswer('no idea')).toBeNull();
    expect(zoneFromAnswer('Mars/Olympus')).toBeNull();
  });
});
