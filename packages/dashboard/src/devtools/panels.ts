import { consolePanel } from './ConsolePanel.js';
import type { DevtoolsPanel } from './DevtoolsPanel.js';
import { eventsPanel } from './EventsPanel.js';
import { inspectPanel } from './InspectPanel.js';
import { networkPanel } from './NetworkPanel.js';
import { storyPanel } from './StoryPanel.js';

/** The registered devtools panels, in tab order. Adding a panel is adding it here. */
export const DEVTOOLS_PANELS: readonly DevtoolsPanel[] = [eventsPanel, storyPanel, consolePanel, networkPanel, inspectPanel];
