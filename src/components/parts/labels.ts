/** The English words the part renderers show; one place so they can be translated or reworded together. */
export const PART_LABELS = {
  thinking: 'Thinking…',
  thought: (seconds: number) => `Thought for ${seconds} s`,
  thoughts: 'Reasoning',
  redacted: 'Reasoning redacted',
  tool: (name: string) => `Tool call: ${name}`,
  toolState: {
    'input-streaming': 'Preparing',
    'input-available': 'Running',
    'output-available': 'Done',
    'output-error': 'Failed',
  },
  input: 'Input',
  output: 'Output',
  error: 'Error',
  sources: 'Sources',
  refusal: 'The model declined to answer',
  length: 'The reply was cut off at the token limit.',
  contentFilter: 'The reply was stopped by the content filter.',
  empty: 'The reply was empty.',
} as const;
