import { useState } from 'react';
import type { ElementInfo } from '../inspect/describeElement.js';
import { CopyIcon, InspectIcon } from '../ui/icons.js';
import type { DevtoolsPanel, DevtoolsPanelProps } from './DevtoolsPanel.js';

function ElementCard({ info, title }: { info: ElementInfo; title: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(info.selector).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section className="element-card" data-testid="element-info">
      <h4>{title}</h4>
      <div className="element-tag">
        <span className="token-tag" data-testid="element-tag">
          {info.tag}
        </span>
        {info.id && <span className="token-id" data-testid="element-id">#{info.id}</span>}
        {info.classes.map((name) => (
          <span key={name} className="token-class">
            .{name}
          </span>
        ))}
      </div>
      <dl className="summary-list">
        <div>
          <dt>Size</dt>
          <dd data-testid="element-size">
            {info.width} × {info.height}
          </dd>
        </div>
        <div>
          <dt>Position</dt>
          <dd>
            {Math.round(info.left)}, {Math.round(info.top)}
          </dd>
        </div>
      </dl>
      <div className="selector-row">
        <code className="selector-code" data-testid="element-selector">
          {info.selector}
        </code>
        <button type="button" className="icon-button small" aria-label="Copy selector" title={copied ? 'Copied' : 'Copy selector'} onClick={copy}>
          <CopyIcon size={14} />
        </button>
      </div>
      {info.text && (
        <p className="element-text" data-testid="element-text">
          “{info.text}”
        </p>
      )}
    </section>
  );
}

/** Inspect (spec §5.2): the element under the pointer or picked, and highlighting by selector. */
function InspectPanelView({ inspector, inspecting, onToggleInspect }: DevtoolsPanelProps) {
  const shown = inspecting && inspector.hovered ? inspector.hovered : inspector.pinned;
  return (
    <div className="panel inspect-panel" data-testid="inspect-panel">
      <div className="panel-toolbar">
        <button type="button" className={`toggle-chip${inspecting ? ' on' : ''}`} data-testid="inspect-pick" aria-pressed={inspecting} onClick={onToggleInspect}>
          <InspectIcon size={15} />
          {inspecting ? 'Picking… click an element' : 'Pick an element'}
        </button>
      </div>
      <div className="panel-body">
        {shown ? (
          <ElementCard info={shown} title={inspecting && inspector.hovered ? 'Under the pointer' : 'Picked element'} />
        ) : (
          <p className="muted details-note">Turn on picking and point at the replay to see an element's tag, classes, selector, size and text.</p>
        )}
        <section className="details-section">
          <h4>Highlight by selector</h4>
          <input
            type="text"
            className="panel-search wide"
            placeholder="e.g. button.danger or #list li"
            aria-label="CSS selector to highlight"
            data-testid="highlight-selector"
            value={inspector.selector}
            onChange={(event) => inspector.setSelector(event.currentTarget.value)}
          />
          <p className={inspector.selectorError ? 'alert-text details-note' : 'muted details-note'} data-testid="highlight-count">
            {inspector.selectorError ??
              (inspector.selector.trim() ? `${inspector.matchCount} element${inspector.matchCount === 1 ? '' : 's'} match` : 'Matching elements are outlined in the replay.')}
          </p>
        </section>
      </div>
    </div>
  );
}

export const inspectPanel: DevtoolsPanel = {
  id: 'inspect',
  title: 'Inspect',
  badge: () => null,
  Component: InspectPanelView,
};
