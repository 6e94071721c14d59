/**
 * The surfaces' view models (gadgets, the wins page, what Confluence and exports show), and the opaque
 * win ids given to viewers who may not see a win's issues: `resolveWinId` finds a win by either id.
 */
export { SurfacesService, type SurfaceDeps, type WinsPageQuery } from './service';
export { installationSalt, opaqueWinId, resolveWinId, WIN_ID_SALT, type WinIdSalt } from './salt';
export { namedIssues, namesIssues, viewWins, ViewError } from './wins';
export { viewsChanged } from './kept';
