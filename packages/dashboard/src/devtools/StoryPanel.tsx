import { useParams } from 'react-router-dom';
import type { StoryStepKind } from '@gosight/shared';
import { fetchSessionStory } from '../api/readApi.js';
import { useApiResource } from '../api/useApiResource.js';
import { formatTime } from '../format/formatTime.js';
import type { DevtoolsPanel, DevtoolsPanelProps } from './DevtoolsPanel.js';

const TROUBLE: ReadonlySet<StoryStepKind> = new Set(['error', 'request', 'rage_click', 'dead_click']);

/** Story: the session in words, each step a link to its moment; the step at the playhead is marked. */
function StoryPanelView({ currentMs, onSeek }: DevtoolsPanelProps) {
  const { id = '' } = useParams();
  // Read once per session: the story is told from what is stored, which the replay does not change.
  const { data: story, error } = useApiResource(id, (signal) => fetchSessionStory(id, signal));
  if (error) return <div className="panel-empty" role="alert">Could not tell this session's story: {error}</div>;
  if (!story) return <div className="panel-empty">Telling the story…</div>;
  let current = -1;
  story.steps.forEach((step, i) => {
    if (step.offsetMs <= currentMs) current = i;
  });
  return (
    <div className="story-panel" data-testid="story-panel">
      <p className="story-summary" data-testid="story-summary">{story.summary}</p>
      <ol className="story-steps">
        {story.steps.map((step, i) => (
          <li key={`${step.kind}-${step.timestamp}-${i}`} className={`story-step kind-${step.kind}${TROUBLE.has(step.kind) ? ' trouble' : ''}${i === current ? ' current' : ''}`}>
            <button type="button" className="story-link" data-testid="story-step" data-kind={step.kind} data-offset={step.offsetMs} onClick={() => onSeek(step.offsetMs)}>
              <span className="story-time">{formatTime(step.offsetMs)}</span>
              <span className="story-text">{step.text}</span>
            </button>
          </li>
        ))}
      </ol>
      {story.omittedSteps > 0 && <p className="muted story-more">{story.omittedSteps} more steps are left out.</p>}
    </div>
  );
}

export const storyPanel: DevtoolsPanel = {
  id: 'story',
  title: 'Story',
  badge: () => null,
  Component: StoryPanelView,
};
