import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { describe, expect, it } from 'vitest';
import {
  formParams,
  isValidTwilioSignature,
  publicUrlOf,
} from '../../../../lambda/channels/sms/signature.js';

interface Vectors {
  authToken: string;
  url: string;
  params: Record<string, string>;
  expectedSignature: string;
  variants: { url?: string; presentedUrl?: string; expectedSignature: string }[];
}

const vectors = JSON.parse(
  readFileSync(
    resolve(import.meta.dirname, '../../../fixtures/twilio/twilio-node-signature-vectors.json'),
    'utf8',
  ),
) as Vectors;

/** Changes one character of `text` at `index` to a different one of the same kind. */
function alterOneChar(text: string, index: number): string {
  const ch = text.charAt(index);
  const replacement = ch === 'A' ? 'B' : 'A';
  return text.slice(0, index) + replacement + text.slice(index + 1);
}

describe('Twilio signature vectors', () => {
  it('accepts the published vector', () => {
    expect(
      isValidTwilioSignature(
        vectors.authToken,
        vectors.expectedSignature,
        vectors.url,
        vectors.params,
      ),
    ).toBe(true);
  });

  it.each(
    vectors.variants.map((v) => [v.url ?? v.presentedUrl ?? '', v.expectedSignature] as const),
  )('accepts the published variant for %s', (url, signature) => {
    expect(isValidTwilioSignature(vectors.authToken, signature, url, vectors.params)).toBe(true);
  });

  it.each([0, 5, 13, 27])('rejects the vector with signature character %i altered', (index) => {
    const forged = alterOneChar(vectors.expectedSignature, index);
    expect(forged).not.toBe(vectors.expectedSignature);
    expect(isValidTwilioSignature(vectors.authToken, forged, vectors.url, vectors.params)).toBe(
      false,
    );
  });

  it.each([
    'https://mycompany.com/myapp.php?foo=1&bar=3',
    'https://mycompany.com/myapp.php?foo=1',
    'https://mycompany.org/myapp.php?foo=1&bar=2',
    'http://mycompany.com/myapp.php?foo=1&bar=2',
    'https://mycompany.com/myapp.phq?foo=1&bar=2',
  ])('rejects the vector signature for the altered URL %s', (url) => {
    expect(
      isValidTwilioSignature(vectors.authToken, vectors.expectedSignature, url, vectors.params),
    ).toBe(false);
  });

  it.each(Object.keys(vectors.params))(
    'rejects the vector with parameter %s altered by one character',
    (key) => {
      const params = { ...vectors.params, [key]: alterOneChar(vectors.params[key] ?? '', 1) };
      expect(
        isValidTwilioSignature(vectors.authToken, vectors.expectedSignature, vectors.url, params),
      ).toBe(false);
    },
  );

  it('rejects the vector with an extra parameter', () => {
    const params = { ...vectors.params, Body: 'hello' };
    expect(
      isValidTwilioSignature(vectors.authToken, vectors.expectedSignature, vectors.url, params),
    ).toBe(false);
  });

  it('rejects the vector under another auth token', () => {
    expect(
      isValidTwilioSignature('12346', vectors.expectedSignature, vectors.url, vectors.params),
    ).toBe(false);
  });

  it('rejects a missing signature, an empty token and a malformed URL', () => {
    expect(isValidTwilioSignature(vectors.authToken, undefined, vectors.url, vectors.params)).toBe(
      false,
    );
    expect(isValidTwilioSignature('', vectors.expectedSignature, vectors.url, vectors.params)).toBe(
      false,
    );
    expect(
      isValidTwilioSignature(
        vectors.authToken,
        vectors.expectedSignature,
        'not a url',
        vectors.params,
      ),
    ).toBe(false);
  });
});

describe('publicUrlOf', () => {
  it('prefers the configured public URL', () => {
    const url = publicUrlOf({
      publicUrl: 'https://sms.example.com/sms?x=1',
      headers: { host: 'abc.execute-api.us-east-1.amazonaws.com' },
      pathAndQuery: '/sms',
    });
    expect(url).toBe('https://sms.example.com/sms?x=1');
  });

  it('rebuilds the URL from forwarded headers and the path and query as received', () => {
    const url = publicUrlOf({
      headers: {
        'X-Forwarded-Proto': 'https, http',
        'X-Forwarded-Host': 'sms.example.com',
        Host: 'internal:3000',
      },
      pathAndQuery: "/sms?tag=It's+here&b=%20",
    });
    expect(url).toBe("https://sms.example.com/sms?tag=It's+here&b=%20");
  });

  it('falls back to Host and keeps a non-default forwarded port', () => {
    expect(
      publicUrlOf({
        headers: {
          host: 'tunnel.example.com',
          'x-forwarded-proto': 'http',
          'x-forwarded-port': '8080',
        },
        pathAndQuery: '/sms',
      }),
    ).toBe('http://tunnel.example.com:8080/sms');
    expect(
      publicUrlOf({
        headers: { host: 'a.example.com', 'x-forwarded-port': '443' },
        pathAndQuery: 'sms',
      }),
    ).toBe('https://a.example.com/sms');
  });

  it('returns null without any host', () => {
    expect(publicUrlOf({ headers: {}, pathAndQuery: '/sms' })).toBeNull();
  });

  it('validates a request signed over the rebuilt public URL, not the internal one', () => {
    const params = formParams('Body=hi&From=%2B447700900123');
    const signature = getExpectedTwilioSignature('token', 'https://sms.example.com/sms', params);
    const url = publicUrlOf({
      headers: { 'x-forwarded-host': 'sms.example.com', host: '10.0.0.1' },
      pathAndQuery: '/sms',
    });
    expect(isValidTwilioSignature('token', signature, url ?? '', params)).toBe(true);
    expect(isValidTwilioSignature('token', signature, 'http://10.0.0.1/sms', params)).toBe(false);
  });
});

describe('formParams', () => {
  it('decodes a form body and keeps repeated keys as arrays', () => {
    expect(formParams('Body=It%27s+amazing&A=1&A=2&A=3&Empty=')).toEqual({
      Body: "It's amazing",
      A: ['1', '2', '3'],
      Empty: '',
    });
  });
});
