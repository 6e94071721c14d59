import { DEFAULT_GADGET_CONFIGS } from '../../src/contract';
import { readGadgetConfig } from '../../src/contract/config';
import { gadgetPayload } from '../../src/resolvers/gadget-config';

describe('one schema per gadget configuration', () => {
  it('reads a saved configuration field by field, a value that does not fit taking its default', () => {
    expect(readGadgetConfig('flow', undefined)).toEqual(DEFAULT_GADGET_CONFIGS.flow);
    expect(
      readGadgetConfig('flow', {
        weeks: '4',
        scope: { kind: 'project', id: 'Proj_X' },
        byJiraProject: false,
      }),
    ).toEqual({ ...DEFAULT_GADGET_CONFIGS.flow, weeks: 4, byJiraProject: false });
    expect(readGadgetConfig('wins', { count: 25, goalId: 'BAD ID', refresh: '15' })).toEqual({
      goalId: null,
      count: 20,
      refresh: 15,
    });
    expect(readGadgetConfig('health', { show: 'attention', extra: true })).toEqual({
      ...DEFAULT_GADGET_CONFIGS.health,
      show: 'attention',
    });
  });

  it('refuses, in a resolver’s payload, what the schema does not allow, naming the field', () => {
    const weeks = gadgetPayload('flow').safeParse({ config: { weeks: 5 } });
    expect(weeks.success).toBe(false);
    expect(weeks.error?.issues[0]?.path).toEqual(['config', 'weeks']);
    const count = gadgetPayload('wins').safeParse({ config: { count: 21 } });
    expect(count.error?.issues[0]?.message).toBe('must be 1 to 20');
    const goal = gadgetPayload('health').safeParse({ config: { goalId: 'BAD ID' } });
    expect(goal.error?.issues[0]?.message).toBe('must be an id of lowercase letters, digits and dashes');
    expect(gadgetPayload('value').parse({ config: { period: 'year' } }).config).toEqual({
      ...DEFAULT_GADGET_CONFIGS.value,
      period: 'year',
    });
  });
});
