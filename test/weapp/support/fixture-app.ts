/**
 * The built weapp launched once per test file and answered from `fixtures`; after each test, every
 * call it made must have had a fixture and a valid input. Returns a getter (the launch happens in
 * beforeAll).
 */
import { ensureTaroBuild } from '../../../scripts/taro-build';
import { answerFromFixtures, type Fixtures } from './cloud-fixtures';
import { launchMiniProgram, type MiniProgram } from './mini-program';

export function fixtureApp(fixtures: Fixtures): () => MiniProgram {
  let mp: MiniProgram | undefined;
  const backend = answerFromFixtures(fixtures);
  beforeAll(async () => {
    mp = launchMiniProgram(await ensureTaroBuild('weapp'), (call) => backend.answer(call));
  }, 600_000);
  afterEach(() => {
    expect(backend.problems).toEqual([]);
  });
  return () => {
    if (!mp) throw new Error('the mini-program is launched in beforeAll');
    return mp;
  };
}
