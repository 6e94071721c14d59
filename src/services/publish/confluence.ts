import type { PublishInput, PublishResult } from '../../contract';
import { quarterName } from '../../contract/periods';
import { createPage, findPage, listSpaces, pageUrl, updatePage, type JiraClient } from '../../jira';
import { AppFailure } from '../errors';
import type { SurfacesService } from '../surfaces/service';
import { ViewError } from '../surfaces/wins';
import { winsStorage } from './adf';

/**
 * "Publish to Confluence": the quarter's wins as a page in a chosen space, created or (same title)
 * updated, as the PMO lead, so Confluence applies their permissions. The page is for readers who never
 * open Jira, so every win that names issues is redacted, as for a reader who may see no issue: no epic
 * key or summary, and no PMO lead's title or note of it.
 */
export class PublishService {
  constructor(private readonly surfaces: SurfacesService) {}

  async spaces(asUser: JiraClient): Promise<{ id: string; key: string; name: string }[]> {
    return (await listSpaces(asUser)).map((s) => ({ id: s.id, key: s.key, name: s.name }));
  }

  async publish(asUser: JiraClient, input: PublishInput): Promise<PublishResult> {
    let view;
    try {
      view = await this.surfaces.publicWinsPage({ quarter: input.quarter, goalId: input.goalId });
    } catch (error) {
      if (error instanceof ViewError) throw new AppFailure('validation', error.message, 'quarter');
      throw error;
    }
    if (!view.data) {
      throw new AppFailure('conflict', 'There are no numbers to publish yet: wait for the first refresh.');
    }
    const storage = winsStorage(view.data, input.title, view.generatedAt, view.currency);
    const existing = await findPage(asUser, input.spaceId, input.title);
    const page = existing
      ? await updatePage(asUser, existing, {
          title: input.title,
          storage,
          message: `PMO Wins: ${quarterName(view.data.quarter)}`,
        })
      : await createPage(asUser, { spaceId: input.spaceId, title: input.title, storage });
    return {
      pageId: page.id,
      title: page.title,
      version: page.version.number,
      url: pageUrl(page),
      created: !existing,
    };
  }
}
