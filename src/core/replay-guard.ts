/**
 * A server that ignores Last-Event-ID replays from the start: on a resumed attempt, events whose id was already
 * delivered are skipped until an unseen id appears. A server that resumes properly never triggers this.
 */
import type { SSEEvent } from './types.ts';

/** Ids delivered so far in one turn; shared by all its attempts. */
export type SeenIds = Set<string>;

/**
 * Returns the `skip(event)` test for one attempt. `resumeFrom` is the Last-Event-ID the attempt sent (undefined
 * when it did not resume). An event without its own `id:` line carries the previous id on; those after the
 * `resumeFrom` event are the un-id'd tail the turn rolled back, so a replay delivers them again.
 */
export function createReplayGuard(seenIds: SeenIds, resumeFrom: string | undefined): (event: SSEEvent) => boolean {
  let guarding = resumeFrom !== undefined && resumeFrom !== '';
  let replaying = false;
  let previousId = '';
  return (event) => {
    const carriesId = event.id !== previousId;
    previousId = event.id;
    if (!guarding) {
      if (carriesId && event.id !== '') seenIds.add(event.id);
      return false;
    }
    if (carriesId) {
      if (event.id !== '' && seenIds.has(event.id)) return (replaying = true);
      guarding = false;
      replaying = false;
      if (event.id !== '') seenIds.add(event.id);
      return false;
    }
    if (replaying && event.id === resumeFrom) {
      guarding = false;
      replaying = false;
    }
    return replaying;
  };
}

/** Compares a resumed attempt's text with what was already shown, to skip a replay that came with new ids. */
export interface ContentReplayFilter {
  /** The part of `delta` to append: '' while it may still be a replay, the held text once it proved not to be. */
  accept(delta: string): string;
  /** Still comparing: ids of this stretch must not be committed, since the text under them is not appended yet. */
  readonly pending: boolean;
  /** The stream ended while comparing: a true replay never ends short, so the held text is new; returns it. */
  release(): string;
  /** The id guard recognised the replay (a seen id came back): the held text is part of it; drop it, stop comparing. */
  replayConfirmed(): void;
}

/**
 * Some servers answer a Last-Event-ID reconnect by replaying the reply from the start under new ids. A resumed
 * attempt whose text begins exactly with everything `shown` is such a replay: that much is dropped and the rest
 * appended. Text that departs from `shown` before its end is new and passes, held text included. Linear: each
 * character of `shown` is compared at most once.
 */
export function createContentReplayFilter(shown: string): ContentReplayFilter {
  let matched = 0;
  let comparing = shown !== '';
  let held: string[] = [];
  return {
    accept(delta) {
      if (!comparing) return delta;
      const n = Math.min(delta.length, shown.length - matched);
      if (shown.startsWith(n === delta.length ? delta : delta.slice(0, n), matched)) {
        matched += n;
        if (matched < shown.length) {
          held.push(delta);
          return '';
        }
        comparing = false;
        held = [];
        return delta.slice(n);
      }
      comparing = false;
      const text = held.join('') + delta;
      held = [];
      return text;
    },
    get pending() {
      return comparing && matched > 0;
    },
    release() {
      comparing = false;
      const text = held.join('');
      held = [];
      return text;
    },
    replayConfirmed() {
      comparing = false;
      held = [];
    },
  };
}
