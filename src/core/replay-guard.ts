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

/** Compares a resumed attempt's text with what was already shown, to skip a replay that came with new ids. */
export interface ContentReplayFilter {
  /** The part of `delta` to append: '' while it may still be a replay, the held text once it proved not to be. */
  accept(delta: string): string;
  /** Still comparing: ids of this stretch must not be committed, since the text under them is not appended yet. */
  readonly pending: boolean;
  /** The stream ended while comparing: a true replay never ends short, so the held text is new; returns it. */
  release(): string;
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
  };
}
