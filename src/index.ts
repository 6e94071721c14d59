/** The handlers named in manifest.yml, grouped by kind. */
export { resolver } from './forge';
export { scheduledSync, syncConsumer } from './forge';
