/** `data: token` streams: the data is the delta; `[DONE]` ends; an `event: error` fails the turn with its data. */
import { DONE } from '../types.ts';
import { builtin, DONE_DATA, serverError } from './shared.ts';

/** Plain text events. Stateless, so one function serves every turn. */
export const textProtocol = builtin((event) => {
  if (event.event === 'error') throw serverError(event.data || undefined, 'The server reported an error');
  if (event.data === DONE_DATA) return DONE;
  return event.data;
}, false);
