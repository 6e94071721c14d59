import { z } from 'zod';
import { PORTFOLIO_SCOPE_ID, type GadgetConfigs, type GadgetKind } from '../contract';
import {
  GADGET_CONFIG_SCHEMAS,
  ID_MESSAGE,
  ID_PATTERN,
  type ConfigField,
  type ConfigSchema,
} from '../contract/config';

/**
 * A gadget's configuration as zod, from the schema its edit view saves with (src/contract/config.ts): a
 * payload is refused with the field at fault, where the UI would quietly take the default. Ids must have
 * the shape of one; src/resolvers/surfaces.ts refuses those the snapshot does not have.
 */
function zodField(field: ConfigField<unknown>): z.ZodType {
  switch (field.type) {
    case 'id':
      return z.string().regex(ID_PATTERN, ID_MESSAGE).nullable().default(null);
    case 'choice': {
      // Names are an enum, numbers a union of literals: each says what it expected in its own words.
      const values = field.values as readonly (string | number)[];
      if (values.every((v) => typeof v === 'string')) {
        return z.enum(values as readonly string[] as [string, ...string[]]).default(field.default as string);
      }
      return z.union(values.map((v) => z.literal(v))).default(field.default as string | number);
    }
    case 'boolean':
      return z.boolean().default(field.default as boolean);
    case 'whole':
      return z
        .number()
        .int()
        .min(field.min, field.message)
        .max(field.max, field.message)
        .default(field.default as number);
    case 'scope':
      // The shape of an id here; whether the snapshot has it is the resolver's to check (surfaces.ts).
      return z
        .object({ kind: z.enum(field.kinds), id: z.string().regex(ID_PATTERN, ID_MESSAGE) })
        .superRefine((scope, ctx) => {
          if (scope.kind === 'portfolio' && scope.id !== PORTFOLIO_SCOPE_ID) {
            ctx.addIssue({
              code: 'custom',
              path: ['id'],
              message: `must be "${PORTFOLIO_SCOPE_ID}" for the portfolio`,
            });
          }
        })
        .default(field.default as ScopeDefault);
    case 'text':
      return z
        .string()
        .trim()
        .min(1)
        .max(field.maxLength)
        .default(field.default as string);
    case 'pattern':
      return z
        .string()
        .regex(field.pattern)
        .nullable()
        .default(field.default as string | null);
  }
}

type ScopeDefault = { kind: 'portfolio' | 'project' | 'goal'; id: string };

function zodOf<C>(schema: ConfigSchema<C>): z.ZodType<C> {
  const fields = Object.entries(schema) as [string, ConfigField<unknown>][];
  return z.object(
    Object.fromEntries(fields.map(([key, field]) => [key, zodField(field)])),
  ) as unknown as z.ZodType<C>;
}

/** A gadget resolver's payload: its saved configuration, or none for the defaults. */
export const gadgetPayload = <K extends GadgetKind>(kind: K) =>
  z.object({ config: zodOf<GadgetConfigs[K]>(GADGET_CONFIG_SCHEMAS[kind]).optional() });
