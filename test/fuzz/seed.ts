import fc from 'fast-check';

/**
 * CI runs a fixed seed, so a red build points at a change rather than at the dice; a developer's
 * run explores fresh cases each time (fast-check prints the seed of a failure, and FUZZ_SEED
 * replays it). New cases found that way become examples in regressions.test.ts.
 */
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.CI ? 20_261_126 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
