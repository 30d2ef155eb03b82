/** Exit codes of the product contract (DESIGN.md). */
export const EXIT = {
  ok: 0,
  notFound: 1,
  usage: 2,
  data: 3,
  /** A bug in genz: an error it did not expect. */
  internal: 70,
  /** Standard output could not be written (a full disk, a terminal that went away). */
  output: 74,
  interrupted: 130,
} as const;

/** The one error base class: every known failure carries its exit code and an optional hint. */
export class GenzError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UsageError extends GenzError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
  }
}

export class DataError extends GenzError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.data, hint);
  }
}

export class NotFoundError extends GenzError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.notFound, hint);
  }
}
