// Everything the kit draws, at once, for the colour-contrast audit (`?page=gallery&theme=light|dark`): a
// streaming reply with code (language label), table, links, blockquote and the caret; a failed reply with
// Retry; message actions; every part kind (reasoning open and closed, redacted, a tool card in each state,
// sources, a file, a refusal, the notices); a ThreadList; and, once the test scrolls up, "Jump to latest".
import { ChatWindow, ThreadList, type ChatController, type ChatMessage } from '../../../src/index.ts';

const CODE_REPLY =
  '## A reply\n\nSee [the docs](https://example.com/docs) and `inline code`.\n\n> A quoted line, muted.\n\n' +
  '| Protocol | Status |\n| --- | ---: |\n| OpenAI | done |\n\n```ts\nconst answer = 42;\n```\n\n![chart](https://example.com/c.png)\n\n' +
  'Still typing in a fence:\n\n```python\nprint("hi")';

const filler = (i: number): ChatMessage[] => [
  { id: `u${i}`, role: 'user', content: `Question ${i}: what does the kit render?` },
  { id: `a${i}`, role: 'assistant', content: `Answer ${i}: **markdown**, [links](https://example.com/${i}) and more.`, status: 'done' },
];

const MESSAGES: ChatMessage[] = [
  ...filler(1),
  ...filler(2),
  { id: 'u-parts', role: 'user', content: 'Show every part' },
  {
    id: 'a-parts',
    role: 'assistant',
    status: 'done',
    finishReason: 'length',
    content: 'Here is the answer.',
    parts: [
      { type: 'reasoning', text: 'Thinking about it…', state: 'done', durationMs: 3000 },
      { type: 'reasoning', text: 'Open reasoning text', state: 'streaming' },
      { type: 'reasoning', text: '', state: 'done', redacted: true },
      { type: 'tool-call', toolCallId: 't1', toolName: 'search', state: 'input-streaming', inputText: '{"q":"we' },
      { type: 'tool-call', toolCallId: 't2', toolName: 'search', state: 'input-available', input: { q: 'weather' }, inputText: '{"q":"weather"}' },
      { type: 'tool-call', toolCallId: 't3', toolName: 'search', state: 'output-available', input: { q: 'x' }, inputText: '{"q":"x"}', output: { hits: 3 } },
      { type: 'tool-call', toolCallId: 't4', toolName: 'search', state: 'output-error', input: { q: 'y' }, inputText: '{"q":"y"}', errorText: 'Search is down' },
      { type: 'source', url: 'https://example.com/a', title: 'Source A' },
      { type: 'source', url: 'https://example.org/b' },
      { type: 'file', url: 'https://example.com/report.pdf', mediaType: 'application/pdf', filename: 'report.pdf' },
      { type: 'refusal', text: 'I cannot help with that part.' },
      { type: 'text', text: 'Here is the answer.' },
    ],
  } as ChatMessage,
  { id: 'u-empty', role: 'user', content: 'Say nothing' },
  { id: 'a-empty', role: 'assistant', content: '', status: 'done' },
  { id: 'u-filter', role: 'user', content: 'Something filtered' },
  { id: 'a-filter', role: 'assistant', content: 'Partial', status: 'done', finishReason: 'content-filter' },
  { id: 'u-fail', role: 'user', content: 'This one fails' },
  { id: 'a-fail', role: 'assistant', content: 'Half an answer', status: 'error', error: 'The server is busy (503).' },
  { id: 'u-code', role: 'user', content: 'Now stream some code' },
  { id: 'a-code', role: 'assistant', content: CODE_REPLY, status: 'streaming' },
];

const noop = async () => {};
const chat: ChatController = {
  messages: MESSAGES,
  status: 'streaming',
  error: undefined,
  send: noop,
  stop: () => {},
  reload: noop,
  regenerate: noop,
  edit: noop,
  notice: { message: 'The conversation could not be saved.', onRetry: () => {} },
};
const THREADS = [
  { id: 't-1', title: 'Streaming markdown' },
  { id: 't-2', title: 'Protocols compared' },
];

export function Gallery({ theme }: { theme: 'light' | 'dark' | undefined }) {
  return (
    <div style={{ display: 'flex', height: '100%' }}>
      <ThreadList
        threads={THREADS}
        activeId="t-1"
        onSelect={() => {}}
        onCreate={() => {}}
        onRename={() => {}}
        onDelete={() => {}}
        error="Could not load older conversations."
        style={{ width: 220, padding: 8 }}
      />
      <ChatWindow chat={chat} theme={theme} style={{ flex: 1, height: '100%' }} />
    </div>
  );
}
