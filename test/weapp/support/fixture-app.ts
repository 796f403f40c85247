/**
 * The built weapp launched once per test file and answered from `fixtures`; after each test, every
 * call it made must have had a fixture and a valid input. Returns a getter (the launch happens in
 * beforeAll).
 */
import { ensureTaroBuild } from '../../../scripts/taro-build';
import { answerFromFixtures, type Fixtures } from './cloud-fixtures';
import { launchMiniProgram, type CloudCall, type MiniProgram } from './mini-program';

export interface FixtureAppOptions {
  /** Changes the simulator's `wx` before the app loads: Taro looks the platform APIs up once. */
  prepareWx?: (wx: Record<string, unknown>) => void;
  /** Answers a call before the fixtures do; `undefined` leaves it to them. */
  answerFirst?: (call: CloudCall) => unknown;
}

export function fixtureApp(fixtures: Fixtures, options: FixtureAppOptions = {}): () => MiniProgram {
  let mp: MiniProgram | undefined;
  const backend = answerFromFixtures(fixtures);
  beforeAll(async () => {
    const dist = await ensureTaroBuild('weapp');
    if (options.prepareWx) {
      // Requiring miniprogram-simulate defines the global wx the app will find.
      require('miniprogram-simulate');
      options.prepareWx((globalThis as unknown as { wx: Record<string, unknown> }).wx);
    }
    mp = launchMiniProgram(dist, (call) => options.answerFirst?.(call) ?? backend.answer(call));
  }, 600_000);
  afterEach(() => {
    expect(backend.problems).toEqual([]);
  });
  return () => {
    if (!mp) throw new Error('the mini-program is launched in beforeAll');
    return mp;
  };
}
