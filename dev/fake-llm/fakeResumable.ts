/**
 * The fake model's resumable endpoint, built on `react-chat-stream/server`'s `createResumableStreams` over an
 * in-memory store: a `POST` whose body names the conversation (`id` or `chatId`) produces the reply into the
 * store keyed by that id, and the producer keeps running when the page reloads; `GET …/:id/stream` reattaches
 * (the whole reply so far, then the live tail; 204 when there is none) and `POST …/:id/stop` stops the producer.
 * Web-standard `Request`/`Response` only, so the Node handler and the in-browser fetch share it.
 */
import { createMemoryStreamStore, createResumableStreams, type ResumableStreams, type ServerProtocol, type StreamStore } from '../../src/server/index.ts';
import { endRecord, type FakeResponse } from './createFakeLLM.ts';
import { FakeModelError } from './fakeChunks.ts';
import { FakeDropError } from './fakeSSE.ts';

/** Longest conversation id accepted (a dev server has no business keying streams by megabytes). */
const MAX_ID_LENGTH = 256;
/** Conversations whose protocol is remembered for `GET …/stream`. */
const MAX_REMEMBERED = 1000;

/** The resumable routes of one fake model. */
export interface FakeResumable {
  /** Answer a `POST` that carries a conversation id (a `Last-Event-ID` reconnect resumes the stored stream). */
  start(streamId: string, answer: FakeResponse, request: Request): Promise<Response>;
  /** `GET …/:id/stream`: the stored reply so far and its live tail, or 204 when there is none. */
  resume(streamId: string, request: Request): Promise<Response>;
  /** `POST …/:id/stop`: stop the producer (204). */
  stop(streamId: string): Promise<Response>;
  /** Resolves when every producer has finished (tests). */
  settled(): Promise<void>;
}

/** Options of `createFakeResumable`. */
export interface CreateFakeResumableOptions {
  /** Where replies are kept. @default an in-memory store (5 minutes after a reply ends) */
  store?: StreamStore;
}

/** The conversation id of a chat request body (`id`, else `chatId`), when it is a usable non-empty string. */
export function resumableId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { id, chatId } = body as { id?: unknown; chatId?: unknown };
  const value = typeof id === 'string' && id !== '' ? id : chatId;
  return typeof value === 'string' && value !== '' && value.length <= MAX_ID_LENGTH ? value : undefined;
}

/** The routes under the chat path: `/:id/stream` (GET) and `/:id/stop` (POST); `undefined` for anything else. */
export function resumableRoute(pathname: string): { streamId: string; action: 'stream' | 'stop' } | undefined {
  const match = /\/([^/]+)\/(stream|stop)$/.exec(pathname);
  if (!match) return undefined;
  let streamId: string;
  try {
    streamId = decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
  if (streamId === '' || streamId.length > MAX_ID_LENGTH) return undefined;
  return { streamId, action: match[2] as 'stream' | 'stop' };
}

/** Create the resumable routes over one store (one per fake model, so every adapter of a server shares it). */
export function createFakeResumable({ store = createMemoryStreamStore() }: CreateFakeResumableOptions = {}): FakeResumable {
  // The encoder speaks ai-sdk and text; both share the store, and each conversation remembers which it streams.
  const streams: Record<ServerProtocol, ResumableStreams> = {
    'ai-sdk': createResumableStreams({ store, protocol: 'ai-sdk' }),
    text: createResumableStreams({ store, protocol: 'text' }),
  };
  const protocols = new Map<string, ServerProtocol>();

  return {
    async start(streamId, answer, request) {
      const protocol = answer.options.protocol as ServerProtocol;
      const { record } = answer;
      const source = answer.source!;
      protocols.delete(streamId);
      protocols.set(streamId, protocol);
      if (protocols.size > MAX_REMEMBERED) protocols.delete(protocols.keys().next().value!);
      // The record follows the producer (which outlives any one connection), not the connection.
      const produce = async function* (signal: AbortSignal) {
        try {
          yield* source(signal);
          endRecord(record, 'done');
        } catch (error) {
          endRecord(record, error instanceof FakeModelError ? 'failed' : 'aborted');
          throw error;
        } finally {
          endRecord(record, 'aborted');
        }
      };
      const response = await streams[protocol].response(streamId, request, produce);
      // The drop sits at token N of the reply: a reconnect (Last-Event-ID) is past it and never drops again.
      const dropAfter = request.headers.has('last-event-id') ? undefined : answer.options.dropAfter;
      if (dropAfter === undefined || !response.body) return response;
      return new Response(dropAfterTokens(response.body, dropAfter, protocol), { status: response.status, headers: response.headers });
    },
    async resume(streamId, request) {
      return streams[protocols.get(streamId) ?? 'ai-sdk'].resumeResponse(streamId, request);
    },
    async stop(streamId) {
      await streams['ai-sdk'].stop(streamId);
      return new Response(null, { status: 204 });
    },
    async settled() {
      await Promise.all([streams['ai-sdk'].settled(), streams.text.settled()]);
    },
  };
}

const decoder = new TextDecoder();

// The framer writes one event per chunk, so a chunk is a token when its data is a text delta (ai-sdk) or any
// data but the end marker (text).
function isToken(chunk: Uint8Array, protocol: ServerProtocol): boolean {
  const text = decoder.decode(chunk);
  if (protocol === 'ai-sdk') return text.includes('\ndata: {"type":"text-delta"') || text.startsWith('data: {"type":"text-delta"');
  return /(^|\n)data: /.test(text) && !/(^|\n)event: error\n/.test(text) && !text.includes('data: [DONE]\n');
}

/**
 * `dropAfter` on a resumable stream: this connection dies after `limit` tokens (the body errors with
 * `FakeDropError`) while the producer carries on into the store, so a `Last-Event-ID` reconnect or a `GET
 * …/stream` gets the rest.
 */
export function dropAfterTokens(body: ReadableStream<Uint8Array>, limit: number, protocol: ServerProtocol): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let tokens = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      if (isToken(value, protocol) && tokens++ === limit) {
        void reader.cancel();
        return controller.error(new FakeDropError(`fake-llm dropped the connection after ${limit} tokens`));
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
