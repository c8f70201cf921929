"""A FastAPI chat backend that streams correctly and survives dropped connections (for users of the SSE tutorial).

The tutorial writes `yield f"data: {content}\\n\\n"`. That loses every token with a line break in it (`a\\nb` arrives
as `a`), ends the reply at a token `[DONE]`, sends no event ids (nothing can resume), no heartbeats (proxies cut
idle streams), and keeps the model generating after the user has left. This file fixes each of those:

- Framing: `format_event()` writes one `data:` line per line of the value (CRLF, CR and LF are all line breaks to
  a reader, which joins the lines with LF), and `data: ` with its space, so a value's own leading space survives.
  Text travels inside JSON parts of the AI SDK UI message stream (the kit's `ai-sdk` default, which AI SDK
  clients read too), so every token comes back exactly: CR, LF, `[DONE]`, `data:` and leading spaces included.
- Every event has an increasing `id:`; `retry:` goes first; `: ping` after `HEARTBEAT_S` of silence.
- The model runs in a task of its own, writing into an in-process buffer that readers follow. A reconnect with
  `Last-Event-ID` (the kit's client sends it after a drop) gets exactly the events it missed, then the live tail;
  after a reload `GET /api/chat/{id}/stream` replays the reply so far (204 when there is none).
- Disconnects: a reader checks `await request.is_disconnected()` while it waits (and Starlette cancels it when the
  connection closes). When a reply has had no reader for `RESUME_GRACE_S`, its generation is cancelled, so the
  model stops and stops costing tokens. `POST /api/chat/{id}/stop` stops it at once.

One process only: the buffer lives in this process's memory. Behind several workers, keep streams in Redis (the
kit's Node server does that with `createRedisStreamStore`).

Client: `useChatStream({ api: '/api/chat', body: { id: conversationId } })` (the body's `id` keys the buffer).
Run: `python3 -m uvicorn fastapi_resumable:app --app-dir examples/backend --port 8000`. Swap `model()` for your
model call. The stand-in model reads `?gap_ms=` (pause between tokens) and `?ttfb_ms=` (before the first one).
"""
import asyncio
import json
import os
import re
import time
import uuid
from typing import AsyncIterator, Dict, List, Optional, Union

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

HEARTBEAT_S = float(os.environ.get("HEARTBEAT_S", "15"))
RETRY_MS = int(os.environ.get("RETRY_MS", "3000"))
# How long a reply keeps generating with nobody reading it (time for the client to reconnect or reload).
RESUME_GRACE_S = float(os.environ.get("RESUME_GRACE_S", "10"))
# How long a finished reply stays in the buffer for a reload to replay it.
FINISHED_TTL_S = float(os.environ.get("FINISHED_TTL_S", "300"))
MAX_STREAMS = int(os.environ.get("MAX_STREAMS", "1000"))
MAX_ID_LENGTH = 200
# How often a waiting reader checks whether its client is still there.
DISCONNECT_POLL_S = 0.05

HEADERS = {
    "Cache-Control": "no-cache, no-transform",
    "X-Accel-Buffering": "no",
    # The AI SDK's marker for its UI message stream.
    "x-vercel-ai-ui-message-stream": "v1",
}
MEDIA_TYPE = "text/event-stream"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

app = FastAPI()


def format_event(data: str, event_id: Optional[str] = None, event: Optional[str] = None) -> str:
    """One SSE event: `id:`, `event:`, then one `data:` line per line of `data`, then a blank line.

    The spec's readers split lines at CRLF, CR or LF and join a event's data lines with LF, so multi-line data
    needs a `data:` field per line; a CR alone is a line break too (text formats cannot carry one).
    """
    out = "" if event_id is None else f"id: {event_id}\n"
    if event:
        out += f"event: {event}\n"
    for line in _LINE_BREAK.split(data):
        out += f"data: {line}\n"
    return out + "\n"


def part(value: dict) -> str:
    # ensure_ascii (the default) also keeps lone surrogates, which UTF-8 cannot encode, as JSON escapes.
    return json.dumps(value, separators=(",", ":"))


class ReplyStream:
    """One reply: its framed events (event i has id i + 1), and the readers following it."""

    def __init__(self, stream_id: str) -> None:
        self.id = stream_id
        self.events: List[str] = []
        self.done = False
        self.finished_at = 0.0
        self.readers = 0
        self.task: Optional[asyncio.Task] = None
        self.stop_timer: Optional[asyncio.TimerHandle] = None
        self.changed = asyncio.Event()

    def append(self, data: str) -> None:
        self.events.append(format_event(data, str(len(self.events) + 1)))
        self._wake()

    def finish(self) -> None:
        self.done = True
        self.finished_at = time.monotonic()
        self._wake()

    def _wake(self) -> None:
        # Readers hold the event they wait on; a fresh one per change means none misses a wake-up.
        self.changed.set()
        self.changed = asyncio.Event()

    def stop(self) -> None:
        if self.task is not None and not self.task.done():
            self.task.cancel()


STREAMS: Dict[str, ReplyStream] = {}


def last_text(messages: list) -> Union[str, List[str]]:
    """The last message's text: `content` (the kit's body: a string, or a list of tokens) or AI SDK `parts`."""
    if not messages or not isinstance(messages[-1], dict):
        return ""
    last = messages[-1]
    content = last.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return [t for t in content if isinstance(t, str)]
    parts = last.get("parts")
    if isinstance(parts, list):
        return "".join(p.get("text", "") for p in parts if isinstance(p, dict) and p.get("type") == "text")
    return ""


async def model(messages: list, gap_s: float, ttfb_s: float) -> AsyncIterator[str]:
    """Stand-in for your model call: echoes the last message word by word (a list of strings, token by token)."""
    text = last_text(messages)
    tokens = text if isinstance(text, list) else re.findall(r"\S*\s*", "You said: " + text)
    await asyncio.sleep(ttfb_s)
    for token in tokens:
        if token:
            yield token
            await asyncio.sleep(gap_s)


async def generate(stream: ReplyStream, tokens: AsyncIterator[str]) -> None:
    """Run the model into the buffer as AI SDK UI message stream parts."""
    count = 0
    outcome = "finished"
    stream.append(part({"type": "start", "messageId": f"msg-{uuid.uuid4().hex[:12]}"}))
    stream.append(part({"type": "start-step"}))
    stream.append(part({"type": "text-start", "id": "t0"}))
    try:
        async for token in tokens:
            count += 1
            stream.append(part({"type": "text-delta", "id": "t0", "delta": token}))
        stream.append(part({"type": "text-end", "id": "t0"}))
        stream.append(part({"type": "finish-step"}))
        stream.append(part({"type": "finish", "finishReason": "stop"}))
        stream.append("[DONE]")
    except asyncio.CancelledError:
        outcome = "stopped"
        stream.append(part({"type": "text-end", "id": "t0"}))
        stream.append(part({"type": "abort"}))
        raise
    except Exception as error:  # the model failed: tell the client in the stream's own format
        outcome = "failed"
        stream.append(part({"type": "error", "errorText": str(error) or type(error).__name__}))
    finally:
        await tokens.aclose()
        stream.finish()
        print(f"reply {stream.id} {outcome} after {count} tokens", flush=True)


def end_unstarted(stream: ReplyStream) -> None:
    """A task cancelled before its first step never runs `generate`'s finally: end the reply for its readers."""
    stream.append(part({"type": "abort"}))
    stream.finish()
    print(f"reply {stream.id} stopped after 0 tokens", flush=True)


def prune() -> bool:
    """Drop expired finished replies, then the oldest finished ones over MAX_STREAMS; False when all are live."""
    now = time.monotonic()
    for key in [k for k, s in STREAMS.items() if s.done and now - s.finished_at > FINISHED_TTL_S]:
        del STREAMS[key]
    finished = sorted((s for s in STREAMS.values() if s.done), key=lambda s: s.finished_at)
    while len(STREAMS) >= MAX_STREAMS and finished:
        del STREAMS[finished.pop(0).id]
    return len(STREAMS) < MAX_STREAMS


async def follow(request: Request, stream: ReplyStream, after: int) -> AsyncIterator[str]:
    """The events after `after`, then the live tail, with heartbeats; stops when the client goes away."""
    stream.readers += 1
    if stream.stop_timer is not None:
        stream.stop_timer.cancel()
        stream.stop_timer = None
    try:
        yield f"retry: {RETRY_MS}\n\n"
        sent = after
        last_write = time.monotonic()
        while True:
            changed = stream.changed
            while sent < len(stream.events):
                yield stream.events[sent]
                sent += 1
                last_write = time.monotonic()
            if stream.done:
                return
            if await request.is_disconnected():
                return
            try:
                await asyncio.wait_for(changed.wait(), DISCONNECT_POLL_S)
            except asyncio.TimeoutError:
                if time.monotonic() - last_write >= HEARTBEAT_S:
                    yield ": ping\n\n"
                    last_write = time.monotonic()
    finally:
        stream.readers -= 1
        if stream.readers == 0 and not stream.done:
            # Nobody is reading: give the client RESUME_GRACE_S to come back, then stop the model.
            stream.stop_timer = asyncio.get_running_loop().call_later(RESUME_GRACE_S, stream.stop)


def parse_last_event_id(request: Request, stream: ReplyStream) -> Optional[int]:
    """The Last-Event-ID header as a position in `stream` (0 when absent); None when it is not one of its ids."""
    raw = request.headers.get("last-event-id", "").strip()
    if raw == "":
        return 0
    if not raw.isdigit() or int(raw) > len(stream.events):
        return None
    return int(raw)


def stream_response(request: Request, stream: ReplyStream) -> Response:
    after = parse_last_event_id(request, stream)
    if after is None:
        return JSONResponse({"error": {"message": "Last-Event-ID is not an event of this reply"}}, status_code=400)
    return StreamingResponse(follow(request, stream, after), media_type=MEDIA_TYPE, headers=HEADERS)


def seconds(ms: Optional[str], default_ms: float) -> float:
    """A stand-in model setting in ms (query string: untrusted), as seconds within 0..10."""
    try:
        value = float(ms) if ms is not None else default_ms
    except ValueError:
        value = default_ms
    return min(max(value, 0.0), 10_000.0) / 1000 if value == value else default_ms / 1000


@app.post("/api/chat")
async def chat(request: Request) -> Response:
    try:
        body = await request.json()
    except ValueError:
        return JSONResponse({"error": {"message": "Expected a JSON body"}}, status_code=400)
    if not isinstance(body, dict) or not isinstance(body.get("messages", []), list):
        return JSONResponse({"error": {"message": "Expected { id, messages: [...] }"}}, status_code=400)
    stream_id = str(body.get("id") or body.get("chatId") or uuid.uuid4())
    if len(stream_id) > MAX_ID_LENGTH:
        return JSONResponse({"error": {"message": f"The conversation id is longer than {MAX_ID_LENGTH} characters"}}, status_code=400)
    existing = STREAMS.get(stream_id)
    # The kit's client reconnecting after a drop: the same reply, from where it was.
    if existing is not None and request.headers.get("last-event-id"):
        return stream_response(request, existing)
    if existing is not None:
        existing.stop()  # a new message replaces the reply still being generated
        STREAMS.pop(stream_id, None)
    if not prune():
        return JSONResponse({"error": {"message": "Too many replies in progress"}}, status_code=503, headers={"Retry-After": "5"})
    stream = ReplyStream(stream_id)
    STREAMS[stream_id] = stream
    gap_s = seconds(request.query_params.get("gap_ms"), 20)
    ttfb_s = seconds(request.query_params.get("ttfb_ms"), 0)
    stream.task = asyncio.create_task(generate(stream, model(body.get("messages", []), gap_s, ttfb_s)))
    stream.task.add_done_callback(lambda _task: stream.done or end_unstarted(stream))
    return stream_response(request, stream)


@app.get("/api/chat/{stream_id}/stream")
async def resume(stream_id: str, request: Request) -> Response:
    stream = STREAMS.get(stream_id)
    return Response(status_code=204) if stream is None else stream_response(request, stream)


@app.post("/api/chat/{stream_id}/stop")
async def stop(stream_id: str) -> Response:
    stream = STREAMS.get(stream_id)
    if stream is not None:
        stream.stop()
    return Response(status_code=204)
