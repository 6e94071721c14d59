/** Who can call the demo site (DEMO_USERS) and who appears as the author of changes (the delivery teams). */
import { PROJECTS, SECURITY_LEVEL } from './catalog';
import type { DemoIssue, DemoUser } from './types';

export const DEMO_USERS: DemoUser[] = [
  {
    accountId: '5b10ac8d82e05b22cc7d4ef5',
    displayName: 'Alex Admin',
    email: 'admin@demo.test',
    apiToken: 'demo-admin-token',
    accountType: 'atlassian',
    groups: ['jira-admins'],
    siteAdmin: true,
    browse: 'all',
    securityLevels: [SECURITY_LEVEL.executives],
  },
  {
    accountId: '5b10a2844c20165700ede21g',
    displayName: 'Priya Patel (PMO lead)',
    email: 'pmo@demo.test',
    apiToken: 'demo-pmo-token',
    accountType: 'atlassian',
    groups: ['pmo-leads'],
    siteAdmin: false,
    browse: 'all',
    securityLevels: [SECURITY_LEVEL.executives],
  },
  {
    accountId: '5b10a0effa615349cb016cd8',
    displayName: 'Dana Developer',
    email: 'dev@demo.test',
    apiToken: 'demo-dev-token',
    accountType: 'atlassian',
    groups: ['developers'],
    siteAdmin: false,
    browse: ['PAY', 'MOB', 'WEB', 'DATA'],
    securityLevels: [],
  },
  {
    accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
    displayName: 'PMO Wins (app)',
    email: 'app@demo.test',
    apiToken: 'demo-app-token',
    accountType: 'app',
    groups: [],
    siteAdmin: false,
    browse: 'all',
    securityLevels: 'all',
  },
];

/**
 * Fifty more people who open dashboards (`viewer01@demo.test` … `viewer50@demo.test`, token
 * `demo-viewer-token`), for measuring what many viewers cost: each browses a different mix of projects
 * (the first every project, the others a rotating subset, PAY always), every third is in the Executives
 * level. Not in DEMO_USERS, so the local host's user switch stays short; they log in like any user.
 */
export const DEMO_VIEWERS: readonly DemoUser[] = Array.from({ length: 50 }, (_, index): DemoUser => {
  const n = index + 1;
  const others = PROJECTS.filter((p) => p.key !== 'PAY');
  const mask = index % 16;
  const browse =
    index === 0 ? 'all' : ['PAY', ...others.filter((_, bit) => (mask >> bit) & 1).map((p) => p.key)];
  return {
    accountId: `5b10c0ffee0000000000${String(n).padStart(4, '0')}`,
    displayName: `Viewer ${String(n).padStart(2, '0')}`,
    email: `viewer${String(n).padStart(2, '0')}@demo.test`,
    apiToken: 'demo-viewer-token',
    accountType: 'atlassian',
    groups: ['viewers'],
    siteAdmin: false,
    browse,
    securityLevels: n % 3 === 0 ? [SECURITY_LEVEL.executives] : [],
  };
});

/** Everyone who can call the demo site. */
export const DEMO_ACCOUNTS: readonly DemoUser[] = [...DEMO_USERS, ...DEMO_VIEWERS];

/** A person on a delivery team: authors changes, cannot log in to the demo site, may browse every project. */
export interface TeamMember {
  accountId: string;
  displayName: string;
  projectKey: string;
}

const TEAM_NAMES = [
  'Mia Chen',
  'Noah Okafor',
  'Lena Fischer',
  'Ravi Iyer',
  'Sofia Rossi',
  'Tom Becker',
  'Aisha Bello',
  'Jonas Berg',
  'Camila Torres',
  'Kenji Sato',
  'Olivia Grant',
  'Marek Nowak',
  'Hana Kim',
  'Diego Alvarez',
  'Freya Lund',
];

export const TEAM_MEMBERS: readonly TeamMember[] = TEAM_NAMES.map((displayName, index) => ({
  accountId: `712020:0b1d4e6a-3c55-4a8e-9f21-5a7c2d9e${String(1001 + index).padStart(4, '0')}`,
  displayName,
  projectKey: PROJECTS[Math.floor(index / 3)]?.key ?? 'PAY',
}));

export function teamOf(projectKey: string): TeamMember[] {
  return TEAM_MEMBERS.filter((m) => m.projectKey === projectKey);
}

/** Stable group ids, shaped like Atlassian's. */
export const GROUP_IDS: Readonly<Record<string, string>> = {
  'jira-admins': '0d8f5a39-60c1-4a6f-8f57-3f2b07b1a001',
  'pmo-leads': '0d8f5a39-60c1-4a6f-8f57-3f2b07b1a002',
  developers: '0d8f5a39-60c1-4a6f-8f57-3f2b07b1a003',
  viewers: '0d8f5a39-60c1-4a6f-8f57-3f2b07b1a004',
};

export function canBrowse(user: Pick<DemoUser, 'browse'>, projectKey: string): boolean {
  return user.browse === 'all' || user.browse.includes(projectKey);
}

/** What decides whether a caller sees an issue: the projects they browse and the security levels they are in. */
export type Rights = Pick<DemoUser, 'browse' | 'securityLevels'>;

export function hasLevel(user: Pick<DemoUser, 'securityLevels'>, levelId: string): boolean {
  return user.securityLevels === 'all' || user.securityLevels.includes(levelId);
}

/**
 * Whether a caller sees an issue at all: they browse its project and, if it has a security level, are a
 * member of it. An issue they may not see does not exist for them, as in Jira.
 */
export function canSee(user: Rights, issue: Pick<DemoIssue, 'projectKey' | 'securityLevelId'>): boolean {
  return (
    canBrowse(user, issue.projectKey) &&
    (issue.securityLevelId == null || hasLevel(user, issue.securityLevelId))
  );
}

/** Someone who may be named as an accountId: the callers and the team members. */
export interface KnownAccount {
  accountId: string;
  displayName: string;
  accountType: 'atlassian' | 'app';
  email: string | null;
  user: DemoUser | null;
}

const accounts = new Map<string, KnownAccount>();
for (const user of DEMO_ACCOUNTS) {
  accounts.set(user.accountId, {
    accountId: user.accountId,
    displayName: user.displayName,
    accountType: user.accountType,
    email: user.email,
    user,
  });
}
for (const member of TEAM_MEMBERS) {
  accounts.set(member.accountId, {
    accountId: member.accountId,
    displayName: member.displayName,
    accountType: 'atlassian',
    email: null,
    user: null,
  });
}

export function findAccount(accountId: string): KnownAccount | undefined {
  return accounts.get(accountId);
}

/**
 * The browse, security and admin rights of any known account (team members browse everything and see
 * every level, administer nothing).
 */
export function rightsOf(account: KnownAccount): Pick<DemoUser, 'browse' | 'securityLevels' | 'siteAdmin'> {
  return account.user ?? { browse: 'all', securityLevels: 'all', siteAdmin: false };
}

/** A demo user (or viewer) by email, for tests and tools; an unknown email is a mistake in the caller. */
export function demoUser(email: string): DemoUser {
  const user = DEMO_ACCOUNTS.find((u) => u.email === email);
  if (!user) throw new Error(`No demo user ${email}`);
  return user;
}
