import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readForward } from '../../../../lambda/channels/email/index.js';
import { fixturesDir } from './shared-paths.js';

// email-forward-parser's fixtures (MIT, crisp-oss/email-forward-parser): a forward of
// "Integer consequat non purus" from John Doe <john.doe@acme.com>, by many clients in many
// locales. `variant_4` bodies are replies ("On ... wrote:"), not forwards.
const dir = resolve(fixturesDir, 'email-forward-parser/test/fixtures');
const SUBJECT = 'Integer consequat non purus';

const bodies = readdirSync(dir)
  .filter((f) => f.includes('_body') && !f.includes('variant_4'))
  .map((file) => {
    const variantSubject = resolve(dir, file.replace('_body', '_subject'));
    const baseSubject = resolve(dir, file.replace(/_body.*$/, '_subject.txt'));
    const subjectFile = existsSync(variantSubject)
      ? variantSubject
      : existsSync(baseSubject)
        ? baseSubject
        : null;
    return {
      file,
      english: /_en_/.test(file),
      body: readFileSync(resolve(dir, file), 'utf8'),
      subject: subjectFile ? readFileSync(subjectFile, 'utf8').trim() : '',
    };
  });

function readsOriginal(body: string, subject: string): boolean {
  // The library's contract is the first forwarded message; deeper ones are chains.
  const forwarded = readForward(body, subject).chain[0];
  if (forwarded === undefined) return false;
  const from =
    forwarded.from?.email === 'john.doe@acme.com' ||
    (forwarded.from?.email === null && forwarded.from?.name === 'John Doe');
  // Outlook 2019's "On <date>, John Doe wrote:" header carries no subject line.
  const subjectOk = forwarded.subject === SUBJECT || forwarded.subject === null;
  return from && subjectOk;
}

describe('readForward on email-forward-parser fixtures', () => {
  const english = bodies.filter((b) => b.english);

  it.each(english)('reads the original From and Subject of $file', ({ body, subject }) => {
    expect(readsOriginal(body, subject), 'expected From john.doe@acme.com and the subject').toBe(
      true,
    );
  });

  it('reads the original From and Subject in every locale the library knows (share = 100 %)', () => {
    const ok = bodies.filter((b) => readsOriginal(b.body, b.subject));
    const failed = bodies.filter((b) => !ok.includes(b)).map((b) => b.file);
    expect(bodies.length).toBeGreaterThan(150);
    expect(failed, `expected every fixture to parse; ${ok.length}/${bodies.length} did`).toEqual(
      [],
    );
  });

  it('reads the subject line whenever the forward header has one', () => {
    const withSubjectLine = bodies.filter((b) =>
      /^(?:\*?Subject|Betreff|Objet|Asunto|Oggetto|Onderwerp|Assunto|Emne|Ämne|Aihe|Temat|Předmět|Predmet|Tárgy|Subiect|Тема|Konu|Tema|件名|Aihe|Teema|Subjekt)\s*:/im.test(
        b.body,
      ),
    );
    const missing = withSubjectLine
      .filter((b) => readForward(b.body, b.subject).chain[0]?.subject !== SUBJECT)
      .map((b) => b.file);
    expect(withSubjectLine.length).toBeGreaterThan(100);
    expect(missing, 'expected the subject of every forward header that has one').toEqual([]);
  });

  it("does not take an Outlook separator line in pasted Teams details for a forward's", () => {
    const text = [
      'Hi, I need to move this please.',
      '',
      '---------- Forwarded message ---------',
      'From: Ana Ruiz <ana.ruiz@kestrel.example.com>',
      'Date: Mon, Dec 7, 2026 at 9:00 AM',
      'Subject: Interview',
      'To: <sam@example.org>',
      '',
      'Hi Sam, see you Thursday 10 December at 2pm CET. Teams details below.',
      '',
      '________________________________________________________________________________',
      'Microsoft Teams meeting',
      'Join on your computer or mobile app',
      'Meeting ID: 371 224 905 118',
      '________________________________',
      'Dial in by phone',
      '+31 20 255 0199,,604117382# Netherlands, Amsterdam',
    ].join('\n');
    const reading = readForward(text, 'Fwd: Interview');
    expect(reading.depth).toBe(1);
    expect(reading.forwarded?.from?.email).toBe('ana.ruiz@kestrel.example.com');
    expect(reading.forwarded?.body).toContain('Thursday 10 December at 2pm CET');
  });

  it("keeps a relayer's note apart when the library matches the inner separator first", () => {
    const text = [
      'Hi, I cannot make Thursday, sorry.',
      '',
      'From: Mia Ruiz <mia@agency.example.com>',
      'Date: Tuesday, 12 January 2027 at 16:08',
      'To: sam@example.org <sam@example.org>',
      'Subject: Fwd: Interview',
      'Hi Sam, heads-up: it has moved. It is now Thursday 21 January at 10:00 (CET).',
      '',
      '---------- Forwarded message ---------',
      'From: Joost Bakker <joost@corvid.example.com>',
      'Date: Wed, Jan 6, 2027 at 11:14 AM',
      'Subject: Interview',
      'To: Mia Ruiz <mia@agency.example.com>',
      '',
      'Proposed slot: Tuesday 19 January 2027, 15:00 CET.',
    ].join('\n');
    const reading = readForward(text, 'Fwd: Fwd: Interview');
    expect(reading.note).toBe('Hi, I cannot make Thursday, sorry.');
    expect(reading.relayNotes).toEqual([
      'Hi Sam, heads-up: it has moved. It is now Thursday 21 January at 10:00 (CET).',
    ]);
    expect(reading.forwarded?.from?.email).toBe('joost@corvid.example.com');
    expect(reading.depth).toBe(2);
  });

  it('reads a reply ("On ... wrote:" with quoted lines) as no forward', () => {
    const reply = readFileSync(resolve(dir, 'gmail_en_body_variant_4.txt'), 'utf8');
    const reading = readForward(reply, 'Re: Integer consequat non purus');
    expect(reading.forwarded).toBeNull();
    expect(reading.depth).toBe(0);
  });
});
