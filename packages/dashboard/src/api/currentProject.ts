/**
 * The project the dashboard shows. A link may name it (`?project=shop`); otherwise the last
 * one chosen in this browser; otherwise none, which the server reads as the default project.
 * Module state rather than React state because the requests started at boot use it too.
 */
const STORAGE_KEY = 'gosight.project';

let current: string | undefined = initialProject();

function initialProject(): string | undefined {
  if (typeof window === 'undefined') return undefined;
  const fromLink = new URLSearchParams(window.location.search).get('project');
  if (fromLink) return fromLink;
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export const currentProject = (): string | undefined => current;

export function setCurrentProject(id: string | undefined): void {
  current = id;
  try {
    if (id) window.localStorage.setItem(STORAGE_KEY, id);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled; the choice then lasts for this page only.
  }
}
