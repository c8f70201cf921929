/**
 * In-memory chat history for the fake server: a sidebar's list, each conversation's messages, and fault knobs
 * (slow answers, failing saves) so optimistic updates and rollbacks can be shown without a database.
 * Browser-safe: `respond` is plain data in, plain data out; `createFakeChatsFetch` and the Vite plugin adapt it.
 *
 * Routes (knobs in the query string: `slowMs`, `failSave`, `failLoad`, `space`):
 * - `GET /api/chats`: the list, newest first: `{ id, title, updatedAt }[]`
 * - `POST /api/chats` `{ title? }`: a new, empty conversation (201)
 * - `DELETE /api/chats`: forget every conversation of the space; `DELETE /api/chats/:id`: forget one
 * - `GET /api/chats/:id`: `{ id, title, updatedAt, messages }`
 * - `PUT /api/chats/:id` `{ title?, messages? }`: rename and/or replace the messages
 */

/** One stored conversation. */
export interface FakeChat {
  id: string;
  title: string;
  updatedAt: number;
  messages: unknown[];
}

/** A request as the history routes see it. */
export interface FakeChatsRequest {
  method: string;
  /** The path after the base (`''` for the list, `'/abc'` for one conversation). */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** What the routes answer: a status and a JSON value, after `delayMs`. */
export interface FakeChatsResponse {
  status: number;
  body: unknown;
  delayMs: number;
}

export interface FakeChats {
  respond(request: FakeChatsRequest): FakeChatsResponse;
}

const DEFAULT_TITLE = 'Untitled chat';
const MAX_CHATS_PER_SPACE = 500;
const MAX_TITLE_CHARS = 80;
const MAX_SLOW_MS = 30_000;

function flag(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  return value !== null && value !== '0' && value !== 'false';
}

function titleFrom(messages: unknown[]): string | undefined {
  const first = messages.find(
    (m): m is { role: string; content: string } =>
      typeof m === 'object' && m !== null && (m as { role?: unknown }).role === 'user' && typeof (m as { content?: unknown }).content === 'string',
  );
  const text = first?.content.trim().replace(/\s+/g, ' ');
  return text ? text.slice(0, MAX_TITLE_CHARS) : undefined;
}

const summary = ({ id, title, updatedAt }: FakeChat) => ({ id, title, updatedAt });

/** Create an empty history (one per server process, or one per page in the browser). */
export function createFakeChats(): FakeChats {
  const spaces = new Map<string, Map<string, FakeChat>>();
  let counter = 0;
  let clock = 0;
  // Strictly increasing: two saves in one millisecond still sort.
  const now = () => (clock = Math.max(clock + 1, Date.now()));

  return {
    respond({ method, path, query, body }) {
      const slow = Number(query.get('slowMs'));
      const delayMs = Number.isFinite(slow) && slow > 0 ? Math.min(slow, MAX_SLOW_MS) : 0;
      const answer = (status: number, value: unknown): FakeChatsResponse => ({ status, body: value, delayMs });
      const spaceName = query.get('space') ?? 'default';
      let chats = spaces.get(spaceName);
      if (!chats) spaces.set(spaceName, (chats = new Map()));
      const fields = (typeof body === 'object' && body !== null ? body : {}) as { title?: unknown; messages?: unknown };

      if (path === '' || path === '/') {
        if (method === 'GET') return answer(200, [...chats.values()].sort((a, b) => b.updatedAt - a.updatedAt).map(summary));
        if (method === 'POST') {
          if (chats.size >= MAX_CHATS_PER_SPACE) return answer(507, { error: { message: 'Too many conversations' } });
          const title = typeof fields.title === 'string' && fields.title.trim() ? fields.title.trim().slice(0, MAX_TITLE_CHARS) : DEFAULT_TITLE;
          const chat: FakeChat = { id: `chat-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 6)}`, title, updatedAt: now(), messages: [] };
          chats.set(chat.id, chat);
          return answer(201, summary(chat));
        }
        if (method === 'DELETE') {
          chats.clear();
          return answer(204, null);
        }
        return answer(405, { error: { message: `${method} is not allowed on /api/chats` } });
      }

      const id = decodeURIComponent(path.replace(/^\//, ''));
      const chat = chats.get(id);
      if (!chat) return answer(404, { error: { message: `No conversation ${id}` } });
      if (method === 'GET') {
        if (flag(query, 'failLoad')) return answer(500, { error: { message: 'The history store is down (failLoad)' } });
        return answer(200, chat);
      }
      if (method === 'PUT') {
        if (flag(query, 'failSave')) return answer(500, { error: { message: 'Saving failed (failSave)' } });
        if (fields.messages !== undefined && !Array.isArray(fields.messages)) {
          return answer(422, { error: { message: 'messages must be an array' } });
        }
        if (Array.isArray(fields.messages)) {
          chat.messages = fields.messages;
          if (chat.title === DEFAULT_TITLE) chat.title = titleFrom(chat.messages) ?? chat.title;
        }
        if (typeof fields.title === 'string' && fields.title.trim()) chat.title = fields.title.trim().slice(0, MAX_TITLE_CHARS);
        chat.updatedAt = now();
        return answer(200, summary(chat));
      }
      if (method === 'DELETE') {
        chats.delete(id);
        return answer(204, null);
      }
      return answer(405, { error: { message: `${method} is not allowed on /api/chats/:id` } });
    },
  };
}

/**
 * The history routes as a `fetch` (for a static build with no dev server). Requests to other URLs go to
 * `fallback`.
 */
export function createFakeChatsFetch(
  chats: FakeChats = createFakeChats(),
  { base = '/api/chats', fallback = globalThis.fetch }: { base?: string; fallback?: typeof fetch } = {},
): typeof fetch {
  return async (input, init) => {
    const request = new Request(new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost'), init);
    const url = new URL(request.url);
    if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return fallback(input, init);
    const text = await request.text();
    const result = chats.respond({
      method: request.method,
      path: url.pathname.slice(base.length),
      query: url.searchParams,
      body: text ? JSON.parse(text) : undefined,
    });
    if (result.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, result.delayMs));
    init?.signal?.throwIfAborted();
    return new Response(result.status === 204 ? null : JSON.stringify(result.body), {
      status: result.status,
      headers: { 'content-type': 'application/json' },
    });
  };
}
