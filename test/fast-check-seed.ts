// fast-check's seed for every property test: random at a developer's desk, so each run tries new
// cases, and fixed in CI (CI=true), so CI's verdict on a commit is the same every time it runs; a
// rare case is then found at a desk, not by a red CI. FC_SEED=<n> sets it anywhere, to replay a
// failure with the seed fast-check printed.
import fc from 'fast-check';

const CI_SEED = 20_261_123;

const given = process.env['FC_SEED'];
if (given !== undefined && !Number.isInteger(Number(given))) {
  throw new Error(`FC_SEED must be an integer (fast-check prints it as "seed: …"), not ${given}.`);
}
if (given !== undefined || process.env['CI'])
  fc.configureGlobal({ seed: Number(given ?? CI_SEED) });
