/**
 * Change items as Jira's changelog writes them. Items that repeat across issues (status moves, the flag,
 * the resolution) are built once and shared, which keeps a million-issue history affordable.
 */
import { DEMO_FIELDS, IMPEDIMENT_OPTION_ID, STATUSES } from './catalog';
import type { DemoChangeItem } from './types';

function frozen(item: DemoChangeItem): DemoChangeItem {
  return Object.freeze(item);
}

const statusItems = new Map<string, DemoChangeItem>();
for (const from of STATUSES) {
  for (const to of STATUSES) {
    if (from.id === to.id) continue;
    statusItems.set(
      `${from.id}>${to.id}`,
      frozen({
        field: 'status',
        fieldtype: 'jira',
        fieldId: 'status',
        from: from.id,
        fromString: from.name,
        to: to.id,
        toString: to.name,
      }),
    );
  }
}

export function statusItem(fromId: string, toId: string): DemoChangeItem {
  const item = statusItems.get(`${fromId}>${toId}`);
  if (!item) throw new Error(`No status move from ${fromId} to ${toId}`);
  return item;
}

export const FLAG_SET_ITEM = frozen({
  field: 'Flagged',
  fieldtype: 'custom',
  fieldId: DEMO_FIELDS.flagged,
  from: null,
  fromString: null,
  to: `[${IMPEDIMENT_OPTION_ID}]`,
  toString: 'Impediment',
});

export const FLAG_CLEAR_ITEM = frozen({
  field: 'Flagged',
  fieldtype: 'custom',
  fieldId: DEMO_FIELDS.flagged,
  from: `[${IMPEDIMENT_OPTION_ID}]`,
  fromString: 'Impediment',
  to: null,
  toString: null,
});

export const RESOLUTION_DONE_ID = '10000';

export const RESOLUTION_SET_ITEM = frozen({
  field: 'resolution',
  fieldtype: 'jira',
  fieldId: 'resolution',
  from: null,
  fromString: null,
  to: RESOLUTION_DONE_ID,
  toString: 'Done',
});

/** Resolutions of work closed without delivery, by name: the demo closes a few done issues so. */
export const NOT_DELIVERED_RESOLUTIONS: Readonly<Record<string, { id: string; description: string }>> = {
  "Won't Do": { id: '10001', description: 'This issue won’t be actioned.' },
  Duplicate: { id: '10002', description: 'The problem is a duplicate of an existing issue.' },
};

/** The resolution set on a move into Done, under another name than "Done". */
export function resolutionSetItem(name: string): DemoChangeItem {
  return frozen({
    field: 'resolution',
    fieldtype: 'jira',
    fieldId: 'resolution',
    from: null,
    fromString: null,
    to: NOT_DELIVERED_RESOLUTIONS[name]?.id ?? RESOLUTION_DONE_ID,
    toString: name,
  });
}

export const RESOLUTION_CLEAR_ITEM = frozen({
  field: 'resolution',
  fieldtype: 'jira',
  fieldId: 'resolution',
  from: RESOLUTION_DONE_ID,
  fromString: 'Done',
  to: null,
  toString: null,
});

/** Number custom fields keep their values in fromString/toString only, as Jira Cloud does. */
function numberItem(field: string, fieldId: string, from: number | null, to: number | null): DemoChangeItem {
  return {
    field,
    fieldtype: 'custom',
    fieldId,
    from: null,
    fromString: from === null ? null : String(from),
    to: null,
    toString: to === null ? null : String(to),
  };
}

const pointItems = new Map<string, DemoChangeItem>();

export function storyPointsItem(from: number | null, to: number | null): DemoChangeItem {
  const cacheKey = `${from}>${to}`;
  let item = pointItems.get(cacheKey);
  if (!item) {
    item = frozen(numberItem('Story point estimate', DEMO_FIELDS.storyPoints, from, to));
    pointItems.set(cacheKey, item);
  }
  return item;
}

export function businessValueItem(from: number | null, to: number | null): DemoChangeItem {
  return numberItem('Business Value', DEMO_FIELDS.businessValue, from, to);
}

function jiraDateString(date: string | null): string | null {
  return date === null ? null : `${date} 00:00:00.0`;
}

export function dueDateItem(from: string | null, to: string | null): DemoChangeItem {
  return {
    field: 'duedate',
    fieldtype: 'jira',
    fieldId: 'duedate',
    from,
    fromString: jiraDateString(from),
    to,
    toString: jiraDateString(to),
  };
}

export interface IssueRef {
  id: string;
  key: string;
}

/**
 * A parent move as older histories record it: Jira Software's "Epic Link" field, with no fieldId.
 * Jira Cloud keeps these items in the changelog of issues moved before the parent field replaced it.
 */
export function epicLinkItem(from: IssueRef | null, to: IssueRef | null): DemoChangeItem {
  return {
    field: 'Epic Link',
    fieldtype: 'custom',
    from: from?.id ?? null,
    fromString: from?.key ?? null,
    to: to?.id ?? null,
    toString: to?.key ?? null,
  };
}

export function parentItem(from: IssueRef | null, to: IssueRef | null): DemoChangeItem {
  return {
    field: 'IssueParentAssociation',
    fieldtype: 'jira',
    fieldId: 'IssueParentAssociation',
    from: from?.id ?? null,
    fromString: from?.key ?? null,
    to: to?.id ?? null,
    toString: to?.key ?? null,
  };
}
