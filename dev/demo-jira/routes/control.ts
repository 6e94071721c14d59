/**
 * Control endpoints for driving the demo site from another process (site admin only):
 * POST /__demo/faults sets or clears fault injection, POST /__demo/mutate moves the data forward.
 */
import { FaultSettingsSchema } from '../faults';
import { validateBody } from '../http/body';
import { badRequest, errorCollection, HttpError } from '../http/errors';
import type { DemoControl, Handler } from '../http/router';
import { MutateOptionsSchema, MutationError } from '../mutate';

function controlOf(control: DemoControl | undefined): DemoControl {
  if (!control) throw new HttpError(404, errorCollection(['This demo Jira has no control endpoints.']));
  return control;
}

export const setFaults: Handler = ({ body, control }) => {
  const target = controlOf(control);
  const settings = body === null ? null : validateBody(FaultSettingsSchema, body);
  target.setFaults(settings);
  return { body: { faults: target.faults()?.settings ?? null } };
};
setFaults.siteAdminOnly = true;

export const mutate: Handler = ({ body, control }) => {
  const target = controlOf(control);
  const options = validateBody(MutateOptionsSchema, body);
  try {
    return { body: target.mutate(options) };
  } catch (error) {
    if (error instanceof MutationError)
      throw badRequest(`Invalid value for '${error.field}': ${error.message}`, {
        [error.field]: error.message,
      });
    throw error;
  }
};
mutate.siteAdminOnly = true;
