/**
 * How many requests of one kind a run may have in flight: halved at each throttling event, grown again as they are
 * accepted, as TCP's congestion window.
 *
 * Graph charges a refused request too. A run that resent every waiting request the moment a Retry-After ended
 * would keep the bucket empty: each reopening admits the first few and charges the rest, so the next Retry-After is
 * as long again (a storm, worse with several runs of one app at once). Halving the window at each throttling event
 * lets the bucket refill. It grows again by one request per accepted one (doubling every round trip) while Graph
 * does not report the bucket's level, and by one per window of accepted requests while it does
 * (`x-ms-throttle-limit-percentage`, sent above 0.8 used). Runs of one tenant converge on shares of the bucket with
 * no state shared between them.
 *
 * The dispatcher holds one for reads (their bucket: the resource units of the app + tenant); the signal pacer one
 * for writes until Graph first reports the write bucket's level.
 */
export interface WindowAnswer {
  /** When the requests were sent, and when their answer came (one clock). */
  readonly sentAt: number;
  readonly at: number;
  /** Requests of this kind the answer carried. */
  readonly answered: number;
  /** Of those, accepted (anything but a 429). */
  readonly accepted: number;
  /** A 429 in the answer says the bucket these requests draw on is empty. */
  readonly emptied: boolean;
  /** An accepted request reported the bucket's level (it is above 0.8 used). */
  readonly levelReported: boolean;
}

export class InFlightWindow {
  private limit: number;
  private inFlight = 0;
  /** When the window was last halved: requests sent before then that come back refused do not halve it again. */
  private cutAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly max: number,
    private readonly min = 1,
  ) {
    this.limit = max;
  }

  /** The window, in requests (for tests and progress). */
  get size(): number {
    return Math.floor(this.limit);
  }

  /** Requests sent and not answered yet. */
  get outstanding(): number {
    return this.inFlight;
  }

  /** How many more requests may be sent now. */
  room(): number {
    return Math.max(0, Math.floor(this.limit) - this.inFlight);
  }

  onSent(requests: number): void {
    this.inFlight += requests;
  }

  onAnswer(answer: WindowAnswer): void {
    this.inFlight = Math.max(0, this.inFlight - answer.answered);
    if (answer.emptied) {
      if (answer.sentAt >= this.cutAt) {
        this.limit = Math.max(this.min, this.limit / 2);
        this.cutAt = answer.at;
      }
      return;
    }
    if (answer.accepted <= 0) return;
    const growth = answer.levelReported ? answer.accepted / this.limit : answer.accepted;
    this.limit = Math.min(this.max, this.limit + growth);
  }
}
