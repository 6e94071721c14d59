import type { Win } from './types';

/**
 * A PMO lead's curation of the wins: featured, hidden, a note or a new title per win id. Kept apart from
 * the wins, which are found afresh on every sync, and laid over them when they are shown.
 */
export interface WinCuration {
  featured: boolean;
  hidden: boolean;
  note: string;
  /** A PMO lead's title instead of the generated one, or null. */
  title: string | null;
  by: string;
  at: number;
  /** Counts the changes; a change names the version it started from. */
  version: number;
}

export interface CuratedWin extends Win {
  /** The generated title, when a PMO lead renamed the win. */
  originalTitle: string | null;
  featured: boolean;
  hidden: boolean;
  note: string;
  /** The curation's version (null: never curated), named by the next change. */
  curationVersion: number | null;
}

/** Applies the curation overlay; featured wins first, then newest first. Hidden wins stay (marked) for curators. */
export function curateWins(
  wins: readonly Win[],
  curation: Readonly<Record<string, WinCuration>>,
): CuratedWin[] {
  return wins
    .map((win) => {
      const c = curation[win.id];
      return {
        ...win,
        title: c?.title ?? win.title,
        originalTitle: c?.title ? win.title : null,
        featured: c?.featured ?? false,
        hidden: c?.hidden ?? false,
        note: c?.note ?? '',
        curationVersion: c?.version ?? null,
      };
    })
    .sort(
      (a, b) =>
        Number(b.featured) - Number(a.featured) || b.date.localeCompare(a.date) || a.id.localeCompare(b.id),
    );
}
