/** Child-process entry: seeds once, reports the outcome over IPC, exits. */
import { seedIfEmpty } from './writer';

const nowArg = process.env.FQ_SEED_NOW;
const now = nowArg ? new Date(nowArg) : new Date();

seedIfEmpty(now).then(
  (outcome) => process.send?.({ ok: true, outcome }, () => process.exit(0)),
  (error: unknown) => {
    const message = error instanceof Error ? error.stack ?? error.message : JSON.stringify(error);
    process.send?.({ ok: false, message }, () => process.exit(1));
  },
);
