import { memo, type ComponentType, type ReactNode } from 'react';
import type { DataPart, FinishReason, MessagePart, MessageStatus, SourcePart } from '../../core/types.ts';
import { FileView, type FileViewProps } from './FileView.tsx';
import { Notice, noticeReason, type NoticeProps } from './Notice.tsx';
import { Reasoning, type ReasoningProps } from './Reasoning.tsx';
import { Refusal, type RefusalProps } from './Refusal.tsx';
import { Sources, type SourcesProps } from './Sources.tsx';
import { ToolCallCard, type ToolCallCardProps } from './ToolCallCard.tsx';

/** Props of a `data` part renderer. */
export interface DataPartProps {
  part: DataPart;
}

/**
 * Renderer overrides per part kind. Pass stable components (module scope): finished parts keep their
 * identity, so memoized renderers skip while the reply streams; a new component each render remounts them.
 * `data` parts render nothing unless a `data` renderer is given.
 */
export interface PartComponents {
  reasoning?: ComponentType<ReasoningProps>;
  toolCall?: ComponentType<ToolCallCardProps>;
  sources?: ComponentType<SourcesProps>;
  file?: ComponentType<FileViewProps>;
  refusal?: ComponentType<RefusalProps>;
  data?: ComponentType<DataPartProps>;
  notice?: ComponentType<NoticeProps>;
}

/** Renderers by tool name, used instead of `<ToolCallCard>`: `tools={{ getWeather: WeatherCard }}`. Keep it stable. */
export type ToolRenderers = Readonly<Record<string, ComponentType<ToolCallCardProps> | undefined>>;

/** Props of the component that renders a text part. */
export interface TextPartProps {
  text: string;
  /** True for the last part of a streaming reply (it shows the caret). */
  streaming: boolean;
  status: MessageStatus;
}

/** Props of `<MessageParts>`. */
export interface MessagePartsProps {
  parts: readonly MessagePart[];
  /** While `'streaming'` the last text part shows the caret; notices show only once `'done'`. */
  status: MessageStatus;
  finishReason?: FinishReason | undefined;
  components?: PartComponents | undefined;
  tools?: ToolRenderers | undefined;
  /** Renders a text part (StreamingMessage passes its markdown body). */
  Text: ComponentType<TextPartProps>;
}

// Custom renderers are rarely memoized themselves: this wrapper skips them when their part kept its identity.
const Slot = memo(function Slot<P>({ C, part }: { C: ComponentType<{ part: P }>; part: P }) {
  return <C part={part} />;
}) as <P>(props: { C: ComponentType<{ part: P }>; part: P }) => ReactNode;

/** Whether a part shows anything by default (a data part without a renderer, or a step marker, does not). */
function visible(part: MessagePart, components: PartComponents | undefined): boolean {
  if (part.type === 'text' || part.type === 'refusal') return part.text !== '';
  if (part.type === 'data') return components?.data !== undefined;
  return part.type !== 'step-start';
}

/**
 * A reply's parts in arrival order: text as markdown, reasoning, tool calls, sources (consecutive ones
 * grouped into one list), files, refusals, then a notice for a token-limit cut, a content filter or a
 * finished reply with nothing in it. Every renderer is memoized on its part, so only the growing part renders.
 */
export function MessageParts({ parts, status, finishReason, components: c, tools, Text }: MessagePartsProps) {
  const streaming = status === 'streaming';
  const out: ReactNode[] = [];
  let shown = false;
  const last = parts.length - 1;
  for (let i = 0; i <= last; i++) {
    const part = parts[i] as MessagePart;
    if (visible(part, c)) shown = true;
    switch (part.type) {
      case 'text':
        if (part.text !== '' || (streaming && i === last)) out.push(<Text key={i} text={part.text} streaming={streaming && i === last} status={status} />);
        break;
      case 'reasoning': {
        const R = c?.reasoning ?? Reasoning;
        out.push(<Slot key={i} C={R} part={part} />);
        break;
      }
      case 'tool-call': {
        const T = tools?.[part.toolName] ?? c?.toolCall ?? ToolCallCard;
        out.push(<Slot key={i} C={T} part={part} />);
        break;
      }
      case 'source': {
        const run: SourcePart[] = [part];
        while (parts[i + 1]?.type === 'source') run.push(parts[++i] as SourcePart);
        const S = c?.sources ?? Sources;
        out.push(<S key={i} sources={run} />);
        break;
      }
      case 'file': {
        const F = c?.file ?? FileView;
        out.push(<Slot key={i} C={F} part={part} />);
        break;
      }
      case 'refusal': {
        const R = c?.refusal ?? Refusal;
        if (part.text !== '') out.push(<Slot key={i} C={R} part={part} />);
        break;
      }
      case 'data':
        if (c?.data) out.push(<Slot key={i} C={c.data} part={part} />);
        break;
    }
  }
  if (streaming && out.length === 0) out.push(<Text key="empty" text="" streaming status={status} />);
  if (status === 'done') {
    const reason = noticeReason(finishReason, !shown);
    const N = c?.notice ?? Notice;
    if (reason) out.push(<N key="notice" reason={reason} />);
  }
  return out;
}
