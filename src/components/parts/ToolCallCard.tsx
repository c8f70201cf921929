import { memo, type HTMLAttributes } from 'react';
import type { ToolCallPart } from '../../core/types.ts';
import { formatJson } from './json.ts';
import { useChatLabels } from '../labels.ts';

/** Props of `<ToolCallCard>` and of a custom tool renderer (`tools={{ getWeather: WeatherCard }}`). */
export interface ToolCallCardProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'part'> {
  part: ToolCallPart;
}

function ToolCallCardImpl({ part, className, ...rest }: ToolCallCardProps) {
  // While arguments stream, show the raw text as it grows; once parsed, the formatted value.
  const labels = useChatLabels();
  const input = part.input !== undefined ? formatJson(part.input) : part.inputText;
  return (
    <div
      role="group"
      aria-label={labels.toolCall(part.toolName)}
      {...rest}
      className={className ? `rcs-tool ${className}` : 'rcs-tool'}
      data-state={part.state}
      aria-busy={part.state === 'input-streaming' || part.state === 'input-available'}
    >
      <div className="rcs-tool-header">
        <code className="rcs-tool-name">{part.toolName}</code>
        <span className="rcs-tool-state">{labels.toolState(part.state)}</span>
      </div>
      {input !== '' && (
        <div className="rcs-tool-section">
          <div className="rcs-tool-caption">{labels.toolInput}</div>
          <pre className="rcs-tool-json">
            <code>{input}</code>
          </pre>
        </div>
      )}
      {part.state === 'output-available' && (
        <div className="rcs-tool-section">
          <div className="rcs-tool-caption">{labels.toolOutput}</div>
          <pre className="rcs-tool-json">
            <code>{formatJson(part.output)}</code>
          </pre>
        </div>
      )}
      {part.state === 'output-error' && (
        <div className="rcs-tool-section rcs-tool-error">
          <div className="rcs-tool-caption">{labels.toolError}</div>
          <p>{part.errorText}</p>
        </div>
      )}
    </div>
  );
}

/**
 * A tool call: its name, its state (`data-state`), the input as formatted JSON that grows while the
 * arguments stream, then the output or the error. Replace it per tool with `tools={{ name: Card }}`.
 * @example
 * <ToolCallCard part={{ type: 'tool-call', toolCallId: '1', toolName: 'getWeather', state: 'input-streaming', inputText: '{"ci' }} />
 */
export const ToolCallCard = memo(ToolCallCardImpl);
