import {
  changelogFields,
  discoverFields,
  discoverParentFields,
  normalizeIssue,
  searchFields,
} from '../../src/jira/normalize';
import type { JiraChangeHistory, JiraIssue } from '../../src/jira/schemas';

const categories = new Map([
  ['10000', 'new'],
  ['3', 'indeterminate'],
  ['10001', 'indeterminate'],
  ['10003', 'done'],
]);

const fieldMap = {
  estimate: 'customfield_10016',
  value: 'customfield_10030',
  flagged: 'customfield_10021',
  startDate: null,
};

function issue(fields: Record<string, unknown> = {}): JiraIssue {
  return {
    id: '10042',
    key: 'PAY-42',
    fields: {
      issuetype: { id: '10001', name: 'Story', hierarchyLevel: 0 },
      project: { id: '1', key: 'PAY', name: 'Payments' },
      status: { id: '10003', name: 'Done', statusCategory: { key: 'done' } },
      created: '2026-03-01T09:00:00.000+0000',
      updated: '2026-03-06T09:00:00.000+0000',
      duedate: '2026-03-31',
      parent: { id: '10001', key: 'PAY-1' },
      labels: ['checkout'],
      customfield_10016: 5,
      customfield_10021: null,
      ...fields,
    },
  } as JiraIssue;
}

const history = (id: string, created: string, items: Record<string, string | null>[]): JiraChangeHistory =>
  ({ id, created, items: items.map((i) => ({ field: i.field ?? i.fieldId, ...i })) }) as JiraChangeHistory;

describe('normalizing a Jira issue', () => {
  it('reads statuses, parent and due-date history, estimates and flags from the changelog', () => {
    const item = normalizeIssue(
      issue(),
      [
        history('3', '2026-03-05T09:00:00.000+0000', [
          { fieldId: 'status', from: '10001', fromString: 'In Review', to: '10003', toString: 'Done' },
        ]),
        history('1', '2026-03-02T09:00:00.000+0200', [
          { fieldId: 'status', from: '10000', fromString: 'To Do', to: '3', toString: 'In Progress' },
          {
            fieldId: 'IssueParentAssociation',
            field: 'IssueParentAssociation',
            from: null,
            fromString: null,
            to: '10001',
            toString: 'PAY-1',
          },
        ]),
        history('2', '2026-03-03T09:00:00.000+0000', [
          {
            fieldId: 'customfield_10021',
            field: 'Flagged',
            from: null,
            fromString: null,
            to: '[10019]',
            toString: 'Impediment',
          },
          {
            fieldId: 'duedate',
            from: '2026-03-20',
            fromString: '2026-03-20 00:00:00.0',
            to: '2026-03-31',
            toString: '2026-03-31 00:00:00.0',
          },
          { fieldId: 'status', from: '3', fromString: 'In Progress', to: '10001', toString: 'In Review' },
        ]),
        history('4', '2026-03-04T09:00:00.000+0000', [
          {
            fieldId: 'customfield_10021',
            field: 'Flagged',
            from: '[10019]',
            fromString: 'Impediment',
            to: null,
            toString: null,
          },
        ]),
      ],
      fieldMap,
      categories,
    );
    expect(item).toMatchObject({
      key: 'PAY-42',
      project: 'PAY',
      level: 0,
      parent: 'PAY-1',
      status: 'Done',
      statusCategory: 'done',
      initialStatus: 'To Do',
      initialCategory: 'new',
      estimate: 5,
      due: '2026-03-31',
      labels: ['checkout'],
    });
    expect(item.created).toBe(Date.parse('2026-03-01T09:00:00Z'));
    // Histories are put in time order whatever order Jira sent them in; +0200 is honoured.
    expect(item.transitions).toEqual([
      { at: Date.parse('2026-03-02T07:00:00Z'), status: 'In Progress', category: 'indeterminate' },
      { at: Date.parse('2026-03-03T09:00:00Z'), status: 'In Review', category: 'indeterminate' },
      { at: Date.parse('2026-03-05T09:00:00Z'), status: 'Done', category: 'done' },
    ]);
    expect(item.flagged).toEqual([
      { from: Date.parse('2026-03-03T09:00:00Z'), to: Date.parse('2026-03-04T09:00:00Z') },
    ]);
    expect(item.parentChanges).toEqual([{ at: Date.parse('2026-03-02T07:00:00Z'), from: null, to: 'PAY-1' }]);
    expect(item.dueChanges).toEqual([
      { at: Date.parse('2026-03-03T09:00:00Z'), from: '2026-03-20', to: '2026-03-31' },
    ]);
  });

  it('takes the current status as the initial one when there is no status history', () => {
    const item = normalizeIssue(
      issue({ status: { id: '3', name: 'In Progress', statusCategory: { key: 'indeterminate' } } }),
      [],
      fieldMap,
      categories,
    );
    expect(item.initialStatus).toBe('In Progress');
    expect(item.initialCategory).toBe('indeterminate');
    expect(item.transitions).toEqual([]);
  });

  it('marks an item flagged from creation when it is flagged now and the flag never changed', () => {
    const item = normalizeIssue(
      issue({ customfield_10021: [{ id: '10019', value: 'Impediment' }] }),
      [],
      fieldMap,
      categories,
    );
    expect(item.flagged).toEqual([{ from: Date.parse('2026-03-01T09:00:00Z'), to: null }]);
  });

  it('rejects a date Jira would never send', () => {
    expect(() => normalizeIssue(issue({ created: 'yesterday' }), [], fieldMap, categories)).toThrow(
      'Not a Jira date-time: "yesterday"',
    );
  });
});

describe('field discovery', () => {
  const fields = [
    { id: 'summary', name: 'Summary', schema: { type: 'string' } },
    { id: 'customfield_10016', name: 'Story point estimate', custom: true, schema: { type: 'number' } },
    { id: 'customfield_10026', name: 'Story Points', custom: true, schema: { type: 'number' } },
    { id: 'customfield_10021', name: 'Flagged', custom: true, schema: { type: 'array' } },
    { id: 'customfield_10030', name: 'Business Value', custom: true, schema: { type: 'number' } },
    { id: 'customfield_10015', name: 'Start date', custom: true, schema: { type: 'date' } },
  ];

  it('finds the estimate, value, Flagged and start-date fields by name and type', () => {
    expect(discoverFields(fields)).toEqual({
      estimate: 'customfield_10016',
      value: 'customfield_10030',
      flagged: 'customfield_10021',
      startDate: 'customfield_10015',
    });
  });

  it('asks Jira only for the fields the metrics read', () => {
    const map = discoverFields(fields);
    expect(searchFields(map)).toEqual([
      'summary',
      'issuetype',
      'project',
      'status',
      'created',
      'updated',
      'resolutiondate',
      'resolution',
      'duedate',
      'parent',
      // Who may see the issue: surfaces name it only to viewers Jira shows it to.
      'security',
      'labels',
      'components',
      'customfield_10016',
      'customfield_10030',
      'customfield_10021',
      'customfield_10015',
    ]);
    // A field used for two roles is asked for once.
    expect(
      searchFields({ ...map, value: map.estimate }).filter((f) => f === 'customfield_10016'),
    ).toHaveLength(1);
    expect(changelogFields(map)).toEqual([
      'status',
      'duedate',
      'customfield_10021',
      'IssueParentAssociation',
      'parent',
    ]);
    // With the site's Epic Link and Parent Link fields, their history is asked for too (rule 24).
    expect(changelogFields(map, ['customfield_10014', 'customfield_10018'])).toEqual([
      'status',
      'duedate',
      'customfield_10021',
      'IssueParentAssociation',
      'parent',
      'customfield_10014',
      'customfield_10018',
    ]);
  });

  it('finds the Epic Link and Parent Link fields by their type, or by name', () => {
    expect(
      discoverParentFields([
        ...fields,
        {
          id: 'customfield_10014',
          name: 'Epic Link',
          custom: true,
          schema: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-epic-link' },
        },
        {
          id: 'customfield_10018',
          name: 'Übergeordneter Link',
          custom: true,
          schema: { type: 'any', custom: 'com.atlassian.jpo:jpo-custom-field-parent' },
        },
        { id: 'customfield_10099', name: 'Parent Link', custom: true, schema: { type: 'any' } },
        { id: 'parent', name: 'Parent', custom: false, schema: { type: 'issuelink' } },
      ]),
    ).toEqual(['customfield_10014', 'customfield_10018', 'customfield_10099']);
  });
});

describe('parent history in every shape Jira Cloud writes it (rule 24)', () => {
  const move = (from: string | null, to: string | null) => ({
    from: from && `1${from.length}`,
    fromString: from,
    to: to && `2${to.length}`,
    toString: to,
  });
  const parentsOf = (histories: JiraChangeHistory[], parentFields: string[] = []) =>
    normalizeIssue(issue(), histories, fieldMap, categories, parentFields).parentChanges.map(
      (c) => `${new Date(c.at).toISOString().slice(5, 10)} ${c.from ?? '-'} > ${c.to ?? '-'}`,
    );

  it('reads IssueParentAssociation, parent, Epic Link and Parent Link items, with or without a fieldId', () => {
    const histories = [
      // An older site: the Epic Link custom field, with its id and (older still) without one.
      history('1', '2026-03-01T10:00:00.000+0000', [
        { fieldId: 'customfield_10014', field: 'Epic Link', ...move(null, 'PAY-1') },
      ]),
      history('2', '2026-03-02T10:00:00.000+0000', [{ field: 'Epic Link', ...move('PAY-1', 'PAY-2') }]),
      // Today's shapes: IssueParentAssociation without a fieldId, and parent with one.
      history('3', '2026-03-03T10:00:00.000+0000', [
        { field: 'IssueParentAssociation', ...move('PAY-2', 'PAY-3') },
      ]),
      history('4', '2026-03-04T10:00:00.000+0000', [
        { fieldId: 'parent', field: 'Parent', ...move('PAY-3', 'PAY-4') },
      ]),
      // Advanced Roadmaps' Parent Link, by the id discovery found.
      history('5', '2026-03-05T10:00:00.000+0000', [
        { fieldId: 'customfield_10018', field: 'Übergeordneter Link', ...move('PAY-4', 'PAY-5') },
      ]),
      history('6', '2026-03-06T10:00:00.000+0000', [{ field: 'Parent Link', ...move('PAY-5', null) }]),
    ];
    expect(parentsOf(histories, ['customfield_10014', 'customfield_10018'])).toEqual([
      '03-01 - > PAY-1',
      '03-02 PAY-1 > PAY-2',
      '03-03 PAY-2 > PAY-3',
      '03-04 PAY-3 > PAY-4',
      '03-05 PAY-4 > PAY-5',
      '03-06 PAY-5 > -',
    ]);
  });

  it('counts one move once when a history records it in two shapes', () => {
    const histories = [
      history('1', '2026-03-01T10:00:00.000+0000', [
        { field: 'Epic Link', ...move(null, 'PAY-1') },
        { fieldId: 'IssueParentAssociation', field: 'IssueParentAssociation', ...move(null, 'PAY-1') },
      ]),
      history('2', '2026-03-02T10:00:00.000+0000', [
        { fieldId: 'IssueParentAssociation', field: 'IssueParentAssociation', ...move('PAY-1', 'PAY-2') },
      ]),
    ];
    expect(parentsOf(histories)).toEqual(['03-01 - > PAY-1', '03-02 PAY-1 > PAY-2']);
  });

  it('does not take other custom fields for parent history', () => {
    const histories = [
      history('1', '2026-03-01T10:00:00.000+0000', [
        { fieldId: 'customfield_10077', field: 'Team', ...move(null, 'Platform') },
        { fieldId: 'customfield_10016', field: 'Story point estimate', ...move(null, '5') },
      ]),
    ];
    expect(parentsOf(histories, ['customfield_10014'])).toEqual([]);
  });

  it('keeps the resolution of a resolved issue, and none for an unresolved one', () => {
    const wontDo = normalizeIssue(
      issue({ resolution: { id: '10001', name: "Won't Do" } }),
      [],
      fieldMap,
      categories,
    );
    expect(wontDo.resolution).toBe("Won't Do");
    expect('resolution' in normalizeIssue(issue({ resolution: null }), [], fieldMap, categories)).toBe(false);
  });
});
