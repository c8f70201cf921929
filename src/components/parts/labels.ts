import { defaultLabels as d } from '../labels.ts';

/**
 * The English words of the part renderers, kept for code that read them here. The renderers now read
 * `ChatLabels` (`useChatLabels()`), so `<ChatWindow labels>` and `ChatLabelsContext` translate them.
 * @deprecated Use `defaultLabels` (thinking, thoughtFor, reasoning, reasoningRedacted, toolCall, toolState…).
 */
export const PART_LABELS = {
  thinking: d.thinking,
  thought: d.thoughtFor,
  thoughts: d.reasoning,
  redacted: d.reasoningRedacted,
  tool: d.toolCall,
  toolState: {
    'input-streaming': d.toolState('input-streaming'),
    'input-available': d.toolState('input-available'),
    'output-available': d.toolState('output-available'),
    'output-error': d.toolState('output-error'),
  },
  input: d.toolInput,
  output: d.toolOutput,
  error: d.toolError,
  sources: d.sources,
  refusal: d.refusal,
  length: d.noticeLength,
  contentFilter: d.noticeContentFilter,
  empty: d.noticeEmpty,
} as const;
