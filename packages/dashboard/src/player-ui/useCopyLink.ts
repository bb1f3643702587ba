import { useCallback, useEffect, useState } from 'react';
import type { ReplayController } from '../player/ReplayController.js';
import { currentProject } from '../api/currentProject.js';
import { shareLink } from '../share/shareLink.js';

/** How long the "copied" state shows. */
const COPIED_FEEDBACK_MS = 2_000;

/**
 * "Copy link at current time": writes `/sessions/:id?t=<ms>` to the clipboard. The link is
 * also kept for display, since a clipboard can be refused (insecure origin, permissions).
 */
export function useCopyLink(sessionId: string, controller: ReplayController | null) {
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = useCallback(() => {
    if (!controller) return;
    const url = shareLink(window.location.origin, sessionId, controller.currentTime(), currentProject());
    setLink(url);
    const clipboard = navigator.clipboard;
    if (!clipboard) return;
    clipboard.writeText(url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }, [controller, sessionId]);
  return { link, copied, copy, dismiss: () => setLink(null) };
}
