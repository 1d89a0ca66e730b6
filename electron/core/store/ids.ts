import { randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * UUIDv7 for user-created rows and op ids: time-ordered, so B-tree inserts append at the
 * end of the index (fast bulk writes, small pages) and ids sort roughly by creation.
 * `msecs` lets callers with an injected clock keep ids consistent with that clock.
 */
export function newId(msecs?: number): string {
  if (msecs === undefined) return v7();
  // With an injected (possibly frozen) clock, ids made in the same millisecond must still
  // sort in creation order (the follow-up log is ordered by id within a timestamp): keep
  // a per-process sequence for that millisecond, as RFC 9562 method 1 describes.
  if (msecs === lastMsecs) seq += 1;
  else {
    lastMsecs = msecs;
    seq = 0;
  }
  return v7({ msecs, seq });
}
let lastMsecs = -1;
let seq = 0;

/**
 * Site id of this database file: 16 hex chars (64 random bits). Short because it is
 * repeated in every change row and HLC stamp; 64 bits make a collision among a few
 * hundred devices practically impossible.
 */
export function newSiteId(): string {
  return randomBytes(8).toString('hex');
}
