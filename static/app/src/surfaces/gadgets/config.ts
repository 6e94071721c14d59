import type { GadgetKind } from '../../../../../src/contract';

/**
 * Which gadget a module key is. Reading a gadget's saved configuration is the contract's
 * (readGadgetConfig in src/contract/config.ts), with the schema the resolvers check it with.
 */
export const GADGET_KINDS: Record<string, GadgetKind> = {
  'portfolio-health-gadget': 'health',
  'delivery-flow-gadget': 'flow',
  'value-by-goal-gadget': 'value',
  'forecast-gadget': 'forecast',
  'recent-wins-gadget': 'wins',
};
