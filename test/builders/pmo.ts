import type { JiraScope, PmoProject, StrategicGoal } from '../../src/contract';

let n = 0;

export function buildProject(
  params: Omit<Partial<PmoProject>, 'scope'> & { scope?: Partial<JiraScope> } = {},
): PmoProject {
  n += 1;
  return {
    id: params.id ?? `proj-${n}`,
    version: params.version ?? 1,
    name: params.name ?? `PMO project ${n}`,
    ownerAccountId: null,
    description: '',
    goals: params.goals ?? [],
    baselineDate: null,
    targetDate: null,
    budget: null,
    actualCost: null,
    expectedBenefit: null,
    benefits: [],
    tags: [],
    ...params,
    scope: { epicKeys: [], projectKeys: [], jql: null, ...params.scope },
  };
}

/** A saved strategic goal (active, weight 3, running through 2026 unless told otherwise). */
export function buildGoal(params: Partial<StrategicGoal> = {}): StrategicGoal {
  n += 1;
  return {
    id: `goal-${n}`,
    version: 1,
    name: `Goal ${n}`,
    description: '',
    ownerAccountId: null,
    weight: 3,
    period: { start: '2026-01-01', end: '2026-12-31' },
    target: null,
    status: 'active',
    ...params,
  };
}

export function goalInput(
  params: Partial<Omit<StrategicGoal, 'version'>> = {},
): Omit<StrategicGoal, 'id' | 'version'> & { id?: string } {
  const { id: _id, version: _version, ...goal } = buildGoal(params);
  return params.id ? { ...goal, id: params.id } : goal;
}

export function projectInput(
  params: Partial<Omit<PmoProject, 'version'>> = {},
): Omit<PmoProject, 'id' | 'version'> & { id?: string } {
  const { version: _v, id, ...rest } = buildProject(params as Partial<PmoProject>);
  return params.id ? { ...rest, id } : rest;
}
