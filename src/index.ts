/** The handlers named in manifest.yml, grouped by kind. */
export { resolver } from './forge';
export { macroExport, scheduledSync, syncConsumer } from './forge';
export { installed, issueEvent } from './forge';
export { privacyJob } from './forge';
