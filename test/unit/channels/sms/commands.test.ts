import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../../lambda/channels/sms/commands.js';

describe('parseCommand', () => {
  it.each(['HELP', 'help', ' Help ', 'INFO', 'help?'])('reads %j as help', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'help' });
  });

  it.each([
    'STOP',
    'stop',
    'Stop.',
    'STOPALL',
    'stop all',
    'UNSUBSCRIBE',
    'CANCEL',
    'cancel',
    'END',
    'QUIT',
    'OPTOUT',
    'REVOKE',
  ])('reads %j as an opt-out, like Twilio does', (text) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'stop' });
  });

  it.each(['START', 'start', 'UNSTOP', 'YES'])('reads %j as an opt-in', (text) => {
    expect(parseCommand(text)).toMatchObject({ kind: 'start' });
  });

  it('reads CANCEL REMINDERS as dropping reminders without opting out', () => {
    expect(parseCommand('cancel reminders')).toEqual({ kind: 'cancel-reminders' });
    expect(parseCommand('Cancel reminder')).toEqual({ kind: 'cancel-reminders' });
  });

  it('reads NEW with the time as written', () => {
    expect(parseCommand('NEW Thu 2pm')).toEqual({ kind: 'new', when: 'Thu 2pm' });
    expect(parseCommand('  new: tomorrow at 10:30am ')).toEqual({
      kind: 'new',
      when: 'tomorrow at 10:30am',
    });
    expect(parseCommand('NEW')).toEqual({ kind: 'new', when: '' });
  });

  it('reads EMAIL as the email-length draft', () => {
    expect(parseCommand('email')).toEqual({ kind: 'email' });
  });

  it('treats sentences that merely contain a keyword as conversation text', () => {
    expect(parseCommand('I need to cancel my interview, I am sick')).toEqual({
      kind: 'text',
      text: 'I need to cancel my interview, I am sick',
    });
    expect(parseCommand('Please stop by later')).toMatchObject({ kind: 'text' });
    expect(parseCommand('Newcastle office, Thu 3pm')).toMatchObject({ kind: 'text' });
  });
});
