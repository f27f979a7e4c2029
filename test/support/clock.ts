/** A clock tests can move: a year-long programme runs in a second. */
import type { Clock } from '../../src/core/ports.js';

export class TestClock implements Clock {
  constructor(private current = new Date('2026-09-01T08:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}
