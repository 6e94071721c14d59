/** Words the generator builds summaries and labels from, per project. */

export const PROJECT_NOUNS: Readonly<Record<string, readonly string[]>> = {
  PAY: [
    'card tokenisation',
    'refund API',
    'payout batching',
    'currency conversion',
    'chargeback workflow',
    'invoice PDFs',
    'PSP failover',
    'fraud scoring hook',
    'ledger reconciliation',
    'wallet checkout',
    'settlement reports',
    '3-D Secure challenge',
  ],
  MOB: [
    'onboarding flow',
    'push notifications',
    'offline mode',
    'biometric login',
    'deep links',
    'crash reporting',
    'dark mode',
    'release pipeline',
    'in-app chat',
    'home screen widget',
    'order tracking screen',
    'accessibility labels',
  ],
  DATA: [
    'event pipeline',
    'dbt models',
    'warehouse cost dashboard',
    'CDC connector',
    'data catalogue',
    'BI dashboards',
    'schema registry',
    'backfill jobs',
    'data quality checks',
    'feature store',
    'retention policies',
    'lineage graph',
  ],
  WEB: [
    'product listing page',
    'search facets',
    'basket',
    'checkout',
    'SEO metadata',
    'image CDN',
    'A/B testing',
    'wishlist',
    'promotions engine',
    'store locator',
    'product reviews',
    'guest checkout',
  ],
  SEC: [
    'SOC 2 evidence',
    'access reviews',
    'secrets rotation',
    'SAST pipeline',
    'pen-test findings',
    'GDPR data export',
    'audit logging',
    'SSO enforcement',
    'vendor risk register',
    'incident runbooks',
    'device posture checks',
    'key management',
  ],
};

export const EPIC_VERBS = ['Launch', 'Modernise', 'Scale', 'Rebuild', 'Introduce', 'Retire legacy', 'Harden'];
export const STORY_VERBS = [
  'Add',
  'Improve',
  'Support',
  'Refactor',
  'Migrate',
  'Instrument',
  'Simplify',
  'Speed up',
];
export const BUG_VERBS = [
  'Fix',
  'Crash in',
  'Wrong totals in',
  'Timeout in',
  'Broken layout in',
  'Flaky test for',
];
export const TASK_VERBS = [
  'Upgrade dependencies of',
  'Set up monitoring for',
  'Clean up',
  'Write runbook for',
  'Spike:',
];
export const SUBTASK_VERBS = ['Write tests for', 'Review copy of', 'Update docs for', 'Pair on'];

/** Label sets are shared between issues rather than copied. */
export const WORK_LABEL_SETS: readonly (readonly string[])[] = [
  [],
  [],
  [],
  ['backend'],
  ['frontend'],
  ['tech-debt'],
  ['customer-request'],
  ['backend', 'performance'],
  ['frontend', 'ux'],
  ['security'],
  ['infra'],
].map((set) => Object.freeze(set));

export const EPIC_LABEL_SETS: readonly (readonly string[])[] = [
  [],
  ['strategic'],
  ['regulatory'],
  ['strategic', 'okr'],
  ['cost-saving'],
].map((set) => Object.freeze(set));
