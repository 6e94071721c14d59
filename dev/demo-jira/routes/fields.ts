/** GET /rest/api/3/field: the system fields the demo issues carry and their custom fields (Epic Link among them). */
import { DEMO_FIELDS } from '../catalog';
import type { Handler } from '../http/router';

interface FieldDef {
  id: string;
  name: string;
  schema: Record<string, string | number>;
  clauseNames: string[];
  orderable?: boolean;
}

const SYSTEM: FieldDef[] = [
  { id: 'summary', name: 'Summary', schema: { type: 'string', system: 'summary' }, clauseNames: ['summary'] },
  {
    id: 'issuekey',
    name: 'Key',
    schema: { type: 'string', system: 'issuekey' },
    clauseNames: ['id', 'issue', 'issuekey', 'key'],
    orderable: false,
  },
  {
    id: 'issuetype',
    name: 'Issue Type',
    schema: { type: 'issuetype', system: 'issuetype' },
    clauseNames: ['issuetype', 'type'],
  },
  {
    id: 'project',
    name: 'Project',
    schema: { type: 'project', system: 'project' },
    clauseNames: ['project'],
  },
  { id: 'status', name: 'Status', schema: { type: 'status', system: 'status' }, clauseNames: ['status'] },
  {
    id: 'statusCategory',
    name: 'Status Category',
    schema: { type: 'statusCategory', system: 'statusCategory' },
    clauseNames: ['statusCategory'],
    orderable: false,
  },
  {
    id: 'created',
    name: 'Created',
    schema: { type: 'datetime', system: 'created' },
    clauseNames: ['created', 'createdDate'],
    orderable: false,
  },
  {
    id: 'updated',
    name: 'Updated',
    schema: { type: 'datetime', system: 'updated' },
    clauseNames: ['updated', 'updatedDate'],
    orderable: false,
  },
  {
    id: 'resolutiondate',
    name: 'Resolved',
    schema: { type: 'datetime', system: 'resolutiondate' },
    clauseNames: ['resolutiondate', 'resolved'],
    orderable: false,
  },
  {
    id: 'resolution',
    name: 'Resolution',
    schema: { type: 'resolution', system: 'resolution' },
    clauseNames: ['resolution'],
  },
  {
    id: 'duedate',
    name: 'Due date',
    schema: { type: 'date', system: 'duedate' },
    clauseNames: ['due', 'duedate'],
  },
  { id: 'parent', name: 'Parent', schema: { type: 'issuelink', system: 'parent' }, clauseNames: ['parent'] },
  {
    id: 'security',
    name: 'Security Level',
    schema: { type: 'securitylevel', system: 'security' },
    clauseNames: ['level'],
  },
  {
    id: 'labels',
    name: 'Labels',
    schema: { type: 'array', items: 'string', system: 'labels' },
    clauseNames: ['labels'],
  },
  {
    id: 'statuscategorychangedate',
    name: 'Status Category Changed',
    schema: { type: 'datetime', system: 'statuscategorychangedate' },
    clauseNames: ['statusCategoryChangedDate'],
    orderable: false,
  },
];

const CUSTOM: FieldDef[] = [
  {
    id: DEMO_FIELDS.epicLink,
    name: 'Epic Link',
    schema: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-epic-link', customId: 10014 },
    clauseNames: ['cf[10014]', 'Epic Link'],
  },
  {
    id: DEMO_FIELDS.startDate,
    name: 'Start date',
    schema: {
      type: 'date',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker',
      customId: 10015,
    },
    clauseNames: ['cf[10015]', 'Start date', 'Start date[Date]'],
  },
  {
    id: DEMO_FIELDS.storyPoints,
    name: 'Story point estimate',
    schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 },
    clauseNames: ['cf[10016]', 'Story point estimate'],
  },
  {
    id: DEMO_FIELDS.flagged,
    name: 'Flagged',
    schema: {
      type: 'array',
      items: 'option',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes',
      customId: 10021,
    },
    clauseNames: ['cf[10021]', 'Flagged', 'Flagged[Checkboxes]'],
  },
  {
    id: DEMO_FIELDS.businessValue,
    name: 'Business Value',
    schema: {
      type: 'number',
      custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
      customId: 10030,
    },
    clauseNames: ['cf[10030]', 'Business Value', 'Business Value[Number]'],
  },
];

export const listFields: Handler = () => ({
  body: [
    ...SYSTEM.map((f) => ({
      id: f.id,
      key: f.id,
      name: f.name,
      custom: false,
      orderable: f.orderable ?? true,
      navigable: true,
      searchable: true,
      clauseNames: f.clauseNames,
      schema: f.schema,
    })),
    ...CUSTOM.map((f) => ({
      id: f.id,
      key: f.id,
      name: f.name,
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: f.clauseNames,
      schema: f.schema,
    })),
  ],
});
