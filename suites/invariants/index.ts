// Every exploration invariant, in order of precedence: the first one a program breaks fixes the rule
// the shrinker keeps breaking. README "Exploration" lists them with the rules they judge under.

import type { InvariantSpec } from '../../harness/api.js';
import alive from './alive.js';
import answeredOnce from './answered-once.js';
import cancelledAtMostOnce from './cancelled-at-most-once.js';
import noStrayResponse from './no-stray-response.js';
import progress from './progress.js';
import schema from './schema.js';

export const INVARIANTS: readonly InvariantSpec[] = [
  alive,
  noStrayResponse,
  answeredOnce,
  cancelledAtMostOnce,
  progress,
  schema,
];
