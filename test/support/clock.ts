/** A controllable clock for tests: starts at a fixed instant and moves only when told. */
export class FakeClock {
  constructor(public ms = Date.UTC(2026, 0, 15, 9, 0, 0)) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}
