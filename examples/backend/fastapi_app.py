"""The FastAPI server from the SSE tutorial this kit grew from: `async def chat(messages: list)`.

FastAPI reads a single list parameter as the whole request body, so the client must send a bare list:

    useChatStream({
      api: '/chat',
      protocol: 'openai',
      prepareRequest: ({ messages }) => ({ body: messages.map(({ role, content }) => ({ role, content })) }),
    })

Run it: `python3 examples/backend/fastapi_app.py` (prints the port) or `uvicorn fastapi_app:app`.
It answers in OpenAI chat-completion chunks, echoing the last message; swap `reply()` for your model call.
"""
import asyncio
import json
import socket
import sys

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


def reply(messages: list) -> list:
    last = messages[-1].get("content", "") if messages and isinstance(messages[-1], dict) else ""
    return ["You ", "said: ", str(last), f" ({len(messages)} messages)"]


@app.post("/chat")
async def chat(messages: list):
    async def events():
        for token in reply(messages):
            chunk = {"choices": [{"index": 0, "delta": {"content": token}}]}
            yield f"data: {json.dumps(chunk)}\n\n"
            await asyncio.sleep(0)
        yield "data: [DONE]\n\n"

    return StreamingResponse(events(), media_type="text/event-stream")


if __name__ == "__main__":
    import uvicorn

    # Bind first so the caller learns the port (tests start it on an ephemeral loopback port).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0))
    print(f"PORT {sock.getsockname()[1]}", flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[sock])
