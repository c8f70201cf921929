/**
 * Building a reply's parts from stream chunks, in arrival order. Parts are immutable: a chunk replaces only the
 * part it changes, so a finished part keeps its object identity for as long as the reply lives (memoized
 * renderers skip it). The parts array is copied on write after a publish or a checkpoint, never while shared.
 */
import { parseToolInput, stringifyToolInput } from './tool-input.ts';
import type { PartsBuilder, ReplyEnd, ReplyParts } from './reply-parts.ts';
import type { FinishReason, MessagePart, ReasoningPart, StreamChunk, ToolCallPart, Usage } from './types.ts';
import { mergeUsage, withTotal } from './usage.ts';

export type { PartsBuilder, ReplyEnd, ReplyParts } from './reply-parts.ts';

interface State {
  parts: MessagePart[];
  /** `t:<id>` text, `r:<id>` reasoning, `c:<toolCallId>` tool call, `s:<id>` source, `d:<name>:<id>` data -> index. */
  keys: Map<string, number>;
  /** Reasoning part index -> time of its first delta. */
  started: Map<number, number>;
  /** Index of the reasoning part still streaming, or -1. */
  openReasoning: number;
  content: string;
  finishReason: FinishReason | undefined;
  usage: Usage | undefined;
}

const UNFINISHED_TOOL_TEXT = { stopped: 'The reply was stopped before this tool call was complete', error: 'The reply failed before this tool call was complete' };

/** The key of an addressed part, or undefined for one that is not (it then appends to the last part of its kind). */
const keyOf = (prefix: string, id: string | undefined) => (id === undefined ? undefined : prefix + id);

export function createPartsBuilder(now: () => number): PartsBuilder {
  let state: State = { parts: [], keys: new Map(), started: new Map(), openReasoning: -1, content: '', finishReason: undefined, usage: undefined };
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
    return state.parts.push(part) - 1;
  };

  const replace = (index: number, part: MessagePart) => {
    writable();
    state.parts[index] = part;
  };

  /** The index of the part under `key` (or, without a key, the last part) when it has `type`; else -1. */
  const indexOf = (key: string | undefined, type: MessagePart['type']) => {
    const index = key === undefined ? state.parts.length - 1 : (state.keys.get(key) ?? -1);
    return state.parts[index]?.type === type ? index : -1;
  };

  const closeReasoning = () => {
    const index = state.openReasoning;
    if (index < 0) return false;
    replace(index, { ...(state.parts[index] as ReasoningPart), state: 'done' });
    state.openReasoning = -1;
    return true;
  };

  /** A new part of another kind ends the reasoning in progress. */
  const addAfterReasoning = (part: MessagePart, key?: string) => {
    closeReasoning();
    return add(part, key);
  };

  const toolIndex = (toolCallId: string, toolName: string | undefined) => {
    const key = `c:${toolCallId}`;
    const found = indexOf(key, 'tool-call');
    return found >= 0 ? found : addAfterReasoning({ type: 'tool-call', toolCallId, toolName: toolName ?? '', state: 'input-streaming', inputText: '' }, key);
  };

  /** Patch a tool call; a name it already has is never blanked by a chunk without one. */
  const updateTool = (index: number, patch: Partial<ToolCallPart>) => {
    const part = state.parts[index] as ToolCallPart;
    replace(index, { ...part, ...patch, toolName: part.toolName || patch.toolName || '' });
  };

  const text = (index: number) => (state.parts[index] as { text: string }).text;

  const apply = (chunk: StreamChunk): boolean => {
    switch (chunk.type) {
      case 'text-delta': {
        const { delta, id } = chunk;
        if (typeof delta !== 'string' || delta === '') return false;
        closeReasoning();
        const key = keyOf('t:', id);
        const index = indexOf(key, 'text');
        if (index < 0) add({ type: 'text', text: delta }, key);
        else replace(index, { type: 'text', text: text(index) + delta });
        state.content += delta;
        return true;
      }
      case 'text-end': {
        const { text: final, id } = chunk;
        if (typeof final !== 'string') return false;
        const key = keyOf('t:', id);
        const index = indexOf(key, 'text');
        if (index < 0) {
          if (final === '') return false;
          addAfterReasoning({ type: 'text', text: final }, key);
        } else if (text(index) !== final) {
          replace(index, { type: 'text', text: final });
        } else {
          return false;
        }
        state.content = state.parts.reduce((all, part) => (part.type === 'text' ? all + part.text : all), '');
        return true;
      }
      case 'reasoning-delta': {
        const delta = typeof chunk.delta === 'string' ? chunk.delta : '';
        const redacted = chunk.redacted ? { redacted: true } : undefined;
        if (delta === '' && !redacted) return false;
        const at = now();
        let index = chunk.id === undefined ? state.openReasoning : indexOf(`r:${chunk.id}`, 'reasoning');
        if (index < 0) {
          index = addAfterReasoning({ type: 'reasoning', text: delta, state: 'streaming', durationMs: 0, ...redacted }, keyOf('r:', chunk.id));
          state.started.set(index, at);
        } else {
          if (index !== state.openReasoning) closeReasoning();
          const part = state.parts[index] as ReasoningPart;
          replace(index, { ...part, text: part.text + delta, state: 'streaming', durationMs: at - (state.started.get(index) ?? at), ...redacted });
        }
        state.openReasoning = index;
        return true;
      }
      case 'reasoning-end': {
        const index = chunk.id === undefined ? state.openReasoning : indexOf(`r:${chunk.id}`, 'reasoning');
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
        const { input, toolName } = chunk;
        const index = toolIndex(chunk.toolCallId, toolName);
        const part = state.parts[index] as ToolCallPart;
        const patch: Partial<ToolCallPart> = { inputText: part.inputText || (input === undefined ? '' : stringifyToolInput(input)), toolName };
        if (input !== undefined) patch.input = input;
        if (part.state === 'input-streaming') patch.state = 'input-available';
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
          const input = parseToolInput(part.inputText);
          if (input !== undefined) patch.input = input;
        }
        updateTool(index, patch);
        return true;
      }
      case 'source': {
        const { url, title, sourceId, mediaType } = chunk;
        const key = keyOf('s:', sourceId);
        if ((typeof url !== 'string' && typeof title !== 'string') || (key !== undefined && indexOf(key, 'source') >= 0)) return false;
        const part: MessagePart = { type: 'source' };
        if (sourceId !== undefined) part.sourceId = sourceId;
        if (typeof url === 'string') part.url = url;
        if (typeof title === 'string') part.title = title;
        if (mediaType !== undefined) part.mediaType = mediaType;
        addAfterReasoning(part, key);
        return true;
      }
      case 'file': {
        const { url, mediaType, filename } = chunk;
        if (typeof url !== 'string' || typeof mediaType !== 'string') return false;
        addAfterReasoning(filename === undefined ? { type: 'file', url, mediaType } : { type: 'file', url, mediaType, filename });
        return true;
      }
      case 'data': {
        const { name, id } = chunk;
        if (chunk.transient || typeof name !== 'string') return false;
        const part: MessagePart = id === undefined ? { type: 'data', name, data: chunk.data } : { type: 'data', name, data: chunk.data, id };
        const key = keyOf(`d:${name}:`, id);
        const index = key === undefined ? -1 : indexOf(key, 'data');
        if (index >= 0) replace(index, part);
        else add(part, key);
        return true;
      }
      case 'refusal-delta': {
        const { delta } = chunk;
        if (typeof delta !== 'string' || delta === '') return false;
        closeReasoning();
        const index = indexOf(undefined, 'refusal');
        if (index >= 0) replace(index, { type: 'refusal', text: text(index) + delta });
        else add({ type: 'refusal', text: delta });
        return true;
      }
      case 'step-start': {
        // Only between steps: the first step needs no marker, and two markers in a row say nothing more.
        if (state.parts.length === 0 || indexOf(undefined, 'step-start') >= 0) return false;
        addAfterReasoning({ type: 'step-start' });
        return true;
      }
      case 'finish': {
        const { finishReason, usage } = chunk;
        const reason = finishReason !== undefined && finishReason !== state.finishReason;
        const counts = !!usage && typeof usage === 'object';
        if (!reason && !counts) return false;
        writable();
        if (reason) state.finishReason = finishReason;
        if (counts) state.usage = mergeUsage(state.usage, usage);
        return true;
      }
      default:
        return false;
    }
  };

  return {
    apply,
    end(how) {
      let changed = closeReasoning();
      state.parts.forEach((part, index) => {
        if (part.type !== 'tool-call' || part.state !== 'input-streaming') return;
        const input = parseToolInput(part.inputText);
        if (how === 'done' && input !== undefined) updateTool(index, { state: 'input-available', input });
        // A done reply whose arguments never became JSON is as unfinished as a failed one.
        else updateTool(index, { state: 'output-error', errorText: UNFINISHED_TOOL_TEXT[how === 'stopped' ? 'stopped' : 'error'] });
        changed = true;
      });
      return changed;
    },
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
