/** GET /rest/api/3/status and GET /rest/api/3/serverInfo: facts about the site itself. */
import { TEAM_TIME_ZONE } from '../calendar';
import type { Handler } from '../http/router';
import { jiraDateTime } from '../render';

export const statuses: Handler = ({ render }) => ({ body: render.allStatuses() });

/** The site's clock is the data set's `now`, so "today" agrees with the generated history and JQL now(). */
export const serverInfo: Handler = ({ url, store }) => ({
  body: {
    baseUrl: url.origin,
    displayUrl: url.origin,
    version: '1001.0.0-SNAPSHOT',
    versionNumbers: [1001, 0, 0],
    deploymentType: 'Cloud',
    buildNumber: 100289,
    buildDate: '2025-12-01T00:00:00.000+0000',
    serverTime: jiraDateTime(store.dataset.now),
    serverTimeZone: TEAM_TIME_ZONE,
    scmInfo: 'demo',
    serverTitle: 'PMO Wins demo Jira',
  },
});
serverInfo.anonymous = true;
