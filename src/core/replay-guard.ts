/**
 * A server that ignores Last-Event-ID replays from the start: on a resumed attempt, events whose id was already
 * delivered are skipped until an unseen id appears. A server that resumes properly never triggers this.
 */
import type { SSEEvent } from './types.ts';

/** Ids delivered so far in one turn; shared by all its attempts. */
export type SeenIds = Set<string>;

/** Returns the `skip(event)` test for one attempt. `resume` is whether the attempt sent Last-Event-ID. */
export function createReplayGuard(seenIds: SeenIds, resume: boolean): (event: SSEEvent) => boolean {
  let guarding = resume;
  let replaying = false;
  let previousId = '';
  return (event) => {
    if (event.id === '' || event.id === previousId) return replaying;
    previousId = event.id;
    if (guarding && seenIds.has(event.id)) {
      replaying = true;
    } else {
      guarding = false;
      replaying = false;
      seenIds.add(event.id);
    }
    return replaying;
  };
}
