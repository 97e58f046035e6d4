// Writes jest's aggregated results (the same object as `jest --json`) to jest-results.json (or the file
// JEST_RESULTS_FILE names) and
// prints one plain closing line "N passed, N failed[, N skipped]", which CI records.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    fs.writeFileSync(
      path.join(this.rootDir, process.env.JEST_RESULTS_FILE || 'jest-results.json'),
      JSON.stringify(results),
    );
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `\n${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}

module.exports = SummaryReporter;
