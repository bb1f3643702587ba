import { SHORTCUTS } from '../shortcuts/keymap.js';
import { CloseIcon } from '../ui/icons.js';

/** The keyboard shortcuts, over the replay. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <div className="shortcuts-help" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcuts-help">
      <div className="shortcuts-heading">
        <h3>Keyboard shortcuts</h3>
        <button type="button" className="icon-button small" aria-label="Close" onClick={onClose}>
          <CloseIcon size={14} />
        </button>
      </div>
      <dl>
        {SHORTCUTS.map(([keys, action]) => (
          <div key={keys}>
            <dt>
              {keys.split(' / ').map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
