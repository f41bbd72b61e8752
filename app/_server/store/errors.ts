/**
 * Typed errors of the room store, so a route handler can answer each with the right status
 * (409 for a taken code or a stale seq, 404 for an unknown room, 503 with Retry-After when the
 * database cannot be reached) without looking at driver error codes.
 */

/** Base class of every error the store throws on purpose. */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
}

/** Another stored room already has this join code; the caller should generate a new one. */
export class CodeTakenError extends StoreError {
  override readonly name = 'CodeTakenError';

  /** @param code the join code that is taken */
  constructor(readonly code: string) {
    super(`join code ${JSON.stringify(code)} is already in use`);
  }
}

/** No room has this id (it never existed, or it was deleted). */
export class RoomNotFoundError extends StoreError {
  override readonly name = 'RoomNotFoundError';

  /** @param roomId the id that was asked for */
  constructor(readonly roomId: string) {
    super(`no room with id ${JSON.stringify(roomId)}`);
  }
}

/** An append named an `expectedSeq` the room has moved past (or not reached); nothing was written. */
export class SeqConflictError extends StoreError {
  override readonly name = 'SeqConflictError';

  /**
   * @param roomId the room appended to
   * @param expectedSeq the seq the caller expected the room to be at
   * @param currentSeq the room's actual last seq
   */
  constructor(
    readonly roomId: string,
    readonly expectedSeq: number,
    readonly currentSeq: number,
  ) {
    super(`room ${roomId} is at seq ${currentSeq}, not ${expectedSeq}`);
  }
}

/** An event the store refuses to write (empty type or actor, a payload JSON cannot represent). */
export class InvalidEventError extends StoreError {
  override readonly name = 'InvalidEventError';
}

/**
 * The database cannot be reached or is busy (PostgreSQL down or restarting, connection lost,
 * pool exhausted; SQLite locked beyond the busy timeout). Worth retrying later: a route answers
 * 503 with `Retry-After: retryAfterSeconds`. If it happened during a commit, the write may or may
 * not have been stored.
 */
export class StoreUnavailableError extends StoreError {
  override readonly name = 'StoreUnavailableError';

  /**
   * @param message what failed
   * @param options `cause`: the driver's error
   * @param retryAfterSeconds a suggested wait before retrying
   */
  constructor(
    message: string,
    options?: { cause?: unknown },
    readonly retryAfterSeconds = 5,
  ) {
    super(message, options);
  }
}

/** A run save named an event count the stored run has moved past; nothing was written. */
export class RunConflictError extends StoreError {
  override readonly name = 'RunConflictError';

  /**
   * @param runId the run saved
   * @param expectedEvents the event count the caller expected the stored run to have
   * @param currentEvents the stored run's event count (0: no such run)
   */
  constructor(
    readonly runId: string,
    readonly expectedEvents: number,
    readonly currentEvents: number,
  ) {
    super(`run ${runId} has ${currentEvents} events, not ${expectedEvents}`);
  }
}
