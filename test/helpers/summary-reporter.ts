import type { Reporter } from 'vitest/reporters';
import type { RunnerTask, RunnerTestFile } from 'vitest';

/** Prints one plain closing line, "Tests: N passed, N failed, N skipped", that any CI log reader understands. */
export default class SummaryReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const visit = (task: RunnerTask): void => {
      if (task.type === 'suite') {
        const failedBefore = counts.failed;
        task.tasks.forEach(visit);
        // A failing hook (beforeAll) fails the suite without failing any test: count it, never hide it.
        if (task.result?.state === 'fail' && counts.failed === failedBefore) counts.failed += 1;
        return;
      }
      const state = task.result?.state;
      if (state === 'pass') counts.passed += 1;
      else if (state === 'fail') counts.failed += 1;
      else counts.skipped += 1;
    };
    for (const file of files) {
      const failedBefore = counts.failed;
      file.tasks.forEach(visit);
      if (file.result?.state === 'fail' && counts.failed === failedBefore) counts.failed += 1;
    }
    counts.failed += errors.length;
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
