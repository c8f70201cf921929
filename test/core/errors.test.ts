import { describe, expect, it } from 'vitest';
import { errorMessageOf, htmlToText, readableErrorBody } from '../../src/core/errors.ts';
import { httpError } from '../../src/core/response.ts';

const NGINX_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n';

function response(status: number, body: string, contentType = 'application/json', statusText = '') {
  return new Response(body, { status, statusText, headers: { 'content-type': contentType } });
}

describe('server error bodies become readable messages', () => {
  it('reads a FastAPI/pydantic detail list as field path and message', async () => {
    const body = JSON.stringify({ detail: [{ loc: ['body', 'messages'], msg: 'field required', type: 'value_error.missing' }] });
    const error = await httpError(response(422, body, 'application/json', 'Unprocessable Entity'));
    expect(error.message).toBe('HTTP 422: messages: field required');
    expect(error.body).toBe(body);
    expect(error).toMatchObject({ kind: 'http', status: 422, retryable: false, serverMessage: 'messages: field required' });
  });

  it('joins several pydantic items and keeps nested field paths (pydantic v2 shape)', () => {
    const detail = [
      { type: 'missing', loc: ['body', 'messages', 0, 'role'], msg: 'Field required', input: {} },
      { type: 'string_type', loc: ['query', 'model'], msg: 'Input should be a valid string' },
    ];
    expect(errorMessageOf({ detail })).toBe('messages.0.role: Field required; model: Input should be a valid string');
  });

  it('reads {error: {message, code, type}} (OpenAI style) and a FastAPI string detail', () => {
    expect(errorMessageOf({ error: { message: 'Rate limit reached', code: 'rate_limit', type: 'requests' } })).toBe('Rate limit reached');
    expect(errorMessageOf({ detail: 'Not authenticated' })).toBe('Not authenticated');
  });

  it('reads problem+json title and detail', async () => {
    const body = JSON.stringify({ type: 'https://example.com/credit', title: 'Out of credit', status: 403, detail: 'Your balance is 30, but that costs 50.' });
    const error = await httpError(response(403, body, 'application/problem+json'));
    expect(error.message).toBe('HTTP 403: Out of credit: Your balance is 30, but that costs 50.');
    expect(error.body).toBe(body);
  });

  it('never puts raw JSON in the message when it has no message field', async () => {
    const error = await httpError(response(500, '{"trace":"at handler (/srv/app.py:10)"}'));
    expect(error.message).toBe('Request failed with HTTP 500');
    expect(error.message).not.toContain('{');
    expect(error.body).toContain('trace');
  });

  it("strips an nginx 502 page to its title and keeps the page on error.body", async () => {
    const error = await httpError(response(502, NGINX_502, 'text/html', 'Bad Gateway'));
    expect(error.message).toBe('HTTP 502: 502 Bad Gateway');
    expect(error.message).not.toMatch(/[<>]/);
    expect(error.body).toBe(NGINX_502);
    expect(error.retryable).toBe(true);
  });

  it('reads an HTML page without a title as its text, without scripts, styles or comments', () => {
    const html = '<!DOCTYPE html><html><head><style>p{color:red}</style><script>alert(1)</script></head><body><!-- x --><p>Service &amp; API are <b>down</b></p></body></html>';
    expect(readableErrorBody(html)).toBe('Service & API are down');
    expect(htmlToText('<p>a</p><p>b')).toBe('a b');
  });

  it('clips a huge text body in the message but keeps all of it on error.body', async () => {
    const text = 'x'.repeat(10_000);
    const error = await httpError(response(500, text, 'text/plain'));
    expect(error.message.length).toBeLessThan(400);
    expect(error.body).toHaveLength(10_000);
  });
});
