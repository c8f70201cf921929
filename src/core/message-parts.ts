/**
 * Building a reply's parts from stream chunks, in arrival order. Parts are immutable: a chunk replaces only the
 * part it changes, so a finished part keeps its object identity for as long as the reply lives (memoized
 * renderers skip it). The parts array is copied on write after a publish or a checkpoint, never while shared.
 */
import type { FinishReason, MessagePart, ReasoningPart, StreamChunk, ToolCallPart, Usage } from './types.ts';

/** What a reply is made of at one moment. */
export interface ReplyParts {
  /** The concatenated text of the text parts. */
  content: string;
  parts: MessagePart[];
  finishReason?: FinishReason;
  usage?: Usage;
}

/** How a turn ended, for settling unfinished parts. */
export type ReplyEnd = 'done' | 'stopped' | 'error';

interface State {
  parts: MessagePart[];
  /** `t:<id>` text, `r:<id>` reasoning, `c:<toolCallId>` tool call, `d:<name>:<id>` data -> part index. */
  keys: Map<string, number>;
  /** Reasoning part index -> time of its first delta. */
  started: Map<number, number>;
  /** Index of the reasoning part still streaming, or -1. */
  openReasoning: number;
  content: string;
  finishReason: FinishReason | undefined;
  usage: Usage | undefined;
}

export interface PartsBuilder {
  /** Apply one chunk; returns whether anything visible changed. */
  apply(chunk: StreamChunk): boolean;
  /** Settle what is unfinished: reasoning ends; a stopped or failed reply's incomplete tool calls end in error. */
  end(how: ReplyEnd): boolean;
  /** The reply now. The returned arrays are never mutated afterwards. */
  snapshot(): ReplyParts;
  /** Remember this point (cheap: nothing is copied until the next change). */
  checkpoint(): void;
  /** Go back to the last checkpoint (or the start), dropping everything since. Returns whether anything changed. */
  rollback(): boolean;
  readonly content: string;
  readonly isEmpty: boolean;
}

const STOPPED_TOOL_TEXT = 'The reply was stopped before this tool call was complete';
const FAILED_TOOL_TEXT = 'The reply failed before this tool call was complete';

function emptyState(): State {
  return { parts: [], keys: new Map(), started: new Map(), openReasoning: -1, content: '', finishReason: undefined, usage: undefined };
}

function mergeUsage(previous: Usage | undefined, next: Usage): Usage {
  const merged: Usage = { ...previous };
  for (const key of ['inputTokens', 'outputTokens', 'reasoningTokens', 'cachedInputTokens', 'totalTokens'] as const) {
    const value = next[key];
    if (typeof value === 'number' && Number.isFinite(value)) merged[key] = value;
  }
  return merged;
}

/** `totalTokens` is the wire's when it sent one, else input + output. */
function withTotal(usage: Usage | undefined): Usage | undefined {
  if (!usage || usage.totalTokens !== undefined) return usage;
  if (usage.inputTokens === undefined || usage.outputTokens === undefined) return usage;
  return { ...usage, totalTokens: usage.inputTokens + usage.outputTokens };
}

function stringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function parseArguments(text: string): { ok: boolean; value?: unknown } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function createPartsBuilder(now: () => number): PartsBuilder {
  let state = emptyState();
  let saved = state;
  // The current arrays/maps are also held by a snapshot or a checkpoint: copy before the next write.
  let shared = true;

  const writable = () => {
    if (!shared) return;
    shared = false;
    state = { ...state, parts: state.parts.slice(), keys: new Map(state.keys), started: new Map(state.started) };
  };

  const add = (part: MessagePart, key?: string) => {
    writable();
    if (key !== undefined) state.keys.set(key, state.parts.length);
    state.parts.push(part);
    return state.parts.length - 1;
  };

  const replace = (index: number, part: MessagePart) => {
    writable();
    state.parts[index] = part;
  };

  const closeReasoning = () => {
    const index = state.openReasoning;
    if (index < 0) return false;
    replace(index, { ...(state.parts[index] as ReasoningPart), state: 'done' });
    state.openReasoning = -1;
    return true;
  };

  const indexOf = (key: string, type: MessagePart['type']) => {
    const index = state.keys.get(key);
    return index !== undefined && state.parts[index]?.type === type ? index : -1;
  };

  const last = () => state.parts[state.parts.length - 1];

  const toolIndex = (toolCallId: string, toolName: string | undefined) => {
    const found = indexOf(`c:${toolCallId}`, 'tool-call');
    if (found >= 0) return found;
    closeReasoning();
    return add({ type: 'tool-call', toolCallId, toolName: toolName ?? '', state: 'input-streaming', inputText: '' }, `c:${toolCallId}`);
  };

  const updateTool = (index: number, patch: Partial<ToolCallPart>) => {
    const part = state.parts[index] as ToolCallPart;
    const next: ToolCallPart = { ...part, ...patch };
    if (!part.toolName && patch.toolName === undefined) next.toolName = part.toolName;
    replace(index, next);
  };

  const recomputeContent = () => {
    let content = '';
    for (const part of state.parts) if (part.type === 'text') content += part.text;
    state.content = content;
  };

  const apply = (chunk: StreamChunk): boolean => {
    switch (chunk.type) {
      case 'text-delta': {
        if (typeof chunk.delta !== 'string' || chunk.delta === '') return false;
        closeReasoning();
        const id = chunk.id;
        const tail = last();
        const index = id !== undefined ? indexOf(`t:${id}`, 'text') : tail?.type === 'text' ? state.parts.length - 1 : -1;
        if (index < 0) add({ type: 'text', text: chunk.delta }, id === undefined ? undefined : `t:${id}`);
        else replace(index, { type: 'text', text: (state.parts[index] as { text: string }).text + chunk.delta });
        state.content += chunk.delta;
        return true;
      }
      case 'text-end': {
        if (typeof chunk.text !== 'string') return false;
        const id = chunk.id;
        const index = id !== undefined ? indexOf(`t:${id}`, 'text') : last()?.type === 'text' ? state.parts.length - 1 : -1;
        if (index < 0) {
          if (chunk.text === '') return false;
          closeReasoning();
          add({ type: 'text', text: chunk.text }, id === undefined ? undefined : `t:${id}`);
        } else if ((state.parts[index] as { text: string }).text !== chunk.text) {
          replace(index, { type: 'text', text: chunk.text });
        } else {
          return false;
        }
        recomputeContent();
        return true;
      }
      case 'reasoning-delta': {
        const delta = typeof chunk.delta === 'string' ? chunk.delta : '';
        if (delta === '' && !chunk.redacted) return false;
        const at = now();
        let index = chunk.id !== undefined ? indexOf(`r:${chunk.id}`, 'reasoning') : state.openReasoning;
        if (index < 0) {
          closeReasoning();
          const part: ReasoningPart = { type: 'reasoning', text: delta, state: 'streaming', durationMs: 0 };
          if (chunk.redacted) part.redacted = true;
          index = add(part, chunk.id === undefined ? undefined : `r:${chunk.id}`);
          state.started.set(index, at);
        } else {
          if (index !== state.openReasoning) closeReasoning();
          const part = state.parts[index] as ReasoningPart;
          const next: ReasoningPart = { ...part, text: part.text + delta, state: 'streaming', durationMs: at - (state.started.get(index) ?? at) };
          if (chunk.redacted) next.redacted = true;
          replace(index, next);
        }
        state.openReasoning = index;
        return true;
      }
      case 'reasoning-end': {
        const index = chunk.id !== undefined ? indexOf(`r:${chunk.id}`, 'reasoning') : state.openReasoning;
        if (index < 0 || (state.parts[index] as ReasoningPart).state === 'done') return false;
        if (index === state.openReasoning) return closeReasoning();
        replace(index, { ...(state.parts[index] as ReasoningPart), state: 'done' });
        return true;
      }
      case 'tool-input-start': {
        if (typeof chunk.toolCallId !== 'string' || indexOf(`c:${chunk.toolCallId}`, 'tool-call') >= 0) return false;
        toolIndex(chunk.toolCallId, chunk.toolName);
        return true;
      }
      case 'tool-input-delta': {
        if (typeof chunk.toolCallId !== 'string' || typeof chunk.delta !== 'string' || chunk.delta === '') return false;
        const index = toolIndex(chunk.toolCallId, chunk.toolName);
        const part = state.parts[index] as ToolCallPart;
        if (part.state !== 'input-streaming') return false;
        updateTool(index, { inputText: part.inputText + chunk.delta });
        return true;
      }
      case 'tool-input-available': {
        if (typeof chunk.toolCallId !== 'string') return false;
        const index = toolIndex(chunk.toolCallId, chunk.toolName);
        const part = state.parts[index] as ToolCallPart;
        const patch: Partial<ToolCallPart> = { inputText: part.inputText || (chunk.input === undefined ? '' : stringify(chunk.input)) };
        if (chunk.input !== undefined) patch.input = chunk.input;
        if (part.state === 'input-streaming') patch.state = 'input-available';
        if (chunk.toolName && !part.toolName) patch.toolName = chunk.toolName;
        updateTool(index, patch);
        return true;
      }
      case 'tool-output-available':
      case 'tool-output-error': {
        if (typeof chunk.toolCallId !== 'string') return false;
        const index = toolIndex(chunk.toolCallId, chunk.toolName);
        const part = state.parts[index] as ToolCallPart;
        const patch: Partial<ToolCallPart> =
          chunk.type === 'tool-output-available'
            ? { state: 'output-available', output: chunk.output }
            : { state: 'output-error', errorText: String(chunk.errorText ?? '') };
        if (part.input === undefined && part.state === 'input-streaming') {
          const parsed = parseArguments(part.inputText);
          if (parsed.ok) patch.input = parsed.value;
        }
        updateTool(index, patch);
        return true;
      }
      case 'source': {
        const { url, title, sourceId, mediaType } = chunk;
        if (typeof url !== 'string' && typeof title !== 'string') return false;
        if (sourceId !== undefined && indexOf(`s:${sourceId}`, 'source') >= 0) return false;
        closeReasoning();
        const part: MessagePart = { type: 'source' };
        if (sourceId !== undefined) part.sourceId = sourceId;
        if (typeof url === 'string') part.url = url;
        if (typeof title === 'string') part.title = title;
        if (mediaType !== undefined) part.mediaType = mediaType;
        add(part, sourceId === undefined ? undefined : `s:${sourceId}`);
        return true;
      }
      case 'file': {
        if (typeof chunk.url !== 'string' || typeof chunk.mediaType !== 'string') return false;
        closeReasoning();
        const part: MessagePart = { type: 'file', url: chunk.url, mediaType: chunk.mediaType };
        if (chunk.filename !== undefined) part.filename = chunk.filename;
        add(part);
        return true;
      }
      case 'data': {
        if (chunk.transient || typeof chunk.name !== 'string') return false;
        const part: MessagePart = { type: 'data', name: chunk.name, data: chunk.data };
        if (chunk.id !== undefined) part.id = chunk.id;
        const key = chunk.id === undefined ? undefined : `d:${chunk.name}:${chunk.id}`;
        const index = key === undefined ? -1 : indexOf(key, 'data');
        if (index >= 0) replace(index, part);
        else add(part, key);
        return true;
      }
      case 'refusal-delta': {
        if (typeof chunk.delta !== 'string' || chunk.delta === '') return false;
        closeReasoning();
        const tail = last();
        if (tail?.type === 'refusal') replace(state.parts.length - 1, { type: 'refusal', text: tail.text + chunk.delta });
        else add({ type: 'refusal', text: chunk.delta });
        return true;
      }
      case 'step-start': {
        const tail = last();
        // Only between steps: the first step needs no marker, and two markers in a row say nothing more.
        if (!tail || tail.type === 'step-start') return false;
        closeReasoning();
        add({ type: 'step-start' });
        return true;
      }
      case 'finish': {
        let changed = false;
        if (chunk.finishReason !== undefined && chunk.finishReason !== state.finishReason) {
          writable();
          state.finishReason = chunk.finishReason;
          changed = true;
        }
        if (chunk.usage && typeof chunk.usage === 'object') {
          writable();
          state.usage = mergeUsage(state.usage, chunk.usage);
          changed = true;
        }
        return changed;
      }
      default:
        return false;
    }
  };

  const end = (how: ReplyEnd): boolean => {
    let changed = closeReasoning();
    state.parts.forEach((part, index) => {
      if (part.type !== 'tool-call' || part.state !== 'input-streaming') return;
      const parsed = parseArguments(part.inputText);
      if (how === 'done' && parsed.ok) updateTool(index, { state: 'input-available', input: parsed.value });
      else updateTool(index, { state: 'output-error', errorText: how === 'stopped' ? STOPPED_TOOL_TEXT : FAILED_TOOL_TEXT });
      changed = true;
    });
    return changed;
  };

  return {
    apply,
    end,
    snapshot() {
      shared = true;
      const reply: ReplyParts = { content: state.content, parts: state.parts };
      if (state.finishReason !== undefined) reply.finishReason = state.finishReason;
      const usage = withTotal(state.usage);
      if (usage) reply.usage = usage;
      return reply;
    },
    checkpoint() {
      shared = true;
      saved = state;
    },
    rollback() {
      if (state === saved && !shared) return false;
      const changed = state.parts !== saved.parts || state.content !== saved.content || state.usage !== saved.usage || state.finishReason !== saved.finishReason;
      state = saved;
      shared = true;
      return changed;
    },
    get content() {
      return state.content;
    },
    get isEmpty() {
      return state.parts.length === 0;
    },
  };
}
