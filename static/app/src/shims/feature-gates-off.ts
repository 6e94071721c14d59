/**
 * Atlaskit components ask Atlassian's feature-gate client (Statsig) whether internal experiments are on.
 * Inside a Forge iframe that client is never initialised, so every gate is off; this module answers the
 * same without bundling the client (about 60 KB gzipped). Wired in vite.config.mts.
 */
const FeatureGates = {
  checkGate: (_name: string): boolean => false,
  getExperimentValue: <T>(_experiment: string, _parameter: string, defaultValue: T): T => defaultValue,
  initializeCompleted: (): boolean => false,
};

export default FeatureGates;
