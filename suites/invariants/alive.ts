// Invariant "alive": the target stays alive and answering through every program.

import { defineInvariant } from '../../harness/api.js';
import cancelRaceGraceful from '../cancel-race-graceful.js';
import pingRespondPromptly from '../ping-respond-promptly.js';

export default defineInvariant({
  id: 'alive',
  text: 'the target stays alive and answering',
  rules: [cancelRaceGraceful, pingRespondPromptly],
  why: 'a crash or a ping left unanswered after cancels is a race not handled gracefully; without any cancel in the program it is a ping not answered promptly',
  check(x) {
    const dead = x.liveness.find((l) => !l.ok);
    if (!x.exit && !dead) return [];
    const anyCancel = x.cancels.some((c) => c.step >= 0);
    const how = x.exit
      ? `the target exited (${x.exit.signal ? `signal ${x.exit.signal}` : `exit code ${x.exit.code}`})`
      : `the ping after step ${dead?.step} was not answered`;
    const exitEvent = x.transcript.events.find((e) => e.kind === 'exit');
    return [
      {
        rule: anyCancel ? cancelRaceGraceful : pingRespondPromptly,
        summary: `${how} during the program`,
        expected: 'the target stays alive and answers ping after every step',
        actual: `${how}${x.stderrTail.length ? `; stderr: ${x.stderrTail.slice(-1)[0]}` : ''}`,
        evidence: [exitEvent?.seq, dead?.seq].filter((s): s is number => s !== undefined),
      },
    ];
  },
});
