/** Every endpoint of the demo site, by path. */
import { Router } from '../http/router';
import { bulkFetchChangelogs } from './changelog';
import { createPage, getPage, listPages, listSpaces, updatePage } from './confluence';
import { mutate, setFaults } from './control';
import { approximateCount } from './count';
import { listFields } from './fields';
import { bulkFetchIssues } from './issues';
import { parseQueries } from './jql-parse';
import { myself } from './myself';
import { checkPermissions, myPermissions } from './permissions';
import { projectSecurityLevels, searchProjects } from './projects';
import { searchGet, searchPost } from './search';
import { serverInfo, statuses } from './site';

export function buildRouter(): Router {
  return new Router()
    .get('/rest/api/3/search/jql', searchGet)
    .post('/rest/api/3/search/jql', searchPost)
    .post('/rest/api/3/search/approximate-count', approximateCount)
    .post('/rest/api/3/changelog/bulkfetch', bulkFetchChangelogs)
    .post('/rest/api/3/issue/bulkfetch', bulkFetchIssues)
    .get('/rest/api/3/field', listFields)
    .get('/rest/api/3/myself', myself)
    .get('/rest/api/3/project/search', searchProjects)
    .get('/rest/api/3/project/{projectKeyOrId}/securitylevel', projectSecurityLevels)
    .post('/rest/api/3/jql/parse', parseQueries)
    .get('/rest/api/3/mypermissions', myPermissions)
    .post('/rest/api/3/permissions/check', checkPermissions)
    .get('/rest/api/3/status', statuses)
    .get('/rest/api/3/serverInfo', serverInfo)
    .get('/wiki/api/v2/spaces', listSpaces)
    .get('/wiki/api/v2/pages', listPages)
    .post('/wiki/api/v2/pages', createPage)
    .get('/wiki/api/v2/pages/{id}', getPage)
    .put('/wiki/api/v2/pages/{id}', updatePage)
    .post('/__demo/faults', setFaults)
    .post('/__demo/mutate', mutate);
}
