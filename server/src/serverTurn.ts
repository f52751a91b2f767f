// A turn of the event loop for the server's background work (the start-up scan, a project read a file per
// step): it lets the client's messages go first. Before the next step it waits while the client has sent
// something the server has not acted on — a message read and not yet dispatched, a check an edit scheduled
// for the next turn, or (on stdio) a message only partly read, such as a big didOpen still arriving in
// pipe-sized pieces, one per turn. So an edit or an open read during a step is answered before the next step.
import type { ClientBacklog } from './transport/clientBacklog';

/** One turn of the event loop: what was read from the client meanwhile is dispatched before we go on. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** How long background work waits, at most, for the rest of one partly read message (a stalled client). */
export const PARTIAL_FRAME_WAIT_MS = 2_000;
/** Turns the backlog may stand still (no message dispatched) before it is taken to be stale. */
const STILL_TURNS = 8;

export interface Foreground {
  backlog: Pick<ClientBacklog, 'waiting' | 'partialFrame' | 'nextInput' | 'forgetStale' | 'dispatched'>;
  /** Whether a check of an edited document is scheduled for the next turn. */
  checksDue(): boolean;
}

/** The turn function for background work: one turn, then as many more as the foreground needs. */
export function backgroundTurn(fg: Foreground, partialFrameWaitMs = PARTIAL_FRAME_WAIT_MS): () => Promise<void> {
  /** The partial frame waited for, and since when. */
  let partial: { frame: number; since: number } | undefined;
  let gaveUpOn: number | undefined;
  return async () => {
    await nextTurn();
    let still = 0;
    let dispatched = fg.backlog.dispatched;
    for (;;) {
      if (fg.backlog.waiting() || fg.checksDue()) {
        // The connection dispatches one message a turn, and a check scheduled by an edit runs on the next.
        if (fg.backlog.dispatched !== dispatched) {
          dispatched = fg.backlog.dispatched;
          still = 0;
        } else if (fg.backlog.waiting() && !fg.checksDue() && ++still > STILL_TURNS) {
          fg.backlog.forgetStale();
          continue;
        }
        await nextTurn();
        continue;
      }
      const frame = fg.backlog.partialFrame();
      if (frame === undefined || frame === gaveUpOn) return;
      if (partial?.frame !== frame) partial = { frame, since: Date.now() };
      const left = partial.since + partialFrameWaitMs - Date.now();
      if (left <= 0) {
        gaveUpOn = frame;
        return;
      }
      await fg.backlog.nextInput(left);
      // The chunk read was dispatched to the connection; give it its turn.
      await nextTurn();
    }
  };
}
