/** A Clock that reads a set instant and moves only when told: tests and replays. */
import type { Clock } from '../../app/ports.js';

export class FixedClock implements Clock {
  private current: Date;

  constructor(start: Date | string) {
    this.current = new Date(start);
    if (Number.isNaN(this.current.getTime()))
      throw new RangeError(`not an instant: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}

/** The real clock, for entry points that run for real. */
export const systemClock: Clock = { now: () => new Date() };
