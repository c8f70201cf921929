/**
 * A route written for the AI SDK's `useChat` (Next.js App Router `app/api/chat/route.ts` shape), unchanged.
 * `useChatStream({ api: '/api/chat', prepareRequest: aiSdkRequest })` talks to it. In an app:
 *   export const POST = createChatRoute({ model: openai('gpt-4.1-mini'), tools: { weather } });
 * The project's tests run it with the AI SDK's mock model.
 */
import { convertToModelMessages, streamText, validateUIMessages, type LanguageModel, type ToolSet, type UIMessage } from 'ai';

export interface ChatRouteOptions {
  model: LanguageModel;
  tools?: ToolSet;
}

export function createChatRoute({ model, tools }: ChatRouteOptions) {
  return async function POST(request: Request): Promise<Response> {
    const { messages } = (await request.json()) as { messages: UIMessage[]; id: string; trigger: string };
    // Rejects anything that is not a UIMessage list (a `{role, content}` body answers 400 here, 500 in most apps).
    let valid: UIMessage[];
    try {
      valid = await validateUIMessages({ messages, ...(tools ? { tools: tools as never } : {}) });
    } catch (error) {
      return Response.json({ error: { message: (error as Error).message } }, { status: 400 });
    }
    const result = streamText({ model, messages: await convertToModelMessages(valid), ...(tools ? { tools } : {}) });
    return result.toUIMessageStreamResponse({ sendReasoning: true });
  };
}
